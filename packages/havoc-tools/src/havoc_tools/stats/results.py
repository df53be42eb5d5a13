"""Result types of the statistics tools: plain dataclasses, JSON at full precision."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from havoc_tools._result import ToolResult, fmt, fmt_p


@dataclass
class Assumption:
    """One assumption check run alongside a test (e.g. Shapiro-Wilk on each group)."""

    name: str
    test: str
    statistic: float | None
    p_value: float | None
    passed: bool | None
    note: str = ""

    def line(self) -> str:
        verdict = {True: "ok", False: "VIOLATED", None: "not checked"}[self.passed]
        stat = (
            f"stat={fmt(self.statistic)}, p={fmt_p(self.p_value)}"
            if self.p_value is not None
            else ""
        )
        extra = f" ({self.note})" if self.note else ""
        return f"  - {self.name}: {verdict} [{self.test}{', ' + stat if stat else ''}]{extra}"


@dataclass
class EffectSize:
    name: str
    value: float
    ci_low: float | None = None
    ci_high: float | None = None
    note: str = ""

    def line(self, conf: float) -> str:
        ci = ""
        if self.ci_low is not None and self.ci_high is not None:
            ci = f", {conf:.0%} CI [{fmt(self.ci_low)}, {fmt(self.ci_high)}]"
        return f"effect size {self.name} = {fmt(self.value)}{ci}"


@dataclass
class TestResult(ToolResult):
    """A single hypothesis test.

    ``estimate`` is the quantity the test is about (a mean, a mean difference, a proportion, ...)
    with its confidence interval in ``ci_low``/``ci_high`` at level ``1 - alpha``.
    """

    method: str
    statistic_name: str
    statistic: float
    p_value: float
    df: float | list[float] | None = None
    alternative: str = "two-sided"
    alpha: float = 0.05
    estimate_name: str | None = None
    estimate: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    effect_size: EffectSize | None = None
    n: dict[str, int] = field(default_factory=dict)
    assumptions: list[Assumption] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def significant(self) -> bool:
        return bool(self.p_value < self.alpha)

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["significant"] = self.significant
        return out

    def summary(self) -> str:
        conf = 1 - self.alpha
        df = self.df
        if isinstance(df, (list, tuple)):
            df_txt = ", ".join(fmt(float(d)) for d in df)
        else:
            df_txt = fmt(df) if df is not None else None
        head = f"{self.statistic_name} = {fmt(self.statistic)}"
        if df_txt is not None:
            head += f", df = {df_txt}"
        head += f", p = {fmt_p(self.p_value)} ({self.alternative})"
        lines = [self.method, "  " + head]
        if self.estimate is not None:
            est = f"  {self.estimate_name or 'estimate'} = {fmt(self.estimate)}"
            if self.ci_low is not None and self.ci_high is not None:
                est += f", {conf:.0%} CI [{fmt(self.ci_low)}, {fmt(self.ci_high)}]"
            lines.append(est)
        if self.effect_size is not None:
            lines.append("  " + self.effect_size.line(conf))
        if self.n:
            lines.append("  n: " + ", ".join(f"{k}={v}" for k, v in self.n.items()))
        for key, value in self.extra.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                lines.append(f"  {key} = {fmt(float(value))}")
        if self.assumptions:
            lines.append("  assumptions:")
            lines.extend(a.line() for a in self.assumptions)
        decision = "reject H0" if self.significant else "do not reject H0"
        lines.append(f"  at alpha = {self.alpha:g}: {decision}")
        return "\n".join(lines)


@dataclass
class AnovaRow:
    source: str
    df: float
    sum_sq: float | None
    mean_sq: float | None
    F: float | None = None
    p_value: float | None = None
    eta_sq: float | None = None
    partial_eta_sq: float | None = None
    omega_sq: float | None = None


@dataclass
class AnovaResult(ToolResult):
    """An ANOVA table plus the headline test (the first effect row)."""

    method: str
    table: list[AnovaRow]
    alpha: float = 0.05
    n: dict[str, int] = field(default_factory=dict)
    effect_size: EffectSize | None = None
    assumptions: list[Assumption] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def row(self, source: str) -> AnovaRow:
        for r in self.table:
            if r.source == source:
                return r
        raise KeyError(f"no row {source!r}; rows: {[r.source for r in self.table]}")

    @property
    def F(self) -> float:  # noqa: N802 - statisticians' name
        return float(self.table[0].F)  # type: ignore[arg-type]

    @property
    def p_value(self) -> float:
        return float(self.table[0].p_value)  # type: ignore[arg-type]

    def summary(self) -> str:
        lines = [self.method]
        lines.append(f"  {'source':<22}{'df':>10}{'SS':>14}{'MS':>14}{'F':>11}{'p':>10}")
        for r in self.table:
            lines.append(
                f"  {r.source:<22}{fmt(r.df):>10}{fmt(r.sum_sq):>14}{fmt(r.mean_sq):>14}"
                f"{(fmt(r.F) if r.F is not None else ''):>11}"
                f"{(fmt_p(r.p_value) if r.p_value is not None else ''):>10}"
            )
        if self.effect_size is not None:
            lines.append("  " + self.effect_size.line(1 - self.alpha))
        if self.n:
            lines.append("  n: " + ", ".join(f"{k}={v}" for k, v in self.n.items()))
        for key, value in self.extra.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                lines.append(f"  {key} = {fmt(float(value))}")
        if self.assumptions:
            lines.append("  assumptions:")
            lines.extend(a.line() for a in self.assumptions)
        return "\n".join(lines)


@dataclass
class PairwiseRow:
    """One pairwise comparison; ``statistic_name`` says what ``statistic`` is (Tukey: the
    studentized range q = |diff| / se; Games-Howell: Welch's t = diff / se)."""

    group1: str
    group2: str
    mean_diff: float
    se: float
    statistic: float
    df: float
    p_adj: float
    ci_low: float
    ci_high: float
    reject: bool
    statistic_name: str = "q"


@dataclass
class PostHocResult(ToolResult):
    method: str
    comparisons: list[PairwiseRow]
    alpha: float = 0.05
    n: dict[str, int] = field(default_factory=dict)
    means: dict[str, float] = field(default_factory=dict)

    def pair(self, a: str, b: str) -> PairwiseRow:
        for r in self.comparisons:
            if (r.group1, r.group2) in ((a, b), (b, a)):
                return r
        raise KeyError(f"no comparison {a!r} vs {b!r}")

    def summary(self) -> str:
        stat = self.comparisons[0].statistic_name if self.comparisons else "stat"
        lines = [
            self.method,
            f"  {'pair':<24}{'diff':>11}{'lower':>11}{'upper':>11}{stat:>9}{'p-adj':>10}",
        ]
        for r in self.comparisons:
            pair = f"{r.group2} - {r.group1}"
            lines.append(
                f"  {pair:<24}{fmt(r.mean_diff):>11}{fmt(r.ci_low):>11}{fmt(r.ci_high):>11}"
                f"{fmt(r.statistic):>9}{fmt_p(r.p_adj):>10}{'  *' if r.reject else ''}"
            )
        lines.append(f"  family-wise confidence {1 - self.alpha:.0%}; * = significant")
        return "\n".join(lines)


@dataclass
class PowerResult(ToolResult):
    """Power analysis: the quantity solved for is named in ``solved_for``."""

    method: str
    solved_for: str
    effect_size: float
    n: float
    alpha: float
    power: float
    alternative: str = "two-sided"
    n_rounded: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [self.method, f"  solved for: {self.solved_for}"]
        lines.append(f"  effect size = {fmt(self.effect_size)}, alpha = {self.alpha:g}")
        n_txt = fmt(self.n)
        if self.n_rounded is not None and self.solved_for == "n":
            n_txt += f" (round up: {self.n_rounded})"
        lines.append(f"  n = {n_txt} {self.extra.get('n_meaning', '')}".rstrip())
        lines.append(f"  power = {fmt(self.power)} ({self.alternative})")
        return "\n".join(lines)


def replace(result: Any, **changes: Any) -> Any:
    return dataclasses.replace(result, **changes)
