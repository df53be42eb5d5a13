"""Symbolic mathematics: derivatives, integrals, limits, series, equation solving and
simplification through the DSL's math grammar (no text is ever evaluated).

There are no data assumptions to check; AUDIT verifies the answer by a different operation
through the DSL: residuals of solutions, central differences against a derivative, the
derivative of an antiderivative.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from havoc_tools.dsl import ast as A

from havoc_srs.data import Dataset
from havoc_srs.dslbuild import let, opts, program
from havoc_srs.execute import Execution
from havoc_srs.families._typos import fix_typos
from havoc_srs.phrasing import Phrasing
from havoc_srs.plan import Missing, Plan

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "symbolic"
PROTOCOL = "arbiter"
ground_hint = ""
VERBS = ("math",)

# ---------------------------------------------------------------------------------------------
# PLAN

# The operation asked: keywords (matched with one typo allowed on long words, and by their
# stems: "integrat", "simplfy", "derivitive", "differentiating") and phrasings that name no
# keyword ("area under the curve", "how fast does V change", "what value of x makes ...").
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "derive": ("derivative", "derivatives", "differentiate", "differentiation", "derive"),
    "integrate": ("integrate", "integral", "integration", "antiderivative", "integrand"),
    "simplify": ("simplify", "simplification", "simplified", "simplest", "simpler"),
    "solve": ("solve", "solves", "solved", "solving", "solution", "solutions"),
    "limit": ("limit",),
    "series": ("series", "taylor", "maclaurin"),
}
_STEMS = {"derivat": "derive", "differentiat": "derive", "integrat": "integrate",
          "antideriv": "integrate", "simplif": "simplify",
          # German and Spanish: Ableitung, derivada, integrieren, vereinfachen, resolver, Grenzwert
          "ableit": "derive", "derivad": "derive", "integrier": "integrate",
          "vereinfach": "simplify", "resolver": "solve", "resuelv": "solve", "grenzwert": "limit",
          # the same operations in the other languages users write in (read without accents:
          # résoudre, lösen, risolvi, rozwiąż, dérivée, derivata, afgeleide, förenkla, całka ...)
          "resoudre": "solve", "resous": "solve", "resolvez": "solve", "risolv": "solve",
          "losen": "solve", "oplossen": "solve", "rozwiaz": "solve", "resolva": "solve",
          "derivee": "derive", "deriver": "derive", "derivata": "derive", "afgeleide": "derive",
          "ableitung": "derive", "pochodn": "derive", "derivera": "derive",
          "integrale": "integrate", "integrer": "integrate", "integraal": "integrate",
          "integrera": "integrate", "semplific": "simplify", "vereenvoudig": "simplify",
          "forenkl": "simplify", "uprosc": "simplify", "simplifique": "simplify",
          "gransvarde": "limit", "limiet": "limit"}  # fmt: skip
_PHRASES: list[tuple[str, str]] = [
    ("integrate", r"\barea (?:under|beneath|below)\b|∫"
     # the area between a curve and the x-axis (not between two curves: that is f - g)
     r"|\barea (?:between|bounded by|enclosed by)\b(?=[^.?!]{0,60}?\bthe (?:x|horizontal)[- ]?axis\b)"),
    ("derive", r"\b(?:slope|gradient|steepness) (?:of|for) (?:the )?(?:curve|function|graph|tangent|"
     r"line tangent|[a-z]\s*\(|[a-z]\s*=|[a-z]\b(?! (?:and|vs|versus|against|on)\b))"
     r"|\binstantaneous rate\b|\bhow (?:steep|fast) is\b.{0,40}\b(?:at|when)\b"),
    ("derive", r"\bhow (?:fast|quickly|rapidly) (?:does|do|is|will|would|did)\b.{0,80}?\bchang"
     r"|\brate of change\b|\bslope of the tangent\b|\bd\s*\w{0,3}\s*/\s*d[a-z]\b|\b[a-z]''?\([a-z]\)"),
    ("solve", r"\bwhat values? of [a-z]\b|\bfor what (?:values? of )?[a-z]\b|\bwhich [a-z] "
     r"(?:makes|gives|satisfies)\b|\bfind [a-z],? (?:such that|so that|if|when|where|given)\b"
     r"|\bfor which (?:values? of )?[a-z]\b|\broots? of\b|\bzero(?:e)?s of\b"
     # the input at which an expression takes a value: "at what x does ...", "find where 2^x = 32"
     r"|\b(?:at|for) what (?:values? of )?[a-z] (?:does|do|is|will|would)\b"
     r"|\b(?:find|determine|work out) (?:where|when|the point where)\b(?=[^.?!]*(?:=|\bequal|\bzero\b))"
     r"|\bcross(?:es)? (?:the )?(?:[a-z][- ]?axis|zero)\b|\b(?:where|when) (?:is|does|will) .{1,60}?\b(?:equal|zero|vanish)"),
    # the unknown asked by its letter ("exp(0.05*t) = 2, t = ?"), a polynomial set to zero
    # ("x² - 5x + 6 = 0"), and the verbs of other languages that need their context: çöz (tr),
    # lös (sv), los ... op (nl) (résoudre, rozwiąż, risolvi, resolva are stems in _STEMS)
    ("solve", r"[-+*/^(]\s*([a-z])(?![\w.])[^?]{0,80}?(?<![\w.])\1\s*=\s*\?|(?<![\w.])[a-z](?:²|³|\s*\^\s*\d)[^=?!\n]{0,40}=\s*0(?![\d.])"
     r"|\bç[öo]z\w*"
     r"|\bl[öo]s(?:er)?\b(?=[^.?!]{0,40}=)|\blos\b[^.?!]{1,60}\bop\b"),
    ("simplify", r"\bmake (?:it |this |that |the )?(?:\w+ )?simpler?\b|\btidy (?:it |this )?up\b"
     r"|\bsimplest form\b|\breduce\b|\bclean (?:it |this )?up\b|\bcancel\b"
     r"|\b(?:in|to|into) (?:its )?lowest terms\b"),
    ("limit", r"\bas [a-z] (?:->|→|goes to|approaches|tends to|heads to|gets close to|gets"
     r" (?:very )?(?:large|big)|grows)|\blim\b|\bwhat does .{1,60}? approach\b|\b[a-z] ?(?:->|→)"),
]  # fmt: skip
_NOT_SLIPS = frozenset("integrity interval intervals internal integers integer simplest".split())
_PRIORITY = ("derive", "integrate", "solve", "simplify", "series", "limit")


def _unaccented(ch: str) -> str:
    """A letter without its accent ("é" -> "e", "ą" -> "a", "ł" -> "l"), one character for one."""
    import unicodedata

    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFKD", ch)[0]
    return {"ł": "l", "ø": "o", "ß": "s", "æ": "a"}.get(ch, base if base.isascii() else ch)


def find_verb(question: str) -> str | None:
    """The operation a question asks for, or None (used by MODE as evidence too).

    >>> find_verb("integrat 1/(1+t^2) from 0 to 2"), find_verb("how fast does A change with r")
    ('integrate', 'derive')
    """
    from havoc_srs.reader.text import edit_distance

    raw = question.lower()
    # accents dropped letter for letter (same length, so positions still hold): "résoudre" is
    # read as one word, not "r" and "soudre"; the phrases below read the text as written
    q = "".join(_unaccented(ch) for ch in raw)
    found: dict[str, int] = {}
    for m in re.finditer(r"[a-z]+", q):
        w = m.group(0)
        for verb, words in _KEYWORDS.items():
            for k in words:
                if (
                    w == k
                    or (
                        len(k) >= 6 and len(w) >= 5 and w[0] == k[0] and edit_distance(w, k, 1) <= 1
                    )
                    or (  # two slips in a long word: "simlpfy", "intergal"
                        len(k) >= 8
                        and len(w) >= 7
                        and w[:2] == k[:2]
                        and w not in _NOT_SLIPS
                        and edit_distance(w, k, 2) <= 2
                    )
                ):
                    found.setdefault(verb, m.start())
        for stem, verb in _STEMS.items():
            if w.startswith(stem):
                found.setdefault(verb, m.start())
    for verb, pat in _PHRASES:
        m = re.search(pat, raw)
        if m:
            found.setdefault(verb, m.start())
    if not found:
        return None
    if len(found) > 1:  # "upper limit", "solve for the integral": the other operation wins
        found.pop("limit", None) if re.search(r"\b(upper|lower) limits?\b", q) else None
    return min(found, key=lambda v: (found[v], _PRIORITY.index(v)))


_MATHY_WORDS = frozenset(
    "minus plus times over squared cubed divided negative sqrt root square natural log "
    "logarithm sine cosine tangent exponential absolute pi oo infinity theta alpha beta "
    "zero one two three four five six seven eight nine ten eleven twelve half".split()
)
_BRIDGE = frozenset("to the of by power raised value".split())
_NUM_POINT = r"(?:minus |negative |-|\+)?(?:[\w.^/*()π∞+-]+?)"


def _is_mathy(word: str, prev: str, nxt: str) -> bool:
    from havoc_tools.symbolic.grammar import CONSTANTS, FUNCTIONS

    w = word.strip(",.?!;:")
    if not w:
        return False
    if re.search(r"[\d^*/+=()|!·×−÷²³√π∞\[\]-]", w):
        return True
    if w in FUNCTIONS or w in CONSTANTS or w in _MATHY_WORDS:
        return True
    if re.fullmatch(r"(sin|cos|tan|ln|log|exp|sqrt)[xyzuvw]", w):
        return True
    if len(w) == 1 and w.isalpha():
        if w in "ai":  # the article and the pronoun, unless an operator stands next to them
            return bool(re.search(r"[\^*/+=-]", prev + nxt)) and not prev.endswith((",", "."))
        return True
    return False


def _runs(text: str) -> list[str]:
    """Stretches of the text made of maths words (an expression in a sentence)."""
    words = text.split()
    out, cur, depth = [], [], 0
    for i, w in enumerate(words):
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        mathy = _is_mathy(w, prev, nxt)
        bridge = w in _BRIDGE and bool(cur)
        if mathy or bridge or depth > 0:
            cur.append(w)
            depth += w.count("(") - w.count(")")
            if depth <= 0 and re.search(r"[,;?!:]$|\.$", w) and not re.search(r"\d\.$", w):
                out.append(cur)
                cur, depth = [], 0
            continue
        if cur:
            out.append(cur)
        cur, depth = [], 0
    if cur:
        out.append(cur)
    texts = []
    for run in out:
        while run and run[-1] in _BRIDGE:
            run = run[:-1]
        if run:
            texts.append(" ".join(run).strip(" ,.?!;:"))
    return [t for t in texts if t]


_SPOKEN = {"sine": "sin", "cosine": "cos", "tangent": "tan", "root": "sqrt"}
_SPOKEN_FUNCTION = re.compile(r"\b(sine|cosine|tangent|(?<=square )root)\s+(?!of\b)")
_GREEK = frozenset("alpha beta gamma delta theta lambda_ mu sigma omega phi tau rho".split())


def _read(text: str) -> str | None:
    """Hand-written maths -> the strict text, or None when it cannot be read (also when a
    word of the sentence would become a symbol: 'zero to infinity' is not 0*to*oo)."""
    from havoc_tools.symbolic.grammar import CONSTANTS, FUNCTIONS
    from havoc_tools.symbolic.notation import read_notation

    text = _SPOKEN_FUNCTION.sub(lambda m: _SPOKEN[m.group(1)] + " ", text)  # "sine x" -> sin x
    try:
        out = read_notation(text.strip().strip(",.?!;:"))
    except ValueError:
        return None
    # a short name set between operators is a symbol with a subscript ("Ea" in "-Ea/(R*T)",
    # "Cp" in "m*Cp*dT"), never a word of the sentence
    between = set(re.findall(r"(?<=[-*/^+(])([A-Za-z]{2,3})(?=[-*/^+)])", text.replace(" ", "")))
    for name in re.findall(r"[A-Za-z_][A-Za-z_0-9]*", out):
        if len(name) > 1 and not re.fullmatch(r"[a-z]\d+", name) and name not in between:
            if name not in FUNCTIONS and name not in CONSTANTS and name not in _GREEK:
                return None
    return out


def _best_expression(text: str) -> tuple[str | None, str]:
    """The longest readable maths in ``text``: (strict text, the words it came from)."""
    best: tuple[int, str | None, str] = (0, None, "")
    for run in _runs(text):
        words = run.split()
        for cut in range(min(len(words), 12)):  # trim unreadable words from the ends
            for lo, hi in ((0, len(words) - cut), (cut, len(words))):
                piece = " ".join(words[lo:hi])
                if not piece:
                    continue
                got = _read(piece)
                if got is not None:
                    weight = len(piece) + (5 if re.search(r"[\^*/+=()-]|\d[a-z]", got) else 0)
                    if weight > best[0]:
                        best = (weight, got, piece)
                    break
            else:
                continue
            break
    return best[1], best[2]


def _math_expr(text: str) -> A.MathExpr | None:
    from havoc_tools.dsl import DslError, parse

    strict = _read(text)
    if strict is None:
        return None
    try:
        prog = parse(f"simplify {strict}\n")
    except DslError:
        return None
    st = prog.code[0] if prog.code else None
    return st.expr if isinstance(st, A.MathStmt) else None


def _symbols(e: Any) -> set[str]:
    if isinstance(e, A.MSym):
        return {e.name} - {"pi", "e", "E", "oo", "I"}
    out: set[str] = set()
    for attr in ("left", "right", "operand"):
        if hasattr(e, attr):
            out |= _symbols(getattr(e, attr))
    for a in getattr(e, "args", ()):
        out |= _symbols(a)
    return out


_BOUND = r"(?:minus |negative |-)?[\w.^/*()π∞+]+"
_BOUNDS = re.compile(
    rf"\b(?:from|between)\s+(?:{'[a-z] ?= ?'})?(?P<a>{_BOUND}(?:\s+pi|\s*/\s*\d+)?)\s+"
    r"(?:all the way\s+)?(?:(?:out|up|down|over)\s+)?(?:to|and|until|through|till)\s+"
    r"(?:[a-z] ?= ?)?"
    rf"(?P<b>{_BOUND}(?:\s+pi|\s*/\s*\d+)?)(?=$|[\s,;?!.])"
    r"|\b(?:over|on) (?:the interval )?\[\s*(?P<a2>[^,\]]+),\s*(?P<b2>[^\]]+)\]"
)
_POINT = re.compile(
    r"(?:\b(?:as|when|while)\s+|\b)(?P<v>[a-z])\s*(?:->|→|goes to|approaches|tends to|tends towards"
    r"|heads to|heads towards|gets close to|goes towards|goes)\s*(?:to\s+)?"
    r"(?P<p>(?:minus |negative |plus |-|\+)?(?:infinity|∞|oo|[\w.^/*()π+-]+))"
    r"(?:\s+from (?:the )?(?P<dir>left|right|above|below|positive side|negative side))?"
)
_TO_INFINITY = re.compile(
    r"\b(?:as|when)\s+([a-z])\s+(?:gets (?:very |really )?(?:large|big)|grows(?: without bound)?"
    r"|becomes (?:very )?large|increases without bound)"
)
_WRT = re.compile(
    r"\b(?:with respect to|wrt|w\.r\.t\.?|in terms of|nach|(?:con )?respecto (?:a|de))\s+"
    r"(?:the\s+|a\s+)?(?:[a-z]{2,}\s+){0,2}?(?P<v>[a-z])\b"
)
_DEFINITION = re.compile(r"\b(?P<f>[a-z]\w{0,2})\s*\(\s*(?P<v>[a-z])\s*\)\s*=\s*")
_EQUALS = re.compile(
    r"\s+(?:comes? out (?:to|at|as)|(?:is |be )?equal(?:s)?(?: to)?|(?:is )?the same as"
    r"|gives|give|becomes|become|turns? into|adds? up to)\s+(?=[-\w(.])"
)


# "the area between y = x^2 and the x-axis": the area under that curve ("between ... and" is
# otherwise read as the bounds of the integral)
_AXIS_AREA = re.compile(
    r"\barea (?:between|bounded by|enclosed by) (?:the (?:curve|graph) )?(.{1,60}?),? and the "
    r"(?:x|horizontal)[- ]?axis\b"
)


# "for which t does exp(-0.1 t) drop to one half": a value the expression reaches, said with a
# verb of reaching or of change "to" (a number, or a fraction in words)
_FRACTION_WORDS = {
    "one half": "0.5", "a half": "0.5", "half": "0.5", "one third": "(1/3)", "a third": "(1/3)",
    "one quarter": "0.25", "a quarter": "0.25", "one tenth": "0.1", "a tenth": "0.1",
    "zero": "0",
}  # fmt: skip
_REACH_VERB = (
    r"equals?|equal to|becomes?|hits?|reach(?:es)?|"
    r"(?:falls?|fall(?:en|ing)|drops?|dropp(?:ed|ing)|decays?|decay(?:ed|ing)|rises?|ris(?:en|ing)|"
    r"grows?|grow(?:n|ing)|gets?|comes?(?: down)?|goes?(?: down| up)?|sinks?|climbs?|"
    r"increases?|decreases?|declines?|shrinks?|halves?) to"
)
_REACH_VALUE = re.compile(
    rf"\s+(?:{_REACH_VERB})\s+(?:the value\s+)?"
    rf"({'|'.join(map(re.escape, _FRACTION_WORDS))}|[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:\s*/\s*\d+)?)"
    r"(?![\w.]|\.\d)"
)


def _reaches_value(text: str) -> str:
    """ "exp(-0.1*t) drops to one half" -> "exp(-0.1*t) = 0.5" (the first such phrase only, and
    only when the text has no "=" of its own)."""
    if "=" in text:
        return text
    return _REACH_VALUE.sub(
        lambda m: " = " + _FRACTION_WORDS.get(m.group(1), m.group(1).replace(" ", "")), text, 1
    )


def _called(rest: str, name: str, v: str) -> str:
    """The text after a definition "f(x) = <body>": where the function is then used by name
    ("..., solve f(x) = 0"), the rest with the call written as its body ("solve (x^2 - 4) = 0");
    otherwise the text as it was."""
    body = re.match(r"[^,;:?!]*?(?=\s*(?:[,;:?!]|\.\s|\.$|$))", rest)
    call = re.compile(rf"(?<![\w'])(?:{re.escape(name)})\s*\(\s*{v}\s*\)")
    after = rest[body.end() :] if body else ""
    if body and body.group(0).strip() and call.search(after):
        return call.sub(lambda _: f"({body.group(0).strip()})", after)
    return rest


def _typeset(text: str) -> str:
    """Typeset operators as typed ones: "A·exp(−Ea/(R·T))" -> "A*exp(-Ea/(R*T))"."""
    return text.translate(
        str.maketrans({"·": "*", "⋅": "*", "×": "*", "−": "-", "–": "-", "÷": "/"})
    )


def mode_cue(question: str, has_data: bool) -> float:
    """MODE evidence for a maths request: an operation (``find_verb``, typos and plain wording
    included) together with an expression in the question; 0 without an expression."""
    from havoc_srs.families._latex import latex_request
    from havoc_srs.families._symcalls import code_request, sensitivity_request, target_request

    # a SymPy / Mathematica / R call, or a formula and the input at which it reaches a value
    question = (
        latex_request(question)
        or code_request(question)
        or target_request(question)
        or sensitivity_request(question)
        or question
    )
    q = _TO_INFINITY.sub(r"as \1 -> oo", re.sub(r"\s+", " ", fix_typos(_typeset(question).lower())))
    q = _AXIS_AREA.sub(r"area under \1", q)
    verb = find_verb(q)
    if verb is None or (
        verb == "limit" and not re.search(r"\blimit of\b", q) and not _POINT.search(q)
    ):
        return 0.0
    q = _POINT.sub(" , ", _BOUNDS.sub(" , ", q))
    expr, _ = _best_expression(_EQUALS.sub(" = ", q) if verb == "solve" else q)
    if expr is None:
        return 0.0
    one_letter = re.search(r"(?<![a-z_])[a-z](?![a-z_0-9(])", expr)
    if re.search(r"\^|[a-z]\(|/", expr) or (one_letter and re.search(r"[-+*=]", expr)):
        return 3.0 if has_data else 4.5
    return 0.0


# a condition that the variable is positive: "for x > 0", "where x >= 0", "assuming x is
# positive", "for positive x"
_POSITIVE = re.compile(
    r"\b(?:for|where|when|with|assuming|given(?: that)?|if)\s+(?:all\s+)?(?P<v>[a-z])\s*(?:>|>=|≥)"
    r"\s*0(?![\d.])|\b(?:for|assuming|with)\s+(?:all\s+)?positive\s+(?P<v2>[a-z])\b"
    r"|\b(?:assuming|where|with|given(?: that)?|if)\s+(?P<v3>[a-z])\s+(?:is\s+)?positive\b"
)
_CAP_BOUNDS = re.compile(
    r"\b(?:from|between)\s+(?:[a-zA-Z] ?= ?)?(?P<a>\S+)\s+(?:all the way\s+)?"
    r"(?:(?:out|up|down|over)\s+)?(?:to|and|until|through|till)\s+(?:[a-zA-Z] ?= ?)?"
    r"(?P<b>\S+?)(?=$|[\s,;?!.])"
)


def _capital_bounds(question: str) -> set[str]:
    """Single capital letters written as an integral's bounds ("from 0 to T", "between A and
    B"), as the question spells them (the plan reads the question in lower case)."""
    out = set()
    for m in _CAP_BOUNDS.finditer(question):
        for g in ("a", "b"):
            tok = m.group(g).strip("()[],;:")
            if re.fullmatch(r"[A-Z]", tok):
                out.add(tok)
    return out


