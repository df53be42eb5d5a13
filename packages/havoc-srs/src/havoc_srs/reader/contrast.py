"""Short codes of one column set against each other: "area_mean, M vs B", "F versus M",
"plant A against plant C", "IN or OH".

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

_JOIN = r"\s*(?:vs\.?|versus|v\.?|against|compared (?:to|with)|or|and|/)\s*"
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
