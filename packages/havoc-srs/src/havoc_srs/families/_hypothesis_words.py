"""How people word a hypothesis test: the value a one-sample test is against ("the 12 mm
nominal", "the label says 250 ml", "at least 55"), its direction ("are we underfilling?"), the
significance level ("test at 1%"), the groups named by their values ("CNC-1 vs CNC-3"), paired
before/after columns, the equal-variance assumption turned down in words and counts typed as
"14 rejects out of 520".

All readers take the normalised question (lower case, see ``phrasing.normalise``) and return
None when the question does not say the thing.

>>> mu_in_words("is the mean fill equal to the 250 ml label?")
(250.0, False)
>>> direction("are we underfilling on average?")
'less'
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from havoc_srs.reader.text import edit_distance

_N = r"(-?(?:\d+(?:\.\d+)?|\.\d+(?!\.\d)))(%?)"  # ".5" without its leading zero too
_UNIT = r"(?:\s*(?:[a-zµ°/]+(?:/[a-z]+)?|%))?"
_NOUN = (
    r"(?:nominal|target|spec(?:ification)?|label(?:led)?(?: value| claim)?|claim(?:ed)?|"
    r"requirement|standard|set ?point|reference(?: value)?|design value|drawing value)"
)
_MU_PATTERNS = [
    # "equal to the 12 mm nominal", "the 250 g target"
    rf"\bthe\s+{_N}{_UNIT}\s+{_NOUN}\b",
    # "the label says 250 ml", "the spec calls for 12.0", "nominal is 12"
    # (the quantity may stand between: "target weight is 310 g", "nominal length of 25")
    rf"\b{_NOUN}(?:\s+(?!is\b|of\b|says\b|states\b|reads\b)[a-z]{{3,15}})?\s+(?:says|states|reads|"
    rf"shows|claims|calls for|is|of|=|:|value of|value is)\s*"
    rf"(?:the\s+|a\s+|an\s+)?(?:value\s+of\s+)?{_N}",
    # the value named by who asserts it: "the claimed 100", "the advertised 4.5 hours"
    rf"\b(?:the|its|their|our|[a-z]+'s)\s+(?:[a-z]+'s\s+)?(?:claimed|stated|promised|advertised|quoted|specified|rated|declared|labell?ed|"
    rf"published|certified|guaranteed|nominal|target)\s+(?:value\s+of\s+|mean\s+of\s+)?{_N}",
    # the value named by where it is written: "the 25 kg on the label", "the 12 mm in the drawing"
    rf"\bthe\s+{_N}{_UNIT}\s+(?:(?:printed|stated|written|given|quoted|shown|declared|claimed|"
    rf"promised|specified|listed)\s+)?(?:on|in|of|by|from)\s+(?:the\s+|our\s+|their\s+)?"
    rf"(?:label|pack\w*|drawing|spec\w*|data ?sheet|certificate|contract|box|bag|bottle|jar|can|"
    rf"catalog\w*|brochure|order|supplier|vendor|manufacturer|maker|standard|tender)\b",
    # an inequality written as a symbol: "mean ph > 4.20", "mu >= 5", "avg fill ≤ 500"
    # (never a menu path: "stat > basic statistics > 2-sample t")
    rf"\b(?!(?:p|n|alpha|value|df|sig|size|k)\b)[a-zμ][\w()%]*\s*(?:>=|<=|≥|≤|>|<|≠|!=)\s*{_N}(?![\d.]*-[a-z])",
    # "nominal 12.00", "target: 250", "on target (12.0)"
    rf"\b(?:nominal|target|label|set ?point)\s*(?:value\s*)?[:=(]?\s*(?:at\s+|of\s+|is\s+)?{_N}",
    # "at least 55", "no more than 35", "exceeds 58", "below 0.8", "over 100"
    rf"\b(?:equal to|equals|equal|different from|differs? from|differ(?:ent)? than|at least|"
    rf"at most|no (?:more|less|lower|higher) than|not (?:more|less) than|more than|less than|"
    rf"(?!other|rather)[a-z]{{2,}}er than|exceeds?|"
    rf"exceeding|above|below|under|over|beyond|short of|same as|off from|away from|within|"
    rf"in under|vs\.?|versus|against|"
    # agreement with a value: "consistent with 25", "contradicts the claimed 100"
    rf"(?:in)?consistent with|compatible with|in line with|agrees? with|contradicts?|"
    rf"deviates? from|departs? from|off(?!\s+by\b)(?=\s+(?:the\s+|its\s+|our\s+)?(?:target\s+|nominal\s+|spec\s+)?(?:of\s+)?-?\.?\d)|"
    rf"(?:hypothesi[sz]ed|assumed|claimed) (?:mean|average|value)(?: of| is| =)?|mu ?=|μ ?=|"
    rf"popmean ?=|mu0 ?=|h0: ?(?:mu|μ) ?=)\s*"
    rf"(?:the\s+|a\s+|its\s+|our\s+)?(?:target\s+|nominal\s+|claimed\s+|spec\s+|stated\s+)?"
    rf"(?:of\s+|value\s+of\s+)?{_N}",
    # "is the average assay 100%", "the mean diameter is 12.00", "average should be 250"
    rf"\b(?:mean|average)\b(?:\s+[a-z()%_-]+){{0,4}}?\s+(?:is|=|equals?|be|was|are|of|really|"
    rf"still|actually|truly|(?:should|must|needs? to|ought to) be)\s+(?:really\s+|still\s+|"
    rf"actually\s+|truly\s+|exactly\s+|about\s+)?{_N}",
    # "is the mean weight 250 g?", "are the average fills still 500 ml?": the value asked of
    rf"\b(?:is|are|was|were)\s+(?:the\s+|our\s+|its\s+|their\s+)?(?:true\s+|population\s+|"
    rf"process\s+|overall\s+)?(?:mean|average)(?:\s+[a-z()%_-]+){{0,3}}?\s+(?:still\s+|really\s+|"
    rf"actually\s+|truly\s+)?{_N}",
    # "the parts average 12 mm", "they average out at 250 g", "an average of 12"
    rf"\b(?:averag(?:e|es|ed|ing)|mean)\s+(?:out\s+)?(?:at\s+|of\s+|about\s+|around\s+)?{_N}",
]
_MU = [re.compile(p) for p in _MU_PATTERNS]
# a number followed by these is not a hypothesised mean
_NOT_MU = re.compile(
    r"\s*(?:level|significance|confidence|power|of (?:the )?(?:data|samples?|rows))|"
    r"[\d.]*\s*(?:samples?|parts|units|readings|measurements|observations|batches|runs|points|"
    r"values|rows|days|weeks|pairs)\b"
)


def mu_in_words(q: str) -> tuple[float, bool] | None:
    """The value a one-sample test is against and whether it was written as a percentage;
    None when the question states none."""
    q = _number_words(_percent_digits(q))  # "5 percent" -> "5%", "twenty-seven" -> "27"
    mid = _spec_midpoint(q)
    if mid is not None:
        return mid, False
    best: tuple[int, float, bool] | None = None
    for pat in _MU:
        for m in pat.finditer(q):
            if _NOT_MU.match(q, m.end()):
                continue
            # "alpha = 0.05", "at the 5% level" are not hypothesised values
            before = q[max(0, m.start() - 12) : m.start()]
            if re.search(r"(alpha|α|significance)\s*$", before):
                continue
            v = float(m.group(1))
            if best is None or m.start(1) < best[0]:
                best = (m.start(1), v, m.group(2) == "%")
            break
    if best is None:
        return _value_referred_to(q)
    return (best[1], best[2])


def _value_referred_to(q: str) -> tuple[float, bool] | None:
    """A value stated in one sentence and held against in the next by a pronoun ("the standard
    asks for 1400 bar. is the average above that?"): the last number before the pronoun."""
    ref = re.search(
        r"\b(?:above|below|over|under|exceeds?|exceeding|beyond|short of|at least|at most|meets?|"
        r"reach(?:es)?|differ(?:ent|s)? from|equal to)\s+(?:that|this|it|that value|that figure|"
        r"that level|that number)\b",
        q,
    )
    if not ref:
        return None
    last = None
    for m in re.finditer(r"(?<![\w.])(-?\d+(?:\.\d+)?)(%?)(?![\w.]*\d)", q[: ref.start()]):
        before = q[max(0, m.start() - 12) : m.start()]
        if _NOT_MU.match(q, m.end()) or re.search(r"(alpha|α|significance)\s*$", before):
            continue
        last = m
    return (float(last.group(1)), last.group(2) == "%") if last else None


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9}  # fmt: skip
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "hundred": 100}