# the letters variables are usually written with, most usual first
_USUAL_VARIABLES = ("x", "t", "s", "z", "u", "y", "v", "w", "r", "n")


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    from havoc_srs.families._latex import latex_request
    from havoc_srs.families._symcalls import code_request, sensitivity_request, target_request

    plan = Plan("symbolic", "symbolic")
    # "diff(x**2, x)", "D[Sin[x], x]"; "H = 46 - 0.00011 Q^2 ... at what flow is H 30?"
    question = (
        latex_request(question)
        or code_request(question)
        or target_request(question)
        or sensitivity_request(question)
        or question
    )
    q = re.sub(r"\s+", " ", fix_typos(_typeset(question).strip().lower()))
    q = _AXIS_AREA.sub(r"area under \1", q)
    verb = find_verb(q)
    if verb is None:
        plan.missing.append(
            Missing(
                "the operation and the expression",
                "ask e.g. 'derivative of x^3*sin(x)', 'integrate x^2 from 0 to 1', 'solve "
                "x^2 - 5x + 6 = 0', 'limit of sin(x)/x as x -> 0'",
            )
        )
        return plan
    order = ph.slots.get("order")
    var: str | None = ph.slots.get("var")
    lower = upper = point = rhs = None
    cond_var: str | None = None
    at_point: tuple[str, float] | None = None
    o: dict[str, Any] = {}
    text = q
    m = _WRT.search(text)
    if m:
        var = m.group("v")
        text = text[: m.start()] + " , " + text[m.end() :]
    m = re.search(r"\bd\s*\w{0,3}\s*/\s*d(?P<v>[a-z])\b", text)
    if m and verb == "derive":
        var = var or m.group("v")
        text = text[: m.start()] + " " + text[m.end() :]
    if verb == "integrate":
        m = _POSITIVE.search(text)
        if m:  # "integrate |x| for x > 0": the variable taken as positive
            cond_var = m.group("v") or m.group("v2") or m.group("v3")
            var = var or cond_var
            o["domain"] = "positive"
            text = text[: m.start()] + " , " + text[m.end() :]
        m = _BOUNDS.search(text)
        if m:
            a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("a2"), m.group("b2"))
            lower, upper = _math_expr(a), _math_expr(b)
            if lower is None or upper is None:
                plan.missing.append(Missing("readable bounds", f"cannot read {a!r} / {b!r}"))
                return plan
            text = text[: m.start()] + " , " + text[m.end() :]
        m = re.search(r"(?<=[\s)\]\d])d(?P<v>[a-z])\b(?=\s*(?:$|[,;?!.]))", text)
        if m:
            var = var or m.group("v")
            text = text[: m.start()] + text[m.end() :]
        text = text.replace("∫", " ")
    text = _TO_INFINITY.sub(r"as \1 -> oo", text)
    if verb == "derive" and re.search(r"f''|\bd\^?2\s*\w{0,3}\s*/\s*d[a-z]\^?2", text):
        order = order or 2
    if verb == "derive" and (m := re.search(r"\b(second|third|fourth) derivative\b", text)):
        order = order or ("second", "third", "fourth").index(m.group(1)) + 2
    if verb in ("derive", "integrate", "simplify"):
        m = re.search(
            r"\b(?:at|when|where)\s+([a-z])\s*=\s*[-+]?\d+(?:\.\d+)?(?![\w.^*/(])(?!\s*[-+*/^])",
            text,
        )
        if m:  # "... at x = 2": the point to evaluate at is not the expression
            var = var or m.group(1)
            at_point = (m.group(1), float(m.group(0).split("=", 1)[1]))
            plan.notes.append(f"the result is the formula, also evaluated at {m.group(0)[3:]!r}")
            text = text[: m.start()] + " , " + text[m.end() :]
    if verb in ("limit", "series"):
        m = _POINT.search(text)
        if m:
            var = var or m.group("v")
            point = _math_expr(m.group("p"))
            if point is None:
                plan.missing.append(
                    Missing("a readable limit point", f"cannot read {m.group('p')!r}")
                )
                return plan
            if m.group("dir"):
                o["direction"] = "right" if m.group("dir") in ("right", "above", "positive side") else "left"  # fmt: skip
            text = text[: m.start()] + " , " + text[m.end() :]
    if verb == "series":
        m = re.search(r"\b(?:around|about|at|near)\s+(?:([a-z])\s*=\s*)?(?P<p>[-\w.^/*()π]+)", text)
        if m and point is None:
            point = _math_expr(m.group("p"))
            text = text[: m.start()] + " , " + text[m.end() :]
        m = re.search(r"\b(?:to|up to|through)\s+(?:order|degree)\s+(?P<n>\d+)|\border\s+(?P<n2>\d+)", text)  # fmt: skip
        if m:
            o["order"] = int(m.group("n") or m.group("n2"))
            text = text[: m.start()] + " , " + text[m.end() :]
        else:
            o["order"] = 6
            plan.notes.append("series to order 6 (say 'to order 4' to change)")
        if point is None:
            point = _math_expr("0")
            plan.notes.append("series about 0 (no point given)")
    from havoc_tools.symbolic.grammar import FUNCTIONS

    m = _DEFINITION.search(text)
    if m and m.group("f") in FUNCTIONS:  # "ln(x) = 2" is an equation, not a definition of ln
        m = None
    if m:  # "V(h) = ..." : the expression is the right-hand side, the variable h
        var = var or m.group("v")
        text = _called(text[m.end() :], m.group("f"), m.group("v"))
    if verb == "solve":
        m = re.search(r"\bsolve\b.{0,40}?\bfor ([a-z])\b\s*[:,]?", text)
        if m:
            var = var or m.group(1)
            text = text[: m.start(1) - 4] + " , " + text[m.end() :]
        text = re.sub(
            r"\s+(?:is|be|equals?|become|becomes|hits?|reaches?)\s+(?=zero\b|0\b)", " = ", text
        )
        text = _reaches_value(text)
        text = _EQUALS.sub(" = ", text)
        m = re.search(r"\bfor ([a-z])\s*[?.!]*$", text.strip())
        if m:
            var = var or m.group(1)
            text = text.strip()[: m.start()]
    expr_text, source = _best_expression(text)
    if expr_text is not None and verb != "solve" and "=" in expr_text:
        expr_text = expr_text.split("=", 1)[1].strip()  # "y = x^2 + 1": the right-hand side
    if expr_text is None or re.fullmatch(r"[a-z]{2,}", expr_text):
        plan.missing.append(
            Missing(
                "a readable expression",
                f"cannot find an expression in {question.strip()!r}; write it with * ^ / and "
                "function calls, e.g. x^2*sin(x)",
            )
        )
        return plan
    if verb == "solve" and "=" in expr_text:
        lhs_text, rhs_text = (p.strip() for p in expr_text.split("=", 1))
        rhs = _math_expr(rhs_text)
        expr_text = lhs_text
        if isinstance(rhs, A.MNum) and rhs.value == 0:
            rhs = None
    expr = _math_expr(expr_text)
    if expr is None:
        plan.missing.append(
            Missing("a readable expression", f"cannot read {source!r}; write it like x^2*sin(x)")
        )
        return plan
    if verb == "integrate" and (lower is not None or upper is not None):
        # "from 0 to T" with t in the integrand: written as a capital the bound is its own
        # symbol (the end time), not the variable read in lower case
        caps = _capital_bounds(question)
        inner = _symbols(expr)
        lower, upper = (
            A.MSym(name=b.name.upper())
            if isinstance(b, A.MSym) and b.name.upper() in caps and b.name in inner
            else b
            for b in (lower, upper)
        )
    free = _symbols(expr) | (_symbols(rhs) if rhs is not None else set())
    if var is not None and free and var not in free and verb != "simplify":
        var = None
    if var is None and verb != "simplify":
        with_var = re.search(r"\b(?:with|as|by|against)\s+(?:the\s+)?(?:[a-z]{2,}\s+){0,2}([a-z])\b", q)  # fmt: skip
        bound = set().union(*(_symbols(b) for b in (lower, upper) if b is not None))
        usual = [v for v in _USUAL_VARIABLES if v in free - bound]
        if len(free) == 1:
            var = next(iter(free))
        elif with_var and with_var.group(1) in free:
            var = with_var.group(1)
        elif "x" in free:
            var = "x"
            plan.notes.append(f"variable x (the expression has {sorted(free)})")
        elif (
            verb in ("derive", "integrate", "limit", "series")
            and "t" in free
            and not free
            & {
                "y",
                "z",
            }
        ):
            # "integrate sin(w*t) from 0 to pi", "d/dt of A*exp(-k*t)": with no x, t (time)
            # is the variable and the other letters are its constants
            var = "t"
            plan.notes.append(f"variable t (the expression has {sorted(free)})")
        elif verb == "integrate" and bound and usual:
            # "c*t^2 from a to b": the letters of the bounds are constants; the variable is
            # the one written the way variables usually are (t, s, ...)
            var = usual[0]
            plan.notes.append(f"variable {var} (the bounds hold {sorted(bound)})")
        else:
            plan.missing.append(
                Missing(
                    "the variable",
                    f"the expression has {sorted(free) or 'no'} symbols; say 'with respect to x'",
                )
            )
            return plan
    if o.get("domain") == "positive" and cond_var != var:
        del o["domain"]  # "when a > 0" of "x^2 ... a": a condition on a constant, not on x
    if verb == "derive" and order:
        o["order"] = order
    if verb == "limit" and point is None:
        plan.missing.append(
            Missing("the limit point", "say e.g. 'as x goes to 0' or 'as n -> infinity'")
        )
        return plan
    stmt = A.MathStmt(
        verb=verb, expr=expr, var=var if verb != "simplify" else None, lower=lower, upper=upper,
        point=point, rhs=rhs, options=opts(**o),
    )  # fmt: skip
    plan.analysis = verb
    plan.slots.update(operation=verb, expression=expr_text, variable=var)
    if at_point is not None and at_point[0] == var and verb == "derive":
        plan.slots["at"] = at_point[1]  # "slope of f at x = 2": the derivative's value there
    plan.program = program(let("primary", stmt))
    return plan


