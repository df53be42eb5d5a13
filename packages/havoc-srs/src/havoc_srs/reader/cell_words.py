"""Cell values named in other words than the table writes them.

- one-letter codes of a known pair of opposites: a column holding only ``B`` and ``M`` is
  named by "benign" and "malignant", ``Y``/``N`` by "yes"/"no", ``P``/``F`` by "pass"/"fail";
  the column's letters must be exactly the pair's initials, so "benign" never picks a column of
  grades A-F;
- a label value misspelt ("sciense" for Science, "Ressort" for Resort): a question word of five
  letters or more, typo-close to exactly one value of one label column;
- a bare "yes" that several yes/no columns hold ("the clients who said yes"): the outcome column
  (``y``, ``target``, ``outcome``, ``response``, ...) when exactly one of them is named so, since
  restricting every yes/no column at once answers a question nobody asked.

>>> import pandas as pd
>>> from havoc_srs.data import Dataset
>>> ds = Dataset.from_frame(pd.DataFrame({"diagnosis": ["B", "M", "B"], "area": [1.0, 2.0, 3.0]}))
>>> [(m.column, m.value) for m in coded_word_mentions("area of the benign ones", ds, [])]
[('diagnosis', 'B')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from havoc_srs.reader.text import tokens, word_match

# pairs of opposites tables code by their initials
_PAIRS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("benign",), ("malignant", "cancerous")),
    (("yes",), ("no",)),
    (("pass", "passed", "passing"), ("fail", "failed", "failing")),
    (("positive",), ("negative",)),
    (("urban",), ("rural",)),
    (("control",), ("treatment", "treated")),
    (("high",), ("low",)),
    (("win", "won", "wins"), ("loss", "lost", "losses")),
    (("home",), ("away",)),
    (("alive", "survived", "living"), ("dead", "died", "deceased")),
    (("true",), ("false",)),
    (("public",), ("private",)),
)
_OUTCOME = re.compile(
    r"^(y|target|outcome|response|responded|label|class|subscribed|result|converted|churn)$", re.I
)


def _mention(column: str, start: int, end: int, value: Any, how: str) -> Any:
    from havoc_srs.reader.columns import Mention

    return Mention(column, start, end, 0.88, "value", value, how)


def coded_word_mentions(question: str, ds: Any, found: list[Any]) -> list[Any]:
    """Values of one-letter-coded columns named by their words (see the module doc)."""
    out: list[Any] = []
    taken = {(m.column, m.value) for m in found if m.kind == "value"}
    toks = tokens(question)
    for c in ds.labels:
        levels = [v for v in ds.frame[c].dropna().unique()]
        if not 2 <= len(levels) <= 3:
            continue
        codes = {str(v).strip().upper(): v for v in levels}
        if not all(len(k) == 1 and k.isalpha() for k in codes):
            continue
        for a, b in _PAIRS:
            if {a[0][0].upper(), b[0][0].upper()} != set(codes) - {"U"}:
                continue  # "U" for unknown may stand beside the pair
            for words in (a, b):
                hit = next((t for t in toks if t.text in words), None)
                value = codes[words[0][0].upper()]
                if hit is not None and (c, value) not in taken:
                    out.append(_mention(c, hit.start, hit.end, value, "coded value"))
    return out


def misspelt_value_mentions(question: str, ds: Any, found: list[Any]) -> list[Any]:
    """Label values written with a typo (see the module doc)."""
    covered = [(m.start, m.end) for m in found]
    out: list[Any] = []
    for t in tokens(question):
        if len(t.text) < 5 or not t.text.isalpha():
            continue
        if any(a <= t.start < b for a, b in covered):
            continue
        close = []
        for c in ds.labels:
            levels = ds.frame[c].dropna().unique()
            if len(levels) > 30:
                continue
            for lv in levels:
                text = str(lv).strip().lower()
                if not text.isalpha() or len(text) < 5 or text == t.text:
                    continue
                if (
                    abs(len(text) - len(t.text)) > 1
                    or text.startswith(t.text[:-1])
                    and (len(t.text) != len(text))
                ):
                    continue  # a typo keeps the length; "electricity" is no typo of "electric"
                if text[0] == t.text[0] and word_match(t.text, text) >= 0.85:
                    close.append((c, lv))
        if len(close) == 1:
            c, lv = close[0]
            out.append(_mention(c, t.start, t.end, lv, "misspelt cell value"))
    return out


_REPLY_WORDS = frozenset("yes no y n true false".split())


def outcome_of_shared_yes(found: list[Any]) -> list[Any]:
    """One span naming a value that several columns hold: keep the outcome column's (see the
    module doc); otherwise leave the mentions as they are."""
    spans: dict[tuple[int, int], list[Any]] = {}
    for m in found:
        if m.kind == "value":
            spans.setdefault((m.start, m.end), []).append(m)
    drop: set[int] = set()
    for ms in spans.values():
        if len(ms) < 2:
            continue
        outcome = [m for m in ms if _OUTCOME.match(str(m.column).strip())]
        if len(outcome) == 1:
            drop |= {id(m) for m in ms if m is not outcome[0]}
        elif str(ms[0].value).strip().lower() in _REPLY_WORDS:
            # "I think yes": a yes several flag columns hold, none of them named, is the
            # asker's own reply; with a column named, that column's yes
            named = {m.column for m in found if m.kind == "column"}
            drop |= {id(m) for m in ms if m.column not in named}
    return [m for m in found if id(m) not in drop]


# a condition written as code: "if payment_type == 1", "query('hotel == \"City Hotel\"')",
# "df[df.smoker == 'yes']", "WHERE region = 'North'"
_CONDITION = re.compile(
    r"(?<![\w])([A-Za-z_][\w.]*?)['\"]?\]?\s*==?\s*(?:'([^']*)'|\"([^\"]*)\"|([\w.\-]+))"
)


def condition_mentions(question: str, ds: Any) -> list[Any]:
    """Cell values of conditions written as code, on a column named exactly (see above)."""
    cols = {str(c).strip().lower(): c for c in ds.frame.columns}
    out: list[Any] = []
    for m in _CONDITION.finditer(question):
        name = m.group(1).lower().split(".")[-1]
        c = cols.get(name) or cols.get(m.group(1).lower())
        if c is None:
            continue
        i = next(k for k in (2, 3, 4) if m.group(k) is not None)
        text = m.group(i).strip()
        for lv in ds.frame[c].dropna().unique():
            if str(lv).strip() == text or _same_number(lv, text):
                out.append(_mention(c, m.start(i), m.end(i), lv, "condition"))
                break
    return out


def _same_number(level: Any, text: str) -> bool:
    try:
        return float(level) == float(text)
    except (TypeError, ValueError):
        return False


def truncated_value_mentions(question: str, ds: Any, found: list[Any]) -> list[Any]:
    """A cell value the table cuts short, written out beside its column's name: "Economy
    class" for ``Class`` = Eco, "Premium tier" for ``tier`` = Prem."""
    from havoc_srs.reader.text import split_name, stem

    taken = {m.column for m in found if m.kind == "value"}
    toks = tokens(question)
    out: list[Any] = []
    for c in ds.labels:
        if c in taken or ds.n_levels(c) > 30:
            continue
        names = {stem(w) for w in split_name(str(c))}
        levels = [v for v in ds.frame[c].dropna().unique() if str(v).strip().isalpha()]
        for i, t in enumerate(toks):
            near = [toks[j].text for j in (i - 1, i + 1) if 0 <= j < len(toks)]
            if not any(stem(w) in names for w in near):
                continue
            cut = [v for v in levels if 3 <= len(str(v).strip()) < len(t.text)
                   and t.text.startswith(str(v).strip().lower())]  # fmt: skip
            if cut:
                lv = max(cut, key=lambda v: len(str(v)))
                out.append(_mention(c, t.start, t.end, lv, "value cut short"))
                break
            # "card payments" for payment_type = "Credit card": the head word of one value
            # (written before the column's word), no other value has it
            after = toks[i + 1].text if i + 1 < len(toks) else ""
            heads = [v for v in ds.frame[c].dropna().unique()
                     if len(words := str(v).lower().split()) >= 2 and len(t.text) >= 4
                     and stem(words[-1]) == stem(t.text)]  # fmt: skip
            if len(heads) == 1 and stem(after) in names and stem(t.text) not in names:
                out.append(_mention(c, t.start, t.end, heads[0], "head word of a value"))
                break
    return out


