"""The question reader: family, statistic, columns and slots from wording it was not written for.

``read(question, ds, mode)`` combines
- the MODE rules and the phrasing grammar (the old engineering families),
- cue scores for the five data-description families (correlation, contingency, variance,
  distribution, descriptive) from typo-tolerant phrase matching (:mod:`.statistic`),
- column grounding (:mod:`.columns`): which headers and cell values the question names, and
  the types of those columns (two numeric columns + "related" → correlation; two categorical
  columns → contingency),
- numbers typed into the question (:mod:`.numbers`),
- a trained classifier over sentence embeddings and character n-grams (:mod:`.classifier`),
  when its model is available,
into a :class:`Reading`. ``scope`` says when the question is not a statistics/engineering
question at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from havoc_srs.reader import statistic as S
from havoc_srs.reader.calls import call_family
from havoc_srs.reader.columns import Mention, ground_columns
from havoc_srs.reader.describe_ask import (
    column_range_mentions,
    flag_mentions,
    ordinal_mentions,
)
from havoc_srs.reader.numbers import count_table, inline_table
from havoc_srs.reader.spelling import distribution_cut, spelled
from havoc_srs.reader.unit_lists import strip_units

NEW_FAMILIES = ("correlation", "contingency", "variance", "distribution", "descriptive")
MAX_QUESTION_CHARS = 4000


@dataclass
class Reading:
    question: str
    family: str = "general"
    confidence: float = 0.0
    decided_by: str = "rules"
    statistic: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    target: str | None = None
    same_distribution: bool = False
    two_columns_compared: bool = False
    mentions: list[Mention] = field(default_factory=list)
    inline: pd.DataFrame | None = None
    counts: pd.DataFrame | None = None
    gof: Any = None  # counts per category typed with a goodness-of-fit ask (reader/gof.py)
    alpha: float | None = None
    scores: dict[str, float] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    scope: str = "in_scope"  # in_scope | out_of_scope
    probs: dict[str, float] | None = None  # the classifier's family probabilities

    def to_dict(self) -> dict[str, Any]:
        return {
            "family": self.family, "confidence": round(self.confidence, 4), "decided_by": self.decided_by,
            "statistic": self.statistic, "methods": self.methods, "target": self.target,
            "columns": [{"column": m.column, "kind": m.kind, "value": None if m.value is None else str(m.value),
                         "score": round(m.score, 3), "how": m.how} for m in self.mentions],
            "inline_data": None if self.inline is None else list(self.inline.columns),
            "scores": {k: round(v, 3) for k, v in self.scores.items() if v},
            "evidence": self.evidence[:40], "scope": self.scope,
            "classifier": {k: round(v, 3) for k, v in sorted((self.probs or {}).items(), key=lambda kv: -kv[1])[:4]},
        }  # fmt: skip


# two samples' shapes compared: "the same pattern as", "is the shape different", "shaped alike"
_SAME_SHAPE = (
    r"\bsame (overall |general )?(shape|pattern) (as|of)\b|\b(shapes?|patterns?) (is |are )?"
    r"(different|differ\w*|alike|the same)\b|\bshaped (alike|the same|differently)\b"
    r"|\b(the )?shapes? of [^.?!]{1,60}?\b(different|differ\w*|alike|the same) (from|as|to)\b"
    # "do A and B follow the same pattern?": two samples following one shape
    r"|\bfollows? (the |a )?(same|similar|identical|common) (overall |general |underlying )?"
    r"(shape|pattern|form)s?\b(?! (as|to) (a|an|the) )"
)
# everyday words for a quantity that is good one time and bad the next (its spread):
# "hit-and-miss", "hit or miss", "patchy", "spotty", "inconsistent", "wobbly", "haphazard"
_PATCHY = (
    r"\bhit[- ](and|or)[- ]miss\b|\bpatch(y|ier|iest)\b|\bspott(y|ier|iest)\b|"
    r"\bwobbl(y|ier|iest)\b|\bhaphazard\b|\bhit[- ]and[- ]hope\b"
)
# a shape the samples share, said without "as": "do A and B have the same shape?", "similarly
# shaped", "share a common form" (not beside a named distribution: "the same shape as a normal")
_SHARED_SHAPE = (
    r"\b(have|has|having|share|shares|sharing|with|of) (the |a |an )?(same|similar|identical|"
    r"common) (overall |general |underlying )?(shape|form)s?\b(?! (as|to) (a|an|the) )"
    r"|\b(similarly|identically|differently|equally) shaped\b"
    r"|\b(shapes?|forms?) (match|matches|agree|coincide)\b"
    # "the same before and after, shape and all": the whole distribution
    r"|\b(shape|form) and all\b|\bincluding (the |its |their )?(shape|form)\b"
)
# "the same shape as a bell curve": one sample against a named distribution
_SHAPE_OF_NAMED = (
    r"\b(same|similar) (overall |general )?(shape|pattern|form) (as|to) (a |an |the )?(\w+ )?"
    r"(normal|gaussian|bell|exponential|uniform|flat|weibull|gamma|log-?normal)"
)
_CUES: dict[str, list[tuple[str, float]]] = {
    "correlation": [
        (r"correl|corel|corr\b|correlat", 4), (r"\brelationship\b|\brelated\b|\brelate\b", 1.5),
        (r"\bassociat", 1.2), (r"\bgo(es)? (up|down) together|move together|track each other|go hand in hand|"
         r"\b(rise|rising|increase|grow|climb|fall|drop|decline|change)s? (and (fall|drop|rise)s? )?together", 3),
        (r"\blinked\b|\bconnected\b|\bco-?vary|\bcovariation|\btied (to|up with)\b", 1.5), (r"\bpearson|spearman|kendall|\brho\b|\btau\b", 4),
        (r"\bpartial\b|controll?ing for|adjusting for|holding .{0,30}constant", 1.5),
        (r"\bas .{1,40} (increases|rises|goes up|grows)", 2), (r"\bthe (higher|more)\b.{1,60}\bthe (higher|more|lower|less)\b", 2.5),
        (r"\btend to\b", 0.8), (r"\bmonoton", 2),
        (r"\b(go(es)?|went|move[sd]?|rises?|rose|increases?d?|decreases?d?|falls?|fell|drops?|climbs?|"
         r"scales?|varies|vary) (up |down )?(along )?with\b", 2),
    ],
    "contingency": [
        # (not the test variant: "independent samples", "two independent groups", "unpaired")
        (r"\bindependen(t|ce)\b(?![- ](?:samples?|groups?|two[- ]sample|t\b|t[- ]?tests?|"
         r"measurements?|observations?|sets?|lots|batches|specimens|means)\b)", 2.5), (r"\bchi[- ]?s(q|quare)|chi2|χ", 4), (r"\bfisher", 4),
        (r"\bcontingency|cross[- ]?tab|crosstab|two[- ]way table", 4), (r"\bmantel|haenszel|\bcmh\b", 5),
        (r"\bassociat", 1.2), (r"\brelated\b|\brelationship\b|\bdepend(s|ent)? on\b|\btied (to|up with)\b", 1),
        (r"\bodds ratio\b", 2.5), (r"\bproportions? of\b.{0,40}\bdiffer", 1),
    ],
    "variance": [
        (r"\bvariances?\b", 3.5), (r"\bvariab(ility|le)\b|\bdispersion\b|\bspread\b|\bscatter\b", 2.5),
        (r"\bhomogene|\bhomoscedast|\bheteroscedast|equal var", 4), (r"\blevene|bartlett|fligner|brown[- ]forsythe|\bmood'?s?\b", 5),
        (r"\bf[- ]test\b|\bvariance ratio\b", 3), (r"\bconsisten(t|cy)\b|\bprecis(e|ion)\b|\bsteadier\b|\bmore stable\b", 1.5),
        # the spread as what depends or differs ("does the spread of shot doses depend on who
        # pulls them", "the scatter in fill weight varies by nozzle"): a variance question, not
        # a model of the values
        (r"\b(spread|variab\w+|variation|scatter|dispersion|consistency)\s+(of|in)\s+[^.?!]{1,40}?"
         r"\b(depends?|depending|differs?|vary|varies|changes?)\s+(on|by|with|between|across|among|"
         r"from)\b", 3),
        (r"\berratic|\b(un)?predictable\b|\bfluctuat|\bswings?\b|\bvolatil|all over the place|"
         r"\bnois(y|ier)\b|\b(looser|tighter)\b|\bscattered\b|\bunstable\b|\bsteady\b|"
         r"\bup and down\b|\buneven(ly|ness)?\b|\bjump(y|ier|iest)\b|" + _PATCHY, 2),
        (r"\bvar(y|ies) (way |much |a lot )?(more|less)\b|\bmore variable\b|\bless variable\b|"
         r"\bvary by the same amount\b|\bvariation\b", 2),
        (r"\bstandard deviations? .{0,30}(differ|same|equal|similar)", 2.5),
        (r"\b(wider|narrower|broader|tighter) (range|spread)\b", 2.5),
        (r"(differ|same|equal|similar|compare).{0,40}\b(standard deviations?|sds?)\b", 2.5),
    ],
    "distribution": [
        # (not "normal" in its everyday sense: "just normal variation", "normal operation")
        (r"\bnormal(ly)?\b(?! (?:variation|noise|fluctuations?|scatter|operation|operating|"
         r"conditions?|production|running|practice|use|wear|ups and downs)\b)|\bnormality\b|"
         r"\bgaussian\b|bell[- ]shaped|bell curve", 3.5),
        (r"\bdistributed\b|\bdistribution\b|\bfollows?\b|\bfit(s|ted)?\b", 1.2),
        (r"\bexponential|\buniform(ly)?\b|\bgamma\b|\bweibull|\blog-?normal", 3),
        # the exponential named by its properties: no memory, a Poisson process's waiting
        # times, a constant hazard
        (r"\bmemory[- ]?less|\black of memory|\bpoisson process|\bconstant (hazard|failure rate)", 3),
        (r"\bshapiro|anderson|darling|kolmogorov|smirnov|lilliefors|\bks\b|goodness[- ]of[- ]fit", 5),
        (r"same (underlying |overall |\w+ )?distribution|similar (\w+ )?distributions?|identically distributed|distributions? (differ|are different|the same)", 4),
        (_SAME_SHAPE, 4),  # "follow the same pattern", "is the shape different?"
        (_SHARED_SHAPE, 4),  # "do A and B have the same shape?"
        (r"\bskewed\b", 0.5),
    ],
    "descriptive": [
        (r"\bsummar(y|i[sz]e)|\bdescri(be|ptive)|\boverview\b|\bstats for\b", 2),
    ],
}  # fmt: skip
_TEST_WORDS = re.compile(
    r"\b(test|significant|differ|difference|vs\.?|versus|correlat|relationship|associat|same|equal|"
    r"greater|less|higher|lower|exceed|above|below|at least|at most|"
    r"independen|distribut|normal|variances?|spread|hypothes|predict|regress|chart|control|capab|"
    r"design|factorial|gage|power|sample size|derivative|integra|solve|simplify)"
)
_OUT_OF_SCOPE = re.compile(
    r"\b(capital of|weather|recipe|poem|joke|song|movie|football|soccer|president|who won|"
    r"translate|write (me )?(a|an|some) (python|javascript|code|script|essay|story|email)|"
    r"system prompt|ignore (all |the |your )?(previous|prior|above) instructions|jailbreak|"
    r"how are you|hello|hi there|good morning|thank(s| you)|what'?s up|"
    r"kaplan|survival analysis|arima|forecast(ing)?|neural network|deep learning|mcmc|bayesian)\b"
)


# The asker says outright that no test is wanted: the numbers themselves are the answer.
# statistics asked of each group named ("for each", "for both", "respectively", "each")
_FOR_EACH_GROUP = re.compile(
    r"\b(for|of|in|within) (each|both|every one)\b(?! (of|\w+ (on|in|at) the)\b)[^.?!;]{0,20}[.?!;]?\s*$"
    r"|\brespectively\b|\b(each|both)[.?!]?\s*$|\bside by side\b"
)
_TESTED_WORDS = re.compile(
    r"\btest|signific|p[- ]?values?\b|\bdiffer|\bhypothes|\bevidence|\bconfiden|\bhigher\b|"
    r"\blower\b|\bmore\b|\bless\b|\bbetter\b|\bworse\b"
)
_NO_TEST = re.compile(
    r"\b(no|without( a| any)?) (significance |statistical |formal |hypothesis )?tests?\b|"
    r"\bby eye\b|\b(don'?t|do not|won'?t) (need|want) (a |any )?(formal |significance )?test|"
    r"\bno need (for|to run) (a |any )?test|\bno p[- ]?values?\b"
)


def _alpha(question: str) -> float | None:
    q = question.lower()
    m = re.search(
        r"(?:alpha|α|significance level|level of significance)\s*(?:=|of|is|at)?\s*(0?\.\d+|\d+(?:\.\d+)?\s*%)",
        q,
    )
    if not m:
        m = re.search(r"\bat (?:the )?(\d+(?:\.\d+)?)\s*%\s*(?:level|significance)", q)
        if m:
            return float(m.group(1)) / 100
        m = re.search(r"(\d+(?:\.\d+)?)\s*%\s*confidence", q)
        if m:
            return round(1 - float(m.group(1)) / 100, 10)
        return None
    t = m.group(1).replace(" ", "")
    return float(t[:-1]) / 100 if t.endswith("%") else float(t)


def _header_words_span(question: str, m: Any) -> list[tuple[int, int]]:
    """The span of a column mention that hides statistic words: without a statistic word the
    header does not hold ("the deepest snow" found ``snow_depth_cm`` through "deep": the
    maximum is still asked), and none for a lone unit word taken as a header's distinctive
    word ("SD, min and max" beside ``Draw_duration_min``: the minimum is asked)."""
    from havoc_srs.reader.text import split_name, tokens

    toks = tokens(question[m.start : m.end])
    if not toks or m.how.startswith("initials"):  # "somatic cell count" is ``SCC`` whole
        return [(m.start, m.end)]
    from havoc_srs.reader.columns import ABBREVIATIONS, UNITS

    words = split_name(str(m.column))
    own = set(words) | {x for w in words for x in ABBREVIATIONS.get(w, ())}  # "avg": average
    heads = {w[:3] for w in own if len(w) >= 3}  # "minimum" in the question, ``MinTemp``
    stat = [t.text in S.STAT_WORDS and t.text not in own and t.text[:3] not in heads for t in toks]
    one = toks[0].text
    if len(toks) == 1 and one in S.STAT_WORDS and one in UNITS and m.how.startswith("distinct"):
        return []  # a unit taken for the header's word ("min" of ``Draw_duration_min``)
    a, b = 0, len(toks)
    while a < b and stat[a]:
        a += 1
    while b > a and stat[b - 1]:
        b -= 1
    if a == b:
        return [(m.start, m.end)]
    return [(m.start + toks[a].start, m.start + toks[b - 1].end)]


def _without_mentions(q: str, mentions: list[Any]) -> str:
    """``q`` with the spans of the columns and values it names blanked (same length)."""
    out = list(q)
    if any(m.end > len(q) for m in mentions):
        return q
    for m in mentions:
        if m.kind in ("column", "value") and 0 <= m.start < m.end <= len(q):
            out[m.start : m.end] = " " * (m.end - m.start)
    return "".join(out)


def cue_scores(question: str) -> tuple[dict[str, float], list[str]]:
    q = spelled(question.lower())  # "varience", "distrbution"
    scores = dict.fromkeys(NEW_FAMILIES, 0.0)
    ev: list[str] = []
    for fam, pats in _CUES.items():
        for pat, w in pats:
            m = re.search(pat, q)
            if m:
                scores[fam] += w
                ev.append(f"cue {fam}: '{m.group(0)}' (+{w:g})")
    return scores, ev


def read(question: str, ds: Any, mode: Any = None) -> Reading:
    """Read ``question`` against the attached dataset (or None) and the rules' ModeDecision."""
    r = Reading(question=question)
    r.mentions = ground_columns(question, ds) if ds is not None else []
    r.mentions = _corrected(question, r.mentions)
    r.mentions = _answer_format(question, r.mentions)
    r.mentions = ordinal_mentions(question, ds, r.mentions)  # "the first length": Length1
    r.mentions = flag_mentions(question, ds, r.mentions)  # "phones that support 5G": has_5g
    r.mentions = column_range_mentions(question, ds, r.mentions)  # "Q1-Q10"
    r.inline = inline_table(question) if ds is None else None
    if ds is None and r.inline is None and strip_units(question) != question:
        r.inline = inline_table(strip_units(question))  # "12 min, 15 min, 9 min, 22 min"
    r.counts = count_table(question) if ds is None else None
    if r.counts is None and not _table_attached(ds):
        from havoc_srs.reader.gof import gof_counts

        r.gof = gof_counts(question)
    if r.inline is not None and ds is None:
        from havoc_srs.data import Dataset

        r.mentions = ground_columns(question, Dataset.from_frame(r.inline, "question"))
    numeric = set(ds.numeric) if ds is not None else set()
    # "standard deviation" on a table whose Lunch column holds "standard": a statistic's own
    # words are not a cell value that restricts the rows
    named_stats = S.statistic_spans(question)
    r.mentions = [m for m in r.mentions if not (m.kind == "value" and any(
        a <= m.start and m.end <= b for a, b in named_stats))]  # fmt: skip
    r.statistic = S.asked_statistics(
        question,
        # the labels of numbers typed into the question are its own words ("median and
        # quartiles of: 3, 7, 8"): they hide no statistic
        [
            sp
            for m in r.mentions
            if m.kind == "column" and _table_attached(ds)
            for sp in _header_words_span(question, m)
        ],  # fmt: skip
        counted=[
            (m.start, m.end) for m in r.mentions if m.kind == "column" and m.column in numeric
        ],
    )
    r.methods = S.named_methods(question)
    if _EXPLAINED_SPREAD.search(question.lower()) and not r.methods:
        # "explain the variation in Y": the variation is what a model explains, no SD asked
        r.statistic = [s for s in r.statistic if s not in ("std", "variance")]
    r.target = S.target_distribution(question)
    q = question.lower()
    qd = distribution_cut(q)  # "dist same?": the distribution cut short
    r.same_distribution = bool(re.search(
        # "the same points distribution", "a similar age distribution"
        r"same (underlying |overall |\w+ )?distribution|similar (\w+ )?distributions?|"
        r"identically distributed|"
        r"distributions? (differ|are different|are the same|alike)|differently distributed|"
        r"come from the same|different distributions?|follow the same", qd)
        or (re.search(_SAME_SHAPE, q) and not re.search(_SHAPE_OF_NAMED, q))
        or (re.search(_SHARED_SHAPE, q) and not r.target))  # fmt: skip
    r.alpha = _alpha(question)
    scores, ev = cue_scores(question)
    r.evidence += ev
    cols = [m for m in r.mentions if m.kind == "column"]
    table = ds
    if table is None and r.inline is not None:
        from havoc_srs.data import Dataset

        table = Dataset.from_frame(r.inline, "question")
    n_num = len({m.column for m in cols if table is not None and m.column in table.numeric})
    n_lab = len({m.column for m in cols if table is not None and m.column in table.labels})
    r.two_columns_compared = n_num >= 2
    if scores["correlation"] > 0 and n_lab >= 2 and n_num == 0:
        scores["contingency"] += scores["correlation"] * 0.8 + 1
        scores["correlation"] *= 0.3
        ev.append("two categorical columns named: association → contingency")
    if (
        scores["contingency"] > 0
        and n_num >= 2
        and n_lab == 0
        and not re.search(r"chi|fisher|mantel|contingency|cross", q)
    ):
        scores["correlation"] += scores["contingency"]
        scores["contingency"] *= 0.3
        ev.append("two numeric columns named: association → correlation")
    if (
        n_num >= 2
        and n_lab == 0
        and not any(m.kind == "value" for m in r.mentions)
        and re.search(
            r"\b(do|does|did|are|is|were)( the)? (\w+ )?\w{3,}(er|ier) \w+.{0,60}\b(more|less|fewer|"
            r"longer|shorter|higher|lower|bigger|smaller|better|worse|\w{3,}ier)\b",
            q,
        )
    ):  # "do pricier orders take longer to arrive?": two measures rising together
        scores["correlation"] += 2.5
        ev.append("two numeric columns compared by degree (X-er ... Y-er): correlation")
    if not any(scores.values()) and not r.statistic:
        # no cue word at all: the kinds of the columns named decide between association tests
        # ... unless one is said to explain or predict the other: a model's words
        if n_num >= 2 and n_lab == 0 and not re.search(r"\b(explain|predict|regress|forecast)", q):
            scores["correlation"] += 1.5
            ev.append("no cue; two numeric columns named: correlation")
        elif n_lab >= 2 and n_num == 0:
            scores["contingency"] += 1.5
            ev.append("no cue; two categorical columns named: contingency")
    if r.counts is not None:
        scores["contingency"] += 2
    elif r.gof is not None:  # counts per category and a fit asked: chi-square goodness of fit
        scores["contingency"] += 5
        scores["distribution"] *= 0.3
        ev.append(
            "counts per category typed with a goodness-of-fit ask: chi-square goodness of fit"
        )
    elif (
        not _table_attached(ds)
        and table is not None
        and re.search(r"associat|independen|related|relationship", q)
    ):
        from havoc_srs.families.contingency import _count_matrix

        if _count_matrix(table) is not None:  # a typed grid of counts and an association asked
            scores["contingency"] += 3
            ev.append("a grid of counts typed with an association asked: contingency")
    if table is not None:
        _categorical_only(r, table, q, scores, ev)
        _spread_compared(r, table, q, scores, ev)
    # the words of a column or a value named in the question ("Test Prep", "the control
    # arm") are not cues of a test or a comparison
    q_cues = _without_mentions(q, r.mentions)
    compares_means = (
        bool(re.search(r"\bcompar\w* (the )?(means|averages)\b", q))
        and set(r.statistic) <= {"mean", "median"}
        and n_num >= 2
    )
    if compares_means:  # "compare the means of line1 and line2": a test of two samples
        ev.append("the means of two columns compared: a test, not a summary")
    elif (
        r.statistic
        and _FOR_EACH_GROUP.search(q_cues)
        and not _TESTED_WORDS.search(q_cues)
        and not set(r.methods)
    ):  # "business versus personal travel: mean and SD for each": a description per group
        scores["descriptive"] += 4 + 0.5 * len(r.statistic)
        ev.append(f"statistics asked for each group: {', '.join(r.statistic)}")
    elif r.statistic and not _TEST_WORDS.search(q_cues):
        scores["descriptive"] += 3 + 0.5 * len(r.statistic)
        ev.append(f"statistics asked: {', '.join(r.statistic)}")
    elif r.statistic:
        scores["descriptive"] += 1.0
    comparing = re.search(
        r"differ|equal|same|similar|homogen|\bcompar|\bvs\b|versus|\bmore\b|\bless\b|\bthan\b|"
        r"steadier|consisten|\bbetween\b|test"
        # "does the spread depend on who pulls the shot": across groups
        r"|\bdepend|\bvar(y|ies) (by|with|across|between)",
        q_cues,
    )
    if set(r.statistic) & {"variance", "std"} and not comparing:
        scores["variance"] = max(0.0, scores["variance"] - 3)
        scores["descriptive"] += 2
        ev.append("a variance or standard deviation asked for, nothing compared: descriptive")
    if "cv" in r.statistic and not set(r.methods) & {"f_test_variance", "levene", "bartlett"}:
        # "spread relative to its mean" describes the coefficient of variation, not a test
        scores["variance"] = max(0.0, scores["variance"] - 3)
        scores["descriptive"] += 2
        ev.append("spread relative to the mean asked: the coefficient of variation")
    if r.statistic and _NO_TEST.search(q):
        scores["descriptive"] += 4
        ev.append(f"no test wanted ('{_NO_TEST.search(q).group(0)}'): the statistics only")
    if (
        set(r.statistic) - {"mean", "count", "std", "variance", "range"}
        and re.search(r"\bcompar", q)
        and not re.search(r"signific|test|differ", q)
    ):
        scores["descriptive"] += 1.5
    if (
        "variance" in r.statistic
        and not _NO_TEST.search(q)
        and re.search(
            r"variances? (of|between|across|for)?.{0,60}(differ|equal|same|similar|homogen|compare)|(differ|equal|same|similar|compare).{0,40}variances?",
            q,
        )
    ):
        scores["descriptive"] -= 3
    if re.search(
        r"assum\w* (equal|unequal|pooled) variances|(equal|pooled) variances? (assumed|assumption)"
        r"|assum\w*( \w+){0,3}? (equal|unequal|pooled|same|different|common) variances"
        r"|t[- ]?test\b.{0,40}\b(equal|unequal|pooled) variances",
        q,
    ):
        scores["variance"] = 0.0
        ev.append("equal variances named as an assumption, not asked about")
    if re.search(
        r"how many .{0,40}\b(do|would|should|will|must) (i|we|you) (need|use|take|collect|test|sample)",
        q,
    ):
        scores["descriptive"] = 0.0
        ev.append("'how many ... do I need' is a sample-size question")
    if r.target and re.search(
        r"\b(weibull|gamma|exponential|log-?normal|normal|gaussian|uniform|bell[- ]curve)\w*\b"
        r"[^.?!]{0,30}?\b(describes?|describing|fits?|captures?|models?)\b",
        q,
    ):  # "does a Weibull describe how long the batteries last": a fit asked, no summary
        scores["descriptive"] = max(0.0, scores["descriptive"] - 2)
        scores["distribution"] += 2
        ev.append("a named distribution said to describe the values: a fit")
    explained = _EXPLAINED_SPREAD.search(q)
    if explained and not r.methods:
        # "does moisture explain the thickness variation", "how much of the variation in Y is
        # accounted for by X": the share a model explains (its R²), not a comparison of spreads
        scores["variance"] = max(0.0, scores["variance"] - 3)
        ev.append(f"the variation explained by another column ('{explained.group(0)[:40]}')")
    if r.target and r.target != "normal":
        scores["distribution"] += 1.5
    if r.target and re.search(r"~\s*\w{1,9}\s*\(", q):  # "X ~ N(mu, sigma^2)?": a fit asked
        scores["distribution"] += 3.0
        ev.append("a distribution written in its notation (X ~ D(...))")
    if r.target == "uniform" and re.search(r"\bspread (out )?evenly|\bevenly spread", q):
        scores["variance"] = max(0.0, scores["variance"] - 2.5)  # "spread evenly": a shape
        scores["distribution"] += 1.5
    for m in r.methods:
        fam = _METHOD_FAMILY.get(m)
        if m == "spearman" and not _SPEARMAN_OWN.search(q):
            continue  # "on the ranks", "rank-based" alone: as much a rank test as a correlation
        if m == "f_test_variance" and _MODEL_F.search(q):
            # "the overall F test" of a fitted model tests its slopes, not two variances
            scores["variance"] = max(0.0, scores["variance"] - 3)
            ev.append("the F test of a fitted model asked, not a ratio of two variances")
            continue
        if m == "partial_correlation" and _COVARIATE_OF_MODEL.search(q) and "partial" not in q:
            # "fit Y on X controlling for Z": the held-fixed input is a term of the model
            ev.append("a control clause in a model asked: a covariate, not a partial correlation")
            continue
        if fam:
            scores[fam] += 3
    called = call_family(question)
    if called:  # "var.test(Fare ~ Sex)": the software's function names the analysis
        scores[called] += 4
        ev.append(f"a {called} function of statistics software called")
    r.scores = scores
    from havoc_srs.reader.describe_ask import refine

    refine(r, table)  # statistic words in other roles; shape and two-sample questions
    return r


