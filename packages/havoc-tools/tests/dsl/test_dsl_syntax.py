"""Parser, pretty-printer and error messages: round trips, fuzzing, the mistake catalogue."""

from __future__ import annotations

import string

import pytest
from havoc_tools.dsl import DslError, Program, check, format_program, parse
from havoc_tools.dsl import ast as A
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# ---------------------------------------------------------------------------------------------
# strategies: random, valid ASTs

idents = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,7}", fullmatch=True).filter(
    lambda s: s not in A.KEYWORDS
)
words = st.one_of(
    idents,
    st.from_regex(r"[a-z][a-z0-9]{0,4}(-[a-z][a-z0-9]{0,4}){1,2}", fullmatch=True),
).filter(lambda s: s not in A.KEYWORDS)
numbers = st.one_of(
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
)
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x7f")
    | st.sampled_from('"\\\n\t'),
    max_size=12,
)
scalars = st.one_of(
    numbers.map(lambda v: A.Number(value=v)),
    texts.map(lambda v: A.String(value=v)),
    st.booleans().map(lambda v: A.Bool(value=v)),
    words.map(lambda v: A.Name(id=v)),
    st.lists(idents, min_size=2, max_size=3).map(lambda p: A.Ref(parts=tuple(p))),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4).map(lambda xs: A.ListValue(items=tuple(xs))),
    max_leaves=8,
)


@st.composite
def options(draw, max_size=3):
    keys = draw(st.lists(idents, max_size=max_size, unique=True))
    return tuple(A.Option(key=k, value=draw(values)) for k in keys)


def _math(leaves):
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.tuples(st.sampled_from("+-*/^"), inner, inner).map(
                lambda t: A.MBin(op=t[0], left=t[1], right=t[2])
            ),
            inner.map(lambda e: A.MNeg(operand=e)),
            st.tuples(idents, st.lists(inner, min_size=1, max_size=3)).map(
                lambda t: A.MCall(func=t[0], args=tuple(t[1]))
            ),
        ),
        max_leaves=8,
    )


math_exprs = _math(
    st.one_of(
        st.integers(0, 10**6).map(lambda v: A.MNum(value=v)),
        st.floats(0, 1e6, allow_nan=False).map(lambda v: A.MNum(value=v)),
        idents.map(lambda v: A.MSym(name=v)),
    )
)
formulas = st.lists(
    st.one_of(idents, idents.map(lambda s: f"I({s} ^ 2)"), idents.map(lambda s: f"C({s})")),
    min_size=1,
    max_size=4,
).map(lambda ts: f"y ~ {' + '.join(ts)}")


@st.composite
def commands(draw):
    kind = draw(
        st.sampled_from(["cmd", "chart", "power", "regress", "analyze", "optimize", "math"])
    )
    opts = draw(options())
    if kind == "cmd":
        x = draw(st.none() | values)
        vs = draw(values) if x is not None and draw(st.booleans()) else None
        return A.Command(
            verb=draw(idents),
            x=x,
            vs=vs,
            by=tuple(draw(st.lists(values, max_size=2))),
            table=draw(st.none() | idents),
            options=opts,
        )
    if kind == "chart":
        return A.ChartStmt(
            kind=draw(idents),
            x=draw(values),
            by=tuple(draw(st.lists(values, max_size=1))),
            table=draw(st.none() | idents),
            options=opts,
        )
    if kind == "power":
        return A.PowerStmt(test=draw(idents), options=opts)
    if kind == "regress":
        return A.RegressStmt(
            verb=draw(st.sampled_from(["regress", "logistic"])),
            formula=draw(formulas),
            table=draw(idents),
            options=opts,
        )
    if kind == "analyze":
        return A.AnalyzeStmt(design=draw(idents), options=opts)
    if kind == "optimize":
        goals = draw(st.lists(idents, min_size=1, max_size=3))
        return A.OptimizeStmt(goals=tuple(goals), options=opts)
    verb = draw(st.sampled_from(["derive", "integrate", "limit", "solve", "simplify", "series"]))
    e = draw(math_exprs)
    var = None if verb == "simplify" else draw(idents)
    extra = {}
    if verb == "integrate" and draw(st.booleans()):
        extra = {"lower": draw(math_exprs), "upper": draw(math_exprs)}
    if verb == "limit" or (verb == "series" and draw(st.booleans())):
        extra = {"point": draw(math_exprs)}
    if verb == "solve" and draw(st.booleans()):
        extra = {"rhs": draw(math_exprs)}
    return A.MathStmt(verb=verb, expr=e, var=var, options=opts, **extra)