def _number_words(q: str) -> str:
    """'twenty-seven' -> '27', 'fifty' -> '50', 'twelve' -> '12'; 'one' to 'nine' alone stay
    words ("differ from one machine to the next" holds no value)."""
    q = re.sub(r"\b(" + "|".join(_TENS) + r")[- ](" + "|".join(_ONES) + r")\b",
               lambda m: str(_TENS[m.group(1)] + _ONES[m.group(2)]), q)  # fmt: skip
    return re.sub(r"\b(" + "|".join([*_TENS, *_TEENS]) + r")\b",
                  lambda m: str({**_TENS, **_TEENS}[m.group(1)]), q)  # fmt: skip


def _spec_midpoint(q: str) -> float | None:
    """'is the mean centred in the 24-30 kN window', 'mid-spec', 'the middle of the tolerance':
    the centre of two-sided limits."""
    if not re.search(
        r"\b(cent(?:red|ered|re|er)|middle|mid[- ]?(?:point|spec|way|tolerance))\b", q
    ):
        return None
    from havoc_srs.families._specs import spec_limits

    sp = spec_limits(q)
    if sp.lsl is None or sp.usl is None:
        return None
    return round((sp.lsl + sp.usl) / 2, 10)


def scale_mu(value: float, pct: bool, data: np.ndarray | None) -> float:
    """A percentage is a fraction of one unless the data are themselves in percent ("is the
    average assay 100%" against assays near 100)."""
    if not pct:
        return value
    if data is not None and len(data) and np.nanmax(np.abs(data)) > 1.5:
        return value
    return value / 100.0


_SYMBOL_SUBJECT = r"\b(?!(?:p|n|alpha|value|df|sig|size|k)\b)[a-zμ][\w()%]*\s*"
# a verb of gradual movement and its direction: "drifted up", "has crept higher", "shifted
# downwards", "moving up", "edged lower", "slid down"
_MOVED = (
    r"\b(?:mov(?:e|es|ed|ing)|drift(?:s|ed|ing)?|shift(?:ed|ing)|creep(?:s|ing)?|crept|"
    r"edg(?:e|es|ed|ing)|slid(?:e|es|ing)?|slipp?(?:s|ed|ing)?|trend(?:s|ed|ing)?|wander(?:s|ed|ing)?)"
    r"\s+(?:a (?:bit|little) |slightly |gradually |slowly )?"
)
_LESS = re.compile(
    _SYMBOL_SUBJECT
    + r"(?:<=?|≤)\s*-?\.?\d(?![\d.]*-[a-z])|"  # "mean ph < 4.2": the symbol points the way
    r"\bunder[- ]?fill\w*|\bshort[- ]?fill\w*|\bunder[- ]?weight\b|\bbelow\b|\bless than\b|"
    r"\blower than\b|\bsmaller than\b|\bfewer than\b|\bat most\b|\bno (?:more|higher|greater) than\b|"
    r"\bnot (?:more|higher|greater) than\b|\bnot exceed\w*|\bunder (?:the |its |our )?(?:target|"
    r"nominal|spec|label|limit|\d)|\bfalls? short\b|\btoo (?:low|small|light|thin|short)\b|"
    r"\b(?:reduced|decreased|dropped|lowered)\b|\bgive[sn]? away less\b|"
    r"\b(?:shorter|lighter|narrower|thinner|weaker|slower|cooler|cheaper|worse) than\b|"
    # a size word prefixed with under-, and the low side in words: "undersized bores",
    # "running small", "on the light side"
    r"\bunder[- ]?(?:siz\w*|dos\w*|length\w*|strength|thick\w*|shoot\w*|cur(?:e|ed|ing))\b|"
    r"\b(?:run|runs|running|ran|come|comes|coming|came)\s+(?:a bit |a little |slightly )?(?:small|"
    r"light|low|thin|short|narrow)\b|\bon the (?:small|light|low|thin|short|narrow) side\b|"
    + _MOVED
    + r"(?:down|downwards?|lower)\b"
)
_GREATER = re.compile(
    _SYMBOL_SUBJECT + r"(?:>=?|≥)\s*-?\.?\d(?![\d.]*-[a-z])|"
    r"\bover[- ]?fill\w*|\bover[- ]?weight\b|\babove\b|\bmore than\b|\bgreater than\b|"
    r"\bhigher than\b|\bbigger than\b|\blarger than\b|\bat least\b|\bno (?:less|lower|fewer) than\b|"
    r"\bnot (?:less|lower) than\b|\bexceed\w*|\bover (?:the |its |our )?(?:target|nominal|spec|"
    r"label|limit|\d)|\btoo (?:high|big|large|heavy|thick|long)\b|"
    r"\b(?:increased|improved|raised)\b|\bbeats?\b|"
    r"\b(?:longer|heavier|wider|thicker|stronger|faster|hotter|better) than\b|"
    # a size word prefixed with over-, and the high side in words: "oversize parts",
    # "running large", "on the heavy side"
    r"\bover[- ]?(?:siz\w*|dos\w*|length\w*|thick\w*|shoot\w*|cur(?:e|ed|ing))\b|"
    r"\b(?:run|runs|running|ran|come|comes|coming|came)\s+(?:a bit |a little |slightly )?(?:large|"
    r"big|heavy|high|thick|long|wide)\b|\bon the (?:large|big|heavy|high|thick|long|wide) side\b|"
    + _MOVED
    + r"(?:up|upwards?|higher)\b"
)
_TWO_SIDED = re.compile(
    r"\btwo[- ]?(?:sided|tailed)\b|\bdifferent from\b|\bdiffers? from\b|\boff[- ]?cent(?:re|er)\b|"
    r"\beither (?:way|direction)\b|\bin either\b|\bunder-?\s*(?:or|and|/)\s*over|"
    r"\bover-?\s*(?:or|and|/)\s*under"
)


