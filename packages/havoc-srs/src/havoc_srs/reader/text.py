"""Word-level text helpers for the reader: tokens with positions, a light stemmer, typo distance."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?")
_CAMEL = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)

STOP = frozenset(
    "a an the of and or in on at to for with by from is are was were be been do does did i we you "
    "my our your this that these those it its what whats which how there their them me us can "
    "could would should will please tell show give find get any some between vs versus as per "
    "each than then into about also just so if whether".split()
)


@dataclass(frozen=True)
class Token:
    text: str  # lower-case
    start: int  # character offset in the normalised question
    end: int


def tokens(text: str) -> list[Token]:
    """Lower-case word and number tokens with their character offsets; camelCase is split
    ("MntSweetProducts" -> mnt, sweet, products) and so are letters glued to digits."""
    return list(_tokens(text))


@lru_cache(maxsize=1024)
def _fold_char(ch: str) -> str:
    """An accented letter as its plain letter ("â" -> "a"), one character for one."""
    base = unicodedata.normalize("NFKD", ch)
    return base[0] if base[:1].isascii() and base[:1].isalpha() else ch


def fold(text: str) -> str:
    """Accents dropped letter by letter, offsets kept ("l'âge moyen" -> "l'age moyen")."""
    return text if text.isascii() else "".join(_fold_char(ch) for ch in text)


_CODE_PLURAL = re.compile(r"[A-Z]{2,}s")
# short words whose "s" form is another word ("it" / "its", "u" / "us", "hi" / "his")
_NOT_PLURAL_BASE = frozenset("it hi ha wa thi i a u o bu ga ga ye".split())


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[Token, ...]:  # the reader tokenises one question many times
    out: list[Token] = []
    text = fold(text)  # "âge", "café": the word, not its unaccented pieces
    for m in _TOKEN.finditer(text):
        word, pos = m.group(0), m.start()
        parts = _CAMEL.split(word) if word.isalpha() and not word.isupper() else [word]
        if _CODE_PLURAL.fullmatch(word):
            parts = [word]  # "RTs", "KPIs", "IDs": a code in the plural, not camelCase
        if len(parts) > 1 and len(parts[0]) == 1 and parts[0].islower():
            parts = [parts[0] + parts[1], *parts[2:]]  # a unit or brand: "kWh", "mAh", "pH"
        for part in parts:
            if part:
                out.append(Token(part.lower(), pos, pos + len(part)))
                pos += len(part)
    return tuple(out)


def split_name(name: str) -> list[str]:
    """Words of a column header: snake_case, camelCase, spaces, dots and digits split."""
    parts = re.split(r"[\s_\-./,:;()\[\]{}%#]+", str(name).strip())
    out: list[str] = []
    for p in parts:
        if not p:
            continue
        pieces = [q for q in _CAMEL.split(p) if q]
        if len(pieces) > 1 and len(pieces[0]) == 1 and pieces[0].islower():
            pieces = [pieces[0] + pieces[1], *pieces[2:]]  # "kWh", "pH": one unit
        out += [q.lower() for q in pieces]
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stemmer: plurals and a few suffixes, enough to match header words."""
    w = word.lower()
    if len(w) <= 3 or w.isdigit():
        return w
    for suf, rep in (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh")):
        if w.endswith(suf) and len(w) > len(suf) + 1:
            return w[: -len(suf)] + rep
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suf in ("ing", "ed", "ment"):
        if w.endswith(suf) and len(w) > len(suf) + 3:
            w = w[: -len(suf)]
            break
    return w


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau–Levenshtein (optimal string alignment) distance, cut off above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


# Suffixes that turn a header word into the noun of the same quantity.
_DERIVED = frozenset("isation ization ation ization ity ability ness".split())


def _bare(word: str) -> str:
    """A stem without its final e ("leave" and "leaving" -> leav)."""
    return stem(word).removesuffix("e")


# a noun of action and the root of its verb ("readmission" / "readmitted", "conversion" /
# "converted", "promotion" / "promoted", "decision" / "decided", "cancellation" / "cancelled")
_ACTION_NOUN = (("mission", "mit"), ("ersion", "ert"), ("ension", "end"), ("usion", "ud"),
                ("ision", "id"), ("ation", ""), ("tion", "t"))  # fmt: skip


def _undouble(w: str) -> str:
    return w[:-1] if len(w) >= 3 and w[-1] == w[-2] and w[-1] not in "aeiousl" else w


def _action_match(q: str, c: str) -> bool:
    """One word is a noun of action ending in -ion, the other a form of its verb."""
    noun, verb = (q, c) if q.endswith("ion") else (c, q)
    if not noun.endswith("ion") or verb.endswith("ion") or len(noun) < 7:
        return False
    roots = {noun[: -len(a)] + b for a, b in _ACTION_NOUN if noun.endswith(a)}
    roots |= {r.removesuffix("l") if r.endswith("ll") else r for r in roots}
    v = verb
    for suf in ("ing", "ed", "es", "s", "e"):
        if v.endswith(suf) and len(v) - len(suf) >= 5:
            v = v[: -len(suf)]
            break
    return any(len(r) >= 5 and r in (v, _undouble(v)) for r in roots)


# nouns in -ment that name no act of their verb ("department" is no departing)
_NOT_ACTS = frozenset("department departments apartment apartments compartment compartments "
                      "segment segments element elements comment comments moment moments".split())  # fmt: skip


def _ment_match(q: str, c: str) -> bool:
    """A noun of action in -ment and an inflected form of its verb: "paid"/"pays" for
    Payment, "shipped" for Shipment, "treated" for Treatment, "enrolled" for Enrollment. The
    verb must carry an ending (or be the irregular "-aid" past), so "apart" is not Apartment."""
    noun, verb = (q, c) if q.endswith("ment") else (c, q)
    if not noun.endswith("ment") or verb.endswith("ment") or len(noun) < 7 or noun in _NOT_ACTS:
        return False
    root = noun[:-4]
    if verb.endswith("aid") and len(verb) == 4:  # paid, laid
        return root == verb[0] + "ay"
    for suf in ("ing", "ed", "es", "s", "d"):
        if verb.endswith(suf) and len(verb) - len(suf) >= 3:
            v = verb[: -len(suf)]
            return root in (
                v,
                v + "e",
                v.removesuffix("e"),
                _undouble(v),
                v[:-1] + "y" if v.endswith("i") else v,
            )
    return False


@lru_cache(maxsize=65536)
def word_match(q: str, c: str) -> float:
    """How well question word ``q`` matches header word ``c``: 1 exact/stem, <1 for typos and
    synonyms."""
    if q == c:
        return 1.0
    from havoc_srs.reader.columns import SYNONYMS

    if q.endswith("ly") and not c.endswith("ly") and len(q) > 4:  # "quarterly" is not "quarter"
        return 0.0
    if (
        q in SYNONYMS.get(c, ())
        or stem(q) in SYNONYMS.get(stem(c), ())
        or stem(q) in SYNONYMS.get(c, ())
        or (len(q) >= 5 and _bare(q) in {_bare(w) for w in SYNONYMS.get(c, ())})
    ):
        return 0.9  # "leaving" is "leave" (the stemmer leaves "leav")
    if len(q) >= 6 and any(
        len(w) >= 6 and edit_distance(q, w, 1) == 1 for w in SYNONYMS.get(c, ())
    ):
        return 0.85  # a synonym misspelled: "maritial" for "marital" (of MARRIAGE)
    if q.isdigit() or c.isdigit():
        return 0.0
    if 2 <= len(c) <= 4 and q == c + "s" and c.isalpha() and c not in _NOT_PLURAL_BASE:
        return 0.97  # a short code in the plural: "RTs" for rt_ms, "KPIs" for KPI
    sq, sc = stem(q), stem(c)
    if sq == sc:
        return 0.97
    if len(c) >= 4 and q.startswith(c) and q[len(c) :] in _DERIVED:
        return 0.9  # "urbanisation" names "urban", "profitability" names "profit"
    for a, b in ((q, c), (c, q)):  # "available" names "availability", "reliable" "reliability"
        if len(a) >= 6 and a.endswith("able") and b == a[:-4] + "ability":
            return 0.9
        # the noun of an adjective in -e/-ous/-id: "obesity" names Obese, "humidity" Humid
        if len(a) >= 7 and a.endswith("ity") and len(b) >= 4 and a[:-3] in (b, b[:-1]):
            return 0.93  # above a synonym's 0.9: the header's own word, derived
    if _action_match(q, c):
        return 0.9
    if _ment_match(q, c):
        return 0.88  # below a distinctive word's 0.9: "the total paid" is no payment_type
    if any(a == "re" + b and len(b) >= 6 for a, b in ((q, c), (c, q))):
        return 0.0  # "readmission" is not "admission", "reopened" not "opened": done again
    best = 0.0
    if len(sc) >= 4 and len(sq) >= 4 and (sq.startswith(sc) or sc.startswith(sq)):
        shorter, longer = sorted((sq, sc), key=len)
        # a header word cut short is an abbreviation ("Indiv" for individual, "Precip")
        if len(shorter) / len(longer) >= (0.45 if shorter == sc and len(sc) >= 5 else 0.6):
            best = 0.85
    if (
        min(len(q), len(c)) >= 4
        and max(len(q), len(c)) >= 5
        and (min(len(q), len(c)) >= 5 or q[0] == c[0])
    ):
        # each edit changes the set of letters used by at most two, so words whose letter sets
        # differ in more than four are more than two edits apart: skip the DP for them
        d = 3 if len(set(q) ^ set(c)) > 4 else edit_distance(q, c, 2)
        if d > 1 and min(len(sq), len(sc)) >= 5 and edit_distance(sq, sc, 1) == 1:
            d = 1  # a typo in a plural: "catagories" (stem "catagory") for "category"
        if d == 1:
            best = max(best, 0.88)
        elif d == 2 and min(len(q), len(c)) >= 8:
            best = max(best, 0.8)
    return best
