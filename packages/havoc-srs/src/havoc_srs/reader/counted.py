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


# a unit used as the noun of its quantity ("the median kilos per tree", "IQR of the gf values",
# "the cubic metres sawn"): not after a number ("20 kg" is a value) or as a rate's denominator
# ("per kilo", "a litre"); time units are read by ``unit_mentions`` ("in hours", "how many days")
_NOT_NOUN_BEFORE = frozenset("per a an each every one".split())
_TIME_UNITS = frozenset("h hr hrs min s sec ms d days day wk mo yr".split())
# "power" of a test is no wattage
_TEST_POWER = re.compile(
    r"\b(?:statistical power|power analysis|power calculation|power of (?:the|a|this|my) test|"
    r"\d+\s*%\s*power|power\s*(?:=|of)\s*0?\.\d)",
    re.I,
)


def _units_by_column(ds: Any) -> dict[str, list[str]]:
    from havoc_srs.families._unit_words import header_units

    return {c: header_units(c) for c in ds.numeric}


def _pick(cands: list[str], toks: list[Any], skip: set[int]) -> list[tuple[str, int | None]]:
    """The candidate columns the question means, each with the token of its own word (None for
    a lone candidate): the one candidate, or those whose own words (not their unit) the
    question uses elsewhere ("download speed after the retune" on ``DL Mbps pre`` / ``DL Mbps
    post``; "speed pre vs post": both), each by a word of its own."""
    from havoc_srs.families._unit_words import header_units
    from havoc_srs.reader.text import split_name, word_match

    if len(cands) == 1:
        return [(cands[0], None)]
    hits: dict[str, set[int]] = {}
    for c in cands:
        units = set(header_units(c))
        words = split_name(re.sub(r"[\(\[].*?[\)\]]", " ", str(c)))
        shared = {w for w in words if all(w in split_name(str(o)) for o in cands)}
        own = [w for w in words if w not in units and w not in shared]
        at = {
            k
            for k, t in enumerate(toks)
            if k not in skip and any(word_match(t.text, w) >= 0.85 for w in own)
        }
        if at:
            hits[c] = at
    # each column by a word no other candidate claims
    out = []
    for c, at in hits.items():
        mine = at - set().union(*(v for o, v in hits.items() if o != c))
        if mine:
            out.append((c, min(mine)))
    return out


def unit_noun_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """The numeric column whose unit the question uses as the noun of the quantity (see
    ``_NOT_NOUN_BEFORE``), when one column carries that unit (or one of them has the question's
    other words) and no column is named at that place."""
    if ds is None or getattr(ds, "name", "") == "question":
        return []
    from havoc_srs.families._unit_words import spelled_unit_key

    toks = tokens(question)
    units = _units_by_column(ds)
    taken = {m.column for m in found if m.kind == "column"}
    out: list[Mention] = []
    for i, t in enumerate(toks):
        two = f"{t.text} {toks[i + 1].text}" if i + 1 < len(toks) else ""
        key, end = (spelled_unit_key(two), i + 1) if two else ("", i)
        if not key:
            key, end = spelled_unit_key(t.text), i
        if not key or key in _TIME_UNITS:
            continue
        before = question[max(0, t.start - 2) : t.start]
        if i and (toks[i - 1].text in _NOT_NOUN_BEFORE or toks[i - 1].text[:1].isdigit()):
            continue
        if re.search(r"[\d/]\s*$", before):
            continue
        span = (t.start, toks[end].end)
        if any(f.start < span[1] and span[0] < f.end for f in found if f.kind == "column"):
            continue
        cands = [c for c, us in units.items() if key in us]
        for c, k in _pick(cands, toks, set(range(i, end + 1))) if cands else []:
            if c in taken:
                continue
            at = span if k is None else (toks[k].start, toks[k].end)
            out.append(Mention(c, at[0], at[1], 0.82, how=f"unit {key!r} as the quantity"))
            taken.add(c)
    return out


def measured_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """The numeric column whose unit measures the quantity the question names ("average power"
    on ``AvgWatts``, "signal strength" on ``RSRP (dBm)``, "sugar content" on ``Brix (°Bx)``,
    "salt" on ``Salinity_psu``), when one column's unit measures it (or one of them has the
    question's other words) and no column is named at that place or by that word."""
    if ds is None or getattr(ds, "name", "") == "question":
        return []
    from havoc_srs.families._unit_words import unit_quantities
    from havoc_srs.reader.text import split_name, stem

    measures: dict[str, set[str]] = {}
    for c, us in _units_by_column(ds).items():
        for u in us:
            for q in unit_quantities(u):
                measures.setdefault(stem(q), set()).add(c)
    if not measures:
        return []
    header_words = {stem(w) for c in ds.frame.columns for w in split_name(str(c))}
    toks = tokens(question)
    taken = {m.column for m in found if m.kind == "column"}
    out: list[Mention] = []
    for i, t in enumerate(toks):
        s = stem(t.text)
        if s not in measures or s in header_words or t.text in STOP:
            continue
        if t.text == "power" and _TEST_POWER.search(question):
            continue
        if any(f.start < t.end and t.start < f.end for f in found if f.kind == "column"):
            continue
        for c, k in _pick(sorted(measures[s], key=str), toks, {i}):
            if c in taken:
                continue
            at = t if k is None else toks[k]
            how = f"{t.text!r} is what its unit measures"
            out.append(Mention(c, at.start, at.end, 0.82, how=how))
            taken.add(c)
    return out