# a fitted model asked in so many words: a control clause then names one of its inputs
_COVARIATE_OF_MODEL = re.compile(
    r"\bregress|\bols\b|\bfit(?:s|ted|ting)?\b(?! (?:a |an |the )?(?:normal|distribution))|"
    r"\bmodel(?:s|led|ling|ed|ing)?\b|\bslopes?\b|\bcoefficients?\b|\bpredict"
)


# the F test of a model: "overall F", "F test for the regression", or an F test asked with a
# model's other outputs (coefficients, estimates, R²) and no spread word
_MODEL_F = re.compile(
    r"\boverall f\b|\b(?:model|regression) f\b|\bf[- ]?(?:test|statistic|value)s? (?:of|for) (?:the |this |that )?"
    r"(?:model|regression|fit|slopes?)\b|^(?!.*(?:varianc|spread|variab|dispersion|precis|consisten))"
    r"(?=.*\bf[- ]?test)(?=.*(?:\bcoefficients?\b|\bparameter estimates?\b|\bslopes?\b|r-?squared|r²|\bregress))"
)


# Words that compare levels (a t-test or ANOVA), not frequencies or spreads.
_LOCATION = re.compile(
    r"\b(mean|means|average|averages|avg|median|medians|typical|higher|lower|larger|smaller|"
    r"bigger|greater|longer|shorter|heavier|lighter|cheaper|pricier|more expensive|score higher|"
    r"proportions?)\b|"
    # a test of location named outright ("t-test A vs B" on a column of few values)
    r"\bt[- ]?tests?\b|\bttest|\banova\b|mann[- ]?whitney|wilcoxon|kruskal|\bwelch\b"
)
_RANK_ASSOCIATION = re.compile(r"correl|corel|pearson|spearman|kendall|\brho\b|\btau\b")
# words that make ranks a correlation (Spearman's own name, or an association asked)
_SPEARMAN_OWN = re.compile(
    r"correl|corel|spearman|\brho\b|associat|relat|monoton|together|\bco-?vary|\blinked\b|"
    r"\bas \S+ (?:goes|go|rises?|increases?|grows?)\b|\bthe (?:higher|more|bigger|larger)\b"
)


