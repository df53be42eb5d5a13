"""Misspelled method and design words put right before the engineering families read them
("fcator" -> factor, "desgin" -> design, "regerss" -> regress, "compostie" -> composite).

Only words of a small domain vocabulary are restored, only from a typo of one edit (two for long
words) including a swap of neighbouring letters, and never from an English word that is spelled
right ("actor", "resign", "surfaces" stay as they are).

>>> fix_typos("box benhkin design 4 factros", DESIGN_WORDS)
'box behnken design 4 factors'
"""

from __future__ import annotations

import re
from functools import lru_cache

from havoc_srs.reader.text import edit_distance

DESIGN_WORDS = frozenset(
    "factor factors design designs factorial fractional fraction composite central behnken "
    "plackett burman experiment experiments resolution screening screen surface center centre "
    "replicates randomised randomized variables possible potential candidate different".split()
)
REGRESSION_WORDS = frozenset(
    "regress regression predict polynomial quadratic cubic hardness temperature television "
    "advertising channels online thousand dollars strength tensile moisture".split()
)
TEST_WORDS = frozenset(
    "paired average tensile different difference significant hypothesis proportion one-sided "
    "two-sided sample samples variances".split()
)
# correctly spelled words that sit one edit away from a vocabulary word
_REAL_WORDS = frozenset(
    "actor actors resign resigns designer signs reactor reactors tractor surfaces centred "
    "centered central centrally fraction fractions factory factored regressed regresses "
    "predicts predicted scream screens screened screening expert experts sample sampled "
    "differs differed average averages averaged pair pairs paid aired repaired".split()
)


@lru_cache(maxsize=4096)
def _closest(word: str, vocabulary: frozenset[str]) -> str | None:
    if len(word) < 5 or word in vocabulary or word in _REAL_WORDS:
        return None
    best = None
    for v in vocabulary:
        limit = 2 if min(len(v), len(word)) >= 7 else 1
        if abs(len(v) - len(word)) > limit or v[0] != word[0] and word[:2] != v[1::-1]:
            continue
        d = edit_distance(word, v, limit)
        if d <= limit and (best is None or d < best[0]):
            best = (d, v)
    return best[1] if best else None


def fix_typos(q: str, vocabulary: frozenset[str]) -> str:
    """``q`` with misspelled vocabulary words restored (in lower case)."""

    def repl(m: re.Match[str]) -> str:
        return _closest(m.group(0).lower(), vocabulary) or m.group(0)

    return re.sub(r"[A-Za-z]+", repl, q)


def rule_gain(family: str, q: str, vocabulary: frozenset[str]) -> tuple[float, str]:
    """What MODE's keyword rules of ``family`` would add had the question's misspelled
    vocabulary words been spelled right: (extra score, the words put right)."""
    from havoc_srs.mode import RULES

    fixed = fix_typos(q, vocabulary)
    if fixed == q:
        return 0.0, ""
    gain = sum(
        w for pat, w in RULES.get(family, []) if re.search(pat, fixed) and not re.search(pat, q)
    )
    words = sorted(set(re.findall(r"[a-z]+", fixed)) - set(re.findall(r"[a-z]+", q)))
    return gain, ", ".join(words)
