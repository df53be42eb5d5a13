"""Regression: ordinary least squares of a response on one or more predictors (a quadratic term
when asked for curvature).

ARGUE checks the residuals (normality, influence, independence) and the sample size and fits the
quadratic alternative; AUDIT re-solves the least squares by ``numpy.linalg.lstsq`` and recomputes
R-squared.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from havoc_tools.dsl import ast as A

from havoc_srs.answer import number_text as fmt
from havoc_srs.data import Dataset, ident
from havoc_srs.dslbuild import let, name, opts, program
from havoc_srs.execute import Execution
from havoc_srs.families._checks import NORMALITY_ALPHA, check, run
from havoc_srs.families._regression_roles import (
    call_roles,
    named_roles,
    one_side_named,
    role_phrases,
)
from havoc_srs.families._typos import REGRESSION_WORDS, fix_typos, rule_gain
from havoc_srs.families._unit_words import spelled_units_pattern, unit_pattern, unit_quantities
from havoc_srs.phrasing import Phrasing, normalise
from havoc_srs.plan import ID_LIKE, Missing, Plan, need_data, read_alpha
from havoc_srs.reader.text import edit_distance

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "regression"
PROTOCOL = "arbiter"
ground_hint = "ordinary least squares regression residuals"
VERBS = ("regress",)

# ---------------------------------------------------------------------------------------------
# PLAN

_REG_PATTERNS = [
    (r"\bregress(?:ion of)?\s+(?P<y>\w+)\s+(?:on|against)\s+(?P<x>[\w ,]+?)(?:[?.;:]|$| in | at |"
     r" with | using | for )", "y_on_x"),
    (r"\bpredict\s+(?P<y>\w+)\s+(?:from|using|with|based on)\s+(?P<x>[\w ,]+?)(?:[?.;]|$)",
     "y_on_x"),
    (r"\b(?P<y>\w+)\s+(?:vs\.?|versus|against)\s+(?P<x>\w+)", "y_on_x"),
    (r"\b(?:effect|influence|impact) of\s+(?P<x>[\w ,]+?)\s+on\s+(?:the\s+)?(?P<y>\w+)", "y_on_x"),
    (r"\bhow (?:does|do)\s+(?:the\s+)?(?P<y>\w+)\s+(?:change|vary|increase|decrease|depend|respond)"
     r"\s+(?:with|on)\s+(?:the\s+)?(?P<x>\w+)", "y_on_x"),
    (r"\b(?:does|do)\s+(?:the\s+)?(?P<y>\w+)\s+depend\s+on\s+(?:the\s+)?(?P<x>[\w ,]+?)(?:[?.;]|$)",
     "y_on_x"),
    (r"\b(?:does|do)\s+(?:the\s+)?(?P<x>\w+)\s+(?:affect|influence|predict|drive)\s+(?:the\s+)?"
     r"(?P<y>\w+)", "y_on_x"),
    (r"\bslope of\s+(?P<y>\w+)\s+(?:on|against|with respect to|vs\.?|versus)\s+(?P<x>\w+)", "y_on_x"),
    (r"\bfit\s+(?P<y>\w+)\s+(?:as a function of|on|against)\s+(?P<x>[\w ,]+?)(?:[?.;]|$)",
     "y_on_x"),
]  # fmt: skip


def _match_col(word: str, columns: list[str]) -> str | None:
    w = word.strip().lower()
    for c in columns:
        if c.lower() == w or ident(c) == w:
            return c
    bare = [c for c in columns if _unitless(c) == w]  # "time" for a typed label "time min"
    return bare[0] if len(bare) == 1 else None


def _unit_of(col: str) -> str:
    """A header's unit, bracketed or written as its last word ("load kg", "Load (kg)" -> kg)."""
    from havoc_srs.reader.columns import UNITS

    m = re.search(r"[\(\[]\s*°?\s*([^)\]]{1,8}?)\s*[\)\]]\s*$", str(col))
    if m:
        return m.group(1).strip().lower()
    words = str(col).lower().split()
    return words[-1] if len(words) >= 2 and words[-1] in UNITS else ""


def _unitless(col: str) -> str:
    """A header without its unit, bracketed or written as its last word ("load kg" -> load)."""
    from havoc_srs.reader.columns import UNITS

    words = re.sub(r"[\(\[][^)\]]*[\)\]]", " ", str(col)).lower().split()
    if len(words) >= 2 and words[-1].strip("°") in UNITS | {"%", "°c", "°f"}:
        words = words[:-1]
    return " ".join(words)


_Y_THEN_X = re.compile(
    r"\b(from|on|using|with|vs\.?|versus|against|over|as a function of|in terms of|given|by|when|if|"
    r"for (every|each)|per|depends? on|depending on|change[sd]? with|go(es)? (up|down)|"
    r"a (linear |quadratic |straight[- ]line |polynomial |simple )?function of|"
    r"(explained|predicted|driven|determined|affected|influenced|governed|dictated|controlled|"
    r"set|caused|impacted) by|"
    r"(rise|fall|increase|decrease|drop|shrink|grow|climb|sink|improve|worsen|deteriorate|"
    r"change|vary|varie|decline|swell|rising|falling|increasing|decreasing|dropping|shrinking|"
    r"growing|climbing|sinking|improving|worsening|changing|varying|declining)(s|d|ed)? "
    r"(with|for|as|when|if|once))"
    r"\b|~"
)


_X_THEN_Y = re.compile(
    r"\b(effect|influence|impact) of\b|\b(affects?|influences?|drives?|predicts?|explains?|"
    r"determines?|come out|comes out|end up|ends up|turns? out|results? in|leads? to|causes?|"
    r"affecting|influencing|driving|determining|causing|controlling|controls?)\b"
    # "what effect does X have on Y", "the slope feed has on roughness"
    r"|\b(?:has|have|had|having|exerts?|exerted)\s+(?:\w+\s+){0,2}?(?:on|upon)\b"
    # a setting adjusted for the sake of an outcome: "adjust rennet to hit a coagulation time",
    # "we tune the feed in order to reach a finish", "set the speed so as to get"
    r"|\b(?:in order |so as )?to (?:hit|reach|achieve|attain|obtain|get|meet|land|control|target)\b"
)

# words people use for a measured quantity instead of its header word (adjectives, units)
_DESCRIBED: dict[str, tuple[str, ...]] = {
    "temp": ("hot", "hotter", "heat", "heated", "warm", "warmer", "cold", "colder", "degrees",
             "oven"),
    "temperature": ("hot", "hotter", "heat", "heated", "warm", "warmer", "cold", "colder",
                    "degrees", "oven"),
    "time": ("long", "longer", "minutes", "hours", "duration"),
    "hardness": ("hard", "harder", "soft", "softer"),
    "moisture": ("wet", "wetter", "damp", "dry", "drier", "dryer"),
    "strength": ("strong", "stronger", "weak", "weaker"),
    "tensile": ("strong", "stronger", "weak", "weaker"),
    "sold": ("sales", "sell", "sells", "selling"),
    "sales": ("sold", "sell", "sells", "selling"),
    "tv": ("television",),
    "online": ("web", "internet", "digital"),
    "speed": ("fast", "faster", "slow", "slower"),
    "thickness": ("thick", "thicker", "thin", "thinner"),
    "weight": ("heavy", "heavier", "light", "lighter"),
    "viscosity": ("runny", "viscous"),
    "cost": ("expensive", "cheaper", "cheap"),
    "roughness": ("rough", "rougher", "smooth", "smoother"),
}  # fmt: skip
_SHORT_NOT = frozenset("of in on at to by no id is or an as mm cm kg um pc".split())
# header words of settings people choose (the predictor when no wording says which is which)
_INPUT_WORDS = frozenset(
    "temp temperature time duration pressure speed feed rate spend spending budget dose dosage "
    "concentration conc voltage current load age moisture cement water catalyst setting depth "
    "power flow force width thickness amount additive ratio rpm cure irradiance humidity "
    "ambient".split()
)
_ALL_OTHERS = re.compile(
    r"\b(both|all|every|each) (of )?(them|the (two|three|other|predictors|inputs|variables|"
    r"factors|channels|settings)|(two|three) )|\bthe (two|three) (\w+ )?(channels|predictors|inputs|"
    r"variables|factors|settings)\b|\bmultiple regression\b|\ball (the )?(other )?(predictors|"
    r"variables|columns|inputs)\b"
)
_RESPONSE_VERB = re.compile(
    r"\b(predict(ing|ed)?|forecast(ing)?|estimate|expect|model|explain|what)\b"
    # ("what effect does X have on Y", "what slope does X": X is the input)
    r"(?!\s+(?:effect|slope|influence|impact|coefficient|role|bearing|sensitivity)s?\b)"
    r"(\s+\w+){0,2}\s*$"
)


