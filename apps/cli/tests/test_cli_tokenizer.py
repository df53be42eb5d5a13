"""`havoc tokenizer train|encode` through typer's CliRunner."""

from __future__ import annotations

import ast
import json
import sysconfig
from pathlib import Path

import pytest
from havoc_cli.main import app
from typer.testing import CliRunner

runner = CliRunner()


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("statistics", "fractions", "textwrap"):
        tree = ast.parse((Path(sysconfig.get_paths()["stdlib"]) / f"{name}.py").read_text())
        docs = [
            ast.get_docstring(n)
            for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Module))
        ]
        (folder / f"{name}.txt").write_text("\n\n".join(d for d in docs if d))
    return folder


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli_tok")
    corpus = write_corpus(root / "corpus")
    out = root / "tok"
    result = runner.invoke(
        app,
        [
            "tokenizer",
            "train",
            "--input",
            str(corpus),
            "--vocab-size",
            "700",
            "--out",
            str(out),
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "vocab 700" in result.output
    return out


def test_train_writes_the_tokenizer_folder(trained: Path) -> None:
    for name in ("tokenizer.model", "tokenizer.json", "special_tokens.json"):
        assert (trained / name).is_file()


def test_encode_json(trained: Path) -> None:
    from havoc_tokenizer import HavocTokenizer

    result = runner.invoke(
        app, ["tokenizer", "encode", "--tokenizer", str(trained), "--json", "x² − 1 😀"]
    )
    assert result.exit_code == 0, result.output
    ids = json.loads(result.output)["ids"]
    assert ids == HavocTokenizer.from_pretrained(trained).encode("x² − 1 😀")


def test_train_with_config(trained: Path, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c")
    cfg = tmp_path / "tok.yaml"
    cfg.write_text("vocab_size: 650\ninputs: [c]\n")
    result = runner.invoke(
        app, ["tokenizer", "train", "--config", str(cfg), "--out", str(tmp_path / "t"), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert "vocab 650" in result.output and corpus.is_dir()


def test_train_errors(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["tokenizer", "train", "--input", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "o")],
    )
    assert result.exit_code == 2 and "not found" in result.output
    result = runner.invoke(app, ["tokenizer", "train", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "--input" in result.output
    small = tmp_path / "s.txt"
    small.write_text("A control chart plots a statistic against time.\n")
    result = runner.invoke(
        app,
        [
            "tokenizer",
            "train",
            "--input",
            str(small),
            "--vocab-size",
            "9000",
            "--out",
            str(tmp_path / "o"),
            "--quiet",
        ],
    )
    assert result.exit_code == 2 and "corpus too small" in result.output
