"""Crossed Gage R&R by the ANOVA method (AIAG MSA, Montgomery)."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from .._result import ToolResult, fmt, fmt_p
from .._validate import as_1d, column


@dataclasses.dataclass
class GageRR(ToolResult):
    method: str
    n_parts: int
    n_operators: int
    n_replicates: int
    anova: list[dict[str, Any]]
    interaction_pooled: bool
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
        lines.append(f"{'source':<22}{'df':>4}{'SS':>12}{'MS':>12}{'F':>10}{'p':>10}")
        for r in self.anova:
            lines.append(
                f"{r['source']:<22}{r['df']:>4}{fmt(r['ss']):>12}{fmt(r['ms']):>12}"
                f"{fmt(r.get('f')):>10}{fmt_p(r.get('p')):>10}"
            )
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
    interaction_alpha: float | None = 0.25,
) -> GageRR:
    """Crossed Gage R&R study by two-way ANOVA with interaction.

    ``data``: a DataFrame in long form (one row per measurement) with the ``part``, ``operator``
    and ``measurement`` columns; every part x operator cell needs the same number (>= 2) of
    replicates. If the part x operator interaction has p > ``interaction_alpha`` (Minitab's 0.25)
    it is pooled into repeatability; ``interaction_alpha=None`` always keeps it. ``k`` is the
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
    pooled = interaction_alpha is not None and p_po > interaction_alpha

    def frow(src: str, ss: float, df: int, ms: float, den: float, dfd: int) -> dict[str, Any]:
        f = ms / den if den > 0 else None
        return {
            "source": src,
            "df": df,
            "ss": ss,
            "ms": ms,
            "f": f,
            "p": float(stats.f.sf(f, df, dfd)) if f is not None else None,
        }

    if not pooled:
        anova = [
            frow("Part", ss_p, df_p, ms_p, ms_po, df_po),
            frow("Operator", ss_o, df_o, ms_o, ms_po, df_po),
            frow("Part*Operator", ss_po, df_po, ms_po, ms_e, df_e),
            {"source": "Repeatability", "df": df_e, "ss": ss_e, "ms": ms_e, "f": None, "p": None},
        ]
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
            {
                "source": "Repeatability",
                "df": df_pool,
                "ss": ss_po + ss_e,
                "ms": ms_pool,
                "f": None,
                "p": None,
            },
        ]
        var_e = ms_pool
        var_po = 0.0
        var_o = max((ms_o - ms_pool) / (p * r), 0.0)
        var_p = max((ms_p - ms_pool) / (o * r), 0.0)
    anova.append(
        {
            "source": "Total",
            "df": p * o * r - 1,
            "ss": ss_t,
            "ms": ss_t / (p * o * r - 1),
            "f": None,
            "p": None,
        }
    )
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
        + (f", interaction pooled (p > {interaction_alpha:g})" if pooled else ", with interaction"),
        n_parts=p,
        n_operators=o,
        n_replicates=r,
        anova=anova,
        interaction_pooled=pooled,
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
