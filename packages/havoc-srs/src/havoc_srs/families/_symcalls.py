"""Symbolic requests written as code: a SymPy, Mathematica, Maple or R call typed into the
question (``diff(x**3*log(x), x)``, ``Integrate[Sin[x]^2, {x, 0, Pi}]``, ``D(expression(x^2),
"x")``, ``solve(x**2 - 4, x)``) read into the plain words the symbolic family plans from
("derivative of x**3*log(x) with respect to x"). The text is only split at brackets and commas;
nothing is evaluated.

>>> code_request("SymPy: simplify(sin(x)**2 + cos(x)**2). Do that.")
'simplify sin(x)**2 + cos(x)**2'
>>> code_request("Integrate[Sin[x]^2, {x, 0, Pi}]")
'integrate sin(x)^2 from 0 to pi dx'
"""

from __future__ import annotations

import re

# call name (any case) -> operation
_CALLS = {
    "diff": "derive", "d": "derive", "derivative": "derive", "deriv": "derive",
    "integrate": "integrate", "int": "integrate", "integral": "integrate",
    "solve": "solve", "nsolve": "solve", "fsolve": "solve", "uniroot": "solve",
    "limit": "limit", "lim": "limit",
    "simplify": "simplify", "fullsimplify": "simplify", "trigsimp": "simplify",
    "expand": "simplify", "factor": "simplify",
    "series": "series", "taylor": "series",
}  # fmt: skip
_CALL = re.compile(r"(?<![\w.])(?:sp\.|sympy\.)?([A-Za-z]+)\s*([(\[])")
_PREFIX = re.compile(r"\b(?:sp|sympy|np|numpy|math)\.")
_FUNCS = {"sin", "cos", "tan", "exp", "log", "sqrt", "sinh", "cosh", "tanh", "abs", "ln"}
_CONST = {"pi": "pi", "e": "E", "infinity": "oo", "inf": "oo", "oo": "oo"}