# ---------------------------------------------------------------------------------------------
# ARGUE and ARBITER


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    arg.skipped = "nothing to argue for this kind of request"


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    return []


# ---------------------------------------------------------------------------------------------
# AUDIT


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    """Check the answer through the DSL by a different operation (no text is evaluated)."""
    from havoc_tools.dsl import run

    verb, var = plan.analysis, plan.slots.get("variable")
    expr = plan.slots.get("expression")
    try:
        if verb == "solve" and r.get("numeric_solutions"):
            real = [v for v in r["numeric_solutions"] if v is not None]  # complex roots: None
            for sol in [repr(float(v)) for v in real[:4]]:
                prog = f"simplify ({_lhs(plan)}) - ({_rhs(plan)}) \n"
                res = run(f"let z = simplify {_sub(prog, var, sol)}\n")
                val = res["z"].result.get("numeric") if res.ok else None
                au.truth(
                    f"residual at {var} = {sol} is 0", val is not None and abs(val) < 1e-8, str(val)
                )
        elif verb == "derive" and not plan.program.code[0].command.options:
            # central difference of f against f' at two points, each evaluated by the DSL
            deriv = r["result"].replace("**", "^")
            for x0 in (0.37, 1.13):
                h = 1e-4
                fp, fm, d0 = (
                    _value_fixed(expr, var, x0 + h),
                    _value_fixed(expr, var, x0 - h),
                    _value_fixed(deriv, var, x0),
                )
                ok = None not in (fp, fm, d0) and math.isclose(
                    (fp - fm) / (2 * h), d0, rel_tol=1e-5, abs_tol=1e-6
                )
                au.truth(f"central difference matches f'({x0})", bool(ok), f"{d0}")
        elif verb == "integrate" and r.get("numeric") is None and _bounds(plan):
            _audit_symbolic_bounds(au, plan, r, expr, var)
        elif verb == "integrate" and r.get("numeric") is None and _positive(plan):
            # "for x > 0": the antiderivative's slope (a central difference, evaluated by the
            # DSL) must be the integrand's value at points where the condition holds
            for x0 in (0.37, 1.13, 2.9):
                h = 1e-4
                fp, fm = (_value_fixed(r["result"], var, x0 + d) for d in (h, -h))
                f0 = _value_fixed(expr, var, x0)
                ok = None not in (fp, fm, f0) and math.isclose(
                    (fp - fm) / (2 * h), f0, rel_tol=1e-5, abs_tol=1e-6
                )
                au.truth(f"slope of the antiderivative is the integrand at {var} = {x0}", bool(ok))
        elif verb == "integrate" and r.get("numeric") is None:
            res = run(f"let chk = derive {r['result'].replace('**', '^')} wrt {var}\n")
            if res.ok:
                back = run(
                    f"let z = simplify ({res['chk'].result['result'].replace('**', '^')}) - ({expr})\n"
                )
                au.truth(
                    "derivative of the antiderivative is the integrand",
                    back.ok and back["z"].result["result"] in ("0", "0.0"),
                    back["z"].result["result"] if back.ok else "",
                )
        elif verb == "integrate":
            au.truth(
                "definite integral is finite",
                r["numeric"] is not None and math.isfinite(r["numeric"]),
            )
            _audit_definite(au, plan, r, expr, var)
        elif verb == "limit" and r.get("numeric") is not None:
            _audit_limit(au, plan, r, expr, var)
        elif verb == "simplify" and r.get("result"):
            for x0 in (0.37, 1.13):
                a, b = _at(expr, None, x0), _at(r["result"], None, x0)
                au.truth(
                    f"simplified form equals the original at {x0}",
                    a is not None
                    and b is not None
                    and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12),
                    f"{a} vs {b}",
                )
        elif verb == "series" and r.get("result"):
            _audit_series(au, plan, r, expr, var)
    except (KeyError, TypeError, ValueError) as e:
        au.truth("independent symbolic check", False, f"could not run: {e}")
    if not au.checks:
        au.truth("a result was produced", bool(r.get("result")))


