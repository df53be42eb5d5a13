"""Columns named by the table's structure rather than by their header words: a number of
groups ("did the four hospitals enrol men and women alike?" on ``site`` with four levels) or a
unit ("the length of a workout in hours" on ``Session_Duration (hours)``).

A count before a noun phrase that names no column points at the one grouping column with that
many levels; a unit after "in" points at the one column whose header carries that unit in
brackets. Either holds only when exactly one column fits, so the table decides, not a word list.

>>> import pandas as pd
>>> from havoc_srs.data import Dataset
>>> ds = Dataset.from_frame(pd.DataFrame({"site": list("ABCD") * 5, "sex": list("MF") * 10,
...                                       "Stay (days)": range(20), "Cost (USD)": range(20)}))
>>> [m.column for m in counted_mentions("Did the four hospitals treat men alike?", ds, [])]
['site']
>>> [m.column for m in unit_mentions("Is the stay in days tied to age?", ds, [])]
['Stay (days)']
"""

from __future__ import annotations

import re
from typing import Any

from havoc_srs.reader.columns import Mention
from havoc_srs.reader.text import STOP, tokens

_COUNTS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
# nouns a count qualifies that are no groups of rows ("two decimals", "three columns")
_NOT_GROUPS = frozenset(
    "decimal decimals digit digits place places figure figures column columns variable "
    "variables row rows time times question questions test tests method methods way ways "
    "measurement measurements reading readings sample samples value values number numbers "
    "year years month months week weeks day days hour hours minute minutes second seconds "
    "decade decades percent point points sd sds standard sigma item items thing things "
    "score scores length lengths side sides tail tails measure measures statistic statistics "
    "stats number numbers summary summaries quartile quartiles decile deciles".split()
)
# words before a count that make it a rank or a size, not a number of groups ("top three")
_RANKS = frozenset("top first last past next previous bottom every each only".split())
_MAX_LEVELS = 12


def _grouping(ds: Any) -> list[str]:
    """Label columns and whole-number columns of a few levels (codes such as block 1-6)."""
    out = [c for c in ds.labels if 2 <= ds.n_levels(c) <= _MAX_LEVELS]
    for c in ds.numeric:
        x = ds.frame[c].dropna()
        if 2 <= x.nunique() <= _MAX_LEVELS and len(x) >= 3 * x.nunique() and (x % 1 == 0).all():
            out.append(c)
    return out


def counted_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """The grouping column a count of groups names (see the module doc)."""
    if ds is None or getattr(ds, "name", "") == "question":
        return []
    toks = tokens(question)
    taken = {m.column for m in found}
    out: list[Mention] = []
    for i, t in enumerate(toks[:-1]):
        k = _COUNTS.get(t.text)
        if k is None or (i and toks[i - 1].text in _RANKS):
            continue
        nouns = [n for n in toks[i + 1 : i + 3] if n.text not in _NOT_GROUPS]
        head = toks[i + 1 : i + 3]
        if (
            not nouns
            or any(n.text in _NOT_GROUPS for n in head[:1])
            or any(m.start < head[-1].end and head[0].start < m.end for m in found)
        ):
            continue  # no noun, a noun of no groups, or the phrase names a column already
        fits = [c for c in _grouping(ds) if ds.n_levels(c) == k]
        if len(fits) == 1 and fits[0] not in taken:
            c = fits[0]
            out.append(Mention(c, t.start, head[-1].end, 0.8, how=f"{k} groups: {c} has {k}"))
            taken.add(c)
    return out


