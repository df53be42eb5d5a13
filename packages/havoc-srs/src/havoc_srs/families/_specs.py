"""Specification limits as people write them, for the capability family (and MODE's evidence).

"spec 9.95-10.05", "LSL 2 USL 4", "25 ± 0.02", "tolerance 12.00 +/- 0.05", "502 nominal, minus 5
plus 8", "must be at least 50", "must not exceed 35", "upper limit 0.8 %", "the 98-102 % window".
Numbers keep their written value (a "3.0 %" limit is 3.0, as the data are in percent).

>>> spec_limits("Cpk against the spec 9.95-10.05 mm").as_slots()
{'lsl': 9.95, 'usl': 10.05}
>>> spec_limits("fill weight 502 g nominal, minus 5 plus 8").as_slots()
{'lsl': 497.0, 'usl': 510.0, 'target': 502.0}
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_N = r"([-+]?(?:\d+(?:\.\d+)?|\.\d+))"
_U = r"(?:\s*(?:[a-zµ°%/$]+\.?|°\s?[a-z]))?"  # one unit word after a number
_DASH = r"\s*(?:-|–|—|to|and|through|thru|&|…|\.\.|/|~|～)\s*"  # "2.5 ~ 3.5": a range in East Asian usage
_PM = r"\s*(?:±|\+/-|\+ / -|\+-|plus or minus|plus/minus|plus[- ]minus|give or take)\s*"
_SPEC_WORD = (
    r"spec(?:s|ification|ifications)?|tolerance|window|limits?|drawing|requirement|"
    r"allowed|acceptable|permitted|must|should|has to|have to|needs? to|required|keep|hold|stay|"
    r"lsl|usl|nominal|target|meet|fit|"
    # the verbs of acceptance in any form: "we accept 9.8 to 10.6", "allows 2-4", "tolerates"
    r"accept(?:s|ed|ing)?|allows?|allowing|permits?|permitting|tolerat(?:e|es|ed|ing)"
)
# a range framed only by these sets the limits without being evidence of a capability request
_RANGE_WORD = r"between|within|range|band|from|inside|outside|out of|beyond"

_LSL = re.compile(
    rf"\b(?:lsl|(?:lower|low|bottom) spec(?:ification)?(?: limit)?|lower (?:tolerance |spec )?limit|"
    rf"lower bound|min(?:imum)?\.?(?: (?:spec|allowed|allowable|acceptable|permitted|limit|value|"
    rf"requirement|required|level))?(?: [a-z]{{3,12}}(?= (?:is|of|=)\b))?|"
    rf"at least|no less than|not (?:be )?(?:less|lower) than|at or (?:above|over)|"
    rf"(?:equal to|the same as) or (?:more|greater|higher) than|"
    rf"(?:must|should|shall|has to|have to|needs? to)(?: be| stay| remain)? (?:above|over|more than|"
    rf"greater than|higher than|exceed)|"
    rf"(?:not|never|n't|n’t) (?:go(?:es)? |falls? |drops? |dips? |gets? )?(?:below|under)|greater than or equal to|>=|≥|(?:no|not|never) (?:be )?(?:thinner|"
    rf"shorter|lighter|smaller|lower|weaker|narrower|softer|less) than)\s*(?:is|of|=|:|at|be)?\s*{_N}"
)
_USL = re.compile(
    rf"\b(?:usl|(?:upper|high|top) spec(?:ification)?(?: limit)?|upper (?:tolerance |spec )?limit|"
    rf"upper bound|max(?:imum)?\.?(?: (?:spec|allowed|allowable|acceptable|permitted|limit|value|"
    rf"requirement|level))?|"
    rf"at most|up to|no more than|at or (?:below|under)|(?:equal to|the same as) or (?:less|lower) than|(?:deliver\w*|done|complete\w*|ready|shipped|finished) within|"
    rf"within(?=\s*\d[\d.]*\s*(?:s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?)\b)|"
    rf"(?:should|shall|has to|have to|needs? to)(?: be| stay| remain| be kept)? (?:under|below|less "
    rf"than|lower than)|not (?:be )?(?:more|greater|higher) "
    rf"than|(?:(?:must|should|shall|may|can|ca|wo)(?: not|n't|n’t)|cannot) exceed|not to exceed|must (?:be|stay|remain) "
    rf"(?:under|below|less than)|(?:stay|remain|be) under|less than or equal to|<=|≤|(?:no|not|never) "
    rf"(?:be )?(?:thicker|longer|heavier|bigger|larger|higher|greater|stronger|wider|harder|more) "
    rf"than|not (?:go |rise |be |get )?(?:above|over))\s*"
    rf"(?:is|of|=|:|at|be)?\s*{_N}"
)
# a chained inequality: "4.8 ≤ x ≤ 5.2", "0.70 <= acidity <= 0.95", "10 < t < 12 s"
_CHAIN = re.compile(
    rf"(?<![\w.]){_N}{_U}\s*(?:≤|<=|<|=<)\s*[a-zµ][\w ()%/.-]{{0,30}}?\s*(?:≤|<=|<|=<)\s*{_N}"
)
_RANGE = re.compile(rf"{_N}{_U}{_DASH}{_N}")
# "25 ± 0.02", "12 mm nominal ±0.1", "0.5 mm either side of 20" (width first), "±0.3 of the
# 15.0 nominal" (width first)
_PLUSMINUS = re.compile(rf"{_N}{_U}\s*(?:nominal|target)?\s*[,;]?{_PM}{_N}")
_NOMINAL_OF = r"\s+(?:the\s+|a\s+|an\s+)?(?:(?:nominal|target)\s+(?:of\s+|value\s+)?)?"
_WIDTH_FIRST = re.compile(
    rf"{_N}{_U}\s*(?:on\s+)?(?:either|each|both) sides? of{_NOMINAL_OF}{_N}"
    rf"|{_PM}{_N}{_U}\s*(?:of|around|about|from|on|at){_NOMINAL_OF}{_N}"
)
# a tolerance word between the nominal and its deviations: "50 mm, tolerance +1/-2", "8.00 mm
# (tol. -0.03/+0)", "20 with an allowed deviation of +0.3 / -0.1"
_TOL_NOUN = (
    r"(?:toleran(?:ce|ces)|tol\.?|(?:allowed |allowable |permitted |permissible )?(?:deviations?|"
    r"variation)|allowance)"
)
_TOL_WORD = (
    rf"(?:\s*[,;(]?\s*(?:with\s+|and\s+)?(?:an?\s+|the\s+)?{_TOL_NOUN}(?: band| zone)?\s*"
    r"(?:is|of|=|:)?)?"
)
_ASYM = re.compile(
    rf"{_N}{_U}\s*(?:nominal|target)?{_TOL_WORD}\s*,?\s*(?:minus|-)\s*{_N}{_U}\s*,?\s*(?:and\s+)?(?:plus|\+)\s*{_N}"
    rf"|{_N}{_U}\s*(?:nominal|target)?{_TOL_WORD}\s*,?\s*(?:plus|\+)\s*{_N}{_U}\s*,?\s*(?:and\s+)?(?:minus|-)\s*{_N}"
)
# "nominal is 25.4 mm but they allow -0.5 / +0.8": the deviations written apart from the nominal
_NOM_DEVIATIONS = re.compile(
    rf"\b(?:nominal|target)(?: value| dimension| size)?\s*(?:is|of|=|:|at)?\s*{_N}[^.;?!]{{0,60}}?"
    rf"(?:(?<![\d.])-\s*{_N}{_U}\s*(?:/|,|and)\s*\+\s*{_N}|\+\s*{_N}{_U}\s*(?:/|,|and)\s*-\s*{_N})"
)
# limits passed to software as a pair: "spec.limits = c(1248, 1254)", "limits=(9.5, 10.5)"
_CODE_PAIR = re.compile(
    rf"\b(?:spec(?:ification)?s?[._ ]?limits?|spec(?:ification)?s?|limits|tol(?:erance)?s?)\s*=\s*"
    rf"(?:c\(|\(|\[)\s*{_N}\s*,\s*{_N}\s*[)\]]"
)
_MINMAX = re.compile(
    rf"{_N}{_U}\s*min(?:imum)?\b\.?[\s,;/]*(?:and\s+|to\s+)?{_N}{_U}\s*max(?:imum)?\b"
)
# "the 25 kN min clamp force": a unit between the number and "min" (else "30 min" is minutes)
_MIN_AFTER = re.compile(rf"{_N}\s*(?:[a-zµ°%/]+\.?|°\s?[a-z])\s+min(?:imum)?\b(?!\s*(?:and|to|,))")
_MAX_AFTER = re.compile(
    rf"{_N}{_U}\s*(?:max(?:imum)?\b\.?|or (?:less|lower|below|under)\b|at (?:the )?most\b|tops\b|"
    rf"at (?:a |the )?maximum\b)"
)
# "12 mm with a tolerance of ±0.05", "50 mm (tol. ±0.2)": a number, then its ± tolerance
_NUM_TOL = re.compile(
    rf"{_N}{_U}\s*[,;(]?\s*(?:with\s+|and\s+)?(?:an?\s+|the\s+)?(?:tolerance|tol\.?)"
    rf"(?: band| zone)?\s*(?:is|of|=|:)?{_PM}{_N}"
    # a deviation is said from the nominal, ± or not: "50 with a permitted deviation of 1.5"
    rf"|{_N}{_U}\s*[,;(]?\s*(?:with\s+|and\s+)?(?:an?\s+|the\s+)?(?:max(?:imum)?\s+)?"
    rf"(?:allowed |allowable |permitted |permissible |acceptable )(?:deviation|variation)s?"
    rf"\s*(?:is|of|=|:)?(?:{_PM})?\s*(\d+(?:\.\d+)?|\.\d+)(?![\d.]*{_U}\s*(?:/|,|and)?\s*[-+])"
)
# "tolerance 1 either way": a width said for each side
_EACH_SIDE = re.compile(r"\s*(?:\w+\s*)?(?:either|each|both) (?:way|side|direction)s?\b")
# "in the range [1.5, 3.0]", "limits (0.70; 0.95)": an interval written as a bracketed pair
# (a MATLAB/Julia vector separates by spaces: "capability(x, [23.5 24.5])")
_INTERVAL = re.compile(rf"[\[(]\s*{_N}{_U}\s*[,;]\s*{_N}{_U}\s*[\])]|\[\s*{_N}\s+{_N}\s*\]")
# "50 MPa or more", "500 g or heavier", "4950 and above": the side said after the number
_OR_MORE = re.compile(
    rf"{_N}{_U}\s*(?:or (?:more|greater|higher|above|over|better|heavier|longer|thicker|stronger|"
    rf"larger|bigger|wider|harder)|and (?:above|over|up|higher)|at (?:the )?least|at (?:a |the )?"
    rf"minimum)\b"
)
_OR_LESS = re.compile(
    rf"{_N}{_U}\s*(?:or (?:lighter|shorter|thinner|smaller|narrower|softer|fewer)|"
    rf"and (?:below|under|lower))\b"
)
# the value an index must reach is no specification limit: "Cpk of at least 1.33", "Ppk ≥ 1.67",
# "a Cpk target of 1.33 or more", "1.33 Cpk minimum"
_INDEX_VALUE = re.compile(
    r"\b(?:cpk|ppk|cpm|cp|pp|capability ind(?:ex|ices))\b((?:\s*(?:of|is|=|:|must|should|shall|"
    r"needs?|to|be|at|least|minimum|min|target|above|over|greater|than|or|more|higher|exceeds?|"
    r"exceeding|required|requirement|a|an|the|value|≥|>=|>|reach|meet|achieve)\b)*\s*)"
    r"(\d+(?:\.\d+)?)(?:\s*(?:or (?:more|better|higher|above|greater)|minimum|min\b))?"
    r"|(?<![\d.])(\d\.\d+)\s*(?:cpk|ppk|cpm)\b(?:\s*(?:minimum|min\b))?"
)


# two sides named first, their numbers after in the same order: "LSL, USL = 7.5, 8.5", "upper
# and lower specs are 51 and 49", "min/max: 3.1/3.4"
_SIDE = r"(lsl|usl|lower|upper|low|high|min(?:imum)?|max(?:imum)?)"
_RESPECTIVE = re.compile(
    rf"\b{_SIDE}\s*(?:,|/|&|and)\s*{_SIDE}(\s+(?:spec(?:ification)?s?|limits?|tolerances?|bounds?|"
    rf"spec(?:ification)? limits))?\s*(?:are|were|is|=|:|of|at)?\s*(?:\(|\[)?\s*{_N}{_U}\s*(?:,|/|&|and|;)\s*"
    rf"{_N}(?:\s*(?:,\s*)?respectively)?"
)


def _respective(q: str) -> tuple[float, float] | None:
    """(lsl, usl) from two side words followed by two numbers in the same order."""
    m = _RESPECTIVE.search(q)
    if not m:
        return None
    a, b = (w.startswith(("lsl", "low", "min")) for w in (m.group(1), m.group(2)))
    if a == b:  # "lower and low": no pair of sides
        return None
    named = m.group(3) or {m.group(1), m.group(2)} & {"lsl", "usl"}
    if not named and not re.search(rf"\b(?:{_SPEC_WORD})\b", q):
        return None  # "the min and max were 3.1 and 9.4": a summary, no limits
    x, y = float(m.group(4)), float(m.group(5))
    lo, hi = (x, y) if a else (y, x)
    return (lo, hi) if lo < hi else None


def _side_after(pat: re.Pattern[str], q: str) -> re.Match | None:
    """The first "50 MPa or more" of ``q`` that is no count of things ("5 or more parts")."""
    from havoc_srs.families._spec_scale import _COUNTED

    return next(
        (
            m
            for m in pat.finditer(q)
            if not _COUNTED.match(q, m.end()) and not _COUNTED.match(q, m.end(1))
        ),
        None,
    )


def _mask_index_values(q: str) -> str:
    """Index requirements ("Cpk of at least 1.33") with the number taken out, so that no limit
    reader takes 1.33 for a limit of the measurement."""

    def blank(m: re.Match) -> str:
        return re.sub(r"\d+(?:\.\d+)?", "#", m.group(0))

    return _INDEX_VALUE.sub(blank, q)


_NOMTOL = re.compile(
    rf"\b(?:nominal|target)(?: value| dimension)?\s*(?:is|of|=|:|at)?\s*(?P<n1>{_N}){_U}[\s,;]*(?:with|and)?\s*"
    rf"(?:an?|the)?\s*(?:total\s+)?(?P<w1>{_TOL_NOUN})(?: band| width| zone)?\s*(?:is|of|=|:)?\s*"
    rf"(?P<pm1>±|\+/-)?\s*(?P<h1>{_N})"
    # the nominal after its number: "7.0 nominal; tolerance 0.3 either way"
    rf"|(?P<n3>{_N}){_U}\s*(?:nominal|target)(?: value| dimension)?[\s,;]*(?:with|and)?\s*"
    rf"(?:an?|the)?\s*(?:total\s+)?(?P<w3>{_TOL_NOUN})(?: band| width| zone)?\s*(?:is|of|=|:)?\s*"
    rf"(?P<pm3>±|\+/-)?\s*(?P<h3>{_N})"
    rf"|\b(?:a\s+)?(?:total\s+)?(?P<w2>{_TOL_NOUN})(?: band| width| zone)?\s*(?:is|of|=|:)?\s*(?P<pm2>±|\+/-)?"
    rf"\s*(?P<h2>{_N}){_U}\s*(?:around|about|on|at|for|with)\s*(?:an?|the)?\s*(?:nominal|target)"
    rf"(?: value| dimension)?\s*(?:is|of|=|:|at)?\s*(?P<n2>{_N})"
)
# a deviation is a half-width (the distance from the nominal to either limit); a tolerance
# without ± is the full width of the band
_HALF_NOUN = re.compile(r"deviation|variation")
_TARGET = re.compile(
    rf"\b(?:target(?: value)?|nominal(?: value)?|aim)\s*(?:is|of|=|:|at)?\s*{_N}|{_N}{_U}\s*(?:nominal|target)\b"
)
_TARGET_AFTER_WORD = re.compile(
    rf"\b(?:target(?: value)?|nominal(?: value)?|aim)\s*(?:is|of|=|:|at)?\s*{_N}"
)


_ALGEBRA = re.compile(
    r"\b[a-z]\s*(?:\^|\*\*)\s*\d|[a-z][²³]|\b(?:sin|cos|tan|exp|ln|log|sqrt)\s*\("
)
# "12,00 ± 0,05": a decimal comma (not a thousands separator "1,250" nor a list "4, 6")
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(\d+),(\d{1,2}|\d{4,}|(?<=\b0,)\d+)(?![\d.,])")


# "6 250 kg ± 60", "12 500 to 13 000 N": digits grouped in threes by a (thin) space before a
# unit or a limit sign; not a list of numbers ("4 250 300": a number beside it is a list)
_THOUSANDS = re.compile(
    r"(?<![\d.,])(?<!\d[ ,])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3}){1,2}(?![\d])(?![ ,]\d)"
    r"(?=\s*(?:[a-zµ°%]|±|\+/-|\+-|-|–|to\b|and\b|\)|$|[.;,]\s))"
)
# a limit stated as a multiple of another figure: "four times the 350 bar working pressure",
# "1.5 x the rated 20 kN", "twice the nominal 12 mm"
_TIMES = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?|twice|double|triple)\s*(?:times|x|×)?\s+(?:the|a|an|our|its|their)\s+"
    r"(?:[a-z-]+\s+){0,2}?(\d+(?:\.\d+)?)(?![\d.])"
)


def _product(m: re.Match) -> str:
    k = {"twice": 2.0, "double": 2.0, "triple": 3.0}.get(m.group(1))
    if k is None:
        if not re.search(r"\s*(?:times|x|×)\s", m.group(0)[len(m.group(1)) :]):
            return m.group(0)  # "5 the 20": no multiplication said
        k = float(m.group(1))
    return f"{_r(k * float(m.group(2))):g}"


@dataclass
class Specs:
    lsl: float | None = None
    usl: float | None = None
    target: float | None = None
    strong: bool = False  # written as limits (a range, ±, LSL/USL), not only "at least 50"

    def as_slots(self) -> dict[str, float]:
        out = {"lsl": self.lsl, "usl": self.usl, "target": self.target}
        return {k: v for k, v in out.items() if v is not None}


def _r(x: float) -> float:
    """Limits from nominal +- width without binary noise (18.5 - 1.2 = 17.3)."""
    return round(x, 10)


def _context(q: str, start: int, end: int) -> str:
    return q[max(0, start - 45) : end + 25]


def spec_limits(question: str) -> Specs:
    """The specification limits (and target) the question states; empty when it states none.
    Limits written in words ("within three days", "twenty five kilonewtons") count too."""
    from havoc_srs.families import _spec_words as SW
    from havoc_srs.families.power import _words_to_numbers

    pct = SW.percent_tolerance(question.lower())
    if pct is not None:  # "100 ohm, 1% tolerance": a width in percent of the nominal
        return Specs(lsl=pct[0], usl=pct[1], target=pct[2], strong=True)
    s = _spec_limits(question)
    worded = SW.decimals_in_words(_words_to_numbers(SW.compound_numbers(question.lower())))
    if s.lsl is None and s.usl is None:
        if worded != question.lower():
            s = _spec_limits(worded)
    if s.lsl is None or s.usl is None:  # "NMT 0.30", "80% as the lower limit", "above 2000 fails"
        lo, hi = SW.worded_sides(worded)
        if s.lsl is None and lo is not None and (s.usl is None or lo < s.usl):
            s.lsl, s.strong = lo, True
        if s.usl is None and hi is not None and (s.lsl is None or hi > s.lsl):
            s.usl, s.strong = hi, True
    return s


def _spec_limits(question: str) -> Specs:
    from havoc_srs.families._typos import fix_typos

    q = fix_typos(question.lower().replace("−", "-"))
    q = re.sub(r"\b(?:plus or minus|plus/minus|plus-minus)\b", "±", q)
    q = re.sub(r"(?<=\d)\s+%", "%", q)
    q = _THOUSANDS.sub(lambda m: re.sub(r"\s", "", m.group(0)), q)  # "6 250 kg" -> 6250
    q = _DECIMAL_COMMA.sub(r"\1.\2", q)
    q = _TIMES.sub(_product, q)  # "four times the 350 bar working pressure" -> 1400
    # "≤ 0.05", ">= 40": the signs said as words; "10.0 (+0.2 / -0.1)": deviations unbracketed
    m = _CHAIN.search(q)
    if m and float(m.group(1)) < float(m.group(2)):  # "4.8 ≤ x ≤ 5.2": both limits at once
        return Specs(lsl=float(m.group(1)), usl=float(m.group(2)), strong=True)
    q = re.sub(r"(?:≤|<=)\s*(?=[\d.])", " at most ", q)
    q = re.sub(r"(?:≥|>=)\s*(?=[\d.])", " at least ", q)
    if re.search(r"\b(?:spec\w*|limits?|toleran\w*|cpk|ppk|cp|pp|capab\w*|lsl|usl)\b", q):
        q = re.sub(r"(?<![<\w])<\s*(?=[\d.])", " at most ", q)  # "flatness < 0.05 mm": a limit
        q = re.sub(r"(?<![>\w-])>\s*(?=[\d.])", " at least ", q)  # ("p < 0.05" is no spec)
    q = _mask_index_values(q)
    q = re.sub(r"\(\s*([+-]\s*[\d.]+[^()]{0,20}?)\)", r" \1 ", q)
    s = Specs()
    if _ALGEBRA.search(q) and not re.search(rf"\b({_SPEC_WORD}|cpk?|ppk?|capab\w*)\b", q):
        return s  # "x^2 - 5x + 6" is a polynomial, not 2 nominal minus 5 plus 6
    pair = _respective(q)
    if pair:
        s.lsl, s.usl, s.strong = pair[0], pair[1], True
        return s
    m = _CODE_PAIR.search(q)
    if m and float(m.group(1)) < float(m.group(2)):
        s.lsl, s.usl, s.strong = float(m.group(1)), float(m.group(2)), True
        return s
    m = _NOM_DEVIATIONS.search(q)
    if m:  # "nominal 25.4 ... -0.5 / +0.8": a lower and an upper deviation
        g = m.groups()
        nom = float(g[0])
        lo, hi = (g[1], g[2]) if g[1] is not None else (g[4], g[3])
        s.lsl, s.usl, s.target = _r(nom - abs(float(lo))), _r(nom + abs(float(hi))), nom
        s.strong = True
        return s
    m = _NOMTOL.search(q)
    if m:  # "tolerance of 0.1 around a nominal of 12": a tolerance is the full width unless ±
        i = next(i for i in "123" if m.group("n" + i) is not None)
        nom, pm, w, noun = m.group("n" + i), m.group("pm" + i), m.group("h" + i), m.group("w" + i)
        whole = not (pm or _HALF_NOUN.search(noun) or _EACH_SIDE.match(q, m.end()))
        nom, half = float(nom), abs(float(w)) / (2 if whole else 1)
        if half > 0:
            s.lsl, s.usl, s.target, s.strong = _r(nom - half), _r(nom + half), nom, True
            return s
    m = _NUM_TOL.search(q)
    if m:  # "12 mm with a tolerance of ±0.05": the nominal is the number before "tolerance"
        g = [v for v in m.groups() if v is not None]
        nom, half = float(g[0]), abs(float(g[1]))
        if 0 < half < abs(nom):
            s.lsl, s.usl, s.target, s.strong = _r(nom - half), _r(nom + half), nom, True
            return s
    for m in _INTERVAL.finditer(q):  # "in the range [1.5, 3.0]" beside a limit or range word
        lo, hi = (float(v) for v in m.groups() if v is not None)
        around = _context(q, m.start(), m.end())
        if lo < hi and re.search(rf"\b({_SPEC_WORD}|{_RANGE_WORD}|interval|capab\w*)\b", around):
            s.lsl, s.usl, s.strong = lo, hi, True
            return s
    m = _MINMAX.search(q)
    if m:  # "11.95 min, 12.05 max"
        lo, hi = float(m.group(1)), float(m.group(2))
        if lo < hi:
            s.lsl, s.usl, s.strong = lo, hi, True
            return s
    m = _ASYM.search(q)
    if m:
        g = m.groups()
        if g[0] is not None:
            nom, lo, hi = float(g[0]), float(g[1]), float(g[2])
        else:
            nom, hi, lo = float(g[3]), float(g[4]), float(g[5])
        s.lsl, s.usl, s.target, s.strong = _r(nom - abs(lo)), _r(nom + abs(hi)), nom, True
    for m in [] if s.strong else _PLUSMINUS.finditer(q):
        c, w = float(m.group(1)), abs(float(m.group(2)))
        if w > 0:
            s.lsl, s.usl, s.target, s.strong = _r(c - w), _r(c + w), c, True
            break
    for m in [] if s.strong else _WIDTH_FIRST.finditer(q):
        g = m.groups()
        w, c = (
            (abs(float(g[0])), float(g[1])) if g[0] is not None else (abs(float(g[2])), float(g[3]))
        )
        if 0 < w < abs(c):
            s.lsl, s.usl, s.target, s.strong = _r(c - w), _r(c + w), c, True
            break
    for m in [] if s.strong else _RANGE.finditer(q):
        lo, hi = float(m.group(1)), float(m.group(2))
        around = _context(q, m.start(), m.end())
        if lo < hi and re.search(rf"\b({_SPEC_WORD})\b", around):
            s.lsl, s.usl, s.strong = lo, hi, True
            break
        if lo < hi and s.lsl is None and re.search(rf"\b({_RANGE_WORD})\b", around):
            s.lsl, s.usl = lo, hi
    if s.lsl is None and s.usl is None:
        lo_m = _LSL.search(q) or _MIN_AFTER.search(q) or _side_after(_OR_MORE, q)
        hi_m = _USL.search(q) or _side_after(_MAX_AFTER, q) or _side_after(_OR_LESS, q)
        s.lsl = float(lo_m.group(1)) if lo_m else None
        s.usl = float(hi_m.group(1)) if hi_m else None
        named = r"\b(lsl|usl|lower spec|upper spec|lower limit|upper limit|spec)"
        s.strong = bool(re.search(named, q)) and (s.lsl is not None or s.usl is not None)
        if s.lsl is not None and s.usl is not None and s.lsl >= s.usl:
            s.lsl = s.usl = None
    if s.target is None:
        # "LSL 45 USL 55 target 50": the number after the word wins over one ahead of it
        t = _TARGET_AFTER_WORD.search(q) or _TARGET.search(q)
        if t:
            s.target = float(t.group(1) if t.group(1) is not None else t.group(2))
    return s