def _mentions(question: str, numeric: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, column) of every place a numeric column is named or described, in order."""
    from havoc_srs.reader.columns import _resolve, match_headers
    from havoc_srs.reader.text import split_name, tokens

    out = [
        (m.start, m.end, m.column)
        for m in _resolve(match_headers(question, numeric))
        if m.kind == "column"
    ]
    named = {c for _, _, c in out}
    for t in tokens(question):
        if any(a <= t.start < b for a, b, _ in out):
            continue
        hits = [
            c for c in numeric
            if c not in named
            and (any(t.text in _DESCRIBED.get(w, ()) or (t.text == w and len(w) == 2
                     and w not in _SHORT_NOT) for w in split_name(c))
                 or any(t.text in _DESCRIBED.get(w, ()) for w in _expanded_words(c)))
        ]  # fmt: skip
        if len(hits) == 1:
            out.append((t.start, t.end, hits[0]))
    for a, b, c in _initialisms(question, numeric):  # "internal resistance" for IR_mOhm
        out = [m for m in out if not a <= m[0] < b] + [(a, b, c)]
    _loose_mentions(question, numeric, out)
    _unit_mentions(question, numeric, out)
    _symbol_mentions(question, numeric, out)
    formula = re.search(r"([A-Za-z_][\w ]*?)\s*~\s*([\w +*:]+)", question)
    if formula:  # "hardnes ~ temp": each side on its own
        for a, b in ((formula.start(1), formula.end(1)), (formula.start(2), formula.end(2))):
            if not any(a <= s_ < b for s_, _, _ in out):
                for m in _resolve(match_headers(question[a:b], numeric)):
                    out.append((a + m.start, a + m.end, m.column))
    return _merge_adjacent(question, sorted(out), numeric)


def _spelled_only(unit: str) -> str:
    """The spelled-out forms of a unit only ("kilonewtons", not "kn"): a regex alternation that
    matches nothing when the unit has none."""
    from havoc_srs.families._unit_words import _SPELLED

    words = [w + s for w in _SPELLED.get(unit.lower(), ()) if len(w) >= 4 for s in ("s", "")]
    return "|".join(re.escape(w) for w in words) or r"(?!x)x"


def _merge_adjacent(
    question: str, ms: list[tuple[int, int, str]], numeric: list[str]
) -> list[tuple[int, int, str]]:
    """Two mentions side by side that together describe one column: "raw water turbidity" is
    ``Raw water NTU`` (its header words and what its unit measures), not ``Raw water NTU`` and
    ``Turbidity (NTU)``. Merged when exactly one of the two columns covers every content word
    of the joined phrase (header words, abbreviations, unit and its quantity; typos allowed)."""
    from havoc_srs.reader.text import split_name

    out = list(ms)
    i = 0
    while i < len(out) - 1:
        (a1, b1, c1), (a2, b2, c2) = out[i], out[i + 1]
        gap = question[b1:a2]
        if c1 != c2 and b1 <= a2 and re.fullmatch(r"[\s-]{0,2}", gap):
            words = [w for w in split_name(question[a1:b2].lower()) if len(w) >= 3]
            covers = [
                c for c in (c1, c2)
                if words and all(any(_header_word_hit(w, h) for h in _expanded_words(c))
                                 for w in words)
            ]  # fmt: skip
            if len(covers) == 1:
                out[i : i + 2] = [(a1, b2, covers[0])]
                continue
        i += 1
    return out


def _symbol_words(col: str) -> set[str]:
    """A header's words, chemical formulas kept whole ("P2O5 kg/ha" -> p2o5, kg, ha, p, ...)."""
    from havoc_srs.reader.text import split_name

    bare = re.sub(r"\(.*?\)", " ", col)
    return set(split_name(bare)) | set(re.findall(r"[a-z0-9]+", bare.lower()))


def _symbol_mentions(question: str, numeric: list[str], out: list[tuple[int, int, str]]) -> None:
    """A chemical named in words whose header writes its symbol ("nitrogen" for N applied,
    "phosphate" for P2O5 kg/ha): the one column carrying the symbol, not named otherwise."""
    from havoc_srs.families._regression_roles import _SYMBOLS

    low = question.lower()
    named = {c for _, _, c in out}
    for chemical, symbols in _SYMBOLS.items():
        for m in re.finditer(rf"\b{chemical}\b", low):
            if any(a <= m.start() < b for a, b, _ in out):
                continue
            hits = [
                c for c in numeric if _symbol_words(c) & set(symbols) and c not in named
            ]  # fmt: skip
            if len(hits) == 1:
                out.append((m.start(), m.end(), hits[0]))
                named.add(hits[0])


def _unit_mentions(question: str, numeric: list[str], out: list[tuple[int, int, str]]) -> None:
    """A physical quantity named by the word for what its unit measures ("the resistance" for
    ``IR (mOhm)``, "the pressure" for ``P (kPa)``): the one column in such a unit, when no
    other mention covers the word and the column is not named yet."""
    from havoc_srs.reader.named import _ATTRIBUTE_UNITS, _attribute, _unit_words
    from havoc_srs.reader.text import tokens

    named = {c for _, _, c in out}
    for t in tokens(question):
        attr = _attribute(t.text)
        if not attr or any(a <= t.start < b for a, b, _ in out):
            continue
        hits = [c for c in numeric if _unit_words(c) & _ATTRIBUTE_UNITS[attr]]
        if len(hits) == 1 and hits[0] not in named:
            out.append((t.start, t.end, hits[0]))
            named.add(hits[0])


def _initialisms(question: str, numeric: list[str]) -> list[tuple[int, int, str]]:
    """Columns whose header abbreviates words the question spells out: the initials of
    consecutive words ("internal resistance" for IR_mOhm, "water-cement ratio" for w/c ratio,
    "dry film thickness" for DFT1), the header's next word included when it follows."""
    from havoc_srs.reader.text import split_name

    low = question.lower()
    words = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[a-z]+", low)]
    out = []
    for c in numeric:
        others = {w for o in numeric if o != c for w in split_name(o)}
        raw = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", c)
        abbrs = {
            "".join(re.findall(r"[A-Za-z]", a)).lower()
            for a in re.findall(r"(?<![A-Za-z])[A-Za-z](?:/[A-Za-z])+(?![A-Za-z])", raw)
        }
        abbrs |= {a.lower() for a in re.findall(r"(?<![A-Za-z])[A-Z]{2,4}(?![a-z])", raw)}
        for abbr in abbrs:
            k = len(abbr)
            for i in range(len(words) - k + 1):
                run = words[i : i + k]
                gaps = [low[run[j][1] : run[j + 1][0]] for j in range(k - 1)]
                hyphenated = (
                    all(g == "-" for g in gaps) and min(len(run[0][2]), len(run[-1][2])) >= 3
                )
                if (
                    "".join(w[0] for _, _, w in run) == abbr
                    and (  # "point-of-care" for POC: a hyphenated compound keeps its short words
                        hyphenated or all(len(w) >= 3 and w not in _WORD_STOP for _, _, w in run)
                    )
                    and all(re.fullmatch(r"[\s/-]", g) for g in gaps)
                ):
                    end = run[-1][1]
                    rest = [w for w in split_name(raw) if w not in abbr and len(w) >= 3]
                    nxt = re.match(r"\s+([a-z]+)", low[end:])
                    if nxt and nxt.group(1) in rest:
                        end += nxt.end()
                    elif rest and any(w in others for _, _, w in run):
                        continue  # "water content" is Water, not the w/c ratio
                    out.append((run[0][0], end, c))
    return out


_WORD_STOP = frozenset(
    "the and for from with per what would will how much does this that our data table column "
    "model fit line predict regress regression against using each every unit units more less "
    "when then than into onto".split()
)


def _header_word_hit(word: str, header_word: str) -> bool:
    """A question word standing for a header word: a stem of it either way ("temperature" for
    Temp, "temp" for Temperature) or a typo of it ("temprature", "tiem", "hardnes")."""
    if len(header_word) < 3 or len(word) < 3 or header_word.isdigit():
        return False
    if word == header_word:
        return True
    if min(len(word), len(header_word)) >= 4 and (
        word.startswith(header_word) or header_word.startswith(word)
    ):
        return True
    limit = 2 if min(len(word), len(header_word)) >= 8 else 1
    return (
        min(len(word), len(header_word)) >= 4 and edit_distance(word, header_word, limit) <= limit
    )


def _loose_mentions(
    question: str, numeric: list[str], out: list[tuple[int, int, str]], units_only: bool = False
) -> None:
    """Columns the header matcher missed: a question word standing for exactly one header word
    of one column ("time" for Cure Time (min), "temprature" for Cure Temp), and a number written
    with a column's own unit ("160 C" for Temp (°C), "60 min" for Time (min))."""
    from havoc_srs.reader.text import split_name, tokens

    named = {c for _, _, c in out}
    words = {
        c: [w for w in split_name(re.sub(r"\([^)]*\)", " ", c)) if w not in _WORD_STOP]
        for c in numeric
    }
    low = question.lower()
    # a span read as one column but holding a list ("tv and online spending") is read again
    spans = [(a, b) for a, b, _ in out if not re.search(r"\band\b|,|&", low[a:b])]
    for t in [] if units_only else tokens(question):
        if t.text in _WORD_STOP or any(a <= t.start < b for a, b in spans):
            continue
        hits = [c for c in numeric if any(_header_word_hit(t.text, w) for w in words[c])]
        if len(hits) == 1 and hits[0] not in named:
            out.append((t.start, t.end, hits[0]))
            named.add(hits[0])
    units = {}
    for c in numeric:
        m = re.search(r"\(\s*°?\s*([a-zµ/]+)\s*\)\s*$", c.lower())
        unit = m.group(1) if m else _unit_of(c).lstrip("°")  # "Raw water NTU": its last word
        if unit and unit not in ("k", "pct", "%"):
            units.setdefault(unit, []).append(c)
    for unit, cols in units.items():
        if len(cols) != 1 or cols[0] in named:
            continue
        # "160 C", "60 min", and the unit spelled out: "a 12 minute roast", "700 kilos"; a
        # quantity said in its unit: "the preload in kilonewtons"
        m = re.search(
            r"(?<![\w.])\d+(?:\.\d+)?[\s-]*°?\s*(" + unit_pattern(unit) + r")(?![a-z])", low
        ) or re.search(r"\b(?:in|as) (" + _spelled_only(unit) + r")(?![a-z])", low)
        if m:
            out.append((m.start(1), m.end(1), cols[0]))
            named.add(cols[0])


