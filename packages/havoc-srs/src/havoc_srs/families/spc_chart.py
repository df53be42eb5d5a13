"""Control charts: X-bar/R, X-bar/S, I-MR, p, np, c, u, EWMA and CUSUM, with the Nelson rules.

ARGUE checks stability (the rules' signals) and, for a phase I chart with signals, re-estimates
the limits without the flagged subgroups; AUDIT recomputes the limits from the published SQC
constants tables (d2, A2, D3, D4) or the c4 formula, by a different path than the library, and
recomputes re-estimated limits from the subgroups that were kept.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from havoc_tools.dsl import ast as A

from havoc_srs.answer import number_text as fmt
from havoc_srs.data import Dataset
from havoc_srs.dslbuild import comment, let, name, opts, program
from havoc_srs.execute import Execution
from havoc_srs.families._checks import check, flagged, run
from havoc_srs.families._sqc import (
    A2,
    D2,
    D3,
    D4,
    TABLE_TOL,
    _blocked,
    _cycle_length,
    _row_index,
    c4,
    d2,
    inline_values,
    spc_series,
)
from havoc_srs.phrasing import Phrasing, normalise
from havoc_srs.plan import ID_LIKE, Missing, Plan, mentioned, need_data

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "spc_chart"
PROTOCOL = "arbiter"
ground_hint = "control chart limits Nelson rules"
VERBS = ("chart",)

# ---------------------------------------------------------------------------------------------
# PLAN

_CH = r"(?:control )?(?:chart|chrat|cahrt|chatr|chrt|graph|plot)s?\b"
_XB = r"(?:\bx[- ]?bar|\bxbar|\bx̄)"  # "x-bar", "xbar", "x̄"
_SEP = r"\s*(?:[-/&,+]|\band\b|\bwith\b|\bplus\b)?\s*(?:(?:an?|the|its)\s+)?"
_NEAR = r"\b(?:\W+\w+){0,8}?\W+"  # "subgroup means accompanied by a chart of subgroup ..."
_CHARTS = [
    (_XB + _SEP + r"(?:r|ranges?)\b|\b(averages?|means?)( \w+)? and "
     r"(the |their |its )?ranges?\b|\b(averages?|means?)" + _NEAR + r"ranges?\b", "xbar_r"),
    (_XB + _SEP + r"(?:s|sigmas?|std|stdev|std devs?|standard deviations?)\b|\b(averages?|means?)"
     r"( \w+)? and (the |their |its )?(standard deviations?|std devs?|sigmas?)\b|"
     r"\b(averages?|means?)" + _NEAR + r"(?:standard deviations?|std devs?)\b", "xbar_s"),
    (r"\bi[- ]?mr\b|\bindividuals?\b|\bmoving ranges?\b|\bx[- ]?mr\b|\bi[- ]" + _CH, "imr"),
    (r"\bnp[- ]?" + _CH + r"|\bnumber (of )?defectives?\b", "np"),
    (r"\bp[- ]?" + _CH + r"|\b(fraction|proportion|percent(age)?|share|rate|ratio) (of )?(\w+ )?"
     r"(defectives?|defective|nonconforming|rejects?|rejected|bad|failures?|failed|faulty|scrap(ped)?)"
     r"\b|\b(defective|reject|failure|scrap) (rate|fraction|proportion|percentage)\b", "p"),
    (r"\bu[- ]?" + _CH + r"|\b(defects|nonconformities|non-conformities|flaws|errors|faults|"
     r"blemishes|scratches) per (unit|item|piece|part|board|assembly|product|device|vehicle)\b",
     "u"),
    (r"\bc[- ]?" + _CH + r"|\bcount of defects\b", "c"),
    (r"\bewma\b|\bexponentially[- ]weighted\b|\bexponential(?:ly)? smooth\w*|\bweights? (?:the )?"
     r"(?:recent|latest|newer|newest) (?:points|values|data|readings|results) (?:more|most|heavier)\b",
     "ewma"),
    (r"\bcusum\b|\bcumulative[- ]sums?\b|\baccumulat\w* (?:\w+ ){0,3}(?:deviations?|differences?|"
     r"departures?|errors?|shifts?)\b|\b(?:running|cumulative) (?:sum|total)s? of (?:the )?"
     r"(?:deviations?|differences?|departures?)\b", "cusum"),
]  # fmt: skip
# what the question counts: flaws on a unit (c/u) or units that fail (p/np)
# the flaws people count on a unit, each of which leaves the unit usable or not (c/u charts)
# ("spots", "chips", "cuts" are as often places, parts and operations: left out)
_FLAWS = (
    r"bubbles|voids|knots|dents|pinholes|cracks|nicks|burrs|inclusions|wrinkles|"
    r"stains|specks|blisters|pores|snags|slubs|smudges|gouges|dings"
)
_DEFECT_WORDS = re.compile(
    r"\bdefects\b|\bblemish\w*|\bscratch\w*|\bflaws?\b|\bnonconformities\b|"
    rf"\b(?:{_FLAWS})\b|\bspots\b|\bfaults\b|\berrors\b|"
    r"\b(counted|found|seen) (on|in|per) (each|every|one|a|the)\b"
)
_DEFECTIVE_WORDS = re.compile(
    r"\bdefectives?\b|\brejects?\b|\brejected\b|\bnonconforming\b|\bfail(ed|ures?)\b|"
    r"\bscrap(ped)?\b|\bbad (units|parts|boards|items|pieces)\b"
)
_SOUNDS = [
    (r"\bex[- ]?bar\b", "xbar"),
    (r"\b(xbar|x[- ]bar)[- ](?:are|arr)\b", r"\1 r"),
    (r"\b(xbar|x[- ]bar)[- ](?:ess|es)\b", r"\1 s"),
    (r"\b(xbar|x[- ]bar) and (?:ess|es)\b", r"\1 and s"),
    (r"\b(xbar|x[- ]bar) and (?:are|arr)\b", r"\1 and r"),
    (r"\ben[- ]?pee[- ]?(?=(?:control )?chart)", "np "),
    (r"\b(?:pee|pea)[- ]?(?=(?:control )?chart)", "p "),
    (r"\bi[- ]?(?:em|m)[- ]?(?:are|arr)\b", "i-mr"),
]
_SIZE_COL = re.compile(
    r"^(n|size|sample_size|inspected|units|n_inspected|sample_n)$|inspected|sample[ _]?size|"
    r"\b(shipped|picked|produced|processed|built|handled|delivered|sent|received|total|scanned|"
    r"counted|sampled|audited|packed|filled|sorted|made)\b|"
    r"lot[ _]?size|\bchecked\b|\btested\b|\bexamined\b|\bsampled\b|\bqty\b|quantity|^n[ _]|"
    r"\bin (?:the |each )?(?:lot|batch|sample|subgroup|shipment|order|run)\b"  # "Boards in lot"
)
# a header naming the sample that was drawn ("Audit sample", "QC sample"): its size, when the
# values are whole counts at least as large as a count beside them
_SAMPLE_HEADER = re.compile(r"^\w+[ _](?:sample|sample[ _]n|draw)$")
_DEFECTIVES = re.compile(
    r"defective|reject|nonconf(?!ormit)|non-conf(?!ormit)|fail|scrap|\bbad\b|\bnok\b|^nc$|^d$|"
    r"(?:\bw/|\bwith\b)\s*\w+|^not\b"  # units that have one ("Orders w/ error")
)
_DEFECTS = re.compile(
    r"defects|blemish|nonconformit|flaw|scratch|error|fault|^c$|count|"
    # a header of flaws counted ("Thread nicks", "Pinholes found")
    rf"\b(?:{_FLAWS.replace('s|', 's?|')}s?)\b|\b\w+s (?:found|counted|detected|observed)\b"
)
_STATED_SIZE = re.compile(
    r"\bn\s*=\s*(\d+)|\b(?:samples?|lots?|batches?|subgroups?|groups?) of (?:size )?(\d+)\b|"
    r"\b(?:sample|lot|batch|subgroup|inspection) size (?:of |is |was |= ?)?(?:always |constant(?:ly)? )?(?:at )?(\d+)|\b(\d+) (?:units |parts |items |pieces )?(?:per|in each|each) "
    r"(?:sample|lot|batch|day|subgroup)\b|\b(?:each|every) (?:sample|lot|batch) (?:has|had|of|is) (\d+)|"
    r"\b(?:inspect|check|test|sampl|pull|examin)(?:e|ed|es|s|ing)? (\d+)\b|"
    # "200 cream jars sampled each shift", "50 boards inspected per lot"
    r"\b(\d+) (?:[a-z-]+ ){0,3}(?:sampled|inspected|checked|tested|examined|pulled|drawn|taken)"
    r" (?:(?:each|every|per|a|an) (?:sample|lot|batch|day|shift|hour|week|run|subgroup|time|order)|"
    r"daily|hourly|weekly|nightly|monthly)\b"
)
# a count header that states its own sample size: "AOI rejects (of 50)", "Fails /200"
_HEADER_SIZE = re.compile(r"\((?:of|out of|/|per|n\s*=)\s*(\d+)\)|(?:\bout of|/)\s*(\d+)\s*$")


# a chart's letters with a combining bar or an en dash ("x̄–R", "x̄/s"): MODE's rules read "x-bar"
_XBAR_SYMBOL = re.compile(r"x\u0304\s*(?:[-–/&,+]|and)?\s*(?:r|s|ranges?|sigma)?\b|x\u0304")
# two charts of subgroup statistics asked in words: "a chart of the subgroup means and one of
# their standard deviations", "plot the sample averages, with a chart of the ranges below"
# the two statistics a chart pair plots, joined without the word "chart": "individuals +
# moving range for: ...", "averages and ranges of the subgroups", "x-bar & s please"
_JOINED = r"\s*(?:\+|&|/|and|with|plus)\s*(?:a\s+|the\s+|their\s+|its\s+)?"
_PAIR_OF_STATS = re.compile(
    rf"\bindividual(?:s| values?| readings?)?{_JOINED}moving[- ]ranges?\b"
    rf"|\b(?:x[- ]?bar|xbar|subgroup (?:means|averages))s?{_JOINED}(?:r|s|ranges?|sigmas?|"
    r"standard deviations?)\b"
)
_GAGE_WORDS = re.compile(r"\br\s?&\s?r\b|\bgage\b|\bgauge\b|\bmsa\b|\brepeatab|\breproducib")
_CHART_OF_STATS = re.compile(
    r"\b(?:chart|graph|plot)s?\s+(?:of|for)\s+(?:the\s+)?(?:subgroup|sample|hourly|daily|batch)?\s*"
    r"(?:means|averages)\b.{0,80}?\b(?:chart|graph|plot)s?\s+(?:of|for)\s+(?:the\s+|their\s+)?"
    r"(?:subgroup\s+|sample\s+)?(?:ranges|standard deviations|std devs|sigmas|spreads)\b"
)
# "control chart" in the other languages people write ("carta de control", "Regelkarte",
# "carte de contrôle") and in their word order ("the chart of control")
_CONTROL_CHART_WORDS = re.compile(
    r"\b(?:chart|charts|graph|graphs) of control\b|\b(?:carta|cartas|gr[aá]fic[oa]s?|diagrama)\s+de\s+"
    r"control\b|\b(?:regelkarten?|kontrollkarten?|qualit[aä]tsregelkarten?)\b|\bcartes?\s+de\s+"
    r"contr[oô]le\b|\bcarta\s+di\s+controllo\b"
)
# which chart to use, asked of data: "what chart would show it", "which chart applies"
_WHICH_CHART = re.compile(
    r"\b(?:what|which)\s+(?:kind of\s+|type of\s+|sort of\s+)?(?:control\s+)?chart\b"
)
# a plot that is no control chart: "which chart shows the distribution, a histogram or a box plot"
_OTHER_PLOT = re.compile(r"\b(?:histogram|box ?plot|bar (?:chart|graph)|pie|scatter|pareto)\w*")
# a change in time whose moment is unknown: "did the spread change at some point during the
# audit", "the level shifted somewhere mid-run" (a change at a known moment is a test)
_CHANGED_SOMETIME = re.compile(
    r"\b(?:chang|shift|jump|mov|drift|step)\w*\b.{0,40}?\b(?:at some (?:point|stage|time)|"
    r"(?:somewhere|anywhere) (?:in|during|along|mid)|part[- ]?way (?:through|into)|mid-(?:shift|run|"
    r"batch|week|day|month|series))"
)
_N_WORD = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|fourteen|fifteen)"
# the run and zone rules of a control chart said in words, not by their names: "a run of 8 on
# one side of the centre line", "six points steadily rising", "2 of 3 beyond 2 sigma", "points
# beyond three sigma", "special causes", "zone A"
_RULES_IN_WORDS = re.compile(
    rf"\b(?:runs?|strings?|sequences?|streaks?|stretch(?:es)?) of {_N_WORD}\b"
    rf"|\b{_N_WORD} (?:or more )?(?:consecutive |successive |straight |points |values |readings |"
    r"samples |subgroups |batches |lots |days )*(?:points|values|readings|samples|subgroups|batches|"
    r"lots|days|in a row)\b.{0,50}?\b(?:one side|same side|above (?:the )?(?:centre|center|mean|"
    r"average|cl)|below (?:the )?(?:centre|center|mean|average|cl)|(?:steadily |continuously |all )?"
    r"(?:increasing|decreasing|rising|falling|going up|going down|climbing|dropping)|up and down|"
    r"alternat\w*)"
    rf"|\b{_N_WORD} (?:out )?of (?:the last )?{_N_WORD}\b.{{0,30}}?\b(?:beyond|outside|past|above|"
    r"below) (?:\d|one|two)[- ]?(?:sigma|σ|standard deviations?)"
    r"|\b(?:beyond|outside|past|exceed\w*|over) (?:the )?(?:3|three|±3|\+/-3)[- ]?(?:sigma|σ|"
    r"standard deviations?)\b|\b(?:cent(?:re|er)[- ]?line)\b|\bzones? [abc]\b"
    r"|\bspecial[- ]causes\b|\bassignable[- ]causes?\b|\b(?:we|weco|nelson) (?:rules?|tests?)\b"
    # an unusual period asked of the data: "which lots had unusually many rejects", "anything out of
    # the ordinary", "is the process predictable" (Wheeler's word for in control)
    r"|\bwhich (?:lots?|batch(?:es)?|days?|weeks?|shifts?|hours?|samples?|subgroups?|runs?|rolls?|"
    r"months?|orders?|panels?|heats?|coils?)\b.{0,40}?\b(?:unusual\w*|abnormal\w*|out of (?:the "
    r"ordinary|control|line)|stand\w* out|st[iu]ck\w* out|excessive\w*)"
    r"|\b(?:anything|any\w*) (?:out of the ordinary|out of line|unusual|abnormal)\b"
    # "is anything out?", "any lots out?" (not out of spec, stock, scope or date)
    r"|\b(?:anything|any (?:points?|lots?|days?|batch(?:es)?|samples?|shifts?|weeks?|hours?|rolls?))"
    r" (?:out|outside)\b(?! of (?:the )?(?:spec\w*|toleran\w*|stock|scope|date|range|limits? of spec))"
    r"|\b(?:is|was|are|were) (?:the |our |this |that )?(?:process|line|output|system|it) (?:\w+ )?"
    r"predictable\b"
)


def mode_cue(question: str, data: Dataset | None) -> tuple[float, str]:
    """MODE evidence of a control chart the rules' words miss: x̄ with its combining bar, two
    charts of subgroup statistics asked in words, "control chart" in another language or word
    order, "which chart" asked of data, and a change at an unknown moment."""
    q = question.lower().replace("–", "-")
    # "x̄ = 24.3": a sample mean stated with its value, not the chart of that name
    if _XBAR_SYMBOL.search(re.sub(r"x\u0304\s*(?:=|:|≈|is|of|was)\s*[-+]?\d", " ", q)):
        return 6.0, "an x̄ chart named by its symbol"
    if _XBAR_SPELT.search(q):
        return 6.0, "an x-bar chart named in another spelling"
    m = _QCC.search(q)
    if m and m.group(1).lower() in _QCC_TYPES and not re.search(r"process\.capability", q):
        return 6.0, f"a control chart called by its software name (qcc type {m.group(1)})"
    if re.search(r"\b[a-z]+-(?:and|or|&)-[a-z]+\s+(?:control\s+)?chart", q) and chart_kind(q):
        return 3.5, "a chart named in hyphenated words"
    q = normalise(question)
    for pat, w, why in (
        (_PAIR_OF_STATS, 6.0, "a control chart named by the two statistics it plots"),
        (_CHART_OF_STATS, 4.0, "charts of subgroup means and their spread asked in words"),
        (_CONTROL_CHART_WORDS, 3.5, "a control chart named in other words"),
        (
            _WHICH_CHART,
            (2.0 if _OTHER_PLOT.search(q) else 5.0) if data is not None else 0.0,
            "which chart to use, asked of data",
        ),
        (_CHANGED_SOMETIME, 3.0 if data is not None else 0.0, "a change at an unknown moment"),
        (_RULES_IN_WORDS, 6.0 if data is not None else 0.0, "the chart's run rules in words"),
    ):
        m = pat.search(q)
        if m and pat is _PAIR_OF_STATS and _GAGE_WORDS.search(q):
            continue  # "the X-bar and R method" of a gage R&R study
        if m and w:
            return w, f"{why} ({m.group(0)[:40].strip()})"
    return 0.0, ""


# x-bar in the words of other languages and spellings: "X-barra" (es, pt, it), "X barre" (fr),
# "X-quer" (de), "X-double-bar" / "x̿" (the grand mean's chart, an x-bar chart)
_XBAR_SPELT = re.compile(
    r"\bx[- ]?(?:barra|barre|quer|double[- ]?bar|bar[- ]?bar)\b|x\u033f|\bx(?:bb|dbar)\b"
)


# a chart called by its software name: R's qcc(x, type = "c"), qcc::qcc(..., type="xbar.one")
_QCC = re.compile(
    r"\bqcc\s*\((?:[^()]|\([^()]*\))*?\btype\s*=\s*['\"]([a-z.]+)['\"]", re.IGNORECASE
)
_QCC_TYPES = {"xbar": "xbar_r", "r": "xbar_r", "s": "xbar_s", "xbar.one": "imr", "p": "p",
              "np": "np", "c": "c", "u": "u"}  # fmt: skip


def spelt(q: str) -> str:
    """``q`` with x-bar written as "xbar" however it was spelt, and words joined by hyphens into
    one name ("average-and-range chart") taken apart."""
    q = _XBAR_SPELT.sub("xbar", q)
    return re.sub(r"(?<=[a-z])-(and|or|&)-(?=[a-z])", r" \1 ", q)


def chart_kind(q: str) -> str | None:
    """The chart the question names, in symbols or in words ("chart the fraction defective",
    "exponentially weighted", "averages and ranges"); None when it names none."""
    m = _QCC.search(q)
    if m and m.group(1).lower() in _QCC_TYPES:  # qcc(flaws, type = "c")
        return _QCC_TYPES[m.group(1).lower()]
    q = spelt(q.replace("–", "-"))
    q = q.replace("x\u0304", "xbar").replace("\u0304", "")
    for pat, sub in _SOUNDS:  # chart letters written as they sound: "ex bar are", "pee chart"
        q = re.sub(pat, sub, q)
    named = [k for pat, k in _CHARTS if re.search(pat, q)]
    if "imr" in named and {"ewma", "cusum"} & set(named):
        # "the individual values on an EWMA chart": EWMA and CUSUM chart individual values too
        return next(k for k in named if k in ("ewma", "cusum"))
    return named[0] if named else None


# a number of things taken per sample ("50 fasteners per sample", "200 jars in each lot"),
# unless the things are what is counted ("3 scratches per panel", "12 calls per day")
_UNITS_PER_SAMPLE = re.compile(
    r"\b(\d+) ((?:[a-z-]+ ){1,2})(?:per|in each|in every|from each|from every|for each) "
    r"(?:sample|lot|batch|subgroup|shift|hour|run)\b"
)
_EVENTS = re.compile(
    r"\b(?:calls?|complaints?|incidents?|accidents?|breakdowns?|stops?|stoppages?|alarms?|"
    r"events?|visits?|arrivals?|orders?|tickets?|issues?|returns?|errors?|mistakes?|nicks?|"
    r"leaks?|jams?|trips?|interruptions?|counts?|occurrences?)\b"
)


def stated_size(q: str, ph: Phrasing) -> int | None:
    """A constant sample size stated in the question ("n = 125", "daily samples of 200")."""
    m = _STATED_SIZE.search(q)
    if m:
        return int(next(g for g in m.groups() if g))
    for m in _UNITS_PER_SAMPLE.finditer(q):  # "(50 fasteners per sample)"
        things = m.group(2)
        if not (_DEFECT_WORDS.search(things) or _DEFECTIVE_WORDS.search(things)):
            if not _EVENTS.search(things):
                return int(m.group(1))
    for key in ("subgroup_size", "n"):
        v = ph.slots.get(key)
        if v is not None and float(v) >= 2 and float(v).is_integer():
            return int(v)
    return None


_BRACKETS = re.compile(r"[\[(]\s*([-+]?\d+(?:\.\d+)?(?:\s*[,;]?\s*[-+]?\d+(?:\.\d+)?)+)\s*[\])]")
_LABELLED_SUBGROUP = re.compile(
    r"\b(?:subgroup|sample|hour|batch|lot|day|shift)\s*#?\s*\d+\s*[:=]\s*"
    r"([-+]?\d+(?:\.\d+)?(?:\s*[,;]?\s*[-+]?\d+(?:\.\d+)?)+)",
    re.IGNORECASE,
)


# one subgroup per line, after a label of its own: "1: 0.82 0.85 0.80", "S3) 12.1 12.4 12.0",
# or a row of a table typed with pipes or tabs: "| S2 | 4.1 | 4.3 | 4.0 |", "lot 7<TAB>3.3<TAB>3.1"
_LINE_SUBGROUP = re.compile(
    r"^[ \t]*\|?[ \t]*(?:[a-z]{1,10}[ \t]*)?#?\d{1,3}[ \t]*[:=)|\t][ \t]*"
    r"([-+]?\d+(?:\.\d+)?(?:[ \t]*[,;|]?[ \t]*[-+]?\d+(?:\.\d+)?)+)[ \t]*[.;|]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _columns_differ(groups: list[list[float]]) -> bool:
    """Rows whose positions hold different quantities (inspected 220 beside defective 6): the
    positions' means lie far apart for their spread. The values of a subgroup are exchangeable,
    so their positions' means differ only by chance."""
    if len({len(g) for g in groups}) != 1:
        return False
    a = np.asarray(groups, dtype=float)
    sd = float(np.sqrt(np.mean(a.var(axis=0, ddof=1)))) if len(a) > 1 else 0.0
    means = a.mean(axis=0)
    spread = float(np.ptp(means))
    ratio = float(means.max() / means.min()) if means.min() > 0 else 1.0
    return spread > 6 * sd or ratio > 10


