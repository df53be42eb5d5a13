"""Session fixtures: a small tokenizer and a small mixture made of real stdlib documentation."""

from __future__ import annotations

import ast
import json
import sysconfig
from pathlib import Path

import pytest

MODULES = ("statistics", "fractions", "textwrap", "difflib", "heapq", "bisect", "shlex", "calendar")


def stdlib_docs(module: str) -> list[tuple[str, str]]:
    """(qualified name, docstring) for a stdlib module, read with ast."""
    path = Path(sysconfig.get_paths()["stdlib"]) / f"{module}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)):
            doc = ast.get_docstring(node)
            if doc:
                out.append((f"{module}.{getattr(node, 'name', '')}".rstrip("."), doc))
    return out


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("data_corpus")
    (root / "text").mkdir()
    for m in MODULES[:5]:
        body = "\n\n".join(f"## {name}\n\n{doc}" for name, doc in stdlib_docs(m))
        (root / "text" / f"{m}.md").write_text(body, encoding="utf-8")
    with (root / "records.jsonl").open("w", encoding="utf-8") as f:
        for m in MODULES[5:]:
            for name, doc in stdlib_docs(m):
                f.write(json.dumps({"meta": {"body": f"{name}: {doc}"}, "id": name}) + "\n")
    with (root / "chats.jsonl").open("w", encoding="utf-8") as f:
        for m in MODULES[:3]:
            for name, doc in stdlib_docs(m)[1:]:
                messages = [
                    {"role": "system", "content": "You document Python functions."},
                    {"role": "user", "content": f"What does {name} do?"},
                    {"role": "assistant", "content": doc.split("\n\n")[0]},
                ]
                f.write(json.dumps({"messages": messages}) + "\n")
    return root


@pytest.fixture(scope="session")
def tok(corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    from havoc_tokenizer import train_tokenizer

    return train_tokenizer(
        [corpus / "text"], 800, tmp_path_factory.mktemp("tok"), show_progress=False
    )


@pytest.fixture(scope="session")
def mixture(corpus: Path) -> dict:
    return {
        "name": "test",
        "seed": 7,
        "val_fraction": 0.1,
        "min_chars": 20,
        "shard_tokens": 4096,  # forces several shards
        "sources": [
            {"name": "docs", "type": "text", "paths": [str(corpus / "text")], "weight": 2.0},
            {
                "name": "records",
                "type": "jsonl",
                "paths": [str(corpus / "records.jsonl")],
                "field": "meta.body",
                "weight": 0.5,
            },
            {"name": "chats", "type": "chat", "paths": [str(corpus / "chats.jsonl")]},
        ],
    }


@pytest.fixture(scope="session")
def built(mixture: dict, tok, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from havoc_data import build_dataset

    out = tmp_path_factory.mktemp("built")
    build_dataset(mixture, out, tok, workers=1, show_progress=False)
    return out