def _kinds(r: Reading, table: Any) -> tuple[set[str], set[str], set[str]]:
    """Columns the question names, by kind: categorical (labels, two-level codes, a column whose
    values are named), coded (numbers with 3-7 levels, e.g. a 1-5 rating) and measured."""
    cat, coded, measured = set(), set(), set()
    for m in r.mentions:
        if m.kind == "value":
            cat.add(m.column)
        elif m.column in table.labels:
            cat.add(m.column)
        elif m.column in table.numeric:
            levels = table.n_levels(m.column)
            (cat if levels <= 2 else coded if levels <= 7 else measured).add(m.column)
    return cat, coded, measured


def _categorical_only(
    r: Reading, table: Any, q: str, scores: dict[str, float], ev: list[str]
) -> None:
    """Only categorical columns named (labels, 0/1 codes, a rating of a few levels, or a column
    whose values are named: "men and women ... kinds of chest pain") and no level, spread or
    correlation asked: the question is about a two-way table, whatever its verbs."""
    cat, coded, measured = _kinds(r, table)
    if measured or r.statistic or _LOCATION.search(q) or _RANK_ASSOCIATION.search(q):
        return
    if _GAGE_STUDY.search(q):  # parts and operators of a gage study are crossed, not associated
        return
    if re.search(r"\brates?\b|\bpercent|\bfraction\b|\bshare\b", q):
        return  # "reject at a different rate": two proportions, the engineering families' test
    if _SPREAD_CUE.search(q) and not re.search(r"spread (out )?evenly|evenly spread", q):
        return
    if any(_METHOD_FAMILY.get(m) not in (None, "contingency") for m in r.methods):
        return
    if not ((cat and len(cat | coded) >= 2) or (len(coded) >= 2 and "independen" in q)):
        return
    scores["contingency"] += 4
    scores["correlation"] *= 0.3
    ev.append(f"only categorical columns named ({', '.join(sorted(cat | coded))}): contingency")


