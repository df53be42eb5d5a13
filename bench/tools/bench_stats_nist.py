"""Log relative error (correct significant digits) of havoc-tools against NIST StRD certified
values, next to statsmodels / scipy on the same data. Prints a Markdown table.

    uv run python bench/tools/bench_stats_nist.py
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packages" / "havoc-tools" / "tests"))

from nist_data import (  # noqa: E402
    ANOVA_SETS,
    LLS_SETS,
    anova_dataset,
    lls_formula_and_data,
    load_lls,
    lre,
)


def regression_rows() -> list[str]:
    import statsmodels.api as sm
    from havoc_tools.regression import ols

    rows = [
        "| dataset | coef (havoc) | SD (havoc) | resid SD | R² | coef (statsmodels OLS, pinv) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in LLS_SETS:
        ds = load_lls(name)
        formula, data = lls_formula_and_data(ds)
        fit = ols(formula, data)
        b = min(lre(c.estimate, t) for c, t in zip(fit.coefficients, ds["beta"], strict=True))
        s = min(lre(c.se, t) for c, t in zip(fit.coefficients, ds["sd"], strict=True))
        X = np.column_stack(
            [np.ones(len(ds["y"]))] * (ds["model"] != "noint")
            + (
                [ds["x"]]
                if ds["model"] in ("linear", "noint")
                else [ds["x"][:, 0] ** k for k in range(1, int(ds["model"].split()[1]) + 1)]
            )
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            smb = sm.OLS(ds["y"], X).fit().params
        smb_lre = min(lre(e, t) for e, t in zip(smb, ds["beta"], strict=True))
        rows.append(
            f"| {name} | {b:.1f} | {s:.1f} | {lre(fit.residual_sd, ds['residual_sd']):.1f}"
            f" | {lre(fit.r_squared, ds['r_squared']):.1f} | {smb_lre:.1f} |"
        )
    return rows


def anova_rows() -> list[str]:
    from havoc_tools.stats import anova_oneway
    from scipy import stats

    rows = [
        "| dataset | SS between | SS within | F | R² | resid SD | F (scipy f_oneway) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in ANOVA_SETS:
        groups, c = anova_dataset(name)
        r = anova_oneway(groups)
        b, w = r.table[0], r.table[1]
        sf = stats.f_oneway(*groups).statistic
        rows.append(
            f"| {name} | {lre(b.sum_sq, c['ss_between']):.1f} | "
            f"{lre(w.sum_sq, c['ss_within']):.1f} | {lre(b.F, c['F']):.1f} | "
            f"{lre(r.extra['r_squared'], c['r_squared']):.1f} | "
            f"{lre(r.extra['residual_sd'], c['residual_sd']):.1f} | {lre(sf, c['F']):.1f} |"
        )
    return rows


if __name__ == "__main__":
    print("Linear regression (NIST StRD LLS), LRE = correct significant digits (15 = all)\n")
    print("\n".join(regression_rows()))
    print("\nOne-way ANOVA (NIST StRD), LRE\n")
    print("\n".join(anova_rows()))
