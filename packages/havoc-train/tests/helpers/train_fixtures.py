"""Shared test assets: a micro tokenizer and packed dataset, built once per machine.

The corpus is real text already on disk (the source and docstrings of the installed havoc_*
packages), so building needs no network. Everything is cached under the temp dir, keyed by the
content, and guarded by a file lock so parallel test processes share one build.
"""

from __future__ import annotations

import fcntl
import hashlib
import tempfile
from pathlib import Path

import yaml

MICRO_MODEL = {
    "d_model": 64,
    "n_layers": 2,
    "n_heads": 4,
    "n_kv_heads": 2,
    "head_dim": 16,
    "ffn_hidden": 128,
    "max_seq_len": 64,
}


def _corpus_files() -> list[Path]:
    import havoc_data
    import havoc_model
    import havoc_tokenizer

    files = []
    for mod in (havoc_model, havoc_data, havoc_tokenizer):
        files += sorted(Path(mod.__file__).parent.glob("*.py"))
    return files


def micro_assets() -> tuple[Path, Path]:
    """(tokenizer_dir, data_dir) for a 512-token vocabulary over ~200 KB of text."""
    from havoc_data import build_dataset
    from havoc_tokenizer import train_tokenizer

    files = _corpus_files()
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:12]
    root = Path(tempfile.gettempdir()) / f"havoc-train-test-assets-{digest}"
    root.mkdir(parents=True, exist_ok=True)
    tok_dir, data_dir = root / "tokenizer", root / "data"
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (tok_dir / "tokenizer.model").is_file():
            train_tokenizer(files, 512, tok_dir, show_progress=False)
        if not (data_dir / "index.json").is_file():
            mixture = {
                "name": "micro",
                "seed": 0,
                "val_fraction": 0.1,
                "min_chars": 1,
                "workers": 1,
                "sources": [{"name": "code", "type": "text", "paths": [str(f) for f in files]}],
            }
            build_dataset(mixture, data_dir, tok_dir, show_progress=False, workers=1)
    return tok_dir, data_dir


def micro_config_dict(**sections) -> dict:
    """A full training config for the micro model; keyword sections are merged on top."""
    tok_dir, data_dir = micro_assets()
    cfg = {
        "name": "micro",
        "seed": 7,
        "model": {"preset": "tiny", "overrides": dict(MICRO_MODEL)},
        "tokenizer": {"path": str(tok_dir)},
        "data": {"kind": "pretrain", "path": str(data_dir), "seq_len": 32},
        "optim": {"lr": 3e-3},
        "schedule": {"kind": "cosine", "warmup_steps": 5},
        "train": {
            "max_steps": 20,
            "micro_batch_size": 4,
            "grad_accum_steps": 2,
            "device": "cpu",
            "log_every": 1,
        },
        "eval": {"every": 0, "batches": 2, "samples": 1, "max_new_tokens": 8},
        "checkpoint": {"every": 0, "keep_last": 2},
    }
    for name, values in sections.items():
        cfg.setdefault(name, {}).update(values)
    return cfg


def write_config(path: Path, **sections) -> Path:
    path.write_text(yaml.safe_dump(micro_config_dict(**sections)))
    return path
