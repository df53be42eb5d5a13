"""Statistics terminology for lexical matching: acronyms, spelled-out names, synonyms, plurals.

BM25 matches words, so "Cpk" and "process capability index", "GRR" and "gauge repeatability and
reproducibility", "scatter" and "spread" never meet. :func:`expand_terms` adds one *concept
word* for every term of :data:`TERM_GROUPS` it finds, and it runs on both sides (every chunk at
indexing time, every query at search time): a query and a chunk that use different members of a
group then share that group's concept word. The table is standard quality-engineering and
statistics terminology, the same for every document; a concept word is the group's shortest
usual name (``"cpk"``, ``"anova"``), so a text that already uses it gains nothing.

:func:`lexical_terms` is what the BM25 index sees: the content words of the expanded text.
Terms are matched after a plural "s" stemmer (Harman, 1991), so "analysis of variances" finds
"analysis of variance"; the BM25 words themselves are not stemmed (on the tuning half of the
handbook questions, stemming them added nothing to the expansion and moved one question out of
the top 5: "shifts" of workers met the process "shift" of the CUSUM note; BENCHMARKS.md, RAG).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from havoc_rag.errors import RagError
from havoc_rag.text import STOPWORDS, content_words, words

#: ``(concept word, surface forms)``: forms are matched on whole words, case-insensitively, after
#: the text is split into words and plurals are stemmed (so "Gage R&R", "gage r r" and "gage-R&R"
#: are one form, and "analysis of variances" matches "analysis of variance"). The concept word is
#: added once for each group found in a text.
TERM_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # designs and methods
    ("anova", ("anova", "analysis of variance")),
    ("doe", ("doe", "design of experiments", "designed experiment", "experimental design")),
    ("rsm", ("rsm", "response surface")),
    ("ccd", ("ccd", "central composite")),
    ("bbd", ("bbd", "box behnken")),
    ("lhs", ("lhs", "latin hypercube")),
    ("taguchi", ("taguchi", "robust design", "robust parameter design")),
    ("sn", ("sn ratio", "s n ratio", "signal to noise")),
    ("ols", ("ols", "ordinary least squares", "least squares")),
    ("logistic", ("logistic", "logit")),
    ("vif", ("vif", "variance inflation factor")),
    ("multicollinearity", ("multicollinearity", "collinearity", "collinear")),
    ("tost", ("tost", "two one sided tests", "equivalence test", "equivalence testing")),
    ("hsd", ("hsd", "honestly significant difference", "honest significant difference")),
    ("posthoc", ("post hoc", "posthoc", "pairwise comparison")),
    ("fwer", ("fwer", "familywise error", "family wise error", "experimentwise error")),
    ("fdr", ("fdr", "false discovery rate")),
    ("nonparametric", ("nonparametric", "non parametric", "distribution free", "rank based")),
    ("ranksum", ("rank sum", "mann whitney", "u test")),
    (
        "normality",
        (
            "normality",
            "normally distributed",
            "normal distribution",
            "gaussian",
            "bell curve",
            "bell shaped",
        ),
    ),
    ("chisquare", ("chi square", "chi squared", "χ2", "chisquare")),
    ("contingency", ("contingency", "cross tabulation", "crosstab", "cross tab")),
    ("ci", ("ci", "confidence interval")),
    ("df", ("df", "degrees of freedom")),
    ("r2", ("r2", "r squared", "coefficient of determination")),
    ("homoscedasticity", ("homoscedasticity", "homogeneity of variance", "equal variance")),
    (
        "heteroscedasticity",
        ("heteroscedasticity", "heteroskedasticity", "unequal variance", "non constant variance"),
    ),
    ("sd", ("sd", "stdev", "std dev", "standard deviation")),
    # "scatter plot" is a plot, not spread: the longer form wins and has a group of its own
    ("spread", ("spread", "scatter", "dispersion", "variability")),
    ("scatterplot", ("scatterplot", "scatter plot", "scatter diagram")),
    ("mean", ("mean", "average")),
    ("paired", ("paired", "matched pair", "before after", "pre post", "repeated measure")),
    # process control and capability
    ("spc", ("spc", "statistical process control")),
    ("ewma", ("ewma", "exponentially weighted moving average")),
    ("cusum", ("cusum", "cumulative sum")),
    (
        "imr",
        (
            "imr",
            "i mr",
            "x mr",
            "xmr",
            "individuals chart",
            "individuals and moving range",
            "individual value",
        ),
    ),
    # "X̄" itself loses its macron when split into words, so only the spelled forms count
    ("xbar", ("xbar", "x bar")),
    ("arl", ("arl", "average run length")),
    ("runrules", ("run rule", "runs rule", "nelson rule", "western electric")),
    ("special", ("special cause", "assignable cause")),
    ("cpk", ("cpk", "cp", "process capability", "capability index", "capability indices")),
    ("ppk", ("ppk", "pp", "process performance", "performance index", "performance indices")),
    # a tolerance interval is not a specification: the longer form has a group of its own
    ("specification", ("specification", "spec limit", "usl", "lsl", "tolerance")),
    ("toleranceinterval", ("tolerance interval",)),
    (
        "grr",
        (
            "grr",
            "gage r r",
            "gauge r r",
            "gage rr",
            "gauge rr",
            "msa",
            "measurement system analysis",
            "measurement systems analysis",
            "repeatability and reproducibility",
        ),
    ),
    ("gage", ("gage", "gauge")),
    # "fraction" alone is also a fractional design ("half fraction"), "percent" a confidence
    # level: only their defective-rate phrases count as proportions
    (
        "proportion",
        (
            "proportion",
            "fraction defective",
            "fraction nonconforming",
            "percent defective",
            "percent nonconforming",
            "percentage defective",
        ),
    ),
    ("defective", ("defective", "nonconforming", "non conforming", "reject")),
    ("defect", ("defect", "nonconformity", "nonconformities", "flaw", "blemish", "blemishes")),
)


def _plural_stem(word: str) -> str:
    """Harman's S stemmer: "-ies" -> "-y", "-es" -> "-e", "-s" -> "" with the usual exceptions."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if word.endswith("s") and not word.endswith(("us", "ss", "is")):
        return word[:-1]
    return word