def _positive(plan: Plan) -> bool:
    """The integral was asked with its variable positive ("for x > 0")."""
    return any(
        o.key == "domain" and getattr(o.value, "id", getattr(o.value, "value", None)) == "positive"
        for o in plan.program.code[0].command.options
    )


def _at(text: str, var: str | None, x0: float) -> float | None:
    """``text`` at ``var = x0`` (every free symbol when ``var`` is None), numerically: the
    expression grammar builds the sympy tree (no text is evaluated) and sympy evaluates it."""
    from havoc_tools.symbolic.grammar import parse_expression

    try:
        e = parse_expression(text.replace("**", "^"))
        # each symbol's value from its own name, so that two expressions over different sets
        # of symbols ("(a*b + a*c)/a" and "b + c") are compared at the same point
        subs = (
            {sym: x0 for sym in e.free_symbols if sym.name == var}
            if var is not None
            else {sym: x0 + 0.11 * (sum(ord(ch) * (i + 1) for i, ch in enumerate(sym.name)) % 17)
                  for sym in e.free_symbols}
        )  # fmt: skip
        v = complex(e.subs(subs).evalf())
    except (ValueError, TypeError, ArithmeticError):
        return None
    return (
        v.real if abs(v.imag) <= 1e-12 * max(1.0, abs(v.real)) and math.isfinite(v.real) else None
    )