_EQUATION = re.compile(
    r"\b([A-Za-z_]\w*)\s*=\s*[A-Za-z]\w?\s*\+\s*[A-Za-z]\w?\s*(?:[·*×]\s*)?([A-Za-z_]\w*)\b"
)


def _input_like(col: str) -> bool:
    from havoc_srs.reader.text import split_name

    return any(w in _INPUT_WORDS for w in split_name(col))


def _read_roles(question: str, numeric: list[str]) -> tuple[str | None, list[str]]:
    """Response and predictors from where the columns are named and the words around them:
    a response verb before a column ("predict hardness"), a cue between two columns ("sales
    per extra thousand on TV", "wetter material comes out weaker", "Y ~ X"), and for columns
    named without any cue, the settings people choose (temperature, time, spend) as predictors."""
    eq = _EQUATION.search(question)
    if eq:  # "fit y = a + b*x"
        y_, x_ = _match_col(eq.group(1), numeric), _match_col(eq.group(2), numeric)
        if y_ and x_ and y_ != x_:
            return y_, [x_]
    ms = _mentions(question, numeric)
    cols = list(dict.fromkeys(c for _, _, c in ms))
    if not cols:
        return None, []
    low = question.lower()
    first_at = {c: next(a for a, _, cc in ms if cc == c) for c in cols}
    y = None
    for a, b, c in ms:  # "predict the hardness", "what hardness should we expect"
        if _RESPONSE_VERB.search(low[max(0, a - 40) : a]):
            y = c
            break
        if re.search(r"\bhow\s+$", low[max(0, a - 6) : a]) and any(
            low[a:b] in v for v in _DESCRIBED.values()
        ):  # "how strong a bar will be at ...": the quantity asked by its adjective
            y = c
            break
    if (
        y is None
        and len(cols) == 2
        and re.search(  # "the effect of arc voltage on bead width"
            r"\b(effect|influence|impact) of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", low[: ms[0][0]]
        )
    ):
        y = next(c for c in cols if c != ms[0][2])
    if y is None and len(cols) >= 2:
        seq = [c for _, _, c in ms]
        for i in range(len(ms) - 1):
            c1, c2 = ms[i][2], ms[i + 1][2]
            if c1 == c2:
                continue
            between = low[ms[i][1] : ms[i + 1][0]]
            if _X_THEN_Y.search(between):
                y = c2
                break
            if _Y_THEN_X.search(between):
                y = c1
                break
        if y is None and re.search(r"\b(effect|influence|impact) of\s*$", low[: ms[0][0]]):
            y = seq[-1]
        if y is None and re.search(r"\b(come|comes|end|ends|turn|turns) (out|up)\b", low):
            y = seq[-1]
    if y is None:
        outcomes = [c for c in cols if not _input_like(c)]
        if len(outcomes) == 1 and len(cols) >= 2:
            y = outcomes[0]
    if y is None:
        return None, []
    xs = [c for c in sorted(cols, key=first_at.get) if c != y]
    others = [c for c in numeric if c != y]
    every = _ALL_OTHERS.search(low)
    said = (
        re.search(r"\b(?:all|both|the) (two|three|four|five|2|3|4|5)\b", every.group(0))
        if every
        else None
    )
    if said and _COUNT_WORDS.get(said.group(1), said.group(1)) == str(len(xs)):
        every = None  # "use all three settings" after naming three: those three
    if every or (not xs and len(others) == 1):
        xs = list(dict.fromkeys(xs + others))
    return y, xs


_ROLES_STATED = [
    # "y = strength, x = w/c, age, ash"
    re.compile(
        r"\by\s*[=:]\s*(?P<y>[^,;.?=]+?)\s*[,;]?\s*\bx'?s?\s*[=:]\s*(?P<x>[^;?=]+?)(?:\.\s|[.;?]?$)"
    ),
    # "a linear fit of length on infill", "regress the first DFT reading on the hour"
    # "the spring rate expressed as a linear function of the wire diameter, ..."
    re.compile(
        r"\b(?:the\s+)?(?P<y>(?:[\w/%-]+\s+){0,3}?[\w/%-]+)\s+(?:expressed|written|modell?ed|"
        r"described)\s+as\s+an?\s+(?:linear\s+|quadratic\s+)?function\s+of\s+(?:the\s+)?"
        r"(?P<x>[^;?]+?)(?:\.\s|[.;?]|$|,\s+(?:with|using)\b|,\s+(?:the\s+)?\w+\s+(?:being|are|is|"
        r"were|found|estimated|obtained|computed|fitted)\b)"
    ),
    # "a second-order polynomial model of head in flow and speed", "a quadratic in temperature"
    re.compile(
        r"\b(?:polynomial|quadratic|second[- ]order|cubic|third[- ]order)\s+(?:polynomial\s+)?"
        r"(?:model|fit|regression|surface|equation)\s+(?:of|for)\s+(?:the\s+)?"
        r"(?P<y>[^,;.?]{2,40}?)\s+(?:in|on)\s+(?:terms\s+of\s+)?(?:the\s+)?(?P<x>[^;?]+?)"
        r"(?:\.\s|[.;?]|$| is | at | with | using | for )"
    ),
    re.compile(
        r"\b(?:regress(?:ion)?|fit|model|line|trend)\b(?:\s+of)?\s+(?:the\s+)?"
        r"(?P<y>[^,;.?]{2,40}?)\s+(?:on|against|vs\.?|versus|over)\s+(?:the\s+)?(?P<x>[^;?]+?)"
        r"(?:\.\s|[.;?]|$| is | in | at | with | using | for | and (?:tell|give|show|report)\b)"
    ),
]


def _phrase_column(text: str, numeric: list[str]) -> str | None:
    """The one column a short phrase names: its header, a description of it, or the start of its
    header ("w/c" for w/c ratio)."""
    text = text.strip(" ()")
    hit = _match_col(text, numeric)
    if hit or not text:
        return hit
    described = list(dict.fromkeys(c for _, _, c in _mentions(text, numeric)))
    if len(described) == 1:
        return described[0]
    starts = [c for c in numeric if len(text) >= 2 and c.lower().startswith(text.lower())]
    if len(starts) == 1:
        return starts[0]
    return _sibling_column(text, numeric) or _meaning_column(text, numeric)


_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6,
}  # fmt: skip
_NUMBERED = re.compile(r"(.*?[A-Za-z])[\s_#.-]*(\d{1,2})")
_CODED = re.compile(r"(.*?[A-Za-z0-9])[\s_.-]+([A-Za-z]{1,2})")


def _sibling_column(text: str, numeric: list[str]) -> str | None:
    """One of a set of sibling columns that differ only by a number or a short code, named by
    its place or its code: "the first DFT reading" for DFT1 (of DFT1..DFT4), "edge (R)" or
    "the right edge" for thk_R (of thk_C, thk_T, thk_R, ...), a code in brackets or the initial
    of the phrase's first word standing for the one-letter code."""
    low = text.lower()
    groups: dict[str, dict[str, str]] = {}
    for c in numeric:
        m = _NUMBERED.fullmatch(c.strip())
        if m:
            groups.setdefault("n:" + m.group(1).lower(), {})[str(int(m.group(2)))] = c
            continue
        m = _CODED.fullmatch(c.strip())
        if m:
            groups.setdefault("c:" + m.group(1).lower(), {})[m.group(2).lower()] = c
    groups = {k: v for k, v in groups.items() if len(v) >= 2}
    if not groups:
        return None
    words = re.findall(r"[a-z0-9]+", low)
    hits: set[str] = set()
    ordinal = next((_ORDINALS[w] for w in words if w in _ORDINALS), None)
    code = re.search(r"\(\s*([a-z]{1,2})\s*(?:\)|$)", low)
    coded = [m for k, m in groups.items() if k.startswith("c:") and code and code.group(1) in m]
    if len(coded) == 1:  # "south (S)": the code in brackets names one column
        return coded[0][code.group(1)]
    for key, members in groups.items():
        stem_words = set(re.findall(r"[a-z]+", key[2:]))
        if len(groups) > 1 and not stem_words & set(words):
            continue  # several families: the phrase must name its stem
        if key.startswith("n:") and ordinal is not None and str(ordinal) in members:
            hits.add(members[str(ordinal)])
        elif key.startswith("c:"):
            content = [w for w in words if w not in _WORD_STOP and w not in stem_words]
            if content and len(content[0]) >= 3 and content[0][0] in members:
                hits.add(members[content[0][0]])
    return hits.pop() if len(hits) == 1 else None