_SYNTHETIC = {
    "big": "bigger", "fast": "faster", "high": "higher", "low": "lower", "small": "smaller",
    "long": "longer", "short": "shorter", "heavy": "heavier", "light": "lighter",
    "strong": "stronger", "weak": "weaker", "thick": "thicker", "thin": "thinner",
    "hot": "hotter", "cold": "colder", "warm": "warmer", "wide": "wider", "narrow": "narrower",
    "hard": "harder", "soft": "softer", "large": "larger", "slow": "slower", "quick": "quicker",
    "great": "greater", "tall": "taller", "cheap": "cheaper", "rough": "rougher",
}  # fmt: skip


def plain_comparatives(q: str) -> str:
    """A short adjective compared with "more" as in many languages ("is the mean more big than
    500", "wears more fast"): its English comparative ("bigger", "faster"), so that the readers
    of direction and order see it. "more reliable", "more often" stay as they are."""
    return re.sub(
        rf"\bmore ({'|'.join(_SYNTHETIC)})\b(?!-)",
        lambda m: _SYNTHETIC[m.group(1)],
        q,
    )


# a one-sided claim someone makes ("the brochure claims at least 3.5", "the supplier promises
# no more than 2 %") and a question whether the data go against it: the alternative is the
# claim's opposite side (the claim is the null hypothesis)
_CLAIMED_SIDE = re.compile(
    r"\b(?:claim\w*|promis\w*|guarantee\w*|advertis\w*|assert\w*|warrant\w*|boast\w*|"
    r"rated|quot(?:e|es|ed)|states?|says?)\b[^.?!]{0,40}?\b(at least|no less than|not less than|"
    r"a minimum of|minimum|at most|no more than|not more than|a maximum of|maximum|up to)\b"
)
_AGAINST = re.compile(
    r"\bcontradict\w*|\brefut\w*|\bdisprov\w*|\b(?:evidence|data|proof|case) against\b|"
    r"\bcast\w* doubt\b|\bchalleng\w*|\bundermin\w*|\bdebunk\w*|\boverstat\w*|\bexaggerat\w*|"
    r"\b(?:claim|it|that|this) (?:is |was )?(?:false|wrong|untrue|not true)\b"
)


def _against_claim(q: str) -> str | None:
    """The alternative when the question asks whether the data go against a one-sided claim
    (see ``_CLAIMED_SIDE``); None when it does not."""
    m = _CLAIMED_SIDE.search(q)
    if not m or not _AGAINST.search(q[m.end() :] + " " + q[: m.start()]):
        return None
    low_side = m.group(1) in (
        "at least",
        "no less than",
        "not less than",
        "a minimum of",
        "minimum",
    )
    return "less" if low_side else "greater"


def direction(q: str) -> str | None:
    """'less' / 'greater' when the question points one way, 'two-sided' when it says so, None
    when it says nothing; pointing both ways ("under- or overfilling") is two-sided."""
    code = re.search(r"\balternative\s*=\s*['\"]?(greater|less|two[-.]sided)\b", q)
    if code:  # scipy's alternative='greater', R's alternative = "less"
        return "two-sided" if code.group(1).startswith("two") else code.group(1)
    h1 = re.search(r"\b(?:h1|ha|h_1|h_a)\s*:\s*(?:mu|μ|p|the mean|mean)\s*(<>|>=|<=|>|<|≠|!=)", q)
    if h1:  # "H1: mu > 250"
        sign = h1.group(1)
        return (
            "greater"
            if sign.startswith(">")
            else "less"
            if sign[0] in "<" and sign != "<>"
            else "two-sided"
        )
    against = _against_claim(q)
    if against is not None:
        return against
    if _TWO_SIDED.search(q):
        return "two-sided"
    less, greater = bool(_LESS.search(q)), bool(_GREATER.search(q))
    if less and not greater:
        return "less"
    if greater and not less:
        return "greater"
    if less and greater:
        # the limit stated, then the question asked ("allows no more than 2%. is it above 2%?"):
        # the question's own words point the way
        asked = [d for d in map(direction, re.findall(r"[^.?!]*\?", q)) if d] or [
            d
            for d in map(
                direction, re.findall(r"[^.?!]*\b(?:whether|test if|check if)\b[^.?!]*", q)
            )
            if d
        ]  # "... no more than 5%. Test whether it exceeds 5%."
        if len(set(asked)) == 1 and asked[0] != "two-sided":
            return asked[0]
        # the word nearest "one-sided" or the first one, when both occur ("at least 55 ... above")
        first_l, first_g = _LESS.search(q).start(), _GREATER.search(q).start()
        if re.search(r"\bone[- ]?(?:sided|tailed)\b", q):
            return "less" if first_l < first_g else "greater"
        return "two-sided"
    return None


_ALPHA_AT = re.compile(
    r"\b(?:test(?:ed|ing)?|significan\w*|level|check(?:ed)?|alpha|yes or no|yes/no|decide|decision|"
    # a finding that holds up, stands or survives at a level ("tell me if it holds at 1%")
    r"conclude|holds?|held|stands?|survives?|real|reject\w*)\b[^.?!;]{0,25}?\bat (?:the |a )?"
    r"(\d+(?:\.\d+)?)\s?%(?!\s*confiden)"
)
# "the 1% level", "a 10 % significance test": a percentage naming the level itself
_ALPHA_LEVEL = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s?%\s*(?:significance|sig\.?)?\s*level\b|"
    r"(?<![\d.])(\d+(?:\.\d+)?)\s?%\s*significance\b"
)
_ALPHA_EQ = re.compile(
    r"(?:\balpha|α|\bsignificance(?: level)?|\bsig\.? level|\blevel of significance)\s*"
    r"(?:=|of|is|:|at)?\s*(0?\.\d+|\d+(?:\.\d+)?%)"
)


_PERCENT_WORDS = {"one": "1", "two": "2", "five": "5", "ten": "10", "half a": "0.5"}
_CONFIDENCE = re.compile(
    r"(?<![\d.])(\d{2}(?:\.\d+)?)%\s*(?:confiden\w*|sure|certain|certainty|level of confidence)"
)


def _percent_digits(q: str) -> str:
    """'five percent', '5 per cent', '5 pct' -> '5%'."""
    q = re.sub(
        r"\b(one|two|five|ten|half a)\s*(?:percent|per cent|%)",
        lambda m: _PERCENT_WORDS[m.group(1)] + "%",
        q,
    )
    return re.sub(r"(\d+(?:\.\d+)?)\s*(?:percent|per cent|pct)\b", r"\1%", q)


