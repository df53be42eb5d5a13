"""Typing slips put right before the engineering readers (and MODE) read a question: the one
place that restores misspelled words.

Two strengths, chosen by the vocabulary passed:

- ``fix_typos(text)`` / ``correct_word(word)`` with no vocabulary use the general ``VOCAB`` (power,
  capability, chart, gage, symbolic and MODE words) and only undo a *typing slip*: two
  neighbouring letters swapped ("smaple", "stnadard", "infiinty") in any word of five letters or
  more, a letter dropped or doubled in a word of seven or more ("micromter"), a wrong letter in
  one of nine or more ("capabikity"), and a swap with a letter dropped in one of nine or more
  ("itnegrat"). Two wrong letters make a different word ("production" is not "prediction"); an
  ending added or dropped ("measurement"/"measurements") is an inflection, not a slip; a word of
  the vocabulary is never changed ("simple" is not "sample").
- ``fix_typos(text, DESIGN_WORDS)`` (or ``REGRESSION_WORDS``, ``TEST_WORDS``) restores the small
  method and design vocabulary of one family from any typo of one edit (two for words of seven
  letters or more, a neighbour swap counting as one) that keeps the first letter (or swaps the
  first two), except from an English word that is spelled right (``REAL_WORDS``: "actor",
  "resign", "surfaces" stay). Matching is case-insensitive and a restored word is lower case.

``rule_gain(family, q, vocabulary)`` says what MODE's keyword rules of ``family`` would add had
the question been spelled right, so a family reader can claim a misspelled question.

>>> fix_typos("how many smaples per group, effcet size 0.5, stnadard deviation 2")
'how many samples per group, effect size 0.5, standard deviation 2'
>>> fix_typos("itnegrat 1/(1+x^2) from 0 to infiinty")
'integrate 1/(1+x^2) from 0 to infinity'
>>> fix_typos("box benhkin design 4 factros", DESIGN_WORDS)
'box behnken design 4 factors'
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from havoc_srs.reader.text import edit_distance

__all__ = [
    "DESIGN_WORDS",
    "REAL_WORDS",
    "REGRESSION_WORDS",
    "TEST_WORDS",
    "VOCAB",
    "correct_word",
    "fix_typos",
    "rule_gain",
]

_GENERAL = """
sample samples sampling sample size power powered effect effects standard deviation deviations
difference differences different between significance significant proportion proportions
groups group detect detecting detection chance enough paired pairs observations observation
spread alpha sigma level percent variance anova budget require required needed necessary
probability measure measured measuring specimens subjects replicates minimum maximum
integrate integral integration antiderivative simplify simplified simple expression formula
derivative differentiate differentiation limit infinity approaches approach solve equation
curve square squared times minus divided sine cosine tangent respect logarithm exponential
roots change changes function slope gradient
process capability capable exceed exceeds nominal tolerance specification specifications
lower upper target within strength weight diameter thickness index indices
micrometer caliper calliper gauge measurement measurements repeatability reproducibility
operator operators appraiser appraisers inspector inspectors variation variability distinct
categories study instrument themselves readings parts
control chart charts subgroup subgroups individuals individual moving range average averages
stable stability statistical defects defective defectives nonconformities nonconforming limits
please points signal shift drift
interval intervals derivation squares controls formulas sampled testing tested regression
residual residuals predict prediction factor factors factorial interaction temperature pressure
machine machines supplier suppliers median medians normal normality correlation average
integrity integer integers internal
"""
VOCAB: frozenset[str] = frozenset(_GENERAL.split())
"""The general vocabulary: words of the power, capability, chart, gage and symbolic readers."""

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
    "two-sided sample samples variances overall".split()
)
REAL_WORDS = frozenset(
    "actor actors resign resigns designer signs reactor reactors tractor surfaces centred "
    "centered central centrally fraction fractions factory factored regressed regresses "
    "predicts predicted scream screens screened screening expert experts sample sampled "
    "differs differed average averages averaged pair pairs paid aired repaired".split()
)
"""Correctly spelled words one edit away from a family vocabulary word: never 'restored'."""

_BY_LEN: dict[int, list[str]] = {}
for _w in VOCAB:
    _BY_LEN.setdefault(len(_w), []).append(_w)


def _swapped(a: str, b: str) -> bool:
    """``a`` is ``b`` with two neighbouring letters exchanged."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


