"""Specification limits in the words people use when they do not write "LSL" or "USL":
a tolerance in percent of a nominal ("100 ohm, 1% tolerance", "50 V ±2%"), pharmacopoeia
shorthand ("NMT 0.30 %", "NLT 98.0"), the number before its role ("Q = 80% as the lower
limit"), a failure condition ("wearing faster than 0.95 counts as a failure", "anything above
2000 bar we flag"), a decimal said in words ("ninety-nine point zero minimum"), limits in
another language ("tolerancia de 11 a 13") and a limit whose side the question does not say
("the drawing-tower limit of 0.20 dB/km": ``bare``, placed by the data).

>>> percent_tolerance("chip resistors of nominal value 100 ohm and 1% tolerance")
(99.0, 101.0, 100.0)
>>> worded_sides("limit nmt 0.30 %")
(None, 0.3)
"""

from __future__ import annotations

import re

_N = r"(\d+(?:\.\d+)?|\.\d+)"
_U = r"(?:\s*(?:[a-zµ°Ω/]+\.?|°\s?[a-z]))?"

_PCT_TOL = [
    # "nominal value 100 ohm and 1% tolerance", "rated 50 v with a 2 % tolerance"
    re.compile(
        rf"\b(?:nominal|target|rated)(?: value)?(?: of| is| =|:)?\s*{_N}{_U}\s*[,;]?\s*(?:and|with)?"
        rf"\s*(?:an?\s+|the\s+)?(?:±|\+/-|\+-)?\s*{_N}\s*%\s*(?:tolerance|tol\b)"
    ),
    # "50 v ±2%", "100 ohm +/- 1 %" (a width in percent is a fraction of the nominal)
    re.compile(rf"(?<![\d.]){_N}{_U}\s*(?:±|\+/-|\+-|plus or minus)\s*{_N}\s*%"),
    # "a 5% tolerance on the 200 mm nominal"
    re.compile(
        rf"(?:±|\+/-)?\s*{_N}\s*%\s*(?:tolerance\s+)?(?:of|on|around|about)\s+(?:the\s+|a\s+)?"
        rf"(?:nominal|target)(?: value)?\s*(?:of\s+)?{_N}",
    ),
    # "a 2% tolerance on the 250 mm nominal"
    re.compile(
        rf"(?:±|\+/-)?\s*{_N}\s*%\s*tolerance\s+(?:of|on|around|about)\s+(?:the\s+|a\s+)?"
        rf"{_N}{_U}\s+(?:nominal|target)\b",
    ),
]


def percent_tolerance(q: str) -> tuple[float, float, float] | None:
    """(lsl, usl, nominal) for a tolerance written in percent of the nominal."""
    for i, pat in enumerate(_PCT_TOL):
        m = pat.search(q)
        if not m:
            continue
        nom, pct = (float(m.group(2)), float(m.group(1))) if i >= 2 else (
            float(m.group(1)), float(m.group(2))
        )  # fmt: skip
        if nom > 0 and 0 < pct < 100:
            w = nom * pct / 100
            return round(nom - w, 10), round(nom + w, 10), nom
    return None


_DIGIT_WORDS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4",
                "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}  # fmt: skip


def decimals_in_words(q: str) -> str:
    """'ninety-nine point zero' -> '99.0', '0 point 3' -> '0.3' (after the whole-number words
    were turned into digits by the caller)."""
    digit = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|\d)"

    def glue(m: re.Match) -> str:
        tail = "".join(_DIGIT_WORDS.get(w, w) for w in m.group(2).split())
        return f"{m.group(1)}.{tail}"

    return re.sub(rf"\b(\d+) point ((?:{digit})(?:\s{digit})*)\b", glue, q)


_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}  # fmt: skip
_TENS_W = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}  # fmt: skip
_NUMWORD = "|".join([*_SMALL, *_TENS_W, "hundred", "thousand"])
_COMPOUND = re.compile(
    rf"\b(?:(?:a|{_NUMWORD})[- ])?(?:{_NUMWORD})(?:(?:[- ]|\s+and\s+)(?:{_NUMWORD}))*\b"
)


def compound_numbers(q: str) -> str:
    """Whole numbers said with "hundred" or "thousand" ("one hundred eighty" -> "180", "six
    thousand two hundred and fifty" -> "6250", "a hundred and twenty" -> "120"); number words
    without them are left to the word-by-word reading."""

    def value(m: re.Match) -> str:
        words = [w for w in re.split(r"[- ]+|\s+and\s+", m.group(0)) if w and w != "and"]
        if not {"hundred", "thousand"} & set(words):
            return m.group(0)
        total = cur = 0
        for w in words:
            if w == "a":
                cur = 1
            elif w in _SMALL:
                cur += _SMALL[w]
            elif w in _TENS_W:
                cur += _TENS_W[w]
            elif w == "hundred":
                cur = (cur or 1) * 100
            else:  # thousand
                total, cur = total + (cur or 1) * 1000, 0
        return str(total + cur)

    return _COMPOUND.sub(value, q)


