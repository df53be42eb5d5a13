"""The bundled HAVOC handbook, its labelled question set, and the cached default index."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from havoc_rag.errors import RagError
from havoc_rag.index import FORMAT_VERSION, Index, IndexConfig

_LOCK = threading.Lock()
_MEMO: dict[Path, Index] = {}


def handbook_dir() -> Path:
    """The folder of handbook notes shipped inside the package (one ``<slug>.md`` per note)."""
    path = Path(str(files("havoc_rag") / "handbook"))
    if not path.is_dir():
        raise RagError(f"the bundled handbook is missing at {path}; reinstall havoc-rag")
    return path


def handbook_slugs() -> list[str]:
    """The slugs (file stems) of every handbook note, sorted."""
    return sorted(p.stem for p in handbook_dir().glob("*.md"))


@dataclass(frozen=True)
class LabelledQuestion:
    """A retrieval question with the slugs of the handbook notes that answer it."""

    question: str
    relevant: tuple[str, ...]


def handbook_questions() -> list[LabelledQuestion]:
    """The labelled retrieval set shipped with the package (``data/handbook_questions.jsonl``)."""
    path = Path(str(files("havoc_rag") / "data" / "handbook_questions.jsonl"))
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out.append(LabelledQuestion(row["question"], tuple(row["relevant"])))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise RagError(f"{path}:{number}: bad labelled question: {exc}") from exc
    return out


def default_cache_dir() -> Path:
    """``$HAVOC_CACHE_DIR/rag``, else ``$XDG_CACHE_HOME/havoc/rag``, else ``~/.cache/havoc/rag``."""
    if os.environ.get("HAVOC_CACHE_DIR"):
        return Path(os.environ["HAVOC_CACHE_DIR"]).expanduser() / "rag"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "havoc" / "rag"


def _handbook_fingerprint(config: IndexConfig) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256()
    digest.update(f"{version('havoc-rag')}|{FORMAT_VERSION}|{config}".encode())
    for path in sorted(handbook_dir().glob("*.md")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_index(cache_dir: str | Path | None = None, *, rebuild: bool = False) -> Index:
    """The hybrid index of the bundled handbook, built once and cached on disk and in memory.

    The cache folder is keyed by a hash of the handbook text, the havoc-rag version and the index
    settings, so an upgrade rebuilds it. The index uses the default hashing embedder (no download).

    >>> index = default_index()
    >>> index.search("which test for unequal variances", k=1)[0].source
    'handbook/welch-t-test.md'
    """
    config = IndexConfig()
    root = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    folder = root / f"handbook-{_handbook_fingerprint(config)}"
    with _LOCK:
        if not rebuild and folder in _MEMO:
            return _MEMO[folder]
        index = None
        if not rebuild and (folder / "manifest.json").is_file():
            try:
                index = Index.load(folder)
            except RagError:
                index = None  # a damaged cache is rebuilt below
        if index is None:
            index = Index.from_paths([handbook_dir()], config=config)
            try:
                index.save(folder)
            except OSError:
                pass  # a read-only cache still gives a working in-memory index
        _MEMO[folder] = index
        return index
