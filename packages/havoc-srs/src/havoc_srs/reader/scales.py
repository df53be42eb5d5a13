"""Quantities whose columns are headed by their scale or symbol rather than their name: the
hardness of a ``Shore A`` or ``HRC`` column, the colour difference of a ``ΔE00`` column, the
internal resistance of an ``IR`` or ``ESR`` column, the roughness of an ``Ra`` column.

>>> scale_column("is the hardness the same on both presses?", ["Cure min", "Shore A"])
'Shore A'
"""

from __future__ import annotations

import re

# a quantity named in words and the scales or symbols its column is headed by ("hardness" of a
# Shore A column, "colour difference" of a ΔE00 column, "internal resistance" of IR or ESR)
SCALES = [
    (r"\b(?:hard(?:ness|er)?|soft(?:ness|er)?)\b",
     r"\b(?:shore|hr[abc]|hv\d*|hbw?|rockwell|brinell|vickers|durometer|irhd|knoop)\b"),
    (r"\bcolou?r (?:difference|diff|match\w*|error|deviation|shift|accuracy)\b",
     r"(?:^|[^a-z])(?:δ|Δ|delta ?|d)e(?:\d\d|ab|cmc|\*)?(?![a-z])"),
    (r"\binternal resistance\b|\bimpedance\b", r"\b(?:ir|esr|dcir|acir)\b"),
    (r"\b(?:surface )?(?:roughness|rough\w*|smooth\w*)\b", r"\b(?:ra|rz|rq)\b"),
]  # fmt: skip


def scale_column(question: str, cols: list[str]) -> str | None:
    """The one column headed by the scale or symbol of a quantity the question names in words
    ("the hardness" of Shore A, "the colour difference" of ΔE00), or None."""
    low = question.lower()
    for words, scale in SCALES:
        if re.search(words, low):
            hits = [c for c in cols if re.search(scale, c.lower())]
            if len(hits) == 1:
                return hits[0]
    return None


def scale_fits(phrase: str, columns: list[str]) -> bool:
    """The quantity phrase names one of ``columns`` by its scale or symbol."""
    return scale_column(phrase, columns) is not None
