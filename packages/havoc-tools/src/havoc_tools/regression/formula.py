"""A small Wilkinson-formula parser: ``y ~ x1 + x2 + x1:x2 + C(g) + I(x^2) + poly(t, 3) - 1``.

The formula text is tokenised and parsed here, never handed to ``eval``, patsy or pandas.
A name is a *function* only when it is followed by ``(``: a column called ``C`` or ``I`` is just a
column (``y ~ C + I``). Names that are not identifiers go in backticks: ```y ~ `feed rate` ```.

Operators: ``+`` adds terms, ``-`` removes them (``- 1`` or ``+ 0`` drops the intercept), ``:``
is the interaction, ``a*b`` means ``a + b + a:b``, ``(a + b + c)^2`` means all terms up to
two-way interactions. Functions: ``C(x)`` treats x as categorical (treatment coding, first level
is the reference; ``C(x, ref=level)`` picks it), ``I(expr)`` evaluates arithmetic
(``+ - * / ^``, numbers, columns, and the functions below), ``poly(x, k)`` adds raw powers
x .. x^k, and ``log``, ``log10``, ``exp``, ``sqrt``, ``abs`` transform a column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z_0-9.]*)|`(?P<quoted>[^`]+)`"
    r"|(?P<str>'[^']*'|\"[^\"]*\")"
    r"|(?P<op>\*\*|[~+\-*/:^(),=]))"
)
MATH_FUNCS = {"log": np.log, "log10": np.log10, "exp": np.exp, "sqrt": np.sqrt, "abs": np.abs}
TERM_FUNCS = {"C", "I", "poly", *MATH_FUNCS}


class FormulaError(ValueError):
    """A formula that cannot be parsed or evaluated; the message says where."""


@dataclass(frozen=True)
class Tok:
    kind: str
    text: str
    pos: int


def tokenize(text: str) -> list[Tok]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise FormulaError(f"unexpected character {text[pos]!r} at position {pos} in {text!r}")
        kind = m.lastgroup or "op"
        value = m.group(kind)
        if kind == "quoted":
            kind = "name"
        out.append(Tok(kind, value, m.start(kind)))
        pos = m.end()
    out.append(Tok("end", "", len(text)))
    return out


# --- arithmetic expressions inside I(...) and transforms -------------------------------------
@dataclass(frozen=True)
class Expr:
    op: str  # "num", "var", "neg", "+", "-", "*", "/", "^", "call"
    args: tuple[Any, ...]

    def text(self) -> str:
        if self.op == "num":
            return (
                repr(self.args[0])
                if not float(self.args[0]).is_integer()
                else str(int(self.args[0]))
            )
        if self.op == "var":
            name = self.args[0]
            return name if re.fullmatch(r"[A-Za-z_][A-Za-z_0-9.]*", name) else f"`{name}`"
        if self.op == "neg":
            return f"-{self.args[0].text()}"
        if self.op == "call":
            return f"{self.args[0]}({self.args[1].text()})"
        a, b = self.args
        return f"{_wrap(a)}{self.op}{_wrap(b)}"

    def variables(self) -> set[str]:
        if self.op == "var":
            return {self.args[0]}
        if self.op == "num":
            return set()
        out: set[str] = set()
        for a in self.args:
            if isinstance(a, Expr):
                out |= a.variables()
        return out

    def evaluate(self, env: dict[str, np.ndarray], dtype: Any = np.float64) -> np.ndarray:
        if self.op == "num":
            return np.asarray(self.args[0], dtype=dtype)
        if self.op == "var":
            return np.asarray(env[self.args[0]], dtype=dtype)
        if self.op == "neg":
            return -self.args[0].evaluate(env, dtype)
        if self.op == "call":
            fn = MATH_FUNCS[self.args[0]]
            v = self.args[1].evaluate(env, dtype)
            with np.errstate(all="ignore"):
                return fn(v)
        a, b = (x.evaluate(env, dtype) for x in self.args)
        with np.errstate(all="ignore"):
            if self.op == "+":
                return a + b
            if self.op == "-":
                return a - b
            if self.op == "*":
                return a * b
            if self.op == "/":
                return a / b
            return a**b


def _wrap(e: Expr) -> str:
    return e.text() if e.op in ("num", "var", "call") else f"({e.text()})"


# --- factors and terms -----------------------------------------------------------------------
@dataclass(frozen=True)
class Factor:
    """One ingredient of a term: a numeric expression, a categorical column or a polynomial."""

    kind: str  # "numeric", "categorical", "poly"
    expr: Expr
    degree: int = 1
    ref: Any = None
    explicit: bool = False  # C(...) given explicitly

    @property
    def label(self) -> str:
        if self.kind == "poly":
            return f"poly({self.expr.text()}, {self.degree})"
        if self.kind == "categorical" and self.explicit:
            return f"C({self.expr.text()})"
        if self.expr.op in ("var", "call"):
            return self.expr.text()
        return f"I({self.expr.text()})"


@dataclass(frozen=True)
class Term:
    factors: tuple[Factor, ...]

    @property
    def label(self) -> str:
        return ":".join(f.label for f in self.factors) if self.factors else "Intercept"

    @property
    def order(self) -> int:
        return len(self.factors)


def _term(*factors: Factor) -> Term:
    uniq: dict[str, Factor] = {}
    for f in factors:
        uniq.setdefault(f.label, f)
    return Term(tuple(sorted(uniq.values(), key=lambda f: f.label)))


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = tokenize(text)
        self.i = 0

    def peek(self, k: int = 0) -> Tok:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def take(self, text: str | None = None) -> Tok:
        tok = self.peek()
        if text is not None and tok.text != text:
            raise self.error(f"expected {text!r}", tok)
        self.i += 1
        return tok

    def error(self, msg: str, tok: Tok) -> FormulaError:
        found = repr(tok.text) if tok.kind != "end" else "end of formula"
        caret = " " * tok.pos + "^"
        return FormulaError(
            f"{msg} but found {found} at position {tok.pos}\n  {self.text}\n  {caret}"
        )

    # rhs := sum ; returns (terms in order, intercept flag or None if not mentioned)
    def parse_sum(self) -> tuple[list[Term], bool | None]:
        terms, icpt = self.parse_product()
        while self.peek().text in ("+", "-"):
            op = self.take().text
            t2, i2 = self.parse_product()
            if op == "+":
                terms += [t for t in t2 if t not in terms]
                if i2 is not None:
                    icpt = i2
            else:
                terms = [t for t in terms if t not in t2]
                if i2 is True:
                    icpt = False
                elif i2 is False:
                    icpt = True
        return terms, icpt

    def parse_product(self) -> tuple[list[Term], bool | None]:
        terms, icpt = self.parse_interaction()
        while self.peek().text == "*":
            self.take()
            t2, _ = self.parse_interaction()
            cross = [_term(*a.factors, *b.factors) for a in terms for b in t2]
            terms = _dedupe(terms + t2 + cross)
        return terms, icpt

    def parse_interaction(self) -> tuple[list[Term], bool | None]:
        terms, icpt = self.parse_power()
        while self.peek().text == ":":
            self.take()
            t2, _ = self.parse_power()
            terms = _dedupe([_term(*a.factors, *b.factors) for a in terms for b in t2])
        return terms, icpt

    def parse_power(self) -> tuple[list[Term], bool | None]:
        terms, icpt = self.parse_atom()
        if self.peek().text in ("^", "**"):
            self.take()
            tok = self.take()
            if tok.kind != "num" or not float(tok.text).is_integer() or int(float(tok.text)) < 1:
                raise self.error("expected a positive whole power after '^'", tok)
            k = int(float(tok.text))
            out: list[Term] = []
            for order in range(1, k + 1):
                for combo in combinations(terms, order):
                    out.append(_term(*(f for t in combo for f in t.factors)))
            terms = _dedupe(out)
        return terms, icpt

    def parse_atom(self) -> tuple[list[Term], bool | None]:
        tok = self.peek()
        if tok.text == "(":
            self.take()
            out = self.parse_sum()
            self.take(")")
            return out
        if tok.kind == "num":
            self.take()
            if tok.text in ("0", "1"):
                return [], tok.text == "1"
            raise self.error("a bare number in a formula must be 0 or 1 (the intercept)", tok)
        if tok.kind == "name":
            self.take()
            if self.peek().text == "(" and tok.text in TERM_FUNCS:
                return [self.parse_call(tok)], None
            if self.peek().text == "(":
                raise self.error(f"unknown function {tok.text!r}; known: {sorted(TERM_FUNCS)}", tok)
            return [_term(Factor("auto", Expr("var", (tok.text,))))], None
        raise self.error("expected a term", tok)

    def parse_call(self, name: Tok) -> Term:
        self.take("(")
        fn = name.text
        if fn == "C":
            e = self.parse_arith()
            ref = None
            if self.peek().text == ",":
                self.take()
                key = self.take()
                if key.text != "ref":
                    raise self.error("expected 'ref=' in C(x, ref=level)", key)
                self.take("=")
                lv = self.take()
                if lv.kind == "str":
                    ref = lv.text[1:-1]
                elif lv.kind == "num":
                    ref = float(lv.text)
                elif lv.kind == "name":
                    ref = lv.text
                else:
                    raise self.error("expected a level after ref=", lv)
            self.take(")")
            return _term(Factor("categorical", e, ref=ref, explicit=True))
        if fn == "poly":
            e = self.parse_arith()
            self.take(",")
            tok = self.take()
            if tok.kind != "num" or not float(tok.text).is_integer() or int(float(tok.text)) < 1:
                raise self.error("poly(x, k) needs a whole degree k >= 1", tok)
            self.take(")")
            return _term(Factor("poly", e, degree=int(float(tok.text))))
        e = self.parse_arith()
        self.take(")")
        if fn == "I":
            return _term(Factor("numeric", e))
        return _term(Factor("numeric", Expr("call", (fn, e))))

    # arithmetic: e := t (('+'|'-') t)* ; t := u (('*'|'/') u)* ; u := '-' u | p ; p := atom ('^' u)?
    def parse_arith(self) -> Expr:
        e = self.parse_t()
        while self.peek().text in ("+", "-"):
            op = self.take().text
            e = Expr(op, (e, self.parse_t()))
        return e

    def parse_t(self) -> Expr:
        e = self.parse_u()
        while self.peek().text in ("*", "/"):
            op = self.take().text
            e = Expr(op, (e, self.parse_u()))
        return e

    def parse_u(self) -> Expr:
        if self.peek().text == "-":
            self.take()
            return Expr("neg", (self.parse_u(),))
        if self.peek().text == "+":
            self.take()
            return self.parse_u()
        return self.parse_p()

    def parse_p(self) -> Expr:
        base = self.parse_e_atom()
        if self.peek().text in ("^", "**"):
            self.take()
            return Expr("^", (base, self.parse_u()))
        return base

    def parse_e_atom(self) -> Expr:
        tok = self.take()
        if tok.kind == "num":
            return Expr("num", (float(tok.text),))
        if tok.kind == "name":
            if self.peek().text == "(":
                if tok.text not in MATH_FUNCS:
                    raise self.error(
                        f"unknown function {tok.text!r} in an expression; known: "
                        f"{sorted(MATH_FUNCS)}",
                        tok,
                    )
                self.take("(")
                inner = self.parse_arith()
                self.take(")")
                return Expr("call", (tok.text, inner))
            return Expr("var", (tok.text,))
        if tok.text == "(":
            e = self.parse_arith()
            self.take(")")
            return e
        raise self.error("expected a number, a column or '('", tok)


def _dedupe(terms: list[Term]) -> list[Term]:
    out: list[Term] = []
    for t in terms:
        if t not in out:
            out.append(t)
    return out


@dataclass
class DesignMatrix:
    matrix: np.ndarray
    columns: list[str]
    term_slices: dict[str, slice]
    levels: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class Formula:
    """A parsed formula. ``Formula.parse("y ~ x + C(g)")``; ``design(data)`` builds X."""

    text: str
    response: Expr
    terms: list[Term]
    intercept: bool

    @classmethod
    def parse(cls, text: str) -> Formula:
        if not isinstance(text, str) or not text.strip():
            raise FormulaError("formula must be a non-empty string like 'y ~ x1 + x2'")
        p = _Parser(text)
        if not any(t.text == "~" for t in p.toks):
            raise FormulaError(f"formula needs '~' between the response and the terms: {text!r}")
        response = p.parse_arith()
        if response.op == "var" and p.peek().text == "(":
            raise p.error("unsupported response", p.peek())
        p.take("~")
        terms, icpt = p.parse_sum()
        if p.peek().kind != "end":
            raise p.error("expected '+', '-', ':', '*' or the end of the formula", p.peek())
        terms = sorted(terms, key=lambda t: t.order)  # main effects first, stable otherwise
        intercept = True if icpt is None else icpt
        if not terms and not intercept:
            raise FormulaError(f"formula has no terms: {text!r}")
        return cls(text, response, terms, intercept)

    @property
    def variables(self) -> set[str]:
        out = self.response.variables()
        for t in self.terms:
            for f in t.factors:
                out |= f.expr.variables()
        return out

    @property
    def response_name(self) -> str:
        return self.response.text()

    def __str__(self) -> str:
        rhs = [t.label for t in self.terms]
        if not self.intercept:
            rhs.append("0")
        return f"{self.response.text()} ~ {' + '.join(rhs) if rhs else '1'}"

    # --- evaluation ---
    def response_values(self, env: dict[str, Any], dtype: Any = np.float64) -> np.ndarray:
        return _numeric(self.response, env, "response", dtype)

    def design(
        self,
        env: dict[str, Any],
        *,
        levels: dict[str, list[Any]] | None = None,
        dtype: Any = np.float64,
    ) -> DesignMatrix:
        """Build X. ``levels`` (from a fitted design) fixes categorical coding for new data."""
        n = _n_rows(env)
        cols: list[np.ndarray] = []
        names: list[str] = []
        slices: dict[str, slice] = {}
        found_levels: dict[str, list[Any]] = dict(levels or {})
        if self.intercept:
            cols.append(np.ones(n, dtype=dtype))
            names.append("Intercept")
            slices["Intercept"] = slice(0, 1)
        for term in self.terms:
            parts: list[tuple[list[str], list[np.ndarray]]] = []
            for f in term.factors:
                parts.append(self._factor_columns(f, env, found_levels, dtype))
            start = len(cols)
            # product of the factors' columns
            t_names, t_cols = [""], [np.ones(n, dtype=dtype)]
            for p_names, p_cols in parts:
                t_names = [f"{a}:{b}" if a else b for a in t_names for b in p_names]
                t_cols = [a * b for a in t_cols for b in p_cols]
            cols.extend(t_cols)
            names.extend(t_names)
            slices[term.label] = slice(start, len(cols))
        X = np.column_stack(cols) if cols else np.empty((n, 0), dtype=dtype)  # noqa: N806
        return DesignMatrix(X, names, slices, found_levels)

    def _factor_columns(
        self, f: Factor, env: dict[str, Any], levels: dict[str, list[Any]], dtype: Any
    ) -> tuple[list[str], list[np.ndarray]]:
        kind = f.kind
        if kind == "auto":
            raw = _raw(f.expr.args[0], env)
            kind = "numeric" if _is_numeric(raw) else "categorical"
        if kind == "categorical":
            key = f.label
            if f.expr.op != "var":
                raise FormulaError(f"C() takes a column name, got {f.expr.text()!r}")
            raw = np.asarray(_raw(f.expr.args[0], env), dtype=object)
            if any(v is None or (isinstance(v, float) and np.isnan(v)) for v in raw):
                raise FormulaError(f"column {f.expr.args[0]!r} has missing values")
            if key not in levels:
                lv = _sorted_levels(raw)
                if f.ref is not None:
                    match = [v for v in lv if v == f.ref or str(v) == str(f.ref)]
                    if not match:
                        raise FormulaError(f"ref={f.ref!r} is not a level of {key}: {lv}")
                    lv = [match[0]] + [v for v in lv if v is not match[0]]
                if len(lv) < 2:
                    raise FormulaError(f"{key} has a single level {lv}; it cannot be estimated")
                levels[key] = lv
            lv = levels[key]
            unknown = sorted({str(v) for v in raw} - {str(v) for v in lv})
            if unknown:
                raise FormulaError(f"{key}: levels {unknown} were not in the fitted data")
            svals = np.array([str(v) for v in raw])
            return (
                [f"{key}[T.{v}]" for v in lv[1:]],
                [(svals == str(v)).astype(dtype) for v in lv[1:]],
            )
        x = _numeric(f.expr, env, f.label, dtype)
        if kind == "poly":
            return (
                [f"{f.label}[{k}]" for k in range(1, f.degree + 1)],
                [x**k for k in range(1, f.degree + 1)],
            )
        return [f.label], [x]


def _n_rows(env: dict[str, Any]) -> int:
    for v in env.values():
        return len(v)
    raise FormulaError("data has no columns")


def _raw(name: str, env: dict[str, Any]) -> Any:
    if name not in env:
        raise FormulaError(f"column {name!r} not found; available: {', '.join(map(str, env))}")
    return env[name]


def _is_numeric(raw: Any) -> bool:
    dt = getattr(raw, "dtype", None)
    if dt is not None and getattr(dt, "name", "") == "category":
        return False
    arr = np.asarray(raw)
    return arr.dtype.kind in "iuf"


def _sorted_levels(raw: np.ndarray) -> list[Any]:
    uniq = list(dict.fromkeys(raw.tolist()))
    try:
        return sorted(uniq)
    except TypeError:
        return sorted(uniq, key=str)


def _numeric(e: Expr, env: dict[str, Any], label: str, dtype: Any) -> np.ndarray:
    for v in e.variables():
        raw = _raw(v, env)
        if not _is_numeric(raw) and np.asarray(raw).dtype.kind != "b":
            raise FormulaError(
                f"column {v!r} is not numeric; wrap it in C({v}) to use it as a factor"
            )
    sub = {v: np.asarray(env[v], dtype=np.float64).astype(dtype) for v in e.variables()}
    out = np.broadcast_to(e.evaluate(sub, dtype), (_n_rows(env),)).astype(dtype)
    if not np.all(np.isfinite(out.astype(np.float64))):
        bad = int(np.flatnonzero(~np.isfinite(out.astype(np.float64)))[0])
        raise FormulaError(
            f"{label}: NaN or infinite value at row {bad} (missing data, or log/sqrt "
            "of a non-positive number)"
        )
    return out
