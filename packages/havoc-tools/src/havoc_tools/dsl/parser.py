"""Text → AST. Lark (LALR, contextual lexer) does the parsing; this module turns its tree into
:mod:`havoc_tools.dsl.ast` nodes and its exceptions into :class:`DslError` with a caret and a fix.
"""

from __future__ import annotations

import difflib
import functools
import re
from importlib import resources
from typing import Any

from havoc_tools.dsl import ast as A
from havoc_tools.dsl.errors import DslError

MAX_NESTING = (
    64  # brackets deeper than this are refused (keeps every later pass non-recursive-safe)
)

# Statement words that start a line, for "did you mean" on a misspelt first word.
STATEMENT_KEYWORDS = (
    "data design spec goal let plot chart power regress logistic analyze optimize derive "
    "integrate limit solve simplify series"
).split()

_TERMINAL_WORDS = {
    "NAME": "a name",
    "KEY": "an option such as alpha=0.05",
    "WORD": "a word",
    "UNUMBER": "a number",
    "STRING": 'a quoted string such as "file.csv"',
    "FORMULA": "a formula such as y ~ x",
    "COMMENT": "a comment",
    "_EOL": "the end of the line",
    "$END": "the end of the program",
    "POW": "^",
    "REGRESS_VERB": "regress",
    "LSQB": "a list [...]",
    "RSQB": "]",
    "LPAR": "(",
    "RPAR": ")",
    "COMMA": ",",
    "EQUAL": "=",
    "DOT": ".",
    "PLUS": "+",
    "MINUS": "-",
    "STAR": "*",
    "SLASH": "/",
}


@functools.lru_cache(maxsize=1)
def _parser() -> Any:
    from lark import Lark

    grammar = resources.files("havoc_tools.dsl").joinpath("grammar.lark").read_text("utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        postlex=_BracketNewlines(),
        propagate_positions=True,
        maybe_placeholders=True,
    )


@functools.lru_cache(maxsize=1)
def _keyword_terminals() -> dict[str, str]:
    """Reserved word -> the grammar's terminal for it (``wrt`` -> ``WRT``)."""
    out = {
        t.pattern.value: t.name
        for t in _parser().terminals
        if t.pattern.type == "str" and t.pattern.value in A.KEYWORDS
    }
    for verb in ("regress", "logistic"):
        out[verb] = "REGRESS_VERB"
    return out


class _BracketNewlines:
    """Drop line ends and comments inside (...) and [...], so lists may wrap over lines."""

    always_accept = ("_EOL", "COMMENT")

    def process(self, stream: Any) -> Any:
        opened: list[Any] = []
        keywords = _keyword_terminals()
        prev = None
        for tok in stream:
            if tok.type == "NAME" and tok.value in keywords and prev != "DOT":
                # The contextual lexer reads a reserved word as a NAME wherever the word itself
                # cannot stand (``derive x^ wrt x``); giving it back its keyword type makes the
                # parser stop at the word, not one token later. Only ``a.to`` allows it.
                tok = tok.new_borrow_pos(keywords[tok.value], tok.value, tok)
            prev = tok.type
            if tok.type in ("LPAR", "LSQB"):
                opened.append(tok)
                if len(opened) > MAX_NESTING:
                    raise DslError(
                        f"brackets nested more than {MAX_NESTING} deep",
                        line=tok.line,
                        column=tok.column,
                        fix="flatten the expression or list",
                    )
            elif tok.type in ("RPAR", "RSQB") and opened:
                opened.pop()
            if opened and tok.type in ("_EOL", "COMMENT"):
                continue
            yield tok
        if opened:
            tok = opened[-1]
            closer = ")" if tok.type == "LPAR" else "]"
            raise DslError(
                f"'{tok.value}' is never closed",
                line=tok.line,
                column=tok.column,
                fix=f"add the matching '{closer}'",
            )


# ---------------------------------------------------------------------------------------------
# public entry point


def parse(source: str) -> A.Program:
    """Parse DSL text into a :class:`~havoc_tools.dsl.ast.Program` (raises :class:`DslError`)."""
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DslError(
                f"the program is not valid UTF-8 (byte {exc.start})", fix="save it as UTF-8"
            ) from None
    if not isinstance(source, str):
        raise DslError(f"parse() needs the program text as a str, got {type(source).__name__}")
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    bad = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise DslError(
            f"control character {bad.group()!r} in the program",
            line=line,
            column=col,
            fix="remove it (only tabs and newlines are allowed)",
        ).with_source(text)
    if not text.endswith("\n"):
        text += "\n"
    try:
        tree = _lark_parse(text)
        return _Builder(text).program(tree)
    except DslError as err:
        raise err.with_source(text) from None
    except RecursionError:
        raise DslError("the program is nested too deeply to read").with_source(text) from None