@lru_cache(maxsize=8192)
def _general_slip(word: str) -> str:
    if len(word) < 5 or word in VOCAB or not word.isalpha():
        return word
    found: dict[int, set[str]] = {0: set(), 1: set(), 2: set()}
    for n in range(len(word) - 2, len(word) + 3):
        for v in _BY_LEN.get(n, ()):
            if v.startswith(word) or word.startswith(v):
                continue  # an ending added or dropped: an inflection
            if _swapped(word, v):
                found[0].add(v)
            elif len(v) >= 7 and len(word) >= 6:
                d = edit_distance(word, v, 2)
                # letters changed, not only moved: "production" is not "prediction"
                changed = sum(
                    ((Counter(word) - Counter(v)) + (Counter(v) - Counter(word))).values()
                )
                if (d == 1 and (changed == 1 or len(v) >= 9)) or (
                    d == 2 and changed <= 1 and len(v) >= 9 and len(word) >= 8
                ):
                    found[d].add(v)
    for rank in (0, 1, 2):  # a swap first, then one slip, then two
        if found[rank]:
            return next(iter(found[rank])) if len(found[rank]) == 1 else word
    return word


@lru_cache(maxsize=4096)
def _family_typo(
    word: str, vocabulary: frozenset[str], max_edits: int = 2, keep: frozenset[str] = REAL_WORDS
) -> str | None:
    if len(word) < 5 or word in vocabulary or word in keep:
        return None
    best = None
    for v in vocabulary:
        limit = min(max_edits, 2 if min(len(v), len(word)) >= 7 else 1)
        if abs(len(v) - len(word)) > limit or v[0] != word[0] and word[:2] != v[1::-1]:
            continue
        d = edit_distance(word, v, limit)
        if d <= limit and (best is None or d < best[0]):
            best = (d, v)
    return best[1] if best else None


def correct_word(word: str, vocabulary: frozenset[str] | None = None) -> str:
    """The word ``word`` is a typo of, or ``word`` itself.

    Without ``vocabulary``: the general ``VOCAB`` and the strict slip rules (lower-case input).
    With a family vocabulary: the looser one-or-two-edit rules, case-insensitive.

    >>> correct_word("micromter"), correct_word("simple"), correct_word("fcator", DESIGN_WORDS)
    ('micrometer', 'simple', 'factor')
    """
    if vocabulary is None:
        return _general_slip(word)
    return _family_typo(word.lower(), vocabulary) or word


def fix_typos(
    text: str,
    vocabulary: frozenset[str] | None = None,
    *,
    max_edits: int = 2,
    keep: frozenset[str] = REAL_WORDS,
) -> str:
    """``text`` with misspelled words put right by ``correct_word`` (see the module doc).

    Without ``vocabulary`` only lower-case words of five letters or more are looked at; with one,
    every word is, whatever its case, restored from at most ``max_edits`` edits unless it is one
    of the correctly spelled ``keep`` words."""
    if vocabulary is None:
        return re.sub(r"(?<![\w'])[a-z]{5,}(?![\w'])", lambda m: _general_slip(m.group(0)), text)

    def fix(m: re.Match[str]) -> str:
        return _family_typo(m.group(0).lower(), vocabulary, max_edits, keep) or m.group(0)

    return re.sub(r"[A-Za-z]+", fix, text)


def rule_gain(family: str, q: str, vocabulary: frozenset[str]) -> tuple[float, str]:
    """What MODE's keyword rules of ``family`` would add had the question's misspelled
    ``vocabulary`` words been spelled right: (extra score, the words put right)."""
    from havoc_srs.mode import RULES

    fixed = fix_typos(q, vocabulary)
    if fixed == q:
        return 0.0, ""
    gain = sum(
        w for pat, w in RULES.get(family, []) if re.search(pat, fixed) and not re.search(pat, q)
    )
    words = sorted(set(re.findall(r"[a-z]+", fixed)) - set(re.findall(r"[a-z]+", q)))
    return gain, ", ".join(words)
