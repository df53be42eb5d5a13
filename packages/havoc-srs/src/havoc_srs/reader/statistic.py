"""What the question asks for: descriptive statistics, a named method, a target distribution.

Phrases are matched on word stems with typo tolerance ("standrad deviation", "kurtossis"), so
each entry lists how people say it, not how the code names it.

>>> asked_statistics("what's the avg and the spread (std dev) of weight?")
['mean', 'std']
>>> named_methods("use Spearman's rho please")
['spearman']
>>> target_distribution("does the waiting time follow an exponential distribution?")
'exponential'
"""

from __future__ import annotations

import re

from havoc_srs.reader.calls import call_methods, call_spans, call_statistics, call_target
from havoc_srs.reader.text import tokens, word_match

# statistic -> phrases (word sequences); matched on tokens with typo tolerance
DESCRIPTIVE: dict[str, tuple[str, ...]] = {
    "mean": ("mean", "average", "avg", "arithmetic mean", "typical value", "expected value",
             "on average", "averages", "means", "meen"),
    "median": ("median", "middle value", "50th percentile", "medians", "midpoint value",
               "one in the middle", "middle one", "halfway point"),
    "mode": ("mode", "most common", "most frequent", "most often", "modal", "most popular",
             "most typical category", "appears most", "most typical"),
    "range": ("range", "spread from lowest to highest", "max minus min", "difference between the highest and lowest",
              "difference between the largest and smallest"),
    "quartiles": ("quartile", "quartiles", "25th percentile", "75th percentile", "q1", "q3",
                  "first quartile", "third quartile", "lower quartile", "upper quartile",
                  "percentiles", "quantiles", "25th", "75th", "five number summary"),
    "iqr": ("iqr", "interquartile", "inter quartile", "interquartile range", "middle 50"),
    "std": ("standard deviation", "std", "sd", "stdev", "std dev", "stddev", "standard dev",
            "sigma", "deviation"),
    "variance": ("variance", "var"),
    "skewness": ("skewness", "skew", "skewed", "asymmetry", "asymmetric", "lopsided"),
    "kurtosis": ("kurtosis", "tailedness", "peakedness", "heavy tailed", "fat tails", "tails",
                 "kurt"),
    "cv": ("coefficient of variation", "cv", "relative standard deviation", "rsd",
           "relative variability", "relative spread", "relative to its mean", "relative to the mean",
           "relative to their average", "relative to its average", "relative to their mean"),
    "min": ("minimum", "min", "lowest", "smallest", "least value", "min value", "shortest",
            "lightest", "cheapest", "youngest", "fewest", "quickest"),
    "max": ("maximum", "max", "highest", "largest", "biggest", "greatest", "peak value",
            "top value", "longest", "worst", "most extreme", "record high", "heaviest",
            "tallest", "oldest", "priciest", "most expensive", "most anyone", "most any"),
    "count": ("count", "how many", "number of rows", "number of observations", "number of values",
              "sample size", "number of records", "number of entries", "non missing",
              "number of", "quantity of", "frequencies", "frequency of each", "frequency table",
              "frequency counts", "frequency distribution"),
}  # fmt: skip
SUMMARY = ("summary statistics", "descriptive statistics", "describe", "summarize", "summarise",
           "summary", "descriptives", "overview of the numbers", "basic stats", "stats")  # fmt: skip
SUMMARY_SET = ["count", "mean", "std", "min", "quartiles", "median", "max"]