def _value_fixed(text: str, var: str, x0: float) -> float | None:
    """``text`` at ``var = x0`` with every other symbol held at a fixed value (a partial
    derivative's other variables), through the DSL when ``var`` is the only symbol."""
    from havoc_tools.symbolic.grammar import parse_expression

    try:
        names = {s.name for s in parse_expression(text.replace("**", "^")).free_symbols}
    except (ValueError, TypeError):
        return None
    if names <= {var}:
        return _value(text, var, x0)
    others = sorted(names - {var})
    out = text.replace("**", "^")
    for i, other in enumerate(others):
        out = re.sub(rf"\b{re.escape(other)}\b", f"({0.61 + 0.13 * i!r})", out)
    return _value(out, var, x0)


def _point_text(plan: Plan) -> str:
    st = plan.program.code[0].command
    return _math_source(st.point) if st.point is not None else "0"


def _math_source(e: Any) -> str:
    from havoc_tools.dsl import format_program

    text = format_program(A.Program(statements=(A.MathStmt(verb="simplify", expr=e),)))
    return text.strip()[len("simplify ") :]


def _audit_series(au: Audit, plan: Plan, r: dict[str, Any], expr: str, var: str) -> None:
    """A Taylor polynomial to order n misses f by O(h^n): halving the step must shrink the
    error about 2^n-fold (a wrong coefficient of degree m < n shrinks it only 2^m-fold)."""
    opts_ = {o.key: getattr(o.value, "value", None) for o in plan.program.code[0].command.options}
    n = int(opts_.get("order") or 6)
    p = _at(_point_text(plan), None, 0.0) or 0.0
    poly = re.sub(r"\s*\+\s*O\(.*\)\s*$", "", r["result"])
    errs = []
    for h in (0.1, 0.05):
        f, t = _at(expr, var, p + h), _at(poly, var, p + h)
        errs.append(None if f is None or t is None else (abs(f - t), max(1.0, abs(f))))
    if None in errs:
        au.truth("series evaluates near the point", False, "could not evaluate")
        return
    (e1, scale), (e2, _) = errs
    ok = e1 <= 1e-12 * scale or (e2 > 0 and e1 / e2 >= 2 ** (n - 0.5))
    au.truth(
        f"series error shrinks like h^{n} (steps 0.1, 0.05 from the point)",
        ok,
        f"errors {e1:.3g}, {e2:.3g}",
    )


