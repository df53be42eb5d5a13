"""A table pasted into the question as text: a header line, then rows.

Fields may be separated by tabs, runs of two or more spaces, single spaces, commas, semicolons
or pipes (markdown ``| a | b |`` rows, with their ``|---|`` rule skipped). A block counts as a
table when its header names every column (no header field is a number), at least two rows
follow with the same number of fields, and at least one column holds numbers. A header with one
field fewer than the rows (``\\tyes\\tno`` over ``men\\t30\\t20``) means the rows start with
their label. Columns of numbers become numeric (blanks, ``NA`` and ``-`` are missing), the rest
stay text, as ``pandas.read_csv`` reads the same lines from a file.

>>> t = pasted_table("Data:\\nvendor  flow\\nAlfa  402\\nAlfa  397\\nBeta  388\\n\\nANOVA?")
>>> t.to_dict("list")
{'vendor': ['Alfa', 'Alfa', 'Beta'], 'flow': [402.0, 397.0, 388.0]}
"""

from __future__ import annotations

import re

import pandas as pd

_NUM = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?")
_MISSING = {"", "na", "n/a", "nan", "-", "—", "–", "?", "."}
_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
# separators in the order they are tried: a looser one only when the stricter ones fail
_SEPARATORS = (
    ("pipe", None),
    ("tab", re.compile(r"\t+")),
    ("spaces", re.compile(r" {2,}|\s*\t\s*")),
    ("semicolon", re.compile(r"\s*;\s*")),
    ("comma", re.compile(r"\s*,\s*")),
    ("space", re.compile(r"\s+")),
)
MIN_ROWS = 2


def _is_number(field: str) -> bool:
    return bool(_NUM.fullmatch(field.strip()))


def _split(line: str, kind: str, pattern: re.Pattern | None) -> list[str]:
    line = line.strip()
    if kind == "pipe":
        if line.count("|") < 1:
            return []
        if line.startswith("|"):
            line = line[1:]
        if line.endswith("|"):
            line = line[:-1]
        return [f.strip() for f in line.split("|")]
    if kind == "space" and "\t" in line:
        return []
    return [f.strip() for f in pattern.split(line)]


def _header_ok(fields: list[str]) -> bool:
    """Every header field names a column: text, not a number, short, not a sentence."""
    named = [f for f in fields if f]
    return (
        len(named) >= max(1, len(fields) - 1)
        and not any(_is_number(f) for f in named)
        and all(len(f) <= 40 and len(f.split()) <= 5 for f in named)
        and not any(f.endswith((".", "?", ":", "!")) for f in named)
    )


def _numeric_column(values: list[str], decimal_comma: bool = False) -> list[float] | None:
    """The column's numbers, or None when it holds text. ``+``/``-`` alone are the coded levels
    of a two-level factor; a decimal comma (``0,41``) is read where commas do not separate."""
    vals = [v.strip() for v in values]
    if all(v in ("+", "-", "+1", "-1", "−") for v in vals) and "+" in "".join(vals):
        return [-1.0 if v in ("-", "-1", "−") else 1.0 for v in vals]
    out = []
    for v in vals:
        if decimal_comma and re.fullmatch(r"[-+]?\d+,\d+", v):
            v = v.replace(",", ".")
        if v.lower() in _MISSING:
            out.append(float("nan"))
        elif _is_number(v):
            out.append(float(v.rstrip("%")))
        else:
            return None
    return out if any(x == x for x in out) else None


def _frame(header: list[str], rows: list[list[str]], decimal_comma: bool) -> pd.DataFrame | None:
    if len(rows[0]) == len(header) + 1:  # the rows start with a label the header leaves unnamed
        header = ["", *header]
    if header[0] == "" and all(f for f in header[1:]):
        header[0] = "row"
    if any(not h for h in header) or len({h.lower() for h in header}) != len(header):
        return None
    cols: dict[str, list] = {}
    for j, name in enumerate(header):
        values = [r[j] for r in rows]
        nums = _numeric_column(values, decimal_comma)
        if nums is None:
            cols[name] = [v if v else None for v in values]
        elif all(re.fullmatch(r"[-+]?\d+", v.strip()) for v in values):  # as read_csv: integers
            cols[name] = [int(v) for v in values]
        else:
            cols[name] = nums
    if not any(_numeric_column([r[j] for r in rows], decimal_comma) for j in range(len(header))):
        return None
    return pd.DataFrame(cols)


def _block_at(lines: list[str], i: int) -> tuple[pd.DataFrame, int] | None:
    """The table whose header is ``lines[i]`` and the index after its last row, or None."""
    for kind, pattern in _SEPARATORS:
        if kind == "pipe" and "|" not in lines[i]:
            continue
        header = _split(lines[i], kind, pattern)
        if len(header) < 2 or not _header_ok(header):
            continue
        rows, j = [], i + 1
        while j < len(lines):
            if kind == "pipe" and _RULE.match(lines[j]):
                j += 1
                continue
            fields = _split(lines[j], kind, pattern) if lines[j].strip() else []
            if len(fields) not in (len(header), len(header) + 1) or (
                rows and len(fields) != len(rows[0])
            ):
                break
            if kind != "pipe" and not any(
                _is_number(f.replace(",", ".")) or f.lower() in _MISSING - {""} for f in fields
            ):
                break
            rows.append(fields)
            j += 1
        if (
            kind in ("space", "spaces")
            and rows
            and all(any(f.endswith(":") for f in r) for r in rows)
        ):
            # "Cat A: 71.2 70.8 ..." under a title line of as many words: each row is a
            # sample named before its colon, no row of a table
            continue
        if len(rows) >= MIN_ROWS:
            frame = _frame(header, rows, decimal_comma=kind != "comma")
            if frame is not None:
                return frame, j
    return None


def pasted_table(question: str) -> pd.DataFrame | None:
    """The first table pasted into ``question`` as lines of text, or None."""
    lines = question.splitlines()
    for i in range(len(lines) - MIN_ROWS):
        found = _block_at(lines, i)
        if found is not None:
            return found[0]
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