def alpha_in_words(q: str) -> float | None:
    """'one-sided test at 5%', 'alpha = .01', 'significance level of 0.1', 'alpha of one
    percent', '99% confidence'."""
    q = _percent_digits(q)
    c = _CONFIDENCE.search(q)
    if c and 80 <= float(c.group(1)) < 100 and not _ALPHA_EQ.search(q):
        return round(1 - float(c.group(1)) / 100.0, 10)
    m = _ALPHA_EQ.search(q)
    if m:
        text = m.group(1)
        value = float(text.rstrip("%")) / (100.0 if text.endswith("%") else 1.0)
        if 0 < value < 0.5:
            return value
    m = _ALPHA_AT.search(q)
    if m and 0 < float(m.group(1)) <= 20:
        return float(m.group(1)) / 100.0
    m = _ALPHA_LEVEL.search(q)
    if m and 0 < float(m.group(1) or m.group(2)) <= 20:
        return float(m.group(1) or m.group(2)) / 100.0
    m = _ALPHA_FRACTION.search(q)
    if m and 0 < float(m.group(1) or m.group(2)) <= 0.2:
        return float(m.group(1) or m.group(2))
    return None


# a level written as a fraction before its noun or after "p <": "a 0.01 significance level",
# "at the .05 level", "use a .10 level of significance", "significant at p < 0.01"
_ALPHA_FRACTION = re.compile(
    r"(?<![\d.])(0?\.\d+)\s*(?:significance\s+|sig\.?\s+)?level\b(?!\s+of\s+confiden)|"
    r"\bp\s*(?:<|≤|<=)\s*(0?\.\d+)"
)


def says_paired(q: str) -> bool:
    """'paired' and its misspellings ("paird", "piared"), 'before and after', 'matched'."""
    if re.search(r"\bbefore (?:and|&|vs\.?|versus) after\b|\bpre[- ]?(?:and|&|vs\.?) ?post\b", q):
        return True
    if re.search(r"\bttest_rel\b|\bpaired\s*=\s*(?:true|t)\b|\bwilcoxon\s*\(\s*\w+\s*,\s*\w+", q):
        return True
    # the pairing described: the same things measured twice, each its own control
    if re.search(
        r"(?<!\bnot )(?<!\bun)\bmatched\b|(?<!\bnot )(?<!\bnot the )(?<!\bnon-)\bsame (?:parts|items|specimens|pieces|people|subjects|coupons|panels|boards|"
        r"devices|samples|bars|cells|shafts|valves|units (?:measured|tested|weighed|read))\b|"
        r"\b(?:its|their) own (?:control|baseline|reference)\b|\bwithin[- ](?:unit|part|subject|item|"
        r"specimen|person|pair)s?\b|\b(?:measured|tested|weighed|read|scanned|gauged) twice\b",
        q,
    ):
        return True
    return any(
        w in ("paired", "pairs")
        or (len(w) >= 5 and w != "pared" and edit_distance(w, "paired", 1) <= 1)
        for w in re.findall(r"[a-z]+", q)
    )


_PAIR_WORDS = [
    ("before", "after"), ("pre", "post"), ("old", "new"), ("initial", "final"),
    ("baseline", "followup"), ("start", "end"), ("first", "second"), ("in", "out"),
]  # fmt: skip


def paired_columns(q: str, ds: Any) -> list[str] | None:
    """Two numeric columns named alike but for a before/after word ("Vibration Before (mm/s)",
    "Vibration After (mm/s)"), in that order; the pair whose shared words the question names
    when there are several."""
    from havoc_srs.reader.columns import UNITS
    from havoc_srs.reader.text import split_name, word_match

    # units dropped: "Kerf_before_mm" and "Kerf after (mm)" are one quantity
    words = {
        c: [w for w in split_name(re.sub(r"\([^)]*\)", " ", c)) if w not in UNITS]
        for c in ds.numeric
    }
    pairs = []
    for a_word, b_word in _PAIR_WORDS:
        for a, wa in words.items():
            if a_word not in wa:
                continue
            rest = [w for w in wa if w != a_word]
            for b, wb in words.items():
                if b != a and b_word in wb and [w for w in wb if w != b_word] == rest:
                    pairs.append((a, b, rest))
    if not pairs:
        pairs = _condition_pairs(ds, words)
    if not pairs:
        pairs = baseline_pairs(words)
    if not pairs:
        return None
    if len(pairs) > 1:
        qw = re.findall(r"[a-z]+", q)
        named = [
            p
            for p in pairs
            if p[2] and all(any(word_match(x, w) >= 0.85 for x in qw) for w in p[2])
        ]
        if len(named) != 1:
            return None
        pairs = named
    return [pairs[0][0], pairs[0][1]]


def alike_pair(q: str, ds: Any, exclude: tuple = ()) -> list[str] | None:
    """For a paired test asked in words: the one pair of measured columns that hold the same
    quantity under two conditions, by a header word they share ("Cd baseline", "Cd w/ fairing";
    "Preload install (kN)", "Preload 6 mo (kN)") or, when the table measures nothing else, by
    their unit ("Ref method (mmol/L)", "POC analyser mmol/L"); None when no pair or several
    (and the question names the shared words of none or of several)."""
    from havoc_srs.reader.columns import UNITS
    from havoc_srs.reader.text import split_name, stem, word_match

    ids = {"id", "no", "nr", "num", "number", "index", "serial", "seq", "pos", "position", "run",
           "order", "subgroup", "sample", "day", "week", "month", "year", "re", "yaw"}  # fmt: skip

    def units(c: str) -> set[str]:
        inner = re.findall(r"[\(\[]([^\)\]]{1,12})[\)\]]", c)
        bare = [w for w in split_name(re.sub(r"[\(\[][^\)\]]*[\)\]]", " ", c)) if w in UNITS]
        return {w for u in inner for w in split_name(u) if w} | set(bare)

    cols = [
        c
        for c in ds.numeric
        if c not in exclude and not set(split_name(str(c))) & ids and ds.frame[c].nunique() > 2
    ]
    words = {
        c: {
            stem(w)
            for w in split_name(re.sub(r"[\(\[][^\)\]]*[\)\]]", " ", str(c)))
            if w not in UNITS and len(w) >= 2 and not w.isdigit()
        }
        for c in cols
    }
    pairs = []
    for i, a in enumerate(cols):
        for b in cols[i + 1 :]:
            shared = words[a] & words[b]
            if shared and words[a] != words[b]:
                pairs.append((a, b, shared))
    if not pairs and len(cols) == 2 and units(str(cols[0])) & units(str(cols[1])):
        pairs = [(cols[0], cols[1], set())]
    if len(pairs) > 1:
        qw = re.findall(r"[a-z]+", q)
        pairs = [
            p
            for p in pairs
            if p[2] and all(any(word_match(x, w) >= 0.85 for x in qw) for w in p[2])
        ]
    return [pairs[0][0], pairs[0][1]] if len(pairs) == 1 else None


def _condition_pairs(ds: Any, words: dict[str, list[str]]) -> list[tuple[str, str, list[str]]]:
    """Two numeric columns of one quantity under two conditions ("Void % (profile A)", "Void %
    (profile B)"; "Gap run 1", "Gap run 2"), each row one unit named by a text identifier (a
    serial, a tag): the same unit measured twice. The headers differ in one word only, a letter
    or a number; [] without a row identifier (a wide table of independent samples)."""
    ids = [
        c for c in ds.labels if (col := ds.frame[c].dropna()).size > 4 and col.nunique() == col.size
    ]
    if not ids:
        return []
    out = []
    cols = list(words)
    for i, a in enumerate(cols):
        for b in cols[i + 1 :]:
            wa = split_words(a)
            wb = split_words(b)
            if len(wa) != len(wb) or len(wa) < 2:
                continue
            diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
            if len(diff) == 1 and all(re.fullmatch(r"[a-z]|\d{1,2}", t) for t in diff[0]):
                out.append((a, b, [x for x, y in zip(wa, wb, strict=True) if x == y]))
    return out