def _expanded_words(column: str) -> list[str]:
    """A header's words with what its abbreviations and its unit stand for ("UTS MPa" ->
    uts, mpa, tensile, strength, megapascals, stress; "Nozzle T (°C)" -> ..., temperature)."""
    from havoc_srs.reader.columns import _UNIT_MEANING, ABBREVIATIONS
    from havoc_srs.reader.text import split_name

    words = split_name(re.sub(r"[\(\[].*?[\)\]]", " ", column)) or split_name(column)
    out = list(words)
    for w in words:
        out += ABBREVIATIONS.get(w, ())
    units = re.findall(r"[\(\[]\s*([^\)\]]{1,12}?)\s*[\)\]]", column) + words[-1:]
    units += [_unit_of(column)] if _unit_of(column) else []
    for u in units:
        out += _UNIT_MEANING.get(u.strip().lower(), "").split()
        out += unit_quantities(u)
        if "time" in _UNIT_MEANING.get(u.strip().lower(), "").split():
            out.append("duration")  # a time unit measures how long a thing takes
    return list(dict.fromkeys(out))


def _by_unit(text: str, columns: list[str]) -> str | None:
    """The one column whose unit is the whole of ``text`` (a formula term written as the unit
    of its header: "rpm" for Spindle speed (rpm), "kN" for Press force (kN)), or None."""
    t = text.strip().lower().replace("µ", "u")
    if not t or re.fullmatch(r"[a-z]", t):  # a one-letter term is a variable's name, not a unit
        return None
    hits = [c for c in columns if _unit_of(c).replace("µ", "u").lstrip("°") == t.lstrip("°")]
    return hits[0] if len(hits) == 1 else None


def _by_token(text: str, columns: list[str]) -> str | None:
    """The one column with a short word of two or three letters that is the whole of ``text``
    (an abbreviation inside the header: "Ra" for Surface roughness Ra (µm), "OG" for OG (°P)),
    or None; a one-letter term is a variable's name."""
    t = text.strip().lower()
    if not re.fullmatch(r"[a-z][a-z0-9]{1,2}", t):
        return None
    hits = [
        c for c in columns
        if t in re.findall(r"[a-z0-9]+", re.sub(r"[\(\[][^)\]]*[\)\]]", " ", str(c).lower()))
    ]  # fmt: skip
    return hits[0] if len(hits) == 1 else None


def _meaning_column(text: str, numeric: list[str]) -> str | None:
    """The one column whose words, abbreviations expanded and unit read, a short phrase's
    content words stand for, typos allowed ("strenght" for UTS MPa, "layer hight" for Layer ht
    (mm), "temp" for Nozzle T (°C)): the column with the most words hit, when it is the only one."""
    from havoc_srs.reader.text import split_name

    qwords = [w for w in split_name(text) if len(w) >= 3 and w not in _WORD_STOP]
    if not qwords:
        return None
    hits = {
        c: sum(any(_header_word_hit(w, h) for h in _expanded_words(c)) for w in qwords)
        for c in numeric
    }
    best = max(hits.values(), default=0)
    top = [c for c, k in hits.items() if k == best]
    return top[0] if best > 0 and len(top) == 1 else None


_ALL_THE_REST = re.compile(
    r"(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:other|remaining)\s*(?P<n>two|three|four|five|six|\d+)?\s*"
    r"(?:columns?|variables?|predictors?|inputs?|factors?|ones?)?|(?:all\s+)?(?:the\s+)?(?:rest|others)|"
    r"everything\s+else"
)
_COUNT_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}


def _stated_roles(question: str, numeric: list[str]) -> tuple[str | None, list[str]]:
    """Response and predictors stated as roles in any words ("y = strength, x = w/c, age",
    "a fit of length on infill"): every part must name one column."""
    low = normalise(question)
    for pat in _ROLES_STATED:
        m = pat.search(low)
        if not m:
            continue
        y = _phrase_column(m.group("y"), numeric)
        x_text = re.sub(r"\s+(?:pls|please|plz|thanks|thx)\b.*$", "", m.group("x"))
        rest = _ALL_THE_REST.fullmatch(x_text.strip()) or _ALL_THE_REST.match(x_text.strip())
        rest = rest if rest and rest.group(0).strip() else None
        if y and rest:  # "regress strength on the other three": every other numeric column
            others = [c for c in numeric if c != y]
            said = rest.group("n")
            if others and (not said or _COUNT_WORDS.get(said, said) == str(len(others))):
                return y, others
            continue
        listed = re.search(r"\(([^)]*(?:,|\band\b)[^)]*)\)", x_text)
        if listed:  # "the three print settings (nozzle temperature, layer height, speed)"
            x_text = listed.group(1)
        parts = [
            re.sub(r"^(?:the|a|an|our|its)\s+", "", p.strip())
            for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", x_text)
            if p.strip()
        ]
        from havoc_srs.families._regression_roles import _by_symbol

        xs = [_phrase_column(p, numeric) or _by_symbol(p, numeric) for p in parts]
        if y and xs and all(xs) and y not in xs:
            return y, list(dict.fromkeys(x for x in xs if x))
    return None, []


_CUBIC = re.compile(
    r"\bcubic\b|\b(third|3rd)[- ](order|degree)\b|\bdegree (3|three)\b|\border (3|three)\b"
)
_QUADRATIC = re.compile(
    r"\bquadratic\b|\bcurv|\b(second|2nd)[- ](order|degree)\b|\bpolynom|\bdegree (2|two)\b|"
    r"\border (2|two)\b|\bsquared? term\b|\bparabol"
)


def polynomial_degree(q: str) -> int:
    """The degree of polynomial asked for: 3 (cubic), 2 (quadratic, curvature, "a polynomial"),
    or 1 (a straight line)."""
    if _CUBIC.search(q):
        return 3
    return 2 if _QUADRATIC.search(q) else 1


_COUNTER_WORDS = frozenset(
    "week weeks month day period quarter run order sample obs observation seq sequence index no "
    "nr number batch lot row t test trial".split()
)


def _run_index(ds: Dataset, col: str) -> bool:
    """A row counter (Week 1, 2, ..., n): named like one and counting the rows; not a measured
    variable unless the question asks for a trend."""
    from havoc_srs.reader.text import split_name

    if not set(split_name(col)) & _COUNTER_WORDS and "#" not in col:  # "Vat#" numbers vats
        return False
    v = ds.frame[col].dropna().to_numpy(dtype=float)
    return len(v) >= 5 and bool(np.array_equal(v, np.arange(v[0], v[0] + len(v))))


_FORMULA = re.compile(r"((?:[A-Za-z_][\w%°/().-]*[ \t]*){1,4})~\s*([^,?;:\n]+)")


def _formula_roles(question: str, numeric: list[str]) -> tuple[str | None, list[str]]:
    """A model written as a formula in words ("bean moisture ~ roast time + charge temp"):
    each side of "~" and each "+" term names one column; (None, []) unless every part does."""
    from havoc_srs.reader.columns import _resolve, match_headers

    m = _FORMULA.search(question)
    if not m or "+" not in m.group(2) and not re.search(r"\w", m.group(2)):
        return None, []
    right = re.split(
        r"\s+(?:multiple|linear|simple|regression|model|fit|please|pls)\b", m.group(2)
    )[0]
    parts = [m.group(1), *right.split("+")]

    def one(text: str) -> str | None:
        text = re.sub(r"\bC\(\s*([^)]*?)\s*\)", r"\1", text)  # C(compound)
        if text.count("(") > text.count(")"):  # "lm(Ra ~ rpm)": the call's name is no term
            text = re.sub(r"^\s*[A-Za-z_.]+\(\s*", "", text)
        text = text.strip(" '\"()")
        found = {r.column for r in _resolve(match_headers(text, numeric)) if r.kind == "column"}
        if len(found) == 1:
            return found.pop()
        if found:
            return None
        # "temp" for Nozzle T (°C); "rpm" for Spindle speed (rpm): the one header of that unit
        return _meaning_column(text, numeric) or _by_unit(text, numeric) or _by_token(text, numeric)

    cols = [one(p) for p in parts]
    if any(c is None for c in cols) or len(set(cols)) != len(cols):
        return None, []
    return cols[0], [c for c in cols[1:] if c]


_COLUMN_REF = re.compile(
    r""":\s*Name\(\s*"([^"]+)"\s*\)|:\s*([A-Za-z_][\w .%-]*?)(?=\s*(?:[,)]|$))|'([^']+)'"""
)


