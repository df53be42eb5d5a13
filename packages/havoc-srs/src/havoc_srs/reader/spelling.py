"""Misspelled cue words of the data families put right before the cue patterns read them
("varience" -> variance, "distrbution" -> distribution, "independant" -> independent).

One edit (a neighbour swap counts as one) in a word of six letters or more that keeps the first
letter (or swaps the first two); words of the vocabulary and words spelled right elsewhere are
left alone. The matching is the family readers' (``families._typos.fix_typos``) with this
vocabulary and one edit at most: "variable" stays, though two edits make it "variance".

>>> spelled("check if the varience of popularty differs")
'check if the variance of popularty differs'
"""

from __future__ import annotations

import re

from havoc_srs.families._typos import REAL_WORDS, fix_typos

CUE_WORDS = frozenset(
    "variance variances variability variation dispersion distribution distributions distributed "
    "normally normality gaussian independent independence associated association correlated "
    "correlation exponential exponentially uniform uniformly consistent consistency fluctuate "
    "homogeneous kolmogorov smirnov shapiro bartlett levene fligner kendall spearman pearson "
    "contingency relationship".split()
)
# ordinary words one edit from a cue word
_REAL = REAL_WORDS | frozenset(
    "formally formal variant variants relations uniforms person persons".split()
)


def spelled(text: str) -> str:
    """``text`` (lower case) with one-edit slips of :data:`CUE_WORDS` put right."""
    return re.sub(
        r"[a-z]{6,}", lambda m: fix_typos(m.group(0), CUE_WORDS, max_edits=1, keep=_REAL), text
    )
