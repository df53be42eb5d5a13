"""`havoc data build|info` through typer's CliRunner."""

from __future__ import annotations

import ast
import json
import sysconfig
from pathlib import Path

from havoc_cli.main import app
from typer.testing import CliRunner

runner = CliRunner()


def test_build_and_info(tmp_path: Path) -> None:
    from havoc_tokenizer import train_tokenizer

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("statistics", "fractions", "heapq", "bisect"):
        tree = ast.parse((Path(sysconfig.get_paths()["stdlib"]) / f"{name}.py").read_text())
        docs = [
            ast.get_docstring(n)
            for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.Module))
        ]
        (corpus / f"{name}.md").write_text("\n\n".join(d for d in docs if d))
    train_tokenizer([corpus], 600, tmp_path / "tok", show_progress=False)
    cfg = tmp_path / "mix.yaml"
    cfg.write_text(
        "val_fraction: 0.25\nworkers: 1\nsources:\n  - {name: docs, type: text, paths: [corpus]}\n"
    )
    out = tmp_path / "data"
    result = runner.invoke(
        app,
        [
            "data",
            "build",
            "--config",
            str(cfg),
            "--out",
            str(out),
            "--tokenizer",
            str(tmp_path / "tok"),
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "docs: 4/4 documents kept" in result.output
    index = json.loads((out / "index.json").read_text())
    assert index["splits"]["train"]["documents"] + index["splits"]["val"]["documents"] == 4
    result = runner.invoke(app, ["data", "info", str(out)])
    assert result.exit_code == 0 and "train:" in result.output


def test_build_errors(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["data", "build", "--config", str(tmp_path / "none.yaml"), "--out", str(tmp_path / "o")],
    )
    assert result.exit_code == 2 and "mixture config not found" in result.output
    cfg = tmp_path / "m.yaml"
    cfg.write_text("sources:\n  - {name: s, type: text, paths: [x]}\n")
    result = runner.invoke(
        app,
        [
            "data",
            "build",
            "--config",
            str(cfg),
            "--out",
            str(tmp_path / "o"),
            "--tokenizer",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 2 and "no tokenizer" in result.output
    result = runner.invoke(app, ["data", "info", str(tmp_path)])
    assert result.exit_code == 2 and "index.json not found" in result.output
