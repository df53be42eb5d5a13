"""Every ```havoc example in DSL.md runs, and together they cover every statement."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from havoc_tools.dsl import ast as A
from havoc_tools.dsl import format_program, parse, run
from havoc_tools.dsl.bindings import statement_key
from havoc_tools.dsl.signatures import SIGNATURES

DOC = Path(__file__).resolve().parents[2] / "DSL.md"
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = re.findall(r"```havoc\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def _title(src: str) -> str:
    return src.strip().splitlines()[-1][:40]


def test_there_are_examples():
    assert len(EXAMPLES) >= 20


@pytest.mark.parametrize("src", EXAMPLES, ids=[_title(s) for s in EXAMPLES])
def test_example_runs(src, tmp_path):
    res = run(src, base_dir=DATA, plots_dir=tmp_path)
    assert res.ok, res.error and res.error["text"]
    assert len(res.results) == len(parse(src).code)
    for p in res.plots:
        assert Path(p).stat().st_size > 0


def test_examples_cover_every_statement():
    seen = set()
    for src in EXAMPLES:
        for s in parse(src).code:
            s = s.command if isinstance(s, A.Let) else s
            if isinstance(s, A.DesignStmt):
                seen.add(f"design {s.kind}")
            elif isinstance(s, A.PlotStmt):
                seen.add("plot")
            elif isinstance(s, A.GoalStmt):
                seen.add(f"goal {s.goal}")
            elif not isinstance(s, A.DataStmt | A.SpecStmt):
                seen.add(statement_key(s))
    assert set(SIGNATURES) <= seen, sorted(set(SIGNATURES) - seen)


def test_python_example_in_docs():
    from havoc_tools.dsl.ast import Command, Let, Name, Number, Option, Program

    prog = Program(
        statements=(
            Let(
                name="t",
                command=Command(
                    verb="ttest",
                    x=Name(id="w"),
                    options=(Option(key="mu", value=Number(value=500)),),
                ),
            ),
        )
    )
    assert format_program(prog) == "let t = ttest w mu=500\n"
    assert run(prog, data={"w": [499.8, 500.3, 500.1, 499.6]}).ok
