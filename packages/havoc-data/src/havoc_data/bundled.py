"""The bundled corpus: real text already installed on this machine, harvested with no download.

Sources, in this order (each only if installed; what was found is recorded in manifest.json):

* docstrings of numpy, scipy.stats, statsmodels, pingouin and sympy, read from their source files
  with `ast` (nothing is imported or executed), one document per module;
* HAVOC's own documentation: markdown shipped inside installed ``havoc_*`` packages (e.g. the
  havoc-rag handbook) and, when run from a checkout, the workspace READMEs and DSL.md;
* JSONL files shipped inside installed ``havoc_*`` packages (e.g. generated tool-use dialogues):
  records with ``messages`` become chat documents, records with ``text`` text documents.

Harvesting is deterministic given the installed versions.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata as md
import importlib.util
import json
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from havoc_data.errors import DataError

MANIFEST = "manifest.json"
FORMAT = "havoc-bundled/1"

# (output name, import name, subfolder within the package, distribution name)
DOCSTRING_SOURCES: tuple[tuple[str, str, str, str], ...] = (
    ("numpy", "numpy", "", "numpy"),
    ("scipy_stats", "scipy", "stats", "scipy"),
    ("statsmodels", "statsmodels", "", "statsmodels"),
    ("pingouin", "pingouin", "", "pingouin"),
    ("sympy", "sympy", "", "sympy"),
)
SKIP_DIRS = {"tests", "test", "testing", "_vendored", "benchmarks", "sandbox", "__pycache__"}
HAVOC_PACKAGES = (
    "havoc_tools",
    "havoc_rag",
    "havoc_srs",
    "havoc_eval",
    "havoc_model",
    "havoc_tokenizer",
    "havoc_data",
    "havoc_train",
)


def _package_dir(import_name: str) -> Path | None:
    spec = importlib.util.find_spec(import_name)  # top level only: imports nothing
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _python_files(root: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for f in sorted(filenames):
            if f.endswith(".py") and not f.startswith("test_"):
                out.append(Path(dirpath, f))
    return out


def _module_document(path: Path, module: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return None
    parts: list[str] = []
    mod_doc = ast.get_docstring(tree)
    if mod_doc:
        parts.append(mod_doc)

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if child.name.startswith("_") and not child.name.startswith("__init__"):
                    continue
                name = f"{prefix}{child.name}"
                doc = ast.get_docstring(child)
                if doc:
                    parts.append(f"## {module}.{name}\n\n{doc}")
                if isinstance(child, ast.ClassDef):
                    visit(child, name + ".")
            elif isinstance(child, ast.Expr) and isinstance(child.value, ast.Call):
                # numpy's add_newdoc("numpy", "name", """doc""") docstrings
                call = child.value
                fname = getattr(call.func, "id", getattr(call.func, "attr", ""))
                if fname == "add_newdoc" and len(call.args) >= 3:
                    target, doc = call.args[1], call.args[2]
                    if isinstance(doc, ast.Constant) and isinstance(doc.value, str):
                        label = target.value if isinstance(target, ast.Constant) else "?"
                        parts.append(f"## {label}\n\n{_dedent(doc.value)}")

    visit(tree, "")
    if not parts:
        return None
    return f"# {module}\n\n" + "\n\n".join(parts)


def _dedent(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)


def _docstring_documents(root: Path, package: str) -> Iterator[dict[str, str]]:
    for path in _python_files(root):
        rel = path.relative_to(root).with_suffix("")
        parts = [package, *rel.parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        module = ".".join(parts)
        doc = _module_document(path, module)
        if doc:
            yield {"text": doc, "source": module}


def _workspace_root() -> Path | None:
    here = Path(__file__).resolve()
    for parent in here.parents:
        pyproject = parent / "pyproject.toml"
        if pyproject.is_file() and "[tool.uv.workspace]" in pyproject.read_text(encoding="utf-8"):
            return parent
    return None


def _project_docs() -> list[Path]:
    files: set[Path] = set()
    for name in HAVOC_PACKAGES:
        d = _package_dir(name)
        if d is not None:
            files.update(p.resolve() for p in d.rglob("*.md"))
    root = _workspace_root()
    if root is not None:
        for pattern in ("README.md", "packages/*/README.md", "apps/*/README.md", "packages/*/*.md"):
            files.update(p.resolve() for p in root.glob(pattern))
    return sorted(files)


def _project_jsonl() -> list[Path]:
    files: set[Path] = set()
    for name in HAVOC_PACKAGES:
        d = _package_dir(name)
        if d is not None:
            files.update(p.resolve() for p in d.rglob("*.jsonl"))
    return sorted(files)


def _strings(obj: Any) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> str:
    h = hashlib.sha256()
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for r in records:
            line = json.dumps(r, ensure_ascii=False) + "\n"
            f.write(line)
            h.update(line.encode())
    tmp.replace(path)
    return h.hexdigest()


def _version(dist: str) -> str | None:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return None


def _plan() -> list[dict[str, Any]]:
    """What would be harvested right now (used to detect a stale cache)."""
    plan = []
    for name, pkg, sub, dist in DOCSTRING_SOURCES:
        d = _package_dir(pkg)
        if d is not None and (d / sub).is_dir():
            plan.append(
                {"name": name, "kind": "docstrings", "package": pkg, "version": _version(dist)}
            )
    docs = _project_docs()
    jsonl = _project_jsonl()
    sig = hashlib.sha256()
    for p in docs + jsonl:
        st = p.stat()
        sig.update(f"{p}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    plan.append({"name": "havoc_docs+jsonl", "kind": "files", "signature": sig.hexdigest()})
    return plan


def bundled_corpus(out_dir: str | os.PathLike[str], force: bool = False) -> list[Path]:
    """Harvest the bundled corpus into `out_dir` and return its JSONL files.

    Each file holds one JSON object per line: ``{"text": ..., "source": ...}`` for text, or
    ``{"messages": [...], "source": ...}`` for chat. ``manifest.json`` records every source
    (package, version, documents, characters, sha256). A matching cache is reused.

    >>> files = bundled_corpus("runs/bundled")  # doctest: +SKIP
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    plan = _plan()
    manifest_path = out / MANIFEST
    if manifest_path.is_file() and not force:
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            manifest = {}
        if manifest.get("plan") == plan and all(
            (out / s["file"]).is_file() for s in manifest.get("sources", [])
        ):
            return [out / s["file"] for s in manifest["sources"]]
    sources: list[dict[str, Any]] = []

    def emit(name: str, kind: str, records: list[dict[str, Any]], **meta: Any) -> None:
        if not records:
            return
        file = f"{name}.jsonl"
        digest = _write_jsonl(out / file, records)
        chars = sum(
            len(r.get("text", "")) + len(json.dumps(r.get("messages", ""))) for r in records
        )
        sources.append(
            {
                "name": name,
                "kind": kind,
                "file": file,
                "documents": len(records),
                "chars": chars,
                "sha256": digest,
                **meta,
            }
        )

    for name, pkg, sub, dist in DOCSTRING_SOURCES:
        d = _package_dir(pkg)
        if d is None or not (d / sub).is_dir():
            continue
        root = d / sub if sub else d
        prefix = f"{pkg}.{sub}" if sub else pkg
        emit(
            name,
            "docstrings",
            list(_docstring_documents(root, prefix)),
            package=pkg,
            version=_version(dist),
        )

    root = _workspace_root()
    doc_records = []
    for p in _project_docs():
        text = p.read_text(encoding="utf-8", errors="replace")
        label = str(p.relative_to(root)) if root and p.is_relative_to(root) else p.name
        if text.strip():
            doc_records.append({"text": text, "source": label})
    emit("havoc_docs", "markdown", doc_records)

    text_records, chat_records = [], []
    for p in _project_jsonl():
        label = str(p.relative_to(root)) if root and p.is_relative_to(root) else p.name
        for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue  # another package's file; skip a bad line rather than fail the harvest
            if isinstance(rec, dict) and isinstance(rec.get("messages"), list):
                chat_records.append({"messages": rec["messages"], "source": f"{label}:{n}"})
            elif isinstance(rec, dict) and isinstance(rec.get("text"), str):
                text_records.append({"text": rec["text"], "source": f"{label}:{n}"})
            else:
                joined = "\n".join(_strings(rec))
                if joined.strip():
                    text_records.append({"text": joined, "source": f"{label}:{n}"})
    emit("havoc_jsonl_text", "jsonl", text_records)
    emit("havoc_jsonl_chat", "chat", chat_records)
    if not sources:
        raise DataError("bundled corpus is empty: none of its sources is installed")
    manifest = {"format": FORMAT, "plan": plan, "sources": sources}
    manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return [out / s["file"] for s in sources]


def read_manifest(out_dir: str | os.PathLike[str]) -> dict[str, Any]:
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        raise DataError(f"no bundled corpus manifest at {path}")
    return json.loads(path.read_text(encoding="utf-8"))