def inline_subgroups(question: str) -> Dataset | None:
    """Subgroups typed into the question, one bracket or one labelled list each ("[10.02 10.01
    9.98], [9.99 10.03 10.01]" or "subgroup 1: 5.1 5.3 5.2; subgroup 2: ..."): a long table of
    value and subgroup, at least two subgroups of at least two values."""
    for pat in (_BRACKETS, _LABELLED_SUBGROUP, _LINE_SUBGROUP):
        groups = [
            [float(v) for v in re.findall(r"[-+]?\d+(?:\.\d+)?", m.group(1))]
            for m in pat.finditer(question)
        ]
        groups = [g for g in groups if len(g) >= 2]
        if len(groups) >= 2 and pat is _LINE_SUBGROUP and _columns_differ(groups):
            continue  # "Mon | 220 | 6": rows of different variables, not subgroups
        if len(groups) >= 2:
            frame = pd.DataFrame(
                {
                    "value": [v for g in groups for v in g],
                    "subgroup": [i + 1 for i, g in enumerate(groups) for _ in g],
                }
            )
            return Dataset.from_frame(frame, "question")
    return None


# a count over its sample size typed as a fraction: "8/200", "11 / 210" (no date "12/05/2024",
# no decimals "3.5/7")
_FRACTION = re.compile(r"(?<![\d./])(\d+)\s*/\s*(\d+)(?![\d/]|\.\d)")


