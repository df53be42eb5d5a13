"""Building packed shards: integrity, filters, dedup, DSL tagging, weights, split, errors."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from havoc_data import DataError, MixtureConfig, build_dataset, read_index
from havoc_tokenizer import HavocTokenizer


def split_docs(out: Path, split: str) -> list[np.ndarray]:
    index = read_index(out)
    info = index["splits"][split]
    stream = np.concatenate(
        [np.fromfile(out / s["file"], dtype=index["dtype"]) for s in info["shards"]]
    )
    starts = np.load(out / info["doc_starts"])
    bounds = list(starts) + [len(stream)]
    return [stream[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def test_index_and_shard_integrity(built: Path, tok: HavocTokenizer) -> None:
    index = read_index(built)
    assert index["dtype"] == "uint16" and index["vocab_size"] == tok.vocab_size
    assert index["tokenizer_sha256"] == tok.fingerprint
    for split, info in index["splits"].items():
        assert len(info["shards"]) >= 1
        total = 0
        for shard in info["shards"]:
            data = (built / shard["file"]).read_bytes()
            assert len(data) == 2 * shard["tokens"] <= 2 * 4096
            assert hashlib.sha256(data).hexdigest() == shard["sha256"]
            total += shard["tokens"]
        assert total == info["tokens"] == sum(info["tokens_per_source"].values())
        assert sum(len(d) for d in split_docs(built, split)) == total
    assert len(index["splits"]["train"]["shards"]) > 1


def test_tokens_in_equal_tokens_out(built: Path, corpus: Path, tok: HavocTokenizer) -> None:
    # Every kept text document, encoded independently, appears in the shards exactly as
    # <s> ids </s>; weight 2.0 makes each training document of "docs" appear twice.
    index = read_index(built)
    train = [tuple(d) for d in split_docs(built, "train")]
    val = [tuple(d) for d in split_docs(built, "val")]
    assert not set(train) & set(val)  # split by document
    for f in sorted((corpus / "text").iterdir()):
        ids = tuple([tok.bos_id, *tok.encode(f.read_text(encoding="utf-8")), tok.eos_id])
        assert (train.count(ids), val.count(ids)) in {(2, 0), (0, 1)}
    src = index["sources"]
    unique_tokens = sum(s["tokens"] for s in src.values())
    in_val = index["splits"]["val"]["tokens"]
    per_source = index["splits"]["train"]["tokens_per_source"]
    val_docs = index["splits"]["val"]["tokens_per_source"]
    assert per_source["docs"] == 2 * (src["docs"]["tokens"] - val_docs["docs"])
    assert per_source["chats"] == src["chats"]["tokens"] - val_docs["chats"]
    assert 0 < per_source["records"] < src["records"]["tokens"] - val_docs["records"]
    assert in_val == sum(val_docs.values()) and unique_tokens > in_val


def test_chat_documents_use_the_template(built: Path, corpus: Path, tok: HavocTokenizer) -> None:
    docs = {tuple(d) for d in split_docs(built, "train") + split_docs(built, "val")}
    line = (corpus / "chats.jsonl").read_text().splitlines()[0]
    ids = tok.encode_chat(json.loads(line)["messages"], add_generation_prompt=False)
    assert tuple([*ids, tok.eos_id]) in docs


def test_build_is_deterministic_and_cached(
    mixture: dict, tok: HavocTokenizer, built: Path, tmp_path: Path
) -> None:
    again = build_dataset(mixture, tmp_path / "a", tok, workers=2, show_progress=False)
    first = read_index(built)
    assert [s["sha256"] for s in again["splits"]["train"]["shards"]] == [
        s["sha256"] for s in first["splits"]["train"]["shards"]
    ]
    shard = tmp_path / "a" / again["splits"]["train"]["shards"][0]["file"]
    mtime = shard.stat().st_mtime_ns
    cached = build_dataset(mixture, tmp_path / "a", tok, show_progress=False)
    assert cached["cache_key"] == again["cache_key"] and shard.stat().st_mtime_ns == mtime
    other = build_dataset(
        {**mixture, "seed": 8}, tmp_path / "b", tok, workers=1, show_progress=False
    )
    assert (
        other["splits"]["train"]["shards"][0]["sha256"]
        != first["splits"]["train"]["shards"][0]["sha256"]
    )


def test_filters_dedup_and_dsl_tagging(tok: HavocTokenizer, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    body = "Fit the model first.\n```dsl\nmodel = ols(y ~ x)\n```\nThen read the p-values."
    (src / "a.md").write_text(body)
    (src / "b.md").write_text(body.replace("\n", "\r\n"))  # same after normalisation
    (src / "c.md").write_text("short")
    (src / "d.md").write_text("The sample standard deviation σ measures spread about the mean.")
    cfg = {
        "sources": [{"name": "s", "type": "text", "paths": [str(src)]}],
        "val_fraction": 0.0,
        "min_chars": 10,
    }
    index = build_dataset(cfg, tmp_path / "out", tok, workers=1, show_progress=False)
    stats = index["sources"]["s"]
    assert (stats["documents_in"], stats["documents"], stats["duplicates"], stats["too_short"]) == (
        4,
        2,
        1,
        1,
    )
    docs = split_docs(tmp_path / "out", "train")
    tagged = [d for d in docs if 12 in d]
    assert len(tagged) == 1
    d = list(tagged[0])
    inner = d[d.index(12) + 1 : d.index(13)]
    assert tok.decode(inner) == "model = ols(y ~ x)\n"
    assert (
        tok.decode(d, skip_special_tokens=True)
        == "Fit the model first.\nmodel = ols(y ~ x)\n\nThen read the p-values."
    )


def test_uint32_shards_for_large_vocabularies(
    tok: HavocTokenizer, corpus: Path, tmp_path: Path
) -> None:
    class BigVocab(HavocTokenizer):
        @property
        def vocab_size(self) -> int:
            return 73728

    big = BigVocab((Path(tok.save_pretrained(tmp_path / "t")) / "tokenizer.model").read_bytes())
    cfg = {"sources": [{"name": "s", "type": "text", "paths": [str(corpus / "text")]}]}
    index = build_dataset(cfg, tmp_path / "o", big, workers=1, show_progress=False)
    assert index["dtype"] == "uint32"
    shard = index["splits"]["train"]["shards"][0]
    assert (tmp_path / "o" / shard["file"]).stat().st_size == 4 * shard["tokens"]


@pytest.mark.parametrize(
    ("cfg", "match"),
    [
        (
            {"sources": [{"name": "s", "type": "text", "paths": ["/nonexistent/x.txt"]}]},
            "not found",
        ),
        (
            {"sources": [{"name": "s", "type": "text", "paths": ["/nonexistent/*.txt"]}]},
            "matches no files",
        ),
        ({"sources": [{"name": "s", "type": "video", "paths": ["x"]}]}, "type must be one of"),
        ({"sources": [{"name": "s", "type": "text"}]}, "needs `paths`"),
        ({"sources": []}, "no sources"),
        ({"sources": [], "colour": 1}, "unknown mixture settings"),
        ({"sources": [{"name": "s", "type": "text", "paths": ["x"], "weight": -1}]}, "weight"),
        (
            {"sources": [{"name": "s", "type": "text", "paths": ["x"]}], "val_fraction": 1.5},
            "val_fraction",
        ),
    ],
)
def test_config_errors(cfg: dict, match: str, tok: HavocTokenizer, tmp_path: Path) -> None:
    with pytest.raises(DataError, match=match):
        build_dataset(cfg, tmp_path, tok, workers=1, show_progress=False)


def test_empty_corpus_and_bad_jsonl(tok: HavocTokenizer, tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_text("   \n")
    cfg = {"sources": [{"name": "s", "type": "text", "paths": [str(tmp_path / "e.txt")]}]}
    with pytest.raises(DataError, match="empty after filtering"):
        build_dataset(cfg, tmp_path / "o", tok, workers=1, show_progress=False)
    assert not (tmp_path / "o" / "index.json").exists()
    (tmp_path / "r.jsonl").write_text('{"text": "fine and long enough text"}\n{"body": 1}\n')
    cfg = {"sources": [{"name": "r", "type": "jsonl", "paths": [str(tmp_path / "r.jsonl")]}]}
    with pytest.raises(DataError, match=r"r.jsonl:2: .* expects a string at 'text'"):
        build_dataset(cfg, tmp_path / "o", tok, workers=1, show_progress=False)
    (tmp_path / "c.jsonl").write_text('{"messages": [{"role": "robot", "content": "x"}]}\n')
    cfg = {"sources": [{"name": "c", "type": "chat", "paths": [str(tmp_path / "c.jsonl")]}]}
    with pytest.raises(DataError, match=r"c.jsonl:1: .*role"):
        build_dataset(cfg, tmp_path / "o", tok, workers=1, show_progress=False)


def test_yaml_paths_resolve_against_the_file(tmp_path: Path, corpus: Path) -> None:
    shutil.copytree(corpus / "text", tmp_path / "texts")
    (tmp_path / "mix.yaml").write_text(
        "sources:\n  - {name: t, type: text, paths: [texts], weight: 1}\n"
    )
    cfg = MixtureConfig.from_yaml(tmp_path / "mix.yaml")
    assert cfg.sources[0].paths == [str(tmp_path.resolve() / "texts")]
    with pytest.raises(DataError, match="not found"):
        MixtureConfig.from_yaml(tmp_path / "missing.yaml")
    (tmp_path / "bad.yaml").write_text("sources: [")
    with pytest.raises(DataError, match="invalid YAML"):
        MixtureConfig.from_yaml(tmp_path / "bad.yaml")


def test_repo_mixture_configs_load() -> None:
    root = Path(__file__).resolve().parents[3] / "configs" / "data"
    for name in ("default.yaml", "tiny.yaml"):
        cfg = MixtureConfig.from_yaml(root / name)
        assert cfg.sources[0].type == "bundled"
