"""Encoding, decoding, reserved ids, streaming and training errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from havoc_tokenizer import (
    SPECIAL_TOKEN_IDS,
    SPECIAL_TOKENS,
    HavocTokenizer,
    TokenizerError,
    normalize,
    train_tokenizer,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HARD = [
    "",
    " ",
    "   leading and trailing   ",
    "tabs\tand\t\tdouble tabs\t",
    "repeated     spaces and\n\n\nnewlines\r\nCRLF",
    "emoji 😀👍🏽 family 👨‍👩‍👧 flag 🇩🇪",
    "CJK 你好，世界。日本語のテキスト 한국어",
    "σ = 0.5 µm ± 0.01, Cpk ≥ 1.33, 20 °C, 5 Ω, α β γ Δ ∑ ∫",
    "x² − 1 ≤ 10⁻³ — H₂O ½ “quoted” ‘single’ … ﬁne",
    "numbers 1234567890 3.14159e-10 -42",
    "combining e\u0301 and soft\u00adhyphen and zero\u200bwidth",
    "<|user|> <SRS_PLAN> <DSL_BEGIN> </s> <s> <pad>",
    "▁ lower block and \x00 nul and \x7f del",
    "def f(x):\n    return x ** 2  # indented\n",
]


def test_reserved_ids_are_fixed_and_documented(tok: HavocTokenizer) -> None:
    expected = {"<pad>": 0, "<s>": 1, "</s>": 2, "<unk>": 3, "<SRS_MODE>": 4, "<SRS_ANSWER>": 11}
    expected |= {"<DSL_BEGIN>": 12, "<DSL_END>": 13, "<TOOL_CALL>": 14, "<TOOL_RESULT_END>": 17}
    expected |= {"<|system|>": 18, "<|user|>": 19, "<|assistant|>": 20, "<|tool|>": 21}
    expected |= {"<|end|>": 22}
    for text, i in expected.items():
        assert tok.special_tokens[text] == i
        assert tok.id_to_piece(i) == text
    assert (tok.pad_id, tok.bos_id, tok.eos_id, tok.unk_id) == (0, 1, 2, 3)
    assert len(SPECIAL_TOKENS) == 64 and tok.id_to_piece(64) == "<0x00>"


def test_each_marker_is_exactly_one_id_when_allowed(tok: HavocTokenizer) -> None:
    for text, i in SPECIAL_TOKEN_IDS.items():
        assert tok.encode(text, allow_markers=True) == [i]
        assert tok.encode(f"a {text} b", allow_markers=True).count(i) == 1


def test_allow_markers_subset(tok: HavocTokenizer) -> None:
    ids = tok.encode("<DSL_BEGIN>x<|user|>", allow_markers={"<DSL_BEGIN>"})
    assert ids[0] == 12 and 19 not in ids
    with pytest.raises(TokenizerError, match="unknown tokens"):
        tok.encode("x", allow_markers={"<NOPE>"})


marker_text = st.lists(
    st.one_of(st.text(max_size=8), st.sampled_from(SPECIAL_TOKENS)), max_size=12
).map("".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=marker_text)
def test_ordinary_text_never_produces_a_reserved_id(tok: HavocTokenizer, text: str) -> None:
    ids = tok.encode(text)
    assert all(i >= 64 for i in ids)
    assert tok.decode(ids) == normalize(text)


@pytest.mark.parametrize("text", HARD)
def test_round_trip_hard_text(tok: HavocTokenizer, text: str) -> None:
    ids = tok.encode(text)
    assert tok.decode(ids) == normalize(text)
    assert tok.unk_id not in ids  # byte fallback covers everything


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=60))
def test_round_trip_any_text(tok: HavocTokenizer, text: str) -> None:
    assert tok.decode(tok.encode(text)) == normalize(text)


def test_bos_eos_and_batch(tok: HavocTokenizer) -> None:
    ids = tok.encode("mean and variance", add_bos=True, add_eos=True)
    assert ids[0] == tok.bos_id and ids[-1] == tok.eos_id
    assert tok.decode(ids, skip_special_tokens=True) == "mean and variance"
    assert tok.decode(ids) == "<s>mean and variance</s>"
    batch = tok.encode_batch(HARD, add_bos=True)
    assert batch == [tok.encode(t, add_bos=True) for t in HARD]


def test_decode_rejects_bad_ids(tok: HavocTokenizer) -> None:
    with pytest.raises(TokenizerError, match="outside the vocabulary"):
        tok.decode([5, tok.vocab_size])
    with pytest.raises(TokenizerError, match="outside the vocabulary"):
        tok.decode([-1])
    with pytest.raises(TokenizerError, match="expects str"):
        tok.encode(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", HARD)
def test_incremental_decoder_matches_decode(tok: HavocTokenizer, text: str) -> None:
    ids = tok.encode(text, allow_markers=True)
    dec = tok.incremental_decoder()
    pieces = [dec.add(i) for i in ids]
    assert "".join(pieces) + dec.flush() == tok.decode(ids)
    # No piece ever carries a replacement character for valid input: broken UTF-8 is held back.
    assert all("\ufffd" not in p for p in pieces)


def test_incremental_decoder_holds_partial_characters(tok: HavocTokenizer) -> None:
    ids = tok.encode("a😀")
    assert len(ids) >= 5  # 'a' + four byte-fallback tokens for the emoji
    dec = tok.incremental_decoder()
    assert dec.add(ids[0]) == "a"
    assert [dec.add(i) for i in ids[1:-1]] == ["", "", ""][: len(ids) - 2]
    assert dec.add(ids[-1]) == "😀"
    # An unfinished character is flushed as one replacement character, never raw bytes.
    dec.add(tok.token_id("<0xF0>"))
    assert dec.flush() == "\ufffd"
    with pytest.raises(TokenizerError):
        dec.add(tok.vocab_size)


def test_incremental_decoder_keeps_spaces(tok: HavocTokenizer) -> None:
    text = "  two leading,   three inside "
    dec = tok.incremental_decoder()
    out = "".join(dec.add(i) for i in tok.encode(text)) + dec.flush()
    assert out == text


def test_save_and_load_round_trip(tok: HavocTokenizer, tok_dir: Path, tmp_path: Path) -> None:
    files = {p.name for p in tok_dir.iterdir()}
    assert {"tokenizer.model", "tokenizer.json", "special_tokens.json"} <= files
    meta = json.loads((tok_dir / "special_tokens.json").read_text())
    assert meta["tokens"] == SPECIAL_TOKEN_IDS and meta["vocab_size"] == tok.vocab_size
    tok.save_pretrained(tmp_path / "copy")
    again = HavocTokenizer.from_pretrained(tmp_path / "copy")
    assert again.fingerprint == tok.fingerprint
    assert again.encode(HARD[5]) == tok.encode(HARD[5])


def test_from_pretrained_errors(tmp_path: Path) -> None:
    with pytest.raises(TokenizerError, match="tokenizer.model not found"):
        HavocTokenizer.from_pretrained(tmp_path)
    (tmp_path / "tokenizer.model").write_bytes(b"not a model")
    with pytest.raises(TokenizerError, match="SentencePiece"):
        HavocTokenizer.from_pretrained(tmp_path)


def test_training_is_deterministic(corpus_dir: Path, tok: HavocTokenizer, tmp_path: Path) -> None:
    again = train_tokenizer([corpus_dir], 1200, tmp_path, show_progress=False)
    assert again.fingerprint == tok.fingerprint


def test_training_errors(tmp_path: Path, corpus_dir: Path) -> None:
    with pytest.raises(TokenizerError, match="not found"):
        train_tokenizer([tmp_path / "missing.txt"], 1000, tmp_path / "o", show_progress=False)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n \t\n")
    with pytest.raises(TokenizerError, match="empty"):
        train_tokenizer([empty], 1000, tmp_path / "o", show_progress=False)
    (tmp_path / "d").mkdir()
    with pytest.raises(TokenizerError, match="no text files"):
        train_tokenizer([tmp_path / "d"], 1000, tmp_path / "o", show_progress=False)
    small = tmp_path / "small.txt"
    small.write_text("The mean of a sample is its sum divided by its size.\n")
    with pytest.raises(TokenizerError, match="corpus too small for vocab_size=5000"):
        train_tokenizer([small], 5000, tmp_path / "o", show_progress=False)
    with pytest.raises(TokenizerError, match="vocab_size"):
        train_tokenizer([small], 10, tmp_path / "o", show_progress=False)