def _software_roles(question: str, columns: list[str]) -> tuple[str | None, list[str]]:
    """A fit written as a statistics package's command: JMP's ``Fit Model( Y( :Name("y") ),
    Effects( :a, :Name("b") ) ...)`` or Minitab's ``Regress; Response 'y'; Continuous 'a' 'b';
    Categorical 'g'.``; every reference must be a column. (None, []) otherwise."""
    jmp = re.search(
        r"\bfit\s*model\s*\(\s*y\s*\((?P<y>.*?)\)\s*,\s*effects\s*\((?P<x>.*)",
        question,
        re.I | re.S,
    )
    mtb = re.search(
        r"\bregress\b.*?\bresponse\b(?P<y>[^;]*);(?P<x>.*?\b(?:continuous|categorical)\b.*?)(?:\.\s|$)",
        question,
        re.I | re.S,
    )
    m = jmp or mtb
    if not m:
        return None, []
    x_text = m.group("x")
    if jmp:  # up to the Effects( ... ) list's end: before the next option
        x_text = re.split(r"\)\s*,\s*(?:personality|emphasis|run|method)\b", x_text, flags=re.I)[0]

    def refs(text: str) -> list[str]:
        return [next(g for g in r if g).strip() for r in _COLUMN_REF.findall(text)]

    by_low = {c.lower(): c for c in columns}
    ys = [by_low.get(r.lower()) for r in refs(m.group("y"))]
    xs = [by_low.get(r.lower()) for r in refs(x_text)]
    if len(ys) != 1 or not ys[0] or not xs or not all(xs):
        return None, []
    return ys[0], [x for x in dict.fromkeys(xs) if x and x != ys[0]]


def _factor_columns(ds: Dataset) -> list[str]:
    """Categorical columns a model can take as predictors: text labels of 2 to 12 values
    repeated over the rows (never an identifier)."""
    out = []
    for c in ds.labels:
        k = ds.n_levels(c)
        if 2 <= k <= 12 and k <= 0.5 * ds.frame[c].notna().sum() and not ID_LIKE.match(c.lower()):
            out.append(c)
    return out


def _factor_named_as_predictor(
    question: str, cats: list[str], y: str, xs: list[str], numeric: list[str]
) -> list[str]:
    """A categorical column named among the predictors ("the wear on the compound and the axle
    load"): its header word in the same list as a predictor found, after the response."""
    from havoc_srs.reader.text import split_name

    low = fix_typos(normalise(question), REGRESSION_WORDS)
    out = []
    for c in cats:
        words = [w for w in split_name(c) if len(w) >= 4]
        for w in words:
            m = re.search(rf"\b(?:on|against|using|with|from|by)\s+(?:the\s+)?((?:[\w-]+\s+){{0,4}}?)"
                          rf"{re.escape(w)}s?\b(?:\s*(?:,|and|&|\+))", low)  # fmt: skip
            m = m or re.search(
                rf"(?:,|\band\b|&|\+|\bplus\b|\bas well as\b|\b(?:along|together) with\b|"
                rf"\bor\s+(?:is\s+it|it'?s|is\s+that)(?:\s+(?:just|only|simply|really|all))?)\s+"
                rf"(?:the\s+)?(?:\w+\s+)?{re.escape(w)}s?\b",
                low,
            )
            if m and not re.search(r"\b(?:for each|per|within|separately)\b", low):
                out.append(c)
                break
    return out


def _levels_roles(question: str, numeric: list[str], ds: Dataset) -> tuple[str | None, list[str]]:
    """Two columns named with no word of which responds to which ("the link between infill and
    elongation: straight or curved?"): a setting chosen at a few repeated levels (20, 40, 60 %)
    is the predictor of a measurement that takes a new value on most rows. (None, []) unless
    the table's values make that plain."""
    cols = list(dict.fromkeys(c for _, _, c in _mentions(question, numeric)))
    if len(cols) != 2:
        return None, []
    n = {c: int(ds.frame[c].notna().sum()) for c in cols}
    set_at = [c for c in cols if ds.n_levels(c) <= min(8, n[c] / 4)]
    measured = [c for c in cols if ds.n_levels(c) >= 0.5 * n[c]]
    if len(set_at) == 1 and len(measured) == 1 and set_at != measured:
        return measured[0], set_at
    return None, []


def _clock_named(col: str, q: str) -> bool:
    """A time-of-measurement column (Hour, Day, Time) the question names as a variable of the
    model ("regress the reading on the hour", "wear against time"): a predictor like any other,
    not the row label it usually is."""
    word = col.strip().lower()
    return word in ("time", "hour", "day") and bool(
        re.search(rf"\b(?:on|against|vs\.?|versus|with|over|by|per)\s+(?:the\s+)?{word}s?\b", q)
    )


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    question = fix_typos(question, REGRESSION_WORDS)
    q = normalise(question)
    plan = Plan("regression", "regress")
    alpha = read_alpha(ph, plan.notes)
    if ds is None:
        return need_data(plan, "the response and predictor columns (e.g. strength,temperature)")
    trend = re.search(r"\btrend\b|\bover time\b", q)
    numeric = [
        c for c in ds.numeric
        if (not ID_LIKE.match(c.lower()) or _clock_named(c, q)) and (trend or not _run_index(ds, c))
    ]  # fmt: skip
    y = None
    xs: list[str] = []
    for pat, _ in _REG_PATTERNS:
        m = re.search(pat, q)
        if not m:
            continue
        yc = _match_col(m.group("y"), numeric)
        xcs = [
            _match_col(w, numeric) for w in re.split(r"\s*,\s*|\s+and\s+|\s+", m.group("x")) if w
        ]
        xcs = [c for c in xcs if c and c != yc]
        if yc and xcs:
            y, xs = yc, list(dict.fromkeys(xcs))
            break
    cats = _factor_columns(ds)
    called_degree = 1
    if y is None:  # a spreadsheet or library call: "=LINEST(UTS, Infill)", "np.polyfit(x, y, 2)"
        y, xs, called_degree = call_roles(question, numeric, ds)
    if y is None:  # a statistics package's command ("Fit Model( Y(...), Effects(...) )")
        y, xs = _software_roles(question, numeric + cats)
        y, xs = (None, []) if y in cats else (y, xs)
    if y is None:  # a formula or stated roles may name a categorical predictor ("C(compound)")
        y, xs = _formula_roles(question, numeric + cats)
    if y is None:
        y, xs = _stated_roles(question, numeric + cats)
    if y is None:  # "treat loss as the dependent variable and time as the independent one"
        y, xs = named_roles(question, numeric + cats, ds)
    if y in cats:
        y, xs = None, []
    if y is None:
        y, xs = _read_roles(question, numeric)
    if y is None or not xs:  # roles stated in words, each phrase describing one column
        y, xs = role_phrases(question, numeric + cats, ds)
        if y in cats:
            y, xs = None, []
    if y is None or not xs:
        y, xs = one_side_named(question, numeric)
    if y is None or not xs:  # no word gives the direction: a set setting against a measurement
        y, xs = _levels_roles(question, numeric, ds)
    if (y is None or not xs) and ds.name == "question" and len(numeric) == 2:
        # two lists typed into the question with no role said: the one called y (or a response
        # word) is the response, otherwise the second, as x and y are listed (stated in the answer)
        named_y = [c for c in numeric if re.fullmatch(r"y|response|output|dependent", c.lower())]
        y = named_y[0] if named_y else numeric[1]
        xs = [c for c in numeric if c != y]
        plan.notes.append(
            f"response taken as {y!r} (the "
            + ("list named so" if named_y else "second list typed")
            + f"); say 'regress {xs[0]} on {y}' for the other way round"
        )
    if y is not None and xs:  # "once sunlight and cell type are accounted for": more inputs
        xs += [c for c in _held_fixed(q, numeric + cats, ds) if c != y and c not in xs]
    if y is not None and xs and not set(xs) & set(cats):
        xs += _factor_named_as_predictor(question, cats, y, xs, numeric)
    if y is None or not xs:  # a response without a predictor is no model either
        plan.missing.append(
            Missing(
                "which column is the response and which the predictor(s)",
                "say e.g. 'regress "
                + (numeric[-1] if numeric else "y")
                + " on "
                + (numeric[0] if numeric else "x")
                + f"' (numeric columns: {', '.join(numeric) or 'none'})",
            )
        )
        return plan
    taken: set[str] = set()
    ids = {c: ident(c, taken) for c in [y, *xs]}
    frame = ds.frame[[y, *xs]].dropna()
    if len(frame) < len(xs) + 2:
        plan.missing.append(
            Missing(
                "more rows", f"{len(frame)} complete rows cannot fit {len(xs) + 1} coefficients"
            )
        )
        return plan
    plan.data["d"] = frame.rename(columns=ids).reset_index(drop=True)
    terms = [f"C({ids[x]})" if x in cats else ids[x] for x in xs]
    if any(x in cats for x in xs):
        plan.notes.append(
            "categorical predictor(s) "
            + ", ".join(x for x in xs if x in cats)
            + " coded as treatment contrasts (the first level is the reference)"
        )
    degree = max(polynomial_degree(q), called_degree)
    if degree > 1 and len(xs) == 1:
        terms += [f"I({ids[xs[0]]}^{p})" for p in range(2, degree + 1)]
        plan.slots["quadratic"] = True
        plan.slots["degree"] = degree
    elif degree == 2 and 2 <= len(xs) <= 4 and not set(xs) & set(cats):
        # "a second-order model in flow and speed": every square and two-way interaction
        curved = [x for x in xs if frame[x].nunique() >= 3]  # two levels carry no curvature
        terms += [f"I({ids[x]}^2)" for x in curved]
        terms += [f"{ids[a]}:{ids[b]}" for i, a in enumerate(xs) for b in xs[i + 1 :]]
        plan.slots["surface"] = [xs.index(x) for x in curved]
        plan.notes.append(
            "second-order model: the square of each predictor with three or more levels ("
            + ", ".join(curved)
            + ") and every two-way interaction added"
        )
    formula = f"{ids[y]} ~ {' + '.join(terms)}"
    plan.slots.update(response=y, predictors=xs, formula=formula, alpha=alpha, n=len(frame))
    at = predict_at(question, xs, numeric) if not set(xs) & set(cats) else None
    predict = None
    if at:
        plan.data["new"] = pd.DataFrame({ids[x]: [at[x]] for x in xs})
        plan.slots["predict_at"] = at
        predict = let(
            "prediction",
            A.Command(verb="predict", x=name("primary"), table="new",
                      options=opts(interval="prediction", alpha=alpha)),
        )  # fmt: skip
    plan.program = program(
        let(
            "primary",
            A.RegressStmt(verb="regress", formula=formula, table="d", options=opts(alpha=alpha)),
        ),
        predict,
    )
    plan.context["frame"] = plan.data["d"]
    plan.context["y"], plan.context["xs"] = ids[y], [ids[x] for x in xs]
    plan.context["categorical"] = [ids[x] for x in xs if x in cats]
    return plan


