"""The exported tokenizer.json gives the same ids as our tokenizer in HF tokenizers/transformers."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest
from havoc_tokenizer import SPECIAL_TOKENS, HavocTokenizer
from tokenizers import Tokenizer

HARD = [
    "emoji 😀👍🏽 family 👨‍👩‍👧 flag 🇩🇪 and CJK 你好，世界。日本語 한국어",
    "tabs\tand\t\tdouble tabs\t   repeated     spaces\n\n\nnewlines",
    "σ = 0.5 μm ± 0.01, Cpk ≥ 1.33, 20 °C, 5 Ω, α β γ Δ ∑ ∫ 3.14159e-10",
    "  leading spaces and a trailing one ",
    "def f(x):\n        return x ** 2  # indented\n",
]


def held_out() -> list[str]:
    # Real text the tokenizer never saw: stdlib modules outside the training set.
    root = Path(sysconfig.get_paths()["stdlib"])
    return [(root / n).read_text(encoding="utf-8") for n in ("difflib.py", "random.py", "heapq.py")]


@pytest.fixture(scope="module")
def hf_tokenizer(tok_dir: Path) -> Tokenizer:
    return Tokenizer.from_file(str(tok_dir / "tokenizer.json"))


@pytest.fixture(scope="module")
def hf_fast(tok_dir: Path):
    transformers = pytest.importorskip("transformers")
    return transformers.PreTrainedTokenizerFast(tokenizer_file=str(tok_dir / "tokenizer.json"))


def test_tokenizers_same_ids(tok: HavocTokenizer, hf_tokenizer: Tokenizer) -> None:
    assert hf_tokenizer.get_vocab_size() == tok.vocab_size
    for text in HARD + held_out():
        norm = tok.normalize(text)
        ours = tok.encode(text)
        theirs = hf_tokenizer.encode(norm, add_special_tokens=False).ids
        assert theirs == ours
        assert hf_tokenizer.decode(ours, skip_special_tokens=False) == norm


def test_transformers_fast_same_ids(tok: HavocTokenizer, hf_fast) -> None:
    for text in HARD + held_out()[:1]:
        norm = tok.normalize(text)
        assert hf_fast.encode(norm, add_special_tokens=False) == tok.encode(text)
        assert hf_fast.decode(tok.encode(text)) == norm


def test_markers_are_special_tokens_with_same_ids(tok: HavocTokenizer, hf_tokenizer) -> None:
    for i, text in enumerate(SPECIAL_TOKENS):
        assert hf_tokenizer.token_to_id(text) == i
    text = "<s><|user|>\nmean?<|end|>\n<|assistant|>\n<SRS_PLAN><DSL_BEGIN>mean(x)<DSL_END>"
    ours = tok.encode(text, allow_markers=True)
    assert hf_tokenizer.encode(text, add_special_tokens=False).ids == ours
    assert hf_tokenizer.decode(ours, skip_special_tokens=True) == tok.decode(
        ours, skip_special_tokens=True
    )


def test_transformers_chat_template_matches(tok: HavocTokenizer, tok_dir: Path) -> None:
    transformers = pytest.importorskip("transformers")
    pytest.importorskip("jinja2")
    hf = transformers.AutoTokenizer.from_pretrained(str(tok_dir))
    messages = [
        {"role": "system", "content": "Answer with numbers."},
        {"role": "user", "content": "Mean of 2 and 4?"},
        {"role": "assistant", "content": "<TOOL_CALL>mean([2, 4])<TOOL_CALL_END>"},
        {"role": "tool", "content": "3.0"},
        {"role": "assistant", "content": "3"},
    ]
    text = hf.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    assert text == tok.apply_chat_template(messages, add_generation_prompt=True)
    ids = hf(text, add_special_tokens=False)["input_ids"]
    assert ids == tok.encode_chat(messages, add_generation_prompt=True)