# unit words -> one spelling; a header's unit in brackets is read the same way
_UNITS = {
    "hours": "h", "hour": "h", "hrs": "h", "hr": "h", "h": "h",
    "minutes": "min", "minute": "min", "mins": "min", "min": "min",
    "seconds": "s", "second": "s", "secs": "s", "sec": "s", "s": "s",
    "milliseconds": "ms", "millisecond": "ms", "ms": "ms", "days": "d", "day": "d",
    "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "kg": "kg", "grams": "g", "g": "g",
    "pounds": "lb", "lbs": "lb", "lb": "lb", "metres": "m", "meters": "m", "metre": "m",
    "meter": "m", "m": "m", "centimetres": "cm", "centimeters": "cm", "cm": "cm",
    "millimetres": "mm", "millimeters": "mm", "mm": "mm", "kilometres": "km", "kilometers": "km",
    "km": "km", "miles": "mi", "mile": "mi", "mi": "mi", "mph": "mph", "kph": "km/h",
    "km/h": "km/h", "kmh": "km/h", "fahrenheit": "f", "f": "f", "celsius": "c", "c": "c",
    "percent": "%", "percentage": "%", "%": "%", "pct": "%", "liters": "l", "litres": "l",
    "liter": "l", "litre": "l", "l": "l", "dollars": "usd", "usd": "usd", "$": "usd",
    "euros": "eur", "eur": "eur", "€": "eur", "inches": "in", "inch": "in", "in": "in",
    "feet": "ft", "ft": "ft", "kwh": "kwh", "calories": "kcal", "kcal": "kcal", "bpm": "bpm",
}  # fmt: skip
_IN_UNIT = re.compile(
    r"\b(?:in|as|measured in|expressed in|given in|recorded in|how many|how much)\s+(?:the\s+)?"
    r"(?:degrees\s+)?(km/h|miles per hour|[a-z$€%]+)\b",
    re.I,
)


def _header_unit(column: str) -> str | None:
    """The unit of a header, in brackets ("Yield (kg)") or as its last word ("MilkYield_kg")."""
    m = re.search(r"[\(\[]\s*([^\)\]/]{1,12}?)\s*[\)\]]", str(column))
    if not m:
        from havoc_srs.reader.text import split_name

        words = split_name(str(column))
        last = words[-1] if len(words) >= 2 else ""
        return _UNITS.get(last) if len(last) >= 2 else None  # not "s", "m", "c" alone
    u = m.group(1).strip().lower().removeprefix("°")
    return _UNITS.get(u)


def unit_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """The one column whose bracketed unit the question gives ("in hours"), when no column
    is named at that place (see the module doc)."""
    if ds is None or getattr(ds, "name", "") == "question":
        return []
    taken = {m.column for m in found}
    units = {c: _header_unit(c) for c in ds.numeric}
    out: list[Mention] = []
    for m in _IN_UNIT.finditer(question):
        word = m.group(1).lower()
        unit = _UNITS.get("mph" if word == "miles per hour" else word)
        if unit is None or unit == "in" and word == "in":
            continue
        fits = [c for c, u in units.items() if u == unit]
        if len(fits) != 1 or fits[0] in taken:
            continue
        if any(f.start < m.end() and m.start() < f.end for f in found):
            continue
        out.append(Mention(fits[0], m.start(), m.end(), 0.8, how=f"unit {m.group(0)!r}"))
        taken.add(fits[0])
    return out


# a rate's denominator said in words ("production per square metre", "mites per 100 bees");
# not a time ("per hour" is a speed's as often as a count's)
_PER_WORDS = re.compile(
    r"\bper\s+(square\s+met(?:re|er)s?|sq\.?\s*m\b|m2|m²|hectares?|ha|acres?|litres?|"
    r"liters?|kilomet(?:re|er)s?|km|100\s+[a-z]+|1000\s+[a-z]+|thousand\s+[a-z]+)\b",
    re.I,
)
_DENOMINATORS = {
    "square metre": "m2", "square metres": "m2", "square meter": "m2", "square meters": "m2",
    "sq m": "m2", "sq. m": "m2", "sqm": "m2", "m2": "m2", "m²": "m2", "hectare": "ha",
    "hectares": "ha", "ha": "ha", "acre": "acre", "acres": "acre", "litre": "l", "litres": "l", "liter": "l", "liters": "l", "l": "l",
    "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km", "km": "km",
}  # fmt: skip


def _denominator(text: str) -> str | None:
    t = " ".join(text.lower().replace("thousand", "1000").split())
    if re.match(r"10+ [a-z]+", t):  # "100 bees": the count and the thing counted, singular
        n, thing = t.split(" ", 1)
        return f"{n} {thing.removesuffix('s')}"
    return _DENOMINATORS.get(t)


