"""Rows kept by a numeric condition the question states on a column: "how many rows have a
score above 80", "the mean price of listings with more than 3 bedrooms", "for rows where age
>= 65", "players with between 10 and 20 points".

A comparison word or sign and a number must stand right after a numeric column the question
names (or the number right before it: "more than 3 bedrooms"). The descriptive and distribution
planners restrict the rows to the condition, and the column joins the columns used.

>>> import pandas as pd
>>> from havoc_srs.data import Dataset
>>> from havoc_srs.reader import read
>>> ds = Dataset.from_frame(pd.DataFrame({"score": [50, 85, 90], "hours": [1, 2, 3]}))
>>> [(c.column, c.op, c.low) for c in thresholds(read("How many rows have a score above 80?", ds), ds)]
[('score', '>', 80.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

_NUM = r"(-?\d[\d,]*(?:\.\d+)?)\s*(%|k\b)?"
_OPS = [
    (">=", r"(?:at least|no (?:less|fewer) than|not (?:less|fewer) than|>=|≥|=>)"),
    ("<=", r"(?:at most|no (?:more|greater) than|not (?:more|greater) than|up to|<=|≤|=<)"),
    (">", r"(?:above|over|greater than|more than|higher than|larger than|bigger than|longer than|"
          r"older than|exceed(?:s|ing)?|in excess of|>)"),
    ("<", r"(?:below|under|less than|fewer than|lower than|smaller than|shorter than|"
          r"younger than|cheaper than|<)"),
]  # fmt: skip
_BETWEEN = re.compile(r"\bbetween\s+" + _NUM + r"\s*(?:and|-|to)\s*" + _NUM)
_GAP = re.compile(r"^[\s\w'()]{0,30}?$")


@dataclass(frozen=True)
class Threshold:
    column: str
    op: str  # > >= < <= between
    low: float
    high: float | None = None

    def mask(self, x: pd.Series) -> pd.Series:
        bins = _bounds(x)
        if bins is not None:  # "[70-80)": a band is kept when it lies within the condition
            lo, hi = bins
            if self.op in (">", ">="):
                return lo >= self.low
            if self.op in ("<", "<="):
                return hi <= self.low + (1 if self.op == "<=" else 0)
            return (lo >= self.low) & (hi <= (self.high or 0) + 1)
        x = pd.to_numeric(x, errors="coerce")
        if self.op == "between":
            return x.between(self.low, self.high)
        return {">": x > self.low, ">=": x >= self.low, "<": x < self.low, "<=": x <= self.low}[
            self.op
        ]

    def text(self, header: str) -> str:
        if self.op == "between":
            return f"{header} between {self.low:g} and {self.high:g}"
        return f"{header} {self.op} {self.low:g}"


_BAND = re.compile(r"^\s*[\[(]?\s*(-?\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(-?\d+(?:\.\d+)?)\s*[\])]?\s*$")


def _bounds(x: pd.Series) -> tuple[pd.Series, pd.Series] | None:
    """The lower and upper ends of a column of bands ("[70-80)", "25-34"), or None when the
    column holds numbers or other labels."""
    if pd.api.types.is_numeric_dtype(x):
        return None
    parts = x.astype(str).str.extract(_BAND)
    if parts.isna().any(axis=1)[x.notna()].mean() > 0.05:
        return None
    return pd.to_numeric(parts[0]), pd.to_numeric(parts[1])


def banded(ds: Any, column: str) -> bool:
    """A label column whose values are numeric bands ("[70-80)", "25-34")."""
    return column in ds.labels and _bounds(ds.frame[column].dropna()) is not None


def _number(text: str, unit: str | None) -> float:
    v = float(text.replace(",", ""))
    return v * 1000 if unit == "k" else v


def _conditions(q: str) -> list[tuple[int, int, str, float, float | None]]:
    """(start, end, op, low, high) of every comparison with a number in ``q``."""
    out = []
    for op, words in _OPS:
        # "the under-35s": a hyphen joining the word to its number is no minus sign
        for m in re.finditer(r"(?<![\w<>=])" + words + r"(?:-(?=\d)|\s*)" + _NUM, q):
            out.append((m.start(), m.end(), op, _number(m.group(1), m.group(2)), None))
    for m in _BETWEEN.finditer(q):
        lo, hi = _number(m.group(1), m.group(2)), _number(m.group(3), m.group(4))
        out.append((m.start(), m.end(), "between", min(lo, hi), max(lo, hi)))
    for m in re.finditer(r"(?<![\w.])" + _NUM + r"\s+(?:or|and)\s+(more|above|higher|over|older|"
                         r"greater|larger|longer|up|less|fewer|below|under|younger|lower|smaller|"
                         r"shorter)\b", q):  # fmt: skip
        up = ("more", "above", "higher", "over", "older", "greater", "larger", "longer", "up")
        op = ">=" if m.group(3) in up else "<="
        out.append((m.start(), m.end(), op, _number(m.group(1), m.group(2)), None))
    return sorted(out)


_ABOUT_P = re.compile(
    r"(?:\bp|\bp[- ]?values?|\balpha|α|\bsignificance(?: level)?|\bsig\.?|\bconfidence)\s*(?:is|was|of)?\s*$"
)


def thresholds(reading: Any, ds: Any) -> list[Threshold]:
    """The numeric conditions of ``reading`` on numeric columns of ``ds`` (see the module doc)."""
    q = reading.question.lower()
    cols = [
        m
        for m in reading.mentions
        if m.kind == "column" and (m.column in ds.numeric or banded(ds, m.column))
    ]
    # a column named twice ("is score normal where score is over 50"): each place it is named
    cols += [
        replace(m, start=k.start(), end=k.end())
        for m in list(cols)
        for k in re.finditer(re.escape(q[m.start : m.end]), q)
        if k.start() != m.start
    ]
    out: list[Threshold] = []
    # "the under-35s" read as a band of a banded column: that band, not a bound on a measure
    bands = [(m.start, m.end) for m in reading.mentions if m.how == "band by its bound"]
    for a, b, op, low, high in _conditions(q):
        if any(s <= a < e for s, e in bands):
            continue
        if _ABOUT_P.search(q[:a]):
            continue  # "p < 0.05", "alpha below 0.01": a level of significance, not a subset
        # "70 or older" on the age column; "absent fewer than 5 days" on ``Days Absent``: a
        # column named around the condition
        inside = [m for m in cols if a <= m.start < b or m.start <= a < m.end]
        word = _word_before(q, a, ds)  # "patients aged 80 and above"
        before = [m for m in cols if m.end <= a and _GAP.match(q[m.end : a])] + inside + word
        after = [m for m in cols if m.start >= b and m.start - b <= 3]
        # "more than 3 bedrooms": the column right after the number is the one bounded
        pick = after[0] if after else (max(before, key=lambda m: m.end) if before else None)
        if pick is None:
            continue
        t = Threshold(pick.column, op, low, high)
        if t not in out:
            out.append(t)
    return out


def _word_before(q: str, a: int, ds: Any) -> list[Any]:
    """The word right before a condition naming a one-word header by its participle or plural
    ("aged 80" for ``age``, "priced over 20" for ``price``): a mention of that column."""
    from havoc_srs.reader.columns import Mention

    m = re.search(r"([a-z]+)\s*$", q[:a])
    if m is None or len(m.group(1)) < 3:
        return []
    w = m.group(1)
    hits = [
        c
        for c in ds.frame.columns
        if (c in ds.numeric or banded(ds, c))
        and (stem := re.sub(r"[^a-z]", "", str(c).lower()))
        and len(stem) >= 3
        and w != stem
        and w.startswith(stem)
        and w[len(stem) :] in ("d", "ed", "s", "es")
    ]
    return [Mention(hits[0], m.start(1), m.end(1), 0.8, how="participle")] if len(hits) == 1 else []


_KEY_VALUE = re.compile(
    r"(?<![\w.$])(\d{1,4}(?:\.\d+)?)(?:[- ](day|days|year|years|month|months|week|weeks|hour|"
    r"hours))?\b"
)


def key_values(reading: Any, ds: Any) -> dict[str, float]:
    """A number that is a value of a numeric key column, written beside the key's name or
    unit ("for the year 2019", "the 28-day strengths" on ``Age (day)``, "in 2015" on the one
    year column): those rows only."""
    if getattr(ds, "name", "") == "question":  # the typed numbers are the data, not keys
        return {}
    q = reading.question.lower()
    named = {m.column: m for m in reading.mentions if m.kind == "column"}
    out: dict[str, float] = {}
    for k in _KEY_VALUE.finditer(q):
        v, unit = float(k.group(1)), k.group(2)
        cands = [c for c in ds.numeric if 2 <= ds.n_levels(c) <= 40 and (ds.frame[c] == v).any()]
        pick = []
        for c in cands:
            name = str(c).lower()
            m = named.get(c)
            beside = m is not None and (
                0 <= k.start() - m.end <= 6
                or 0 <= m.start - k.end() <= 3
                or _unit_between(q[k.end() : m.start], name)  # "the 12.5 kN load"
            )
            by_unit = unit is not None and re.search(r"\b" + unit.rstrip("s") + r"s?\b", name)
            yearly = 1900 <= v <= 2100 and "year" in name and unit is None
            if beside or by_unit or yearly:
                pick.append(c)
        if len(pick) == 1 and pick[0] not in out:
            out[pick[0]] = v
    return out


def _unit_between(gap: str, header: str) -> bool:
    """The text between a number and a column's name is that column's unit in brackets
    ("12.5 kN load" on ``Load (kN)``)."""
    gap = gap.strip().lower()
    units = [u.strip().lower() for u in re.findall(r"[\(\[]([^\)\]]{1,12})[\)\]]", header)]
    return bool(gap) and gap in units


def restrict(frame: pd.DataFrame, conds: list[Threshold]) -> pd.DataFrame:
    for t in conds:
        frame = frame[t.mask(frame[t.column]).fillna(False).astype(bool)]
    return frame
