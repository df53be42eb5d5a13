"""Response and predictors of a fit stated as roles in any words, each role a phrase that
describes a column rather than naming it ("how does the tensile strength change with layer
thickness", "regress yield on nitrogen rate", "predicting cure hardness from the oven setting").

The wording says which phrase is the response and which the predictor(s); each phrase is then
resolved on its own: the header, the header's words, abbreviations and unit
(``regression._phrase_column``), and last the sentence embedder's reading of the headers
(``reader.columns.semantic_columns``, at the threshold for a column anchored by its role). A
role pattern counts only when every phrase in it names exactly one column.

Called by ``regression.plan`` only when the stricter readers found no model.
"""

from __future__ import annotations

import re
from typing import Any

# the connecting words of each pattern; Y and X are phrases of at most six words
_P = r"(?:the\s+|a\s+|an\s+|our\s+|my\s+|its\s+|their\s+)?"
_PHRASE = r"(?P<{0}>[\w/%°²³.-]+(?:\s+[\w/%°²³.-]+){{0,5}}?)"
_Y, _X = _PHRASE.format("y"), _PHRASE.format("x")
_XS = r"(?P<x>[^?;:!]{2,120}?)"
_END = r"(?=\s*(?:[?.;:!]|,\s|$|\s+(?:and\s+)?(?:fit|give|predict|show|tell|what|how|then|so|if|please|pls)\b))"
_CHANGE = r"(?:change|vary|varies|respond|react|move|scale|shift|go(?:es)?\s+(?:up|down)|rise|fall|drop|increase|decrease|depend|behave)s?"  # noqa: E501
ROLE_PATTERNS = [
    # "how does the tensile strength of the coupons change with layer thickness"
    rf"\bhow\s+(?:does|do|did|will|would)\s+{_P}{_Y}\s+{_CHANGE}\s+(?:with|on|as|against|across)\s+{_P}{_XS}{_END}",
    # "regress yield on nitrogen rate", "a regression of wear against pad temperature"
    rf"\b(?:regress(?:ion)?|fit|model|ols)\s+(?:of\s+)?{_P}{_Y}\s+(?:on|against|vs\.?|versus)\s+{_P}{_XS}{_END}",
    # "predicting cure hardness from the oven setting", "estimate the yield using the dose"
    rf"\b(?:predict|estimat|forecast|model|explain)\w*\s+{_P}{_Y}\s+(?:from|using|with|based\s+on|by|given|in\s+terms\s+of)\s+{_P}{_XS}{_END}",
    # "the effect of oven setting on cure hardness"
    rf"\b(?:effect|influence|impact|dependence)\s+of\s+{_P}{_X}\s+(?:on|upon)\s+{_P}{_Y}{_END}",
    # "does the feed rate affect surface finish"
    rf"\b(?:does|do|did|will|would|can|could)\s+{_P}{_X}\s+(?:affect|influence|drive|predict|explain|determine|change|impact)\s+{_P}{_Y}{_END}",
    # "cure hardness as a function of oven setting", "... depending on ..."
    rf"\b{_P}{_Y}\s+(?:as\s+a\s+(?:linear\s+|quadratic\s+)?function\s+of|depending\s+on|depends\s+on|in\s+terms\s+of)\s+{_P}{_XS}{_END}",
]  # fmt: skip
_ROLE_RES = [re.compile(p) for p in ROLE_PATTERNS]
_FILLER_HEAD = re.compile(r"^(?:the|a|an|our|my|its|their|each|every|both)\s+")
_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*\+\s*|\s+plus\s+")


def _semantic(phrase: str, ds: Any, pool: list[str]) -> str | None:
    from havoc_srs.reader.columns import semantic_columns

    found = semantic_columns(phrase, ds, pool, need=1, taken=[], anchored=True)
    return found[0].column if found else None


