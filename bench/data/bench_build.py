"""Shard build throughput: build_dataset on the bundled corpus, against raw tokenisation.

    uv run python bench/data/bench_build.py --tokenizer DIR --config configs/data/tiny.yaml --out DIR

Reports characters/s and tokens/s of the whole build (read, normalise, dedup, tokenise, pack,
hash, index) with 1 and 2 worker processes, and the ratio to encoding the same documents with
raw SentencePiece in this process (the floor a single core can reach).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from havoc_data import build_dataset, load_mixture
from havoc_data.sources import resolve
from havoc_tokenizer import HavocTokenizer


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokenizer", type=Path, required=True)
    ap.add_argument("--config", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    tok = HavocTokenizer.from_pretrained(args.tokenizer)
    cfg = load_mixture(args.config)
    bundled = Path(cfg.bundled_dir) if cfg.bundled_dir else args.out / "w1" / "bundled"
    build_dataset(cfg, args.out / "w1", tok, workers=1, show_progress=False)  # harvest + warm-up

    texts = []
    for src in cfg.sources:
        for doc in resolve(src, bundled).documents():
            if doc.kind == "text":
                texts.append(tok.normalize(doc.payload))
    chars = sum(map(len, texts))
    t = time.perf_counter()
    tokens = sum(len(tok._sp.encode(x)) for x in texts)
    raw = time.perf_counter() - t
    print(
        f"raw SentencePiece, 1 thread: {chars / raw / 1e6:.2f} M chars/s, {tokens / raw / 1e6:.2f} M tokens/s"
    )
    for workers in (1, 2):
        t = time.perf_counter()
        index = build_dataset(
            cfg, args.out / f"w{workers}", tok, workers=workers, show_progress=False, force=True
        )
        sec = time.perf_counter() - t
        n = sum(s["tokens"] for s in index["splits"].values())
        print(
            f"build_dataset workers={workers}: {sec:.2f} s, {chars / sec / 1e6:.2f} M chars/s, "
            f"{n / sec / 1e6:.2f} M tokens/s, {raw / sec:.2f}x raw single-thread encode speed"
        )


if __name__ == "__main__":
    main()
