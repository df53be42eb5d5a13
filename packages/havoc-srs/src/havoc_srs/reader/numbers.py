"""Numbers typed into the question, read as data.

- Labelled lists: ``A: 10.1 10.3 9.9, B: 10.4 10.6`` / ``before = [5, 6, 7]`` / ``line 1 was
  10.1, 10.3, 9.9 and line 2 was ...`` → a table with one column per label (unequal lengths
  allowed).
- One unlabelled list of at least four numbers (``these diameters: 10.1 10.3 9.9 10.2``) →
  a column ``x``.
- Count tables: ``men: 30 yes, 20 no; women: 25 yes, 35 no`` → a contingency table.

>>> inline_table("Two machines: A: 10.1 10.3 9.9 10.2, B: 10.4 10.6 10.5 10.7").to_dict("list")
{'A': [10.1, 10.3, 9.9, 10.2], 'B': [10.4, 10.6, 10.5, 10.7]}
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from havoc_srs.reader.pasted import pasted_table

_NUM = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_LIST = rf"\[?\s*{_NUM}(?:\s*[,;]?\s*(?:and\s+)?{_NUM})+\s*\]?"
_LABEL = r"([A-Za-z][A-Za-z0-9_]*(?:[ \-][A-Za-z0-9_]+){0,3})"
_LABELLED = re.compile(
    rf"({_LABEL[1:-1]}(?:\s*\([^)]{{0,20}}\))?)\s*(?::|=|\bwas\b|\bwere\b|\bgave\b|\bhad\b|\bread\b|\bmeasured\b)\s*({_LIST})",
    re.IGNORECASE,
)
_LEAD_WORDS = {"and", "the", "for", "with", "from", "of", "values", "data", "are", "were",
               "is", "these", "group", "sample", "machine", "line", "method", "supplier",
               "against", "versus", "vs"}  # fmt: skip
_COUNT_ROW = re.compile(
    rf"{_LABEL}\s*[:=]\s*((?:{_NUM}\s+[A-Za-z][\w\-]*(?:\s*,\s*|\s+and\s+|\s+)?){{2,}})",
    re.IGNORECASE,
)
# the level before its count: "North: yes 45, no 55; South: yes 30, no 70"
_COUNT_ROW_LEVEL_FIRST = re.compile(
    rf"{_LABEL}\s*[:=]\s*((?:[A-Za-z][\w\-]*\s*[:=]?\s+{_NUM}(?![\d.])(?:\s*,\s*|\s+and\s+)?){{2,}})",
    re.IGNORECASE,
)


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(_NUM, text)]


def _clean_label(label: str) -> str:
    words = label.strip().split()
    while len(words) > 1 and words[0].lower() in _LEAD_WORDS - {
        "group",
        "sample",
        "machine",
        "line",
        "method",
        "supplier",
    }:
        words = words[1:]
    return " ".join(words)


_ASIDE = {"the", "of", "for", "on", "at", "in", "with", "from", "after", "before", "during"}


def _harmonise(labels: list[str]) -> list[str]:
    """The first label often carries the measure the others leave out ("Supplier A thickness:
    ..., Supplier B: ...", "Before the fix: ..., After: ..."): cut it to the others' length."""
    if len(labels) < 2:
        return labels
    bare = [re.sub(r"\s*\([^)]*\)", "", lab).split() for lab in labels]
    rest = {len(b) for b in bare[1:]}
    if len(rest) == 1 and (k := rest.pop()) < len(bare[0]):
        first = " ".join(bare[0][:k])
        kept = {w.lower() for w in bare[0][:k]}
        shared = any(kept & {w.lower() for w in b} for b in bare[1:])  # Supplier A / Supplier B
        aside = bare[0][k].lower() in _ASIDE  # "Before the fix" / "After"
        if first not in labels[1:] and (shared or aside):
            return [first, *labels[1:]]
    return labels


def labelled_lists(question: str) -> dict[str, list[float]]:
    found: list[tuple[str, list[float]]] = []
    for m in _LABELLED.finditer(question):
        label, nums = _clean_label(m.group(1)), _numbers(m.group(2))
        if len(nums) >= 2 and label.lower() not in ("n", "alpha", "mean", "sd", "mu", "p"):
            found.append((label, nums))
    labels = _harmonise([lab for lab, _ in found])
    out: dict[str, list[float]] = {}
    for label, (_, nums) in zip(labels, found, strict=True):
        key = label if label not in out else f"{label}_{len(out) + 1}"
        out[key] = nums
    return out


def nested_counts(question: str) -> pd.DataFrame | None:
    """A table of counts written as a list of lists, ``[[2, 9], [8, 3]]`` (NumPy, SciPy): rows
    by columns, every cell a whole number of at least zero, every row as long."""
    m = _NESTED_ANY.search(question)
    if m is None:
        return None
    rows = [_numbers(r) for r in re.findall(r"\[([^\[\]]*)\]", m.group(0))]
    return _count_frame(rows)


def _count_frame(rows: list[list[float]]) -> pd.DataFrame | None:
    if len(rows) < 2 or len({len(r) for r in rows}) != 1 or len(rows[0]) < 2:
        return None
    if any(v < 0 or v != int(v) for r in rows for v in r):
        return None
    return pd.DataFrame(rows, index=[f"row {i + 1}" for i in range(len(rows))],
                        columns=[f"column {j + 1}" for j in range(len(rows[0]))])  # fmt: skip


def count_table(question: str) -> pd.DataFrame | None:
    """``men: 30 yes, 20 no; women: 25 yes, 35 no`` → rows men/women, columns yes/no; also
    ``x out of n`` per group and ``a recovered / b not recovered`` per group."""
    readers = (nested_counts, code_matrix, slash_table, proportion_table, cell_table, worded_table)
    for reader in readers:
        t = reader(question)
        if t is not None:
            return t
    t = _count_rows(labelled_lists(question), question)
    if t is not None:
        return t
    rows: dict[str, dict[str, float]] = {}
    for m in _COUNT_ROW.finditer(question):
        pairs = re.findall(rf"({_NUM})\s+([A-Za-z][\w\-]*)", m.group(2))
        cells = {w.lower(): float(n) for n, w in pairs if w.lower() not in ("and", "or")}
        if len(cells) >= 2:
            rows[_clean_label(m.group(1))] = cells
    if len(rows) < 2:
        rows = {}
        for m in _COUNT_ROW_LEVEL_FIRST.finditer(question):
            pairs = re.findall(rf"([A-Za-z][\w\-]*)\s*[:=]?\s+({_NUM})", m.group(2))
            cells = {w.lower(): float(n) for w, n in pairs if w.lower() not in ("and", "or")}
            if len(cells) >= 2:
                rows[_clean_label(m.group(1))] = cells
    if len(rows) < 2:
        rows = _colonless_rows(question)
    if len(rows) < 2:
        return None
    cols = sorted(
        {c for r in rows.values() for c in r},
        key=lambda c: (
            list(next(iter(rows.values()))).index(c) if c in next(iter(rows.values())) else 99
        ),
    )
    if any(set(r) != set(cols) for r in rows.values()):
        return None
    return pd.DataFrame(
        [[r[c] for c in cols] for r in rows.values()], index=list(rows), columns=cols
    )


# a row written without a colon, its label (one word or two: "Line A") then each count before
# its column's word ("exposed 2 cases 18 controls, unexposed 9 cases 11 controls")
_BARE_ROW = re.compile(
    r"(?:^|(?<=[,;.:]))\s*(?:\d+\s*[x×]\s*\d+(?:\s+table)?\s*:\s*)?"
    r"([A-Za-z][\w\-]*(?: [A-Za-z0-9][\w\-]*)??)\s+"
    r"((?:\d+\s+[A-Za-z][\w\-]*(?:\s*/\s*|\s+and\s+|\s+)?){2,4})(?=\s*(?:[,;.?!]|[-–—]\s|$))",
    re.IGNORECASE,
)


def _colonless_rows(question: str) -> dict[str, dict[str, float]]:
    """Rows of counts written without a colon, at least two, each with the same column words
    (a small reader beside ``_COUNT_ROW``): {row label: {column word: count}}, or {}."""
    rows: dict[str, dict[str, float]] = {}
    for m in _BARE_ROW.finditer(question):
        pairs = re.findall(r"(\d+)\s+([A-Za-z][\w\-]*)", m.group(2))
        cells = {w.lower(): float(n) for n, w in pairs if w.lower() not in ("and", "or")}
        if len(cells) >= 2 and len(cells) == len(pairs):
            rows[_clean_label(m.group(1))] = cells
    words = [set(r) for r in rows.values()]
    if len(rows) < 2 or any(w != words[0] for w in words):
        return {}
    return rows


_CROSS_CELL = re.compile(
    r"(?<![\w\-])([A-Za-z][\w\-]*)\s*(?:&|\+|×|/)\s*([A-Za-z][\w\-]*)\s*[:=]?\s*(\d+)(?!\d|\.\d)"
)


def cell_table(question: str) -> pd.DataFrame | None:
    """One count per pair of levels: ``App & returned 60, App & kept 215, Web & returned 58,
    Web & kept 167`` -> rows App/Web, columns returned/kept (every pair given, 2 x 2 or more)."""
    cells: dict[str, dict[str, float]] = {}
    for m in _CROSS_CELL.finditer(question):
        cells.setdefault(m.group(1), {})[m.group(2).lower()] = float(m.group(3))
    cols = list(dict.fromkeys(c for row in cells.values() for c in row))
    if len(cells) < 2 or len(cols) < 2 or any(set(r) != set(cols) for r in cells.values()):
        return None
    return pd.DataFrame(
        [[r[c] for c in cols] for r in cells.values()], index=list(cells), columns=cols
    )


_OUT_OF = re.compile(
    r"([A-Za-z][\w\-]*(?: [\w\-]+){0,2}?)\s*(?::|,|\bgot\b|\bhad\b|\bhas\b|\bflagged\b|\bwith\b|—|-)?\s*"
    r"(\d+)\s*((?:[A-Za-z]+\s+){0,2}?)(?:out of|of|in)\s+(\d+)",
    re.IGNORECASE,
)
_SLASH = re.compile(
    r"([A-Za-z][\w\-]*(?: [\w\-]+){0,2}?)\s*[:—–]?\s*(\d+)\s+([A-Za-z][\w\-]*(?: [\w\-]+){0,2}?)\s*(?:/|,|and)\s*"
    r"(\d+)\s+([A-Za-z][\w\-]*(?: [\w\-]+){0,2}?)(?=\s*(?:[,;.]|$|\band\b))",
    re.IGNORECASE,
)
_SLASH_BARE = re.compile(
    r"([A-Za-z][\w\-]*(?: [\w\-]+){0,2}?)\s*[:—–]\s*(\d+)\s*/\s*(\d+)(?=\s*(?:[,;.]|$|\band\b))"
)
_SKIP_LABEL = {"and", "the", "version", "group", "inspector", "while", "but", "vs"}


def _row_label(text: str) -> str:
    words = [w for w in text.split() if w.lower() not in {"and", "the", "while", "but", "whereas"}]
    return " ".join(words[-2:]) if words else text


def proportion_table(question: str) -> pd.DataFrame | None:
    """``A got 45 clicks out of 500, B 68 out of 510`` -> rows A, B; columns event / not."""
    rows: dict[str, list[float]] = {}
    event = "yes"
    for m in _OUT_OF.finditer(question):
        x, n = float(m.group(2)), float(m.group(4))
        if n <= 0 or x > n:
            continue
        label = _row_label(m.group(1))
        event = (m.group(3) or "").strip() or event
        rows[label if label not in rows else f"{label} {len(rows) + 1}"] = [x, n - x]
    if len(rows) < 2:
        return None
    return pd.DataFrame(list(rows.values()), index=list(rows), columns=[event, f"not {event}"])


_ROW_VERB = r"(?::|—|–|\b(?:had|has|got|flagged|with|saw|showed|recorded|counted)\b)"
_WORDED_ROW = (
    r"(?P<label>[A-Za-z][\w\-]*(?:\s+[\w\-]+){0,2}?)\s*%s\s*"
    r"(?P<a>\d+)\s+(?P<wa>[A-Za-z][\w\-]*(?:\s+(?!and\b)[A-Za-z][\w\-]*)?)\s*(?:,|/|\band\b)?\s*"
    r"(?P<b>\d+)\s+(?P<wb>[A-Za-z][\w\-']*(?:\s+[A-Za-z][\w\-']*)?)(?=\s*(?:[,;.?!]|$|\band\b))"
)
_WORDED = (re.compile(_WORDED_ROW % _ROW_VERB, re.I), re.compile(_WORDED_ROW % "", re.I))
# "of the 70 who didn't, 15 got the flu": a group's size first, then its count of the event
_OF_GROUP = re.compile(
    r"\bof\s+(?:the\s+|these\s+)?(?P<n>\d+)\s+(?P<label>[A-Za-z][^,;.\d]{0,50}?),?\s+"
    r"(?P<x>\d+)\s+(?P<event>[A-Za-z][^,;.\d]{0,40}?)(?=\s*(?:[;.?!]|$))",
    re.I,
)
_NEGATION = {"not", "no", "none", "didn't", "did not", "non", "otherwise"}


def worded_table(question: str) -> pd.DataFrame | None:
    """Counts written per group with words after each number: ``inspector 1 flagged 14
    defective and 86 good, inspector 2 flagged 27 defective and 73 good``; ``treatment A had 18
    patients improve and 12 not; treatment B had 9 improve and 21 not``; ``of 80 vaccinated 6 got
    the flu; of the 70 who weren't, 15 got the flu``. Every row must name the same two outcomes."""
    for k, pattern in enumerate(_WORDED):
        rows: dict[str, list[float]] = {}
        cols: tuple[str, str] | None = None
        for m in pattern.finditer(question):
            a = m.group("wa").split()[-1].lower()
            b = m.group("wb").lower()
            if k and b.split()[0] not in _NEGATION:
                continue  # with no verb after the label, only "18 improved 7 not" reads as counts
            b = f"not {a}" if b.split()[0] in _NEGATION else b.split()[-1]
            if cols is None:
                cols = (a, b)
            elif (a, b) != cols:
                return None
            label = _row_label(m.group("label"))
            rows[label if label not in rows else f"{label} {len(rows) + 1}"] = [
                float(m.group("a")),
                float(m.group("b")),
            ]
        if len(rows) >= 2 and cols is not None:
            return pd.DataFrame(list(rows.values()), index=list(rows), columns=list(cols))
    rows = {}
    events = set()
    for m in _OF_GROUP.finditer(question):
        n, x = float(m.group("n")), float(m.group("x"))
        if n <= 0 or x > n:
            continue
        events.add(m.group("event").strip().lower())
        label = _row_label(m.group("label"))
        rows[label if label not in rows else f"{label} {len(rows) + 1}"] = [x, n - x]
    if len(rows) >= 2 and len(events) == 1:
        event = events.pop()
        return pd.DataFrame(list(rows.values()), index=list(rows), columns=[event, f"not {event}"])
    return None


def slash_table(question: str) -> pd.DataFrame | None:
    """``treated 12 recovered / 3 not recovered, control 5 recovered / 9 not recovered``."""
    rows: dict[str, list[float]] = {}
    cols: tuple[str, str] | None = None
    for m in _SLASH.finditer(question):
        c = (m.group(3).strip().lower(), m.group(5).strip().lower())
        if cols is None:
            cols = c
        elif c != cols:
            continue
        rows[_row_label(m.group(1))] = [float(m.group(2)), float(m.group(4))]
    if len(rows) == 1 and cols is not None:
        # later rows may drop the words: "Morning: 14 defective / 486 OK, Evening: 22 / 478"
        for m in _SLASH_BARE.finditer(question):
            label = _row_label(m.group(1))
            if label not in rows and label.lower() not in _SKIP_LABEL:
                rows[label] = [float(m.group(2)), float(m.group(3))]
    if len(rows) < 2 or cols is None:
        return None
    return pd.DataFrame(list(rows.values()), index=list(rows), columns=list(cols))


_PAIR = re.compile(rf"\(\s*({_NUM})\s*[,;]\s*({_NUM})\s*\)")
_ARROW_PAIR = re.compile(rf"(?<![\w.])({_NUM})\s*(?:->|→|=>|⇒)\s*({_NUM})(?!\w|\.\d)")
# pairs of two numbers, one pair per semicolon-separated item (three or more)
_SEMI_PAIR = re.compile(rf"(?:(?<=:)|(?<=;))\s*({_NUM})\s+({_NUM})\s*(?=;|\.(?:\s|$)|$)")
_VS_LABELS = re.compile(
    r"([A-Za-z][\w\- %]{0,30}?)\s*(?:\([^)]{0,15}\))?\s+(?:vs\.?|versus|against|and)\s+"
    r"([A-Za-z][\w\- %]{0,30}?)\s*(?:\([^)]{0,15}\))?\s*[:=]"
)
# (a unit in brackets may stand between the label and its numbers: "ad spend (k) 3, 5, 2")
# (a label may be a code of letters then digits: "K1 6.1 6.3 6.0 6.4", "Kiln2 5.9 6.0 ...")
_BARE_LIST = re.compile(
    rf"([A-Za-z][A-Za-z\-]*\d{{0,3}}(?: [A-Za-z][A-Za-z\-]*\d{{0,3}}){{0,2}})(?:\s*\([^()]{{1,12}}\))?"
    rf"\s+({_LIST})"
)


# a setting written with its unit, then the value measured there: "40 °C 4.8, 45 °C 4.1, ..."
_UNIT_PAIR = re.compile(
    rf"(?:(?<=:)|(?<=,)|(?<=;))\s*({_NUM})\s*(°?\s?[A-Za-zµ%/]{{1,6}})\s+({_NUM})"
    rf"\s*(?=[,;]|\.(?:\s|$)|$)"
)


def _unit_pair_table(question: str) -> pd.DataFrame | None:
    """``Viscosity vs temperature: 40 °C 4.8, 45 °C 4.1, 50 °C 3.6``: each point's setting with
    its unit and the value measured there (three or more points, one unit). The setting is the
    quantity after "vs" (a plot's x), the value the one before it."""
    found = _UNIT_PAIR.findall(question)
    if len(found) < 3 or len({u.replace(" ", "").lower() for _, u, _ in found}) != 1:
        return None
    head = question[: _UNIT_PAIR.search(question).start()]
    names = ["x", "y"]
    labels = list(_VS_LABELS.finditer(head))
    if labels:
        m = labels[-1]
        y = _clean_label(re.sub(r"\s+in\s+\S+$", "", m.group(1).split(",")[-1].strip()))
        x = _clean_label(re.sub(r"\s+in\s+\S+$", "", m.group(2).strip()))
        if x and y and x.lower() != y.lower():
            names = [x, y]
    return pd.DataFrame({names[0]: [float(a) for a, _, _ in found],
                         names[1]: [float(b) for _, _, b in found]})  # fmt: skip


def pair_table(question: str) -> pd.DataFrame | None:
    """``Temperature vs sales: (18, 210), (21, 260), (24, 305)`` -> two columns, one row per
    pair (at least three pairs)."""
    if len(_PAIR.findall(question)) < 3 and len(_UNIT_PAIR.findall(question)) >= 3:
        return _unit_pair_table(question)
    pattern = _PAIR
    pairs = _PAIR.findall(question)
    if len(pairs) < 3:  # "100 → 118, 200 → 228" or "900 1210; 1000 1335; 1100 1490"
        pattern = next(
            (p for p in (_ARROW_PAIR, _SEMI_PAIR) if len(p.findall(question)) >= 3), None
        )
        if pattern is None:
            return None
        pairs = pattern.findall(question)
    head = question[: pattern.search(question).start()]
    names = ["x", "y"]
    found = list(_VS_LABELS.finditer(head))
    tup = re.search(r"\(\s*([A-Za-z][^(),]{0,30}?)\s*,\s*([A-Za-z][^(),]{0,30}?)\s*\)", head)
    if tup:  # "pairs of (dose in mg, response): (5, 2.1), ..."
        a, b = (re.sub(r"\s+in\s+\S+$", "", g.strip()) for g in tup.groups())
        if a and b and a.lower() != b.lower():
            names = [a, b]
            found = []
    if found:
        m = found[-1]
        a = _clean_label(re.sub(r"\s+in\s+\S+$", "", m.group(1).split(",")[-1].strip()))
        b = _clean_label(re.sub(r"\s+in\s+\S+$", "", m.group(2).strip()))
        if a and b and a.lower() != b.lower():
            names = [a, b]
    return pd.DataFrame({names[0]: [float(x) for x, _ in pairs],
                         names[1]: [float(y) for _, y in pairs]})  # fmt: skip


_CELL = re.compile(rf"([A-Za-z][\w\-]*(?: [A-Za-z0-9]\w*)?)\s*:?\s+({_NUM}(?:\s*,?\s*{_NUM})+)")
_UNIT = re.compile(
    rf"(?<![\w\-])([A-Za-z][\w\-]*(?: ?[A-Za-z]?[0-9]+| [A-Z][A-Za-z0-9]?)?)\s*:\s*"
    # (an operator named in two words, as a cell of _CELL is: "op A 5.02 5.03, op B ...")
    rf"((?:[A-Za-z][\w\-]*(?: [A-Za-z0-9]\w*)?\s*:?\s+{_NUM}(?:\s*,?\s*{_NUM})+[\s,;]*)+)",
    re.IGNORECASE,
)


_SEP = r"(?:\s*[,/]\s*|\s+)"  # a separator is required: "3.15" is never "3.1" and "5"
_PIPED_PART = re.compile(
    rf"\b([A-Za-z][\w\-]*\s*#?\s*[A-Za-z0-9]+)\s*:\s*({_NUM}(?:{_SEP}{_NUM})*"
    rf"(?:\s*\|\s*{_NUM}(?:{_SEP}{_NUM})*)+)"
)


def _piped_crossed(question: str) -> pd.DataFrame | None:
    """Parts with each operator's repeats between bars, operators in a fixed order: ``sample 1:
    99.52, 99.55 | 99.58, 99.56 | 99.50, 99.53; sample 2: ...`` (operators "1", "2", ...)."""
    if "|" not in question:
        return None
    rows: list[tuple[str, str, float]] = []
    shape: tuple[int, int] | None = None
    found = list(_PIPED_PART.finditer(question))
    for m in found:
        cells = [_numbers(c) for c in m.group(2).split("|")]
        here = (len(cells), len(cells[0]))
        if here[0] < 2 or here[1] < 2 or any(len(c) != here[1] for c in cells):
            return None
        if shape is not None and here != shape:
            return None
        shape = here
        rows += [(m.group(1).strip(), str(j + 1), x) for j, c in enumerate(cells) for x in c]
    if len(found) < 2:
        return None
    return pd.DataFrame(rows, columns=["part", "operator", "measurement"])


def crossed_table(question: str) -> pd.DataFrame | None:
    """Parts crossed with operators, repeats per cell: ``Part A: op1 44.2, 44.5; op2 44.9,
    45.0. Part B: ...`` or one line per board (``board1: Op1 121.4 122.0, Op2 123.1 122.6``)
    -> a long table part / operator / measurement. Every part must carry the same operators
    (at least two) and every cell the same number of repeats (at least two)."""
    piped = _piped_crossed(question)
    if piped is not None:
        return piped
    rows: list[tuple[str, str, float]] = []
    ops_seen: list[str] | None = None
    reps: int | None = None
    parts = list(_UNIT.finditer(question))
    if len(parts) < 2:
        return None
    for m in parts:
        cells = [(c.group(1).strip(), _numbers(c.group(2))) for c in _CELL.finditer(m.group(2))]
        ops = [c for c, _ in cells]
        if len(ops) < 2 or len(set(ops)) != len(ops) or (ops_seen and ops != ops_seen):
            return None
        if any(len(v) < 2 or (reps and len(v) != reps) for _, v in cells):
            return None
        ops_seen, reps = ops, len(cells[0][1])
        rows += [(m.group(1).strip(), op, x) for op, v in cells for x in v]
    return pd.DataFrame(rows, columns=["part", "operator", "measurement"])


def bare_lists(question: str) -> dict[str, list[float]]:
    """``hours slept 6 7.5 5 8 / reaction ms 310 285 340 270`` -> labelled lists without a
    colon: at least two of them, four or more numbers each."""
    out: dict[str, list[float]] = {}
    for m in _BARE_LIST.finditer(question):
        nums = _numbers(m.group(2))
        label = _clean_label(m.group(1))
        if len(nums) >= 4 and label.lower() not in _LEAD_WORDS:
            out[label if label not in out else f"{label}_{len(out) + 1}"] = nums
    return out if len(out) >= 2 else {}


_SLASHED_LISTS = re.compile(
    rf"(?<![\w.])({_NUM}(?:[ ,]+{_NUM}){{2,}})\s*/\s*({_NUM}(?:[ ,]+{_NUM}){{2,}})(?![\w.])"
)


# ---- samples written as code: "levene([12, 15, 11], [22, 9, 17])", "c(5.1, 5.3, 5.0)" -----
_BRACKET = re.compile(rf"\[\s*({_NUM}(?:\s*[,;]?\s*{_NUM})+)\s*,?\s*\]")
_R_VECTOR = re.compile(rf"(?<![A-Za-z0-9_.])c\(\s*({_NUM}(?:\s*,\s*{_NUM})+)\s*\)")
_NESTED_ANY = re.compile(r"\[\s*\[[^\[\]]*\](?:\s*,\s*\[[^\[\]]*\])+\s*,?\s*\]")
_R_MATRIX = re.compile(
    rf"\b(?:matrix|as\.table)\(\s*c\(\s*({_NUM}(?:\s*,\s*{_NUM})+)\s*\)\s*((?:,\s*[\w.]+\s*=\s*[\w.]+\s*)*)\)"
)
# what a table of counts is asked for (a nested list of whole numbers is then its rows)
_COUNT_ASK = re.compile(
    r"fisher|chi|χ|contingency|cross[- ]?tab|odds|independen|associat|mantel|mcnemar|barnard|"
    r"boschloo|\btable\b",
    re.IGNORECASE,
)


def code_sample_lists(
    question: str, min_len: int = 2, nested_rows: bool = True
) -> list[list[float]]:
    """Samples written as code, one list each, in order: Python lists (``[12, 15, 11]``; also
    the rows of a nested list unless ``nested_rows`` is False) and R vectors
    (``c(5.1, 5.3)``), ``min_len`` numbers or more each."""
    text = question if nested_rows else _NESTED_ANY.sub(" ", question)
    found = [(m.start(), _numbers(m.group(1))) for m in _BRACKET.finditer(text)]
    found += [(m.start(), _numbers(m.group(1))) for m in _R_VECTOR.finditer(text)]
    return [nums for _, nums in sorted(found) if len(nums) >= min_len]


def code_matrix(question: str) -> pd.DataFrame | None:
    """A table of counts written as code, when counts are what the question asks about: a
    nested list ``[[2, 9], [8, 3]]`` (one row per inner list) or R's ``matrix(c(12, 5, 7, 9),
    nrow=2)`` (filled by column unless ``byrow=TRUE``). Every cell a whole number >= 0."""
    if not _COUNT_ASK.search(question):
        return None
    nested = nested_counts(question)
    if nested is not None or _NESTED_ANY.search(question):
        return nested
    m = _R_MATRIX.search(question)
    if m is None:
        return None
    cells = _numbers(m.group(1))
    opts = dict(
        (k.strip().lower(), v.strip().lower())
        for k, v in re.findall(r"([\w.]+)\s*=\s*([\w.]+)", m.group(2))
    )
    nrow = int(opts["nrow"]) if opts.get("nrow", "").isdigit() else 0
    ncol = int(opts["ncol"]) if opts.get("ncol", "").isdigit() else 0
    nrow = nrow or (len(cells) // ncol if ncol else 0)
    if nrow < 2 or len(cells) % nrow:
        return None
    ncol = len(cells) // nrow
    byrow = opts.get("byrow") in ("true", "t")
    grid = np.array(cells).reshape((nrow, ncol) if byrow else (ncol, nrow))
    return _count_frame((grid if byrow else grid.T).tolist())


# two or more unlabelled runs of numbers set against each other: "37.1 37.2 37.0 versus 36.8
# 37.5 37.0", "5.1, 5.3, 4.9 vs. 4.2, 6.1, 5.5"
# (a separator between every two numbers: an optional one let "1500" split into 1, 5, 0, 0
# and the search backtrack exponentially)
_RUN = rf"{_NUM}(?:(?:\s*[,;]\s*|\s+){_NUM}){{2,}}"
_VERSUS_RUNS = re.compile(
    rf"(?<![\w.])({_RUN})\s*,?\s*(?:vs\.?|versus|against|compared (?:to|with))\s+({_RUN})"
    rf"(?:\s*,?\s*(?:vs\.?|versus|against|and)\s+({_RUN}))?(?![\w.])",
    re.IGNORECASE,
)


# a list in brackets right after its label: "temperature (20, 25, 30, 35) and yield (61, 66, ...)"
_PAREN_LIST = re.compile(
    rf"([A-Za-z][\w\-]*(?: [A-Za-z][\w\-]*){{0,2}})\s*\(\s*({_NUM}(?:\s*[,;]\s*{_NUM}){{2,}})\s*\)"
)
# the values first, then what they are for: "12.1, 12.3 and 12.0 for shift A and 13.1, ... for B"
_FOR_LABEL = re.compile(
    rf"(?<![\w.])({_NUM}(?:\s*,\s*{_NUM})*(?:,?\s+and\s+{_NUM})?)\s+(?:for|from|on|at|with|by)\s+"
    r"(?:the\s+)?([A-Za-z][\w\-]*(?:\s+(?!and\b|or\b|vs\b|versus\b)[A-Za-z0-9][\w\-]*)?)",
    re.IGNORECASE,
)
# the label of a list that counts how often each value of the other list occurred
_FREQUENCY_LABEL = re.compile(
    r"^(?:frequency|frequencies|freq|tally|tallies|occurrences|times(?: observed| seen)?|f|"
    r"number of (?:times|occurrences|cases|observations))$",
    re.IGNORECASE,
)
# rows of a table of counts typed as labelled lists ("row 1: 10 20 30, row 2: 15 25 20")
_ROW_LABEL = re.compile(r"^(?:row|r)\s*[\w]{1,3}$", re.IGNORECASE)
_TABLE_ASK = re.compile(r"contingency|cross[- ]?tab|\btable\b|\b\d+\s*[x×]\s*\d+\b", re.IGNORECASE)


def paren_lists(question: str) -> dict[str, list[float]]:
    """Lists in brackets after their labels, two or more of three numbers or more each."""
    out: dict[str, list[float]] = {}
    for m in _PAREN_LIST.finditer(question):
        words = m.group(1).split()
        cut = [i for i, w in enumerate(words) if w.lower() in _LEAD_WORDS | _ASIDE | {"between"}]
        if cut and cut[-1] < len(words) - 1:  # "correlation between temperature (20, 25, ...)"
            words = words[cut[-1] + 1 :]
        label = " ".join(words)
        if label.lower() in _LEAD_WORDS | {"between", "n", "c", "list"}:
            continue
        out[label if label not in out else f"{label}_{len(out) + 1}"] = _numbers(m.group(2))
    return out if len(out) >= 2 else {}


def for_label_lists(question: str) -> dict[str, list[float]]:
    """Values typed before what they are for ("12.1, 12.3 and 12.0 for shift A and 13.1, 13.4
    and 13.0 for shift B"): two or more lists of three numbers or more, each label once."""
    out: dict[str, list[float]] = {}
    for m in _FOR_LABEL.finditer(question):
        nums = _numbers(m.group(1))
        label = m.group(2).strip()
        if len(nums) >= 3 and label.lower() not in _LEAD_WORDS and label not in out:
            out[label] = nums
    return out if len(out) >= 2 else {}


def _frequency_expanded(lists: dict[str, list[float]]) -> pd.DataFrame | None:
    """ "value: 1 2 3 4; frequency: 5 8 12 6": each value repeated as often as counted."""
    if len(lists) != 2:
        return None
    (a, va), (b, vb) = lists.items()
    if _FREQUENCY_LABEL.match(a.strip()) and not _FREQUENCY_LABEL.match(b.strip()):
        (a, va), (b, vb) = (b, vb), (a, va)
    if not _FREQUENCY_LABEL.match(b.strip()) or len(va) != len(vb) or len(va) < 2:
        return None
    if any(f < 0 or f != int(f) for f in vb) or sum(vb) < 2:
        return None
    return pd.DataFrame({a: [v for v, f in zip(va, vb, strict=True) for _ in range(int(f))]})


def _count_rows(lists: dict[str, list[float]], question: str) -> pd.DataFrame | None:
    """Labelled lists that are the rows of a table of counts: labelled as rows ("row 1") or
    typed where a table is asked for, every cell a whole number, every row as long."""
    if len(lists) < 2 or not (
        all(_ROW_LABEL.match(k.strip()) for k in lists) or _TABLE_ASK.search(question)
    ):
        return None
    if not _COUNT_ASK.search(question):
        return None
    t = _count_frame(list(lists.values()))
    if t is not None:
        t.index = list(lists)
    return t


def _sample_frame(lists: list[list[float]]) -> pd.DataFrame:
    n = max(len(v) for v in lists)
    return pd.DataFrame(
        {f"sample {i + 1}": v + [np.nan] * (n - len(v)) for i, v in enumerate(lists)}
    )


def inline_table(question: str) -> pd.DataFrame | None:
    """A table of the question's own numbers, or None when it carries no data."""
    pasted = pasted_table(question)
    if pasted is not None:
        return pasted
    # samples written as code, "levene([12, 15, 11], [22, 9, 17])" (labelled code lists,
    # "before = [5, 6, 7]", keep their labels below; a list of lists is read further down)
    coded = code_sample_lists(question, 3, False) if len(labelled_lists(question)) < 2 else []
    if len(coded) >= 2:
        return _sample_frame(coded)
    runs = _VERSUS_RUNS.search(question)
    if runs and not labelled_lists(question[runs.end() :]):
        # "read the bath six times: 37.1 37.2 ... versus 36.8 37.5 ...": two or three samples
        found = [_numbers(g) for g in runs.groups() if g]
        if all(len(v) >= 3 for v in found):
            return _sample_frame(found)
    design = design_table(question)
    if design is not None:
        return design
    pairs = pair_table(question)
    if pairs is not None:
        return pairs
    nested = crossed_table(question)
    if nested is not None:
        return nested
    slashed = _slashed_xy_table(question)
    if slashed is not None:
        return slashed
    halves = _SLASHED_LISTS.search(question)
    if halves:  # "these ranks: 3 1 4 2 5 / 2 1 5 3 4": two paired lists split by a slash
        a, b = _numbers(halves.group(1)), _numbers(halves.group(2))
        if len(a) == len(b) >= 3:
            return pd.DataFrame({"x": a, "y": b})
    if code_matrix(question) is not None:
        return None  # a table of counts, read by ``count_table``
    lists = labelled_lists(question)
    if len(lists) < 2:
        # values before what they are for first: the bare reader would take "we measured 4.1,
        # 4.4 ... on press 1 and 4.9 ..." as lists labelled "we measured" and "on press"
        lists = for_label_lists(question) or bare_lists(question) or paren_lists(question) or lists
    if _count_rows(lists, question) is not None:
        return None  # the rows of a table of counts, read by ``count_table``
    expanded = _frequency_expanded(lists)
    if expanded is not None:
        return expanded
    if len(lists) < 2:  # samples as code, or set against each other unlabelled
        coded = code_sample_lists(question)
        if len(coded) >= 2 and sum(map(len, coded)) >= 4:
            return _sample_frame(coded)
        if not lists and len(coded := code_sample_lists(question)) == 1 and len(coded[0]) >= 3:
            return pd.DataFrame({"x": coded[0]})  # "np.median([3, 7, 8, 12])"
    if len(lists) >= 1 and sum(len(v) for v in lists.values()) >= 4:
        n = max(len(v) for v in lists.values())
        return pd.DataFrame({k: v + [np.nan] * (n - len(v)) for k, v in lists.items()})
    # (or after the question itself: "Are these waiting times exponential? 0.8, 3.1, ...")
    m = re.search(rf"(?::|\?|\bare\b|\bwere\b|=|\bof\b|\bdata\b|\bvalues\b)\s*({_LIST})", question)
    nums = _numbers(m.group(1)) if m else []
    if len(nums) >= 4:
        return pd.DataFrame({"x": nums})
    # one list right after the words that name it: "batch yields 94.2, 95.1, 93.8, 96.0 %"
    single = [
        (_clean_label(b.group(1)), _numbers(b.group(2))) for b in _BARE_LIST.finditer(question)
    ]
    single = [(lab, v) for lab, v in single if len(v) >= 4 and lab.lower() not in _LEAD_WORDS]
    if len(single) == 1:
        label = single[0][0]
        if label.split()[-1].lower() in _ASIDE | {"to", "vs", "versus", "test"}:
            label = "x"  # "normality test on 10.1 10.3 ...": a clause, not the data's name
        return pd.DataFrame({label: single[0][1]})
    return None


# ---- two-level experiments typed into the question -------------------------------------------
_SIGN_CELL = r"(?:[-+−]?1(?:\.0)?|[-+−]|0)"
_SIGN_TUPLE = re.compile(rf"\(\s*({_SIGN_CELL}(?:\s*,\s*{_SIGN_CELL})+)\s*\)")
_NAME_TUPLE = re.compile(r"\(\s*([A-Za-z]\w*(?:\s*,\s*[A-Za-z]\w*)+)\s*\)\s*=")
_STD_ORDER = re.compile(
    r"\b2\s*\^\s*\(?\s*(\d+)(?:\s*-\s*\d+\s*\))?|\b(\d+|two|three|four|five)[- ]factor\b", re.I
)
_RESPONSE_LIST = re.compile(
    rf"(?:response\s+)?([A-Za-z][A-Za-z0-9_]*)\s*(?:\([^)]{{0,20}}\))?\s*(?:=|:|\bwere\b|\bare\b)\s*"
    rf"({_LIST})",
    re.IGNORECASE,
)


def _sign(text: str) -> float:
    text = text.strip()
    if text in ("0", "0.0"):
        return 0.0
    return -1.0 if text.startswith(("-", "−")) else 1.0


# a factor named with its two settings in words: "Temp lo/hi", "time low/high", "pH (low, high)"
_LOHI = re.compile(
    r"([A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*)?)\s*\(?\s*(?:lo|low)\s*(?:/|,|-|to|and)\s*(?:hi|high)\b",
    re.I,
)
# centre points typed after the factorial runs: "centre points 68.5, 69.1, 68.0"
_CENTRE = re.compile(rf"\bcent(?:re|er)(?:\s*(?:points?|runs?|pts?))?\s*[:=]?\s*({_LIST})", re.I)


def _sign_tuple_table(question: str) -> pd.DataFrame | None:
    """``(A,B,C) = (-,-,+) y=12.1; (+,-,-) y=15.3; ...``: one run per sign tuple. Without the
    names' tuple the factors are those named with their low and high settings ("Temp lo/hi,
    Time lo/hi: (-,-) 61, (+,-) 70, ...") or A, B, C ...; centre points typed after the runs
    ("centre points 68.5, 69.1") are runs at 0."""
    head = _NAME_TUPLE.search(question)
    rows = list(_SIGN_TUPLE.finditer(question))
    if len(rows) < 4:
        return None
    width = len(rows[0].group(1).split(","))
    if head:
        names = [n.strip() for n in head.group(1).split(",")]
    else:
        if not any(re.search(r"[-−]", m.group(1)) for m in rows):
            return None  # "(1, 1)" is a pair of numbers unless some run is at a low level
        named = [m.group(1).strip() for m in _LOHI.finditer(question[: rows[0].start()])]
        names = named if len(named) == width else list("ABCDEFGH"[:width])
    data: list[list[float]] = []
    reps: list[list[float]] = []
    response = "y"
    lead = re.search(r"([A-Za-z][\w\-]*)\s*[:=]\s*$", question[: rows[0].start()])
    design_words = (
        "runs",
        "results",
        "data",
        "design",
        "points",
        "point",
        "order",
        "responses",
        "reps",
        "replicates",
        "replications",
        "repeats",
        "replicated",
        "duplicates",
        "each",
        "every",
        "both",
        "all",
        "are",
        "were",
        "is",
        "was",
        "them",
        "these",
    )
    if not head and lead and lead.group(1).lower() not in design_words:
        response = lead.group(1)
    for i, m in enumerate(rows):
        signs = [_sign(s) for s in m.group(1).split(",")]
        end = rows[i + 1].start() if i + 1 < len(rows) else len(question)
        after = question[m.end() : end]
        y = re.match(rf"\s*(?:([A-Za-z]\w*)\s*)?[=:]?\s*({_NUM})(?!\w|\.\d)", after)
        if len(signs) != len(names) or not y:
            return None
        response = y.group(1) or response
        # replicates typed after the first response of the run: "(+,-) 63, 61; (-,+) 52, 54"
        more = re.match(
            rf"(?:\s*[,/&]?\s*(?:and\s+)?{_NUM}(?!\w|\.\d|\s*[,/]?\s*\())*", after[y.end() :]
        )
        reps.append([float(y.group(2)), *_numbers(more.group(0))] if more else [float(y.group(2))])
        data.append([*signs, float(y.group(2))])
    if len({len(r) for r in reps}) == 1 and len(reps[0]) > 1:  # every run replicated alike
        data = [[*d[:-1], v] for d, r in zip(data, reps, strict=True) for v in r]
    centre = _CENTRE.search(question, rows[-1].end())
    if centre:
        data += [[0.0] * len(names) + [y] for y in _numbers(centre.group(1))]
    if len(set(names + [response])) != len(names) + 1:
        return None
    return pd.DataFrame(data, columns=[*names, response])


def _coded_lists_table(question: str) -> pd.DataFrame | None:
    """``A = -1 +1 -1 +1, B = -1 -1 +1 +1, y = 28 36 18 31 and 25 32 19 30``: coded factor
    columns and a response with one or more replicates of the same run order."""
    lists = labelled_lists(question)
    coded = {k: v for k, v in lists.items() if len(v) >= 4 and set(v) <= {-1.0, 1.0, 0.0}}
    m = len(next(iter(coded.values()))) if coded else 0
    if len(coded) < 2 or any(len(v) != m for v in coded.values()):
        return None
    resp = [k for k in lists if k not in coded]
    if len(resp) != 1:
        return None
    # the response's numbers run on past notes in brackets ("(first replicate) and 25 32 ...")
    at = re.search(rf"\b{re.escape(resp[0])}\s*(?::|=|\bwas\b|\bwere\b)", question)
    tail = re.split(r"[.?!](?:\s|$)", question[at.end() :] if at else "")[0]
    nums = _numbers(re.sub(r"\([^)]*\)", " ", tail))
    if not nums or len(nums) % m:
        return None
    reps = len(nums) // m
    out = {k: v * reps for k, v in coded.items()}
    out[resp[0]] = nums
    return pd.DataFrame(out)


def _standard_order_table(question: str) -> pd.DataFrame | None:
    """``Runs in standard order for a 2^3 in Temp, Time and Conc; response strength = ...``:
    the response list with the 2^k settings in standard (Yates) order, the first factor
    changing fastest."""
    if not re.search(r"\b(standard|yates|std\.?) order\b", question, re.I):
        return None
    k_m = _STD_ORDER.search(question)
    resp = list(_RESPONSE_LIST.finditer(question))
    if not k_m or len(resp) != 1:
        return None
    word = (k_m.group(1) or k_m.group(2)).lower()
    k = int(word) if word.isdigit() else {"two": 2, "three": 3, "four": 4, "five": 5}[word]
    nums = _numbers(resp[0].group(2))
    if not 2 <= k <= 6 or len(nums) % 2**k:
        return None
    names_m = re.search(
        r"\b(?:in|on|over|of|for|with|factors?)\s+([A-Za-z]\w*(?:\s*,\s*[A-Za-z]\w*)*,?\s+and\s+[A-Za-z]\w*)",
        question[k_m.end() :],
    )
    names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", names_m.group(1)) if names_m else []
    if len(names) != k:
        names = _leveled_factors(question)
    if len(names) != k:
        names = [chr(ord("A") + i) for i in range(k)]
    reps = len(nums) // 2**k
    runs = np.array([[1.0 if (i >> j) & 1 else -1.0 for j in range(k)] for i in range(2**k)])
    out = {n: np.tile(runs[:, j], reps) for j, n in enumerate(names)}
    label = resp[0].group(1)
    if label.lower() == "order":  # "Germination (%) in standard order: 78, 85, ..."
        before = re.search(
            r"([A-Za-z][\w\-]*)\s*(?:\([^)]{0,20}\))?\s*,?\s*(?:listed\s+|given\s+)?in\s+"
            r"(?:standard|yates|std\.?)\s+$",
            question[: resp[0].start(1)],
            re.I,
        )
        label = before.group(1) if before else "y"
        if label.lower() in ("responses", "results", "data", "values", "observations"):
            label = "y"
    out[label if label not in out else "y"] = nums
    return pd.DataFrame(out)


# a factor given with its two settings: "cure time 30/60 min", "temperature (15 C, 25 C)"
_LEVELED = re.compile(
    rf"([A-Za-z][A-Za-z\-]*(?:\s+[A-Za-z][A-Za-z\-]*){{0,2}})\s*(?:\(\s*{_NUM}\s*[^\s,()/0-9]*"
    rf"\s*(?:,|/|to|and)\s*{_NUM}\s*[^\s,()0-9]*\s*\)|{_NUM}\s*/\s*{_NUM})"
)
_LEVEL_LEAD = {"and", "with", "the", "of", "at", "factors", "factor", "were", "are", "run", "was",
               "conducted", "including", "levels", "settings"}  # fmt: skip


def _leveled_factors(question: str) -> list[str]:
    """The factors a question lists with their low and high settings, in order of mention."""
    names = []
    for m in _LEVELED.finditer(question):
        words = m.group(1).split()
        while words and words[0].lower() in _LEVEL_LEAD:
            words = words[1:]
        if words:
            names.append(" ".join(words))
    return names if len(set(names)) == len(names) else []


_FRACTION = re.compile(r"\b2\s*\^\s*\(?\s*(\d)\s*-\s*(\d)\s*\)?")
_GENERATOR = re.compile(r"\b([A-H])\s*=\s*([-+−]?)\s*([A-H]{2,7})\b")


def _fraction_order_table(question: str) -> pd.DataFrame | None:
    """``2^(4-1), D = ABC, responses in standard order: 45.2, 71.8, ...``: a fractional
    factorial typed as its generators and the responses in standard order of the base factors
    (the first changing fastest); each generated factor the product of its letters (a minus
    sign: the other half)."""
    if not re.search(r"\b(standard|yates|std\.?) order\b", question, re.I):
        return None
    fm = _FRACTION.search(question)
    resp = list(_RESPONSE_LIST.finditer(question))
    if not fm or len(resp) != 1:
        return None
    k, p = int(fm.group(1)), int(fm.group(2))
    base = k - p
    gens = {
        g.group(1): (g.group(2) in ("-", "−"), g.group(3)) for g in _GENERATOR.finditer(question)
    }
    letters = [chr(ord("A") + i) for i in range(k)]
    if not 1 <= p < k <= 8 or base < 2 or sorted(gens) != letters[base:]:
        return None
    if any(set(word) - set(letters[:base]) for _, word in gens.values()):
        return None  # a generator must be a product of the base factors
    nums = _numbers(resp[0].group(2))
    m = 2**base
    if not nums or len(nums) % m:
        return None
    runs = [[1.0 if (i >> j) & 1 else -1.0 for j in range(base)] for i in range(m)]
    cols = {letters[j]: [r[j] for r in runs] for j in range(base)}
    for g, (neg, word) in sorted(gens.items()):
        col = []
        for i in range(m):
            v = -1.0 if neg else 1.0
            for ch in word:
                v *= cols[ch][i]
            col.append(v)
        cols[g] = col
    reps = len(nums) // m
    out = {c: v * reps for c, v in cols.items()}
    out["y"] = nums
    return pd.DataFrame(out)


# "20/30/40/50 °C -> 118, 84, 63, 50 mPa·s": settings written with slashes, an arrow, and
# what was measured at each
_SLASHED_XY = re.compile(
    rf"(?P<x>{_NUM}(?:\s*/\s*{_NUM}){{2,}})\s*(?P<xu>[^\s\d,;:→>=-]{{0,6}})\s*"
    rf"(?:→|->|=>|⟶|gives?|gave|:)\s*(?P<y>{_LIST})"
)
_XY_NAMES = re.compile(
    r"([A-Za-z][A-Za-z\- ]{1,30}?)\s+(?:vs\.?|versus|against)\s+([A-Za-z][A-Za-z\- ]{1,30}?)\s*[,:(]"
)


def _slashed_xy_table(question: str) -> pd.DataFrame | None:
    """Settings written with slashes and the responses after an arrow, one for each setting:
    an x column and a y column, named by "Y vs X" when the question says so."""
    m = _SLASHED_XY.search(question)
    if not m:
        return None
    xs, ys = _numbers(m.group("x")), _numbers(m.group("y"))
    if len(xs) != len(ys) or len(xs) < 3:
        return None
    names = _XY_NAMES.search(question[: m.start()])
    yname, xname = (names.group(1).strip(), names.group(2).strip()) if names else ("y", "x")
    if yname.lower() == xname.lower():
        yname, xname = "y", "x"
    return pd.DataFrame({xname: xs, yname: ys})


def design_table(question: str) -> pd.DataFrame | None:
    """A two-level experiment typed into the question: sign tuples per run, coded -1/+1 lists
    with the response (replicates in the same order), or a response list in standard order."""
    from havoc_srs.reader.design_rows import (
        assigned_runs_table,
        captioned_rows_table,
        named_rows_table,
    )
    from havoc_srs.reader.pasted import yates_table

    for reader in (
        _sign_tuple_table, _coded_lists_table, _fraction_order_table, _standard_order_table,
        yates_table,
        named_rows_table, captioned_rows_table, assigned_runs_table,
    ):  # fmt: skip
        t = reader(question)
        if t is not None:
            return t
    return None
