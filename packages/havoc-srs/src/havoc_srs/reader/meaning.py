"""Columns described by what their values ARE rather than by their header: a duration ("how
long deliveries take" -> ``ship_days``; "how long are the songs" -> ``duration_ms``), money
("what they paid" -> ``Fare``; "how much customers spend" -> ``amount_usd``) or a yes/no outcome
("whether they made it" -> ``Survived`` coded 0/1; "whether a parcel comes back" ->
``returned`` coded Y/N).

A question's wording says which kind of quantity it means; the table's headers, units and
values say which columns are of that kind. When exactly one candidate column is of the kind
named, it is the column described. Used by the families' fallback for described columns
(``_common.described``) before the sentence embedder.

>>> import pandas as pd
>>> from havoc_srs.data import Dataset
>>> ds = Dataset.from_frame(pd.DataFrame({"ship_days": [3, 5, 4], "qty": [1, 2, 1],
...                                       "unit_price": [9.5, 3.0, 7.25]}))
>>> [m.column for m in kind_mentions("how long do deliveries usually take?", ds, ["ship_days", "qty", "unit_price"])]
['ship_days']
"""

from __future__ import annotations

import re
from typing import Any

from havoc_srs.reader.columns import Mention
from havoc_srs.reader.text import split_name

_DURATION_CUE = re.compile(
    r"\bhow long\b|\b(takes?|took|lasts?|lasted|taking)\b|"
    r"\bhow (many|much) (days|hours|minutes|seconds|weeks|nights|time)\b|\bduration\b|"
    r"\bspen(d|ds|t|ding) (more |less |much |little |the most |the least )?time\b|"
    r"\bruns? (longer|shorter)\b|"
    # "length of stay", "the length of the calls": the length of an event is its duration
    r"\blength of (the |a |an |their |his |her |its )?(stay|visit|call|wait|session|treatment|"
    r"service|shift|admission|hospitali[sz]ation|employment|membership|ride|trip|journey|"
    r"appointment|meeting|game|match|episode|outage|delay|repair|labou?r|song|track)s?\b"
)
_DURATION_WORDS = frozenset(
    "days day hours hour hrs hr h minutes minute mins min ms millisecond milliseconds sec secs "
    "seconds s duration time times nights weeks lead wait runtime".split()
)
_MONEY_CUE = re.compile(
    r"\bpa(id|ys?|ying)\b|\bspen(d|t|ds|ding)\b|\bcosts?\b|\bcostly\b|\bpric(e|es|ier|iest|ey|ed)\b|"
    r"\bexpensive\b|\bcheap\w*|\bworth\b|\bcharged?\b|\bfees?\b|[$€£]|\bearn(s|ed|ing)?\b|"
    r"\bhow much (\w+ ){1,2}make\b|\bmoney\b"
    # "how much does a house sell for", "what did the cars go for"
    r"|\b(sells?|sold|selling|fetch(es|ed)?)( \w+)? for\b|\bhow much\b[^.?!]{0,40}\b(go|goes|went) for\b"
)
_MONEY_WORDS = frozenset(
    "price prices fare fares cost costs amount paid spend spent spending revenue sales charges "
    "charge fee fees salary income wage wages pay usd eur gbp dollars euros budget balance "
    "adr".split()  # a hotel's average daily rate: what a guest pays a night
)
# a distance, a temperature, a body's mass, an amount of energy: said by what it is like
_DISTANCE_CUE = re.compile(
    r"\bhow far\b|\bfar(ther|thest)?\b|\bfurther\b|\bdistances?\b|"
    r"\b(longer|shorter) (trips?|journeys?|flights?|rides?|routes?|commutes?)\b"
)
_DISTANCE_WORDS = frozenset("distance dist km kms miles mile mi".split())
_HEAT_CUE = re.compile(
    r"\bhot(ter|test)?\b|\bcold(er|est)?\b|\bwarm(er|est|th)?\b|\bcool(er|est)?\b|\bheat\b|"
    r"\bchill(y|ier)?\b|\bfreezing\b"
)
_HEAT_WORDS = frozenset("temp temperature temperatures tmax tmin".split())
_MASS_CUE = re.compile(
    r"\bheav(y|ier|iest)\b|\bchunk(y|ier|iest)\b|\bweigh(s|ed|t)?\b|\bfat(ter)?\b"
)
_MASS_WORDS = frozenset("mass weight wt kg kgs lb lbs".split())
_ENERGY_CUE = re.compile(r"\b(electricity|energy|power)\b")
_ENERGY_WORDS = frozenset("kwh mwh wh energy electricity consumption".split())
# the size of a thing: "bigger buildings", "larger flats", "the smallest farms" -> its floor
# area, surface or capacity (not a count of something it holds: that is named by its noun)
_SIZE_CUE = re.compile(
    r"\b(big|bigger|biggest|large|larger|largest|small|smaller|smallest|roomier|roomiest|"
    r"spacious|size|sized)\b"
)
_SIZE_WORDS = frozenset("size area sqft sqm m2 footage surface capacity acreage acres".split())
# the hour of the day: "the time of day a car plugs in", "what hour", "at what time of day"
_HOUR_CUE = re.compile(r"\btime of (the )?day\b|\bhour of (the )?day\b|\bwhat hour\b|\bo'?clock\b")
_BINARY_CUE = re.compile(r"\bwhether\b|\bdid (they|he|she|it)\b|\bmade it\b|\bor not\b")
_YES_NO = frozenset("0 1 0.0 1.0 y n yes no true false t f".split())