def _audit_limit(au: Audit, plan: Plan, r: dict[str, Any], expr: str, var: str) -> None:
    """f a small step from the point (or far out for +-oo) approaches the stated limit."""
    point = _point_text(plan).replace(" ", "")
    direction = dict(
        (o.key, getattr(o.value, "id", None)) for o in plan.program.code[0].command.options
    ).get("direction")
    if point in ("oo", "+oo", "-oo"):
        xs = [-1e7] if point == "-oo" else [1e7]
    else:
        p = _at(point, None, 0.0)
        if p is None:
            return
        xs = {"right": [p + 1e-6], "left": [p - 1e-6]}.get(direction or "", [p - 1e-6, p + 1e-6])
    for x0 in xs:
        v = _at(expr, var, x0)
        au.truth(
            f"f({var} = {x0:.8g}) is near the limit",
            v is not None and math.isclose(v, r["numeric"], rel_tol=1e-4, abs_tol=1e-4),
            f"{v} vs {r['numeric']}",
        )


def _audit_definite(au: Audit, plan: Plan, r: dict[str, Any], expr: str, var: str) -> None:
    """Tanh-sinh quadrature of the integrand's values against the exact definite integral.

    The check never sees the library's antiderivative: it evaluates the integrand (built by the
    expression grammar, no text evaluated) at nodes that crowd towards the ends, so a square
    root or an integrable singularity at an end (sqrt(x) or 1/sqrt(x) from 0) is integrated to
    full accuracy; an infinite bound is mapped onto the half line or the line."""
    from havoc_tools.symbolic.grammar import parse_expression

    from havoc_srs.families._quadrature import tanh_sinh

    st = plan.program.code[0].command
    lo, hi = (_bound_value(_math_source(n)) for n in (st.lower, st.upper))
    if lo is None or hi is None or r.get("numeric") is None:
        return
    try:
        e = parse_expression(expr.replace("**", "^"))
    except (ValueError, TypeError):
        return
    x = next((s for s in e.free_symbols if s.name == var), None)
    if e.free_symbols - ({x} if x is not None else set()):
        return  # other letters: the symbolic-bounds check's business

    def f(t: float) -> float | None:
        try:
            v = complex(e.subs(x, t).evalf() if x is not None else e.evalf())
        except (ValueError, TypeError, ArithmeticError):
            return None
        return v.real if abs(v.imag) <= 1e-9 * max(1.0, abs(v.real)) else None

    got, err = tanh_sinh(f, lo, hi)
    if got is None or err > 1e-6 * max(1.0, abs(got)):
        # a value the integrand lacks inside the interval, or a rule that did not settle
        # (an oscillating tail to infinity): no quadrature check rather than a false one
        return
    au.value(
        "definite integral by tanh-sinh quadrature",
        r["numeric"],
        got,
        rel=max(1e-7, 10 * err / max(1.0, abs(got))),
        abs_=1e-8,
    )