# the variation as the object of a model's explaining: "explain the thickness variation",
# "explains most of the variability in", "the spread in Y accounted for by X"
_SPREAD_NOUN = r"(?:variation|variability|variance|spread|scatter|differences)"
_EXPLAINED_SPREAD = re.compile(
    rf"\b(?:explain|explains|explained|explaining|account for|accounts for|accounted for|"
    rf"predict|predicts)\b(?:\s+[\w%-]+){{0,5}}?\s+{_SPREAD_NOUN}\b"
    rf"|\b{_SPREAD_NOUN}\b(?:\s+[\w%-]+){{0,5}}?\s+(?:is |are |be )?(?:explained|accounted for|"
    rf"predicted) by\b"
)
# a gage study asked by any of its names ("quick R&R", "%GRR", "an MSA", "repeatability")
_GAGE_STUDY = re.compile(
    r"\bgage\b|\bgauge\b|\br\s?&\s?r\b|\br and r\b|\b%?grr\b|\bmsa\b|\brepeatab|\breproducib"
)
_SPREAD_CUE = re.compile(
    r"\bvar(y|ies|ied|iation|iability|iable)\b|\bspread\b|\bscatter|\bfluctuat|\berratic|"
    r"\bvolatil|\bswings?\b|\bconsisten|\bsteadier\b|\bstable\b|\bunstable\b|\bdispersion\b|"
    r"\bbounc|\bjump(s|y)? around\b|\bnois(y|ier)\b|\bpredictable\b|\bunpredictable\b|"
    r"\bup and down\b|\buneven(ly|ness)?\b|\bjump(y|ier|iest)\b|" + _PATCHY
)
_GROUPS_COMPARED = re.compile(
    r"\bbetween\b|\bvs\.?\b|\bversus\b|\bacross\b|\bamong\b|\bfrom one\b|\bno matter\b|"
    r"\b(for|by|in) (each|every)\b|\bthan (the )?others\b"
)
# Where the scatter comes from (a gage study, variance components), not whether it is equal.
_SPREAD_SOURCE = re.compile(
    r"\bcomes? from\b|\bdue to\b|\battribut|\bcomponents?\b|\bgage\b|\bgauge\b|\brepeatab|"
    r"\breproducib|\bcontrol\b|\bcapab|\bdown to\b|"
    r"\bhow much of the (?:variation|variability|variance|spread|scatter)\b"
)


