"""Misspelled cue words of the data families put right before the cue patterns read them
("varience" -> variance, "distrbution" -> distribution, "independant" -> independent).

One edit (a neighbour swap counts as one) in a word of six letters or more that keeps the first
letter; words of the vocabulary and words spelled right elsewhere are left alone.

>>> spelled("check if the varience of popularty differs")
'check if the variance of popularty differs'
"""

from __future__ import annotations

import re

from havoc_srs.reader.text import edit_distance

CUE_WORDS = frozenset(
    "variance variances variability variation dispersion distribution distributions distributed "
    "normally normality gaussian independent independence associated association correlated "
    "correlation exponential exponentially uniform uniformly consistent consistency fluctuate "
    "homogeneous kolmogorov smirnov shapiro bartlett levene fligner kendall spearman pearson "
    "contingency relationship".split()
)
# ordinary words one edit from a cue word
_REAL = frozenset("formally formal variant variants relations uniforms".split())


def spelled(text: str) -> str:
    """``text`` (lower case) with one-edit slips of :data:`CUE_WORDS` put right."""

    def fix(m: re.Match[str]) -> str:
        w = m.group(0)
        if len(w) < 6 or w in CUE_WORDS or w in _REAL:
            return w
        for c in CUE_WORDS:
            if c[0] == w[0] and abs(len(c) - len(w)) <= 1 and edit_distance(w, c, 1) <= 1:
                return c
        return w

    return re.sub(r"[a-z]+", fix, text)
