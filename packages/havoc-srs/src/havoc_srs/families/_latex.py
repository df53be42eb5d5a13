"""Symbolic requests typeset in LaTeX (``\\frac{d}{dx} x^3 e^{x}``, ``\\int_0^{\\pi} \\sin x\\,dx``,
``\\lim_{x \\to 0} \\frac{\\sin x}{x}``) read into the plain words the symbolic family plans from
("derivative of x^3 e^(x) with respect to x"). The text is only rewritten (braces to brackets,
commands to names); nothing is evaluated.

>>> latex_request(r"\\int_0^1 x^2 \\, dx")
'integrate x^(2) from 0 to 1 dx'
>>> latex_request(r"\\frac{d}{dt}\\left(t^2 \\sin t\\right)")
'derivative of (t^(2) sin t) with respect to t'
>>> latex_request("integrate x^2 from 0 to 1") is None
True
"""

from __future__ import annotations

import re

# a LaTeX command for an operation: nothing is read without one
_HAS_LATEX = re.compile(r"\\(?:frac|int|lim|dfrac|tfrac|partial|sqrt)(?![A-Za-z])|\\mathrm\{d\}")
_NAMES = {
    "sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh", "tanh", "arcsin", "arccos",
    "arctan", "ln", "log", "exp", "pi", "theta", "alpha", "beta", "lambda", "mu", "sigma",
    "omega", "phi", "tau", "rho",
}  # fmt: skip
_SPACING = re.compile(r"\\[,;:!> ]|\\q?quad\b|\\displaystyle\b|\\limits\b|\\left\b|\\right\b")


def _group(text: str, i: int) -> tuple[str, int] | None:
    """The braced group starting at ``text[i]`` (``{...}``) or the single token there: (its
    content, the index after it)."""
    while i < len(text) and text[i] == " ":
        i += 1
    if i >= len(text):
        return None
    if text[i] == "{":
        depth = 0
        for j in range(i, len(text)):
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            if depth == 0:
                return text[i + 1 : j], j + 1
        return None
    m = re.match(r"\\[A-Za-z]+|[-+]?\d+(?:\.\d+)?|[A-Za-z]", text[i:])
    return (m.group(0), i + m.end()) if m else None


def _fracs(text: str) -> str:
    """``\\frac{a}{b}`` -> ``((a)/(b))``, innermost first; ``\\sqrt{a}`` -> ``sqrt(a)``."""
    for _ in range(20):
        m = re.search(r"\\[dt]?frac\s*", text)
        if not m:
            break
        num = _group(text, m.end())
        den = _group(text, num[1]) if num else None
        if not den:
            return text
        text = text[: m.start()] + f"(({num[0]})/({den[0]}))" + text[den[1] :]
    for _ in range(20):
        m = re.search(r"\\sqrt\s*(?:\[(?P<n>[^\]]+)\])?", text)
        if not m:
            break
        arg = _group(text, m.end())
        if not arg:
            return text
        root = f"({arg[0]})^(1/({m.group('n')}))" if m.group("n") else f"sqrt({arg[0]})"
        text = text[: m.start()] + root + text[arg[1] :]
    return text


def _plain(text: str) -> str:
    """The LaTeX of an expression as typed maths."""
    text = _SPACING.sub(" ", text)
    text = re.sub(r"\\mathrm\{d\}\s*", "d", text)
    text = re.sub(r"\\(?:mathrm|operatorname|text)\{([^{}]*)\}", r"\1", text)
    text = _fracs(text)
    text = re.sub(r"\\(?:cdot|times|ast)\b", "*", text)
    text = re.sub(r"\\infty\b", "oo", text)
    text = re.sub(
        r"\\([A-Za-z]+)", lambda m: m.group(1) if m.group(1) in _NAMES else m.group(0), text
    )
    text = re.sub(r"\^\s*\{", "^(", text)  # e^{2x} -> e^(2x); the brace then closes it
    text = text.replace("{", "(").replace("}", ")")
    return re.sub(r"\s+", " ", text).strip()


def latex_request(question: str) -> str | None:
    """The request typeset in LaTeX in plain words, or None when there is no LaTeX operation."""
    if not _HAS_LATEX.search(question):
        return None
    q = _SPACING.sub(" ", question.replace("$", " "))
    q = re.sub(r"\\mathrm\{d\}\s*", "d", q)
    # d/dx and d^n/dx^n as a fraction, partial derivatives too
    m = re.search(
        r"\\[dt]?frac\s*\{\s*(?:d|\\partial)\s*(?:\^\s*\{?(?P<n>\d)\}?)?\s*\}\s*"
        r"\{\s*(?:d|\\partial)\s*(?P<v>[A-Za-z])\s*(?:\^\s*\{?\d\}?)?\s*\}",
        q,
    )
    if m:
        expr = _plain(q[m.end() :]).strip(" .?!,;")
        n = int(m.group("n") or 1)
        head = {1: "derivative", 2: "second derivative", 3: "third derivative"}.get(n)
        return f"{head} of {expr} with respect to {m.group('v')}" if head and expr else None
    m = re.search(r"\\int(?![A-Za-z])\s*(?:_(?P<a>\{[^{}]*\}|\S)\s*\^(?P<b>\{[^{}]*\}|\\?\w+))?", q)
    if m:
        body = _plain(q[m.end() :])
        d = re.search(r"(?:^|[\s*)])d(?P<v>[A-Za-z])\b", body)
        var = d.group("v") if d else None
        expr = (body[: d.start()] if d else body).strip(" .?!,;*")
        if not expr:
            return None
        tail = f" d{var}" if var else ""
        if m.group("a") is not None:
            a, b = (_plain(g.strip("{}")) for g in (m.group("a"), m.group("b")))
            return f"integrate {expr} from {a} to {b}{tail}"
        return f"integrate {expr}{tail}"
    m = re.search(
        r"\\lim(?![A-Za-z])\s*_\s*\{\s*(?P<v>[A-Za-z])\s*(?:\\to|\\rightarrow|->)\s*(?P<p>[^{}]+?)\s*\}",
        q,
    )
    if m:
        expr = _plain(q[m.end() :]).strip(" .?!,;")
        point = _plain(m.group("p")).replace(" ", "")
        side = re.search(r"\^\(?([+-])\)?$", point)
        point = point[: side.start()] if side else point
        tail = {"+": " from the right", "-": " from the left"}[side.group(1)] if side else ""
        return f"limit of {expr} as {m.group('v')} -> {point}{tail}" if expr else None
    # no operation typeset ("simplify \\frac{x^2-1}{x-1}"): the words around it ask
    return _plain(q)