def typed_fractions(question: str, kind: str | None, q: str) -> Dataset | None:
    """Counts typed with their sample sizes as fractions ("daily rejects / inspected: 8/200,
    11/210, 6/190, 9/205"): a table of the counts and the sizes, four samples at least. The
    counts are defectives (p, np charts: never above their size) unless the question counts
    flaws (u chart: defects per unit). None when no such run is typed or the chart asked is
    not a chart of counts over sizes."""
    pairs = [(int(a), int(b)) for a, b in _FRACTION.findall(question)]
    if len(pairs) < 4 or any(b == 0 for _, b in pairs):
        return None
    flaws = bool(_DEFECT_WORDS.search(q)) and not _DEFECTIVE_WORDS.search(q)
    if kind is None:
        if not (_DEFECT_WORDS.search(q) or _DEFECTIVE_WORDS.search(q)):
            return None
        kind = "u" if flaws else "p"
    if kind not in ("p", "np", "u"):
        return None
    if kind == "u" or (kind != "np" and flaws):
        cols = ("defects", "units")
    elif all(a <= b for a, b in pairs):
        cols = ("defectives", "inspected")
    else:
        return None
    frame = pd.DataFrame({cols[0]: [a for a, _ in pairs], cols[1]: [b for _, b in pairs]})
    return Dataset.from_frame(frame, "question")


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    from havoc_srs.families._typos import fix_typos

    q = fix_typos(normalise(question))  # "cnotrol chart", "daily sapmles of 200"
    plan = Plan("spc_chart", "chart")
    kind = chart_kind(q)
    plan.explicit = kind is not None
    typed = inline_subgroups(question)
    if typed is not None and (ds is None or ds.name == "question"):
        ds = typed
    if ds is None and (fractions := typed_fractions(question, kind, q)) is not None:
        ds = fractions  # "8/200, 11/210, 6/190 ...": counts over their sample sizes
        if kind is None:
            kind = "p" if "defectives" in ds.frame.columns else "u"
            plan.notes.append(f"counts typed over their sample sizes: a {kind} chart")
    if ds is None:
        ds = inline_values(question)
    if ds is None:
        return need_data(plan, "the measurements in time order (and a subgroup column if any)")
    if kind in ("p", "np", "c", "u"):
        return _plan_attribute(plan, kind, q, ph, ds)
    if (
        kind is None
        and _attribute_columns(q, ds, None)[0] is not None
        and not ds.name == "question"
    ):
        count, size = _attribute_columns(q, ds, None)
        guessed = _attribute_kind(q, count, size, ds)
        if guessed == "c" and size is None and _per_column(q, ds) is not None:
            guessed = None  # "flaws per square metre" with an Area (m2) column: a u chart below
        if guessed == "c" and size is None and (amount := _varying_amount(q, ds, count)):
            plan.notes.append(f"the units differ in size: {count!r} per {amount!r}, a u chart")
            return _plan_attribute(plan, "u", q, ph, ds, columns=(count, amount))
        if guessed is not None:
            plan.notes.append(f"no chart named: a {guessed} chart for counts in {count!r}")
            return _plan_attribute(plan, guessed, q, ph, ds)
    if kind in (None, "u") and (pair := _per_column(q, ds)) is not None:
        plan.notes.append(f"{pair[0]!r} per {pair[1]!r}: counts per unit of {pair[1]!r}, a u chart")
        return _plan_attribute(plan, "u", q, ph, ds, columns=pair)
    if kind is None and ds.name != "question" and (counted := _named_counts(q, ds)):
        plan.notes.append(f"no chart named: {counted!r} holds counts of events, a c chart")
        return _plan_attribute(plan, "c", q, ph, ds)
    if kind is None and re.search(r"\battributes?(?: control)? (?:chart|plot)", q):
        # an attributes chart asked without its letter: counts per unit (u/c) or units failing
        count, size = _attribute_columns(q, ds, None)
        if count is not None:
            per_unit = re.search(r"\bper (?:unit|board|part|item|piece|panel|\w+)\b", q)
            guessed = _attribute_kind(q, count, size, ds) or (
                ("u" if per_unit else "p") if size is not None else "c"
            )
            plan.notes.append(f"attributes chart: a {guessed} chart for counts in {count!r}")
            return _plan_attribute(plan, guessed, q, ph, ds)
    if kind is None and ds.name == "question" and (guessed := _typed_counts_kind(q, ph, ds)):
        plan.notes.append(f"no chart named: a {guessed} chart for the counts typed in")
        return _plan_attribute(plan, guessed, q, ph, ds)
    series = spc_series(q, ph, ds, plan)
    if series is None:
        return plan
    size = series["size"]
    if series["by"] is not None and plan.data["d"]["subgroup"].nunique() < 2:
        plan.missing.append(Missing("at least two subgroups", "control limits need 2+ subgroups"))
        return plan
    if kind is None:
        if series["by"] is None:
            kind = "imr"
        else:
            kind = "xbar_r" if (size or 5) <= 8 else "xbar_s"
        plan.notes.append(
            f"no chart named: {'I-MR for individual values' if kind == 'imr' else kind.replace('_', '-') + ' for subgroups of ' + str(size)}"
        )
    if kind in ("xbar_r", "xbar_s") and series["by"] is None:
        plan.missing.append(
            Missing(
                "subgroups",
                "an X-bar chart needs subgroups: add a subgroup column or say 'subgroups of 5'",
            )
        )
        return plan
    # EWMA and CUSUM of subgrouped data chart the subgroup means (sigma from s-bar/c4)
    by = (
        (name(series["by"]),)
        if series["by"] and kind in ("xbar_r", "xbar_s", "ewma", "cusum")
        else ()
    )
    if kind in ("ewma", "cusum") and by:
        plan.notes.append(f"the subgroup means are charted (subgroups of {size})")
    if kind == "imr" and series["by"]:
        plan.notes.append("the values are charted individually in time order (subgroups ignored)")
    o: dict[str, Any] = {}
    if kind == "ewma":
        lam = _stated_lambda(q)
        width = _stated(q, r"\bl|limit width|width|sigma limits? at|limits? at") or _stated(
            q, r"", after=r"[- ]?sigma (?:control )?limits"
        )
        o = {"lambda": lam or 0.2, "L": width or 3}
        if lam is None:
            plan.notes.append("EWMA with lambda 0.2 (a standard choice)")
    elif kind == "cusum":
        k_ = _stated(q, r"\bk|reference value|allowance|slack(?: value)?")
        h_ = _stated(q, r"\bh|decision interval|decision limit|threshold")
        o = {"k": k_ or 0.5, "h": h_ or 5}
        if k_ is None or h_ is None:
            plan.notes.append("tabular CUSUM, k and h in sigma units (standard k = 0.5, h = 5)")
    plan.analysis = f"chart_{kind}"
    plan.slots.update(chart=kind, column=series["label"], subgroup_size=size)
    stmts = []
    if series.get("wide"):  # the DSL names the table's own columns it read
        stmts.append(
            comment(
                "subgroups are the rows of the columns: "
                + ", ".join(ds.idents.get(c, c) for c in series["wide"])
            )
        )
    if by and series.get("subgroup_column"):  # the table's own subgroup column is read
        sc = series["subgroup_column"]
        stmts.append(comment("subgroups from column: " + ds.idents.get(sc, sc)))
    stmts.append(
        let(
            "primary",
            A.ChartStmt(kind=kind, x=name(series["x"]), by=by, table="d", options=opts(**o)),
        )
    )
    plan.program = program(*stmts)
    plan.context.update(
        series=series, frame=plan.data["d"], chart_options=o, subgroup_means=bool(by)
    )
    return plan


