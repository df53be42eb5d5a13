"""Compare two reports: which metrics got better, worse, stayed the same, appeared or vanished."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from havoc_eval.report import load_report


@dataclass(frozen=True)
class MetricChange:
    benchmark: str
    metric: str
    before: float | None
    after: float | None
    higher_is_better: bool | None
    verdict: str  # better | worse | same | changed | new | removed

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def relative(self) -> float | None:
        if self.delta is None or self.before == 0:
            return None
        return self.delta / abs(self.before)

    def to_dict(self) -> dict[str, Any]:
        return {
            "benchmark": self.benchmark,
            "metric": self.metric,
            "before": self.before,
            "after": self.after,
            "delta": self.delta,
            "relative": self.relative,
            "higher_is_better": self.higher_is_better,
            "verdict": self.verdict,
        }


def compare_reports(
    a: str | Path | dict, b: str | Path | dict, *, tolerance: float = 1e-9
) -> list[MetricChange]:
    """Metric by metric from report ``a`` (before) to ``b`` (after).

    A change within ``tolerance`` relative to the larger magnitude counts as ``same``; otherwise
    the metric's ``higher_is_better`` decides ``better``/``worse`` (``changed`` without one).
    """
    ra = a if isinstance(a, dict) else load_report(a)
    rb = b if isinstance(b, dict) else load_report(b)
    before = {(m["benchmark"], m["name"]): m for m in ra["metrics"]}
    after = {(m["benchmark"], m["name"]): m for m in rb["metrics"]}
    changes = []
    for key in list(before) + [k for k in after if k not in before]:
        ma, mb = before.get(key), after.get(key)
        direction = (mb or ma)["higher_is_better"] if (mb or ma) else None
        if ma is None:
            verdict = "new"
        elif mb is None:
            verdict = "removed"
        else:
            va, vb = float(ma["value"]), float(mb["value"])
            if abs(vb - va) <= tolerance * max(abs(va), abs(vb), 1e-300):
                verdict = "same"
            elif direction is None:
                verdict = "changed"
            else:
                verdict = "better" if (vb > va) == direction else "worse"
        changes.append(
            MetricChange(
                key[0],
                key[1],
                None if ma is None else float(ma["value"]),
                None if mb is None else float(mb["value"]),
                direction,
                verdict,
            )
        )
    return changes