def _lark_parse(text: str) -> Any:
    from lark.exceptions import (
        UnexpectedCharacters,
        UnexpectedEOF,
        UnexpectedInput,
        UnexpectedToken,
    )

    try:
        return _parser().parse(text)
    except UnexpectedCharacters as exc:
        raise _char_error(exc, text) from None
    except UnexpectedToken as exc:
        raise _token_error(exc, text) from None
    except UnexpectedEOF as exc:  # pragma: no cover - the post-lexer reports unclosed brackets
        raise DslError("the program ends in the middle of a statement", line=exc.line) from None
    except UnexpectedInput as exc:  # pragma: no cover - any other lark input error
        raise DslError(str(exc).splitlines()[0], line=getattr(exc, "line", None)) from None
    except DslError:
        raise
    except Exception as exc:  # lark wraps post-lexer errors (e.g. our DslError) in VisitError/...
        inner = getattr(exc, "orig_exc", None) or exc.__context__
        if isinstance(inner, DslError):
            raise inner from None
        raise


def _line_of(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line - 1] if 1 <= line <= len(lines) else ""


def _first_word(src_line: str) -> str:
    m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)", src_line)
    return m.group(1) if m else ""


def _misspelt_keyword(src_line: str) -> str | None:
    from havoc_tools.dsl.signatures import statement_words

    word = _first_word(src_line)
    if not word or word in STATEMENT_KEYWORDS:
        return None
    close = difflib.get_close_matches(word, STATEMENT_KEYWORDS, n=1, cutoff=0.75)
    if close and close[0] not in statement_words():
        return close[0]
    return None


def _describe(expected: set[str]) -> str:
    words = []
    for name in sorted(expected):
        if name.startswith("__ANON") or name in ("_EOL", "COMMENT", "$END"):
            continue
        words.append(_TERMINAL_WORDS.get(name, f"'{name.lower()}'"))
    words = sorted(set(words))
    if not words:
        return "something else"
    return ", ".join(words[:-1]) + (" or " if len(words) > 1 else "") + words[-1]


def _char_error(exc: Any, text: str) -> DslError:
    line, col = exc.line, exc.column
    src = _line_of(text, line)
    ch = src[col - 1] if 0 < col <= len(src) else ""
    allowed = set(exc.allowed or ())
    fix = None
    if ch == '"':
        msg = "this string is never closed"
        fix = 'end the string with a " on the same line'
    elif "FORMULA" in allowed:
        msg = "a regression needs a formula followed by 'in TABLE'"
        fix = "write it like: regress y ~ x1 + x2 in mydata"
    elif ch == "=" and "KEY" not in allowed:
        msg = "unexpected '='"
        fix = "options are written key=value with the key right before '=' (no other words)"
    elif ch == "'":
        msg = "strings use double quotes"
        fix = "replace ' with \""
    else:
        msg = f"unexpected character {ch!r}" if ch else "unexpected end of the line"
        fix = f"expected {_describe(allowed)}"
    guess = _misspelt_keyword(src)
    if guess:
        fix = f"did you mean '{guess}'? (line starts with '{_first_word(src)}')"
    return DslError(msg, line=line, column=col, source_line=src, fix=fix)


