"""Grouping columns described by what their values are, not by their header: "per country" on
``location`` (Portugal, Spain, ...), "in each part of town" on ``neighbourhood_group``
(Riverside, Central, ...), "across our three store formats" on ``Store Type`` (Express,
Supermarket, Hypermarket), "controlling for the town" on ``Location`` (Albury, ...).

After a grouping cue ("per", "by", "for each", "in each", "across", "within", "among",
"control for", "stratified by"), a short noun phrase that names no column is compared by the
sentence embedder with each label column read as its header and its most frequent values. The
best column must be close (``GROUP_MIN``) and clearly ahead of the next one (``GROUP_MARGIN``);
a count in the phrase ("our three store formats") must equal the column's number of levels.
"""

from __future__ import annotations

import re
from typing import Any

from havoc_srs.reader.columns import Mention, describe_column
from havoc_srs.reader.text import STOP, Token, split_name, stem

_CUE = re.compile(
    r"\b(?:per|by|for (?:each|every)|in (?:each|every)|across|within(?: each)?|among|"
    r"control(?:ling|led)? for|adjust(?:ing|ed)? for|stratif\w* by|broken down by|split by|"
    r"separately for|for the different|each)\s+",
    re.I,
)
_SKIP = frozenset("the a an our their its all his her my your different various".split())
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_NOT_GROUP = frozenset(
    "one other others them these those it that this which what whom whose who how much many "
    "more less most least same way".split()
)
# calibrated on the tune half: the phrases of grouping columns score 0.48-0.72 (header and
# values), unrelated nouns ("board", "listing", "title") at most 0.36
# "rebounds per game", "quantity per transaction", "pay per night": after "per", a noun for the
# event a quantity is counted over is the rate's denominator, not a grouping of the rows
_RATE_UNITS = frozenset(
    "game games match matches transaction transactions purchase purchases order orders visit "
    "visits trip trips ride rides call calls session sessions capita head person night nights "
    "serving unit item shot shots attempt attempts click clicks use".split()
)
GROUP_MIN = 0.45
GROUP_MARGIN = 0.12


def _row_name(ds: Any, column: str) -> bool:
    """A label column that names each row (``Store``: ST101, ST102, ...): "store formats" is
    not a phrase about it."""
    col = ds.frame[column].dropna()
    return column in ds.labels and len(col) >= 10 and col.nunique() == len(col)


def _describe(ds: Any, column: str) -> str:
    values = [str(v) for v in ds.frame[column].dropna().value_counts().index[:6]]
    return describe_column(str(column)) + ": " + ", ".join(values)


def described_groups(
    question: str, ds: Any, toks: list[Token], found: list[Mention]
) -> list[Mention]:
    """Label columns a grouping phrase describes (see the module doc)."""
    labels = [c for c in getattr(ds, "labels", ()) if 2 <= ds.n_levels(c) <= 50]
    if not labels:
        return []
    taken = {m.column for m in found}
    phrases: list[tuple[str, int, int, int | None]] = []
    for cue in _CUE.finditer(question):
        after = [t for t in toks if t.start >= cue.end()][:5]
        if cue.group(0).strip().lower() == "per" and after and after[0].text in _RATE_UNITS:
            continue
        count = None
        words: list[Token] = []
        for t in after:
            gap = question[(words[-1].end if words else cue.end()) : t.start]
            if re.search(r"[,;:?!.()]", gap):
                break
            if not words and (t.text in _SKIP or t.text in _COUNTS):
                count = _COUNTS.get(t.text, count)
                continue
            of_the = t.text == "the" and words and words[-1].text == "of"  # "part of the city"
            if t.text in STOP and t.text != "of" and not of_the:
                break
            if t.text in _NOT_GROUP or t.text[0].isdigit():
                break
            if of_the:
                continue
            words.append(t)
            if len(words) == 3:
                break
        while words and words[-1].text in ("of", "the"):
            words.pop()
        if not words or any(
            m.start < words[-1].end and words[0].start < m.end and not _row_name(ds, m.column)
            for m in found
        ):
            continue  # nothing there, or the phrase names a column already
        phrases.append((" ".join(t.text for t in words), words[0].start, words[-1].end, count))
    if not phrases:
        return []
    try:
        from havoc_rag import MiniLMEmbedder, minilm_available
    except ImportError:
        return []
    if not minilm_available():
        return []
    emb = MiniLMEmbedder.shared()
    # each column read three ways: header and values, header alone, values alone (a country's
    # names say "country" better than a header "market" does)
    texts = (
        [_describe(ds, c) for c in labels]
        + [describe_column(str(c)) for c in labels]
        + [_describe(ds, c).split(": ", 1)[-1] for c in labels]
    )
    vecs = emb.encode([p for p, *_ in phrases] + texts)
    pv, cv = vecs[: len(phrases)], vecs[len(phrases) :]
    n = len(labels)
    out: list[Mention] = []
    for i, (phrase, a, b, count) in enumerate(phrases):
        sims = [max(float(cv[k * n + j] @ pv[i]) for k in range(3)) for j in range(n)]
        order = sorted(range(n), key=lambda j: -sims[j])
        best = order[0]
        second = sims[order[1]] if n > 1 else 0.0
        col = labels[best]
        if sims[best] < GROUP_MIN or sims[best] - second < GROUP_MARGIN or col in taken:
            continue
        if count is not None and ds.n_levels(col) != count:
            continue
        head = split_name(str(col))
        if stem(phrase.split()[-1]) in {stem(w) for w in head[:-1]}:
            continue  # "across the tracks" on track_genre: the rows, not their genres
        out.append(Mention(col, a, b, 0.85, how=f"group described as {phrase!r}"))
        taken.add(col)
    return out


