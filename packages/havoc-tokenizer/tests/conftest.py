"""Session fixtures: one small tokenizer trained on real installed text (CPython's stdlib docs)."""

from __future__ import annotations

import ast
import sysconfig
from pathlib import Path

import pytest

# Stdlib modules whose docstrings make a small but real English/technical training corpus.
TRAIN_MODULES = ("statistics.py", "fractions.py", "_pydecimal.py", "textwrap.py", "argparse.py")
# Held out from training: used for equivalence checks on unseen text.
HELD_OUT = ("difflib.py", "random.py")


def stdlib_file(name: str) -> Path:
    return Path(sysconfig.get_paths()["stdlib"]) / name


def docstrings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node)
            if doc:
                out.append(doc)
    return out


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("tok_corpus")
    for name in TRAIN_MODULES:
        (d / (Path(name).stem + ".txt")).write_text(
            "\n\n".join(docstrings(stdlib_file(name))), encoding="utf-8"
        )
    return d


@pytest.fixture(scope="session")
def tok_dir(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from havoc_tokenizer import train_tokenizer

    out = tmp_path_factory.mktemp("tok")
    train_tokenizer([corpus_dir], 1200, out, show_progress=False)
    return out


@pytest.fixture(scope="session")
def tok(tok_dir: Path):
    from havoc_tokenizer import HavocTokenizer

    return HavocTokenizer.from_pretrained(tok_dir)