def _token_error(exc: Any, text: str) -> DslError:
    tok = exc.token
    expected = set(exc.expected or ())
    try:  # LALR merges look-aheads; ask the parser what it really accepts here
        expected = set(exc.interactive_parser.accepts()) or expected
    except Exception:  # noqa: BLE001 - best effort, the merged set is still correct
        pass
    if tok.type == "$END":
        line = text.count("\n")
        src = _line_of(text, line)
        return DslError(
            "the program ends in the middle of a statement",
            line=line,
            column=len(src) + 1,
            source_line=src,
            fix=f"expected {_describe(expected)}",
        )
    line, col = tok.line, tok.column
    src = _line_of(text, line)
    length = max(1, len(str(tok.value))) if tok.type != "_EOL" else 1
    guess = _misspelt_keyword(src)
    before = src[: col - 1].strip()
    if "FORMULA" in expected:
        msg = "a regression needs a formula followed by 'in TABLE'"
        fix = "write it like: regress y ~ x1 + x2 in mydata"
    elif tok.type == "_EOL":
        msg = "the statement ends too early"
        fix = f"expected {_describe(expected)}"
    elif str(tok.value) == "=" and re.fullmatch(r"[A-Za-z_]\w*", before):
        msg = f"a line cannot start with '{before} ='"
        fix = f"write 'data {before} = ...' for data or 'let {before} = ...' for a result"
        col = len(src) - len(src.lstrip()) + 1
        length = len(before)
    else:
        shown = str(tok.value)
        msg = f"unexpected {shown!r}"
        fix = f"expected {_describe(expected)}"
        if tok.type == "KEY" and "KEY" not in expected:
            msg = f"unexpected option '{shown}=' here"
        elif shown in A.KEYWORDS and tok.type != "NAME":
            msg = f"unexpected reserved word {shown!r}"
        if "KEY" in expected and tok.type in ("NAME", "UNUMBER", "STRING", "WORD"):
            fix += " — options are written key=value"
    if guess:
        fix = f"did you mean '{guess}'? (line starts with '{_first_word(src)}')"
    return DslError(msg, line=line, column=col, length=length, source_line=src, fix=fix)


# ---------------------------------------------------------------------------------------------
# lark tree → AST


def _loc_of(item: Any) -> A.Loc | None:
    meta = getattr(item, "meta", None)
    if meta is not None and not getattr(meta, "empty", True):
        return A.Loc(meta.line, meta.column, meta.end_line, meta.end_column)
    if hasattr(item, "line") and item.line is not None:
        return A.Loc(item.line, item.column, item.end_line, item.end_column)
    return None


_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t"}


def unescape_string(tok: Any) -> str:
    raw = str(tok)[1:-1]
    out: list[str] = []
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\":
            nxt = raw[i + 1]  # the STRING regex guarantees a character follows
            if nxt not in _ESCAPES:
                raise DslError(
                    f"unknown escape '\\{nxt}' in a string",
                    line=tok.line,
                    column=tok.column + 1 + i,
                    length=2,
                    fix='use \\" \\\\ \\n or \\t, or a / in paths',
                )
            out.append(_ESCAPES[nxt])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


#: digits of a whole-number literal; below Python's 4300-digit int/str conversion limit, so a
#: program always prints back (symbolic work has its own, larger, limits on computed numbers)
MAX_LITERAL_DIGITS = 4000


