"""Short codes of one column set against each other: "area_mean, M vs B", "F versus M",
"plant A against plant C", "IN or OH"; numbered levels after their header word: "glass type 1
and glass type 2" on a numeric ``Type``.

A one- or two-letter level ("M", "B", "A") is normally too short to take for a cell value (it
is also an article, a unit or an initial), so the grounder accepts it only after its column's
name. Two levels of the SAME column joined by a contrast word ("vs", "versus", "against",
"compared with", "or", "and", "/") are no accident: both are read as that column's values, and
the column becomes the grouping of the comparison. Codes must be written as in the table
(case included), so "a vs b" in lower case on a table of "A"/"B" levels is not taken.

>>> import pandas as pd
>>> from havoc_srs.data import Dataset
>>> ds = Dataset.from_frame(pd.DataFrame({"dx": list("MBMBMB"), "area": range(6)}))
>>> [(m.column, m.value) for m in contrasted_codes("mood test: area, M vs B", ds, [])]
[('dx', 'M'), ('dx', 'B')]
"""

from __future__ import annotations

import re
from typing import Any

from havoc_srs.reader.columns import Mention

_JOIN = (
    r"\s*(?:vs\.?|versus|v\.?|against|compared (?:to|with)|than(?: (?:for|in|with))?|or|and|/)\s*"
)
_MAX_LEVELS = 12


def _codes(ds: Any, column: str) -> list[str]:
    """The column's levels when all are short upper-case codes ("M"/"B", "A1"/"B2"), else []."""
    levels = [str(v).strip() for v in ds.frame[column].dropna().unique()]
    if not 2 <= len(levels) <= _MAX_LEVELS:
        return []
    if all(len(v) <= 3 and v.isalnum() and v.upper() == v and v[0].isalpha() for v in levels):
        return levels
    return []


def contrasted_codes(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """Value mentions for two codes of one column set against each other (see the module doc);
    codes already found as values are not repeated."""
    have = {(m.column, str(m.value)) for m in found if m.kind == "value"}
    out: list[Mention] = []
    for column in getattr(ds, "labels", ()):
        codes = _codes(ds, column)
        if not codes:
            continue
        alt = "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True))
        pat = re.compile(rf"(?<![\w.'-])({alt}){_JOIN}({alt})(?![\w'-])")
        for hit in pat.finditer(question):
            a, b = hit.group(1), hit.group(2)
            if a == b:
                continue
            for g in (1, 2):
                code = hit.group(g)
                if (column, code) in have:
                    continue
                have.add((column, code))
                value = next(
                    v for v in ds.frame[column].dropna().unique() if str(v).strip() == code
                )
                out.append(
                    Mention(
                        column, hit.start(g), hit.end(g), 0.9, "value", value, "contrasted code"
                    )
                )
    return out


def _numbered(question: str, ds: Any, column: str) -> list[tuple[int, int, Any]]:
    """Integer levels of a numeric column named after its header word and set against each
    other: "glass type 1 and glass type 2", "grade 3 vs 5" -> (start, end, level)."""
    from havoc_srs.reader.text import split_name

    levels = ds.frame[column].dropna().unique()
    if not 2 <= len(levels) <= _MAX_LEVELS or not all(float(v).is_integer() for v in levels):
        return []
    by_text = {str(int(v)): v for v in levels}
    out = []
    for word in [w for w in split_name(str(column)) if w.isalpha() and len(w) >= 3][-1:]:
        pat = rf"\b{word}s?\s*#?(\d+){_JOIN}(?:(?:\w+\s+)?{word}s?\s*#?)?(\d+)\b"
        for hit in re.finditer(pat, question, re.I):
            if hit.group(1) in by_text and hit.group(2) in by_text and hit.group(1) != hit.group(2):
                out += [(hit.start(g), hit.end(g), by_text[hit.group(g)]) for g in (1, 2)]
    return out


def numbered_levels(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """``found`` with the numbered levels set against each other ("type 1 and type 2") in
    place of any other value mention of their column."""
    for column in getattr(ds, "numeric", ()):
        hits = _numbered(question, ds, column)
        if not hits:
            continue
        found = [m for m in found if not (m.column == column and m.kind == "value")]
        seen = set()
        for start, end, level in hits:
            if level not in seen:
                seen.add(level)
                found.append(Mention(column, start, end, 0.9, "value", level, "numbered level"))
    return found