@st.composite
def statements(draw):
    kind = draw(
        st.sampled_from(
            [
                "data",
                "csv",
                "table",
                "design",
                "spec",
                "goal",
                "let",
                "plot",
                "cmd",
                "comment",
                "blank",
            ]
        )
    )
    if kind == "data":
        return A.DataStmt(name=draw(idents), source=draw(values))
    if kind == "csv":
        path = draw(texts.filter(bool))
        return A.DataStmt(name=draw(idents), source=A.Csv(path=path, options=draw(options())))
    if kind == "table":
        return A.DataStmt(name=draw(idents), source=A.Table(columns=draw(options(3).filter(bool))))
    if kind == "design":
        return A.DesignStmt(name=draw(idents), kind=draw(idents), options=draw(options()))
    if kind == "spec":
        return A.SpecStmt(name=draw(idents), options=draw(options()))
    if kind == "goal":
        return A.GoalStmt(
            name=draw(idents),
            goal=draw(st.sampled_from(["maximize", "minimize", "target"]) | idents),
            response=draw(idents),
            options=draw(options()),
        )
    if kind == "let":
        return A.Let(name=draw(idents), command=draw(commands()))
    if kind == "plot":
        return A.PlotStmt(
            target=draw(idents), path=draw(texts.filter(bool)), options=draw(options())
        )
    if kind == "comment":
        return A.Comment(
            text=draw(st.text(alphabet=string.printable.strip("\n\r\x0b\x0c"), max_size=20))
        )
    if kind == "blank":
        return A.Blank()
    return draw(commands())


