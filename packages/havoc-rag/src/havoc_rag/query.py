"""Query clean-up before retrieval: pasted data is not what a question is about.

A question often carries its data ("are these normal? 10.1 10.3 9.9 10.0 10.2"). The digits
match nothing useful in the handbook but they do drag in notes that happen to contain numbers
(worked examples, tables of constants), and they dilute a sentence embedding. ``clean_query``
removes them and keeps the words, and the numbers that belong to the question itself
("5 factors", "alpha 0.05", "Cpk of 1.33", "a 2^3 design").
"""

from __future__ import annotations

import re

# One pasted number: sign, digits with an optional decimal point, exponent, percent sign.
_SIMPLE = r"[-+−]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?%?"
_NUMBER_TOKEN = re.compile(rf"^{_SIMPLE}$")
# A run of three or more numbers separated only by blanks, commas, semicolons, tabs, bars or
# slashes (and optionally wrapped in brackets): "10.1 10.3 9.9", "[1, 2, 3]", "4;5;6".
_SEP = r"[\s,;|/]+"
_RUN = re.compile(rf"[\[(]?(?<![\w.]){_SIMPLE}(?:{_SEP}{_SIMPLE}){{2,}}(?!\w|\.\d)[\])]?")
_CELL_SPLIT = re.compile(r"[\s,;|\t]+")
_SPACES = re.compile(r"[ \t]{2,}")


def _is_number(cell: str) -> bool:
    return bool(_NUMBER_TOKEN.match(cell.strip("()[]{}")))


def _is_data_row(line: str) -> bool:
    """A pasted table row: at least two cells, and numbers in at least half of them."""
    cells = [c for c in _CELL_SPLIT.split(line.strip()) if c]
    numbers = sum(_is_number(c) for c in cells)
    return numbers >= 2 and numbers * 2 >= len(cells)


def clean_query(text: str) -> str:
    """``text`` without pasted data: table rows and runs of three or more numbers.

    Lines of a multi-line query whose cells are mostly numbers (CSV/TSV rows, ``A 10.1 10.3``)
    are dropped; inside any line, a run of three or more numbers separated only by spaces,
    commas, semicolons, tabs, bars or slashes is dropped. Numbers that stand alone or in pairs
    stay ("5 factors", "alpha = 0.05", "between 10 and 12"). Whitespace is tidied. A text made of
    data only comes back empty.

    >>> clean_query("Is this process stable? 10.1 10.3 9.9 10.0 10.2")
    'Is this process stable?'
    >>> clean_query("Cpk for spec limits 10 and 12, data: 10.4, 11.2, 10.9, 11.5")
    'Cpk for spec limits 10 and 12, data:'
    >>> clean_query("fractional factorial for 5 factors at alpha 0.05")
    'fractional factorial for 5 factors at alpha 0.05'
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_query expects a str, got {type(text).__name__}")
    lines = text.splitlines()
    if len(lines) > 1:
        lines = [line for line in lines if not _is_data_row(line)]
    kept = []
    for line in lines:
        line = _RUN.sub(" ", line)
        line = _SPACES.sub(" ", line).strip()
        line = re.sub(r"\s+([,.;:?!])(?=\s|$)", r"\1", line)  # "stable ?" after a removed run
        line = re.sub(r"([,.;:?!])[,.;]+(?=\s|$)", r"\1", line)  # "normal:." -> "normal:"
        line = re.sub(r"(?:^|(?<=\s))[,;|/]+(?=\s|$)", "", line).strip()  # orphan separators
        if line:
            kept.append(_SPACES.sub(" ", line))
    return "\n".join(kept).strip()


__all__ = ["clean_query"]