_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7,
}  # fmt: skip


def coded_level_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """A level of a numeric code named with its column's word: "first-class passengers",
    "3rd class", "class 3", "grade-2 schools" on ``Pclass`` / ``grade`` coded 1, 2, 3: the
    rows of that level (a cell value), not the column."""
    out: list[Mention] = []
    low = question.lower()
    if getattr(ds, "name", "") == "question":
        return out  # numbers typed into the question: their labels are no codes
    for m in found:
        c = m.column
        if (
            m.kind != "column"
            or c not in getattr(ds, "numeric", ())
            or not 2 <= ds.n_levels(c) <= 10
        ):
            continue
        levels = {float(v) for v in ds.frame[c].dropna().unique()}
        if not all(v.is_integer() and 0 <= v <= 20 for v in levels) or len(ds.frame) < 3 * len(
            levels
        ):
            continue
        before = re.search(r"(\w+)[\s-]+$", low[: m.start])
        after = re.match(r"[\s-]*(\d+)\b", low[m.end :])
        start, end, level = m.start, m.end, None
        if before and before.group(1) in _ORDINALS:
            level, start = _ORDINALS[before.group(1)], before.start(1)
        elif after:
            level, end = int(after.group(1)), m.end + after.end(1)
        if level is None or float(level) not in levels:
            continue
        value = next(v for v in ds.frame[c].dropna().unique() if float(v) == level)
        out.append(Mention(c, start, end, 0.95, "value", value, "coded level"))
    return out


_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MONTH_RANGE = re.compile(
    rf"\b(?:from\s+)?{_MONTH}\s*(?:to|through|thru|until|-|–)\s*{_MONTH}(?![a-z])|"
    rf"\bbetween\s+{_MONTH}\s+and\s+{_MONTH}(?![a-z])",
    re.I,
)


def month_range_mentions(question: str, columns: list[str], found: list[Mention]) -> list[Mention]:
    """Month columns of a wide table inside a range the question gives: "every month from Jan
    to Dec" on Jan ... Dec names all twelve, "March through May" three."""
    months: dict[int, str] = {}
    for c in columns:
        w = str(c).strip().lower().rstrip(".")
        k = next(
            (
                i
                for i, m in enumerate(_MONTHS)
                if w == m or (len(w) > 3 and m.startswith(w[:3]) and _full(w))
            ),
            None,
        )
        if k is not None:
            months[k] = c
    if len(months) < 3:
        return []
    have = {f.column for f in found}
    out: list[Mention] = []
    for m in _MONTH_RANGE.finditer(question):
        a, b = (_MONTHS.index(g.lower()[:3]) for g in m.groups() if g)
        if b <= a or not all(k in months for k in range(a, b + 1)):
            continue
        out += [  # each its own (virtual) part: the months share the range's words
            Mention(months[k], m.start() + i, m.start() + i + 1, 0.9, how="month range",
                    parts=((-200 - i, -200 - i),))
            for i, k in enumerate(range(a, b + 1))
            if months[k] not in have
        ]  # fmt: skip
    return out


def _full(word: str) -> bool:
    """A month's full name ("march", "sept")."""
    names = ("january february march april may june july august september october november "
             "december sept").split()  # fmt: skip
    return word in names


# "Zone A and Zone C taps", "the north and south plants", "line 1 or line 3 parts": values of
# one column whose shared last word is said once, after the last of them
_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&|vs\.?|versus)\s+|\s*/\s*)", re.I)


def shared_head_mentions(question: str, ds: Any, found: list[Mention]) -> list[Mention]:
    """Values of a label column whose common last word is written once for all of them
    ("at the Zone A and Zone C taps" on Site = Zone A Tap, ..., Zone C Tap): when one level is
    found, the phrases joined to it by "and", "or", a comma, "vs" or a slash that are another
    level without that word are levels too. A phrase must equal the level's other words
    exactly (no typo tolerance): "the night and day shifts" on Night Shift / Day Shift."""
    out: list[Mention] = []
    low = question.lower()
    for m in [f for f in found if f.kind == "value" and f.column in ds.frame.columns]:
        words = str(m.value).strip().lower().split()
        if len(words) < 2:
            continue
        head = words[-1]
        others: dict[str, Any] = {}
        for lv in ds.frame[m.column].dropna().unique():
            w = str(lv).strip().lower().split()
            if len(w) >= 2 and stem(w[-1]) == stem(head) and lv != m.value:
                others[" ".join(w[:-1])] = lv
        if not others:
            continue
        end = m.start  # walk back over "X and", "X, Y and" before the level found
        while others:
            hit = _joined_before(low[:end], others)
            if hit is None:
                break
            a, b, phrase = hit
            lv = others.pop(phrase)
            if not any(f.column == m.column and f.value == lv for f in found + out):
                out.append(Mention(m.column, a, b, 0.9, "value", lv, "shared head word"))
            end = a
    return out


def _joined_before(text: str, phrases: dict[str, Any]) -> tuple[int, int, str] | None:
    """The phrase of ``phrases`` (up to three words) that ends just before a joining word
    ("and", "or", a comma, "vs", a slash) at the end of ``text``: (start, end, phrase)."""
    join = re.search(rf"(?:{_JOINED.pattern})$", text, re.I)
    if join is None:
        return None
    before = text[: join.start()]
    words = list(re.finditer(r"[\w.-]+", before))[-3:]
    for k in range(len(words)):  # the longest phrase first
        phrase = before[words[k].start() : words[-1].end()]
        if phrase in phrases:
            return words[k].start(), words[-1].end(), phrase
    return None
