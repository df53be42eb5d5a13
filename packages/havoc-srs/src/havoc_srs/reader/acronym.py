"""Headers and questions that abbreviate each other by initials, and wide tables named by month.

- A header spelt by the initials of question words: ``FTR`` asked as "the full-time result",
  ``RI`` as "refractive index"; a short first header word does the same (``rt_ms`` as "reaction
  time", ``MP_total`` as "minutes played", misspelt "minuts played" too), when no other column
  starts with that word.
- The question's acronym of a header's words: "AE" for ``adverse_event``, "LOS" for
  ``length_of_stay``.
- A wide table with one column per month ("Jan kWh", "Feb kWh", ...) named by the month written
  out ("the January use"): the one header holding that month's abbreviation.

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

from havoc_srs.reader.text import STOP, split_name, tokens

_SKIP = frozenset("of and or the a an".split())
_COUNTED = frozenset(("of", "and"))
_WORD = re.compile(r"[A-Za-z]+")
_MONTHS = ("january february march april may june july august september october november "
           "december").split()  # fmt: skip


# nouns that take their quantity with "of" ("the coefficient of performance"), which English
# also puts after it as a compound ("the performance coefficient" for COP, "the stay length"
# for LOS): an acronym X-o-Y is spelt by the two words "Y X" when X is one of them
_OF_HEADS = frozenset(
    "coefficient index rate ratio factor degree number angle point length level modulus "
    "measure percentage fraction proportion share grade loss limit".split()
)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _SKIP).lower()


def _spell(words: list[str], i: int, rest: str) -> int | None:
    """The end index of the words from ``i`` whose initials spell ``rest``; a little word may be
    skipped ("the", "a", "an", "of", "and"), and "of" and "and" may also count, as in LOS for
    "length of stay" (but "fit the regression" does not spell FTR)."""
    if not rest:
        return i
    if i >= len(words):
        return None
    w = words[i].lower()
    if w[0] == rest[0] and (w not in _SKIP or w in _COUNTED):
        end = _spell(words, i + 1, rest[1:])
        if end is not None and (len(rest) > 1 or w not in _SKIP):
            return end
    return _spell(words, i + 1, rest) if w in _SKIP else None


def _runs(question: str, acronym: str, not_column: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of consecutive question words whose initials spell ``acronym``."""
    found = list(_WORD.finditer(question))
    words = [w.group(0) for w in found]
    out = []
    for i, first in enumerate(words):
        if first.lower() in _SKIP or first[0].lower() != acronym[0]:
            continue
        j = _spell(words, i, acronym)
        if j is None:
            continue
        used = [w for w in words[i:j] if w.lower() not in _SKIP]
        short = 4 if len(acronym) == 2 else 3  # "rank it" does not spell RI
        if all(len(w) >= short for w in used) and not any(
            w.lower() in not_column or w.lower() in STOP for w in used
        ):  # "mean and standard" does not spell MS
            out.append((found[i].start(), found[j - 1].end()))
    if len(acronym) == 3 and acronym[1] == "o":  # "X of Y" said as the compound "Y X"
        for a, b in zip(found, found[1:], strict=False):
            mod, head = a.group(0).lower(), b.group(0).lower()
            if (
                head[0] == acronym[0]
                and mod[0] == acronym[2]
                and head.rstrip("s") in _OF_HEADS
                and len(mod) >= 4
                and mod not in not_column
                and mod not in STOP
            ):
                out.append((a.start(), b.end()))
    return out


def _first_word(column: Any) -> str | None:
    """The first header word that is not a unit ("rt" of ``rt_ms``, "mp" of ``MP (min)``)."""
    from havoc_srs.reader.columns import UNITS

    words = [w for w in split_name(str(column).split("(")[0]) if w not in UNITS]
    return words[0] if words else None