def _stated(q: str, words: str, after: str = "") -> float | None:
    """A chart setting the question states: "h = 4", "decision interval of 4 sigma", "2.7-sigma
    limits" (``after``)."""
    if after:
        m = re.search(r"(?<![\w.])(\d+(?:\.\d+)?)" + after, q)
    else:
        m = re.search(rf"(?:{words})\s*(?:=|of|is|:)?\s*(\d+(?:\.\d+)?)(?![\d.]*\s*(?:units|subgroups|"
                      r"samples|points|days|hours|per))", q)  # fmt: skip
    if not m:
        return None
    v = float(m.group(1))
    return v if 0 < v <= 20 else None


def _stated_lambda(q: str) -> float | None:
    m = re.search(r"(?:lambda|λ|weight(?:ing)?(?: factor)?|smoothing(?: constant)?)\s*(?:=|of|is)?\s*"
                  r"(0?\.\d+)", q)  # fmt: skip
    return float(m.group(1)) if m and 0 < float(m.group(1)) <= 1 else None


def _attribute_columns(q: str, ds: Dataset, kind: str | None) -> tuple[str | None, str | None]:
    """The counts column and the sample-size column of an attribute table: by header words
    (defectives vs defects, inspected / sample size), the question's mentions, and structure
    (whole non-negative numbers; a size at least the count on every row)."""
    from havoc_srs.reader.columns import _is_id

    whole = []
    for c in ds.numeric:
        v = ds.frame[c].dropna().to_numpy(dtype=float)
        if len(v) and (v >= 0).all() and (v == v.round()).all() and not _is_id(c, ds):
            whole.append(c)
    whole = [c for c in whole if not ID_LIKE.match(c.lower())]
    # a column counting the rows 1..n ("Minute", "Day") numbers the samples: no count
    whole = [c for c in whole if not (len(ds.frame) >= 8 and _row_index(ds, c))] or whole

    # (a header of flaws or rejects "counted" or "found" counts them: no sample size)
    # the header's own words, without a bracketed unit: "Inspected (blisters)" counts the
    # blisters inspected, it is no count of flaws called blisters
    def bare(c: str) -> str:
        return re.sub(r"\s*[(\[][^)\]]*[)\]]", "", c.lower()).strip() or c.lower()

    sizes = [
        c
        for c in whole
        if (_SIZE_COL.search(c.lower()) or _SAMPLE_HEADER.search(bare(c)))
        and not (_DEFECTS.search(bare(c)) and not re.search(r"\bcount\b|^c$", bare(c)))
        and not _DEFECTIVES.search(bare(c))
    ]
    if not sizes:  # "FramesWelded" beside "FramesRejected", "Calls offered" / "Calls abandoned"
        sizes = _size_by_item(ds, whole)
    if len(sizes) > 1:  # two count/size pairs ("Mis-picks" of "Lines picked", "Orders w/ error")
        pair = _paired_counts(q, ds, kind, whole, sizes)
        if pair is not None:
            return pair
    size = sizes[0] if sizes else None
    pool = [c for c in whole if c != size]
    if size is not None and kind not in ("c", "u"):  # flaws may outnumber the units (c/u)
        pool = [c for c in pool if (ds.frame[c] <= ds.frame[size]).all()]
    want = _DEFECTIVES if kind in ("p", "np") else _DEFECTS if kind in ("c", "u") else None
    if want is None and _DEFECT_WORDS.search(q) and not _DEFECTIVE_WORDS.search(q):
        want = _DEFECTS  # "blemishes per panel": the defects column, not the defectives one
    elif want is None and _DEFECTIVE_WORDS.search(q) and not _DEFECT_WORDS.search(q):
        want = _DEFECTIVES  # "rejected boards": the defectives column
    named = [c for c in mentioned(q, pool)]
    by_word = [c for c in pool if (want or _DEFECTIVES).search(c.lower())]
    if want is None:
        by_word += [c for c in pool if _DEFECTS.search(c.lower()) and c not in by_word]
    other = [c for c in pool if _DEFECTIVES.search(c.lower()) or _DEFECTS.search(c.lower())]
    # an np chart needs one sample size: a header that states its own ("Audit fails (n=50)")
    # wins when the table's size column varies
    own_size = [
        c
        for c in (named or by_word)
        if _HEADER_SIZE.search(c.lower()) and (want or _DEFECTIVES).search(c.lower())
    ]
    if kind == "np" and own_size and (size is None or ds.frame[size].nunique() > 1):
        return own_size[0], None
    for cands in (
        [c for c in named if c in by_word],
        by_word[:1] if len(by_word) == 1 and want is not None else [],
        named[:1],
        by_word[:1],
        other[:1] if len(other) == 1 else [],
        pool if len(pool) == 1 else [],
    ):
        if cands:
            return cands[0], size
    return None, size