METHODS: dict[str, tuple[str, ...]] = {
    "pearson": ("pearson", "pearsons", "pearson r", "product moment", "linear correlation",
                "linear association"),
    "spearman": ("spearman", "spearmans", "spearman rho", "spear man", "rank correlation", "rho", "rank based",
                 "ranks based", "based on ranks", "on the ranks", "rank order"),
    "kendall": ("kendall", "kendalls", "kendall tau", "tau b", "tau"),
    "partial_correlation": ("partial correlation", "partial corr", "controlling for",
                            "adjusting for", "adjusted for", "holding constant",
                            "partialling out", "partial out", "net of", "accounting for",
                            "keeping constant", "removing the effect"),
    "chi2_independence": ("chi square", "chi squared", "chisquare", "chisq", "chi2", "chi sq",
                          "pearson chi"),
    "fisher_exact": ("fisher", "fishers", "fisher exact", "exact test"),
    "mantel_haenszel": ("mantel", "haenszel", "cmh", "cochran mantel", "mantel haenszel"),
    "f_test_variance": ("f test", "ftest", "f ratio", "variance ratio", "ratio of variances",
                        "f statistic"),
    "levene": ("levene", "levenes", "brown forsythe", "forsythe"),
    "bartlett": ("bartlett", "bartletts"),
    "mood": ("mood", "moods", "mood test", "mood scale"),
    "fligner": ("fligner", "killeen", "fligner killeen"),
    "shapiro_wilk": ("shapiro", "shapiro wilk", "wilk", "sw test"),
    "anderson_darling": ("anderson", "darling", "anderson darling", "ad test"),
    "ks_normal": ("kolmogorov", "smirnov", "ks test", "k s test", "kolmogorov smirnov", "ks"),
    "lilliefors": ("lilliefors", "lillie"),
    "ks_two_sample": ("two sample kolmogorov", "two sample ks", "2 sample ks", "ks 2 sample",
                      "two sample kolmogorov smirnov", "ks two sample", "2 sample kolmogorov",
                      "kolmogorov two sample", "smirnov two sample", "ks 2 samples"),
}  # fmt: skip

DISTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "normal": (
        "normal",
        "normally",
        "normality",
        "gaussian",
        "bell shaped",
        "bell curve",
        "bell",
        "gauss",
        "non normal",
        "nonnormal",
    ),
    "exponential": ("exponential", "exponentially", "expo", "memoryless"),
    "uniform": (
        "uniform",
        "uniformly",
        "flat",
        "evenly distributed",
        "equally likely",
        "spread evenly",
        "evenly spread",
        "spread out evenly",
        "evenly within",
        "evenly between",
        "evenly across its range",
    ),
    "gamma": ("gamma",),
    "weibull": ("weibull",),
    "lognormal": ("lognormal", "log normal", "log normally", "lognormally", "log gaussian"),
}


# Ordinary words one letter away from a method's name ("person" is not Pearson).
_ORDINARY = frozenset(
    "person persons reason season lesson mood moody wild wilt "
    "county counties country countries counter counters".split()  # not the count
)


def _phrase_positions(question: str, phrase: str, min_score: float = 0.85) -> list[int]:
    """Character offsets where ``phrase`` occurs (word by word, typo tolerant)."""
    toks = tokens(question)
    words = [t.text for t in tokens(phrase)]
    out = []
    if not words:
        return out
    for i in range(len(toks) - len(words) + 1):
        for j, w in enumerate(words):  # every word must match: stop at the first that does not
            q = toks[i + j].text
            # a short name misspelled keeps its first letter ("woods" is not "moods")
            typo_ok = len(w) >= 5 and q not in _ORDINARY and (len(w) >= 6 or q[:1] == w[:1])
            s = 1.0 if q == w else (word_match(q, w) if typo_ok else 0.0)
            if s < min_score:
                break
        else:
            out.append(toks[i].start)
    return out


def find_phrases(
    question: str, table: dict[str, tuple[str, ...]], min_score: float = 0.85
) -> list[tuple[int, str]]:
    hits: list[tuple[int, str]] = []
    for key, phrases in table.items():
        pos = [p for ph in phrases for p in _phrase_positions(question, ph, min_score)]
        if pos:
            hits.append((min(pos), key))
    return sorted(hits)