def _header_denominator(column: str) -> str | None:
    """The denominator of a rate in a header: "Yield kg/m2" -> m2, "Varroa /100 bees" -> 100
    bee, "cost_per_ha" -> ha."""
    c = str(column)
    m = re.search(r"/\s*(\d*\s*[A-Za-z²0-9]+(?:\s+[A-Za-z]+)?)\s*\)?\s*$", c) or re.search(
        r"(?:^|[_\s])per[_\s]([A-Za-z0-9²]+)$", c, re.I
    )
    return _denominator(m.group(1).replace("_", " ")) if m else None


def per_unit_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """The one numeric column whose header is a rate over the denominator the question says
    ("production per square metre" on ``Yield kg/m2``), when no column is named there."""
    if ds is None or getattr(ds, "name", "") == "question":
        return []
    taken = {m.column for m in found}
    dens = {c: _header_denominator(c) for c in ds.numeric}
    out: list[Mention] = []
    for m in _PER_WORDS.finditer(question):
        den = _denominator(m.group(1))
        fits = [c for c, d in dens.items() if d is not None and d == den]
        if den is None or len(fits) != 1 or fits[0] in taken:
            continue
        if any(f.start < m.end() and m.start() < f.end for f in found):
            continue
        out.append(Mention(fits[0], m.start(), m.end(), 0.8, how=f"rate {m.group(0)!r}"))
        taken.add(fits[0])
    return out


_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and|or)?|/|\band\b|\bor\b|\bvs\.?\b|\bversus\b)\s*", re.I)
_LIST = re.compile(
    r"[A-Za-z][\w' -]*(?:(?:\s*,\s*(?:and|or)?|\s*/|\s+(?:and|or))\s*[A-Za-z][\w' -]*)+"
)


def initial_code_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """A column of one-letter codes named by spelling its levels out: "home wins, draws and
    away wins" on FTR coded H / D / A. The list's items, read by their first letters, must be
    exactly the column's codes, and only one column may have them."""
    if ds is None or getattr(ds, "name", "") == "question":
        return []
    coded: dict[frozenset[str], list[str]] = {}
    for c in ds.labels:
        vals = {str(v).strip() for v in ds.frame[c].dropna().unique()}
        if 2 <= len(vals) <= 6 and all(len(v) == 1 and v.isalpha() for v in vals):
            coded.setdefault(frozenset(v.upper() for v in vals), []).append(c)
    if not coded:
        return []
    taken = {m.column for m in found}
    out: list[Mention] = []
    for seg in re.split(r"[();:?!.]", question):
        for lst in _LIST.finditer(seg):
            items = [i.split() for i in _SEPARATOR.split(lst.group(0)) if i.strip()]
            hit: tuple[list[str], list[list[str]]] = ([], [])
            for k in range(2, min(6, len(items)) + 1):
                for a in range(len(items) - k + 1):
                    if not hit[0]:
                        hit = _spelled(items[a : a + k], coded)
            cols, words = hit
            if len(cols) == 1 and cols[0] not in taken:
                base = question.find(lst.group(0))
                start = question.find(words[0][0], base)
                last = question.find(" ".join(words[-1]), start + len(words[0][0]))
                end = last + len(" ".join(words[-1])) if last >= 0 else start + len(words[0][0])
                codes = "/".join(w[0][0].upper() for w in words)
                out.append(Mention(cols[0], start, end, 0.9, how=f"codes {codes} spelled out"))
                taken.add(cols[0])
    return out


def _spelled(
    items: list[list[str]], coded: dict[frozenset[str], list[str]]
) -> tuple[list[str], list[list[str]]]:
    """The coded columns whose codes are the first letters of ``items`` (the first item read
    from its last word or two, the last from its first two, the middle ones short)."""
    if any(len(i) > 3 for i in items[1:-1]):
        return [], []
    for first in (items[0][-1:], items[0][-2:]):
        words = [first, *items[1:-1], items[-1][:2]]
        words = [[w for w in i if w.lower() not in STOP] or i for i in words]
        initials = frozenset(i[0][0].upper() for i in words)
        if len(initials) == len(words) and initials in coded:
            return coded[initials], words
    return [], []