# the untreated state of a quantity in a header: "Cd baseline", "Noise without muffler", "Yield
# control", "Torque bare"
_BASE_WORDS = frozenset(
    "baseline base control bare without untreated original stock reference standard plain "
    "unmodified wo".split()
)


def baseline_pairs(words: dict[str, list[str]]) -> list[tuple[str, str, list[str]]]:
    """Two numeric columns of one quantity, untreated and treated: the same leading words (the
    quantity, "Cd"), then a word of the untreated state in one ("baseline", "bare", "control",
    "without") and other words in the other ("w/ fairing", "with additive"), in that order."""
    out = []
    for a, wa in words.items():
        for b, wb in words.items():
            if a == b or not wa or not wb:
                continue
            k = 0
            while k < min(len(wa), len(wb)) and wa[k] == wb[k]:
                k += 1
            rest_a, rest_b = wa[k:], wb[k:]
            if (
                k >= 1
                and len(rest_a) == 1
                and rest_a[0] in _BASE_WORDS
                and rest_b
                and not set(rest_b) & _BASE_WORDS
            ):
                out.append((a, b, wa[:k]))
    return out


def split_words(column: str) -> list[str]:
    """A header's words and numbers in lower case, brackets and units kept ("Void % (profile
    A)" -> void, profile, a)."""
    return re.findall(r"[a-z]+|\d+", str(column).lower())


_NO_EQUAL_VAR = re.compile(
    r"(?:\bnot?\b|n't|\bwithout\b|\bnever\b)\s+(?:\w+\s+){0,3}?(?:assum\w*|pool\w*|requir\w*|"
    r"need\w*)\s+(?:\w+\s+){0,4}?(?:equal|same|common|pooled|identical|similar) (?:variances?|"
    r"spreads?|standard deviations?|sds?)|\bunequal (?:variances?|spreads?)|\bdifferent variances"
    r"\b|\bvariances? (?:may|might|could|can) (?:differ|be different|be unequal)|\bwelch"
)
_EQUAL_VAR = re.compile(
    r"\bpooled\b|\bstudent'?s?\b|\bassum\w* (?:\w+ ){0,3}?(?:equal|the same|common) variances?|"
    r"\bequal[- ]variances? (?:t[- ]?test|assumed|assumption)|\bclassic(?:al)? t[- ]?test\b"
)


def equal_variances(q: str) -> bool | None:
    """True when the question asks for the pooled (Student) t-test, False when it turns the
    equal-variance assumption down ("doesn't assume equal variances", Welch), None otherwise."""
    code = re.search(r"\b(?:var\.equal|equal_var)\s*=\s*(true|t|false|f)\b", q)
    if code:  # R's t.test(var.equal = TRUE), scipy's ttest_ind(equal_var=False)
        return code.group(1).startswith("t")
    box = re.search(
        r"\bassume equal variances?\b['\"]?\s*(?:box\s+|option\s+|checkbox\s+)?"
        r"((?:left )?un-?(?:ticked|checked|selected)|not (?:ticked|checked|selected)|off|"
        r"ticked|checked|selected|on)\b|\b(un-?(?:tick|check)|tick|check|select)\s+['\"]?assume equal",
        q,
    )
    if box:  # Minitab's "Assume equal variances" box, left unticked or ticked
        said = box.group(1) or box.group(2)
        return not re.match(r"un|not|left|off", said)
    if _NO_EQUAL_VAR.search(q) or _SPREADS_DIFFER.search(q):
        return False
    if _EQUAL_VAR.search(q) or _SPREADS_ALIKE.search(q):
        return True
    return None


_SPREAD = r"(?:variances?|spreads?|sds?|standard deviations?|variabilit\w*|scatter)"
# the assumption turned down in other words: "don't pool", "treat the variances as unequal",
# "the groups have different spreads", "heteroscedastic"
_SPREADS_DIFFER = re.compile(
    rf"(?:\bnot?\b|n't|\bnever\b|\bwithout\b)\s+(?:\w+\s+){{0,2}}?pool\w*\b|"
    rf"\bheteroscedastic\w*|\bheterogeneous {_SPREAD}|\b{_SPREAD}\s+as\s+(?:unequal|different)\b|"
    rf"\b(?:different|unequal|dissimilar) {_SPREAD}\b|"
    rf"\b{_SPREAD}\s+(?:are|is|look|seem|appear)\s+(?:\w+\s+)?(?:different|unequal|not (?:equal|the same))\b"
)
# and accepted: "pool the variances", "the spreads are similar", "assume equal spread",
# "homoscedastic", "homogeneity of variance" (never in a question asking whether they are)
_SPREADS_ALIKE = re.compile(
    rf"(?<!\bnot )(?<!n't )(?<!\bno )\bpool(?:ed|ing|s)?\s+(?:the\s+|their\s+|both\s+)?(?:{_SPREAD}|them|it)\b|"
    rf"\bhomoscedastic\w*|\bassum\w*\s+(?:\w+\s+){{0,2}}?homogeneity of {_SPREAD}|"
    rf"(?<!\bare )(?<!\bis )\b(?:the\s+)?{_SPREAD}\s+(?:are|is|look|seem|appear)\s+(?:about\s+|roughly\s+|"
    rf"approximately\s+|pretty much\s+|very\s+)?(?:equal|the same|similar|alike|comparable)\b"
    rf"(?![^.?!]*\?)|"
    rf"\b(?:with|using|under|assum\w*)\s+(?:\w+\s+){{0,2}}?(?:equal|the same|similar|common|homogeneous) "
    rf"{_SPREAD}\b|\b(?:equal|same|common) {_SPREAD} (?:assumed|assumption)\b"
)


def _level_pattern(level: str) -> str:
    parts = [re.escape(p) for p in re.split(r"[\s_\-]+", level.strip().lower()) if p]
    return r"(?<![a-z0-9])" + r"[\s_\-]?".join(parts) + r"(?![a-z0-9])"


