"""Crossed Gage R&R by the ANOVA method (AIAG MSA, Montgomery)."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from .._result import ToolResult, fmt, fmt_p
from .._validate import as_1d, column
from ..stats.results import AnovaRow

# Minitab's current default "alpha to remove interaction term" (Gage R&R Study (Crossed)
# defaults): the part x operator term is removed when its p-value is >= 0.05
INTERACTION_ALPHA = 0.05


@dataclasses.dataclass
class GageRR(ToolResult):
    method: str
    n_parts: int
    n_operators: int
    n_replicates: int
    anova: list[AnovaRow]  # the table the variance components come from
    anova_full: list[AnovaRow]  # the two-way table with the part x operator interaction
    interaction_pooled: bool
    interaction_p_value: float
    interaction_alpha: float | None
    interaction_decision: str
    variance_components: dict[str, float]
    std_dev: dict[str, float]
    study_var: dict[str, float]
    pct_contribution: dict[str, float]
    pct_study_var: dict[str, float]
    pct_tolerance: dict[str, float] | None
    tolerance: float | None
    k: float
    ndc: int
    verdict: str

    def summary(self) -> str:
        lines = [
            f"Gage R&R ({self.method}): {self.n_parts} parts x {self.n_operators} operators x "
            f"{self.n_replicates} replicates"
        ]
        tables = [self.anova_full, self.anova] if self.interaction_pooled else [self.anova]
        for table in tables:
            lines.append(f"{'source':<22}{'df':>4}{'SS':>12}{'MS':>12}{'F':>10}{'p':>10}")
            for r in table:
                lines.append(
                    f"{r.source:<22}{r.df:>4g}{fmt(r.sum_sq):>12}{fmt(r.mean_sq):>12}"
                    f"{fmt(r.F):>10}{fmt_p(r.p_value):>10}"
                )
        lines.append(self.interaction_decision)
        lines.append(
            f"{'component':<22}{'VarComp':>12}{'%Contrib':>10}{'StdDev':>10}{'%StudyVar':>11}"
            + ("%Tol".rjust(9) if self.pct_tolerance else "")
        )
        for key in self.variance_components:
            tol = f"{self.pct_tolerance[key]:>9.2f}" if self.pct_tolerance else ""
            lines.append(
                f"{key:<22}{fmt(self.variance_components[key]):>12}{self.pct_contribution[key]:>10.2f}"
                f"{fmt(self.std_dev[key]):>10}{self.pct_study_var[key]:>11.2f}{tol}"
            )
        lines.append(f"number of distinct categories = {self.ndc}; {self.verdict}")
        return "\n".join(lines)


def gage_rr(
    data: Any,
    part: str = "part",
    operator: str = "operator",
    measurement: str = "measurement",
    *,
    tolerance: float | None = None,
    k: float = 6.0,
    interaction_alpha: float | None = INTERACTION_ALPHA,
) -> GageRR:
    """Crossed Gage R&R study by two-way ANOVA with interaction.

    ``data``: a DataFrame in long form (one row per measurement) with the ``part``, ``operator``
    and ``measurement`` columns; every part x operator cell needs the same number (>= 2) of
    replicates. If the part x operator interaction has p >= ``interaction_alpha`` (default 0.05,
    Minitab's current "alpha to remove interaction term"; older Minitab releases and some texts
    use 0.25, which keeps the term more often) it is removed and pooled into repeatability, and
    ``anova`` is the reduced table (``anova_full`` keeps the two-way table);
    ``interaction_alpha=None`` always keeps it. ``interaction_decision`` says which happened and
    why. ``k`` is the
    study-variation multiplier (6; older AIAG editions use 5.15). ndc = floor(1.41 sd_part /
    sd_GRR) (AIAG).
    """
    from scipy import stats

    if not hasattr(data, "columns"):
        raise ValueError("gage_rr: data must be a pandas DataFrame in long form")
    y = as_1d(column(data, measurement), f"measurement column {measurement!r}", min_n=4)
    parts = np.asarray(column(data, part)).astype(str)
    ops = np.asarray(column(data, operator)).astype(str)
    if not (isinstance(k, (int, float)) and k > 0):
        raise ValueError(f"gage_rr: k must be positive, got {k}")
    if interaction_alpha is not None and not (
        isinstance(interaction_alpha, (int, float))
        and not isinstance(interaction_alpha, bool)
        and 0 < interaction_alpha < 1
    ):
        raise ValueError(
            f"gage_rr: interaction_alpha must be between 0 and 1 or None, got {interaction_alpha!r}"
        )
    if tolerance is not None and not (math.isfinite(tolerance) and tolerance > 0):
        raise ValueError(f"gage_rr: tolerance must be positive, got {tolerance}")
    part_ids, op_ids = sorted(set(parts)), sorted(set(ops))
    p, o = len(part_ids), len(op_ids)
    if p < 2 or o < 2:
        raise ValueError(f"gage_rr: needs at least 2 parts and 2 operators, got {p} and {o}")
    cells: dict[tuple[str, str], list[float]] = {}
    for a, b, v in zip(parts, ops, y, strict=True):
        cells.setdefault((a, b), []).append(float(v))
    counts = {len(cells.get((a, b), [])) for a in part_ids for b in op_ids}
    if len(counts) != 1 or 0 in counts:
        raise ValueError(
            "gage_rr: the study must be balanced and crossed (every operator measures every part "
            f"the same number of times); replicate counts found: {sorted(counts)}"
        )
    r = counts.pop()
    if r < 2:
        raise ValueError("gage_rr: each part needs at least 2 measurements per operator")
    Y = np.array([[cells[(a, b)] for b in op_ids] for a in part_ids])  # (p, o, r)
    grand = Y.mean()
    mp = Y.mean(axis=(1, 2))
    mo = Y.mean(axis=(0, 2))
    mpo = Y.mean(axis=2)
    ss_p = o * r * float(((mp - grand) ** 2).sum())
    ss_o = p * r * float(((mo - grand) ** 2).sum())
    ss_po = r * float(((mpo - mp[:, None] - mo[None, :] + grand) ** 2).sum())
    ss_e = float(((Y - mpo[:, :, None]) ** 2).sum())
    ss_t = float(((Y - grand) ** 2).sum())
    df_p, df_o, df_po, df_e = p - 1, o - 1, (p - 1) * (o - 1), p * o * (r - 1)
    ms_p, ms_o, ms_po, ms_e = ss_p / df_p, ss_o / df_o, ss_po / df_po, ss_e / df_e
    if ms_e == 0:
        raise ValueError(
            "gage_rr: repeatability is zero (identical replicates); the study cannot be analysed"
        )
    f_po = ms_po / ms_e
    p_po = float(stats.f.sf(f_po, df_po, df_e))
    pooled = interaction_alpha is not None and p_po >= interaction_alpha
    if interaction_alpha is None:
        decision = f"part x operator interaction kept (p = {fmt_p(p_po)}; interaction_alpha=None)"
    elif pooled:
        decision = (
            f"part x operator interaction removed and pooled into repeatability: p = "
            f"{fmt_p(p_po)} >= alpha to remove {interaction_alpha:g}"
        )
    else:
        decision = (
            f"part x operator interaction kept: p = {fmt_p(p_po)} < alpha to remove "
            f"{interaction_alpha:g}"
        )

    def frow(src: str, ss: float, df: int, ms: float, den: float, dfd: int) -> AnovaRow:
        f = ms / den if den > 0 else None
        pv = float(stats.f.sf(f, df, dfd)) if f is not None else None
        return AnovaRow(src, df, ss, ms, f, pv)

    total_row = AnovaRow("Total", p * o * r - 1, ss_t, ss_t / (p * o * r - 1))
    anova_full = [
        frow("Part", ss_p, df_p, ms_p, ms_po, df_po),
        frow("Operator", ss_o, df_o, ms_o, ms_po, df_po),
        frow("Part*Operator", ss_po, df_po, ms_po, ms_e, df_e),
        AnovaRow("Repeatability", df_e, ss_e, ms_e),
        total_row,
    ]
    if not pooled:
        anova = anova_full
        var_e = ms_e
        var_po = max((ms_po - ms_e) / r, 0.0)
        var_o = max((ms_o - ms_po) / (p * r), 0.0)
        var_p = max((ms_p - ms_po) / (o * r), 0.0)
    else:
        df_pool = df_po + df_e
        ms_pool = (ss_po + ss_e) / df_pool
        anova = [
            frow("Part", ss_p, df_p, ms_p, ms_pool, df_pool),
            frow("Operator", ss_o, df_o, ms_o, ms_pool, df_pool),
            AnovaRow("Repeatability", df_pool, ss_po + ss_e, ms_pool),
            total_row,
        ]
        var_e = ms_pool
        var_po = 0.0
        var_o = max((ms_o - ms_pool) / (p * r), 0.0)
        var_p = max((ms_p - ms_pool) / (o * r), 0.0)
    repro = var_o + var_po
    grr = var_e + repro
    total = grr + var_p
    vc = {
        "Total Gage R&R": grr,
        "Repeatability": var_e,
        "Reproducibility": repro,
        "Operator": var_o,
    }
    if not pooled:
        vc["Part*Operator"] = var_po
    vc["Part-to-Part"] = var_p
    vc["Total Variation"] = total
    sd = {key: math.sqrt(v) for key, v in vc.items()}
    sv = {key: k * s for key, s in sd.items()}
    pct_c = {key: 100 * v / total for key, v in vc.items()}
    pct_sv = {key: 100 * s / sd["Total Variation"] for key, s in sd.items()}
    pct_tol = {key: 100 * s / tolerance for key, s in sv.items()} if tolerance else None
    ndc = int(math.floor(1.41 * sd["Part-to-Part"] / sd["Total Gage R&R"])) if grr > 0 else 0
    ndc = max(ndc, 1)
    g = pct_sv["Total Gage R&R"]
    verdict = (
        "acceptable (%StudyVar < 10%)"
        if g < 10
        else "marginal (10-30 %StudyVar)"
        if g <= 30
        else "unacceptable (%StudyVar > 30%)"
    )
    return GageRR(
        method="ANOVA, crossed"
        + (
            f", interaction removed (p >= {interaction_alpha:g}) and pooled"
            if pooled
            else ", with interaction"
        ),
        n_parts=p,
        n_operators=o,
        n_replicates=r,
        anova=anova,
        anova_full=anova_full,
        interaction_pooled=pooled,
        interaction_p_value=p_po,
        interaction_alpha=None if interaction_alpha is None else float(interaction_alpha),
        interaction_decision=decision,
        variance_components=vc,
        std_dev=sd,
        study_var=sv,
        pct_contribution=pct_c,
        pct_study_var=pct_sv,
        pct_tolerance=pct_tol,
        tolerance=tolerance,
        k=float(k),
        ndc=ndc,
        verdict=verdict,
    )
