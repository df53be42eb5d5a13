"""docs/ARCHITECTURE.md §2 arrows, checked on the source: no member imports a HAVOC package it
does not declare (an import inside `try: … except ImportError` is an optional integration and
allowed, e.g. the eval smoke check of the server app), and havoc-tools, havoc-srs, havoc-rag and
havoc-tokenizer never import torch, not even lazily or optionally."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MEMBERS = sorted(
    p.parent for p in [*ROOT.glob("packages/*/pyproject.toml"), *ROOT.glob("apps/*/pyproject.toml")]
)
NO_TORCH = {"havoc-tools", "havoc-srs", "havoc-rag", "havoc-tokenizer"}


def _guarded(node: ast.Try) -> bool:
    """A `try:` whose handler catches ImportError: an optional integration, not a dependency."""
    names = {"ImportError", "ModuleNotFoundError"}
    for handler in node.handlers:
        kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        if any(isinstance(k, ast.Name) and k.id in names for k in kinds):
            return True
    return False


def _imports(path: Path, *, include_optional: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.Try) and _guarded(node) and not include_optional:
            for child in [*node.handlers, *node.orelse, *node.finalbody]:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "import_module":
            if node.args and isinstance(node.args[0], ast.Constant):
                found.add(str(node.args[0].value).split(".")[0])
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


@pytest.mark.parametrize("member", MEMBERS, ids=lambda p: p.name)
def test_member_imports_follow_the_arrows(member: Path) -> None:
    data = tomllib.loads((member / "pyproject.toml").read_text())
    name = data["project"]["name"]
    own = name.replace("-", "_")
    declared = {
        re.split(r"[<>=!~; \[]", req, maxsplit=1)[0].replace("-", "_")
        for req in data["project"]["dependencies"]
    }
    for extra in data["project"].get("optional-dependencies", {}).values():
        # optional extras may be imported lazily; they count as declared
        declared |= {re.split(r"[<>=!~; \[]", r, maxsplit=1)[0].replace("-", "_") for r in extra}
    bad: dict[str, set[str]] = {}
    for path in (member / "src").rglob("*.py"):
        used = {
            m for m in _imports(path, include_optional=False) if m.startswith("havoc_") and m != own
        }
        if name in NO_TORCH and "torch" in _imports(path, include_optional=True):
            used.add("torch")
        undeclared = {m for m in used if m not in declared}
        if undeclared:
            bad[str(path.relative_to(ROOT))] = undeclared
    assert not bad, f"{name} imports what it does not declare: {bad}"
