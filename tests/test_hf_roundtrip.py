"""A real HAVOC tokenizer + model checkpoint, exported with `havoc export --format hf`, loads in
Hugging Face transformers (AutoTokenizer, AutoModelForCausalLM) and gives the same ids and logits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from havoc_model import HavocModel, ModelConfig
from havoc_model.hf import export_hf
from havoc_tokenizer import HavocTokenizer, train_tokenizer

TEXT = [
    "The Welch t-test compares two means without assuming equal variances; df = 7.3.",
    "Control chart: UCL = x̄ + A2·R̄ with A2 = 0.577 for subgroups of 5 (σ ≈ 0.12 mm).",
    "Cp = (USL − LSL) / 6σ and Cpk = min(USL − μ, μ − LSL) / 3σ; target ≥ 1.33.",
    "A 2^(5-1) fractional factorial with E = ABCD has resolution V.",
    "def derive(expr):\n    return sympy.diff(expr, x)  # tabs\tand  double  spaces",
    "Temperaturen 25 °C, Widerstand 4.7 kΩ, Ströme 12 µA; 日本語のテキスト 🙂",
] * 40


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hf")
    corpus = root / "corpus.txt"
    corpus.write_text("\n".join(TEXT), encoding="utf-8")
    tok = train_tokenizer([corpus], 600, root / "tok", show_progress=False)
    torch.manual_seed(0)
    cfg = ModelConfig.from_preset("tiny").replace(
        vocab_size=tok.vocab_size,
        n_layers=2,
        d_model=64,
        n_heads=4,
        n_kv_heads=2,
        head_dim=16,
        ffn_hidden=160,
        max_seq_len=128,
    )
    model = HavocModel(cfg)
    ckpt = root / "ckpt"
    model.save_pretrained(ckpt)
    tok.save_pretrained(ckpt / "tokenizer")
    export_hf(ckpt, root / "hf")
    return root


def test_exported_folder_loads_in_transformers(checkpoint: Path) -> None:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    hf_dir = checkpoint / "hf"
    assert json.loads((hf_dir / "config.json").read_text())["architectures"] == ["LlamaForCausalLM"]
    hf_tok = AutoTokenizer.from_pretrained(hf_dir)
    ours = HavocTokenizer.from_pretrained(checkpoint / "ckpt" / "tokenizer")
    for text in TEXT[:6]:
        ids = ours.encode(text)
        assert hf_tok(ours.normalize(text), add_special_tokens=False)["input_ids"] == ids

    hf_model = AutoModelForCausalLM.from_pretrained(hf_dir, torch_dtype=torch.float32).eval()
    model = HavocModel.from_pretrained(checkpoint / "ckpt").eval()
    ids = torch.tensor([ours.encode(TEXT[1])[:48]])
    with torch.no_grad():
        expected = hf_model(ids).logits
        got = model(ids)
    torch.testing.assert_close(got, expected, atol=1e-5, rtol=1e-5)


def test_chat_template_matches(checkpoint: Path) -> None:
    from transformers import AutoTokenizer

    ours = HavocTokenizer.from_pretrained(checkpoint / "ckpt" / "tokenizer")
    hf_tok = AutoTokenizer.from_pretrained(checkpoint / "hf")
    messages = [
        {"role": "system", "content": "You are HAVOC."},
        {"role": "user", "content": "Is Cpk = 1.1 capable?"},
    ]
    if hf_tok.chat_template is None:
        pytest.fail("exported tokenizer has no chat template")
    theirs = hf_tok.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    assert theirs == ours.apply_chat_template(messages, add_generation_prompt=True)