_AMOUNT = r"(\d+(?:\.\d+)?)\s*(k\b|thousand\b)?"
_PREDICTION_CUE = re.compile(
    r"\b(predict\w*|expect\w*|estimate\w*|forecast\w*|what (would|will|should|could|do|might)|"
    r"what (\w+ ){1,3}(would|will|should|could|do|might)|what (we|i|you)('d| would| will)|if (we|i|you)|"
    r"(when|at|for|with) )"
)


def _scaled(value: str, thousands: str | None, column: str) -> float:
    """``30k`` is 30 in a column kept in thousands ("TV Spend (k$)"), else 30000."""
    v = float(value)
    if thousands and not re.search(r"\bk\b|k\$|\(k|thousand", column, re.I):
        v *= 1000
    return v


def predict_at(question: str, xs: list[str], numeric: list[str]) -> dict[str, float] | None:
    """The predictor values of a stated point ("when cure time is 80 and temperature 150",
    "with 30k on TV and 15k online", "20k on each"): a number right after a predictor's mention
    ("time is 80", "temp = 150") or right before it ("30k on TV", "165 degrees"). None unless
    every predictor gets one."""
    if not _PREDICTION_CUE.search(question.lower()):
        return None
    ms = [m for m in _mentions(question, numeric) if m[2] in xs]
    low = question.lower()
    out: dict[str, float] = {}
    for a, b, c in ms:
        if c in out:
            continue
        after = re.match(
            r"\s*(?:\([^)]{0,20}\)\s*)?(?:is|=|of|at|:|was|for|set to|equals?|to|up to|around|about)?"
            r"\s*(?:around |about |at )?" + _AMOUNT,
            low[b : b + 40],
        )
        before = re.search(
            _AMOUNT + r"\s*(?:[a-z°$%]{0,8}\s*)?(?:of |on |in |for |at )?(?:the )?(?:\w+ )?$",
            low[max(0, a - 30) : a],
        )
        # "160 C", "60 min": the mention is the unit, its number right before it
        unit = re.search(r"(?<![\d.])(\d+(?:\.\d+)?)\s*°?\s*$", low[max(0, a - 16) : a])
        if after and re.match(r"\s*[,;]?\s*\d", low[b + after.end() : b + after.end() + 4]):
            after = None  # the first of a list of values typed as data ("load kg: 10 15 20")
        if unit:
            out[c] = float(unit.group(1))
        elif after:
            out[c] = _scaled(after.group(1), after.group(2), c)
        elif before:
            out[c] = _scaled(before.group(1), before.group(2), c)
    for c in xs:  # "predict the time for a 45 kg load": a number in the column's own unit
        unit = _unit_of(c)
        cue = _PREDICTION_CUE.search(low)
        if c in out or not unit or not cue:
            continue
        hits = re.findall(
            rf"(?<![\d.])(\d+(?:\.\d+)?)[\s-]*°?\s*(?:{unit_pattern(unit.lstrip('°'))})(?![a-z0-9])"
            r"(?!\s*[,;]?\s*\d)",
            low[cue.start() :],
        )
        if len(hits) == 1:
            out[c] = float(hits[0])
    shared = re.search(_AMOUNT + r"\s*(?:\S+\s+)?(?:on|in|for|of|to) (each|both|all)\b", low)
    if shared:
        for c in xs:
            out.setdefault(c, _scaled(shared.group(1), shared.group(2), c))
    return out if xs and all(c in out for c in xs) else None


# ---------------------------------------------------------------------------------------------
# MODE evidence: a fit asked in everyday words, read against the table's numeric columns

_REGRESSION_WORDS = ("regression", "regress", "polynomial", "quadratic")
# how much one quantity moves with another: a slope asked for in words
_PER_UNIT = re.compile(
    r"\bhow (?:much|many) (?:\w+ ){0,4}?(?:go(?:es)? up|go(?:es)? down|rises?|falls?|drops?|increases?|"
    r"decreases?|changes?|moves?|gains?|loses?|more|less|harder|softer|stronger|weaker|higher|"
    r"lower|extra)\b|\bper (?:degree|unit|minute|hour|second|percent|point|dollar|pound|euro|"
    r"thousand|k|mm|kg|bar|extra|additional|added)\b|\b(?:for|with) (?:every|each) (?:extra |"
    r"additional |added |more )?(?:degree|unit|minute|hour|\d|one|k|thousand|dollar|percent|"
    r"point)\b|\b(?:for|with|per) (?:every |each )?(?:extra|additional|added|further) \S|"
    r"\bper \d+(?:\.\d+)?\s*[a-z°%]|\bper (?:extra |additional |added )?(?:"
    + spelled_units_pattern()
    + r")\b|\bline (?:through|to|for)\b|\b(?:fit|draw|put|run) (?:a |the )?(?:straight |best[- ]"
    r"fit |trend |regression )?(?:line|curve)\b"
)
_FIT_VERBS = re.compile(
    r"\b(models?|modell?ing|modell?ed|fit|fitted|fitting|predict\w*|forecast\w*|estimat\w*|"
    r"expect\w*|explains?|explained|drives?|driving|depends?|affects?|influences?|impacts?|"
    r"effect of|(?:as )?an? (?:linear |quadratic |straight[- ]line |polynomial )?function of|"
    r"in terms of|go(?:es)? up|go(?:es)? down|comes? out|ends? up|"
    r"turns? out|would (?:we|i|you) "
    r"(?:get|see|sell|make|reach))\b"
)
_STRONG_FIT = re.compile(
    r"\b(models?|modell?ing|modell?ed|fit|fitted|fitting|predict\w*|forecast\w*|(?:as )?an? "
    r"(?:linear |quadratic |straight[- ]line |polynomial )?function of|in terms of|"
    r"would (?:we|i|you) (?:get|see|sell|make|reach))\b"
)
# a fit named by its abbreviation or method, or roles stated as y and x
_ROLE_FIT = re.compile(
    r"\b(ols|mlr|slr|least[- ]squares|regress\w*|fit|fitted|model|line|trend)\b|\by\s*[=:]"
)
_WOULD = re.compile(
    r"\b(would|will|expect\w*|predict\w*|estimat\w*|forecast\w*|if (?:we|i|you)|going to)\b"
)
_NOT_A_FIT = re.compile(
    r"\b(correlat\w*|associat\w*|control chart|cpk?|capab\w*|gau?ge|sample size|power|"
    r"t[- ]?test|anova|design|run sheet|factorial|effects|significant factors|median|histogram|"
    r"normal(ity)?|outliers?|charts?|cusum|ewma)\b"
    # a count per unit is a rate, not a slope: "defects per unit", "errors per board"
    r"|\b(?:defects|nonconformities|flaws|errors|faults|blemishes|scratches) per (?:unit|item|"
    r"piece|part|board)\b"
)


def _not_a_fit(q: str, ds: Dataset) -> bool:
    """Words of another analysis ("power", "correlation", "design"), unless the word is a
    header word of the table ("the power draw" of a ``Power kW`` column is a quantity)."""
    from havoc_srs.reader.text import split_name

    header = {w for c in ds.frame.columns for w in split_name(str(c))}
    return any(m.group(0) not in header for m in _NOT_A_FIT.finditer(q))


# one input's effect with others held fixed: "once sunlight is accounted for", "controlling
# for temperature", "allowing for the dose", "holding speed constant"
_PARTIAL = re.compile(
    r"\b(?:allow(?:ing)?|account(?:ing)?|(?<!in )control(?:ling)?|adjust(?:ing)?|correct(?:ing)?)"
    r" for\b(?! the fact\b)|\b(?:is|are|been|be) (?:accounted|controlled|adjusted|corrected) for\b|"
    r"\b(?:holding|keeping|with) (?:[\w-]+ ){1,5}(?:constant|fixed)\b|\bother things (?:being )?equal\b"
)
# "which matters more for roast loss, the charge temperature or the roast time"
# a relation with no direction ("related", "linked", "associated", "correlated", "tied to")
_SYMMETRIC_RELATION = re.compile(
    r"\b(?:related|relationship|relation|associated|association|linked|link|tied|connected|"
    r"connection|correlat\w*|go(?:es)? together|move together|co-?var\w*|track(?:s|ed|ing)?|"
    r"line[sd]? up with|go(?:es)? (?:along|hand in hand) with|mov(?:e|es|ing) (?:along )?with)\b"
)
# words of a model: what makes a held-fixed question a regression after all
_MODEL_ASKED = re.compile(
    r"regress|predict|model|\bfit|slope|equation|forecast|per (?:unit|additional|extra)|"
    r"r-?squared|\br2\b|how much (?:does|do|will|would)|(?:effect|impact|influence) (?:of|on)\b"
)


