"""Encode throughput: HavocTokenizer vs raw SentencePiece vs HF tokenizers, same text, one run.

    uv run python bench/tokenizer/bench_encode.py --tokenizer DIR --corpus BUNDLED_DIR [--mb 4]

Ours runs on the raw text (normalisation included); the raw SentencePiece and HF runs get the
already-normalised text, so they do strictly less work. All three run single-threaded, one
document per call, interleaved over several rounds; the best round of each is reported.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from havoc_tokenizer import SPECIAL_TOKENS, HavocTokenizer
from tokenizers import Tokenizer


def load_docs(corpus: Path, limit_chars: int) -> list[str]:
    docs: list[str] = []
    total = 0
    for f in sorted(corpus.glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if "text" in rec:
                docs.append(rec["text"])
                total += len(rec["text"])
                if total >= limit_chars:
                    return docs
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokenizer", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, required=True, help="bundled corpus folder (JSONL)")
    ap.add_argument("--mb", type=float, default=4.0, help="characters to encode, in millions")
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    tok = HavocTokenizer.from_pretrained(args.tokenizer)
    hf = Tokenizer.from_file(str(args.tokenizer / "tokenizer.json"))
    sp = tok._sp  # the raw SentencePiece processor
    docs = load_docs(args.corpus, int(args.mb * 1e6))
    norm = [tok.normalize(d) for d in docs]
    chars = sum(map(len, docs))
    # Same ids from all three. HF matches reserved-token strings in raw text (we neutralise
    # them), so documents that quote a marker are excluded from the HF comparison.
    plain = [d for d in docs if not any(s in d for s in SPECIAL_TOKENS)]
    ours = [tok.encode(d) for d in plain]
    assert ours == [sp.encode(tok.normalize(d)) for d in plain]
    assert ours == [hf.encode(tok.normalize(d), add_special_tokens=False).ids for d in plain]
    print(f"identical ids on {len(plain)}/{len(docs)} documents (the rest quote marker strings)")

    runs = {
        "havoc (normalise + encode)": lambda: [tok.encode(d) for d in docs],
        "raw sentencepiece": lambda: [sp.encode(d) for d in norm],
        "hf tokenizers": lambda: [hf.encode(d, add_special_tokens=False) for d in norm],
    }
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(args.rounds):
        for name, fn in runs.items():
            t = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t)
    base = best["raw sentencepiece"]
    print(f"{len(docs)} documents, {chars:,} characters, best of {args.rounds} rounds")
    for name, sec in best.items():
        print(
            f"{name:28s} {chars / sec / 1e6:7.2f} M chars/s   {sec / base:5.3f}x raw SentencePiece time"
        )
    print(
        f"havoc overhead vs raw SentencePiece: {100 * (best['havoc (normalise + encode)'] / base - 1):+.1f}%"
    )


if __name__ == "__main__":
    main()