def _stems(column: str) -> set[str]:
    # words of four letters and more by their first four; an acronym ("QA", "AOI") whole
    acronyms = {w.lower() for w in re.findall(r"\b[A-Z]{2,3}\b", column)}
    return {w[:4] for w in re.findall(r"[a-z]+", column.lower()) if len(w) >= 4} | acronyms


# the sample sizes said to differ from sample to sample
_VARYING_N = re.compile(
    r"\bvar(?:iable|ying|ies|y) n\b|\bn var(?:ies|y)\b|\bunequal (?:n|sample sizes?)\b"
    r"|\b(?:sample|lot|batch|subgroup|inspection) sizes? (?:var(?:y|ies)|changes?|differs?)\b"
    r"|\bvarying (?:sample |lot |batch )?sizes?\b|\bsizes? (?:is|are) not (?:constant|fixed)\b"
    r"|\bdifferent (?:sample |lot |batch )?sizes\b"
)


def _paired_counts(
    q: str, ds: Dataset, kind: str | None, whole: list[str], sizes: list[str]
) -> tuple[str, str] | None:
    """The (count, size) pair a question asks about when the table holds several: the count
    never above its size on any row, scored by the columns the question names, the words the
    two headers share ("Mis-picks" / "Lines picked") and the kind of count asked for."""
    named = set(mentioned(q, whole))
    qstems = {w[:4] for w in re.findall(r"[a-z]+", q) if len(w) >= 4}
    want = _DEFECTIVES if kind in ("p", "np") else _DEFECTS if kind in ("c", "u") else None
    # "errors per one thousand lines": the size is what follows "per"
    per = {w[:4] for m in re.finditer(r"\bper((?:\s+[a-z]+){1,3})", q) for w in m.group(1).split()}
    best, top = None, 0.0
    if _VARYING_N.search(q):  # "variable n", "the sample size changes": no constant column
        sizes = [c for c in sizes if ds.frame[c].nunique() > 1] or sizes
    for size in sizes:
        for count in whole:
            if count == size or not (ds.frame[count] <= ds.frame[size]).all():
                continue
            score = 2.0 * (size in named) + 2.0 * (count in named)
            score += 2.5 * bool(_stems(count) & _stems(size))
            # a count that shares its words with another size column belongs to that one
            score -= 2.0 * any(_stems(count) & _stems(o) for o in sizes if o != size)
            score += 1.0 * bool(_stems(count) & qstems) + 0.5 * bool(_stems(size) & qstems)
            score += 1.0 * bool(want and want.search(count.lower())) + 2.0 * bool(
                _stems(size) & per
            )
            if score > top:
                best, top = (count, size), score
    return best if top >= 2 else None


def _typed_counts_kind(q: str, ph: Phrasing, ds: Dataset) -> str | None:
    """Counts typed into the question with no chart named: flaws found per unit -> c (u when
    each sample holds several units), defective units in samples of a stated size -> np."""
    if len(ds.numeric) != 1:
        return None
    v = ds.values(ds.numeric[0])
    if not len(v) or (v < 0).any() or (v != v.round()).any():
        return None
    defects, defectives = bool(_DEFECT_WORDS.search(q)), bool(_DEFECTIVE_WORDS.search(q))
    size = stated_size(q, ph)
    if defects and not defectives:
        return "c" if size is None else "u"
    if defectives and not defects and size is not None and size >= v.max():
        return "np"
    return None


_PER_RATE = re.compile(r"\bper (?:one |a )?(?:thousand|hundred|million|\d+|k)\b")


# a header that says its column counts something ("5xx count", "No. of stoppages")
_COUNT_HEADER = re.compile(r"\bcounts?\b|\bno\.? of\b|\bnumber of\b|^#|#$|\bqty\b")
_HEADER_GENERIC = frozenset("count counts number no of qty total per the and".split())


def _own_word_named(q: str, column: str, other: str | None = None) -> bool:
    """The question uses a distinctive word of the header itself ("the 5xx errors" of
    ``5xx count``), in whatever language the rest of the question is."""
    own = {_singular(t) for t in re.findall(r"[a-z0-9]+", column.lower()) if len(t) >= 3}
    own -= _HEADER_GENERIC
    if other:  # a word the size column shares ("Cartons" of "Cartons in shipment") tells nothing
        own -= {_singular(t) for t in re.findall(r"[a-z0-9]+", other.lower())}
    return bool(own & {_singular(w) for w in re.findall(r"[a-z0-9]+", q.lower())})