_NOT_A_STAT = re.compile(
    r"\b(the )?(means?|averages?) (is|are|gets?|got|was|were|would be|will be|seems?) "
    r"(\w+ ){0,2}(pulled|dragged|skewed|distorted|inflated|biased|misleading|off)\b|"
    r"\bi mean\b|\bmeans? that\b|\bmean by\b|\bby (the )?(failure |payment |transport |travel )?mode\b|"
    r"\b(?!(?:the|a|and|its|their|what|is|also)\b)\w+[ _]mode\b|\bmode of (transport|travel|payment|failure)\b"
    # "would a Weibull curve describe ...": a distribution as the subject of "describe"
    r"|\b(normal|gaussian|weibull|gamma|exponential|log-?normal|uniform|bell)\w*( \w+){0,2}? "
    r"(describes?|describing|summari[sz]es?|captures?)\b"
    # "how many votes does a typical title get, given the skew": the skew is a reason
    r"|\b(given|because of|due to|owing to|despite|with all) (the |that |this |its )?(skew|skewness)\b"
    # "bouncing around within its range": where the values lie, not the range asked for
    r"|\b(within|across|throughout|inside) (its|their|the)( whole| full| entire)? range\b"
    # a method named by the statistics it uses: "the average-and-range R&R", "the X-bar and R
    # method", "the range method" of a gauge study
    r"|\b(average|mean|x-?bar)s?[ -]+(and|&)[ -]+ranges?\b(?=[ -]+(method|r ?& ?r|grr|gau?ge|study|"
    r"approach|procedure|technique|one|version|way)\b)"
    r"|\b(short[- ])?range (method|r ?& ?r)\b"
)


# "a much wider range of prices": a spread compared, not the range statistic asked for
_WIDER_RANGE = re.compile(r"\b(wider|narrower|broader|bigger|larger|smaller|tighter) range\b")
_SET_ASIDE = re.compile(
    r"\b(?:not|rather than|instead of|other than)(?: the| an?| just the)? (?=\w)"
)
# "readers trust medians more than averages": the statistic after "more than" is set aside
_PREFERRED_OVER = re.compile(
    r"\b(?:prefer\w*|trust\w*|favou?r\w*|rather)\b[^.?!]{0,30}?\b(?:more than|over|to)"
    r"(?: the| an?| plain)? (?=\w)"
)
# the asker corrects a word: "average, I mean the middle one", "the average (i.e. the median)"
_CORRECTED = re.compile(
    r"\b(i mean|meaning|i\.e\.?|that is|by which i mean|in other words)\b[^?!]{0,40}"
    r"\b(median|middle)|\bnot the (mean|arithmetic)"
)
# "how many extra units per additional thousand", "by how many bar does it rise per mm": how
# much one quantity moves with another (a slope), not a count of rows
_SLOPE_ASKED = re.compile(
    r"\bhow (?:many|much) (?:more |extra |additional |fewer |less )?[\w%°$-]+(?: [\w'-]+){0,8}? "
    r"(?:per|for (?:every|each)|with (?:every|each)|each) (?:extra|additional|added|further|more|"
    r"single|\d+(?:\.\d+)?|one|a|unit|degree|thousand|hundred)\b|"
    r"\bhow many (?:more|extra|additional|fewer)\b(?=[^.?!]{0,80}\b(?:per|for (?:every|each)|"
    r"with (?:every|each))\b)|"
    r"\bhow many \w+(?: per \w+)? (?:does|do|did|will|would) (?:[\w'-]+ ){1,6}?(?:rise|go up|go down|fall|"
    r"drop|increase|decrease|change|gain|lose|grow|shrink|climb)\b"
)
_KEYWORD_ARG = re.compile(
    r"(?<=[(,])\s*[a-z_][\w.]*\s*=(?!=)|\b[a-z_][\w]*::[a-z_][\w.]*|\b[a-z_]\w*\.[a-z_]\w*(?=\s*\()"
)
_COUNT_OF = re.compile(r"\b(?:how many|(?:the |total )?number of)\s+(?:the |different |distinct )?")


_STAT_OF_NUMBER = frozenset(
    "mean average avg median typical modal usual maximum minimum max min highest lowest largest "
    "smallest biggest common frequent expected".split()
)


_MODULE_PATH = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")


