"""Nothing in the DSL reaches files outside the paths it names, runs code, or imports modules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from havoc_tools.dsl import DslError, check, parse, run


@pytest.fixture()
def tree(tmp_path):
    base = tmp_path / "project"
    (base / "sub").mkdir(parents=True)
    (base / "sub" / "ok.csv").write_text("x,y\n1,2\n3,4\n5,7\n")
    (tmp_path / "secret.csv").write_text("x,y\n9,9\n8,8\n")
    return base


@pytest.mark.parametrize(
    "path",
    [
        "../secret.csv",
        "sub/../../secret.csv",
        "/etc/passwd",
        "~/secret.csv",
        "C:/x.csv",
        "\\\\server\\share\\x.csv",
    ],
)
def test_csv_paths_cannot_leave_base_dir(tree, path):
    res = run(f'data d = csv("{path}")\n', base_dir=tree)
    assert not res.ok and res.results == []
    assert res.error["line"] == 1


def test_symlink_escape_is_refused(tree):
    link = tree / "link.csv"
    try:
        os.symlink(tree.parent / "secret.csv", link)
    except OSError:
        pytest.skip("no symlinks here")
    res = run('data d = csv("link.csv")\n', base_dir=tree)
    assert not res.ok and "outside" in res.error["message"]


def test_named_csv_inside_base_dir_loads(tree):
    res = run('data d = csv("sub/ok.csv")\nttest d.x vs d.y\n', base_dir=tree)
    assert res.ok, res.error
    assert res.results[0].result["n_rows"] == 3


def test_caller_may_allow_outside_paths(tree):
    res = run('data d = csv("../secret.csv")\n', base_dir=tree, allow_outside=True)
    assert res.ok


def test_plots_go_only_under_plots_dir(tree, tmp_path):
    prog = "data w = [5.0, 5.2, 4.9, 5.1, 5.3, 5.0, 4.8]\nlet c = chart imr w\n"
    for bad in ("../evil.png", "/tmp/evil.png", "sub/../../evil.png"):
        res = run(prog + f'plot c to "{bad}"\n', plots_dir=tree / "plots")
        assert not res.ok and res.error["line"] == 3
    assert not (tmp_path / "evil.png").exists()
    res = run(prog + 'plot c to "evil.exe"\n', plots_dir=tree / "plots")
    assert not res.ok and "must end in" in res.error["message"]
    res = run(prog + 'plot c to "c.png"\n')  # no plots_dir: nothing is written anywhere
    assert not res.ok and "no plots directory" in res.error["message"]
    assert len(res.results) == 2


@pytest.mark.parametrize(
    "src",
    [
        'data x = __import__("os")\n',
        "derive __import__(os) wrt x\n",
        "simplify eval(x)\n",
        "derive exec(x) wrt x\n",
        'data x = csv("f.csv", columns=[__class__])\n',
        "import os\n",
        "let x = os.system\n",
        "ttest x.__class__.__mro__\n",
        "solve open(x) for x\n",
    ],
)
def test_no_code_execution_or_imports(src, tmp_path):
    marker = tmp_path / "pwned"
    res = run(src.replace("os", "os") + f"# {marker}\n", base_dir=tmp_path)
    assert not res.ok
    assert not marker.exists()


def test_math_text_is_never_evaluated_by_python(monkeypatch):
    import builtins

    def refuse(*a, **k):
        raise AssertionError("eval/exec called")

    prog = "derive x^2 * exp(x) wrt x\nsolve x^2 = 2 for x\n"
    assert run(prog).ok  # warm up: module imports legitimately exec their code
    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    res = run(prog)
    assert res.ok, res.error


def test_dsl_modules_do_not_call_eval_exec_or_sympify():
    src = Path(__import__("havoc_tools.dsl", fromlist=["x"]).__file__).parent
    for f in src.glob("*.py"):
        text = f.read_text()
        for bad in ("eval(", "exec(", "sympify(", "__import__(", "importlib.import_module("):
            assert bad not in text, f"{f.name} uses {bad}"


def test_parsing_and_checking_never_touch_scipy_or_write_files(tmp_path):
    code = (
        "import sys, os\n"
        "from havoc_tools.dsl import check, parse, format_program\n"
        "p = check(parse('data a = [1, 2, 3]\\nttest a mu=1\\nderive x^2 wrt x\\n'))\n"
        "format_program(p)\n"
        "assert 'scipy' not in sys.modules, 'scipy imported'\n"
        "assert 'torch' not in sys.modules\n"
        "assert os.listdir('.') == [], os.listdir('.')\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, check=True)


def test_caller_data_names_are_validated():
    with pytest.raises(DslError):
        check("ttest x\n", data={"not a name": [1, 2]})
    with pytest.raises(DslError):
        check("ttest x\n", data={"in": [1, 2]})
    assert parse("ttest x\n")