def _spelt_word(column: Any, first_words: dict[str, list[Any]]) -> tuple[str, float] | None:
    """The word of ``column`` that question initials may spell, with the mention's score: the
    whole header when it is an acronym in capitals, else a short first word of no other
    column that the abbreviation table does not already spell out."""
    from havoc_srs.reader.columns import ABBREVIATIONS

    name = re.sub(r"[\(\[].*?[\)\]]", " ", str(column)).strip()  # "SCC (x1000 cells/mL)"
    if re.fullmatch(r"[A-Z]{2,5}", name):
        return name.lower(), 0.95
    word = _first_word(column)
    if word is None or first_words.get(word) != [column]:
        return None
    if not (2 <= len(word) <= 4 and word.isalpha()) or word in ABBREVIATIONS or word in STOP:
        return None
    return word, 0.86


def _inner_acronym(question: str, column: Any, named: set[Any]) -> Any:
    """A header that holds an acronym in capitals beside other words ("Patients per RN"), named
    by those words and the acronym spelt out ("patients each registered nurse covers"): one
    mention over both, when every other content word of the header is in the question."""
    from havoc_srs.reader.columns import _COMMON_CODES, _NOT_COLUMN, UNITS, Mention
    from havoc_srs.reader.text import stem

    if column in named:
        return None
    name = re.sub(r"[\(\[].*?[\)\]]", " ", str(column))
    raw = _WORD.findall(name)
    caps = [w for w in raw if re.fullmatch(r"[A-Z]{2,5}", w) and w.lower() not in _COMMON_CODES]
    if len(caps) != 1 or len(raw) < 2:
        return None
    others = [w.lower() for w in raw if w != caps[0]]
    others = [w for w in others if w not in STOP and w not in UNITS]
    if not others:
        return None
    qtoks = tokens(question)
    spans = []
    for w in others:
        hit = next((t for t in qtoks if stem(t.text) == stem(w)), None)
        if hit is None:
            return None
        spans.append((hit.start, hit.end))
    runs = _runs(question, caps[0].lower(), _NOT_COLUMN)
    if not runs:
        return None
    spans.append(runs[0])
    start, end = min(a for a, _ in spans), max(b for _, b in spans)
    if end - start > 80:  # the words belong together, not across the question
        return None
    return Mention(column, start, end, 0.92, "column", None, "acronym spelt out beside its words")


def acronym_mentions(question: str, ds: Any, found: list[Any] = ()) -> list[Any]:
    """Column mentions found through initials either way, and month columns of a wide table
    (see the module doc); columns already in ``found`` are not spelt again."""
    from havoc_srs.reader.columns import _COMMON_CODES, _NOT_COLUMN, Mention

    named = {m.column for m in found}
    columns = list(ds.frame.columns)
    first_words: dict[str, list[Any]] = {}
    for c in columns:
        word = _first_word(c)
        if word:
            first_words.setdefault(word, []).append(c)
    out: list[Any] = []
    for column in columns:
        spelt = _spelt_word(column, first_words)
        if spelt and column not in named:
            word, score = spelt
            how = "initials of words"
            for start, end in _runs(question, word, _NOT_COLUMN)[:1]:
                out.append(Mention(column, start, end, score, "column", None, how))
        inner = _inner_acronym(question, column, named)
        if inner is not None:
            out.append(inner)
        words = [w for w in split_name(str(column).strip()) if w.isalpha()]
        if len(words) < 2:
            continue
        acro = _initials(words)
        if not 2 <= len(acro) <= 5 or acro in _COMMON_CODES:  # "SD" is a statistic
            continue
        hit = re.search(rf"(?<![A-Za-z]){re.escape(acro.upper())}s?(?![A-Za-z])", question)
        if hit:  # the question's acronym ("AE") of a header's words (adverse_event)
            out.append(Mention(column, hit.start(), hit.end(), 0.95, "column", None, "acronym"))
    if len(columns) >= 6:
        for t in tokens(question):
            if t.text not in _MONTHS:
                continue
            cols = [c for c in columns if {t.text[:3], t.text} & set(split_name(str(c)))]
            if len(cols) == 1 and cols[0] not in named:
                m = Mention(cols[0], t.start, t.end, 0.86, "column", None, "month of a wide table")
                out.append(m)
    return out