def asked_statistics(
    question: str,
    spans: list[tuple[int, int]] | None = None,
    counted: list[tuple[int, int]] | None = None,
) -> list[str]:
    """Descriptive statistics asked for, in order of mention; a summary request gives the
    usual set. Words inside ``spans`` (column headers found in the question, "failure mode")
    are not statistics. "how many X" where X starts one of the ``counted`` spans (columns that
    hold a count per row; default ``spans``) names that column, not the count statistic."""
    q = question.lower()
    blocked = [(m.start(), m.end()) for m in _NOT_A_STAT.finditer(q)] + list(spans or [])
    blocked += call_spans(question)  # "describe()" is pandas' own set, not a summary
    # a module path ("scipy.stats.wilcoxon(", "statsmodels.stats.power") names no statistic
    blocked += [(m.start(), m.end()) for m in _MODULE_PATH.finditer(q)]
    blocked += [(m.start(), m.end()) for m in _WIDER_RANGE.finditer(q)]
    blocked += [(m.start(), m.start() + 9) for m in _SLOPE_ASKED.finditer(q)]  # "how many"
    # a call's keyword names ("ss.rr(var = Height, ...)"), a package or function path
    # ("SixSigma::ss.rr"): the software's words, no statistic asked
    blocked += [(m.start(), m.end()) for m in _KEYWORD_ARG.finditer(q)]
    # "not the average, the middle value": a statistic named to be set aside
    blocked += [(m.end(), m.end() + 1) for m in _SET_ASIDE.finditer(q)]
    blocked += [(m.end(), m.end() + 1) for m in _PREFERRED_OVER.finditer(q)]
    # "how many passengers" / "the number of children" where those words are a column's
    # name: the column (a count per row) is described, not the count statistic asked for
    for m in _COUNT_OF.finditer(q):
        before = q[: m.start()].split()[-1:]
        if any(a <= m.end() < b for a, b in (spans if counted is None else counted) or []) or (
            before and before[0] in _STAT_OF_NUMBER  # "the average number of visits"
        ):
            blocked.append((m.start(), m.end()))
    hits = []
    for key, phrases in DESCRIPTIVE.items():
        pos = [
            p
            for ph in phrases
            for p in _phrase_positions(question, ph, 0.88)
            if not any(a <= p < b for a, b in blocked)
        ]
        if pos:
            hits.append((min(pos), key))
    hits.sort()
    keys = [k for _, k in hits]
    if (
        "cv" in keys
        and "mean" in keys
        and re.search(r"relative to (its|their|the) (mean|average)", q)
        and not re.search(r"(mean|average) and", q)
    ):
        keys.remove("mean")
    # "standard deviation" also matches "deviation" -> std only once; "variance" inside "coefficient of variation" no
    if "iqr" in keys and "quartiles" in keys and not re.search(r"quartiles\b|q1|q3|25th|75th", q):
        keys.remove("quartiles")
    if (
        "range" in keys
        and "iqr" in keys
        and not re.search(
            r"\brange\b(?! of the middle)", re.sub(r"inter[\s-]*quartile range", "", q)
        )
    ):
        keys.remove("range")
    if (
        "range" in keys
        and ({"min", "max"} <= set(keys) or "quartiles" in keys)
        and re.search(r"\b(what|a|typical|which) range\b", q)
        and not re.search(r"\b(the|and) range\b|\brange (of|for)\b", q)
    ):  # "the min and max ... to see what range is in there": the range is the min and max
        keys.remove("range")
    if "range" in keys and re.search(
        r"\brang\w*\s+(\w+\s+){0,3}from\s+(the\s+)?\w+(\s+\w+)?\s+to\s+(the\s+)?\w+", q
    ):  # "how far it ranges from the smallest to the biggest": the range, not min and max
        keys = [k for k in keys if k not in ("min", "max")]
    if (
        "cv" in keys
        and "std" in keys
        and "relative standard deviation" in q
        and "standard deviation and" not in q
    ):
        keys.remove("std")
    if "count" in keys and re.search(r"how many (groups|categories|times|people per)", q):
        pass
    only = re.search(r"\bonly (the |want the |need the )?(\w+)", q)
    if only and len(keys) > 1:  # "only the median": not the others mentioned in passing
        kept = [k for k in keys if any(
            word_match(only.group(2), w) >= 0.88 for ph in DESCRIPTIVE[k] for w in ph.split()[:1]
        )]  # fmt: skip
        keys = kept or keys
    if re.search(r"\b(five|5)[\s-]*numbers?[\s-]*summar", q):  # min, Q1, median, Q3, max
        five = ["min", "quartiles", "max"]  # the median is the second quartile
        keys = five + [k for k in keys if k not in five and k != "count"]
    if {"mean", "median"} <= set(keys) and _CORRECTED.search(q):
        keys.remove("mean")  # "the average salary? I mean the one in the middle, not the mean"
    called = call_statistics(question)  # "=AVERAGEIFS(...)", "summary(x)", ".describe()"
    if called:
        return list(dict.fromkeys(called + keys))
    if not keys and any(
        not any(a <= x < b for a, b in blocked)
        for p in SUMMARY
        for x in _phrase_positions(question, p)
    ):  # "stats.ks_2samp(...)" is SciPy's module, not a summary asked
        return list(SUMMARY_SET)
    return implied_statistics(q, keys)


