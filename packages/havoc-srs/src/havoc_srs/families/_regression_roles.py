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
_CHANGE = r"(?:change|vary|varies|respond|react|move|scale|shift|go(?:es)?\s+(?:up|down)|rise|fall|drop|increase|decrease|depend|behave|shrink|grow|climb|sink|improve|worsen|decline|evolve|trend)s?"  # noqa: E501
ROLE_PATTERNS = [
    # "how does the tensile strength of the coupons change with layer thickness"
    rf"\bhow\s+(?:does|do|did|will|would)\s+{_P}{_Y}\s+{_CHANGE}\s+(?:with|on|as|against|across)\s+{_P}{_XS}{_END}",
    # "regress yield on nitrogen rate", "a regression of wear against pad temperature"
    rf"\b(?:regress(?:ion)?|fit|model|ols)\s+(?:of\s+)?{_P}{_Y}\s+(?:on|against|vs\.?|versus)\s+{_P}{_XS}{_END}",
    # "predicting cure hardness from the oven setting", "estimate the yield using the dose"
    rf"\b(?:predict|estimat|forecast|model|explain)\w*\s+{_P}{_Y}\s+(?:from|using|with|based\s+on|by|given|in\s+terms\s+of)\s+{_P}{_XS}{_END}",
    # "is the stiffness explained by the wire thickness", "yield is driven by rainfall"
    rf"\b{_P}{_Y}\s+(?:is\s+|are\s+|was\s+|were\s+|gets?\s+|being\s+)?(?:\w+ly\s+)?(?:explained|predicted|driven|determined|affected|influenced|governed|dictated|controlled|caused|impacted)\s+by\s+{_P}{_XS}{_END}",
    # "the effect of oven setting on cure hardness"
    rf"\b(?:effect|influence|impact|dependence)\s+of\s+{_P}{_X}\s+(?:on|upon)\s+{_P}{_Y}{_END}",
    # "does the feed rate affect surface finish"
    rf"\b(?:does|do|did|will|would|can|could)\s+{_P}{_X}\s+(?:affect|influence|drive|predict|explain|determine|change|impact)\s+{_P}{_Y}{_END}",
    # "cure hardness as a function of oven setting", "... depending on ..."
    rf"\b{_P}{_Y}\s+(?:(?:as|is|be|was|were|are)\s+)?(?:(?:as\s+)?an?\s+(?:linear\s+|quadratic\s+|straight[- ]line\s+|polynomial\s+|simple\s+|cubic\s+)?function\s+of|depending\s+on|depends\s+on|in\s+terms\s+of)\s+{_P}{_XS}{_END}",
    # "does the hole diameter shrink as the layer height increases", "yield drops when it rains"
    rf"\b{_P}{_Y}\s+(?:really\s+|actually\s+|still\s+)?{_CHANGE}\s+(?:as|when|if|once|whenever)\s+{_P}{_X}\s+(?:is\s+|are\s+|gets?\s+|goes\s+)?(?:{_CHANGE}|up|down|higher|lower|bigger|smaller|larger|raised|lowered|increased|decreased)\b",
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
    from havoc_srs.families.regression import _symbol_words

    for name, symbols in _SYMBOLS.items():
        if re.search(rf"\b{name}\b", phrase):
            hits = [c for c in pool if _symbol_words(c) & set(symbols)]
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
    numeric = [c for c in pool if c in ds.numeric]
    timed = _duration_pool(phrase, numeric)
    if timed:  # "wash length", "how long the cycle runs": among the columns kept in time units
        return timed[0] if len(timed) == 1 else _semantic(phrase, ds, timed)
    return _semantic(phrase, ds, numeric)


_DURATION = re.compile(
    r"\b(?:length|lengths|duration|durations|how long|time taken|time it takes|run ?time|"
    r"elapsed|lasts?|lasting)\b"
)
_TIME_UNITS = frozenset("s sec secs min mins h hr hrs hours minutes seconds d days ms".split())
_LENGTH_UNITS = frozenset("mm cm m km um µm in ft inch inches mil".split())


def _duration_pool(phrase: str, numeric: list[str]) -> list[str]:
    """The columns a phrase about how long something takes may mean ("wash length", "the
    duration of a cycle"): those whose unit is a time, when no column is a physical length
    (then "length" is ambiguous); [] when the phrase is about no duration."""
    from havoc_srs.families.regression import _unit_of
    from havoc_srs.reader.text import split_name

    if not _DURATION.search(phrase):
        return []
    if any(
        _unit_of(c) in _LENGTH_UNITS or {"length", "len", "long"} & set(split_name(c))
        for c in numeric
    ):
        return []
    timed = [c for c in numeric if _unit_of(c) in _TIME_UNITS]
    if not _BETWEEN.search(phrase):  # how long a thing lasts, not the wait between two of them
        timed = [c for c in timed if not _BETWEEN.search(" ".join(split_name(c)))] or timed
    return timed


# a time between events, not the length of one: "Gap to next customer", "Hrs since prev alarm"
_BETWEEN = re.compile(
    r"\b(?:gap|gaps|between|since|until|till|next|prev|previous|interval|wait|waiting|idle|"
    r"delay|lag|inter|past)\b"
)


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


# ---------------------------------------------------------------------------------------------
# roles named by the words statistics uses for them: "treat roast loss as the dependent
# variable", "the response is yield", "predictors: time and temperature", "with hardness as
# the outcome and cure time as the explanatory variable", "DV = wear, IV = load"

_RESPONSE_ROLE = (
    r"(?:dependent|response|outcome|target|explained|predicted|criterion|endogenous)"
    r"(?:\s+(?:variable|var|column|measure|quantity))?|responses?|regressand|\bdv\b|"
    r"y(?:[- ]?(?:variable|var|axis))?"
)
_PREDICTOR_ROLE = (
    r"(?:independent|explanatory|predictor|input|exogenous|x)(?:\s+(?:variables?|vars?|columns?|"
    r"factors?))?|predictors?|regressors?|covariates?|inputs?|features?|\bivs?\b|"
    r"x(?:[- ]?(?:variables?|vars?|axis))?"
)
_ROLE = rf"(?P<role>{_RESPONSE_ROLE}|{_PREDICTOR_ROLE})"
_DET = r"(?:(?:the|my|our|a|an|its|their|one|only|two|three|four|sole|single|main)\s+){0,2}"
# where a phrase before "as the response" starts: a sentence or clause opening, or a verb of
# choosing ("treat", "use", "with")
_OPENERS = re.compile(
    r"(?:^|[.;:!?(]|\b(?:treat|treating|use|using|take|taking|with|having|have|set|setting|put|"
    r"putting|make|making|pick|choose|choosing|keep|consider|considering|want|need|fit|model|"
    r"regress|where|while|whereas|then)\b|"
    rf"\b(?:as|is|are|be|being)\s+{_DET}(?:{_RESPONSE_ROLE}|{_PREDICTOR_ROLE})\b,?(?:\s+and\b)?)\s*"
)
_AS_ROLE = re.compile(rf"\s+(?:as|for|be)\s+{_DET}{_ROLE}\b")
_IS_ROLE = re.compile(rf"\s+(?:is|are|being|=|will be|should be|would be)\s+{_DET}{_ROLE}\b")
_ROLE_IS = re.compile(
    rf"\b{_DET}{_ROLE}\s*(?:\(s\))?\s*(?:is|are|=|:|being|should be|will be|would be|-)\s+"
    rf"(?P<phrase>[^.;:?!()=]{{2,120}}?)(?=\s*(?:[.;:?!()]|,\s*(?:and\s+)?(?:the\s+)?"
    rf"(?:{_RESPONSE_ROLE}|{_PREDICTOR_ROLE})\b|\s+(?:and|with|as|please|pls|then)\s+(?:the\s+)?"
    rf"(?:{_RESPONSE_ROLE}|{_PREDICTOR_ROLE}|fit|give|show|tell|report)\b|\s*$))"
)
_LIST = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*\+\s*|\s+plus\s+")


def _is_response(role: str) -> bool:
    return re.fullmatch(_RESPONSE_ROLE, role.strip()) is not None


def _phrase_before(low: str, at: int) -> str:
    """The words before position ``at`` back to a clause opening (at most 12 words)."""
    head = low[max(0, at - 160) : at]
    starts = [m.end() for m in _OPENERS.finditer(head)]
    text = head[starts[-1] :] if starts else head
    return " ".join(text.split()[-12:])


def _tail_list(text: str, pool: list[str], ds: Any) -> list[str] | None:
    """The longest tail of ``text`` that is a list of phrases each naming one column ("loss,
    time and temperature" after "with"): the columns, or None."""
    words = text.split()
    for i in range(len(words)):
        cols = _resolve_list(" ".join(words[i:]).strip(" ,"), pool, ds)
        if cols:
            return cols
    return None


def _resolve_list(text: str, pool: list[str], ds: Any) -> list[str] | None:
    """Every part of a list of phrases names one column (the shortest tail of each part that
    names one, so a verb left before it is dropped): the columns, or None."""
    out: list[str] = []
    for part in (p for p in _LIST.split(text) if p.strip()):
        words = part.split()
        hit = None
        for i in range(len(words) - 1, -1, -1):  # "treat roast loss": "loss", "roast loss", ...
            hit = _resolve(" ".join(words[i:]), pool, ds)
            longer = _resolve(" ".join(words[i - 1 :]), pool, ds) if i else None
            if hit and longer not in (None, hit):  # "mean coil diameter" over "diameter"
                hit = longer
            if hit:
                break
        if hit is None:
            return None
        out.append(hit)
    return list(dict.fromkeys(out)) or None


def named_roles(question: str, pool: list[str], ds: Any = None) -> tuple[str | None, list[str]]:
    """(response, predictors) when the question names the roles in the words statistics uses
    for them (dependent/independent variable, response, outcome, predictor, explanatory
    variable, regressor, covariate, DV/IV): each phrase assigned a role must name one column of
    ``pool``. (None, []) unless a response and at least one predictor are assigned."""
    low = re.sub(r"\s+", " ", question.lower().replace("’", "'"))
    ys: list[str] = []
    xs: list[str] = []

    def take(role: str, cols: list[str] | None) -> None:
        if cols:
            (ys if _is_response(role) else xs).extend(cols)

    for rx in (_AS_ROLE, _IS_ROLE):
        for m in rx.finditer(low):
            take(m.group("role"), _tail_list(_phrase_before(low, m.start()), pool, ds))
    for m in _ROLE_IS.finditer(low):
        take(m.group("role"), _resolve_list(m.group("phrase").strip(" ,'\""), pool, ds))
    ys = list(dict.fromkeys(ys))
    xs = [c for c in dict.fromkeys(xs) if c not in ys]
    if len(ys) == 1 and xs:
        return ys[0], xs
    return None, []


# ---------------------------------------------------------------------------------------------
# a fit written as a spreadsheet or library call whose arguments are the columns, in the
# function's own order: Excel LINEST(known_y, known_x), SLOPE/INTERCEPT/RSQ/STEYX(y, x),
# FORECAST(x0, y, x), TREND(y, x); numpy polyfit(x, y, deg); scipy linregress(x, y);
# statsmodels OLS(y, X); scikit-learn LinearRegression().fit(X, y). Nothing is evaluated.

# function -> (index of y, index of x, index of the degree or None)
_CALL_ORDER: dict[str, tuple[int, int, int | None]] = {
    "linest": (0, 1, None), "logest": (0, 1, None), "slope": (0, 1, None),
    "intercept": (0, 1, None), "rsq": (0, 1, None), "steyx": (0, 1, None), "trend": (0, 1, None),
    "forecast": (1, 2, None), "forecast.linear": (1, 2, None), "polyfit": (1, 0, 2),
    "polynomial.fit": (1, 0, 2), "linregress": (1, 0, None), "ols": (0, 1, None),
    "fit": (1, 0, None),
}  # fmt: skip
_CALL = re.compile(
    r"(?<![\w])(?:[\w]+\.)*(linest|logest|slope|intercept|rsq|steyx|trend|forecast(?:\.linear)?|"
    r"polyfit|polynomial\.fit|linregress|ols|(?<=\)\.)fit)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)",
    re.I,
)


def _call_args(text: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    parts.append(cur.strip())
    return [p for p in parts if p and not re.match(r"[A-Za-z_]\w*\s*=", p)] + [
        p for p in parts if re.match(r"(?:deg|degree)\s*=", p or "")
    ]


def _arg_columns(arg: str, pool: list[str], ds: Any) -> list[str] | None:
    """The column(s) one argument names: ``UTS``, ``'UTS'``, ``df["UTS [MPa]"]``, ``df.uts``,
    ``df[["a", "b"]]``, ``Table1[Infill]``; None when it names none (a range like A2:A40)."""
    quoted = re.findall(r"""["']([^"']+)["']""", arg)
    if quoted:
        names = quoted
    else:
        inner = re.findall(r"\[\s*([^\[\]]+?)\s*\]", arg)
        names = inner[-1:] if inner else [re.sub(r"^\w+\.(?=\w)", "", arg.strip())]
    cols = []
    for n in names:
        hit = next((c for c in pool if c.lower() == n.strip().lower()), None)
        hit = hit or _resolve(n.replace("_", " "), pool, ds)
        if hit is None:
            return None
        cols.append(hit)
    return cols


def call_roles(question: str, pool: list[str], ds: Any = None) -> tuple[str | None, list[str], int]:
    """(response, predictors, degree) of a fit written as a spreadsheet or library call whose
    arguments name columns; (None, [], 1) otherwise."""
    for m in _CALL.finditer(question):
        fn = m.group(1).lower()
        iy, ix, ideg = _CALL_ORDER.get(fn, (0, 1, None))
        args = _call_args(m.group(2))
        if len(args) <= max(iy, ix):
            continue
        ys = _arg_columns(args[iy], pool, ds)
        xs = _arg_columns(args[ix], pool, ds)
        if not ys or not xs or len(ys) != 1 or ys[0] in xs:
            continue
        degree = 1
        if ideg is not None and len(args) > ideg:
            d = re.search(r"\d+", args[ideg])
            degree = int(d.group(0)) if d else 1
        return ys[0], list(dict.fromkeys(xs)), min(max(degree, 1), 3)
    return None, [], 1
