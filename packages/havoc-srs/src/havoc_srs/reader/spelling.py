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
    """``text`` (lower case) with one-edit slips of :data:`CUE_WORDS` put right, and a cue word
    dictation split in two ("core relation", "vari ance", "distri bution") joined again."""
    text = distribution_cut(_join_split_words(text))
    return re.sub(
        r"[a-z]{6,}", lambda m: fix_typos(m.group(0), CUE_WORDS, max_edits=1, keep=_REAL), text
    )


# "dist" / "distn" / "distrib" cut short for distribution: always for the longer cuts; "dist"
# (also short for distance) only beside a word of a distribution question ("lognormal dist",
# "dist ... same?", "the dist of X fits")
_DIST_CUT = re.compile(r"\b(distn|distrn|distrib|distr)\b\.?")
_DIST_SHORT = re.compile(r"\bdists?\b\.?")
_DIST_CONTEXT = re.compile(
    r"\b(same|differ\w*|similar|alike|identical|normal|gaussian|log-?normal|exponential|gamma|"
    r"weibull|uniform|poisson|fit\w*|follows?|shape\w*|skew\w*|bell)\b"
)


def distribution_cut(text: str) -> str:
    """``text`` (lower case) with "distribution" cut short written out.

    >>> distribution_cut("game length dist blue vs red same?")
    'game length distribution blue vs red same?'
    >>> distribution_cut("dist to the depot in km")
    'dist to the depot in km'
    """
    text = _DIST_CUT.sub("distribution", text)

    def one(m: re.Match) -> str:
        near = text[max(0, m.start() - 30) : m.end() + 40]
        if not _DIST_CONTEXT.search(near):
            return m.group(0)
        return "distributions" if m.group(0).startswith("dists") else "distribution"

    return _DIST_SHORT.sub(one, text)


def _join_split_words(text: str) -> str:
    """Two neighbouring words whose join is a cue word, or one edit from one ("core relation"
    -> correlation, "vari ance" -> variance), unless one of them is a cue word itself. The
    joined word is padded with a space so positions after it stay put."""
    words = list(re.finditer(r"[a-z]{2,}", text))
    out, last, i = [], 0, 0
    while i < len(words) - 1:
        a, b = words[i], words[i + 1]
        glued = a.group(0) + b.group(0)
        if text[a.end() : b.start()] == " " and len(glued) >= 8 and glued not in _REAL:
            fixed = fix_typos(glued, CUE_WORDS, max_edits=1, keep=_REAL)
            if fixed in CUE_WORDS and a.group(0) not in CUE_WORDS and b.group(0) not in CUE_WORDS:
                out.append(
                    text[last : a.start()] + fixed + " " * (b.end() - a.start() - len(fixed))
                )
                last, i = b.end(), i + 2
                continue
        i += 1
    return "".join(out) + text[last:]