def _close(text: str, start: int) -> int | None:
    """Index of the bracket closing the one at ``start``; None when unbalanced."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    for i in range(start, len(text)):
        ch = text[i]
        if ch in pairs:
            stack.append(pairs[ch])
        elif ch in ")]}":
            if not stack or stack.pop() != ch:
                return None
            if not stack:
                return i
    return None


def _split(args: str) -> list[str]:
    """Top-level comma split."""
    out, depth, cur = [], 0, []
    for ch in args:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur).strip())
    return [a for a in out if a]


def _plain(expr: str) -> str:
    """Mathematica's ``Sin[x]`` as ``sin(x)``, R's ``expression(...)`` and ``quote(...)``
    unwrapped, library prefixes dropped, quotes removed."""
    expr = _PREFIX.sub("", expr.strip().strip("\"'"))
    expr = re.sub(r"^(?:expression|quote|expr)\s*\((.*)\)$", r"\1", expr.strip())
    for _ in range(5):  # nested calls: Sin[Exp[x]]
        new = re.sub(
            r"\b([A-Za-z]+)\[([^\[\]]*)\]",
            lambda m: (
                (m.group(1).lower() if m.group(1).lower() in _FUNCS else m.group(1))
                + "("
                + m.group(2)
                + ")"
            ),
            expr,
        )
        if new == expr:
            break
        expr = new
    expr = re.sub(r"\bE\^", "e^", expr).replace("==", "=")
    return re.sub(r"\b(Pi|Infinity)\b", lambda m: _CONST[m.group(1).lower()], expr)


def _var(arg: str) -> str | None:
    arg = arg.strip().strip("\"'")
    return arg if re.fullmatch(r"[A-Za-z]", arg) else None


def code_request(question: str) -> str | None:
    """The request of the first recognised call in ``question`` in plain words, or None."""
    for m in _CALL.finditer(question):
        op = _CALLS.get(m.group(1).lower())
        if op is None or (m.group(1) == "d" and m.group(2) == "("):
            continue  # "d(...)" is R's D only with a capital
        end = _close(question, m.end(2) - 1)
        if end is None:
            continue
        if question[end + 1 :].lstrip()[:1] in tuple("/*+-^(["):
            continue  # "Simplify (x^2 - 1)/(x - 1)": a bracket that groups, not arguments
        args = _split(question[m.end(2) : end])
        if not args:
            continue
        text = _words(op, [_plain(a) for a in args])
        if text:
            return text
    return None


def _bounds(arg: str) -> tuple[str, str | None, str | None] | None:
    """``(x, 0, 1)`` / ``{x, 0, Pi}`` / ``x -> 0`` / ``x=0..1``: variable and bounds."""
    inner = arg.strip()
    if inner[:1] in "({[" and inner[-1:] in ")}]":
        parts = _split(inner[1:-1])
        if parts and _var(parts[0]):
            return (
                parts[0],
                (parts[1] if len(parts) > 1 else None),
                (parts[2] if len(parts) > 2 else None),
            )
    m = re.fullmatch(r"([A-Za-z])\s*(?:->|→|=)\s*(.+?)(?:\s*\.\.\s*(.+))?", inner)
    if m:
        return m.group(1), m.group(2), m.group(3)
    if _var(inner):
        return inner, None, None
    return None


def _words(op: str, args: list[str]) -> str | None:
    e, rest = args[0], args[1:]
    if op == "simplify":
        return f"simplify {e}"
    if op == "derive":
        var = next((_var(a) for a in rest if _var(a)), None)
        order = sum(1 for a in rest if _var(a)) or 1
        n = next((int(a) for a in rest if a.isdigit()), None)
        order = n or order
        tail = f" with respect to {var}" if var else ""
        return ("second derivative of " if order == 2 else "derivative of ") + e + tail
    if op == "integrate":
        b = _bounds(rest[0]) if rest else None
        if b and b[1] is not None and b[2] is not None:
            return f"integrate {e} from {_plain(b[1])} to {_plain(b[2])} d{b[0]}"
        if len(rest) == 3 and _var(rest[0]):  # Maple/R style int(f, x, a, b)
            return f"integrate {e} from {rest[1]} to {rest[2]} d{rest[0]}"
        return f"integrate {e} d{b[0]}" if b else f"integrate {e}"
    if op == "solve":
        b = _bounds(rest[0]) if rest else None
        eq = e if "=" in e else f"{e} = 0"
        return f"solve {eq} for {b[0]}" if b else f"solve {eq}"
    if op == "limit":
        if len(rest) >= 2 and _var(rest[0]):
            return f"limit of {e} as {rest[0]} -> {_plain(rest[1])}"
        b = _bounds(rest[0]) if rest else None
        if b and b[1] is not None:
            return f"limit of {e} as {b[0]} -> {_plain(b[1])}"
        return None
    if op == "series":
        b = _bounds(rest[0]) if rest else None
        var = b[0] if b else "x"
        point = b[1] if b and b[1] is not None else (rest[1] if len(rest) > 1 else "0")
        order = next((a for a in rest[1:] if a.isdigit()), None)
        if b and b[2] is not None and b[2].isdigit():
            order = b[2]
        if len(rest) >= 3 and rest[2].isdigit():
            order = rest[2]
        tail = f" to order {order}" if order else ""
        return f"taylor series of {e} about {var} = {_plain(point)}{tail}"
    return None


# a formula stated: "H = 46 - 0.00011 Q^2", "pH(t) = 6.5 - 0.38 t"; it ends at a bracketed
# note of units ("(t in hours)"), a clause or the sentence
_RHS = (
    r"(?P<rhs>[-+]?[\w.]+(?:\s*[-+*/^]\s*[-+]?[\w.()]+|\s+(?!I\s+[a-z])[A-Za-z](?:\^\d+)?\b|"
    r"\s*\((?![^()]*\b[A-Za-z]+ in\b)[^()]*\))*)"
)
_FORMULAS = (
    re.compile(
        r"(?<![\w.])(?P<lhs>[A-Za-z][A-Za-z0-9_]{0,5}(?:\s*\(\s*(?P<arg>[A-Za-z])\s*\))?)\s*=\s*"
        + _RHS
    ),
    re.compile(
        r"\b(?:follows|is given by|is modell?ed (?:as|by)|goes (?:as|like)|varies as)\s*" + _RHS
    ),
)


def _formula(question: str) -> re.Match[str] | None:
    """The first formula written with "=", else one introduced by "follows" and the like."""
    return _FORMULAS[0].search(question) or _FORMULAS[1].search(question)


# what is asked: the input at which the output reaches a value
_ASKED = re.compile(
    r"\b(?:at what|what|which|how (?:long|much|many|far|high|big|fast)|when|find the)\b"
)
_TARGET = re.compile(
    r"\b(?:reach(?:es)?|drops?(?: down)? to|falls? to|fall below|rises? to|climbs? to|hits?|"
    r"gets? (?:down |up )?to|equals?|becomes?|goes (?:up |down )?to|decreases? to|increases? to|"
    r"comes? down to|is down to|is up to|equal to|be)\s+(?P<v>[-+]?\d+(?:\.\d+)?)"
)


def target_request(question: str) -> str | None:
    """A formula stated in the question and the input asked for at which its output reaches a
    value ("H = 46 - 0.00011 Q^2 ... at what flow does the head drop to 30 m?") as the words
    "solve 46 - 0.00011 Q^2 = 30 for Q"; None unless the formula has exactly one input."""
    m = _formula(question)
    if not m or not _ASKED.search(question[m.end() :].lower()):
        return None
    t = _TARGET.search(question[m.end() :])
    if not t:
        return None
    rhs = m.group("rhs").strip().rstrip(".")
    names = {w for w in re.findall(r"(?<![\w.])[A-Za-z]\w*", rhs) if w.lower() not in _FUNCS}
    names -= {"e", "pi", "E"}
    var = (m.groupdict().get("arg")) or (next(iter(names)) if len(names) == 1 else None)
    if var is None or var not in names:
        return None
    return f"solve {rhs} = {t.group('v')} for {var}"


# how strongly the output responds to one input: the derivative with respect to it
_SENSITIVE = re.compile(
    r"\b(?:how sensitive|sensitivity)\b.{0,60}?\b(?:to|with respect to|on)\s+(?:the\s+)?"
    r"(?:[a-z]+\s+){0,3}?(?P<v>[A-Za-z])\b(?!\w)",
    re.IGNORECASE,
)


def sensitivity_request(question: str) -> str | None:
    """A formula and the sensitivity of its output to one input ("w = k*P/v ... how sensitive
    the width is to the cutting speed v") as "derivative of k*P/v with respect to v"."""
    m = _formula(question)
    s = _SENSITIVE.search(question)
    if not m or not s:
        return None
    rhs = m.group("rhs").strip().rstrip(".")
    var = s.group("v")
    if not re.search(rf"(?<![\w.]){re.escape(var)}(?!\w)", rhs):
        return None
    return f"derivative of {rhs} with respect to {var}"
