"""Headers that are the initials of what they measure, and wide tables named by month.

- ``RI`` is the "refractive index", ``rt_ms`` the "reaction time", ``MP`` the "minutes played"
  (also misspelt, "minuts played"): consecutive content words of the question whose initials
  spell a short header word of no other column;
- a wide table with one column per month ("Jan kWh", "Feb kWh", ...) is named by the month
  written out ("the January use"): the one header holding that month's abbreviation.

>>> import pandas as pd
>>> from havoc_srs.data import Dataset
>>> ds = Dataset.from_frame(pd.DataFrame({"RI": [1.5, 1.6], "Na": [13.0, 14.0]}))
>>> [m.column for m in acronym_mentions("skew of the refractive index", ds, [])]
['RI']
"""

from __future__ import annotations

from typing import Any

from havoc_srs.reader.text import STOP, split_name, tokens

_MONTHS = ("january february march april may june july august september october november "
           "december").split()  # fmt: skip


def _mention(column: str, start: int, end: int, how: str) -> Any:
    from havoc_srs.reader.columns import Mention

    return Mention(column, start, end, 0.86, "column", None, how)


def acronym_mentions(question: str, ds: Any, found: list[Any]) -> list[Any]:
    """Headers spelt by the initials of question words, and month columns (module doc)."""
    from havoc_srs.reader.columns import _NOT_COLUMN, ABBREVIATIONS, UNITS

    named = {m.column for m in found}
    toks = tokens(question)
    out: list[Any] = []
    firsts: dict[str, list[str]] = {}
    for c in ds.frame.columns:
        words = [w for w in split_name(str(c).split("(")[0]) if w not in UNITS]
        if words:
            firsts.setdefault(words[0], []).append(c)
    for word, cols in firsts.items():
        if len(cols) != 1 or cols[0] in named or not (2 <= len(word) <= 4) or not word.isalpha():
            continue
        if word in ABBREVIATIONS or word in STOP:
            continue  # spelt out by the abbreviation table already
        for i in range(len(toks) - len(word) + 1):
            run = toks[i : i + len(word)]
            if any(t.text in STOP or t.text in _NOT_COLUMN or len(t.text) < 3 for t in run):
                continue
            if "".join(t.text[0] for t in run) == word:
                out.append(_mention(cols[0], run[0].start, run[-1].end, "initials"))
                break
    for t in toks:
        if t.text not in _MONTHS:
            continue
        abbr = t.text[:3]
        cols = [c for c in ds.frame.columns if abbr in split_name(str(c)) or t.text in
                split_name(str(c))]  # fmt: skip
        if len(cols) == 1 and cols[0] not in named and len(ds.frame.columns) >= 6:
            out.append(_mention(cols[0], t.start, t.end, "month of a wide table"))
    return out