def _singular(w: str) -> str:
    """ "harnesses" -> "harness", "boards" -> "board" (enough to match a header's noun)."""
    if len(w) > 4 and re.search(r"(?:ss|sh|ch|x)es$", w):
        return w[:-2]
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def _attribute_kind(q: str, count: str, size: str | None, ds: Dataset | None = None) -> str | None:
    """The attribute chart that fits counts no chart was named for: defects per unit with a
    varying number inspected -> u; defectives -> p; defects in equal units -> c."""
    defects = bool(_DEFECTS.search(count.lower())) and not _DEFECTIVES.search(count.lower())
    if not _DEFECTS.search(count.lower()) and not _DEFECTIVES.search(count.lower()):
        # a header that says neither ("Mis-picks"): the question's words tell
        defects = bool(_DEFECT_WORDS.search(q)) and not _DEFECTIVE_WORDS.search(q)
        # a rate per so many units ("misreads per thousand labels"): counts per unit, a u chart
        defects = defects or bool(_PER_RATE.search(q))
    if not re.search(
        rf"defect|reject|nonconform|fail|blemish|flaw|scratch|fault|\bcounts?\b|error|mistake|\b(?:{_FLAWS})\b|"
        r"damage|broken|leak|crack|misread|wrong|\bbad\b|"
        r"\bnumber of\b|\bhow many\b|\bper (?:one )?(?:thousand|hundred|million|\d+)\b",
        q,
    ) and not (
        # a header that says what it counts ("Rejected harnesses"), named by its own noun
        (
            _COUNT_HEADER.search(count.lower())
            or _DEFECTIVES.search(count.lower())
            or _DEFECTS.search(count.lower())
        )
        and _own_word_named(q, count)
        # ... unless another column is named by its own words ("crushed corners per carton")
        and not (
            ds is not None
            and any(
                _own_word_named(q, c, size) and not _own_word_named(c, count)
                for c in ds.numeric
                if c not in (count, size) and not _row_index(ds, c)
            )
        )
    ):
        return None
    if defects:
        if re.search(r"/|\bper\b", count.lower()):  # "Blemishes/Panel": already per one unit
            return "c"
        if size is not None and ds is not None and ds.frame[size].nunique() == 1:
            return "c"  # the same number inspected every time: the counts themselves
        return "u" if size is not None else "c"
    if size is None and _HEADER_SIZE.search(count.lower()):
        return "np"  # "Swatches Failed /50": defectives out of the header's constant sample size
    if size is None and _STATED_SIZE.search(q):
        return "np"  # "we sample 200 a day": defectives out of one constant sample size
    return "p" if size is not None else None


def _size_by_item(ds: Any, whole: list[str]) -> list[str]:
    """The sample-size column named by no size word: of two whole-count columns of the same
    item ("FramesWelded" and "FramesRejected", "Calls offered" and "Calls abandoned"), the one
    at least as large in every row and larger on average holds how many were seen; [] unless
    exactly one column is that for another."""
    from havoc_srs.reader.text import split_name

    def item_words(c: str) -> set[str]:
        bare = re.sub(r"\s*[(\[][^)\]]*[)\]]", "", c)
        return {w for w in split_name(bare) if len(w) >= 3 and w.isalpha()}

    out = []
    for a in whole:
        for b in whole:
            if a == b or not item_words(a) & item_words(b) or item_words(a) == item_words(b):
                continue
            va, vb = ds.frame[a], ds.frame[b]
            if (va >= vb).all() and va.mean() > vb.mean() and a not in out:
                out.append(a)
    return out if len(out) == 1 else []


_PER = re.compile(
    r"\b([a-z][\w-]*(?: [a-z][\w-]*)?) per (?:the |each |one )?([a-z][\w-]*(?: [a-z][\w-]*)?)"
)


def _per_column(q: str, ds: Dataset) -> tuple[str, str] | None:
    """Counts charted per the amount in another column ("breaks per km" with columns breaks
    and km, "leaks per metre of weld"): (counts, amount) when the words before and after "per"
    each name one numeric column, the first holding whole counts and the second positive
    amounts that are no row counter, label or subgroup position; None otherwise."""
    from havoc_srs.reader.columns import _is_id

    for m in _PER.finditer(q):
        count = _one_named(m.group(1), ds)
        amount = _one_named(m.group(2), ds)
        if count is None or amount is None or count == amount:
            continue
        c, a = ds.values(count), ds.values(amount)
        ok = np.isfinite(c) & np.isfinite(a)
        if ok.sum() < 5 or (c[ok] < 0).any() or _fractional(c[ok]) or (a[ok] <= 0).any():
            continue
        if (
            _row_index(ds, amount)
            or _is_id(amount, ds)
            or ID_LIKE.match(amount.lower())
            or _cycle_length(ds, [amount])
            or (ds.frame[amount].nunique() < ok.sum() and _blocked(ds.frame[amount]))
        ):
            continue  # "calls per hour" where Hour numbers the rows: counts in time order
        return count, amount
    return None


# the units inspected differ in size: "rolls vary in length", "the panels are not all the same
# size", "different areas"
_UNITS_VARY = re.compile(
    r"\b(?:vary|varies|varied|varying|differ\w*|different|unequal|not (?:all )?(?:the )?same|"
    r"change\w*)\b(?: \w+){0,3}? (?:in )?(?:size|length|area|width|weight|volume|surface)s?\b"
    r"|\b(?:size|length|area|surface|volume)s? (?:vary|varies|varied|differ\w*|change\w*)\b"
)


def _varying_amount(q: str, ds: Dataset, count: str) -> str | None:
    """The one column of positive amounts (no counter, label or position) beside the counts,
    when the question says the units inspected differ in size: the u chart's area of
    opportunity."""
    from havoc_srs.reader.columns import _is_id

    if not _UNITS_VARY.search(q):
        return None
    cands = [
        c
        for c in ds.numeric
        if c != count
        and not (_row_index(ds, c) or _is_id(c, ds) or ID_LIKE.match(c.lower()))
        and not _cycle_length(ds, [c])
        and (ds.values(c)[np.isfinite(ds.values(c))] > 0).all()
        and ds.frame[c].nunique() > 1
    ]
    return cands[0] if len(cands) == 1 else None


def _one_named(words: str, ds: Dataset) -> str | None:
    """The one numeric column ``words`` name, trying each word alone too, then by the unit of
    its header ("per square metre" -> "Area (m2)", "per kilometre" -> "Length [km]")."""
    for w in (words, *words.split()):
        hits = [c for c in mentioned(w, ds.numeric) if c in ds.numeric]
        if len(hits) == 1:
            return hits[0]
    return _unit_named(words, ds)


_HEADER_UNIT = re.compile(r"[(\[]\s*([^)\]]+?)\s*[)\]]\s*$|[\s_]([a-zµ²]{1,4}\d?)$")


def _unit_named(words: str, ds: Dataset) -> str | None:
    """The one numeric column whose header's unit ``words`` spell ("square metre", "km")."""
    from havoc_srs.families._unit_words import spelled_unit

    w = words.lower().split()
    if not w:
        return None
    if w[0] in ("square", "sq", "sq.") and len(w) > 1:
        base = spelled_unit(w[1]) or w[1]
        units = {base + "2", base + "²", "sq " + base, "sq" + base, "sq. " + base}
    else:
        units = {spelled_unit(w[0]) or w[0]}
    hits = []
    for c in ds.numeric:
        m = _HEADER_UNIT.search(c.lower())
        if m and (m.group(1) or m.group(2)).strip() in units:
            hits.append(c)
    return hits[0] if len(hits) == 1 else None


def _fractional(v: np.ndarray) -> bool:
    v = v[np.isfinite(v)]
    return bool((v != np.round(v)).any())


