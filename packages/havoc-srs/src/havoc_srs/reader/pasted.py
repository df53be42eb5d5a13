"""A table pasted into the question: a header line and three or more rows, one per line, split
by tabs, semicolons, commas, bars or runs of spaces (what a copy from Excel or a CSV gives).

Decimal commas are read when the delimiter is not a comma ("10,2" in a semicolon table);
columns of bare signs (``- + - +``) are coded -1/+1, as a two-level design's run sheet writes
them. A table without a header line (every line numbers only) gets no names and is not read
here: names are what the question's words are matched against.

>>> pasted_table("Part;Op;Reading\\n1;A;2,31\\n1;B;2,35\\n2;A;2,45\\nGage R&R?").to_dict("list")
{'Part': [1.0, 1.0, 2.0], 'Op': ['A', 'B', 'A'], 'Reading': [2.31, 2.35, 2.45]}
"""

from __future__ import annotations

import re

import pandas as pd

_DELIMS = ("\t", ";", "|", ",", " ")
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?")
_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d+%?")
_SIGN = re.compile(r"[-+−]1?")
_MIN_ROWS = 3


def _fields(line: str, delim: str) -> list[str]:
    if delim == " ":
        return line.split()
    return [f.strip() for f in line.strip().strip(delim).split(delim)]


def _number(text: str, delim: str) -> float | None:
    t = text.strip().rstrip("%")
    if delim != "," and _DECIMAL_COMMA.fullmatch(t):
        t = t.replace(",", ".")
    if _NUMBER.fullmatch(t):
        return float(t)
    return None


def _is_value(text: str, delim: str) -> bool:
    """A data cell: a number, a sign, or a short label without spaces."""
    return (
        _number(text, delim) is not None
        or bool(_SIGN.fullmatch(text))
        or bool(re.fullmatch(r"[A-Za-z][\w.\-/]{0,15}", text))
    )


def _block(lines: list[str], delim: str) -> tuple[int, int, int] | None:
    """The longest run of lines with one field count (>= 2) whose lines hold numbers; returns
    (start, end, width)."""
    best: tuple[int, int, int] | None = None
    i = 0
    while i < len(lines):
        f = _fields(lines[i], delim)
        width = len(f)
        j = i
        while (
            j < len(lines)
            and len(g := _fields(lines[j], delim)) == width >= 2
            and all(_is_value(x, delim) for x in g)
            and any(_number(x, delim) is not None or _SIGN.fullmatch(x) for x in g)
        ):
            j += 1
        if j - i >= _MIN_ROWS and (best is None or j - i > best[1] - best[0]):
            best = (i, j, width)
        i = max(j, i + 1)
    return best


def _column(cells: list[str], delim: str) -> list:
    nums = [_number(c, delim) for c in cells]
    if all(n is not None for n in nums):
        return nums
    if all(_SIGN.fullmatch(c) for c in cells):
        return [-1.0 if c[0] in "-−" else 1.0 for c in cells]
    return cells


def pasted_table(question: str) -> pd.DataFrame | None:
    """The pasted table with its header, or None when the question holds none."""
    lines = [ln for ln in question.replace("\r", "").split("\n")]
    if len(lines) < _MIN_ROWS + 1:
        return None
    for delim in _DELIMS:
        if delim != " " and sum(delim in ln for ln in lines) < _MIN_ROWS:
            continue
        found = _block(lines, delim)
        if found is None:
            continue
        start, end, width = found
        if start == 0:
            continue
        header = _fields(lines[start - 1], delim)
        if len(header) != width or any(_number(h, delim) is not None for h in header):
            continue
        if len(set(header)) != width or not all(header):
            continue
        rows = [_fields(ln, delim) for ln in lines[start:end]]
        data = {h: _column([r[j] for r in rows], delim) for j, h in enumerate(header)}
        return pd.DataFrame(data)
    return None


# ---- a two-level experiment in Yates notation ------------------------------------------------
_YATES_RUN = re.compile(r"(\(1\)|\b[a-h]{1,6}\b)\s*[:=]?\s*([-+]?\d+(?:\.\d+)?)(?!\.?\d)")


def yates_table(question: str) -> pd.DataFrame | None:
    """Responses labelled by their treatment combination in Yates notation: "(1) 41, a 36,
    b 44, ab 35, c 39, ac 30, bc 43, abc 31" -> one coded -1/+1 column per letter (A, B, C)
    and the response ``y``; each combination of the 2^k once or equally often.

    >>> yates_table("(1) 20, a 30, b 24, ab 36").to_dict("list")
    {'A': [-1.0, 1.0, -1.0, 1.0], 'B': [-1.0, -1.0, 1.0, 1.0], 'y': [20.0, 30.0, 24.0, 36.0]}
    """
    if "(1)" not in question:
        return None
    start = question.index("(1)")
    runs = []
    for m in _YATES_RUN.finditer(question, start):
        if runs and question[runs[-1][2] : m.start()].strip(" ,;\n") != "":
            break  # the list ended
        label = "" if m.group(1) == "(1)" else m.group(1)
        runs.append((label, float(m.group(2)), m.end()))
    letters = sorted({ch for lab, _, _ in runs for ch in lab})
    k = len(letters)
    if k < 2 or letters != [chr(ord("a") + i) for i in range(k)]:
        return None
    combos = pd.Series([lab for lab, _, _ in runs]).value_counts()
    if len(combos) != 2**k or combos.nunique() != 1:
        return None
    data = {ch.upper(): [1.0 if ch in lab else -1.0 for lab, _, _ in runs] for ch in letters}
    data["y"] = [y for _, y, _ in runs]
    return pd.DataFrame(data)
