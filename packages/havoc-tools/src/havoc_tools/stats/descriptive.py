"""Descriptive statistics of one or more numeric columns, overall or per group.

Quartiles: ``method="linear"`` (default; numpy / pandas / R type 7, position 1 + (n - 1) p) or
``method="minitab"`` (Minitab / SPSS / R type 6, position (n + 1) p). Skewness and kurtosis are
the bias-corrected sample versions G1 and G2 (excess kurtosis) that pandas ``.skew()`` /
``.kurt()``, Minitab and Excel report.

>>> from havoc_tools.stats import describe
>>> r = describe([2.0, 4.0, 4.0, 5.0, 7.0, 9.0])
>>> r.mean, r.median, r.mode
(5.166666666666667, 4.5, [4.0])
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from havoc_tools._result import ToolResult, fmt
from havoc_tools._validate import column

QUANTILE_METHODS = {
    "linear": ("linear", "linear interpolation at 1 + (n - 1)p (numpy/pandas default, R type 7)"),
    "minitab": ("weibull", "Minitab's (n + 1)p positions (R type 6)"),
}


@dataclass
class DescriptiveRow:
    """The statistics of one variable (in one group). ``None`` where a statistic is undefined
    (std of one value, skewness of fewer than 3 or of constant values, cv when the mean is 0)."""

    variable: str
    group: str | None
    n: int
    n_missing: int
    mean: float
    median: float
    mode: list[float]
    mode_count: int
    mode_note: str
    min: float
    max: float
    range: float
    q1: float
    q3: float
    iqr: float
    std: float | None
    variance: float | None
    se_mean: float | None
    skewness: float | None
    kurtosis: float | None
    cv: float | None
    sum: float
    # percentiles asked for, keyed by the percent as written ("90", "2.5"), same quantile rule
    percentiles: dict[str, float] = field(default_factory=dict)


@dataclass
class DescriptiveResult(ToolResult):
    """Descriptive statistics: one :class:`DescriptiveRow` per variable (and group).

    With a single row its statistics are also attributes (``result.mean``) and top-level keys
    of ``to_dict()``.
    """

    method: str
    quantile_method: str
    rows: list[DescriptiveRow] = field(default_factory=list)
    by: str | None = None

    def __getattr__(self, name: str) -> Any:
        rows = self.__dict__.get("rows")
        if rows and len(rows) == 1 and name in DescriptiveRow.__dataclass_fields__:
            return getattr(rows[0], name)
        raise AttributeError(name)

    def row(self, variable: str | None = None, group: str | None = None) -> DescriptiveRow:
        for r in self.rows:
            if (variable is None or r.variable == variable) and (group is None or r.group == group):
                return r
        raise KeyError(f"no row for variable={variable!r}, group={group!r}")

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if len(self.rows) == 1:
            out.update({k: v for k, v in out["rows"][0].items() if k not in out})
        return out

    def summary(self) -> str:
        cols = [
            ("n", "n"),
            ("n*", "n_missing"),
            ("mean", "mean"),
            ("SE mean", "se_mean"),
            ("std", "std"),
            ("min", "min"),
            ("Q1", "q1"),
            ("median", "median"),
            ("Q3", "q3"),
            ("max", "max"),
            ("skew", "skewness"),
            ("kurt", "kurtosis"),
        ]
        label = [r.variable + (f" [{r.group}]" if r.group is not None else "") for r in self.rows]
        width = max(10, *(len(s) + 2 for s in label))
        lines = [self.method, f"  quartiles: {self.quantile_method}"]
        lines.append("  " + "variable".ljust(width) + "".join(f"{h:>10}" for h, _ in cols))
        for lab, r in zip(label, self.rows, strict=True):
            cells = []
            for _, key in cols:
                v = getattr(r, key)
                cells.append(f"{(str(v) if isinstance(v, int) else fmt(v, 5)):>10}")
            lines.append("  " + lab.ljust(width) + "".join(cells))
        for lab, r in zip(label, self.rows, strict=True):
            modes = ", ".join(fmt(m, 6) for m in r.mode[:5]) + (" ..." if len(r.mode) > 5 else "")
            lines.append(
                f"  {lab}: mode {modes or '-'} ({r.mode_note}); variance {fmt(r.variance)}, "
                f"range {fmt(r.range)}, IQR {fmt(r.iqr)}, CV {fmt(r.cv)}, sum {fmt(r.sum)}"
            )
        return "\n".join(lines)


def _modes(a: np.ndarray) -> tuple[list[float], int, str]:
    values, counts = np.unique(a, return_counts=True)
    top = int(counts.max())
    if top == 1:
        return [], 1, "no mode: all values are unique"
    modes = [float(v) for v in values[counts == top]]
    note = f"occurs {top} times"
    if len(modes) > 1:
        note = f"no unique mode: {len(modes)} values each occur {top} times"
    return modes, top, note


def _skew_kurt(a: np.ndarray) -> tuple[float | None, float | None]:
    n = a.size
    d = a - a.mean()
    m2 = float(np.mean(d**2))
    if m2 == 0 or n < 3:
        return None, None
    g1 = float(np.mean(d**3)) / m2**1.5
    skew = math.sqrt(n * (n - 1)) / (n - 2) * g1
    if n < 4:
        return skew, None
    g2 = float(np.mean(d**4)) / m2**2 - 3
    kurt = (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * g2 + 6)
    return skew, kurt


def _percent_key(p: float) -> str:
    return f"{p:g}"


def _check_percentiles(percentiles: Any) -> list[float]:
    out = []
    for p in percentiles or ():
        if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0 < p < 100:
            raise ValueError(
                f"percentiles must be numbers between 0 and 100 (exclusive), got {p!r}"
            )
        out.append(float(p))
    return out


def describe_values(
    values: Any,
    variable: str = "x",
    group: str | None = None,
    method: str = "linear",
    percentiles: Any = (),
) -> DescriptiveRow:
    """Statistics of one sample; NaN counts as missing. ``percentiles`` (0-100, exclusive) are
    computed by the same quantile rule as the quartiles."""
    pcts = _check_percentiles(percentiles)
    try:
        raw = np.asarray(values, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        raise ValueError(
            f"{variable}: describe needs numeric values; this column holds text or labels"
        ) from None
    if np.isinf(raw).any():
        raise ValueError(f"{variable}: contains an infinite value")
    a = raw[~np.isnan(raw)]
    missing = int(raw.size - a.size)
    where = f"{variable}" + (f" (group {group!r})" if group is not None else "")
    if a.size == 0:
        raise ValueError(f"{where}: needs at least 1 non-missing value, got none")
    n = int(a.size)
    q1, med, q3 = np.quantile(a, [0.25, 0.5, 0.75], method=QUANTILE_METHODS[method][0])
    mean = float(a.mean())
    std = float(a.std(ddof=1)) if n > 1 else None
    skew, kurt = _skew_kurt(a)
    modes, mode_count, note = _modes(a)
    return DescriptiveRow(
        variable=variable,
        group=group,
        n=n,
        n_missing=missing,
        mean=mean,
        median=float(np.median(a)),
        mode=modes,
        mode_count=mode_count,
        mode_note=note,
        min=float(a.min()),
        max=float(a.max()),
        range=float(a.max() - a.min()),
        q1=float(q1),
        q3=float(q3),
        iqr=float(q3 - q1),
        std=std,
        variance=None if std is None else std * std,
        se_mean=None if std is None else std / math.sqrt(n),
        skewness=skew,
        kurtosis=kurt,
        cv=None if std is None or mean == 0 else std / mean,
        sum=float(math.fsum(a)),
        percentiles={
            _percent_key(p): float(np.quantile(a, p / 100, method=QUANTILE_METHODS[method][0]))
            for p in pcts
        },
    )


def describe(
    data: Any,
    columns: str | list[str] | None = None,
    *,
    by: str | None = None,
    method: str = "linear",
    percentiles: Any = None,
) -> DescriptiveResult:
    """Descriptive statistics: n, missing, mean, median, mode(s), min, max, range, Q1, Q3, IQR,
    std and variance (n - 1), SE of the mean, skewness, excess kurtosis, CV and sum; with
    ``percentiles`` (e.g. ``[10, 90]``) those percentiles too, by the quartiles' rule.

    ``data`` is one sample (list, array, Series) or a table; with a table name the ``columns``
    to describe (one name or a list; default every numeric column) and optionally ``by`` a
    grouping column for one row per group. ``method``: ``"linear"`` or ``"minitab"`` quartiles.
    """
    import pandas as pd

    if method not in QUANTILE_METHODS:
        raise ValueError(f"method must be 'linear' or 'minitab', got {method!r}")
    quant = QUANTILE_METHODS[method][1]
    title = "Descriptive statistics (sample std and variance with n - 1)"
    if isinstance(data, dict) and all(np.ndim(v) == 1 for v in data.values()):
        data = pd.DataFrame(data)
    if not hasattr(data, "columns"):
        if by is not None or columns is not None:
            raise ValueError("columns= and by= need a table (DataFrame or dict of columns)")
        name = str(getattr(data, "name", None) or "x")
        return DescriptiveResult(
            title, quant, [describe_values(data, name, None, method, percentiles or ())]
        )
    if columns is None:
        columns = [
            str(c) for c in data.columns if c != by and pd.api.types.is_numeric_dtype(data[c])
        ]
        if not columns:
            raise ValueError("the table has no numeric columns to describe")
    names = [columns] if isinstance(columns, str) else list(columns)
    cols = {nm: column(data, nm) for nm in names}
    if by is None:
        rows = [
            describe_values(cols[nm].to_numpy(), nm, None, method, percentiles or ())
            for nm in names
        ]
        return DescriptiveResult(title, quant, rows)
    g = column(data, by)
    if g.isna().any():
        raise ValueError(f"column {by!r} has missing group labels")
    levels = list(dict.fromkeys(g.tolist()))
    rows = [
        describe_values(
            cols[nm][(g == lv).to_numpy()].to_numpy(), nm, str(lv), method, percentiles or ()
        )
        for nm in names
        for lv in levels
    ]
    return DescriptiveResult(title, quant, rows, by=by)
