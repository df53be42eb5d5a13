"""Every `havoc ...` example in apps/cli/README.md runs and exits 0 (in README order, so the
tokenizer and checkpoint made by one example feed the next), from a copy of examples/."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from havoc_cli.main import app
from typer.testing import CliRunner

APP = Path(__file__).resolve().parents[1]
ROOT = APP.parents[1]
README = (APP / "README.md").read_text(encoding="utf-8")
SKIP_MARK = "(not run by the tests)"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def _documented() -> list[str]:
    lines = [ln.strip() for block in _blocks("bash") for ln in block.splitlines()]
    return [ln for ln in lines if ln.startswith("havoc ")]


def _argv(line: str) -> list[str]:
    words = shlex.split(line, comments=True)[1:]
    # paths into the repository are written relative to apps/cli/examples/
    return [str(ROOT / w[len("../../") :]) if w.startswith("../../") else w for w in words]


DOCUMENTED = _documented()
EXAMPLES = [ln for ln in DOCUMENTED if SKIP_MARK not in ln]


def test_readme_has_an_example_for_every_command():
    from typer.main import get_command

    cli = get_command(app)
    documented = {tuple(_argv(ex)[:2]) for ex in DOCUMENTED} | {
        (_argv(ex)[0],) for ex in DOCUMENTED
    }
    missing = []
    for name, cmd in cli.commands.items():  # type: ignore[attr-defined]
        for sub in getattr(cmd, "commands", None) or [None]:
            key = (name, sub) if sub else (name,)
            if key not in documented:
                missing.append(" ".join(key))
    assert missing == [], f"commands without a README example: {missing}"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    d = tmp_path_factory.mktemp("readme")
    shutil.copy(APP / "examples" / "fill.csv", d / "fill.csv")
    (d / "study.havoc").write_text(_blocks("havoc")[0], encoding="utf-8")
    return d


@pytest.mark.parametrize("line", EXAMPLES)
def test_readme_example_runs(line, workdir, monkeypatch):
    monkeypatch.chdir(workdir)
    res = CliRunner().invoke(app, _argv(line))
    assert res.exit_code == 0, f"{line}\n{res.output}"
    argv = _argv(line)
    for flag, path in zip(argv, argv[1:], strict=False):
        if flag in ("--plot", "--csv"):
            assert (workdir / path).stat().st_size > 0, f"{line}: {path} not written"
