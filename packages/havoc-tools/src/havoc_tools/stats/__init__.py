"""Hypothesis tests, post-hoc comparisons and power analysis.

Every function returns a typed result (see :mod:`havoc_tools.stats.results`) with the statistic,
degrees of freedom, p-value, the method actually used, effect size with CI where one exists,
group sizes and the assumption checks that were run. Submodules (and scipy) load on first use, so
``import havoc_tools.stats`` is cheap.

>>> from havoc_tools.stats import ttest_ind
>>> ttest_ind([5.1, 4.9, 5.3, 5.0], [5.6, 5.8, 5.5, 5.9]).method
'Welch two-sample t-test (Welch-Satterthwaite df)'
"""

from __future__ import annotations

from havoc_tools._lazy import lazy_exports

_WHERE = {
    "ttest_1samp": "ttests",
    "ttest_ind": "ttests",
    "ttest_paired": "ttests",
    "tost": "ttests",
    "ttest_summary": "ttests",
    "anova_oneway": "anova",
    "welch_anova": "anova",
    "anova_twoway": "anova",
    "anova_rm": "anova",
    "tukey_hsd": "posthoc",
    "games_howell": "posthoc",
    "p_adjust": "multiple",
    "dunnett": "multiple",
    "friedman": "multiple",
    "mcnemar": "multiple",
    "cochran_q": "multiple",
    "AdjustedPValues": "multiple",
    "chi2_gof": "categorical",
    "chi2_independence": "categorical",
    "fisher_exact": "categorical",
    "prop_test_1": "categorical",
    "prop_test_2": "categorical",
    "shapiro_wilk": "distribution",
    "anderson_darling": "distribution",
    "levene": "distribution",
    "bartlett": "distribution",
    "mann_whitney": "nonparametric",
    "wilcoxon": "nonparametric",
    "kruskal_wallis": "nonparametric",
    "correlation": "correlations",
    "partial_correlation": "correlations",
    "CorrelationResult": "correlations",
    "crosstab": "contingency",
    "mantel_haenszel": "contingency",
    "f_test_variances": "variances",
    "mood_scale": "variances",
    "fligner": "variances",
    "ks_test": "goodness_of_fit",
    "ks_2samp": "goodness_of_fit",
    "lilliefors": "goodness_of_fit",
    "describe": "descriptive",
    "DescriptiveResult": "descriptive",
    "DescriptiveRow": "descriptive",
    "power_ttest": "power",
    "power_anova": "power",
    "power_proportions": "power",
    # --- spcpower ---
    "power_proportion": "power_extra",
    "power_tost": "power_extra",
    "power_factorial": "power_extra",
    "power_curve": "power_extra",
    "PowerCurve": "power_extra",
    # --- end spcpower ---
    "TestResult": "results",
    "AnovaResult": "results",
    "AnovaRow": "results",
    "PostHocResult": "results",
    "PairwiseRow": "results",
    "PowerResult": "results",
    "EffectSize": "results",
    "Assumption": "results",
    # --- capability ---
    "tolerance_interval": "tolerance",
    "normal_tolerance_factor": "tolerance",
    "ToleranceInterval": "tolerance",
}

__all__ = sorted(_WHERE)

__getattr__, __dir__ = lazy_exports(__name__, _WHERE)
