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
        if self.op == "between":
            return x.between(self.low, self.high)
        return {">": x > self.low, ">=": x >= self.low, "<": x < self.low, "<=": x <= self.low}[
            self.op
        ]

    def text(self, header: str) -> str:
        if self.op == "between":
            return f"{header} between {self.low:g} and {self.high:g}"
        return f"{header} {self.op} {self.low:g}"


def _number(text: str, unit: str | None) -> float:
    v = float(text.replace(",", ""))
    return v * 1000 if unit == "k" else v


def _conditions(q: str) -> list[tuple[int, int, str, float, float | None]]:
    """(start, end, op, low, high) of every comparison with a number in ``q``."""
    out = []
    for op, words in _OPS:
        for m in re.finditer(r"(?<![\w<>=])" + words + r"\s*" + _NUM, q):
            out.append((m.start(), m.end(), op, _number(m.group(1), m.group(2)), None))
    for m in _BETWEEN.finditer(q):
        lo, hi = _number(m.group(1), m.group(2)), _number(m.group(3), m.group(4))
        out.append((m.start(), m.end(), "between", min(lo, hi), max(lo, hi)))
    for m in re.finditer(r"(?<![\w.])" + _NUM + r"\s+or\s+(more|above|higher|over|less|fewer|"
                         r"below|under)\b", q):  # fmt: skip
        op = ">=" if m.group(3) in ("more", "above", "higher", "over") else "<="
        out.append((m.start(), m.end(), op, _number(m.group(1), m.group(2)), None))
    return sorted(out)


def thresholds(reading: Any, ds: Any) -> list[Threshold]:
    """The numeric conditions of ``reading`` on numeric columns of ``ds`` (see the module doc)."""
    q = reading.question.lower()
    cols = [m for m in reading.mentions if m.kind == "column" and m.column in ds.numeric]
    # a column named twice ("is score normal where score is over 50"): each place it is named
    cols += [
        replace(m, start=k.start(), end=k.end())
        for m in list(cols)
        for k in re.finditer(re.escape(q[m.start : m.end]), q)
        if k.start() != m.start
    ]
    out: list[Threshold] = []
    for a, b, op, low, high in _conditions(q):
        before = [m for m in cols if m.end <= a and _GAP.match(q[m.end : a])]
        after = [m for m in cols if m.start >= b and m.start - b <= 3]
        # "more than 3 bedrooms": the column right after the number is the one bounded
        pick = after[0] if after else (max(before, key=lambda m: m.end) if before else None)
        if pick is None:
            continue
        t = Threshold(pick.column, op, low, high)
        if t not in out:
            out.append(t)
    return out


def restrict(frame: pd.DataFrame, conds: list[Threshold]) -> pd.DataFrame:
    for t in conds:
        frame = frame[t.mask(pd.to_numeric(frame[t.column], errors="coerce"))]
    return frame