def _symmetric_held(q: str) -> bool:
    """ "Is X related to Y once you allow for Z", "are A and B still linked after adjusting
    for C": a relation with no response, with a third variable held fixed, is a partial
    correlation (or a stratified association), not a model of a response. A question that
    also asks for a model (a slope, a prediction, an effect on Y) stays a regression."""
    if not _SYMMETRIC_RELATION.search(q):
        return False
    rest = re.sub(
        r"\b(?:remov\w*|tak\w*|strip\w*|without) (?:out )?the (?:effect|influence|impact) of\b",
        " ",
        q,
    )
    return not _MODEL_ASKED.search(rest)


_WHICH_MORE = re.compile(
    r"\bwhich (?:one |of (?:the|them|these|those) (?:two |three )?(?:\w+ )?)?(?:matters?|counts?|"
    r"drives?|affects?|influences?|impacts?|explains?|has (?:a |the )?(?:bigger|larger|stronger|"
    r"greater) (?:effect|influence|impact))(?: [\w-]+){0,4}? (?:more|most)\b"
)
_HELD_CLAUSE = re.compile(
    r"\b(?:once|after|when|with|if)\s+(?P<a>[^.?!;:]{2,80}?)\s+(?:is|are|have been|has been|were|"
    r"was)\s+(?:accounted|controlled|adjusted|corrected|allowed)\s+for\b|"
    r"\b(?:allow(?:ing)?|account(?:ing)?|(?<!in )control(?:ling)?|adjust(?:ing)?|correct(?:ing)?)\s+"
    r"for\s+(?P<b>[^.?!;:]{2,80}?)(?=\s*(?:[.?!;:,]|$|\b(?:does|do|is|are|what|how|still)\b))|"
    r"\b(?:holding|keeping)\s+(?P<c>[^.?!;:]{2,60}?)\s+(?:constant|fixed)\b"
)


def _held_fixed(q: str, pool: list[str], ds: Dataset) -> list[str]:
    """The inputs a question holds fixed or adjusts for ("once sunlight and cell type are
    accounted for", "controlling for line speed"): each part of the clause that names one
    column (by its words, or its meaning); [] unless every part does."""
    from havoc_srs.families._regression_roles import _resolve

    out: list[str] = []
    for m in _HELD_CLAUSE.finditer(q):
        text = next(g for g in m.groups() if g)
        parts = [p for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text) if p.strip()]
        cols = [_resolve(p, pool, ds) for p in parts]
        if cols and all(cols):
            out += [c for c in cols if c and c not in out]
    return out


# an experiment's design named: a fit asked of its run sheet is the design's own model
_DESIGN_NAMED = re.compile(
    r"\b(ccd|central composite|box[- ]behnken|response[- ]surface|factorial|doe|screening|"
    r"plackett[- ]burman|rsm|bbd|experiments?|designed)\b"
)


# the shape of a relation asked: curvature, a squared term, a line that bends or levels off
_CURVE_ASKED = re.compile(
    _QUADRATIC.pattern + r"|\b(?:levels?|levelling|leveling|levelled|leveled|flattens?|flattening|"
    r"tails?|tailing|tapers?|tapering) off\b|\bflattens? out\b|\bplateau\w*|\bnon-?linear\w*|"
    r"\b(?:straight|linear)\b[^.?!]{0,30}\bor\b[^.?!]{0,30}\b(?:bend\w*|bent|curv\w*|not|"
    r"squared|quadratic)"
)


# one quantity said to move as another is moved: "drops when ... increases", "rises as ... goes up"
_CO_CHANGE = re.compile(
    r"\b(?:rise|fall|drop|increase|decrease|shrink|grow|climb|sink|go (?:up|down)|goes (?:up|down)|"
    r"change|improve|worsen|decline|get (?:bigger|smaller|higher|lower|better|worse))(?:s|es|d|ed)?"
    r"\s+(?:as|when|whenever|if|once)\s+(?:[\w-]+\s+){1,5}?(?:is\s+|are\s+|gets?\s+|goes\s+)?"
    r"(?:rise|fall|drop|increase|decrease|shrink|grow|climb|go (?:up|down)|goes (?:up|down)|change|"
    r"raised|lowered|increased|decreased|higher|lower|bigger|smaller|longer|shorter|up|down)"
    r"(?:s|es|d|ed)?\b"
)


def continuous_named(question: str, ds: Dataset | None) -> bool:
    """The question names two or more measured quantities of the table that take many values
    (not a design's two-level settings) and asks how one moves with the other (a slope per
    unit, a co-change, a fit): a regression even when the table also holds two-level columns."""
    if ds is None:
        return False
    q = normalise(question)
    if not (_PER_UNIT.search(q) or _CO_CHANGE.search(q) or _REGRESSION_NAMED.search(q)
            or _PARTIAL.search(q)):  # fmt: skip
        return False
    numeric = [c for c in ds.numeric if not ID_LIKE.match(c.lower()) and not _run_index(ds, c)]
    cols = {c for _, _, c in _mentions(question, numeric)}
    return sum(ds.n_levels(c) > 6 for c in cols) >= 2


def _design_sheet(cols: list[str], ds: Dataset) -> bool:
    """A two-level run sheet whose settings are what the question names (curvature there is
    the design's centre-point question), not two measurements of many values."""
    from havoc_srs.families.doe_analysis import run_sheet

    return bool(run_sheet(ds)) and sum(ds.n_levels(c) > 6 for c in cols) < 2


# the method named outright (a regression of two named columns, whatever verb joins them)
_REGRESSION_NAMED = re.compile(
    r"\bregress\w*|\bleast[- ]squares\b|\bols\b|\b(?:fitted|best[- ]fit|trend|regression) "
    r"(?:line|equation|model)\b|\bline of best fit\b"
)


# an effect of one quantity on another, or a slope, asked by name
_EFFECT_ON = re.compile(
    r"\b(?:effect|influence|impact)s?\b[^.?!]{0,50}?\b(?:on|upon)\b|\bslopes?\b"
)


def mode_cue(question: str, ds: Dataset | None) -> tuple[float, str]:
    """MODE evidence that the question asks for a fit: a misspelled regression word
    ("regresion"), a slope asked in words ("how much does hardness go up per degree"), or two
    numeric columns of the table named together with a fitting verb ("model units sold using
    tv and online spending", "what hardness would we get at 160 C"). (score, why)."""

    q = normalise(question)
    gain, words = rule_gain("regression", q, REGRESSION_WORDS)
    if gain:
        q, question = fix_typos(q, REGRESSION_WORDS), fix_typos(question, REGRESSION_WORDS)
    score, why = _fit_cue(q, question, ds)
    if gain:
        return gain + score, f"regression words with typos ({words})" + (f"; {why}" if why else "")
    return score, why


