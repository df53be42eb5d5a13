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


# a quality said by a comparative or its noun ("weaker crimps", "do they run hotter", "the
# heavier bags") and what a header measuring it holds: its noun, symbol or unit
DIMENSIONS = [
    (r"\b(?:strong(?:er|est)?|weak(?:er|est)?|strength)\b",
     r"\b(?:strength|force|load|uts|ys|tensile|pull\w*|peel|burst|shear|mpa|kpa|psi|"
     r"ksi|kn|n|lbf|kgf|newtons?)\b"),
    (r"\b(?:heav(?:ier|iest|y)|light(?:er|est))\b",
     r"\b(?:weight|mass|wt|g|kg|mg|lbs?|oz|grams?|kilos?)\b"),
    (r"\b(?:hott?(?:er|est)|cool(?:er|est)|cold(?:er|est)|warm(?:er|est))\b",
     r"\b(?:temp\w*|celsius|fahrenheit|kelvin|deg\w*|°[cf]?|c|f)\b|°"),
    (r"\b(?:thick(?:er|est)|thin(?:ner|nest))\b", r"\b(?:thick\w*|wall|gauge|caliper)\b"),
    (r"\b(?:wid(?:er|est)|narrow(?:er|est))\b", r"\b(?:width|wide|breadth)\b"),
    (r"\b(?:tall(?:er|est))\b", r"\b(?:height|tall\w*)\b"),
    (r"\b(?:loud(?:er|est)|quiet(?:er|est)|nois(?:ier|iest))\b",
     r"\b(?:noise|sound|loud\w*|db|dba|spl)\b"),
    (r"\b(?:bright(?:er|est)|dimm(?:er|est))\b",
     r"\b(?:bright\w*|lum\w*|lux|cd|nits?|intensity|lm)\b"),
    (r"\b(?:stiff(?:er|est)|floppier)\b", r"\b(?:stiff\w*|modulus|gpa|rigid\w*)\b"),
    (r"\b(?:dens(?:er|est))\b", r"\b(?:densit\w*|g/cm3|g/cc|kg/m3)\b"),
    (r"\b(?:cheap(?:er|est)|costl(?:ier|iest)|pricier)\b",
     r"\b(?:cost\w*|price\w*|usd|eur|gbp)\b|[$€£]"),
]  # fmt: skip


def dimension_column(question: str, cols: list[str]) -> str | None:
    """The one column measuring the quality a comparative in the question speaks of ("weaker
    crimps" of a Pull-off force N column, "runs hotter" of Temp_C, "heavier bags" of Wt g),
    or None when no such word is there or the table holds none or several such columns."""
    low = question.lower()
    for words, header in DIMENSIONS:
        if re.search(words, low):
            hits = [c for c in cols if re.search(header, _header_words(c))]
            if len(hits) == 1:
                return hits[0]
    return None


def _header_words(column: str) -> str:
    """A header in lower case with its words apart ("NozzleTemp_C" -> "nozzle temp c",
    "UTS [MPa]" -> "uts mpa"), for whole-word matching of its units and symbols."""
    c = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(column))
    return re.sub(r"[_\[\]()]+", " ", c).lower()
