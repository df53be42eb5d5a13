"""An exercise in lettered parts of which the question asks one: "(a) Explain aliasing. (b)
Construct a 2^(5-1) design. (c) Discuss blocking. Answer (b)." -> the shared stem and part (b)
only, so that the other parts' words (explain, discuss) do not decide what is asked.

>>> asked_part("Five factors. (a) Explain aliasing. (b) Build a 2^(5-1) design. Answer (b).")
'Five factors. Build a 2^(5-1) design.'
>>> asked_part("(a) Find the mean. (b) Find the median.")  # no part chosen: unchanged
'(a) Find the mean. (b) Find the median.'
"""

from __future__ import annotations

import re

_PART = re.compile(r"(?:^|(?<=\s))\(([a-h])\)\s*")
_CHOSEN = re.compile(
    r"\b(?:answer|do|solve|only|just|complete|attempt)\s+(?:only\s+|just\s+)?(?:part\s+)?"
    r"\(([a-h])\)(?:\s+only)?\s*[.!]?\s*$|\bonly\s+part\s+\(?([a-h])\)?\s*[.!]?\s*$",
    re.IGNORECASE,
)


def asked_part(question: str) -> str:
    """The stem and the one lettered part the question asks to be answered; ``question``
    unchanged unless it has two or more parts and names one of them at its end."""
    chosen = _CHOSEN.search(question)
    if not chosen:
        return question
    letter = (chosen.group(1) or chosen.group(2)).lower()
    body = question[: chosen.start()]
    marks = list(_PART.finditer(body))
    letters = [m.group(1).lower() for m in marks]
    if len(marks) < 2 or letter not in letters or len(set(letters)) != len(letters):
        return question
    i = letters.index(letter)
    end = marks[i + 1].start() if i + 1 < len(marks) else len(body)
    stem = body[: marks[0].start()].strip()
    part = body[marks[i].end() : end].strip()
    return f"{stem} {part}".strip()