_SIDE_AFTER = re.compile(
    # "Q = 80% as the lower limit", "88 % is the minimum", "0.2 as our upper spec"
    rf"{_N}\s*%?{_U}\s*(?:as|is|for|=|being)\s+(?:the\s+|our\s+|a\s+|an\s+|its\s+)?"
    r"(lower|upper|min(?:imum)?|max(?:imum)?)\s*(?:spec(?:ification)?\s+|tolerance\s+|release\s+|"
    r"acceptance\s+)?(?:limit|spec|bound|value)?\b"
)
# the side in brackets or after the number: "7.5 (lower) and 8.5 (upper)", "49 (min)", "58 HRC
# lower / 62 HRC upper" (not "5 lower than")
_SIDE_WORD = r"(lower|upper|low|high|min(?:imum)?|max(?:imum)?|lsl|usl)"
_SIDE_BRACKET = re.compile(rf"{_N}\s*%?{_U}\s*[(\[]\s*{_SIDE_WORD}\b[^()\[\]]{{0,20}}[)\]]")
_SIDE_TRAIL = re.compile(
    rf"{_N}\s*%?{_U}\s+(lower|upper)(?:\s+(?:spec\w*|limits?|bounds?|tolerances?|ends?))?"
    r"(?=\s*(?:[/,;.)]|and\b|or\b|only\b|$))"
)
# a side word whose noun is left out, in limit talk: "an upper of 10.05", "the lower is 9.95",
# "lower = 49, upper = 51", "upper spec only, at 0.8"
_SIDE_ELIDED = re.compile(
    rf"(?:\b(?:an?|the|its|our)\s+(lower|upper)\s*(?:one\s*)?(?:is|of|=|:|at|being)?\s*{_N}(?![\d.]*\s*%\s*of)"
    rf"|\b(lower|upper)\s*[=:]\s*{_N}"
    rf"|\b(lower|upper)(?:\s+(?:spec\w*|limits?|bounds?|tolerances?))?\s*,?\s+only\s*[,:]?\s*"
    rf"(?:at|of|is|=)?\s*{_N})"
)
_LIMIT_TALK = re.compile(
    r"\b(?:spec\w*|limits?|toleran\w*|bounds?|cpk|ppk|cp|pp|capab\w*|lsl|usl|window)\b"
)
# the ends of a confidence or prediction interval are no specification limits
_INTERVAL_TALK = re.compile(
    r"\b(?:confidence|credible|prediction|tolerance interval|ci)\b|\binterval\b"
)
_MINIMUM_AFTER = re.compile(rf"{_N}\s*%?{_U}\s+(minimum|maximum)\b")
_NMT = re.compile(rf"\bnmt\s*(?:of\s+)?{_N}")
_NLT = re.compile(rf"\bnlt\s*(?:of\s+)?{_N}")
_FAIL = (
    r"(?:fail\w*|reject\w*|flag\w*|defect\w*|defective|scrap\w*|out of spec\w*|nonconform\w*|"
    r"non-conform\w*|bad|no good|too (?:high|low|much|little|fast|slow))"
)
_OVER = (
    r"(?:above|over|more than|greater than|higher than|exceed\w*|faster than|beyond|"
    r"in excess of|heavier than|longer than|thicker than|bigger than|larger than|wider than|"
    r"taller than|hotter than|stronger than|harder than|louder than)"
)
_UNDER = (
    r"(?:below|under|less than|lower than|slower than|shorter than|thinner than|lighter than|"
    r"smaller than|short of|narrower than|cooler than|colder than|weaker than|softer than)"
)
_FAIL_AFTER = r"[^.;?!]{0,60}?\b(?:count\w* as|is|are|=|means?|gets?|we|get|will be|would be)\s+"
_FAIL_AFTER += r"(?:an?\s+|also\s+|the\s+)*" + _FAIL
_OVER_FAILS = re.compile(rf"\b{_OVER}\s+{_N}(?!\s*%\s*of){_FAIL_AFTER}")
_UNDER_FAILS = re.compile(rf"\b{_UNDER}\s+{_N}(?!\s*%\s*of){_FAIL_AFTER}")
# the side that passes, said as the failure condition is ("below 5.2 mm is OK", "anything
# above 40 N passes")
_OK = (
    r"(?:ok|okay|fine|acceptable|accepted|good|a pass|pass\w*|in spec\w*|within spec\w*|conforming)"
)
_OK_AFTER = (
    rf"[^.;?!]{{0,40}}?\b(?:(?:is|are|=|counts? as|means?|will be|would be)\s+(?:still\s+)?{_OK}|"
    r"pass(?:es|ed)?)\b(?=\s*(?:[.,;:!?)]|$|and\b|but\b|while\b|whereas\b|for\s+(?:us|the|our)\b))"
)
_UNDER_OK = re.compile(rf"\b{_UNDER}\s+{_N}(?!\s*%\s*of){_OK_AFTER}")
_OVER_OK = re.compile(rf"\b{_OVER}\s+{_N}(?!\s*%\s*of){_OK_AFTER}")
_FAILS_OVER = re.compile(rf"\b{_FAIL}\s+(?:if|when|whenever|once)\s+(?:it\s+|they\s+)?(?:is\s+|are\s+|goes\s+|reads?\s+)?{_OVER}\s+{_N}")  # fmt: skip
_FAILS_UNDER = re.compile(rf"\b{_FAIL}\s+(?:if|when|whenever|once)\s+(?:it\s+|they\s+)?(?:is\s+|are\s+|goes\s+|reads?\s+)?{_UNDER}\s+{_N}")  # fmt: skip
_FOREIGN_RANGE = re.compile(
    rf"\b(?:tolerancia|especificaci[oó]n|l[ií]mites?|toleranz|spezifikation|tol[ée]rance|"
    rf"sp[ée]cification|toleranza|specifica)\s*(?:de|del|entre|von|zwischen|:|es|est|di|tra)?\s*"
    rf"{_N}{_U}\s*(?:a|y|-|–|bis|und|à|et|hasta|e)\s*{_N}"
)
_BARE = re.compile(
    rf"\b(?:limit|spec(?:ification)?|requirement|threshold)(?:\s+(?:is|of|=|at|:))+\s*{_N}"
)
_SIDED = re.compile(
    r"\b(?:lower|upper|min\w*|max\w*|lsl|usl|at least|at most|no more|no less|not more|not less|"
    r"above|below|over|under|exceed\w*|nmt|nlt)\b"
)


