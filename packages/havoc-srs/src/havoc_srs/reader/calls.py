"""Function calls of statistics software written into a question: R, pandas/SciPy, Excel,
Stata and SPSS vocabulary ("cor.test(Glucose, BMI)", "=CORREL(A, B)", "ks.test(x, "pexp")",
"df.groupby('room_type').price.describe()", "=AVERAGEIFS(value, pollutant, "O3")").

A call names its analysis exactly, with that software's defaults: ``cor.test`` and ``CORREL``
are Pearson unless ``method=`` says otherwise, ``var.test`` is the F test of two variances,
pandas ``describe()`` is count, mean, std, min, quartiles (its 50% is reported as a quartile)
and max, R ``summary()`` is min, quartiles, median, mean and max.

>>> [c.name for c in calls("cor.test(Glucose, BMI, method = 'spearman')")]
['cor.test']
>>> call_methods("cor.test(Glucose, BMI, method = 'spearman')")
['spearman']
>>> call_target('ks.test(number_of_reviews, "pexp")')
'exponential'
>>> call_statistics("df.groupby('room_type').price.describe()")
['count', 'mean', 'std', 'min', 'quartiles', 'max']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# name( ... ) with one level of nested brackets, no space before the bracket ("mean (SD)" is
# prose); Excel's leading "=" and dotted R/pandas names
_CALL = re.compile(r"(?<![\w])([A-Za-z_][\w.]*)\(((?:[^()]|\([^()]*\))*)\)")


@dataclass(frozen=True)
class Call:
    name: str  # lower case, the last part of a chain ("df.price.describe" -> "describe")
    args: str
    start: int
    end: int


# correlation functions -> the method they compute by default
_CORRELATION = {
    "cor": "pearson", "cor.test": "pearson", "correl": "pearson", "pearson": "pearson",
    "pearsonr": "pearson", "corr": "pearson", "corrcoef": "pearson", "pwcorr": "pearson",
    "corr.test": "pearson", "rsq": "pearson", "spearmanr": "spearman", "spearman": "spearman",
    "kendalltau": "kendall", "ktau": "kendall", "kendall": "kendall", "pcor": "partial_correlation",
    "pcor.test": "partial_correlation", "partial_corr": "partial_correlation",
    "partial.r": "partial_correlation", "pcorr": "partial_correlation",
}  # fmt: skip
_TESTS = {
    "var.test": "f_test_variance", "sdtest": "f_test_variance", "f.test": "f_test_variance",
    "ftest": "f_test_variance", "bartlett.test": "bartlett", "bartlett": "bartlett",
    "fligner.test": "fligner", "fligner": "fligner", "levene": "levene", "levenetest": "levene",
    "levene_test": "levene", "robvar": "levene", "mood.test": "mood", "mood": "mood",
    "shapiro.test": "shapiro_wilk", "shapiro": "shapiro_wilk", "swilk": "shapiro_wilk",
    "normaltest": "shapiro_wilk", "ad.test": "anderson_darling", "anderson": "anderson_darling",
    "lillie.test": "lilliefors", "lilliefors": "lilliefors", "chisq.test": "chi2_independence",
    "chi2_contingency": "chi2_independence", "fisher.test": "fisher_exact",
    "fisher_exact": "fisher_exact", "mantelhaen.test": "mantel_haenszel",
    "ks_2samp": "ks_two_sample", "vartestn": "bartlett", "vartest2": "f_test_variance",
}  # fmt: skip
_KS = frozenset("ks.test kstest ks_1samp ks".split())
# the distribution argument of a KS call: R's p-functions and SciPy's names
_DIST_ARGS = {
    "pnorm": "normal", "norm": "normal", "pexp": "exponential", "expon": "exponential",
    "exp": "exponential", "punif": "uniform", "uniform": "uniform", "pgamma": "gamma",
    "gamma": "gamma", "pweibull": "weibull", "weibull_min": "weibull", "weibull": "weibull",
    "plnorm": "lognormal", "lognorm": "lognormal",
}  # fmt: skip
_STATISTICS = {
    "mean": ["mean"], "average": ["mean"], "averageif": ["mean"], "averageifs": ["mean"],
    "avg": ["mean"], "median": ["median"], "mode": ["mode"], "mode.sngl": ["mode"],
    "mode.mult": ["mode"], "sd": ["std"], "std": ["std"], "stdev": ["std"], "stdev.s": ["std"],
    "stdev.p": ["std"], "stddev": ["std"], "var": ["variance"], "var.s": ["variance"],
    "var.p": ["variance"], "variance": ["variance"], "quantile": ["quartiles"],
    "quartile": ["quartiles"], "quartile.inc": ["quartiles"], "quartile.exc": ["quartiles"],
    "iqr": ["iqr"], "min": ["min"], "minifs": ["min"], "max": ["max"], "maxifs": ["max"],
    "range": ["range"], "count": ["count"], "countif": ["count"], "countifs": ["count"],
    "nrow": ["count"], "length": ["count"], "len": ["count"], "size": ["count"],
    "value_counts": ["count"], "skew": ["skewness"], "skewness": ["skewness"],
    "kurt": ["kurtosis"], "kurtosis": ["kurtosis"],
    "describe": ["count", "mean", "std", "min", "quartiles", "max"],
    "summary": ["min", "quartiles", "median", "mean", "max"],
    "fivenum": ["min", "quartiles", "max"],
    "summarize": ["count", "mean", "std", "min", "max"],
}  # fmt: skip


def calls(question: str) -> list[Call]:
    """Function calls of statistics software in ``question`` (known names only)."""
    out = []
    for m in _CALL.finditer(question):
        full = m.group(1).lower().strip(".")
        parts = full.split(".")
        # "df.price.describe" -> describe; "cor.test" / "STDEV.S" keep their dotted name
        name = next((n for n in (full, ".".join(parts[-2:]), parts[-1]) if n in _KNOWN), "")
        if name in _KNOWN:
            out.append(Call(name, m.group(2), m.start(), m.end()))
    # an R test named without its brackets ("var.test on Fare for male vs female")
    for m in re.finditer(r"(?<![\w.])([a-z]+\.test)\b(?!\()", question, re.I):
        if m.group(1).lower() in _KNOWN:
            out.append(Call(m.group(1).lower(), "", m.start(), m.end()))
    from havoc_srs.reader.commands import command_calls  # Stata/SPSS: "swilk x", "tabstat y"

    out += [c for c in command_calls(question) if not any(o.start <= c.start < o.end for o in out)]
    return sorted(out, key=lambda c: c.start)


_KNOWN = frozenset(_CORRELATION) | frozenset(_TESTS) | _KS | frozenset(_STATISTICS)


def _method_arg(args: str) -> str | None:
    """The method option of a correlation call: R/pandas ``method = 'spearman'``, MATLAB's
    name-value pair ``'Type','Kendall'``."""
    m = re.search(
        r"(?:method\s*=\s*|['\"](?:type|method)['\"]\s*,\s*)['\"]?(pearson|spearman|kendall)",
        args,
        re.I,
    )
    return m.group(1).lower() if m else None


# MATLAB vartestn's 'TestType' values -> the test run (its default is Bartlett's)
_TEST_TYPES = {
    "bartlett": "bartlett", "levenequadratic": "levene", "leveneabsolute": "levene",
    "brownforsythe": "levene", "obrien": "levene",
}  # fmt: skip


def _test_type_arg(args: str) -> str | None:
    m = re.search(r"['\"]testtype['\"]\s*,\s*['\"](\w+)['\"]", args, re.I)
    return _TEST_TYPES.get(m.group(1).lower()) if m else None


def call_methods(question: str) -> list[str]:
    """The methods the calls name ("cor.test(x, y)" -> pearson, "var.test" -> f_test_variance;
    a KS call against a distribution -> ks_normal, whose target :func:`call_target` gives)."""
    out: list[str] = []
    for c in calls(question):
        if c.name in _CORRELATION:
            out.append(_method_arg(c.args) or _CORRELATION[c.name])
        elif c.name in _TESTS:
            out.append(_test_type_arg(c.args) or _TESTS[c.name])
        elif c.name in _KS:
            out.append("ks_normal" if _ks_target(c.args) else "ks_two_sample")
    return list(dict.fromkeys(out))


def _ks_target(args: str) -> str | None:
    for a in re.findall(r"['\"]([\w.]+)['\"]", args):
        if a.lower() in _DIST_ARGS:
            return _DIST_ARGS[a.lower()]
    return None


def call_target(question: str) -> str | None:
    """The distribution a KS call tests against ("ks.test(x, 'pexp')" -> exponential)."""
    for c in calls(question):
        if c.name in _KS and _ks_target(c.args):
            return _ks_target(c.args)
    return None


def call_statistics(question: str) -> list[str]:
    """Descriptive statistics the calls compute, in order."""
    from havoc_srs.reader.commands import command_statistics

    out: list[str] = []
    for c in calls(question):
        if (got := command_statistics(c)) is not None:  # "tabstat x, stats(mean sd)"
            out += got
        elif c.name == "describe" and question[max(0, c.start - 7) : c.start] == "psych::":
            out += ["count", "mean", "std", "median", "min", "max", "range", "skewness", "kurtosis"]
        elif c.name in _STATISTICS and c.name not in _CORRELATION:
            out += _STATISTICS[c.name]
    return list(dict.fromkeys(out))


def call_spans(question: str) -> list[tuple[int, int]]:
    """Where the calls' names stand (their words are no statistic or method of their own)."""
    return [(c.start, c.start + len(c.name) + 2) for c in calls(question)]


def call_family(question: str) -> str | None:
    """The data family a call's method belongs to, or None."""
    fam = {"pearson": "correlation", "spearman": "correlation", "kendall": "correlation",
           "partial_correlation": "correlation", "chi2_independence": "contingency",
           "fisher_exact": "contingency", "mantel_haenszel": "contingency",
           "ks_two_sample": "distribution", "ks_normal": "distribution"}  # fmt: skip
    for m in call_methods(question):
        if m in fam:
            return fam[m]
        if m in ("f_test_variance", "bartlett", "fligner", "levene", "mood"):
            return "variance"
        if m in ("shapiro_wilk", "anderson_darling", "lilliefors"):
            return "distribution"
    if call_statistics(question):
        return "descriptive"
    return None