def named_levels(q: str, question: str, ds: Any, columns: list[str]) -> dict[str, list[str]]:
    """For each grouping column, its values the question names, in the order named
    ("CNC-1 vs CNC-3" -> {"Machine": ["CNC-1", "CNC-3"]}). Values of one or two characters
    count only when typed as in the table ("A", "R1")."""
    out: dict[str, list[str]] = {}
    for c in columns:
        levels = list(dict.fromkeys(ds.frame[c].dropna()))
        if len(levels) > 40:
            continue
        found = []
        for lv in levels:
            text = str(lv).strip()
            if not text:
                continue
            if len(text) <= 2:
                m = re.search(r"(?<![A-Za-z0-9])" + re.escape(text) + r"(?![A-Za-z0-9])", question)
                # one capital letter alone is too often a word ("A", "I"): it needs its column
                if m and len(text) == 1:
                    head = re.escape(str(c).strip().lower().split()[0][:4])
                    if not re.search(head + r"\w*\s+" + re.escape(text.lower()) + r"\b", q):
                        m = _listed_letter(q, question, head, text) or _bracketed_code(
                            question, text, levels
                        )
                if m:
                    found.append((m.start(), lv))
                continue
            m = re.search(_level_pattern(text), q) or re.search(
                _level_pattern(text)[: -len("(?![a-z0-9])")] + r"s(?![a-z0-9])", q
            )  # "days" for Day
            if not m and len(text) >= 5 and text[-1].isalpha():  # "semi-metallic" for Semi-met
                m = re.search(_level_pattern(text)[: -len("(?![a-z0-9])")] + r"[a-z]{2,}\b", q)
            if not m:  # a long word of the value mistyped: "quary c" for Quarry C
                m = _typo_level(q, text)
            if m:
                found.append((m.start(), lv))
        found += _levels_by_number(q, c, levels, {lv for _, lv in found})
        if found:
            out[c] = [lv for _, lv in sorted(found, key=lambda t: t[0])]
    # short codes of one column set against each other ("shear, D vs N" on Shift = D/N): two
    # levels of the same column joined by a contrast word are no accident (reader.contrast)
    from havoc_srs.reader.contrast import contrasted_codes

    # (set against each other by a word of contrast: "A, B or C" lists all the groups)
    paired: dict[str, list[tuple[int, int, Any]]] = {}
    for m in contrasted_codes(question, ds, []):
        if m.column in columns:
            paired.setdefault(m.column, []).append((m.start, m.end, m.value))
    for c, hits in paired.items():
        hits.sort(key=lambda h: h[0])
        pairs = [
            (a, b)
            for a, b in zip(hits, hits[1:], strict=False)
            if _CONTRAST_JOIN.fullmatch(question[a[1] : b[0]])
        ]
        if not pairs:
            continue
        have = out.get(c, [])
        named = [h[2] for p in pairs for h in p]
        if any(v not in have for v in named):
            out[c] = list(dict.fromkeys(named + have))
    return out


_CONTRAST_JOIN = re.compile(r"\s*(?:vs\.?|versus|v\.?|against|compared (?:to|with))\s*", re.I)


def _typo_level(q: str, text: str) -> re.Match | None:
    """A group value of two or more words named with one typing slip in its long word ("quary
    c" for Quarry C, "suplier north" for Supplier North); None otherwise."""
    words = text.lower().split()
    if len(words) < 2:
        return None
    for i, w in enumerate(words):
        if len(w) < 5 or not w.isalpha():
            continue
        for t in set(re.findall(r"[a-z]{4,}", q)):
            if t != w and edit_distance(t, w, 1) <= 1:
                m = re.search(_level_pattern(" ".join(words[:i] + [t] + words[i + 1 :])), q)
                if m:
                    return m
    return None


def _listed_letter(q: str, question: str, head: str, text: str) -> re.Match | None:
    """A one-letter group value named in a list after its column's word ("catalyst B vs C",
    "suppliers A, C and D") or quoted as code quotes it ("c('A', 'D')")."""
    quoted = re.search(r"['\"]" + re.escape(text) + r"['\"]", question)
    if quoted:
        return quoted
    sep = r"\s*(?:,|/|&|\band\b|\bor\b|\bvs\.?|\bversus\b|\bagainst\b|\bwith\b)\s*"
    for m in re.finditer(head + r"\w*\s+([a-z0-9]{1,2}(?:" + sep + r"[a-z0-9]{1,2}\b)+)", q):
        items = re.split(sep, m.group(1))
        if text.lower() in items:
            return re.search(r"(?<![A-Za-z0-9])" + re.escape(text) + r"(?![A-Za-z0-9])", question)
    return None


def _bracketed_code(question: str, text: str, levels: list) -> re.Match | None:
    """A one-letter value given in brackets after the words it codes ("cooled (Y) and not
    cooled (N)"), when two or more values of the same column are bracketed so (one bracketed
    letter alone is as often a unit: "force (N)")."""
    codes = set(re.findall(r"\(\s*([A-Za-z0-9]{1,2})\s*\)", question))
    if text not in codes or len(codes & {str(lv).strip() for lv in levels}) < 2:
        return None
    return re.search(r"\(\s*" + re.escape(text) + r"\s*\)", question)


_CODED = re.compile(r"^([A-Za-z]{1,4})[\s\-_#]?0*(\d{1,3})$")


def _levels_by_number(q: str, column: str, levels: list[Any], taken: set[Any]) -> list:
    """Coded group values ("R1", "SF-3", "E2") named by a word and their number: "roaster 2",
    "frame 3", "extruder #2". The word is one of the column header's words or starts with the
    code's letter; every value of the column is the same code with its own number."""
    codes = [_CODED.match(str(lv).strip()) for lv in levels]
    if len(levels) < 2 or not all(codes):
        return []
    prefixes = {m.group(1).lower() for m in codes if m}
    numbers = [int(m.group(2)) for m in codes if m]
    if len(prefixes) != 1 or len(set(numbers)) != len(numbers):
        return []
    prefix = prefixes.pop()
    words = [w for w in re.findall(r"[a-z]{3,}", str(column).lower()) if w not in ("the", "and")]
    found = []
    ones = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9}  # fmt: skip
    q = re.sub(  # "reactor two", "la línea cinco" stays; "line one" -> "line 1"
        r"\b([^\W\d_]{3,}s?\s+)(" + "|".join(ones) + r")\b",
        lambda m: m.group(1) + str(ones[m.group(2)]),
        q,
    )
    pat = r"\b([^\W\d_]{3,})s?\s*(?:no\.?\s*|number\s*|#\s*)?(\d{1,3})\b(?![.,]\d)"
    for m in re.finditer(pat, q):
        w = m.group(1)
        by_header = any(w.startswith(h[:4]) or h.startswith(w[:4]) for h in words)
        if not (by_header or w.startswith(prefix[0])) or w in ("at", "the", "and", "than"):
            continue
        k = int(m.group(2))
        if k in numbers:
            lv = levels[numbers.index(k)]
            if lv not in taken:
                found.append((m.start(), lv))
                taken = taken | {lv}
    return found


def spell_levels(q: str, question: str, ds: Any, column: str) -> str:
    """The question with its groups written as the table writes them ("reactor two gives lower
    yields than reactor one" -> "r-2 gives lower yields than r-1"), so that an order between
    two groups named by word and number is read as an order between the table's values."""
    levels = list(dict.fromkeys(ds.frame[column].dropna()))
    codes = [_CODED.match(str(lv).strip()) for lv in levels]
    if len(levels) < 2 or len(levels) > 40 or not all(codes):
        return q
    numbers = {int(m.group(2)): str(lv).lower() for m, lv in zip(codes, levels, strict=True) if m}
    prefix = codes[0].group(1).lower() if codes[0] else ""
    words = [w for w in re.findall(r"[a-z]{3,}", str(column).lower())]
    ones = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9}  # fmt: skip

    def swap(m: re.Match) -> str:
        w, k = m.group(1), m.group(2)
        k = ones.get(k, k)
        if not (any(w.startswith(h[:4]) or h.startswith(w[:4]) for h in words)
                or w.startswith(prefix[:1])):  # fmt: skip
            return m.group(0)
        return numbers.get(int(k), m.group(0))

    return re.sub(
        r"\b([^\W\d_]{3,}?)s?\s*(?:no\.?\s*|number\s*|#\s*)?(\d{1,3}|"
        + "|".join(ones)
        + r")\b(?![.,]\d)",
        swap,
        q,
    )