def worded_sides(q: str) -> tuple[float | None, float | None]:
    """(lsl, usl) from the wordings of the module doc that give a side; (None, None) if none."""
    lsl = usl = None
    m = _NMT.search(q)
    if m:
        usl = float(m.group(1))
    m = _NLT.search(q)
    if m:
        lsl = float(m.group(1))
    for m in _SIDE_AFTER.finditer(q):
        v, side = float(m.group(1)), m.group(2)
        if side.startswith(("lower", "min")):
            lsl = v if lsl is None else lsl
        else:
            usl = v if usl is None else usl
    for m in _SIDE_BRACKET.finditer(q):
        v, lower = float(m.group(1)), m.group(2).startswith(("low", "min", "lsl"))
        if lower and lsl is None:
            lsl = v
        elif not lower and usl is None:
            usl = v
    if _LIMIT_TALK.search(q) and not _INTERVAL_TALK.search(q):
        for pat in (_SIDE_TRAIL, _SIDE_ELIDED):
            for m in pat.finditer(q):
                g = [x for x in m.groups() if x is not None]
                side, v = (g[1], float(g[0])) if pat is _SIDE_TRAIL else (g[0], float(g[1]))
                if side == "lower" and lsl is None:
                    lsl = v
                elif side == "upper" and usl is None:
                    usl = v
    for m in _MINIMUM_AFTER.finditer(q):  # "99.0 minimum" (a whole word: "30 min" is time)
        if m.group(2) == "minimum" and lsl is None:
            lsl = float(m.group(1))
        elif m.group(2) == "maximum" and usl is None:
            usl = float(m.group(1))
    m = _OVER_FAILS.search(q) or _FAILS_OVER.search(q)
    if m and usl is None:
        usl = float(m.group(1))
    m = _UNDER_FAILS.search(q) or _FAILS_UNDER.search(q)
    if m and lsl is None:
        lsl = float(m.group(1))
    m = _UNDER_OK.search(q)
    if m and usl is None:
        usl = float(m.group(1))
    m = _OVER_OK.search(q)
    if m and lsl is None:
        lsl = float(m.group(1))
    m = _FOREIGN_RANGE.search(q.replace(",", "."))
    if m and lsl is None and usl is None and float(m.group(1)) < float(m.group(2)):
        lsl, usl = float(m.group(1)), float(m.group(2))
    if lsl is not None and usl is not None and lsl >= usl:
        return None, None
    return lsl, usl


def bare_limit(q: str) -> float | None:
    """A single limit with no side in the words ("against the drawing-tower limit of 0.20");
    None when the question says which side anywhere."""
    hits = _BARE.findall(q)
    if len(hits) != 1 or _SIDED.search(q):
        return None
    return float(hits[0])
