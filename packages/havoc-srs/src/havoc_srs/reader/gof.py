"""Counts per category typed into a question with a goodness-of-fit ask: "a die rolled 60
times showed 8, 12, 9, 11, 10, 10 - is it fair?", "we expected 50:30:20 and saw 45, 38, 17",
"defects Mon 12 Tue 9 Wed 11 Thu 8 Fri 20 - equally likely each day?".

``gof_counts`` returns the observed counts, their category labels and the expected shares
(uniform unless a ratio, percentages or expected counts are typed), or None. The chi-square
goodness-of-fit test itself is havoc-tools' ``chisq`` on a list of counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NUM = r"\d+(?:\.\d+)?"

# what makes counts a goodness-of-fit question rather than a table or a sample
_ASK = re.compile(
    r"goodness[- ]of[- ]fit|\bgof\b|\bfair\b|\bunbiased\b|\bbiased\b|\bloaded\b|"
    r"\buniform(?:ly)?\b|\bequally\b|\bevenly\b|\bequal (?:numbers?|shares?|proportions?|chances?)\b|"
    r"\bsame (?:proportion|share|rate|number|chance)s?\b|"
    r"\bexpected (?:ratio|split|proportions?|distribution|shares?|frequenc\w*|counts?|mix)\b|"
    r"\b(?:ratio|split|mix) of\b|\d+\s*:\s*\d+(?:\s*:\s*\d+)+|"
    r"\bfits? (?:the|a|an|our) (?:expected|hypothesi[sz]ed|theoretical|claimed|stated|assumed)|"
    r"\bchisq\.test\(|\bchisquare\(",
    re.IGNORECASE,
)
# a category and its count: "Mon 12", "A: 45", "red = 30" (three or more in a row)
_PAIR_RUN = re.compile(
    r"(?:\b[A-Za-z][\w\-]{0,20}\s*[:=]?\s*\d+(?!\d|\.\d|\s*%)\s*(?:,|;|\band\b)?\s*){3,}",
    re.IGNORECASE,
)
_RATIO = re.compile(rf"(?<![\d.])({_NUM}(?:\s*:\s*{_NUM})+)(?![\d.])")
_PERCENTS = re.compile(rf"({_NUM})\s*%")
_LIST = rf"{_NUM}(?:\s*(?:,|;|\band\b|\s)\s*{_NUM})+"
_LABELLED = re.compile(
    rf"\b(observed|obs|counts?|frequencies|saw|got|found|recorded|tallied|showing|showed)\b"
    rf"\s*(?:counts?|frequencies|values)?\s*(?:were|are|of|:|=)?\s*({_LIST})",
    re.IGNORECASE,
)
_EXPECTED = re.compile(
    rf"\b(?:expected|theoretical|hypothesi[sz]ed)\s*(?:counts?|frequencies|values|numbers)?"
    rf"\s*(?:were|are|of|:|=)?\s*({_LIST})",
    re.IGNORECASE,
)
# words that are not categories ("n 12", "alpha 0", "the 60 rolls")
_NOT_CATEGORY = frozenset(
    "n alpha the a an of in on at by for and or was were is are with rolled tossed times total "
    "sample samples counts count observed expected saw got found showing showed of_ per than "
    "about over under level df p".split()
)


# words that make a bare run of whole numbers counts of something
_COUNTED = re.compile(
    r"\bcounts?\b|\bcounted\b|\btimes\b|\bfrequenc|\bobserved\b|\btall(?:y|ied)\b|\bnumber of\b|"
    r"\brolled\b|\brolls\b|\btossed\b|\btosses\b|\bdrawn\b|\bdraws\b|\bvotes?\b|\bresponses\b|"
    r"\brespondents\b|\bpeople\b|\bcustomers\b|\bdefects\b|\bfailures\b|\bcomplaints\b|"
    r"\baccidents\b|\bcalls\b|\bbirths\b|\bcases\b|\bsaw\b|\bgot\b|\bfound\b|\bpicked\b|"
    r"\bchose\b|\bpreferred\b|\bsold\b|\bitems\b|\bunits\b|\bparts\b|\bpeas\b|\bseeds\b|"
    r"\bplants\b|\banimals\b|\bfish\b|\bbirds\b|\bcars\b|\bgoals\b|\bchi[- ]?sq",
    re.IGNORECASE,
)


@dataclass
class GofCounts:
    observed: list[float]
    labels: list[str]
    probs: list[float] | None = None  # None: every category equally likely
    expected_from: str = "equal shares"
    notes: list[str] = field(default_factory=list)


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(_NUM, text)]


def _whole(values: list[float]) -> bool:
    return all(v >= 0 and float(v).is_integer() for v in values)


def _pairs(question: str) -> tuple[list[str], list[float]]:
    best: tuple[list[str], list[float]] = ([], [])
    for run in _PAIR_RUN.finditer(question):
        labels, counts = [], []
        for m in re.finditer(
            r"\b([A-Za-z][\w\-]{0,20})\s*[:=]?\s*(\d+)(?!\d|\.\d|\s*%)", run.group(0)
        ):
            if m.group(1).lower() in _NOT_CATEGORY:
                continue
            labels.append(m.group(1))
            counts.append(float(m.group(2)))
        if len(labels) >= 3 and len(set(labels)) == len(labels) and len(labels) > len(best[0]):
            best = (labels, counts)
    return best


def _shares(question: str, k: int, observed_text: str) -> tuple[list[float] | None, str]:
    """The expected shares of the k categories: a ratio ("50:30:20"), k percentages, or a
    list of expected counts; (None, "equal shares") otherwise."""
    m = _EXPECTED.search(question)
    if m:
        exp = _numbers(m.group(1))
        if len(exp) == k and sum(exp) > 0 and m.group(1) not in observed_text:
            return [e / sum(exp) for e in exp], "the expected counts typed"
    for m in _RATIO.finditer(question):
        parts = [float(x) for x in re.split(r"\s*:\s*", m.group(1))]
        if len(parts) == k and sum(parts) > 0:
            return [x / sum(parts) for x in parts], f"the ratio {m.group(1)}"
    pcts = [float(x) for x in _PERCENTS.findall(question)]
    if len(pcts) == k and abs(sum(pcts) - 100) < 0.5:
        return [x / 100 for x in pcts], "the percentages typed"
    return None, "equal shares"


def gof_counts(question: str) -> GofCounts | None:
    """The observed counts of a goodness-of-fit question typed with its data, or None."""
    if not _ASK.search(question):
        return None
    from havoc_srs.reader.numbers import labelled_lists

    samples = [
        k for k in labelled_lists(question)
        if not re.fullmatch(r"(?i)(observed|obs|expected|exp|counts?|frequencies|theoretical)"
                            r"(?: (?:counts?|frequencies|values))?", k.strip())
    ]  # fmt: skip
    if len(samples) >= 2:
        return None  # "is it fair to say it rose? before: 3 5 4 6, after: 7 8 6 9": two samples
    labels: list[str] = []
    observed: list[float] = []
    m = _LABELLED.search(question)
    observed_text = ""
    if m and len(nums := _numbers(m.group(2))) >= 2 and _whole(nums):
        observed, observed_text = nums, m.group(2)
    else:
        labels, observed = _pairs(question)
        if not observed:
            if not _COUNTED.search(question):
                return None  # "are these speeds 12, 15, 11 evenly spread": measurements
            # the longest run of whole numbers that is not a ratio or a range of faces ("1-6")
            text = _RATIO.sub(" ", question)
            text = re.sub(rf"{_NUM}\s*%|\b\d+\s*(?:-|–|to)\s*\d+\b", " ", text)
            runs = [r.group(0) for r in re.finditer(_LIST, text)]
            runs = [r for r in runs if _whole(_numbers(r)) and len(_numbers(r)) >= 3]
            if not runs:
                return None
            observed_text = max(runs, key=lambda r: len(_numbers(r)))
            observed = _numbers(observed_text)
    if len(observed) < 2 or not _whole(observed) or sum(observed) < 1:
        return None
    k = len(observed)
    if len(labels) != k:
        labels = [f"category {i + 1}" for i in range(k)]
    probs, source = _shares(question, k, observed_text)
    return GofCounts(observed, labels, probs, source)