def _stems(text: str) -> list[str]:
    # stop words are kept as they are: "does" is not the plural of "doe"
    return [w if w in STOPWORDS else _plural_stem(w) for w in words(text)]


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    concept_of: dict[str, str] = {}
    for concept, forms in TERM_GROUPS:
        for form in forms:
            key = " ".join(_stems(form))
            if not key:
                raise ValueError(f"term form {form!r} of {concept!r} has no words")
            if concept_of.setdefault(key, concept) != concept:
                raise ValueError(f"term form {form!r} belongs to two groups")
    # longest forms first, so "analysis of variance" wins over a shorter overlapping form
    alternatives = sorted(concept_of, key=lambda f: (-len(f), f))
    pattern = re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\S)")
    return pattern, concept_of


def table_digest() -> str:
    """A short hash of :data:`TERM_GROUPS` (an index records it, so a changed table is caught)."""
    # the suffix names the matching rules (plural-stemmed forms, concept words appended)
    return hashlib.sha256(f"{TERM_GROUPS!r}|stemmed-forms-v1".encode()).hexdigest()[:12]


def concepts(text: str) -> list[str]:
    """The concept words of the groups whose terms occur in ``text``, in order of first use.

    >>> concepts("Is the process capability index (Cpk) of gage R&R data valid?")
    ['cpk', 'grr']
    """
    pattern, concept_of = _matcher()
    found = (concept_of[m.group(0)] for m in pattern.finditer(" ".join(_stems(text))))
    return list(dict.fromkeys(found))


def expand_terms(text: str) -> str:
    """``text`` followed by the concept words it does not already contain (see module doc).

    >>> expand_terms("machines with different scatter")
    'machines with different scatter\\nspread'
    >>> expand_terms("Cpk below 1.33")
    'Cpk below 1.33'
    """
    if not isinstance(text, str):
        raise RagError(f"expand_terms expects a str, got {type(text).__name__}")
    present = set(words(text))
    extra = [c for c in concepts(text) if c not in present]
    return f"{text}\n{' '.join(extra)}" if extra else text


def lexical_terms(text: str) -> list[str]:
    """What BM25 indexes: the content words of :func:`expand_terms` text.

    >>> lexical_terms("Percent nonconforming of the Cpk study")
    ['percent', 'nonconforming', 'cpk', 'study', 'proportion']
    """
    return content_words(expand_terms(text))


__all__ = ["TERM_GROUPS", "concepts", "expand_terms", "lexical_terms", "table_digest"]
