"""PackedDataset windows, SFTDataset masks and the bundled corpus."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from havoc_data import (
    IGNORE_INDEX,
    DataError,
    PackedDataset,
    SFTDataset,
    bundled_corpus,
    read_index,
)
from havoc_tokenizer import HavocTokenizer


def test_windows_are_a_function_of_seed_and_step(built: Path) -> None:
    a = PackedDataset(built, seq_len=32, split="train", seed=3)
    b = PackedDataset(built, seq_len=32, split="train", seed=3)
    # b jumps straight to step 40 (a "resumed" run); a walks there
    for step in range(41):
        xa, ya = a.batch(step, 4)
    xb, yb = b.batch(40, 4)
    assert torch.equal(xa, xb) and torch.equal(ya, yb)
    assert xa.dtype == torch.int64 and xa.shape == (4, 32)
    assert torch.equal(xa[:, 1:], ya[:, :-1])
    c = PackedDataset(built, seq_len=32, split="train", seed=4)
    assert not torch.equal(c.batch(40, 4)[0], xb)


def test_windows_are_slices_of_the_stream(built: Path) -> None:
    ds = PackedDataset(built, seq_len=16, split="train", seed=0)
    index = read_index(built)
    info = index["splits"]["train"]
    stream = np.concatenate(
        [np.fromfile(built / s["file"], dtype=index["dtype"]) for s in info["shards"]]
    )
    assert ds.num_tokens == len(stream) == info["tokens"]
    for g in range(0, 3 * len(ds), 97):
        s = ds.window_start(g)
        assert np.array_equal(ds.window(g), stream[s : s + 17])
    x = ds.tokens(4090, 4100)  # crosses the first shard boundary (4096 tokens per shard)
    assert np.array_equal(x, stream[4090:4100])


def test_ranks_partition_the_global_batch(built: Path) -> None:
    ds = PackedDataset(built, seq_len=24, split="train", seed=1)
    full, _ = ds.batch(5, 8)
    parts = [ds.batch(5, 2, rank=r, world_size=4)[0] for r in range(4)]
    assert torch.equal(torch.cat(parts), full)


def test_epochs_reshuffle(built: Path) -> None:
    ds = PackedDataset(built, seq_len=64, split="train", seed=0)
    n = len(ds)
    first = [ds.window_start(g) for g in range(n)]
    second = [ds.window_start(g) for g in range(n, 2 * n)]
    # every window of an epoch is visited once, on a grid of seq_len with a per-epoch offset
    assert len(set(first)) == n and len(set(second)) == n
    assert len({s % 64 for s in first}) == 1 and first != second
    assert max(first) + 65 <= ds.num_tokens


def test_packed_dataset_errors(built: Path, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="index.json not found"):
        PackedDataset(tmp_path, 16)
    with pytest.raises(DataError, match="split must be one of"):
        PackedDataset(built, 16, split="test")
    with pytest.raises(DataError, match="needs at least"):
        PackedDataset(built, 10**7, split="val")
    ds = PackedDataset(built, 16)
    with pytest.raises(DataError, match="rank"):
        ds.batch(0, 2, rank=2, world_size=2)


def test_sft_targets_are_masked_outside_assistant_turns(corpus: Path, tok: HavocTokenizer) -> None:
    ds = SFTDataset(corpus / "chats.jsonl", tok, seq_len=256, seed=0)
    lines = [json.loads(x)["messages"] for x in (corpus / "chats.jsonl").read_text().splitlines()]
    inputs, targets = ds.batch(0, 3)
    assert inputs.shape == targets.shape == (3, 256) and targets.dtype == torch.int64
    for row in range(3):
        x, y = inputs[row].tolist(), targets[row].tolist()
        learned = [t for t in y if t != IGNORE_INDEX]
        # independent reference: the learned tokens decode to exactly the assistant answer + <|end|>
        text = tok.decode(learned)
        answers = [m["content"] for msgs in lines for m in msgs if m["role"] == "assistant"]
        assert any(text == tok.normalize(a) + "<|end|>" for a in answers) or ds.truncated
        # positions after the conversation are padding and ignored
        n = next((i for i in range(len(x) - 1, -1, -1) if x[i] != tok.pad_id), 0) + 1
        assert all(t == IGNORE_INDEX for t in y[n:]) and all(v == tok.pad_id for v in x[n:])
        # a target is learned only where the *next* input token is in the assistant span
        assert x[0] == tok.bos_id and y[0] == IGNORE_INDEX
    again = SFTDataset(corpus / "chats.jsonl", tok, seq_len=256, seed=0)
    assert torch.equal(again.batch(0, 3)[1], targets)


def test_sft_errors(tok: HavocTokenizer, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        SFTDataset(tmp_path / "none.jsonl", tok, 64)
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"messages": [{"role": "user", "content": "only a question"}]}) + "\n")
    with pytest.raises(DataError, match="no assistant turn"):
        SFTDataset(p, tok, 64)
    p.write_text("{not json\n")
    with pytest.raises(DataError, match="invalid JSON"):
        SFTDataset(p, tok, 64)


def test_bundled_corpus_harvests_installed_docs(tmp_path: Path) -> None:
    files = bundled_corpus(tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    names = {s["name"] for s in manifest["sources"]}
    assert "numpy" in names  # numpy is always installed with havoc-data
    numpy_docs = [json.loads(x) for x in (tmp_path / "numpy.jsonl").read_text().splitlines()]
    assert any("numpy.linspace" in d["text"] and "evenly spaced" in d["text"] for d in numpy_docs)
    for s in manifest["sources"]:
        assert (tmp_path / s["file"]) in files and s["documents"] > 0
    # a second call reuses the harvest
    mtime = files[0].stat().st_mtime_ns
    assert bundled_corpus(tmp_path) == files and files[0].stat().st_mtime_ns == mtime
