"""`havoc ask --checkpoint` with a real HAVOC checkpoint: the model is asked for MODE/PLAN
proposals through the Generator protocol, the rules keep the final say, and the answer's numbers
are the tools' (checked against scipy)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import torch
from havoc_model import HavocModel, ModelConfig
from havoc_rag import handbook_dir
from havoc_tokenizer import train_tokenizer
from scipy import stats

A = [500.1, 499.8, 500.4, 500.0, 499.6]
B = [500.9, 501.2, 500.7, 501.0, 500.6]


def test_ask_with_checkpoint(tmp_path: Path) -> None:
    tok = train_tokenizer([handbook_dir()], 512, tmp_path / "tok", show_progress=False)
    torch.manual_seed(0)
    cfg = ModelConfig.from_preset("tiny").replace(
        vocab_size=tok.vocab_size,
        n_layers=2,
        d_model=64,
        n_heads=4,
        n_kv_heads=2,
        head_dim=16,
        ffn_hidden=128,
        max_seq_len=512,
    )
    ckpt = tmp_path / "ckpt"
    HavocModel(cfg).save_pretrained(ckpt, extra_files={"tokenizer": tmp_path / "tok"})
    csv = tmp_path / "fill.csv"
    csv.write_text("line,weight\n" + "".join(f"A,{a}\nB,{b}\n" for a, b in zip(A, B)))

    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "havoc_cli",
            "ask",
            "Is the mean weight different between line A and line B?",
            "--data",
            str(csv),
            "--checkpoint",
            str(ckpt),
            "--json",
            "--trace",
            "--no-rag",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["status"] == "answered"
    plan = next(s for s in doc["trace"]["stages"] if s["stage"] == "PLAN")
    # the model was consulted; whatever it proposed, the trace records the outcome
    assert "model" in plan["outputs"] and plan["outputs"]["model"]
    expected = stats.ttest_ind(A, B, equal_var=False)
    assert abs(doc["key_numbers"]["t"] - expected.statistic) < 1e-9
    assert abs(doc["key_numbers"]["p_value"] - expected.pvalue) < 1e-12