programs = st.lists(statements(), max_size=6).map(lambda s: Program(statements=tuple(s)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs)
def test_pretty_printer_round_trip(prog):
    text = format_program(prog)
    assert parse(text) == prog
    assert format_program(parse(text)) == text  # canonical: printing is idempotent


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_raise_only_dsl_errors(blob):
    try:
        parse(blob)
    except DslError as e:
        assert str(e)  # always renders


DSL_ALPHABET = list("abxy_019.,=[]()\"'#~+-*/^: \n\t") + [
    "ttest ",
    "data ",
    "let ",
    " vs ",
    " by ",
    " in ",
    "csv(",
    "design ",
    "chart ",
    "wrt ",
    "regress ",
    "derive ",
    "->",
    "true",
    "spec ",
    "plot ",
    " to ",
    "goal ",
    "optimize ",
    "predict ",
    "maximize ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(DSL_ALPHABET), max_size=40).map("".join))
def test_random_dsl_like_text_raises_only_dsl_errors(text):
    try:
        prog = parse(text)
    except DslError:
        return
    try:
        check(prog)
    except DslError:
        pass


def test_deep_nesting_is_refused_not_crashing():
    with pytest.raises(DslError, match="nested"):
        parse("data a = " + "[" * 5000 + "]" * 5000)
    with pytest.raises(DslError, match="nested"):
        parse("simplify " + "(" * 3000 + "x" + ")" * 3000)


def test_canonical_form_and_comments_are_kept():
    src = "data a=[1,2 ,\n  3]   # three values\n\n\n#  note  \nttest  a   mu=2 alternative=two-sided\n"
    prog = parse(src)
    assert format_program(prog) == (
        "# three values\ndata a = [1, 2, 3]\n\n# note\nttest a mu=2 alternative=two-sided\n"
    )


def test_long_lists_wrap_and_still_round_trip():
    prog = Program(
        statements=(
            A.DataStmt(
                name="w",
                source=A.ListValue(items=tuple(A.Number(value=500 + i / 100) for i in range(60))),
            ),
        )
    )
    text = format_program(prog)
    assert max(len(line) for line in text.splitlines()) <= 100
    assert text.count("\n") > 3
    assert parse(text) == prog


def test_math_precedence_printing():
    prog = parse("simplify (a - (b - c)) ^ 2 ^ 3 / -(x + 1)\n")
    assert format_program(prog) == "simplify (a - (b - c))^2^3 / -(x + 1)\n"
    e = prog.statements[0].expr
    assert e.op == "/" and e.left.op == "^" and e.left.right.op == "^"


def test_ast_constructors_validate():
    with pytest.raises(DslError):
        A.Name(id="in")
    with pytest.raises(DslError):
        A.Number(value=float("nan"))
    with pytest.raises(DslError):
        A.MathStmt(verb="limit", expr=A.MSym(name="x"), var="x")
    with pytest.raises(DslError):
        A.Command(verb="ttest", vs=A.Name(id="b"))


# ---------------------------------------------------------------------------------------------
# the catalogue of mistakes: message, line, column and caret

CATALOGUE = [
    # (source, line, column, caret length, message fragment, fix fragment)
    # a reserved word where a name or number belongs is reported at the word, not one token later
    ("derive x^ wrt x\n", 1, 11, 3, "unexpected reserved word 'wrt'", "a name"),
    ("data a = [1]\nttest a vs in a\n", 2, 12, 2, "unexpected reserved word 'in'", "a name"),
    ("solve x + for x\n", 1, 11, 3, "unexpected reserved word 'for'", "a number"),
    ("data a = [1, to]\n", 1, 14, 2, "unexpected reserved word 'to'", "]"),
    ("derive regress wrt x\n", 1, 8, 7, "unexpected reserved word 'regress'", "a name"),
    ("data a = [1, 2\n", 1, 10, 1, "never closed", "]"),
    ("ttest x vs\n", 1, 11, 1, "ends too early", "a name"),
    ("data a = [1]\nregres y ~ x in a\n", 2, 10, 3, "unexpected", "did you mean 'regress'"),
    ("x = 3\n", 1, 1, 1, "cannot start with 'x ='", "data x = "),
    ("data a = [1]\nttest a alpha=0.05 alpha=0.1\n", 2, 20, 5, "given twice", "keep one"),
    ('data s = "abc\n', 1, 10, 1, "never closed", "end the string"),
    ("data s = 'abc'\n", 1, 10, 1, "double quotes", "replace"),
    ("data a = [1]\nttest a b\n", 2, 9, 1, "unexpected 'b'", "key=value"),
    ("data a = [1]\nregress y ~ x a\n", 2, 9, 1, "formula followed by 'in TABLE'", "regress y ~"),
    ('data a = csv("f.csv" columns=[a])\n', 1, 22, 7, "unexpected option", ")"),
    ("data a = [1, 2, 3]\ntest a\n", 2, 1, 4, "unknown statement 'test'", "ttest"),
    ("data a = [1, 2, 3]\nttest b\n", 2, 7, 1, "unknown name 'b'", "define it first"),
    ("data fill = [1, 2, 3]\nttest fil\n", 2, 7, 3, "unknown name 'fil'", "did you mean 'fill'"),
    ("data a = [1, 2, 3]\nttest a alpah=0.1\n", 2, 9, 5, "has no option 'alpah'", "'alpha'"),
    (
        "data a = [1, 2, 3]\nttest a alpha=5\n",
        2,
        15,
        1,
        "alpha must be a number between 0 and 1",
        None,
    ),
    (
        "data a = [1, 2, 3]\nttest a alternative=both\n",
        2,
        21,
        4,
        "alternative must be one of",
        None,
    ),
    (
        "data t = table(y=[1, 2], g=[1, 2])\nanova y by h in t\n",
        2,
        12,
        1,
        "column 'h' is not in t",
        "t has: y, g",
    ),
    (
        "data t = table(y=[1, 2], g=[1, 2])\nanova y in t\n",
        2,
        1,
        5,
        "needs 'by <group column>'",
        None,
    ),
    ("data t = table(y=[1, 2, 3], g=[1, 2])\n", 1, 10, 28, "different lengths", "equal"),
    ("data a = [1, 2]\ndata a = [3]\n", 2, 1, 6, "already defined on line 1", "new name"),
    (
        'design d = fractional(factors=[A, B, C], generators=["D = ABC"])\n',
        1,
        54,
        9,
        "uses D, which are not factors",
        None,
    ),
    (
        "design d = full(factors=[A, B, C], low=[1, 2], high=[3, 4, 5])\n",
        1,
        40,
        6,
        "low has 2 values but there are 3 factors",
        "one low value per factor",
    ),
    ("design d = fractional(factors=[A, A])\n", 1, 31, 6, "factor names repeat", None),
    (
        "design d = fractionl(factors=3)\n",
        1,
        12,
        9,
        "unknown design kind 'fractionl'",
        "'fractional'",
    ),
    ("power ttest effect=0.5\n", 1, 1, 22, "leave out exactly one of effect, n, power", None),
    ("power tttest effect=0.5 power=0.8\n", 1, 7, 6, "unknown power kind 'tttest'", "'ttest'"),
    ("spec s lsl=10 target=5 usl=12\n", 1, 1, 29, "lsl < target < usl", None),
    ('data a = csv("../secret.csv")\n', 1, 10, 20, "leaves the program's folder", None),
    ('data a = csv("/etc/passwd")\n', 1, 10, 18, "is absolute", None),
    ("data a = [1, 2, 3]\ntost a low=-1\n", 2, 1, 4, "tost needs high=", "add high="),
    ("data a = [1, 2]\nshapiro a vs a\n", 2, 14, 1, "does not compare two samples", "remove"),
    (
        "data t = table(y=[1, 2], g=[1, 2])\nttest t\n",
        2,
        7,
        1,
        "'t' is a table; name one of its columns",
        "t.<column>",
    ),
]


@pytest.mark.parametrize("src,line,col,length,msg,fix", CATALOGUE)
def test_error_catalogue(src, line, col, length, msg, fix, tmp_path):
    with pytest.raises(DslError) as info:
        check(src, base_dir=tmp_path)
    err = info.value
    assert msg in err.message, str(err)
    assert (err.line, err.column) == (line, col), str(err)
    if fix is not None:
        assert fix in (err.fix or ""), str(err)
    src_line = src.splitlines()[line - 1]
    assert err.source_line == src_line
    assert err.caret == " " * (col - 1) + "^" * length, str(err)
    rendered = str(err).splitlines()
    assert rendered[1].endswith(src_line) and rendered[2].endswith(err.caret)


def test_reserved_words_still_work_as_fields():
    prog = parse("data t = table(to=[1, 2, 3])\ndata v = t.to\n")
    assert prog.code[1].source == A.Ref(parts=("t", "to"))


def test_catalogue_is_big_enough():
    assert len(CATALOGUE) >= 20


def test_check_reports_every_problem_not_just_the_first():
    with pytest.raises(DslError) as info:
        check("data a = [1, 2, 3]\nttest b\nshapiro c\n")
    assert [e.line for e in [info.value, *info.value.others]] == [2, 3]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prog=programs)
def test_random_programs_check_and_run_without_crashing(prog, tmp_path_factory):
    from havoc_tools.dsl import ProgramResult, run

    try:
        check(prog, base_dir=tmp_path_factory.getbasetemp())
    except DslError:
        pass
    res = run(prog, base_dir=tmp_path_factory.getbasetemp())
    assert isinstance(res, ProgramResult)
    if not res.ok:
        assert res.error["message"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    verb=st.sampled_from(
        [
            "ttest",
            "tost",
            "shapiro",
            "anova",
            "chisq",
            "proportion",
            "capability",
            "nelson",
            "mannwhitney",
            "wilcoxon",
            "fisher",
            "kruskal",
        ]
    ),
    vs=st.booleans(),
    by=st.booleans(),
    opts=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "alpha",
                    "mu",
                    "low",
                    "high",
                    "x",
                    "n",
                    "p0",
                    "lsl",
                    "usl",
                    "target",
                    "rules",
                    "paired",
                    "expected",
                    "size",
                    "center",
                ]
            ),
            st.sampled_from(
                [
                    "0",
                    "1",
                    "-3",
                    "0.5",
                    "1e300",
                    "true",
                    "[1, 2]",
                    "[]",
                    "[0, 9]",
                    "two-sided",
                    '"x"',
                    "a",
                ]
            ),
        ),
        max_size=3,
        unique_by=lambda t: t[0],
    ),
)
def test_known_statements_with_odd_options_never_crash(verb, vs, by, opts):
    from havoc_tools.dsl import ProgramResult, run

    line = verb + " y" + (" vs z" if vs else "") + (" by g" if by else "") + " in t"
    line += "".join(f" {k}={v}" for k, v in opts)
    src = (
        "data t = table(y=[1.5, 2.5, 2.0, 3.5, 4.0, 3.0], z=[1, 2, 2, 3, 5, 4], "
        'g=["a", "a", "b", "b", "c", "c"])\n' + line + "\n"
    )
    res = run(src)
    assert isinstance(res, ProgramResult)
    if not res.ok:
        assert res.error["message"] and res.error["line"] in (1, 2)
