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
from havoc_srs.reader.text import edit_distance, stem, tokens, word_match

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
                  "percentiles", "quantiles", "25th", "75th", "five number summary",
                  # the cut-offs of the bottom and top quarters of the values
                  "bottom quarter", "top quarter", "lower quarter", "upper quarter",
                  "bottom and top quarters", "lowest quarter", "highest quarter"),
    "iqr": ("iqr", "interquartile", "inter quartile", "interquartile range", "middle 50"),
    "std": ("standard deviation", "std", "sd", "stdev", "std dev", "stddev", "standard dev",
            "sigma", "deviation", "st dev"),  # Minitab's "StDev" read as two words
    "variance": ("variance", "var"),
    "skewness": ("skewness", "skew", "skewed", "asymmetry", "asymmetric", "lopsided"),
    "kurtosis": ("kurtosis", "tailedness", "peakedness", "heavy tailed", "fat tails", "tails",
                 "kurt"),
    "cv": ("coefficient of variation", "cv", "relative standard deviation", "rsd",
           "relative variability", "relative spread", "relative to its mean", "relative to the mean",
           "relative to their average", "relative to its average", "relative to their mean"),
    "min": ("minimum", "min", "lowest", "smallest", "least value", "min value", "shortest",
            "lightest", "cheapest", "youngest", "fewest", "quickest",
            # the low end said by an adjective of the quantity ("the weakest weld", "the
            # coldest night", "the thinnest coating")
            "weakest", "coldest", "coolest", "thinnest", "narrowest", "shallowest", "softest",
            "poorest", "smallest value", "lowest value", "least value"),
    "max": ("maximum", "max", "highest", "largest", "biggest", "greatest", "peak value",
            "top value", "longest", "worst", "most extreme", "record high", "heaviest",
            "tallest", "oldest", "priciest", "most expensive", "most anyone", "most any",
            # the high end said by an adjective of the quantity ("the strongest batch", "the
            # hottest day", "the deepest cut", "the widest gap")
            "strongest", "hottest", "warmest", "thickest", "widest", "deepest", "hardest",
            "richest", "loudest", "steepest", "wettest", "windiest", "busiest",
            # the long end of a time said by its speed ("the slowest start")
            "slowest"),
    "count": ("count", "how many", "number of rows", "number of observations", "number of values",
              "sample size", "number of records", "number of entries", "non missing",
              "number of", "quantity of", "frequencies", "frequency of each", "frequency table",
              "frequency counts", "frequency distribution"),
}  # fmt: skip
# the statistics named in one word ("min", "deepest", "median")
STAT_WORDS = frozenset(ph for phs in DESCRIPTIVE.values() for ph in phs if " " not in ph)
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
    "levene": ("levene", "levenes", "brown forsythe", "forsythe", "bf test"),
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
    # the waiting times of a Poisson process, a constant hazard: the exponential's properties
    "exponential": (
        "exponential",
        "exponentially",
        "expo",
        "memoryless",
        "memory less",
        "lack of memory",
        "poisson process",
        "constant hazard",
        "constant failure rate",
        "constant hazard rate",
    ),
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


def _spelled_alike(q: str, w: str) -> bool:
    """A question word that could be the phrase word typed or cut short: a typo (one edit, two
    in long words; a swap of two letters is one), the same stem ("averaged"), or an abbreviation of it ("quart" for "quartile").
    A header's synonyms ("units" for quantity) and longer words that merely begin like the
    phrase word ("statement" for stats, "meaningful" for mean) are other words."""
    if q.endswith(("ed", "ing")) and not w.endswith(("ed", "ing")) and len(q) > len(w):
        return False  # a verb's form ("stated", "meaning", "ranged"): the verb, not the statistic
    if stem(q) == stem(w) or edit_distance(q, w, 2) <= (2 if min(len(q), len(w)) >= 8 else 1):
        return True
    return len(q) >= 4 and w.startswith(q)