_NUMWORD = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2, "pair": 2}


def group_count(q: str) -> int | None:
    """'the two machines', 'all four suppliers', 'both lines' -> 2, 4, 2."""
    m = re.search(r"\b(?:the|all|our|these|those|across)\s+(two|three|four|five|six|\d)\s+[a-z]", q)
    if m:
        w = m.group(1)
        return int(w) if w.isdigit() else _NUMWORD[w]
    if re.search(r"\bboth\s+(?:the\s+)?[a-z]+s\b", q):
        return 2
    return None


_OUT_OF = re.compile(
    r"(?<![\d.])(\d+)\s+(?:[a-z-]+\s+){0,2}?(?:out of|of|in|from)\s+(?:the\s+|a\s+)?(\d+)"
    r"(?!\s*(?:%|factors?|levels?|groups?|runs?|replicates?))"
)


# the total first, then how many of them had the event: "we x-rayed 400 welds and 14 had
# porosity", "tested 250 units; 9 failed", "inspected 120, of which 7 were rejected"
_TOTAL_THEN = re.compile(
    r"(?<![\d.])(\d+)(?:\s+[a-z-]+){0,6}?\s*(?:,?\s*of (?:which|those|them|these)\b|and\b|,|;|-)\s*"
    r"(?:only\s+|just\s+)?(\d+)\s+(?:of (?:them|those|these)\s+)?(?:[a-z-]+\s+)?"
    r"(?:had|have|has|were|was|are|showed|show|failed|fail|contained|came back|did not|didn't)\b"
)


# the total after "of", then the count and what happened to them: "of 250 boards from the new
# line, 19 failed", "out of 500 welds, 14 were rejected"
_OF_TOTAL = re.compile(
    # (the comma may be left out, as a translated "Z 500 sprężyn 16 było ..." leaves it)
    r"\b(?:out )?of (?:the |our )?(\d+)\s+(?:[a-z-]+\s+){0,5}?[a-z-]+\s*,?\s*(?:only\s+|just\s+)?"
    r"(\d+)\s+(?:of (?:them|those|these)\s+)?(?:[a-z-]+\s+)?(?:had|have|has|were|was|are|showed|"
    r"failed|passed|fail|pass|contained|came back|did not|didn't)\b"
)


def counts_in_words(q: str) -> list[tuple[int, int]]:
    """'14 rejects out of 520 units', '29 out of 610', '7 of 300 failed', 'inspected 400 welds
    and 14 had porosity' -> [(x, n), ...]."""
    found = []
    for m in _OUT_OF.finditer(q):
        x, n = int(m.group(1)), int(m.group(2))
        if 0 <= x <= n and n > 0 and "." not in m.group(0):
            found.append((m.start(), m.end(), x, n))
    for m in _OF_TOTAL.finditer(q):  # "of 250 boards from line 1, 19 failed"
        n, x = int(m.group(1)), int(m.group(2))
        if 0 <= x <= n and n > 0 and not any(a < m.end() and m.start() < b for a, b, _, _ in found):
            found.append((m.start(), m.end(), x, n))
    out = [(x, n) for _, _, x, n in sorted(found)]
    if not out:
        for m in _TOTAL_THEN.finditer(q):
            n, x = int(m.group(1)), int(m.group(2))
            if 0 <= x <= n and n > 0:
                out.append((x, n))
    return out


_MORE = (
    "greater|higher|larger|more|bigger|longer|heavier|wider|thicker|stronger|faster|hotter|"
    "harder|stiffer|rougher|louder|brighter|denser|warmer"
)
_FEWER = (
    "less|lower|smaller|fewer|shorter|lighter|thinner|narrower|weaker|slower|cooler|softer|"
    "smoother|quieter|dimmer|colder"
)


def ordered_comparison(q: str, labels: list[str]) -> tuple[str, str, str] | None:
    """'is CNC-2 running bigger than CNC-1' -> ('CNC-2', 'CNC-1', 'greater'): the sample named
    first, the other, and the direction; None when the question names no order."""
    q = re.sub(r"\binferior to\b", "lower than", re.sub(r"\bsuperior to\b", "higher than", q))
    # "is B worse (higher roundness error)?": the bracket says which way worse is
    q = re.sub(rf"\b(?:worse|better)\s*\(\s*(?:i\.?e\.?,?\s*)?({_MORE}|{_FEWER})\b", r"\1", q)
    bare = {lab: re.sub(r"\([^)]*\)|\[[^]]*\]", " ", str(lab)).strip() for lab in labels}
    words = {lab: set(re.findall(r"[a-z]{3,}", b.lower())) for lab, b in bare.items()}
    pats = {}
    for lab, b in bare.items():
        # a header is also named by the word only it has ("after" for Torque after [Nm])
        own = sorted(words[lab] - set().union(*(w for o, w in words.items() if o != lab)))
        # "Grinder B" is also "B": the one letter that tells two labels of one noun apart
        letters = [re.findall(r"(?<![a-z0-9])[a-z](?![a-z0-9])", x.lower()) for x in bare.values()]
        mine = re.findall(r"(?<![a-z0-9])[a-z](?![a-z0-9])", b.lower())
        if words[lab] and len(mine) == 1 and mine[0] not in "ai":
            if sum(mine[0] in t for t in letters) == 1:
                own.append(mine[0])
        pats[lab] = "|".join(
            [_level_pattern(b), _level_pattern(b)[: -len("(?![a-z0-9])")] + r"s(?![a-z0-9])"]
            + [_level_pattern(w) for w in own]
        )  # "nights lower" names Night
    alt = "|".join(f"(?:{p})" for p in pats.values())
    m = re.search(  # "then" for "than": a common slip
        rf"({alt})(?:'s)?(?:\s+[\w'-]+){{0,5}}?\s+({_MORE}|{_FEWER})(?:\s+[a-z]+){{0,2}}?\s+th[ae]n\s+"
        rf"(?:that of |those of |the |for |from |on )?(?:[\w'-]+\s+){{0,3}}?({alt})",
        q,
    )
    if not m:
        if len(pats) != 2:
            return None
        return _than_one_named(q, pats) or _one_named_comparative(q, pats)
    first = next((lab for lab, p in pats.items() if re.fullmatch(p, m.group(1))), None)
    second = next((lab for lab, p in pats.items() if re.fullmatch(p, m.group(3))), None)
    if first is None or second is None or first == second:
        return None
    return first, second, "greater" if re.fullmatch(_MORE, m.group(2)) else "less"


