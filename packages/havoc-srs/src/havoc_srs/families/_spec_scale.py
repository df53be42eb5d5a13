"""A single specification limit read from the table's scale when its wording is not one the
limit readers know ("Q = 80% released (a lower limit only)", "deben quedar por debajo de 0,65",
"the low spec is 17.5"): the question speaks of a limit and exactly one of its numbers lies on
the scale of a measured column. Which side it is on is then read from the data (see
``capability.plan``), as for a limit written without a side.

>>> import pandas as pd
>>> from havoc_srs.data import load_data
>>> ds = load_data(pd.DataFrame({"% diss 30 min": [84.0, 86.5, 85.1, 83.9, 87.2, 85.8]}))
>>> scale_limit("demonstrate capability against Q = 80% released at 30 minutes", ds)
80.0
"""

from __future__ import annotations

import re

import numpy as np

from havoc_srs.data import Dataset

# the question speaks of a limit, in any of the ways people do (a few languages included)
_LIMIT_TALK = re.compile(
    r"\b(spec\w*|limits?|lsl|usl|toleran\w*|requirement|required|requires?|minimum|maximum|min|max|"
    r"must|shall|should|at least|at most|below|under|above|over|exceed\w*|sla|slo|standard|"
    r"criteri\w*|q ?=|debajo|encima|m[ií]nimo|m[áa]ximo|l[ií]mite|unter|[üu]ber|mindestens|"
    r"h[öo]chstens|grenze\w*|seuil|au moins|au plus)\b"
)
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?|\.\d+)(?![\w.])")
# a number that counts or numbers things is no limit ("12 runs", "item 3", "SCAR 0412")
_COUNTED = re.compile(
    r"\s*(?:samples?|parts?|pieces?|units?|readings?|measurements?|observations?|batches|lots?|"
    r"runs?|points?|values?|rows?|days?|weeks?|months?|years?|hours?|pairs?|subgroups?|"
    r"people|operators?|machines?|items?|cells?|tablets?|modules?|boards?|shifts?)\b"
)
_LABEL_BEFORE = re.compile(
    r"(?:#|\bno\.?|\bitem|\bsection|\brev|\bproblem|\bquestion|\bstep|\bpart|\bscar|\bncr|\bcapa|"
    r"\bref|\bid|[a-z]{2,}-)\s*$"
)


def measured(ds: Dataset) -> list[str]:
    """The numeric columns that measure something: not an identifier nor a row counter."""
    from havoc_srs.plan import ID_LIKE

    out = []
    for c in ds.numeric:
        v = np.sort(ds.frame[c].dropna().to_numpy(dtype=float))
        counter = len(v) >= 3 and bool((v == v.round()).all() and (np.diff(v) == 1).all())
        if not counter and not ID_LIKE.match(str(c).lower()):
            out.append(c)
    return out


def scale_limit(question: str, ds: Dataset) -> float | None:
    """The one number of ``question`` that can be a specification limit of ``ds``'s measured
    columns, or None (no limit talk, no number on a column's scale, or several)."""
    q = re.sub(r"(?<![\d.,])(\d+),(\d{1,3})(?![\d.,])", r"\1.\2", question.lower())  # 0,65
    if not _LIMIT_TALK.search(q):
        return None
    headers = " ".join(str(c).lower() for c in ds.frame.columns)
    in_headers = {float(x) for x in _NUMBER.findall(headers)}
    scales = []
    for c in measured(ds):
        x = ds.values(c)
        x = x[np.isfinite(x)]
        if len(x) >= 5 and np.std(x) > 0:
            scales.append((float(x.min()), float(x.max()), float(np.std(x, ddof=1))))
    found = set()
    for m in _NUMBER.finditer(q):
        v = float(m.group(1))
        if v in in_headers or _COUNTED.match(q, m.end()) or _LABEL_BEFORE.search(q[: m.start()]):
            continue
        if any(lo - 4 * sd <= v <= hi + 4 * sd for lo, hi, sd in scales):
            found.add(v)
    return found.pop() if len(found) == 1 else None


_PAIR = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:[a-zµ°%/]+\.?\s*)?(?:-|–|—|to|and|…|\.\.)\s*(\d+(?:\.\d+)?)(?![\w.])"
)


def scale_range(question: str, ds: Dataset) -> tuple[float, float] | None:
    """Two-sided limits written as a bare range in a capability question ("torque capability,
    11.4 to 12.6 Nm"): the one range of the question whose ends bracket the median of a
    measured column; None when no range or several do."""
    q = re.sub(r"(?<![\d.,])(\d+),(\d{1,3})(?![\d.,])", r"\1.\2", question.lower())
    found = set()
    for m in _PAIR.finditer(q):
        lo, hi = float(m.group(1)), float(m.group(2))
        if lo >= hi:
            continue
        for c in measured(ds):
            x = ds.values(c)
            x = x[np.isfinite(x)]
            if len(x) >= 5 and lo < float(np.median(x)) < hi and lo > x.min() - 10 * (hi - lo):
                found.add((lo, hi))
    return found.pop() if len(found) == 1 else None
