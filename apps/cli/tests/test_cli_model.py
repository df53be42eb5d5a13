import json

import pytest
from havoc_cli.main import app
from typer.testing import CliRunner

runner = CliRunner()

SMALL_YAML = """\
vocab_size: 400
d_model: 32
n_layers: 2
n_heads: 4
n_kv_heads: 2
head_dim: 8
ffn_hidden: 64
max_seq_len: 96
"""


def _run(*args):
    return runner.invoke(app, list(args))


def test_info_7b_json_counts_agree() -> None:
    res = _run("model", "info", "--preset", "havoc-7b", "--json", "--seq-len", "4096")
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    total = data["parameters"]["total"]
    assert total == data["parameters_meta_device"]
    assert 6.5e9 <= total <= 7.5e9
    c = data["config"]
    # independent recount from the printed config
    d, f, v = c["d_model"], c["ffn_hidden"], c["vocab_size"]
    kv = c["n_kv_heads"] * c["head_dim"]
    per_layer = 2 * d * c["n_heads"] * c["head_dim"] + 2 * d * kv + 3 * d * f + 2 * d
    emb = v * d * (1 if c["tie_embeddings"] else 2)
    assert total == c["n_layers"] * per_layer + emb + d
    shardings = {p["sharding"] for p in data["memory_plans"]}
    assert shardings == {"none", "fsdp"}


def test_info_text_and_errors() -> None:
    res = _run("model", "info", "--preset", "tiny")
    assert res.exit_code == 0 and "parameters" in res.output and "GiB" in res.output
    res = _run("model", "info", "--preset", "nope")
    assert res.exit_code == 2 and "unknown model preset" in res.output
    res = _run("model", "info")
    assert res.exit_code == 2 and "--preset" in res.output


def test_init_generate_ids_and_export(tmp_path) -> None:
    cfg = tmp_path / "m.yaml"
    cfg.write_text(SMALL_YAML)
    ckpt = tmp_path / "ckpt"
    res = _run("model", "init", "--config", str(cfg), "--out", str(ckpt), "--seed", "3")
    assert res.exit_code == 0, res.output
    assert {p.name for p in ckpt.iterdir()} == {"config.json", "model.safetensors"}
    res = _run("generate", str(ckpt), "--ids", "1,2,3", "--max-new-tokens", "5", "--greedy")
    assert res.exit_code == 0, res.output
    ids = [int(t) for t in res.stdout.split()]
    assert len(ids) == 5 and all(0 <= t < 400 for t in ids)
    # same greedy ids from the library
    import torch
    from havoc_model import GenerationConfig, HavocModel, generate

    model = HavocModel.from_pretrained(ckpt)
    ref = [
        e.token_id
        for e in generate(model, [[1, 2, 3]], GenerationConfig(max_new_tokens=5, greedy=True))
    ]
    assert ids == ref
    res = _run(
        "generate", str(ckpt), "--ids", "1,2,3", "--max-new-tokens", "5", "--greedy", "--compile"
    )
    assert res.exit_code == 0, res.output
    assert [int(t) for t in res.stdout.split()] == ref
    # text prompt without a tokenizer: a clear message
    res = _run("generate", str(ckpt), "hello")
    assert res.exit_code == 2 and "--ids" in res.output
    res = _run("export", str(ckpt), "--format", "hf", "--out", str(tmp_path / "hf"))
    assert res.exit_code == 0, res.output
    hf_cfg = json.loads((tmp_path / "hf" / "config.json").read_text())
    assert hf_cfg["architectures"] == ["LlamaForCausalLM"] and hf_cfg["hidden_size"] == 32
    res = _run("export", str(ckpt), "--format", "gguf", "--out", str(tmp_path / "x"))
    assert res.exit_code == 2 and "hf" in res.output
    assert torch.isfinite(model(torch.tensor([[1, 2]]))).all()