# superlatives of quantities, one letter away from other words ("hardest" / "harvest",
# "warmest" / "warmers", "busiest" / "business"): read only as written
_EXACT_ONLY = frozenset(
    "weakest coldest coolest thinnest narrowest shallowest softest poorest strongest hottest "
    "warmest thickest widest deepest hardest richest loudest steepest wettest windiest "
    "busiest slowest".split()
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
            typo_ok = (
                len(w) >= 5
                and q not in _ORDINARY
                and w not in _EXACT_ONLY
                and (len(w) >= 6 or q[:1] == w[:1])
                # a comparative is no misspelled superlative: "worse" is not "worst", "larger"
                # is not "largest" (two things compared, not the extreme of one)
                and not (q in STAT_WORDS and q != w)  # "slowest" is not "lowest"
                and not (
                    (w.endswith("est") or w == "worst")
                    and (q.endswith(("er", "ier")) or q in ("worse", "less", "more", "better"))
                )
            )
            s = 1.0 if q == w else (word_match(q, w) if typo_ok and _spelled_alike(q, w) else 0.0)
            if s < min_score:
                break
        else:
            out.append(toks[i].start)
    return out


def statistic_spans(question: str) -> list[tuple[int, int]]:
    """Character spans of the statistics named in two or more words ("standard deviation",
    "interquartile range", "coefficient of variation"): words that are not cell values."""
    toks = tokens(question)
    starts = {t.start: i for i, t in enumerate(toks)}
    out = []
    for phrases in DESCRIPTIVE.values():
        for ph in phrases:
            n = len(tokens(ph))
            if n < 2:
                continue
            for p in _phrase_positions(question, ph, 0.88):
                i = starts.get(p)
                if i is not None and i + n <= len(toks):
                    out.append((p, toks[i + n - 1].end))
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
    # "better described by a Weibull or an exponential": a distribution fitted, no summary
    r"|\bdescribed (by|as|with) (a |an |the )?(plain |simple |standard )?(normal|gaussian|weibull|"
    r"gamma|exponential|log-?normal|uniform|bell)"
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


# "mean" as a verb: "do bigger gold leads mean shorter games?", "would a higher price mean
# fewer sales": an auxiliary before, a comparative after (not "is the mean higher")
_MEAN_VERB = re.compile(
    r"\b(?:do|does|did|would|will|could|can|might|should|must)\b[^.?!;]{1,80}?"
    r"(?<!\bthe )(?<!\ba )(?<!\bits )(?<!\btheir )\b(?P<verb>mean)\s+(?:a |an )?"
    r"(?:more|less|fewer|higher|lower|longer|shorter|bigger|smaller|larger|faster|slower|"
    r"better|worse|greater|quicker|cheaper|quieter|louder|lighter|warmer|colder|hotter|cooler|"
    r"stronger|weaker|older|younger|richer|poorer|wider|narrower|deeper|thicker|thinner|taller|"
    r"later|sooner|[a-z]+ier)\b"
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
# "n" as an item of a list of statistics ("avg, sd, n", "n and mean", "(n, median)"): the number
# of values; not "n = 30" (a size given), nor "n" inside a word or a formula
_LISTED_N = re.compile(
    r"(?:^|[,;:(/]|\band\b|\bplus\b|\b(?:give|report|show|list|want|need)(?: me| us)?(?: the)?"
    r"|\b(?:meaning|namely|including|i\.e\.))"  # "a summary, meaning N, mean, StDev ..."
    r"\s*(n)\s*(?=[,;)/?.]|\band\b|\bplus\b|$)"
)
_COUNT_OF = re.compile(r"\b(?:how many|(?:the |total )?number of)\s+(?:the |different |distinct )?")


# a relation between two things: either side may be said as "how many ..." / "the number of ..."
_RELATION_WORD = re.compile(
    r"\b(?:relat\w*|associat\w*|correlat\w*|link(?:ed|s)?|tied|connect\w*|depend\w*|"
    r"go(?:es)? (?:together|with)|mov(?:e|es|ing) with|vary with|varies with|line up|track\w*|"
    r"have (?:anything|something|much) to do with)\b"
)
# the words that open a side of a relation: "related to", "tied up with", "depends on",
# "between ... and", "is how many ... linked"
_SIDE_OPENER = frozenset(
    "to with on upon between and versus vs against is are does do track tracks".split()
)


def _relation_side(q: str, start: int) -> bool:
    """ "how many" / "the number of" at ``start`` names one side of a relation the question
    asks about ("does the response depend on how many teens live there", "any dependence
    between how many people live in the house and the heating"): a quantity of each row, not
    the count of rows asked for. The question must ask a relation and the count words must
    follow a word that opens a side of it."""
    if not _RELATION_WORD.search(q):
        return False
    before = re.findall(r"[a-z]+", q[:start])[-1:]
    return bool(before) and before[0] in _SIDE_OPENER


# a spread divided by the centre: "the standard deviation relative to the mean", "the SD as a
# percentage of the average", "sd divided by the mean", "the std over the mean"
_SPREAD_OVER_MEAN = re.compile(
    r"\b(standard deviation|std|sd|stdev|spread|sigma)\b[^.?!;]{0,40}?\b(relative to|as an? "
    r"(share|fraction|percentage|percent|proportion|ratio) of|divided by|over|compared to|scaled by|"
    r"in proportion to|per unit of)\b (the |its |their )?(mean|average|avg)\b"
)
_STAT_OF_NUMBER = frozenset(
    "mean average avg median typical modal usual maximum minimum max min highest lowest largest "
    "smallest biggest common frequent expected".split()
)


_MODULE_PATH = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")


# the range written as its formula: "max minus min", "highest - lowest", "max less the min"
_RANGE_FORMULA = re.compile(
    r"\b(?:max|maximum|highest|largest|biggest)\s*(?:minus|-|–|less)\s*(?:the\s+)?"
    r"(?:min|minimum|lowest|smallest)\b"
)


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
    blocked += [(m.start("verb"), m.end("verb")) for m in _MEAN_VERB.finditer(q)]
    # "X ~ N(mu, sigma^2)": the parameters of a distribution's notation are no statistics asked
    blocked += [(m.start(), m.end()) for m in re.finditer(r"~\s*\w{1,9}\s*\([^)]{0,40}\)", q)]
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
        if (
            any(a <= m.end() < b for a, b in (spans if counted is None else counted) or [])
            or (before and before[0] in _STAT_OF_NUMBER)  # "the average number of visits"
            or _relation_side(q, m.start())  # "tied to how many months they stayed"
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
    if hits and all(k != "count" for _, k in hits):
        hits += [(m.start(1), "count") for m in _LISTED_N.finditer(q)][:1]
    hits.sort()
    keys = [k for _, k in hits]
    if (
        "cv" in keys
        and "mean" in keys
        and re.search(r"relative to (its|their|the) (mean|average)", q)
        and not re.search(r"(mean|average) and", q)
        and len(re.findall(r"\b(mean|average|avg)\b", q)) <= 1  # not "the mean, the SD, ..."
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
    formula = _RANGE_FORMULA.search(q)
    if "range" in keys and formula:
        # "the range (max minus min)": the range defined by its two ends, not three statistics
        rest = q[: formula.start()] + " " + q[formula.end() :]
        if not re.search(r"\b(max|maximum|min|minimum|highest|lowest|largest|smallest)\b", rest):
            keys = [k for k in keys if k not in ("min", "max")]
    if (
        "cv" in keys
        and "std" in keys
        and "relative standard deviation" in q
        and "standard deviation and" not in q
    ):
        keys.remove("std")
    over = _SPREAD_OVER_MEAN.search(q)
    if over and not any(a <= over.start() < b for a, b in blocked):
        # "the SD as a share of the mean": one statistic, the coefficient of variation; the
        # spread and the mean are its parts unless named again on their own
        k = min([keys.index(x) for x in ("std", "mean", "cv") if x in keys] or [len(keys)])
        centres = len(re.findall(r"\b(mean|average|avg)\b", q))
        spreads = len(re.findall(r"\b(standard deviation|std|sd|stdev|sigma)\b", q))
        drop = {"cv"} | ({"mean"} if centres <= 1 else set()) | ({"std"} if spreads <= 1 else set())
        keys = (
            [x for x in keys[:k] if x not in drop] + ["cv"] + [x for x in keys[k:] if x not in drop]
        )
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
    corrected = _CORRECTED.search(q)
    if (
        {"mean", "median"} <= set(keys)
        and corrected
        # "meaning N, mean, StDev, ..., median": a list of statistics, the mean among them
        and not re.search(r"\b(mean|average)\b", q[corrected.end(1) : corrected.start(2)])
    ):
        keys.remove("mean")  # "the average salary? I mean the one in the middle, not the mean"
    keys = _shape_adjective(q, keys, blocked)
    keys = _extremes(q, keys, blocked)
    called = call_statistics(question)  # "=AVERAGEIFS(...)", "summary(x)", ".describe()"
    if called:
        return list(dict.fromkeys(called + keys))
    if not keys and any(
        not any(a <= x < b for a, b in blocked)
        for p in SUMMARY
        for x in _phrase_positions(question, p)
    ):  # "stats.ks_2samp(...)" is SciPy's module, not a summary asked
        # "describe its centre and spread": the two named as such, not the whole summary
        named = implied_statistics(q, [], blocked)
        if _CENTRE_WORD.search(q) and _SPREAD_WORD.search(q) and len(named) == 2:
            return named
        return list(SUMMARY_SET)
    return implied_statistics(q, keys, blocked)


# the shape's degree said by its adjective: "how peaked", "how heavy-tailed", "flat-topped or
# pointy": the kurtosis; "how lopsided" is a skewness phrase already
_KURTOSIS_ADJ = re.compile(
    r"\bhow (peaked|pointy|spiky|flat[- ]?topped|heavy[- ]?tailed|fat[- ]?tailed|thick[- ]?tailed|"
    r"long[- ]?tailed)\b|\b(peaked|pointy|spiky) or (flat|flat[- ]?topped)\b|"
    r"\bflat(?:[- ]?topped)? or (peaked|pointy|spiky)\b"
)


def _shape_adjective(q: str, keys: list[str], blocked: list[tuple[int, int]]) -> list[str]:
    m = _KURTOSIS_ADJ.search(q)
    if m and "kurtosis" not in keys and not any(a <= m.start() < b for a, b in blocked):
        return [*keys, "kurtosis"]
    return keys


# both ends of the values named as "the extremes": "what are the extremes of X", "its two
# extremes"; not "extreme weather", nor "extreme values" (outliers)
_EXTREMES = re.compile(
    r"\b(the|its|their|both|two) (two |lower and upper |low and high )?extremes\b"
)


# the two ends asked as a pair of "how" adjectives: "how young and how old", "how light, how
# heavy", "how short and how long" (the low end first or second)
_LOW_ADJ = r"(?:young|light|short|cheap|small|low|early|thin|slow|cold|near|close|quick|narrow)"
_HIGH_ADJ = r"(?:old|heavy|long|expensive|big|large|high|late|thick|fast|hot|far|wide)"
_HOW_PAIR = re.compile(
    rf"\bhow {_LOW_ADJ}\b[,;]? (?:and |or |to )?how {_HIGH_ADJ}\b"
    rf"|\bhow {_HIGH_ADJ}\b[,;]? (?:and |or |to )?how {_LOW_ADJ}\b"
)


def _extremes(q: str, keys: list[str], blocked: list[tuple[int, int]]) -> list[str]:
    pair = _HOW_PAIR.search(q)
    if pair and not {"min", "max"} & set(keys):
        return [*keys, "min", "max"]
    m = _EXTREMES.search(q)
    if not m or {"min", "max", "range"} & set(keys) or any(a <= m.start() < b for a, b in blocked):
        return keys
    if re.search(
        r"\b(outliers?|unusual|anomal\w*|remov\w*|dropp?\w*|exclud\w*|ignor\w*|trimm?\w*|"
        r"without|except|leaving out|set aside)\b",
        q,
    ):
        return keys  # "ignoring the extremes": a subset, not the statistics asked
    return [*keys, "min", "max"]


_CENTRES = frozenset(("mean", "median", "mode"))
_SPREADS = frozenset(("std", "variance", "iqr", "range", "cv", "quartiles"))
_COMPARED = re.compile(
    r"\b(than|differ\w*|compar\w*|vs|versus|between(?! (which|what)\b)|changed?|more|less|test)\b"
)
_HOW_MUCH_VARY = re.compile(
    r"\bhow (much|far) (\w+ ){0,3}(var(y|ies)|swings?|fluctuates?|moves? around|bounces? around)\b"
    r"|\bhow (spread out|variable|scattered|dispersed)\b"
)


# the centre and the spread named as such: "the centre and spread of X", "its central
# tendency", "how dispersed", "the variability of X"
_CENTRE_WORD = re.compile(
    r"\bcentral (tendency|value|location)\b|\b(the|its|their) (centre|center)\b"
    r"(?! of (the |a )?(city|town|country|map|room|field|page|circle|screen)\b)"
)
_MIDDLE_OF = re.compile(
    r"\b(the|its|their) (middle|midpoint|mid-point) of "
    r"(?!(the |its |their |our |a |an )?(day|night|week|month|year|season|shift|road|table|"
    r"pack|range|shelf|list|middle|half|room|field|queue|line|page|film|movie|game|match|"
    r"morning|afternoon|evening|summer|winter|spring|autumn)s?\b)(the |its |their |our |all )?\w"
)
_SPREAD_WORD = re.compile(
    r"\b(the|its|their|and) (spread|dispersion|variability|variation|scatter)\b(?! (of|in) the means?\b)"
    r"|\bhow (spread out|variable|dispersed|scattered)\b"
)
# "the measures of central tendency", "three measures of centre": mean, median and mode
_CENTRE_MEASURES = re.compile(
    r"\b(measures|statistics|indicators) of (central tendency|location|(the )?(centre|center))\b"
)
# "skewed, like incomes usually are", "as usual", "more than usual": "usually" in a comparison
# with other data or other times, not the usual value of this one asked
_SIMILE_USUALLY = re.compile(
    r"\b(like|as|than|unlike)\b[^.?!,;]{0,30}\busually (are|is|do|does|be|were|was|look|behave)\b"
    r"|\b(as|than|from) usual\b"
)
_GROUPING_WORD = re.compile(r"\b(across|among|amongst|per|each|every|by|within|from one)\b")


def implied_statistics(
    q: str, keys: list[str], blocked: list[tuple[int, int]] | tuple = ()
) -> list[str]:
    """Statistics asked in plain words, not named: a "typical" value of one measure is its
    median (robust to the skew such measures have), a "usual" one its mean; "how much it
    varies" beside a centre is that centre's spread (the IQR beside a median, the standard
    deviation beside a mean). The centre named as such ("the centre", "central tendency") is
    the mean, "the middle of" the values their median; the spread named as such ("the
    spread", "how dispersed", "the variability") is the standard deviation (the IQR beside a
    median) when one measure is described, not groups. Only for a description, never when
    groups or values are compared."""
    if _COMPARED.search(q):
        return keys

    def free(m: re.Match | None) -> bool:
        return m is not None and not any(a <= m.start() < b for a, b in blocked)

    out = list(keys)
    if not set(out) & _CENTRES and free(_CENTRE_MEASURES.search(q)):
        out += ["mean", "median", "mode"]  # "the three measures of centre"
    if not set(out) & _CENTRES:
        if re.search(r"\btypical(ly)?\b", q) and not re.search(r"\btypical (range|spread)\b", q):
            out.append("median")
        elif re.search(r"\busual(ly)?\b", q) and not _SIMILE_USUALLY.search(q):
            out.append("mean")
        elif free(_MIDDLE_OF.search(q)):
            out.append("median")
        elif free(_CENTRE_WORD.search(q)):
            out.append("mean")
    centre = next((k for k in out if k in _CENTRES), None)
    if centre in ("mean", "median") and not set(out) & _SPREADS and _HOW_MUCH_VARY.search(q):
        out.append("iqr" if centre == "median" else "std")
    elif (
        not set(out) & _SPREADS
        and set(out) <= _CENTRES
        and free(_SPREAD_WORD.search(q))
        and not _GROUPING_WORD.search(q)
    ):
        out.append("iqr" if centre == "median" else "std")
    return out


# a choice made among methods named: "but I need Bartlett", "I decided to go with Pearson",
# "use Kendall instead", "rather than Spearman, give me Pearson"
_CHOICE = re.compile(
    r"\bbut (?:i|we) (?:need|want|would like|'d like|prefer)\b|\b(?:decided|chose|choose|opted|"
    r"prefer) (?:to go |to use |to run )?(?:with|for|on)?\b|\bgo(?:ing)? with\b|"
    r"\b(?:edit|update|correction)\s*:",
    re.I,
)


def _chosen_first(question: str, found: list[str]) -> list[str]:
    """Methods named after the last word of choosing come first ("Stata's robvar gives Levene
    and Brown-Forsythe, but I need Bartlett" -> bartlett); when no method follows the choice,
    the order is unchanged."""
    if len(found) < 2:
        return found
    marks = list(_CHOICE.finditer(question))
    if not marks:
        return found
    after = question[marks[-1].end() :]
    picked = [k for _, k in find_phrases(after, METHODS, min_score=0.88) if k in found]
    picked += [m for m in call_methods(after) if m in found and m not in picked]
    if not picked:
        return found
    return picked + [m for m in found if m not in picked]


def named_methods(question: str) -> list[str]:
    """Methods named in words, after those a software call names ("cor.test" is Pearson)."""
    called = call_methods(question)
    found = list(dict.fromkeys(
        called + [k for _, k in find_phrases(question, METHODS, min_score=0.88)
                  if not (called and k in _CALL_DEFAULTED)]
    ))  # fmt: skip
    found = _chosen_first(question, found)  # "X gives A, but I need B": B rests
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


# a distribution in its textbook notation: "X ~ N(mu, sigma^2)", "~ Exp(lambda)", "U(0, 1)"
_NOTATION = (
    ("lognormal", r"(?:~|\bis)\s*(?:log-?n|ln|lognormal)\s*\(\s*(?:mu|μ|m|\d|mean)"),
    ("normal", r"(?:~|\bis)\s*n\s*\(\s*(?:mu|μ|m|\d|mean)"),
    (
        "exponential",
        r"(?:~|\bis)\s*(?:exp|expo|exponential)\s*\(\s*(?:lambda|λ|rate|beta|β|"
        r"theta|θ|mu|μ|\d)",
    ),
    ("uniform", r"(?:~|\bis)\s*(?:u|unif|uniform)\s*\(\s*[-\w.]+\s*,"),
    ("gamma", r"(?:~|\bis)\s*(?:gamma|Γ)\s*\("),
    ("weibull", r"(?:~|\bis)\s*(?:weibull|wei)\s*\("),
)
# the normality of the logarithm: "is log(X) normal", "are the logged values normal"
_LOG_NORMALITY = re.compile(
    r"\blog\s*\(|\b(natural )?log(arithm)?s? of\b|\blogged\b|\blog[- ]transform\w*|\btaking logs?\b"
)


def target_distribution(question: str) -> str | None:
    called = call_target(question)
    if called:
        return called
    low = question.lower()
    for name, pat in _NOTATION:
        if re.search(pat, low):
            return name
    hits = find_phrases(question, DISTRIBUTIONS)
    if not hits:
        return None
    keys = [k for _, k in hits]
    if "lognormal" in keys:
        return "lognormal"
    if keys[0] == "normal" and _LOG_NORMALITY.search(low):
        return "lognormal"  # "is log(X) normally distributed": X lognormal
    return keys[0]