def _spread_compared(
    r: Reading, table: Any, q: str, scores: dict[str, float], ev: list[str]
) -> None:
    """A spread word ("vary more", "fluctuates", "more erratic", "equally scattered") and groups
    compared, with no level compared: equality of variances, not a test of means."""
    cue = _SPREAD_CUE.search(q)
    if not cue or _LOCATION.search(q) or r.statistic and not set(r.statistic) <= {"variance"}:
        return
    if re.search(r"spread (out )?evenly|evenly spread|uniform", q):
        return
    values = {}
    for m in r.mentions:
        if m.kind == "value":
            values.setdefault(m.column, set()).add(str(m.value))
    cat, coded, measured = _kinds(r, table)
    if _SPREAD_SOURCE.search(q):
        return
    two_values = any(len(v) >= 2 for v in values.values())
    # "do the species differ in how variable their height is": a spread word that cannot mean
    # a level ("vary by region" can), a group column and a measurement named
    plain_spread = not re.fullmatch(r"var(y|ies|ied)", cue.group(0))
    grouped = (
        plain_spread
        and measured
        and any(m.kind == "column" and m.column in cat for m in r.mentions)
    )
    if not (
        two_values
        or grouped
        or _GROUPS_COMPARED.search(q)
        or (re.search(r"\bthan\b", q) and len(measured | coded) >= 2)
    ):
        return
    if not (measured or any(m.column in table.numeric for m in r.mentions)) and not (
        two_values and plain_spread and table.numeric
    ):  # "maize harvests in Kenya swing more than in Mexico": the measure left unsaid
        return
    scores["variance"] += 3
    ev.append(f"groups compared by their spread ('{cue.group(0)}'): equality of variances")