def test_generate_text_with_havoc_tokenizer(tmp_path) -> None:
    havoc_tokenizer = pytest.importorskip("havoc_tokenizer")
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(
        "\n".join(
            f"the mean of sample {i} is {i * 3.5} and the variance is {i * i}. UCL LCL sigma Cpk."
            for i in range(400)
        )
    )
    tok = havoc_tokenizer.train_tokenizer([str(corpus)], 392, tmp_path / "tok", show_progress=False)
    cfg = tmp_path / "m.yaml"
    cfg.write_text(SMALL_YAML)
    ckpt = tmp_path / "ckpt"
    res = _run(
        "model",
        "init",
        "--config",
        str(cfg),
        "--out",
        str(ckpt),
        "--tokenizer",
        str(tmp_path / "tok"),
    )
    assert res.exit_code == 0, res.output
    # the embedding follows the tokenizer it is saved with, whatever the config said
    assert json.loads((ckpt / "config.json").read_text())["vocab_size"] == tok.vocab_size
    res = _run("generate", str(ckpt), "the mean of", "--max-new-tokens", "12", "--greedy")
    assert res.exit_code == 0, res.output
    from havoc_model import GenerationConfig, HavocModel, generate_text

    model = HavocModel.from_pretrained(ckpt)
    expected = generate_text(
        model, tok, "the mean of", GenerationConfig(max_new_tokens=12, greedy=True)
    )
    assert res.stdout == expected + "\n"
    res = _run("export", str(ckpt), "--out", str(tmp_path / "hf"))
    assert res.exit_code == 0, res.output
    tc = json.loads((tmp_path / "hf" / "tokenizer_config.json").read_text())
    assert tc["eos_token"] == "</s>" and (tmp_path / "hf" / "tokenizer.json").is_file()


def test_init_refuses_huge_without_force(tmp_path) -> None:
    res = _run("model", "init", "--preset", "havoc-7b", "--out", str(tmp_path / "big"))
    assert res.exit_code == 2 and "--force" in res.output
    assert not (tmp_path / "big").exists()


def test_generate_quantize_int8_and_quantised_checkpoint(tmp_path) -> None:
    """`havoc generate --quantize int8` on a float checkpoint gives the library's int8 tokens;
    `havoc model quantize` writes a checkpoint that gives the same tokens without the flag."""
    from havoc_model import GenerationConfig, HavocModel, generate, quantize
    from havoc_model.checkpoint import load_quantization

    cfg = tmp_path / "m.yaml"
    cfg.write_text(SMALL_YAML)
    ckpt = tmp_path / "ckpt"
    assert _run("model", "init", "--config", str(cfg), "--out", str(ckpt)).exit_code == 0
    args = ("generate", str(ckpt), "--ids", "1,2,3", "--max-new-tokens", "6", "--greedy")
    res = _run(*args, "--quantize", "int8")
    assert res.exit_code == 0, res.output
    ids = [int(t) for t in res.stdout.split()]
    model = quantize(HavocModel.from_pretrained(ckpt))
    ref = [e.token_id for e in generate(model, [[1, 2, 3]], GenerationConfig(6, greedy=True))]
    assert ids == ref
    res = _run(*args, "--quantize", "int4")
    assert res.exit_code == 2 and "--quantize must be one of none, int8" in res.output
    qdir = tmp_path / "ckpt-int8"
    res = _run("model", "quantize", str(ckpt), "--out", str(qdir))
    assert res.exit_code == 0 and "int8" in res.output, res.output
    assert load_quantization(qdir) == "int8"
    for extra in ((), ("--quantize", "int8"), ("--compile",)):
        res = _run(
            "generate", str(qdir), "--ids", "1,2,3", "--max-new-tokens", "6", "--greedy", *extra
        )
        assert res.exit_code == 0, res.output
        assert [int(t) for t in res.stdout.split()] == ref
    res = _run("export", str(qdir), "--out", str(tmp_path / "hf"))
    assert res.exit_code == 2 and "int8-quantised" in res.output
