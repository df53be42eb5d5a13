"""`build_dataset`: mixture -> normalised, filtered, deduplicated, tokenised, packed shards."""

from __future__ import annotations

import hashlib
import json
import math
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from havoc_data.config import MixtureConfig, load_mixture
from havoc_data.errors import DataError
from havoc_data.sources import Document, ResolvedSource, file_signature, resolve

INDEX_FILE = "index.json"
FORMAT = "havoc-data/1"
BATCH_CHARS = 1 << 20
AUTO_PARALLEL_BYTES = (
    64 << 20
)  # with workers "auto", smaller inputs are tokenised in-process  # characters per task sent to a tokenising worker

# ---------------------------------------------------------------------------------- workers
_TOK: Any = None
_SETTINGS: dict[str, Any] = {}


def _init_worker(model_proto: bytes, settings: dict[str, Any]) -> None:
    global _TOK, _SETTINGS
    from havoc_tokenizer import HavocTokenizer

    _TOK = HavocTokenizer(model_proto)
    _SETTINGS = dict(settings)
    langs = "|".join(re.escape(x) for x in settings["dsl_languages"])
    _SETTINGS["dsl_re"] = (
        re.compile(rf"^```[ \t]*(?:{langs})[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
        if langs
        else None
    )


def encode_text_document(tok: Any, text: str, dsl_re: re.Pattern[str] | None) -> list[int]:
    """Encode one normalised text document; fenced DSL blocks become <DSL_BEGIN> … <DSL_END>."""
    if dsl_re is None:
        return tok.encode(text)
    begin, end = tok.special_tokens["<DSL_BEGIN>"], tok.special_tokens["<DSL_END>"]
    ids: list[int] = []
    pos = 0
    for m in dsl_re.finditer(text):
        ids += tok.encode(text[pos : m.start()])
        ids += [begin, *tok.encode(m.group(1)), end]
        pos = m.end()
    ids += tok.encode(text[pos:])
    return ids


def _process(batch: list[Document]) -> list[tuple[str, bytes, int, np.ndarray | None]]:
    """For each document: (status, content hash, characters, token ids)."""
    from havoc_tokenizer import TokenizerError

    tok, s = _TOK, _SETTINGS
    out: list[tuple[str, bytes, int, np.ndarray | None]] = []
    for doc in batch:
        if doc.kind == "chat":
            try:
                ids = tok.encode_chat(doc.payload, add_generation_prompt=False)
            except TokenizerError as err:
                raise DataError(f"{doc.origin}: {err}") from err
            key = json.dumps(doc.payload, sort_keys=True, ensure_ascii=False)
            n = sum(len(str(m.get("content") or "")) for m in doc.payload)
            ids.append(tok.eos_id)
        else:
            key = tok.normalize(doc.payload)
            n = len(key)
            if not key.strip():
                out.append(("empty", b"", n, None))
                continue
            if n < s["min_chars"]:
                out.append(("too_short", b"", n, None))
                continue
            if n > s["max_chars"]:
                out.append(("too_long", b"", n, None))
                continue
            ids = [tok.bos_id, *encode_text_document(tok, key, s["dsl_re"]), tok.eos_id]
        digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        out.append(("ok", digest, n, np.asarray(ids, dtype=np.uint32)))
    return out


def _batches(docs: Iterator[Document]) -> Iterator[tuple[list[Document], int]]:
    batch: list[Document] = []
    size = 0
    for d in docs:
        batch.append(d)
        size += len(d.payload) if d.kind == "text" else 256 * len(d.payload)
        if size >= BATCH_CHARS or len(batch) >= 512:
            yield batch, size
            batch, size = [], 0
    if batch:
        yield batch, size


# ---------------------------------------------------------------------------------- packing
def _uniform(digest: bytes, seed: int, salt: bytes) -> float:
    h = hashlib.blake2b(digest + salt + seed.to_bytes(8, "little", signed=True), digest_size=8)
    return int.from_bytes(h.digest(), "little") / 2.0**64


class _ShardWriter:
    def __init__(self, out: Path, split: str, dtype: np.dtype, shard_tokens: int) -> None:
        self.out, self.split, self.dtype, self.cap = out, split, dtype, shard_tokens
        self.shards: list[dict[str, Any]] = []
        self._f: Any = None
        self._hash: Any = None
        self._n = 0
        self.total = 0

    def _open(self) -> None:
        name = f"{self.split}_{len(self.shards):05d}.bin"
        self._f = (self.out / name).open("wb")
        self._hash = hashlib.sha256()
        self._n = 0
        self.shards.append({"file": name, "tokens": 0, "sha256": ""})

    def _close(self) -> None:
        if self._f is not None:
            self._f.close()
            self.shards[-1].update(tokens=self._n, sha256=self._hash.hexdigest())
            self._f = None

    def write(self, tokens: np.ndarray) -> None:
        tokens = tokens.astype(self.dtype, copy=False)
        while len(tokens):
            if self._f is None or self._n == self.cap:
                self._close()
                self._open()
            take = min(len(tokens), self.cap - self._n)
            data = tokens[:take].tobytes()
            self._f.write(data)
            self._hash.update(data)
            self._n += take
            self.total += take
            tokens = tokens[take:]

    def finish(self) -> list[dict[str, Any]]:
        self._close()
        return self.shards


@dataclass
class _Doc:
    offset: int
    length: int
    source: int
    digest: bytes


def _cache_key(cfg: MixtureConfig, fingerprint: str, sources: list[ResolvedSource]) -> str:
    sig = {
        "config": cfg.to_dict(),
        "tokenizer": fingerprint,
        "files": [file_signature(s.files) for s in sources],
        "format": FORMAT,
    }
    return hashlib.sha256(json.dumps(sig, sort_keys=True, default=str).encode()).hexdigest()


def _tokenizer(tokenizer: Any) -> Any:
    from havoc_tokenizer import HavocTokenizer

    if isinstance(tokenizer, HavocTokenizer):
        return tokenizer
    if isinstance(tokenizer, (str, os.PathLike)):
        return HavocTokenizer.from_pretrained(tokenizer)
    raise DataError(
        f"tokenizer must be a HavocTokenizer or a folder, got {type(tokenizer).__name__}"
    )


def build_dataset(
    config: str | os.PathLike[str] | dict[str, Any] | MixtureConfig,
    out_dir: str | os.PathLike[str],
    tokenizer: Any,
    *,
    workers: int | None = None,
    show_progress: bool = True,
    force: bool = False,
) -> dict[str, Any]:
    """Build packed shards for a mixture and return the index (also written to index.json).

    Pipeline: read sources -> normalise -> length filters -> exact dedup -> DSL tagging ->
    tokenise in parallel -> split train/val by document -> weight -> seeded shuffle -> pack into
    memmap shards (uint16 if the vocabulary fits, else uint32). Each document is
    ``<s> tokens </s>``; chat documents are the chat template followed by ``</s>``. An existing
    build with the same config, tokenizer and input files is reused unless `force`.

    >>> index = build_dataset("configs/data/tiny.yaml", "runs/data", "runs/tok")  # doctest: +SKIP
    """
    cfg = load_mixture(config)
    tok = _tokenizer(tokenizer)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    bundled_dir = Path(cfg.bundled_dir) if cfg.bundled_dir else out / "bundled"
    sources = [resolve(s, bundled_dir) for s in cfg.sources]
    key = _cache_key(cfg, tok.fingerprint, sources)
    index_path = out / INDEX_FILE
    if index_path.is_file() and not force:
        old = json.loads(index_path.read_text(encoding="utf-8"))
        if old.get("cache_key") == key and all(
            (out / sh["file"]).is_file() for sp in old["splits"].values() for sh in sp["shards"]
        ):
            return old
    index_path.unlink(missing_ok=True)  # no index = incomplete build
    for stale in list(out.glob("train_*.bin")) + list(out.glob("val_*.bin")):
        stale.unlink()

    n_workers = workers if workers is not None else (cfg.workers or os.cpu_count() or 1)
    if (
        workers is None
        and not cfg.workers
        and sum(s.total_bytes for s in sources) < AUTO_PARALLEL_BYTES
    ):
        n_workers = 1  # starting worker processes costs more than it saves on a small corpus
    settings = {
        "min_chars": cfg.min_chars,
        "max_chars": cfg.max_chars,
        "dsl_languages": list(cfg.dsl_languages),
    }
    stats = [
        {
            "name": s.config.name,
            "type": s.config.type,
            "weight": s.config.weight,
            "files": len(s.files),
            "documents_in": 0,
            "documents": 0,
            "duplicates": 0,
            "empty": 0,
            "too_short": 0,
            "too_long": 0,
            "chars": 0,
            "tokens": 0,
        }
        for s in sources
    ]
    docs: list[_Doc] = []
    seen: set[bytes] = set()
    staging_path = out / "staging.tmp"
    progress = _progress(show_progress)
    try:
        task = None
        if progress is not None:
            progress.start()
            total = sum(s.total_bytes for s in sources)
            task = progress.add_task("tokenising", total=total)
        with staging_path.open("wb") as staging:
            offset = 0
            for si, (src, st) in enumerate(zip(sources, stats, strict=True)):
                if progress is not None:
                    progress.update(task, description=f"tokenising {src.config.name}")
                for results, size in _run(src, tok, settings, n_workers):
                    for status, digest, nchars, ids in results:
                        st["documents_in"] += 1
                        if status != "ok":
                            st[status] += 1
                            continue
                        if cfg.dedup and digest in seen:
                            st["duplicates"] += 1
                            continue
                        seen.add(digest)
                        staging.write(ids.tobytes())
                        docs.append(_Doc(offset, len(ids), si, digest))
                        offset += len(ids)
                        st["documents"] += 1
                        st["chars"] += nchars
                        st["tokens"] += len(ids)
                    if progress is not None:
                        progress.update(task, advance=size)
            if progress is not None:
                progress.update(task, completed=total)
        if not docs:
            raise DataError(
                "the corpus is empty after filtering: "
                + ", ".join(
                    f"{s['name']}: {s['documents_in']} read, {s['documents']} kept" for s in stats
                )
            )
        index = _pack(cfg, tok, out, staging_path, docs, stats, progress)
    finally:
        if progress is not None:
            progress.stop()
        staging_path.unlink(missing_ok=True)
    index["cache_key"] = key
    if any(s.config.type == "bundled" for s in sources):
        from havoc_data.bundled import read_manifest

        index["bundled"] = {"dir": str(bundled_dir), **read_manifest(bundled_dir)}
    tok.save_pretrained(out / "tokenizer")
    tmp = out / (INDEX_FILE + ".tmp")
    tmp.write_text(json.dumps(index, indent=2), encoding="utf-8")
    tmp.replace(index_path)
    return index


def _run(
    src: ResolvedSource, tok: Any, settings: dict[str, Any], n_workers: int
) -> Iterator[tuple[list[tuple[str, bytes, int, np.ndarray | None]], int]]:
    """Tokenise a source's documents, in order, on `n_workers` processes."""
    batches = _batches(src.documents())
    if n_workers <= 1:
        _init_worker(tok._proto, settings)
        for batch, size in batches:
            yield _process(batch), size
        return
    ctx = multiprocessing.get_context("spawn")  # safe with torch/CUDA in the parent
    with ProcessPoolExecutor(
        n_workers, mp_context=ctx, initializer=_init_worker, initargs=(tok._proto, settings)
    ) as pool:
        pending: deque[tuple[Future[Any], int]] = deque()
        for batch, size in batches:
            pending.append((pool.submit(_process, batch), size))
            if len(pending) >= 2 * n_workers:
                fut, sz = pending.popleft()
                yield fut.result(), sz
        while pending:
            fut, sz = pending.popleft()
            yield fut.result(), sz


def _pack(
    cfg: MixtureConfig,
    tok: Any,
    out: Path,
    staging_path: Path,
    docs: list[_Doc],
    stats: list[dict[str, Any]],
    progress: Any,
) -> dict[str, Any]:
    dtype = np.dtype(np.uint16 if tok.vocab_size <= 1 << 16 else np.uint32)
    staging = np.memmap(staging_path, dtype=np.uint32, mode="r")
    val_idx = [
        i for i, d in enumerate(docs) if _uniform(d.digest, cfg.seed, b"val") < cfg.val_fraction
    ]
    if cfg.val_fraction > 0 and not val_idx and len(docs) > 1:
        # tiny corpora: still hold out one document so validation exists
        val_idx = [min(range(len(docs)), key=lambda i: _uniform(docs[i].digest, cfg.seed, b"val"))]
    val_set = set(val_idx)
    train_idx: list[int] = []
    for i, d in enumerate(docs):
        if i in val_set:
            continue
        w = cfg.sources[d.source].weight
        copies = math.floor(w) + (
            1 if _uniform(d.digest, cfg.seed, b"weight") < w - math.floor(w) else 0
        )
        train_idx.extend([i] * copies)
    if not train_idx:
        raise DataError("no training documents left after the validation split and weights")
    order = np.random.default_rng(cfg.seed).permutation(len(train_idx))
    plan = {"train": [train_idx[k] for k in order], "val": val_idx}
    splits: dict[str, Any] = {}
    task = (
        progress.add_task(
            "packing shards", total=sum(docs[i].length for p in plan.values() for i in p)
        )
        if progress
        else None
    )
    for split, members in plan.items():
        writer = _ShardWriter(out, split, dtype, cfg.shard_tokens)
        starts = np.zeros(len(members), dtype=np.int64)
        per_source = [0] * len(cfg.sources)
        for k, i in enumerate(members):
            d = docs[i]
            starts[k] = writer.total
            writer.write(np.asarray(staging[d.offset : d.offset + d.length]))
            per_source[d.source] += d.length
            if task is not None:
                progress.update(task, advance=d.length)
        np.save(out / f"{split}_docs.npy", starts)
        splits[split] = {
            "tokens": writer.total,
            "documents": len(members),
            "unique_documents": len(set(members)),
            "doc_starts": f"{split}_docs.npy",
            "shards": writer.finish(),
            "tokens_per_source": {cfg.sources[s].name: n for s, n in enumerate(per_source)},
        }
    del staging
    return {
        "format": FORMAT,
        "name": cfg.name,
        "dtype": dtype.name,
        "vocab_size": tok.vocab_size,
        "tokenizer_sha256": tok.fingerprint,
        "seed": cfg.seed,
        "config": cfg.to_dict(),
        "sources": {s["name"]: s for s in stats},
        "splits": splits,
    }


def _progress(show: bool) -> Any:
    if not show:
        return None
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
    )


def read_index(directory: str | os.PathLike[str]) -> dict[str, Any]:
    path = Path(directory) / INDEX_FILE
    if not path.is_file():
        raise DataError(
            f"no dataset at {directory}: {INDEX_FILE} not found (run `havoc data build`)"
        )
    return json.loads(path.read_text(encoding="utf-8"))