def _named_counts(q: str, ds: Dataset) -> str | None:
    """The column the question charts, when it holds counts of events in equal periods and no
    chart is named ("a control chart of the daily walk-outs"): whole numbers, never negative,
    scattered as counts of rare events are (variance at most three times the mean), with no
    sample-size column beside them. None otherwise."""
    count, size = _attribute_columns(q, ds, None)
    named = mentioned(q, ds.numeric)
    if count is None or size is not None or count not in named:
        return None
    if _cycle_length(ds, [count]) or (
        ds.frame[count].nunique() < ds.frame[count].notna().sum() and _blocked(ds.frame[count])
    ):
        return None  # a position within subgroups (1..5 over and over) or a subgroup label
    if any(_fractional(ds.values(c)) for c in named if c != count):
        return None  # a measurement is named too: it is what is charted
    if _measured_in_unit(count):
        return None  # "Line speed m/min", "Spindle (rpm)": a whole-number measurement, no count
    v = ds.values(count)
    v = v[np.isfinite(v)]
    if len(v) < 8 or v.mean() <= 0 or len(np.unique(v)) < 3:
        return None
    return count if v.var(ddof=1) <= 3 * v.mean() else None


_RATE_UNIT = re.compile(r"\b[a-zµ°]{1,4}\s*/\s*[a-z]{1,4}\b|\([^)]*[a-zµ°][^)]*\)")


def _measured_in_unit(column: str) -> bool:
    """The header names a physical unit ("Line speed m/min", "Spindle (rpm)", "Torque_Nm"):
    what it holds is measured, not counted."""
    from havoc_srs.reader.columns import UNITS

    low = column.lower()
    if _DEFECTS.search(low) or _DEFECTIVES.search(low) or _COUNT_HEADER.search(low):
        return False
    if _RATE_UNIT.search(low):
        return True
    return any(t in UNITS and len(t) > 1 for t in re.findall(r"[a-zµ0-9]+", low))


def _plan_attribute(
    plan: Plan,
    kind: str,
    q: str,
    ph: Phrasing,
    ds: Dataset,
    columns: tuple[str, str | None] | None = None,
) -> Plan:
    count, size = columns or _attribute_columns(q, ds, kind)
    own = _HEADER_SIZE.search(count.lower()) if count is not None else None
    if own is not None:  # "AOI rejects (of 50)": the header's own sample size, not a column's
        size = None
    if (
        kind == "u"
        and size is None
        and stated_size(q, ph) is None
        and not re.search(r"\bu[- ]?" + _CH, q)
    ):
        kind = "c"  # "defects per unit" with one unit per sample: the counts themselves
        plan.notes.append("defects per unit with no sample sizes: a c chart of the counts")
    if count is None:
        plan.missing.append(
            Missing("the counts column", "name it 'defectives' (p/np) or 'defects' (c/u)")
        )
        return plan
    stated = stated_size(q, ph)
    size_read: str | None = None
    if own is not None:
        stated = int(next(g for g in own.groups() if g))
    if size is not None and stated is not None and ds.frame[size].nunique() > 1:
        stated = None  # the column's sizes vary: they win over a number in the text
    frame = ds.frame.dropna(subset=[count] + ([size] if size else []))
    counts = frame[count].to_numpy(dtype=float)
    cid = ds.idents.get(count, "counts") if ds.name != "question" else "counts"
    table = {cid: counts}
    o: dict[str, Any] = {}
    sizes: Any = None
    if kind in ("p", "u"):
        if size is not None and stated is None:
            sid = ds.idents.get(size, "n")
            table[sid] = frame[size].to_numpy(dtype=float)
            o["n"] = sid
            sizes = table[sid]
        elif stated is not None:
            sizes = np.full(len(counts), float(stated))
            o["n"] = sizes.tolist()
        else:
            plan.missing.append(
                Missing(
                    "the sample sizes",
                    f"a {kind} chart needs the number inspected per sample: add a column 'n' "
                    "or state it ('samples of 200')",
                )
            )
            return plan
    elif kind == "np":
        levels = frame[size].unique() if size else []
        explicit = re.search(r"\bn\s*=\s*\d", q)  # "n = 80": the user's own parameter
        if len(levels) == 1 and (stated is None or (stated == int(levels[0]) and not explicit)):
            # the constant size the column holds (also when the question describes the same
            # sampling in words: "the audit always pulls 200" beside an "Audit sample" column
            # of 200s) is read from it
            size_read = size
        if stated is None and len(levels) == 1:
            stated = int(levels[0])
        if stated is None:
            plan.missing.append(
                Missing(
                    "one constant sample size",
                    "an np chart needs a constant sample size: say 'n = 125' or add a column 'n'",
                )
            )
            return plan
        if stated < counts.max():
            plan.missing.append(
                Missing("a sample size above the counts", f"n = {stated} < {counts.max():g}")
            )
            return plan
        o["size"] = float(stated)
        sizes = float(stated)
    plan.data["d"] = pd.DataFrame(table)
    plan.data["counts"] = counts
    plan.analysis = f"chart_{kind}"
    plan.slots.update(chart=kind, column=count, samples=len(counts))
    stmts: list[Any] = []
    if size_read is not None:
        stmts.append(comment(f"constant sample size column read: {ds.idents.get(size_read, 'n')}"))
    plan.program = program(
        *stmts, let("primary", A.ChartStmt(kind=kind, x=name(cid), table="d", options=opts(**o)))
    )
    plan.context.update(counts=counts, sizes=sizes)
    return plan


# ---------------------------------------------------------------------------------------------
# ARGUE and ARBITER


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    r = ex.results["primary"]
    pts = flagged(r)
    arg.checks.append(
        check("stability", "Nelson rules " + ",".join(map(str, r.get("rules", []))), not pts,
               f"{len(pts)} point(s) flagged (1-based, as on the chart): {[i + 1 for i in pts[:20]]}"
               if pts else "no rule violations",
               flagged=pts)
    )  # fmt: skip
    kind = plan.slots.get("chart")
    if pts and kind in ("xbar_r", "xbar_s", "imr"):
        by = (name("subgroup"),) if kind != "imr" else ()
        res = run(
            arg, plan,
            [let("revised", A.ChartStmt(kind=kind, x=name(plan.context["series"]["x"]), by=by, table="d", options=opts(exclude=True)))],
        ).results  # fmt: skip
        if "revised" in res:
            arg.alternatives["revised"] = {
                "why": "phase I: flagged subgroups dropped and limits re-estimated",
                "result": res["revised"],
            }


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    """Revised limits are reported alongside; the chart as asked is the answer."""
    return []


# ---------------------------------------------------------------------------------------------
# AUDIT


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    """Limits from the constants tables (or c4), recomputed from the data the chart used."""
    kind = plan.slots["chart"]
    panel = r["panels"][0]
    if kind == "imr":
        x = np.asarray(plan.data["d"][plan.context["series"]["x"]], float)
        mr = np.abs(np.diff(x)).mean()
        sigma = mr / D2[2]
        au.value("CL = mean", panel["center"][0], x.mean(), rel=1e-9)
        au.value(
            "UCL - CL = 3 MR-bar/d2 (table)", panel["ucl"][0] - x.mean(), 3 * sigma, rel=TABLE_TOL
        )
        au.value(
            "CL - LCL = 3 MR-bar/d2 (table)", x.mean() - panel["lcl"][0], 3 * sigma, rel=TABLE_TOL
        )
        au.value("MR chart UCL = D4 MR-bar", r["panels"][1]["ucl"][0], D4[2] * mr, rel=TABLE_TOL)
    elif kind in ("xbar_r", "xbar_s"):
        _audit_xbar(au, plan, r, kind)
    elif kind == "p":
        d = np.asarray(plan.context["counts"], float)
        n = np.asarray(plan.context["sizes"], float)
        p = d.sum() / n.sum()
        au.value("p-bar = total defectives / total inspected", panel["center"][0], p)
        au.value(
            "UCL of sample 1 = p + 3 sqrt(p(1-p)/n)",
            panel["ucl"][0],
            p + 3 * math.sqrt(p * (1 - p) / n[0]),
        )
    elif kind == "c":
        c = np.asarray(plan.context["counts"], float).mean()
        au.value("c-bar", panel["center"][0], c)
        au.value("UCL = c + 3 sqrt(c)", panel["ucl"][0], c + 3 * math.sqrt(c))
    elif kind == "u":
        d = np.asarray(plan.context["counts"], float)
        n = np.asarray(plan.context["sizes"], float)
        u = d.sum() / n.sum()
        au.value("u-bar", panel["center"][0], u)
        au.value("UCL of sample 1 = u + 3 sqrt(u/n)", panel["ucl"][0], u + 3 * math.sqrt(u / n[0]))
    elif kind == "np":
        d = np.asarray(plan.context["counts"], float)
        n = float(plan.context["sizes"])
        p = d.sum() / (n * len(d))
        au.value("np-bar", panel["center"][0], n * p)
        au.value(
            "UCL = np + 3 sqrt(np(1-p))", panel["ucl"][0], n * p + 3 * math.sqrt(n * p * (1 - p))
        )
    elif kind in ("ewma", "cusum"):
        d, col = plan.data["d"], plan.context["series"]["x"]
        if plan.context.get("subgroup_means"):  # one point per subgroup: its mean
            g = d.groupby("subgroup", sort=False)[col]
            n = int(g.size().iloc[0])
            x = g.mean().to_numpy(dtype=float)
            sigma = float(g.std(ddof=1).mean()) / c4(n) / math.sqrt(n)
        else:
            x = np.asarray(d[col], float)
            sigma = np.abs(np.diff(x)).mean() / D2[2]
        (_audit_ewma if kind == "ewma" else _audit_cusum)(au, plan, r, x, sigma)
    for p in r["panels"]:
        ok = all(
            lo is None or hi is None or lo <= hi for lo, hi in zip(p["lcl"], p["ucl"], strict=False)
        )
        au.truth(f"{p['name']}: LCL <= UCL", ok)