_METHOD_FAMILY = {
    "pearson": "correlation", "spearman": "correlation", "kendall": "correlation",
    "partial_correlation": "correlation", "chi2_independence": "contingency",
    "fisher_exact": "contingency", "mantel_haenszel": "contingency", "f_test_variance": "variance",
    "levene": "variance", "bartlett": "variance", "mood": "variance", "fligner": "variance",
    "shapiro_wilk": "distribution", "anderson_darling": "distribution", "ks_normal": "distribution",
    "lilliefors": "distribution", "ks_two_sample": "distribution",
}  # fmt: skip


def out_of_scope(question: str) -> bool:
    return bool(_OUT_OF_SCOPE.search(question.lower()))


__all__ = ["NEW_FAMILIES", "Reading", "read", "ground_columns", "out_of_scope"]


_CORRECTION = re.compile(
    r"\b(no wait|wait,? no|scratch that|sorry,? i meant?|no,? i meant?|or rather|correction)\b",
    re.I,
)


def _corrected(question: str, mentions: list[Mention]) -> list[Mention]:
    """ "how old the applicant is no wait I mean how much the co-applicant earns": the
    columns named before a self-correction are dropped when others are named after it."""
    fix = _CORRECTION.search(question)
    if fix is None or not any(m.start >= fix.end() and m.kind == "column" for m in mentions):
        return mentions
    rest = question[fix.end() :].lower()
    return [
        m
        for m in mentions
        if m.start >= fix.end() or m.kind != "column" or question[m.start : m.end].lower() in rest
    ]  # a column named on both sides of the correction stays


_YES_OR_NO = re.compile(
    r"\byes(?: or |/| / )no\b(?=\s*(?:[,.;:?!)]|$|answer|with|and|please|plus|first|then))", re.I
)


def _answer_format(question: str, mentions: list[Mention]) -> list[Mention]:
    """ "Yes or no, and how strong": the form of the answer wanted, not the Yes / No cells of
    a column (unless that column is named too)."""
    spans = [(m.start(), m.end()) for m in _YES_OR_NO.finditer(question)]
    named = {m.column for m in mentions if m.kind == "column"}
    return [
        m
        for m in mentions
        if not (
            m.kind == "value"
            and m.column not in named
            and any(a <= m.start and m.end <= b for a, b in spans)
        )
    ]


def _table_attached(ds: Any) -> bool:
    """A table the user attached (not the numbers typed into the question)."""
    return ds is not None and getattr(ds, "name", "") != "question"
