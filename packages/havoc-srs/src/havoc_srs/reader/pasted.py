"""Tables pasted into the question: a header line and rows of numbers, or pairs written with
arrows or separated by semicolons.

- A block of lines copied from a spreadsheet or a CSV file: ``Load (kN);Deflection (mm)`` then
  ``2;0,41`` ... (comma, semicolon, tab or spaces between the cells; a decimal comma when the
  cells are not separated by commas) -> one column per header.
- Pairs with arrows: ``current (mA) vs output (lm): 100 → 118, 200 → 228, ...`` -> two columns
  named by the words before the colon.
- Tuples separated by semicolons: ``speed (rpm) and airflow (m3/h): 900 1210; 1000 1335; ...``.

At least three rows in every case; every row has the same number of cells.

>>> pasted_table("Load (kN);Deflection (mm)\\n2;0,41\\n4;0,80\\n6;1,22").to_dict("list")
{'Load (kN)': [2.0, 4.0, 6.0], 'Deflection (mm)': [0.41, 0.8, 1.22]}
>>> pasted_table("speed vs output: 1 -> 10, 2 -> 19, 3 -> 31").columns.tolist()
['speed', 'output']
"""

from __future__ import annotations

import re

import pandas as pd

_NUM = r"[-+]?(?:\d+(?:[.,]\d+)?|[.,]\d+)"
_CELL = re.compile(rf"^\s*{_NUM}\s*$")
_SEPARATORS = ("\t", ";", ",", None)  # None: runs of spaces
_MIN_ROWS = 3


def _cells(line: str, sep: str | None) -> list[str]:
    parts = line.split(sep) if sep else line.split()
    return [p.strip() for p in parts]


def _number(cell: str, sep: str | None) -> float | None:
    cell = cell.strip().replace("−", "-")
    if not _CELL.match(cell):
        return None
    if "," in cell:
        if sep == ",":
            return None
        cell = cell.replace(",", ".")  # a decimal comma ("0,41")
    return float(cell)


def _header(line: str, sep: str | None, k: int) -> list[str] | None:
    """The column names on the line above the rows: k cells, none of them a number."""
    line = line.strip().rstrip(":")
    cells = _cells(line, sep)
    if sep is None and len(cells) != k:
        return None
    if len(cells) != k or any(not c or _number(c, sep) is not None for c in cells):
        return None
    if len({c.lower() for c in cells}) != k or any(len(c) > 40 for c in cells):
        return None
    return cells


def _block(question: str) -> pd.DataFrame | None:
    lines = question.splitlines()
    for sep in _SEPARATORS:
        i = 0
        while i < len(lines):
            rows: list[list[float]] = []
            j = i
            while j < len(lines):
                cells = _cells(lines[j], sep)
                nums = [_number(c, sep) for c in cells]
                if len(cells) < 2 or any(v is None for v in nums):
                    break
                if rows and len(nums) != len(rows[0]):
                    break
                rows.append([float(v) for v in nums if v is not None])
                j += 1
            if len(rows) >= _MIN_ROWS and i > 0:
                head = _header(lines[i - 1], sep, len(rows[0]))
                if head is not None:
                    return pd.DataFrame(rows, columns=head)
            i = j + 1 if j > i else i + 1
    return None


# the two quantities named before the data: "X (unit) vs Y (unit):", "X and Y:"
_NAMES = re.compile(
    r"([A-Za-z][\w\- ]{0,40}?(?:\s*\([^)]{0,15}\))?)\s+(?:vs\.?|versus|against|and|to)\s+"
    r"([A-Za-z][\w\- ]{0,40}?(?:\s*\([^)]{0,15}\))?)\s*(?::|=|\bis\b|\bwas\b)"
)
_ARROW = re.compile(rf"({_NUM})\s*(?:→|->|=>|⟶|➜)\s*({_NUM})(?![\d])")
_TUPLE = re.compile(rf"(?<![\w.,]){_NUM}(?:[ \t]+{_NUM})+(?=\s*(?:;|$|\.\s|\.$))")


def _names(head: str) -> list[str]:
    found = list(_NAMES.finditer(head))
    if not found:
        return ["x", "y"]
    m = found[-1]
    a = re.split(r"[,:;.]\s*", m.group(1))[-1].strip()
    b = m.group(2).strip()
    # drop a leading phrase ("Drill-core samples, copper grade" -> "copper grade")
    a = re.sub(r"^(?:the|our|a|an)\s+", "", a, flags=re.I)
    b = re.sub(r"^(?:the|our|a|an)\s+", "", b, flags=re.I)
    return [a, b] if a and b and a.lower() != b.lower() else ["x", "y"]


def _arrows(question: str) -> pd.DataFrame | None:
    pairs = _ARROW.findall(question)
    if len(pairs) < _MIN_ROWS:
        return None
    first = _ARROW.search(question)
    names = _names(question[: first.start()] if first else "")
    x = [float(a.replace(",", ".")) for a, _ in pairs]
    y = [float(b.replace(",", ".")) for _, b in pairs]
    return pd.DataFrame({names[0]: x, names[1]: y})


def _tuples(question: str) -> pd.DataFrame | None:
    colon = question.find(":")
    if colon < 0:
        return None
    body = question[colon + 1 :]
    parts = [p.strip() for p in re.split(r";", body)]
    rows: list[list[float]] = []
    for p in parts:
        m = re.match(rf"^({_NUM}(?:[ \t]+{_NUM})+)(?=$|\.\s|\.$|\s*$)", p)
        if not m:
            if rows:  # the text after the last tuple
                last = re.match(rf"^({_NUM}(?:[ \t]+{_NUM})+)\b", p)
                if last:
                    rows.append([float(v.replace(",", ".")) for v in last.group(1).split()])
                break
            continue
        rows.append([float(v.replace(",", ".")) for v in m.group(1).split()])
    if len(rows) < _MIN_ROWS or len({len(r) for r in rows}) != 1 or len(rows[0]) != 2:
        return None
    names = _names(question[: colon + 1])
    return pd.DataFrame(rows, columns=names)


def pasted_table(question: str) -> pd.DataFrame | None:
    """The pasted table of the question, or None when it has none of these layouts."""
    for reader in (_block, _arrows, _tuples):
        t = reader(question)
        if t is not None:
            return t
    return None
