"""The common base of every havoc-tools result: typed, JSON-serialisable, readable.

Every public function returns a dataclass deriving from :class:`ToolResult`. ``to_dict()`` gives
plain JSON types at full precision (numpy scalars and arrays become floats/lists, pandas frames
become lists of records, NaN/inf become ``None``); rounding happens only in ``summary()``.
"""

from __future__ import annotations

import dataclasses
import json
import math
from typing import Any


def to_jsonable(value: Any) -> Any:
    """Convert ``value`` to plain JSON types without losing precision."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in value]
    # numpy / pandas without importing them eagerly
    module = type(value).__module__
    if module.startswith("numpy"):
        if hasattr(value, "tolist"):
            return to_jsonable(value.tolist())
        return to_jsonable(value.item())
    if module.startswith("pandas"):
        if hasattr(value, "to_dict") and hasattr(value, "columns"):
            return to_jsonable(value.to_dict(orient="records"))
        if hasattr(value, "to_dict"):
            return to_jsonable(value.to_dict())
    if hasattr(value, "to_dict"):
        return to_jsonable(value.to_dict())
    return str(value)


@dataclasses.dataclass
class ToolResult:
    """Base class: subclasses are dataclasses and implement :meth:`summary`."""

    def to_dict(self) -> dict[str, Any]:
        out = to_jsonable(self)
        out["kind"] = type(self).__name__
        return out

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), allow_nan=False, **kwargs)

    def summary(self) -> str:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def __str__(self) -> str:
        return self.summary()


def fmt(x: float | None, digits: int = 4) -> str:
    """Format a number for display only (JSON keeps full precision)."""
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "n/a"
    if x == 0:
        return "0"
    ax = abs(x)
    if ax < 1e-4 or ax >= 1e6:
        return f"{x:.{digits - 1}e}"
    return f"{x:.{digits}g}" if ax < 1 else f"{x:.{digits}f}".rstrip("0").rstrip(".")


def fmt_p(p: float | None) -> str:
    """p-values the way reports show them."""
    if p is None or not math.isfinite(p):
        return "n/a"
    return "< 0.0001" if p < 1e-4 else f"{p:.4f}"