def number_from_text(text: str, token: Any = None) -> int | float:
    if re.fullmatch(r"\d+", text):
        if len(text.lstrip("0")) > MAX_LITERAL_DIGITS:
            raise DslError(
                f"this number has {len(text.lstrip('0'))} digits; numbers in a program have at "
                f"most {MAX_LITERAL_DIGITS} digits",
                line=getattr(token, "line", None),
                column=getattr(token, "column", None),
                length=min(len(text), 40),
                fix="write it as a power, e.g. 10^5000",
            )
        return int(text)
    return float(text)


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text

    def _fail(self, item: Any, err: DslError) -> DslError:
        loc = _loc_of(item)
        if loc is not None and err.line is None:
            err.line, err.column = loc.line, loc.column
            if loc.end_line == loc.line and loc.end_column:
                err.length = max(1, loc.end_column - loc.column)
        return err

    def program(self, tree: Any) -> A.Program:
        stmts: list[A.Statement] = []
        for line in tree.children:
            kind = line.data
            if kind == "blank_line":
                stmts.append(A.Blank(loc=_loc_of(line)))
            elif kind == "comment_line":
                stmts.append(self.comment(line.children[0]))
            else:
                stmt_tree = line.children[0]
                comment = line.children[1] if len(line.children) > 1 else None
                if comment is not None:  # a trailing comment moves above its statement
                    stmts.append(self.comment(comment))
                try:
                    stmts.append(self.statement(stmt_tree))
                except DslError as err:
                    raise self._fail(stmt_tree, err) from None
        return A.Program(statements=tuple(stmts))

    def comment(self, tok: Any) -> A.Comment:
        return A.Comment(text=str(tok)[1:].strip(), loc=_loc_of(tok))

    # -- statements ----------------------------------------------------------------------------
    def statement(self, t: Any) -> A.Statement:
        method = getattr(self, "s_" + t.data)
        return method(t, *t.children)

    def s_let_stmt(self, t: Any, name: Any, cmd: Any) -> A.Let:
        return A.Let(name=str(name), command=self.statement(cmd), loc=_loc_of(t))

    def s_data_stmt(self, t: Any, name: Any, src: Any) -> A.DataStmt:
        data = getattr(src, "data", None)
        if data == "csv_src":
            path = A.String(value=unescape_string(src.children[0]))
            source: A.DataSource = A.Csv(
                path=path.value, options=self.options(src.children[1:]), loc=_loc_of(src)
            )
        elif data == "table_src":
            source = A.Table(columns=self.options(src.children), loc=_loc_of(src))
        else:
            source = self.value(src)
        return A.DataStmt(name=str(name), source=source, loc=_loc_of(t))

    def s_design_stmt(self, t: Any, name: Any, kind: Any, *kwargs: Any) -> A.DesignStmt:
        opts = self.options([k for k in kwargs if k is not None])
        return A.DesignStmt(name=str(name), kind=str(kind), options=opts, loc=_loc_of(t))

    def s_spec_stmt(self, t: Any, name: Any, *opts: Any) -> A.SpecStmt:
        return A.SpecStmt(name=str(name), options=self.options(opts), loc=_loc_of(t))

    def s_goal_stmt(self, t: Any, name: Any, goal: Any, response: Any, *opts: Any) -> A.GoalStmt:
        return A.GoalStmt(
            name=str(name),
            goal=str(goal),
            response=str(response),
            options=self.options(opts),
            loc=_loc_of(t),
        )

    def s_optimize(self, t: Any, *items: Any) -> A.OptimizeStmt:
        names = tuple(str(i) for i in items if getattr(i, "type", None) == "NAME")
        opts = [i for i in items if getattr(i, "data", None) == "option"]
        return A.OptimizeStmt(goals=names, options=self.options(opts), loc=_loc_of(t))

    def s_generic(self, t: Any, verb: Any, xs: Any, vs: Any, by: Any, table: Any, *opts: Any):
        values = [self.value(c) for c in xs.children] if xs is not None else []
        return A.Command(
            verb=str(verb),
            x=values[0] if values else None,
            more_x=tuple(values[1:]),
            vs=self.value(vs) if vs is not None else None,
            by=self.by(by),
            table=str(table.children[0]) if table is not None else None,
            options=self.options(opts),
            loc=_loc_of(t),
        )

    def s_chart(self, t: Any, kind: Any, x: Any, by: Any, table: Any, *opts: Any) -> A.ChartStmt:
        return A.ChartStmt(
            kind=str(kind),
            x=self.value(x),
            by=self.by(by),
            table=str(table.children[0]) if table is not None else None,
            options=self.options(opts),
            loc=_loc_of(t),
        )

    def s_power(self, t: Any, test: Any, *opts: Any) -> A.PowerStmt:
        return A.PowerStmt(test=str(test), options=self.options(opts), loc=_loc_of(t))

    def s_regress(self, t: Any, verb: Any, formula: Any, table: Any, *opts: Any) -> A.RegressStmt:
        return A.RegressStmt(
            verb=str(verb),
            formula=A.normalise_formula(str(formula)),
            table=str(table.children[0]),
            options=self.options(opts),
            loc=_loc_of(t),
        )

    def s_analyze(self, t: Any, design: Any, *opts: Any) -> A.AnalyzeStmt:
        return A.AnalyzeStmt(design=str(design), options=self.options(opts), loc=_loc_of(t))

    def s_plot_stmt(self, t: Any, target: Any, path: Any, *opts: Any) -> A.PlotStmt:
        return A.PlotStmt(
            target=str(target),
            path=unescape_string(path),
            options=self.options(opts),
            loc=_loc_of(t),
        )

    def s_derive(self, t: Any, expr: Any, var: Any, *opts: Any) -> A.MathStmt:
        return self._math(t, "derive", expr, var, opts)

    def s_integrate(self, t: Any, expr: Any, var: Any, lo: Any, hi: Any, *opts: Any):
        return self._math(t, "integrate", expr, var, opts, lower=lo, upper=hi)

    def s_limit(self, t: Any, expr: Any, var: Any, point: Any, *opts: Any) -> A.MathStmt:
        return self._math(t, "limit", expr, var, opts, point=point)

    def s_solve(self, t: Any, expr: Any, rhs: Any, var: Any, *opts: Any) -> A.MathStmt:
        return self._math(t, "solve", expr, var, opts, rhs=rhs)

    def s_simplify(self, t: Any, expr: Any, *opts: Any) -> A.MathStmt:
        return self._math(t, "simplify", expr, None, opts)

    def s_series(self, t: Any, expr: Any, var: Any, point: Any, *opts: Any) -> A.MathStmt:
        return self._math(t, "series", expr, var, opts, point=point)

    def _math(self, t: Any, verb: str, expr: Any, var: Any, opts: Any, **more: Any):
        extra = {k: self.math(v) for k, v in more.items() if v is not None}
        return A.MathStmt(
            verb=verb,
            expr=self.math(expr),
            var=str(var) if var is not None else None,
            options=self.options(opts),
            loc=_loc_of(t),
            **extra,
        )

    # -- pieces --------------------------------------------------------------------------------
    def by(self, t: Any) -> tuple[A.Value, ...]:
        return tuple(self.value(c) for c in t.children) if t is not None else ()

    def options(self, items: Any) -> tuple[A.Option, ...]:
        out = []
        seen: dict[str, Any] = {}
        for o in items:
            key_tok, val = o.children
            key = str(key_tok)
            if key in seen:
                raise DslError(
                    f"option '{key}' is given twice",
                    line=key_tok.line,
                    column=key_tok.column,
                    length=len(key),
                    fix=f"keep one {key}=...",
                )
            seen[key] = True
            try:
                out.append(A.Option(key=key, value=self.value(val), loc=_loc_of(o)))
            except DslError as err:
                raise self._fail(key_tok, err) from None
        return tuple(out)

    def value(self, t: Any) -> A.Value:
        try:
            return self._value(t)
        except DslError as err:
            raise self._fail(t, err) from None

    def _value(self, t: Any) -> A.Value:
        kind = t.data
        loc = _loc_of(t)
        if kind == "number":
            return A.Number(value=number_from_text(str(t.children[0]), t.children[0]), loc=loc)
        if kind == "negnumber":
            return A.Number(value=-number_from_text(str(t.children[0]), t.children[0]), loc=loc)
        if kind == "string":
            return A.String(value=unescape_string(t.children[0]), loc=loc)
        if kind == "true":
            return A.Bool(value=True, loc=loc)
        if kind == "false":
            return A.Bool(value=False, loc=loc)
        if kind == "word":
            return A.Name(id=str(t.children[0]), loc=loc)
        if kind == "list":
            items = tuple(self.value(c) for c in t.children if c is not None)
            return A.ListValue(items=items, loc=loc)
        if kind == "ref":
            parts = tuple(str(c) for c in t.children)
            if len(parts) == 1:
                return A.Name(id=parts[0], loc=loc)
            return A.Ref(parts=parts, loc=loc)
        raise DslError(f"unexpected value {kind}")  # pragma: no cover - grammar covers all

    def math(self, t: Any) -> A.MathExpr:
        try:
            return self._math_node(t)
        except DslError as err:
            raise self._fail(t, err) from None

    def _math_node(self, t: Any) -> A.MathExpr:
        kind = t.data
        loc = _loc_of(t)
        ops = {"madd": "+", "msub": "-", "mmul": "*", "mdiv": "/"}
        if kind in ops:
            return A.MBin(
                op=ops[kind], left=self.math(t.children[0]), right=self.math(t.children[1]), loc=loc
            )
        if kind == "mpow":
            return A.MBin(
                op="^", left=self.math(t.children[0]), right=self.math(t.children[2]), loc=loc
            )
        if kind == "mneg":
            return A.MNeg(operand=self.math(t.children[0]), loc=loc)
        if kind == "mnum":
            return A.MNum(value=number_from_text(str(t.children[0]), t.children[0]), loc=loc)
        if kind == "msym":
            return A.MSym(name=str(t.children[0].children[0]), loc=loc)
        if kind == "mcall":
            func = str(t.children[0].children[0])
            args = tuple(self.math(c) for c in t.children[1:])
            return A.MCall(func=func, args=args, loc=loc)
        raise DslError(f"unexpected math node {kind}")  # pragma: no cover