_CENTRES = frozenset(("mean", "median", "mode"))
_SPREADS = frozenset(("std", "variance", "iqr", "range", "cv", "quartiles"))
_COMPARED = re.compile(
    r"\b(than|differ\w*|compar\w*|vs|versus|between(?! (which|what)\b)|changed?|more|less|test)\b"
)
_HOW_MUCH_VARY = re.compile(
    r"\bhow (much|far) (\w+ ){0,3}(var(y|ies)|swings?|fluctuates?|moves? around|bounces? around)\b"
    r"|\bhow (spread out|variable|scattered|dispersed)\b"
)


def implied_statistics(q: str, keys: list[str]) -> list[str]:
    """Statistics asked in plain words, not named: a "typical" value of one measure is its
    median (robust to the skew such measures have), a "usual" one its mean; "how much it
    varies" beside a centre is that centre's spread (the IQR beside a median, the standard
    deviation beside a mean). Only for a description, never when groups or values are compared."""
    if _COMPARED.search(q):
        return keys
    out = list(keys)
    if not set(out) & _CENTRES:
        if re.search(r"\btypical(ly)?\b", q) and not re.search(r"\btypical (range|spread)\b", q):
            out.append("median")
        elif re.search(r"\busual(ly)?\b", q):
            out.append("mean")
    centre = next((k for k in out if k in _CENTRES), None)
    if centre in ("mean", "median") and not set(out) & _SPREADS and _HOW_MUCH_VARY.search(q):
        out.append("iqr" if centre == "median" else "std")
    return out


def named_methods(question: str) -> list[str]:
    """Methods named in words, after those a software call names ("cor.test" is Pearson)."""
    called = call_methods(question)
    found = list(dict.fromkeys(
        called + [k for _, k in find_phrases(question, METHODS, min_score=0.88)
                  if not (called and k in _CALL_DEFAULTED)]
    ))  # fmt: skip
    if "kendall" in found and "spearman" in found and "spearman" not in called:
        # "Kendall's rank correlation": tau is a rank correlation too; only Spearman's own
        # name (or rho) names Spearman
        own = {"spearman": ("spearman", "spearmans", "spear man", "rho")}
        if not find_phrases(question, own, min_score=0.88):
            found.remove("spearman")
    if "pearson" in found and "spearman" in found and "spearman" not in called:
        # "H0: rho = 0 ... Pearson's correlation": rho is the population correlation
        own = {
            "spearman": (
                "spearman",
                "spearmans",
                "spear man",
                "rank correlation",
                "ranks",
                "rank based",
                "rank order",
            )
        }
        if not find_phrases(question, own, min_score=0.88):
            found.remove("spearman")
    return found


# what the words of a call would otherwise name ("ks" of ks.test; "pearson" of
# method="pearson", already read from the call)
_CALL_DEFAULTED = frozenset("ks_normal pearson spearman kendall".split())


def target_distribution(question: str) -> str | None:
    called = call_target(question)
    if called:
        return called
    hits = find_phrases(question, DISTRIBUTIONS)
    if not hits:
        return None
    keys = [k for _, k in hits]
    if "lognormal" in keys:
        return "lognormal"
    return keys[0]