def _than_one_named(q: str, pats: dict[str, str]) -> tuple[str, str, str] | None:
    """'after the swap, are the readings lower than before?', 'is the new die's output any
    higher than the old one's': a comparative whose 'than' names one of two samples, the
    subject being the other (named far away or not at all); None when the question points
    both ways or names the other sample after 'than' too."""
    if re.search(rf"\b(?:{_MORE}|{_FEWER})\s+or\s+(?:{_MORE}|{_FEWER})\b", q):
        return None
    hits = []
    for lab, p in pats.items():
        for m in re.finditer(
            rf"\b({_MORE}|{_FEWER})(?:\s+[a-z]+){{0,2}}?\s+th[ae]n\s+(?:that of |those of |the |"
            rf"for |from |on |it was |they were |it did |they did )?(?:[\w'-]+\s+){{0,2}}?"
            rf"(?:{p})(?:'s)?\b",
            q,
        ):
            hits.append((lab, m.group(1)))
    if len({lab for lab, _ in hits}) != 1 or len({w for _, w in hits}) != 1:
        return None
    lab, word = hits[0]
    other = next(o for o in pats if o != lab)
    return other, lab, "greater" if re.fullmatch(_MORE, word) else "less"


def _one_named_comparative(q: str, pats: dict[str, str]) -> tuple[str, str, str] | None:
    """'is SF-3 weaker?', 'is the fail rate on E2 actually higher?': one of two samples named
    with a comparative and no 'than' (the other is the reference); None when both or neither
    sample is named that way, or the question points both ways ('higher or lower')."""
    if re.search(rf"\b(?:{_MORE}|{_FEWER})\s+or\s+(?:{_MORE}|{_FEWER})\b", q):
        return None
    hits = []
    for lab, p in pats.items():
        # the words between the sample and the comparative name no other sample ("sf-2 -- is
        # sf-3 weaker" is said of sf-3)
        others = "|".join(f"(?:{o})" for k, o in pats.items() if k != lab)
        m = re.search(
            rf"(?:{p})(?:'s)?(?:\s+(?!{others})[\w'-]+){{0,4}}?\s+({_MORE}|{_FEWER})\b"
            rf"(?!(?:\s+[a-z]+){{0,3}}\s+th[ae]n\b)",
            q,
        )
        if m:
            hits.append((lab, m.group(1)))
    if len(hits) != 1:
        return None
    lab, word = hits[0]
    other = next(o for o in pats if o != lab)
    return lab, other, "greater" if re.fullmatch(_MORE, word) else "less"


_LIMIT_RATE = re.compile(
    r"\b(?:limit|allow\w*|spec\w*|target|requirement|standard|no more than|at most|max\w*|"
    r"threshold|claim\w*|promis\w*|guarantee\w*|tolerat\w*)\b[^.?!%\d]{0,30}?(\d+(?:\.\d+)?)%"
)


def limit_rate(q: str) -> float | None:
    """The percentage a rate is held against when several are written ("14 had voiding above
    25% of the pad; the limit is no more than 2%"): the one tied to a limit word, as a
    fraction; None when no percentage is."""
    m = _LIMIT_RATE.search(_percent_digits(q))
    return float(m.group(1)) / 100.0 if m else None


_GENERIC_RATE_WORDS = frozenset(
    "the an of in on at is are was were than rate rates proportion proportions share fraction "
    "percentage percent failure failures defect defects reject rejects yield and or with to it "
    "that this those these".split()
)


def counts_order(q: str) -> tuple[int, int, str] | None:
    """Two counts typed as "x of n", each in its own clause, and a comparison whose sides name
    words only one clause has ("12 of 500 failed before the change, 4 of 520 after. Is the
    proportion before higher than after?") -> (0, 1, 'greater'): the count named first in the
    comparison, the other, and the direction; None when no such comparison is written."""
    hits = [m for m in _OUT_OF.finditer(q) if "." not in m.group(0)]
    if len(hits) != 2:
        return None
    start = max(q.rfind(".", 0, hits[0].start()), q.rfind("?", 0, hits[0].start())) + 1
    end = min([i for i in (q.find(c, hits[1].end()) for c in ".?;") if i >= 0] or [len(q)])
    cut = re.search(
        r",|;|\.\s|\band\b|\bwhile\b|\bwhereas\b|\bbut\b", q[hits[0].end() : hits[1].start()]
    )
    split = hits[0].end() + cut.start() if cut else hits[1].start()
    words = [
        set(re.findall(r"\b[a-z][a-z-]*", re.sub(r"\d+", " ", part))) - _GENERIC_RATE_WORDS
        for part in (q[start:split], q[split:end])
    ]
    only = [words[0] - words[1], words[1] - words[0]]
    for m in re.finditer(rf"\b({_MORE}|{_FEWER})\s+(?:[a-z]+\s+)?th[ae]n\s+([^.?!;]{{1,40}})", q):
        lead = q[max(0, m.start() - 40) : m.start()]
        left = set(re.findall(r"\b[a-z][a-z-]*", re.split(r"[.?!;]\s", lead)[-1]))
        right = set(re.findall(r"\b[a-z][a-z-]*", m.group(2)))
        way = "greater" if re.fullmatch(_MORE, m.group(1)) else "less"
        if left & only[0] and right & only[1] and not left & only[1]:
            return 0, 1, way
        if left & only[1] and right & only[0] and not left & only[0]:
            return 1, 0, way
    return _change_order(q[end:] or q, only)


# the earlier and the later of two samples, by a word only one of them is described with
_THEN = frozenset("old before previous prior former original baseline earlier existing".split())
_NOW = frozenset("new after current later revised updated improved modified changed".split())
_DROP = (
    r"reduc\w*|decreas\w*|dropp?\w*|lower\w*|fell|fall\w*|fallen|down|declin\w*|"
    r"shr[iu]nk\w*|improv\w*|better|fewer"
)
_RISE = r"increas\w*|rais\w*|higher|rose|ris(?:e|en|es|ing)|up|grow\w*|grew|worse\w*|more"


def _change_order(asked: str, only: list[set[str]]) -> tuple[int, int, str] | None:
    """Two counts described as the earlier and the later ("Old supplier: 9 out of 400", "New
    supplier: 3 out of 420") and a change asked one way ("has the rate dropped with the new
    one?", "did it go up after the change?"): (the later, the earlier, 'less' for a drop,
    'greater' for a rise). None when the question asks both ways or two-sided."""
    then = [bool(w & _THEN) and not w & _NOW for w in only]
    now = [bool(w & _NOW) and not w & _THEN for w in only]
    if then == [True, False] and now == [False, True]:
        later, earlier = 1, 0
    elif then == [False, True] and now == [True, False]:
        later, earlier = 0, 1
    else:
        return None
    if re.search(r"\btwo[- ]?(?:sided|tailed)\b|\bdiffer\w*\b|\beither way\b|\bchang\w*\b", asked):
        return None
    down, up = re.search(rf"\b(?:{_DROP})\b", asked), re.search(rf"\b(?:{_RISE})\b", asked)
    if bool(down) == bool(up):
        return None
    return later, earlier, "less" if down else "greater"


# a sample described by its size, mean and standard deviation ("n = 25, x̄ = 31.2, s = 1.9",
# "16 shafts had a mean of 25.04 mm with a standard deviation of 0.06 mm")
_SUM_NUM = r"(-?\d+(?:\.\d+)?)"
_SUM_LINK = r"\s*(?:[=:]|\bof\b|\bwas\b|\bis\b|\bwere\b|\bat\b)?\s*(?:about\s+|approximately\s+)?"