def _own_words(column: str) -> list[str]:
    from havoc_srs.families._unit_words import header_units
    from havoc_srs.reader.text import split_name

    units = set(header_units(column))
    bare = re.sub(r"[\(\[].*?[\)\]]", " ", str(column))
    return [w for w in split_name(bare) if w not in units]


def sibling_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """A column that differs from a named one by one word, when the question says that word
    ("grip strength from pre to post" names ``Grip_pre`` and ``Grip_post``, "left and right
    hand" ``Grip_L`` and ``Grip_R``): the two readings of one quantity."""
    if ds is None or getattr(ds, "name", "") == "question":
        return []
    from havoc_srs.reader.text import word_match

    toks = tokens(question)
    named = {m.column for m in found if m.kind == "column"}
    words = {c: _own_words(c) for c in ds.numeric}
    out: list[Mention] = []
    for m in [f for f in found if f.kind == "column" and f.column in words]:
        mine = words[m.column]
        for o, theirs in words.items():
            if o in named or len(theirs) != len(mine) or len(mine) < 2:
                continue
            diff = [(a, b) for a, b in zip(mine, theirs, strict=True) if a != b]
            if len(diff) != 1 or diff[0][1].isdigit():
                continue
            other = diff[0][1]
            # the word may be held by a weaker one-word reading of another header ("after"
            # as the distinctive word of ``RSRP after``): the sibling's whole header is named
            at = [
                t
                for t in toks
                if word_match(t.text, other) >= 0.9
                and not any(
                    f.start <= t.start < f.end
                    and not (f.how.startswith("distinctive") and f.score < 0.85)
                    for f in found + out
                )
            ]
            if at:
                out.append(Mention(o, at[0].start, at[0].end, 0.85, how=f"sibling of {m.column}"))
                named.add(o)
    return out


_COUNTED_COLUMNS = re.compile(
    r"\b(two|both|three|four|2|3|4)\s+([A-Za-z][\w-]*)\s+(?:columns|readings|measurements|"
    r"series|variables|fields)\b",
    re.I,
)


def counted_columns_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """ "the two Cd columns", "both torque readings": every column whose header has that word,
    when there are as many as the count says."""
    if ds is None or getattr(ds, "name", "") == "question":
        return []
    from havoc_srs.reader.text import split_name, word_match

    out: list[Mention] = []
    for m in _COUNTED_COLUMNS.finditer(question):
        k = _COUNTS.get(m.group(1).lower(), 2 if m.group(1).lower() == "both" else 0) or int(
            m.group(1) if m.group(1).isdigit() else 0
        )
        word = m.group(2).lower()
        cols = [
            c
            for c in ds.frame.columns
            if any(word_match(word, w) >= 0.97 for w in split_name(str(c)))
        ]
        if k and len(cols) == k:
            taken = {f.column for f in found + out}
            out += [
                Mention(c, m.start(2), m.end(2), 0.95, how=f"{m.group(0)!r}")
                for c in cols
                if c not in taken
            ]
    return out


_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
    "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
}  # fmt: skip
_LAST = {"last": 0, "final": 0}  # the series' highest number
_SERIES = re.compile(r"^([A-Za-z]{1,4})\s*_?\s*(\d{1,2})(?![\d.])")


def numbered_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """One column of a numbered series (``G1_g`` ... ``G5_g``, ``T1`` ... ``T4``) named by a
    noun that begins with the series' letters and its number ("gob 1", "the first gob"), and the
    series' other members named by an ordinal after it ("than the fifth one")."""
    if ds is None or getattr(ds, "name", "") == "question":
        return []
    series: dict[tuple[str, int], str] = {}
    for c in ds.numeric:
        m = _SERIES.match(str(c))
        if m:
            series[(m.group(1).lower(), int(m.group(2)))] = c
    prefixes = {p for p, _ in series}
    prefixes = {p for p in prefixes if sum(q == p for q, _ in series) >= 2}
    if not prefixes:
        return []
    toks = tokens(question)
    taken = {f.column for f in found if f.kind == "column"}
    out: list[Mention] = []
    used: str | None = None

    def add(prefix: str, n: int, a: Any, b: Any) -> None:
        c = series.get((prefix, n))
        if c and c not in taken and not any(f.start < b.end and a.start < f.end for f in found):
            out.append(Mention(c, a.start, b.end, 0.88, how=f"number {n} of the {prefix} series"))
            taken.add(c)

    last = {p: max(n for q, n in series if q == p) for p in prefixes}
    for i, t in enumerate(toks):
        for p in prefixes:
            if not t.text.startswith(p) or len(t.text) < 3:
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            # an ordinal just before the noun, or with one word between ("first period grade")
            prev = next((toks[k] for k in (i - 1, i - 2) if k >= 0
                         and toks[k].text in _ORDINALS | _LAST), None)  # fmt: skip
            if nxt is not None and nxt.text.isdigit() and nxt.start - t.end <= 2:
                add(p, int(nxt.text), t, nxt)  # "gob 1", "tank #3"
                used = p
            elif prev is not None:
                n = last[p] if prev.text in _LAST else _ORDINALS[prev.text]
                add(p, n, prev, t)  # "the first gob", "the final grade"
                used = p
    if used:  # "... than the fifth one": an ordinal on its own, of the series just named
        for i, t in enumerate(toks):
            nxt = toks[i + 1].text if i + 1 < len(toks) else ""
            if t.text in _ORDINALS and (nxt in ("one", "ones") or not nxt or nxt in STOP):
                add(used, _ORDINALS[t.text], t, t)
    return out