def _fit_cue(q: str, question: str, ds: Dataset | None) -> tuple[float, str]:
    for w in re.findall(r"[a-z]+", q):
        if len(w) >= 6 and any(
            w != t and edit_distance(w, t, 2) <= (1 if len(t) < 8 else 2) for t in _REGRESSION_WORDS
        ):
            return 3.0, f"a regression word with a typo ({w!r})"
    if ds is not None and not re.search(r"factorial|response surface|\brsm\b", q):
        sy, sxs = _software_roles(question, list(ds.numeric) + _factor_columns(ds))
        if sy in ds.numeric and sxs:  # JMP's Fit Model, Minitab's Regress: decisive
            return 14.0, f"a regression command of {sy!r}"
        cy, cxs, _ = call_roles(question, list(ds.numeric), ds)
        if cy and cxs:  # "=LINEST(UTS, Infill)", "linregress(df.x, df.y)": decisive
            return 14.0, f"a fitting call of {cy!r} on {', '.join(map(repr, cxs))}"
    if ds is None or _not_a_fit(q, ds):
        return 0.0, ""
    numeric = [c for c in ds.numeric if not ID_LIKE.match(c.lower()) and not _run_index(ds, c)]
    if len(numeric) < 2:
        return 0.0, ""
    y, xs = _stated_roles(question, numeric)
    if y and (xs and _ROLE_FIT.search(q)):
        return 4.5, f"{y!r} stated as the response of {', '.join(map(repr, xs))}"
    fy, fxs = _formula_roles(question, numeric + _factor_columns(ds))
    if fy in numeric and set(fxs) & set(numeric):  # "smf.ols('wear ~ load + C(compound)')":
        return 14.0, f"a model formula of {fy!r}"  # every term a column: decisive
    ny, nxs = named_roles(question, numeric + _factor_columns(ds), ds)
    if ny in numeric and set(nxs) & set(numeric):  # "loss as the dependent variable, time as
        return 6.0, f"{ny!r} named the response and {', '.join(map(repr, nxs))} the predictor(s)"

    if _DESIGN_NAMED.search(q):
        from havoc_srs.families.doe_analysis import run_sheet

        if run_sheet(ds):  # "fit the second-order model" of a CCD's run sheet: the design's model
            return 0.0, ""
    cols = list(dict.fromkeys(c for _, _, c in _mentions(question, numeric)))
    if len(cols) >= 2 and _REGRESSION_NAMED.search(q):  # "... give me the regression"
        return 5.0, f"a regression named of {cols[0]!r} and {cols[1]!r}"
    if len(cols) >= 2 and _CURVE_ASKED.search(q) and not _design_sheet(cols, ds):
        # "is the link straight, or does it need a squared term", "does it level off"
        return 4.5, f"a curved or straight fit asked of {cols[0]!r} and {cols[1]!r}"
    if _WHICH_MORE.search(q) and len(cols) >= 3:
        return 5.0, "two inputs' effects on one response compared (a multiple regression)"
    if _PARTIAL.search(q) and cols and not _symmetric_held(q):
        return 5.0, "an effect asked with other inputs held fixed (a multiple regression)"
    if _PER_UNIT.search(q) and cols:
        return 3.5, "a slope asked for in words"
    if len(cols) >= 2 and _WOULD.search(q) and predict_at(question, cols[1:], numeric):
        return 6.0, "a response asked at stated settings of other columns"
    if len(cols) >= 2 and _EFFECT_ON.search(q) and not _design_sheet(cols, ds):
        # "what effect does feed have on roughness", "give me the slope": a slope of one
        # measured quantity on another (on a run sheet the design's effects are asked instead)
        return 3.5, f"the effect (slope) of one of {cols[0]!r}, {cols[1]!r} on the other asked"
    if len(cols) >= 2 and _FIT_VERBS.search(q):
        strong = _STRONG_FIT.search(q)
        return (4.5 if strong else 3.0), f"{cols[0]!r} and {cols[1]!r} named with a fitting verb"
    if len(cols) >= 2 and _CO_CHANGE.search(q) and not _design_sheet(cols, ds):
        # "does the spring rate drop when the coil diameter increases": one responds to the
        # other (weak: "did demand go up as incomes went up" is as often a correlation)
        return 3.0, f"{cols[0]!r} said to change as {cols[1]!r} changes"
    return 0.0, ""


# ---------------------------------------------------------------------------------------------
# ARGUE and ARBITER


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    r = ex.results["primary"]
    if "prediction" in ex.results:  # reported with the fit (key_numbers sees only the fit)
        plan.context["prediction"] = ex.results["prediction"]
    d = r.get("diagnostics", {})
    sp = d.get("shapiro_p")
    if sp is not None:
        arg.checks.append(
            check("normal residuals", "Shapiro-Wilk on residuals", sp >= NORMALITY_ALPHA,
                   "residuals consistent with normal" if sp >= NORMALITY_ALPHA else "non-normal residuals",
                   statistic=d.get("shapiro_w"), p_value=sp)
        )  # fmt: skip
    infl = d.get("influential") or []
    arg.checks.append(
        check("influential points", "Cook's distance > 4/n", not infl,
               f"rows {infl} are influential" if infl else "none",
               max_cooks_distance=d.get("max_cooks_distance"))
    )  # fmt: skip
    if infl:
        arg.caveats.append(f"influential observations at rows {infl}: check them")
    dw = d.get("durbin_watson")
    if dw is not None:
        ok = 1.5 <= dw <= 2.5
        arg.checks.append(
            check("independent residuals", "Durbin-Watson in [1.5, 2.5]", ok, f"DW = {dw:.3f}", statistic=dw)
        )  # fmt: skip
    n = r["n"]
    arg.checks.append(check("sample size", "n >= 10", n >= 10, f"n = {n}", n=n))
    xs = plan.context.get("xs", [])
    if (
        len(xs) == 1
        and n >= 5
        and not plan.slots.get("quadratic")
        and xs[0] not in set(plan.context.get("categorical", ()))
    ):
        x, y = xs[0], plan.context["y"]
        res = run(
            arg, plan,
            [let("quadratic", A.RegressStmt(verb="regress", formula=f"{y} ~ {x} + I({x}^2)", table="d"))],
        ).results  # fmt: skip
        if "quadratic" in res:
            arg.alternatives["quadratic"] = {
                "why": "curvature: adds a squared term",
                "result": res["quadratic"],
                "adj_r_squared": res["quadratic"]["adj_r_squared"],
            }


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    """The quadratic fit is reported alongside, never switched to."""
    return []


# ---------------------------------------------------------------------------------------------
# AUDIT


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    """Least squares by ``numpy.linalg.lstsq`` (not the library's QR/statsmodels path)."""
    frame = plan.context["frame"]
    cats = set(plan.context.get("categorical", ()))
    cols = []
    for c in plan.context["xs"]:
        if c in cats:  # treatment coding: one 0/1 column per level after the first (sorted)
            values = frame[c].astype(str).to_numpy()
            cols += [(values == lv).astype(float) for lv in sorted(set(values))[1:]]
        else:
            cols.append(frame[c].to_numpy(float))
    if plan.slots.get("quadratic"):  # y ~ x + I(x^2) [+ I(x^3)]
        cols += [cols[0] ** p for p in range(2, plan.slots.get("degree", 2) + 1)]
    if (
        plan.slots.get("surface") is not None
    ):  # squares, then two-way products (the formula's order)
        lin = list(cols)
        cols += [lin[j] ** 2 for j in plan.slots["surface"]]
        cols += [a * b for i, a in enumerate(lin) for b in lin[i + 1 :]]
    X = np.column_stack([np.ones(len(frame)), *cols])
    yv = frame[plan.context["y"]].to_numpy(float)
    beta, *_ = np.linalg.lstsq(X, yv, rcond=None)
    au.value("number of coefficients", len(r["coefficients"]), len(beta))
    for c, b in zip(r["coefficients"], beta, strict=False):
        au.value(f"coefficient {c['name']} (least squares)", c["estimate"], b, rel=1e-7, abs_=1e-9)
    fitted = X @ beta
    r2 = 1 - ((yv - fitted) ** 2).sum() / ((yv - yv.mean()) ** 2).sum()
    au.value("R-squared", r["r_squared"], r2)
    au.truth("R-squared in [0, 1]", 0 <= r["r_squared"] <= 1 + 1e-12)
    au.value("n", r["n"], len(frame))
    pred = plan.context.get("prediction")
    if pred and plan.slots.get("predict_at"):
        at = plan.slots["predict_at"]
        x0 = [at[x] for x in plan.slots["predictors"]]
        if plan.slots.get("quadratic"):
            x0 += [x0[0] ** p for p in range(2, plan.slots.get("degree", 2) + 1)]
        if plan.slots.get("surface") is not None:
            lin = list(x0)
            x0 += [lin[j] ** 2 for j in plan.slots["surface"]]
            x0 += [a * b for i, a in enumerate(lin) for b in lin[i + 1 :]]
        au.value("prediction = b0 + b . x0", pred["fit"][0], float(beta @ np.r_[1.0, x0]))


# ---------------------------------------------------------------------------------------------
# ANSWER


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    k: dict[str, Any] = {}
    coefs = {c["name"]: c for c in r["coefficients"]}
    k["intercept"] = coefs["Intercept"]["estimate"]
    xs = [c for c in coefs if c != "Intercept"]
    if len(xs) >= 1:
        k["slope"] = coefs[xs[0]]["estimate"]
        k["slope_p_value"] = coefs[xs[0]]["p_value"]
        k["slope_ci"] = [coefs[xs[0]]["ci_low"], coefs[xs[0]]["ci_high"]]
    k["coefficients"] = {n: c["estimate"] for n, c in coefs.items()}
    k["p_values"] = {n: c["p_value"] for n, c in coefs.items()}
    k.update(
        r_squared=r["r_squared"], adj_r_squared=r["adj_r_squared"], F=r["f_statistic"],
        p_value=r["f_p_value"], df=[r["df_model"], r["df_resid"]], n=r["n"],
        residual_sd=r["residual_sd"], formula=r["formula"],
    )  # fmt: skip
    pred = plan.context.get("prediction")
    if pred:
        k["predict_at"] = plan.slots.get("predict_at")
        k["prediction"] = pred["fit"][0]
        if pred.get("lower"):
            k["prediction_interval"] = [pred["lower"][0], pred["upper"][0]]
    return k


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    y = k.get("formula", "").split("~")[0].strip()
    terms = " ".join(
        f"{'-' if b < 0 else '+'} {fmt(abs(b))}·{n}"
        for n, b in k["coefficients"].items() if n != "Intercept"
    )  # fmt: skip
    text = (
        f"The fitted model is {y} = {fmt(k['intercept'])} {terms} "
        f"(R² = {fmt(k['r_squared'])}, p = {fmt(k['p_value'])})."
    )
    if "prediction" in k:
        at = ", ".join(f"{c} = {fmt(v)}" for c, v in (k.get("predict_at") or {}).items())
        band = k.get("prediction_interval")
        text += f" At {at} the predicted {y} is {fmt(k['prediction'])}" + (
            f" ({1 - plan.slots.get('alpha', 0.05):.0%} prediction interval"
            f" {fmt(band[0])} to {fmt(band[1])})."
            if band
            else "."
        )
    return text


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    return "Check the residual plots and predict only inside the range of the data."