def _bound_value(text: str) -> float | None:
    """A bound's number; +-inf for oo / -oo."""
    t = text.replace(" ", "")
    if t in ("oo", "+oo", "inf", "+inf"):
        return math.inf
    if t in ("-oo", "-inf"):
        return -math.inf
    return _at(text, None, 0.0)


def _value(expr: str, var: str, x0: float) -> float | None:
    """``expr`` at ``var = x0`` through the DSL (a constant integrated over [0, 1])."""
    from havoc_tools.dsl import run

    res = run(f"let z = simplify {_sub('simplify ' + expr, var, repr(x0))}\n")
    return res["z"].result.get("numeric") if res.ok else None


def _bounds(plan: Plan) -> tuple[str, str] | None:
    """The definite integral's bounds as text, or None for an antiderivative."""
    from havoc_tools.dsl import ast as A
    from havoc_tools.dsl import format_program

    st = plan.program.code[0].command
    if st.lower is None or st.upper is None:
        return None
    out = []
    for node in (st.lower, st.upper):
        text = format_program(A.Program(statements=(A.MathStmt(verb="simplify", expr=node),)))
        out.append(text.strip()[len("simplify ") :])
    return out[0], out[1]


def _audit_symbolic_bounds(au: Audit, plan: Plan, r: dict[str, Any], expr: str, var: str) -> None:
    """A definite integral with letters in it ("k*x from 0 to d"): every other symbol is held
    at a fixed value and the integrand integrated numerically (scipy quad) between the bounds;
    the symbolic result at those values must agree."""
    from havoc_tools.symbolic.grammar import parse_expression
    from scipy import integrate

    lo_t, hi_t = _bounds(plan) or ("", "")
    f, lo, hi, res = (
        parse_expression(t.replace("**", "^")) for t in (expr, lo_t, hi_t, r["result"])
    )
    x = next((s for s in f.free_symbols if s.name == var), None)
    others = sorted((f.free_symbols | lo.free_symbols | hi.free_symbols | res.free_symbols)
                    - {x}, key=str)  # fmt: skip
    fixed = {s: 0.7 + 0.31 * i for i, s in enumerate(others)}
    a, b = float(lo.subs(fixed).evalf()), float(hi.subs(fixed).evalf())
    g = f.subs(fixed)
    want = float(res.subs(fixed).evalf())
    if x is None:  # an integrand free of the variable: a constant times the interval
        got = float(g.evalf()) * (b - a)
    else:
        got = integrate.quad(lambda t: float(g.subs(x, t).evalf()), a, b, limit=200)[0]
    au.truth(
        f"numerical integral at {', '.join(f'{s}={v:.2f}' for s, v in fixed.items())}",
        math.isclose(got, want, rel_tol=1e-7, abs_tol=1e-9),
        f"quad {got} vs {want}",
    )