def _words(column: str) -> set[str]:
    return set(split_name(re.sub(r"[\(\[]", " ", str(column))))


def _is_duration(ds: Any, c: str) -> bool:
    w = _words(c)
    return c in ds.numeric and bool(w & _DURATION_WORDS) and not w & {"year", "date"}


def _is_money(ds: Any, c: str) -> bool:
    return c in ds.numeric and (bool(_words(c) & _MONEY_WORDS) or "$" in str(c))


def _is_distance(ds: Any, c: str) -> bool:
    return c in ds.numeric and bool(_words(c) & _DISTANCE_WORDS)


def _is_heat(ds: Any, c: str) -> bool:
    return c in ds.numeric and bool(_words(c) & _HEAT_WORDS)


def _is_mass(ds: Any, c: str) -> bool:
    return c in ds.numeric and bool(_words(c) & _MASS_WORDS)


def _is_energy(ds: Any, c: str) -> bool:
    return c in ds.numeric and bool(_words(c) & _ENERGY_WORDS)


def _is_size(ds: Any, c: str) -> bool:
    w = _words(c)
    return c in ds.numeric and (bool(w & _SIZE_WORDS) or ("sq" in w and bool(w & {"ft", "m"})))


def _is_hour(ds: Any, c: str) -> bool:
    """A clock hour: a header word "hour" (not "hours", a duration) and values within a day
    (0-23, or decimal hours below 24: 9.14 is 09:08)."""
    if c not in ds.numeric or not _words(c) & {"hour", "hr", "hod"}:
        return False
    v = ds.frame[c].dropna()
    return len(v) > 0 and bool(((v >= 0) & (v < 24)).all())


def _is_binary(ds: Any, c: str) -> bool:
    values = {str(v).strip().lower() for v in ds.frame[c].dropna().unique()}
    return len(values) == 2 and values <= _YES_NO


def kind_mentions(question: str, ds: Any, pool: list[str], taken: Any = ()) -> list[Mention]:
    """Columns of ``pool`` that are the only one of a kind the question names (see the module
    doc); ``taken`` columns (already used, or whose values the question names) are skipped."""
    q = question.lower()
    cands = [c for c in pool if c not in set(taken)]
    out: list[Mention] = []
    for cue, fits in (
        (_DISTANCE_CUE, _is_distance),  # before a duration: "take longer trips" is a distance
        (_HOUR_CUE, _is_hour),  # before a duration: "time of day" is no length of time
        (_DURATION_CUE, _is_duration),
        (_MONEY_CUE, _is_money),
        (_BINARY_CUE, _is_binary),
        (_HEAT_CUE, _is_heat),
        (_MASS_CUE, _is_mass),
        (_ENERGY_CUE, _is_energy),
        (_SIZE_CUE, _is_size),
    ):
        m = cue.search(q)
        if not m:
            continue
        hits = [c for c in cands if fits(ds, c) and c not in {o.column for o in out}]
        if len(hits) == 1:
            out.append(
                Mention(
                    hits[0],
                    m.start(),
                    m.end(),
                    0.8,
                    how=f"a {fits.__name__[4:]} described as {m.group(0)!r}",
                )
            )
    return out