_NUMBER_UNITS = re.compile(
    r"\b(\d+(?:\.\d+)?)((?:\s*(?:,|and|or|vs\.?|versus|against|to|with)\s*(?:at\s+|those\s+at\s+)?"
    r"\d+(?:\.\d+)?)+)\s*([a-z%]+)\b",
    re.I,
)


def unit_value_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """Levels of a numeric column given with its unit: "cubes tested at 28 and at 90 days" on
    ``Age (day)`` holding 28 and 90; "40 mm versus 300 mm" on a thickness column already named.
    Every number must be a value of the column, and only one column may fit."""
    if ds is None or getattr(ds, "name", "") == "question":
        return []
    named = {m.column for m in found if m.kind == "column"}
    out: list[Mention] = []
    text = re.sub(r"(\d)\s*(mm|cm|kg|g|m|s|h|days?|°c|c)\b(?=\s*(?:,|and|or|vs|versus|to)\s*\d)",
                  r"\1", question, flags=re.I)  # fmt: skip  # "40 mm versus 300 mm"
    for m in _NUMBER_UNITS.finditer(text):
        nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", m.group(0))]
        unit = _UNITS.get(m.group(3).lower()) or _UNITS.get(m.group(3).lower().rstrip("s"))
        if unit is None or len(set(nums)) < 2:
            continue
        fits = []
        for c in ds.numeric:
            x = ds.frame[c].dropna()
            if x.nunique() > 50 or not set(nums) <= set(x.astype(float)):
                continue
            if _header_unit(c) == unit or c in named:
                fits.append(c)
        if len(fits) != 1:
            continue
        c = fits[0]
        for raw in re.finditer(r"\d+(?:\.\d+)?", question):
            v = float(raw.group(0))
            if v in nums and not any(f.start <= raw.start() < f.end for f in found + out):
                value = next(u for u in ds.frame[c].dropna().unique() if float(u) == v)
                out.append(Mention(c, raw.start(), raw.end(), 0.9, kind="value", value=value,
                                   how=f"{raw.group(0)} {m.group(3)}: a level of {c}"))  # fmt: skip
    return out


# units that are no English word, so written anywhere they name a quantity measured in them:
# a unit with a slash ("km/h", "mg/L", "m/s"), a code ("kWh", "ppm", "rpm", "dB")
_CODE_UNITS = frozenset(
    "kwh mwh wh ppm ppb rpm bpm db dba mph kph kmh psi mpa kpa ntu mah mmhg".split()
)


def _unit_key(text: str) -> str:
    return re.sub(r"[\s()\[\]°]", "", text.lower())


def written_unit_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """The one column whose bracketed unit the question writes as such ("serve km/h vs aces"
    on ``1st Serve Speed (km/h)``, "the mg/L of free chlorine"), for units that are no word of
    English: one with a slash, or a code of ``_CODE_UNITS``. The header's own word just before
    the unit ("serve km/h") is part of the mention."""
    if ds is None or getattr(ds, "name", "") == "question":
        return []
    from havoc_srs.reader.text import split_name

    by_unit: dict[str, list[str]] = {}
    for c in ds.numeric:
        for u in re.findall(r"[\(\[]\s*([^\)\]]{1,12}?)\s*[\)\]]", str(c)):
            key = _unit_key(u)
            if "/" in key or key in _CODE_UNITS:
                by_unit.setdefault(key, []).append(c)
    taken = {m.column for m in found if m.kind == "column"}
    out: list[Mention] = []
    for key, cols in by_unit.items():
        if len(cols) != 1 or cols[0] in taken:
            continue
        pat = r"\s*/\s*".join(re.escape(p) for p in key.split("/"))
        hit = re.search(rf"(?<![\w/]){pat}(?![\w/])", question, re.I)
        if hit is None:
            continue
        start = hit.start()
        before = re.search(r"([A-Za-z]+)\s+$", question[:start])
        if before and before.group(1).lower() in split_name(re.sub(r"[\(\[].*", "", cols[0])):
            start = before.start(1)  # "serve km/h": the header's word and its unit
        if any(f.kind == "column" and f.start <= hit.start() < f.end for f in found):
            continue
        out.append(Mention(cols[0], start, hit.end(), 0.92, how=f"unit {hit.group(0)!r} written"))
        taken.add(cols[0])
    return out