_CLOCK = re.compile(r"^\d{1,3}(:\d{2}){1,2}(\.\d+)?$")


def numeric_twin(found: list[Any], ds: Any) -> list[Any]:
    """A time stored as text ("4:07:01" in ``finish_time``) beside the same measure in numbers
    (``finish_seconds``): the mention moves to the numeric column, the one that can be analysed.
    The twin shares the header's first word and is the only numeric column that does."""
    from havoc_srs.reader.text import split_name

    out = []
    for m in found:
        if m.kind == "column" and m.column in ds.labels:
            sample = ds.frame[m.column].dropna().astype(str).head(20)
            if len(sample) and all(_CLOCK.match(s.strip()) for s in sample):
                first = (split_name(str(m.column)) or [""])[0]
                twins = [c for c in ds.numeric if (split_name(str(c)) or [""])[0] == first]
                if len(twins) == 1 and not any(k.column == twins[0] for k in found):
                    m = replace(m, column=twins[0], how="numeric twin of a clock time")
        out.append(m)
    return out


# US states as tables code them (postal abbreviations) and as people name them
_US_STATES = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california",
    "CO": "colorado", "CT": "connecticut", "DE": "delaware", "FL": "florida", "GA": "georgia",
    "HI": "hawaii", "ID": "idaho", "IL": "illinois", "IN": "indiana", "IA": "iowa",
    "KS": "kansas", "KY": "kentucky", "LA": "louisiana", "ME": "maine", "MD": "maryland",
    "MA": "massachusetts", "MI": "michigan", "MN": "minnesota", "MS": "mississippi",
    "MO": "missouri", "MT": "montana", "NE": "nebraska", "NV": "nevada", "NH": "new hampshire",
    "NJ": "new jersey", "NM": "new mexico", "NY": "new york", "NC": "north carolina",
    "ND": "north dakota", "OH": "ohio", "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania",
    "RI": "rhode island", "SC": "south carolina", "SD": "south dakota", "TN": "tennessee",
    "TX": "texas", "UT": "utah", "VT": "vermont", "VA": "virginia", "WA": "washington",
    "WV": "west virginia", "WI": "wisconsin", "WY": "wyoming", "DC": "district of columbia",
}  # fmt: skip


def state_code_mentions(question: str, ds: Any, found: list[Any]) -> list[Any]:
    """ "Texas counties" on a column of postal codes (TX, OH, MN ...): the rows of that state.
    Only a column whose values are nearly all US state codes."""
    taken = {m.column for m in found if m.kind == "value"}
    low = question.lower()
    out: list[Any] = []
    for c in getattr(ds, "labels", ()):
        if c in taken:
            continue
        levels = [str(v).strip() for v in ds.frame[c].dropna().unique()]
        if len(levels) < 3 or sum(v in _US_STATES for v in levels) < 0.9 * len(levels):
            continue
        for code in levels:
            name = _US_STATES.get(code)
            hit = name and re.search(r"(?<![a-z])" + re.escape(name) + r"(?![a-z])", low)
            if hit and not any(m.start <= hit.start() < m.end for m in found):
                lv = next(v for v in ds.frame[c].dropna().unique() if str(v).strip() == code)
                out.append(_mention(c, hit.start(), hit.end(), lv, "state name of a code"))
    return out