def _lhs(plan: Plan) -> str:
    return plan.slots["expression"]


def _rhs(plan: Plan) -> str:
    st = plan.program.code[0].command
    if st.rhs is None:
        return "0"
    from havoc_tools.dsl import ast as A
    from havoc_tools.dsl import format_program

    text = format_program(A.Program(statements=(A.MathStmt(verb="simplify", expr=st.rhs),)))
    return text.strip()[len("simplify ") :]


def _sub(text: str, var: str, value: str) -> str:
    """Substitute a solution for the variable: a check integrand constant in t."""
    import re

    body = text.strip()[len("simplify ") :]
    return re.sub(rf"\b{re.escape(var)}\b", f"({value.replace('**', '^')})", body)


# ---------------------------------------------------------------------------------------------
# ANSWER


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    k: dict[str, Any] = {}
    k.update(operation=r["operation"], result=r["result"], latex=r.get("latex"))
    if r.get("numeric") is not None:
        k["numeric"] = r["numeric"]
    if plan.slots.get("at") is not None:
        x0 = plan.slots["at"]
        k["at"] = x0
        k["value_at"] = _at(str(r["result"]).replace("**", "^"), plan.slots.get("variable"), x0)
    if r.get("solutions"):
        k["solutions"] = r["solutions"]
        k["numeric_solutions"] = r.get("numeric_solutions")
    return k


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    if plan.analysis == "solve":
        return (
            f"Solutions of {plan.slots.get('expression')} = {_rhs(plan)} for "
            f"{plan.slots.get('variable')}: "
            f"{k['result']}."
        )
    at = ""
    if k.get("value_at") is not None:
        at = f" At {plan.slots.get('variable')} = {k['at']:g} it is {k['value_at']:.6g}."
    return f"The {k['operation']} of {plan.slots.get('expression')} is {k['result']}.{at}"


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    return "Use the result in the DSL (havoc run) to evaluate it numerically."