# chemical names headers abbreviate by their symbol ("nitrogen rate" for N applied (kg/ha))
_SYMBOLS = {
    "nitrogen": ("n", "no3", "nh4"), "phosphorus": ("p", "p2o5"), "phosphate": ("p2o5", "po4"),
    "potassium": ("k", "k2o"), "potash": ("k2o", "k"), "carbon dioxide": ("co2",),
    "oxygen": ("o2", "do"), "sulphur": ("s", "so2"), "sulfur": ("s", "so2"),
    "nitrogen oxides": ("nox",), "ozone": ("o3",), "copper": ("cu",), "zinc": ("zn",),
    "iron": ("fe",), "chromium": ("cr",), "nickel": ("ni",), "carbon": ("c",),
    "hydrogen": ("h2",), "chloride": ("cl",), "sodium": ("na",), "magnesium": ("mg",),
    "calcium": ("ca",), "silicon": ("si",), "manganese": ("mn",), "molybdenum": ("mo",),
}  # fmt: skip


def _by_symbol(phrase: str, pool: list[str]) -> str | None:
    from havoc_srs.reader.text import split_name

    for name, symbols in _SYMBOLS.items():
        if re.search(rf"\b{name}\b", phrase):
            hits = [c for c in pool if set(split_name(re.sub(r"\(.*?\)", " ", c))) & set(symbols)]
            if len(hits) == 1:
                return hits[0]
    return None


def _resolve(phrase: str, pool: list[str], ds: Any) -> str | None:
    """The one column a role phrase describes, or None: by its words, by a chemical symbol, and
    last by the embedder (numeric columns only: a category is named, not described)."""
    from havoc_srs.families.regression import _phrase_column

    phrase = _FILLER_HEAD.sub("", phrase.strip(" ,.()'\""))
    phrase = re.sub(r"\s+(?:of|for|in)\s+(?:the\s+)?\w+$", "", phrase)  # "strength of the coupons"
    if not phrase:
        return None
    hit = _phrase_column(phrase, pool) or _by_symbol(phrase, pool)
    if hit or ds is None:
        return hit
    return _semantic(phrase, ds, [c for c in pool if c in ds.numeric])


def role_phrases(question: str, pool: list[str], ds: Any = None) -> tuple[str | None, list[str]]:
    """(response, predictors) from a role pattern whose every phrase names one column of
    ``pool``; (None, []) otherwise."""
    low = re.sub(r"\s+", " ", question.lower())
    for rx in _ROLE_RES:
        for m in rx.finditer(low):
            y = _resolve(m.group("y"), pool, ds)
            if y is None:
                continue
            parts = [p for p in _SPLIT.split(m.group("x")) if p.strip()]
            xs = [_resolve(p, [c for c in pool if c != y], ds) for p in parts]
            if xs and all(xs):
                return y, list(dict.fromkeys(x for x in xs if x))
    return None, []


def _response_after_verb(low: str, at: int) -> bool:
    return bool(
        re.search(r"\b(?:what|which|predict\w*|expect\w*|estimat\w*|forecast\w*)\s+(?:\w+\s+)?$",
                  low[max(0, at - 30) : at])
    )  # fmt: skip


def one_side_named(question: str, numeric: list[str]) -> tuple[str | None, list[str]]:
    """A fit where the wording names one side and the table makes the other unambiguous: the
    columns named (by words, unit or chemical symbol) are the response after a response verb
    ("what yield do we get with 180 kg of nitrogen") and a setting; a setting named alone
    ("does a heavier axle eat tyres faster") takes as response the one numeric column that is
    not a setting people choose. (None, []) otherwise."""
    from havoc_srs.families.regression import _input_like, _mentions

    low = question.lower()
    ms = _mentions(question, numeric)
    cols = list(dict.fromkeys(c for _, _, c in ms))
    sym = _by_symbol(low, [c for c in numeric if c not in cols])
    if sym:
        cols.append(sym)
    if len(cols) == 1 and _input_like(cols[0]):
        outcomes = [c for c in numeric if c != cols[0] and not _input_like(c)]
        return (outcomes[0], cols) if len(outcomes) == 1 else (None, [])
    if len(cols) == 2:
        verb = [c for a, _, c in ms if _response_after_verb(low, a)]
        if len(set(verb)) == 1:
            return verb[0], [c for c in cols if c != verb[0]]
        outcomes = [c for c in cols if not _input_like(c)]
        if len(outcomes) == 1:
            return outcomes[0], [c for c in cols if c != outcomes[0]]
    return None, []
