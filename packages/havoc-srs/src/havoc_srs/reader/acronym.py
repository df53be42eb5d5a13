"""Headers and questions that abbreviate each other by initials: the header ``FTR`` asked as
"the full-time result", ``RI`` as "refractive index"; the question's "AE" for the header
``adverse_event``, "LOS" for ``length_of_stay``.

An acronym is two to five letters; its expansion is a run of consecutive words of the other
side whose first letters spell it ("of", "and", "the" may stand between and are skipped, as in
"length of stay"). Both must be whole words, the acronym written in capitals on the question's
side (lower-case "ae" is not read as one).

>>> import pandas as pd
>>> from havoc_srs.data import Dataset
>>> ds = Dataset.from_frame(pd.DataFrame({"FTR": list("HDA"), "adverse_event": [0, 1, 0]}))
>>> [m.column for m in acronym_mentions("the full-time result against whether an AE occurred", ds)]
['FTR', 'adverse_event']
"""

from __future__ import annotations

import re
from typing import Any

from havoc_srs.reader.columns import _COMMON_CODES, _NOT_COLUMN, Mention
from havoc_srs.reader.text import split_name

_SKIP = frozenset("of and the a an".split())
_WORD = re.compile(r"[A-Za-z]+")


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _SKIP).lower()


def _runs(question: str, acronym: str) -> list[tuple[int, int]]:
    """Spans of consecutive question words whose initials spell ``acronym``."""
    words = list(_WORD.finditer(question))
    out = []
    for i, first in enumerate(words):
        if first.group(0).lower() in _SKIP or first.group(0)[0].lower() != acronym[0]:
            continue
        got, j = "", i
        while j < len(words) and len(got) < len(acronym):
            w = words[j].group(0)
            if w.lower() not in _SKIP:
                got += w[0].lower()
            j += 1
        used = [w.group(0) for w in words[i:j] if w.group(0).lower() not in _SKIP]
        short = 4 if len(acronym) == 2 else 3  # "rank it" does not spell RI
        if (
            got == acronym
            and words[j - 1].group(0).lower() not in _SKIP
            and all(len(w) >= short for w in used)
            and not any(w.lower() in _NOT_COLUMN for w in used)  # "mean and standard" != MS
        ):
            out.append((first.start(), words[j - 1].end()))
    return out


def acronym_mentions(question: str, ds: Any) -> list[Mention]:
    """Column mentions found through initials, either way (see the module doc)."""
    out: list[Mention] = []
    for column in ds.frame.columns:
        name = str(column).strip()
        if re.fullmatch(r"[A-Z]{2,5}", name):  # the header is the acronym
            for start, end in _runs(question, name.lower())[:1]:
                out.append(Mention(column, start, end, 0.95, "column", None, "initials of words"))
            continue
        words = [w for w in split_name(name) if w.isalpha()]
        if len(words) < 2:
            continue
        acro = _initials(words)
        if not 2 <= len(acro) <= 5 or acro in _COMMON_CODES:  # "SD" is a statistic
            continue
        hit = re.search(rf"(?<![A-Za-z]){re.escape(acro.upper())}s?(?![A-Za-z])", question)
        if hit:  # the question's acronym ("AE") of a header's words (adverse_event)
            out.append(Mention(column, hit.start(), hit.end(), 0.95, "column", None, "acronym"))
    return out
