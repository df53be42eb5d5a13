"""Typing slips in the words of the power, capability, chart, gage and symbolic readers (and
MODE) put right before their rules read them (`_typos` does the same for the method and design
words of the test, regression and DOE readers, against per-family vocabularies).

A word is replaced by a vocabulary word when it is one typing slip away: two neighbouring
letters swapped ("smaple", "stnadard", "infiinty") for any word of five letters or more, a
letter dropped or doubled in a word of seven letters or more ("micromter"), a wrong letter in one
of nine or more ("capabikity"), and a swap with a letter dropped in a word of nine or more
("itnegrat" for "integrate"); two wrong letters make a different word ("production" is not
"prediction"). A slip that only adds or drops an ending
("measurement" / "measurements") is an inflection, not a typo, and is left alone, as are words
that are themselves in the vocabulary ("simple" is not "sample").

>>> fix_typos("how many smaples per group, effcet size 0.5, stnadard deviation 2")
'how many samples per group, effect size 0.5, standard deviation 2'
>>> fix_typos("itnegrat 1/(1+x^2) from 0 to infiinty")
'integrate 1/(1+x^2) from 0 to infinity'
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

_WORDS = """
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
VOCAB: frozenset[str] = frozenset(_WORDS.split())
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
def correct_word(word: str) -> str:
    """The vocabulary word ``word`` is a slip of, or ``word`` itself."""
    from havoc_srs.reader.text import edit_distance

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


def fix_typos(text: str) -> str:
    """``text`` with every lower-case word replaced by ``correct_word``."""
    return re.sub(r"(?<![\w'])[a-z]{5,}(?![\w'])", lambda m: correct_word(m.group(0)), text)