def _audit_ewma(au: Audit, plan: Plan, r: dict[str, Any], x: np.ndarray, sigma: float) -> None:
    """The EWMA statistic by its recursion from the mean, and its time-varying limits
    mean +- L sigma sqrt(lambda / (2 - lambda) (1 - (1 - lambda)^(2i))), sigma of one point
    = MR-bar/d2 (individuals) or s-bar/(c4 sqrt(n)) (subgroup means)."""
    o = plan.context.get("chart_options") or {}
    lam, width = o["lambda"], o["L"]
    mean = x.mean()
    z, prev = np.empty(len(x)), mean
    for i, v in enumerate(x):
        prev = lam * v + (1 - lam) * prev
        z[i] = prev
    panel = r["panels"][0]
    au.truth(
        "EWMA values from the recursion",
        len(panel["values"]) == len(z) and np.allclose(panel["values"], z, rtol=1e-9, atol=1e-12),
    )
    i = np.arange(1, len(x) + 1)
    half = width * sigma * np.sqrt(lam / (2 - lam) * (1 - (1 - lam) ** (2 * i)))
    for j in (0, len(x) - 1):
        au.value(f"EWMA UCL at point {j + 1} (MR-bar/d2 table)", panel["ucl"][j], mean + half[j],
                 rel=TABLE_TOL)  # fmt: skip


def _audit_cusum(au: Audit, plan: Plan, r: dict[str, Any], x: np.ndarray, sigma: float) -> None:
    """The tabular CUSUM C+ and C- by their recursions, and H = h sigma (sigma of one point)."""
    o = plan.context.get("chart_options") or {}
    mean = x.mean()
    k_, h_ = o["k"] * sigma, o["h"] * sigma
    hi, lo = np.empty(len(x)), np.empty(len(x))
    c_hi = c_lo = 0.0
    for i, v in enumerate(x):
        c_hi = max(0.0, v - (mean + k_) + c_hi)
        c_lo = max(0.0, (mean - k_) - v + c_lo)
        hi[i], lo[i] = c_hi, c_lo
    tol = TABLE_TOL * sigma * len(x)  # K carries the table's rounding into every step
    for panel, want in zip(r["panels"][:2], (hi, lo), strict=False):
        got = np.asarray(panel["values"], float)
        au.truth(
            f"{panel['name']} from the recursion",
            len(got) == len(want) and bool(np.allclose(got, want, rtol=0, atol=tol)),
        )
        au.value(
            f"{panel['name']} H = h sigma (MR-bar/d2 table)", panel["ucl"][0], h_, rel=TABLE_TOL
        )


def _audit_xbar(au: Audit, plan: Plan, r: dict[str, Any], kind: str) -> None:
    """X-bar limits from the subgroups the chart kept: after a phase I exclusion the limits are
    re-estimated without the flagged subgroups, so the audit recomputes them the same way."""
    panel = r["panels"][0]
    g = plan.data["d"].groupby("subgroup", sort=False)[plan.context["series"]["x"]]
    sizes = g.size().to_numpy()
    if len(set(sizes)) != 1 or sizes[0] < 2:
        au.truth(
            "constant subgroup size for the limits check", False, f"sizes {sorted(set(sizes))}"
        )
        return
    n = int(sizes[0])
    excluded = sorted(int(i) for i in r.get("excluded") or [])
    au.truth(
        "excluded subgroups are subgroups of the data",
        all(0 <= i < len(sizes) for i in excluded) and len(excluded) < len(sizes) - 1,
        f"excluded {excluded} of {len(sizes)}",
    )
    keep = np.ones(len(sizes), dtype=bool)
    keep[[i for i in excluded if 0 <= i < len(sizes)]] = False
    tag = f" (re-estimated without {len(excluded)} subgroup(s))" if excluded else ""
    xbb = g.mean().to_numpy()[keep].mean()
    au.value("CL = grand mean" + tag, panel["center"][0], xbb, rel=1e-9)
    widths = (("UCL - CL", panel["ucl"][0] - xbb), ("CL - LCL", xbb - panel["lcl"][0]))
    if kind == "xbar_r" and n not in A2:  # beyond the table: A2 = 3 / (d2 sqrt(n)), d2 integrated
        rbar = (g.max() - g.min()).to_numpy()[keep].mean()
        a2 = 3 / (d2(n) * math.sqrt(n))
        for side, width in widths:
            au.value(f"{side} = 3 R-bar / (d2 sqrt(n)), d2 by integration{tag}", width, a2 * rbar)
        au.value(f"R chart centre = R-bar{tag}", r["panels"][1]["center"][0], rbar)
    elif kind == "xbar_r":
        rbar = (g.max() - g.min()).to_numpy()[keep].mean()
        for side, width in widths:
            au.value(f"{side} = A2 R-bar (table){tag}", width, A2[n] * rbar, rel=TABLE_TOL)
        r_panel = r["panels"][1]
        au.value(f"R UCL = D4 R-bar{tag}", r_panel["ucl"][0], D4[n] * rbar, rel=TABLE_TOL)
        au.value(
            f"R LCL = D3 R-bar{tag}", r_panel["lcl"][0], D3[n] * rbar, rel=TABLE_TOL,
            abs_=2e-3 * rbar,
        )  # fmt: skip
    else:
        sbar = g.std(ddof=1).to_numpy()[keep].mean()
        a3 = 3 / (c4(n) * math.sqrt(n))
        au.value(f"UCL - CL = A3 s-bar (c4 formula){tag}", panel["ucl"][0] - xbb, a3 * sbar)


# ---------------------------------------------------------------------------------------------
# ANSWER


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    k: dict[str, Any] = {}
    p0 = r["panels"][0]
    k.update(
        chart=r["chart"],
        center=p0["center"][0],
        ucl=p0["ucl"][0],
        lcl=p0["lcl"][0],
        n=r["n_points"],
    )
    if len(set(p0["ucl"])) > 1:
        k["ucl_per_point"], k["lcl_per_point"] = p0["ucl"], p0["lcl"]
    if len(r["panels"]) > 1:
        p1 = r["panels"][1]
        nm = p1["name"].lower()
        k[f"{nm}_center"], k[f"{nm}_ucl"], k[f"{nm}_lcl"] = (
            p1["center"][0],
            p1["ucl"][0],
            p1["lcl"][0],
        )
    flagged = sorted({int(i) for p in r["panels"] for v in p["violations"].values() for i in v})
    k["out_of_control_points"] = [i + 1 for i in flagged]  # 1-based, as the chart numbers them
    k["in_control"] = not flagged
    k["estimates"] = r["estimates"]
    return k


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    pts = k["out_of_control_points"]
    state = (
        "is in statistical control"
        if not pts
        else f"shows {len(pts)} out-of-control signal(s) (points {pts[:10]})"
    )
    lcl = f", LCL {fmt(k['lcl'])}" if k.get("lcl") is not None else " (no lower limit)"
    return (
        f"The process {state}; {k['chart']} limits: CL {fmt(k.get('center'))}, "
        f"UCL {fmt(k.get('ucl'))}{lcl}."
    )


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    if k.get("out_of_control_points"):
        return "Investigate the flagged points for special causes before using the limits."
    return "Use these limits to monitor new data (phase II)."
