"""Our forward against transformers.LlamaForCausalLM on the same weights (fp32, 1e-5)."""

import json

import pytest
import torch
from havoc_model import HavocModel, ModelConfig
from havoc_model.hf import export_hf, import_hf
from transformers import AutoModelForCausalLM, AutoTokenizer, LlamaConfig, LlamaForCausalLM

CONFIGS = {
    "gqa-untied": dict(
        n_heads=8, n_kv_heads=2, tie_embeddings=False, rope_theta=10000.0, norm_eps=1e-5
    ),
    "gqa-tied-theta-eps": dict(
        n_heads=8, n_kv_heads=4, tie_embeddings=True, rope_theta=123456.0, norm_eps=1e-6
    ),
    "mha-head-dim-differs": dict(
        n_heads=4, n_kv_heads=4, tie_embeddings=False, rope_theta=500.0, norm_eps=3e-5, head_dim=24
    ),
    "mqa": dict(n_heads=4, n_kv_heads=1, tie_embeddings=True, rope_theta=10000.0, norm_eps=1e-5),
}


def _tiny(**kw) -> ModelConfig:
    base = dict(vocab_size=97, d_model=64, n_layers=2, head_dim=16, ffn_hidden=112, max_seq_len=64)
    return ModelConfig(**(base | kw))


def _random_model(cfg: ModelConfig, seed: int = 0) -> HavocModel:
    torch.manual_seed(seed)
    model = HavocModel(cfg).eval()
    with torch.no_grad():  # non-trivial norm weights too, so a mixed-up norm shows
        for p in model.parameters():
            p.normal_(0.0, 0.2) if p.dim() > 1 else p.uniform_(0.5, 1.5)
    return model


def _hf_from_ours(model: HavocModel) -> LlamaForCausalLM:
    c = model.config
    hc = LlamaConfig(
        vocab_size=c.vocab_size,
        hidden_size=c.d_model,
        intermediate_size=c.ffn_hidden,
        num_hidden_layers=c.n_layers,
        num_attention_heads=c.n_heads,
        num_key_value_heads=c.n_kv_heads,
        head_dim=c.head_dim,
        max_position_embeddings=c.max_seq_len,
        rms_norm_eps=c.norm_eps,
        rope_parameters={"rope_type": "default", "rope_theta": c.rope_theta},
        tie_word_embeddings=c.tie_embeddings,
    )
    hf = LlamaForCausalLM(hc).eval()
    # Copy by hand (independent of havoc_model.hf's name table).
    sd = hf.state_dict()
    with torch.no_grad():
        sd["model.embed_tokens.weight"].copy_(model.embed.weight)
        sd["model.norm.weight"].copy_(model.norm.weight)
        sd["lm_head.weight"].copy_(
            model.embed.weight if model.lm_head is None else model.lm_head.weight
        )
        for i, blk in enumerate(model.layers):
            p = f"model.layers.{i}."
            sd[p + "input_layernorm.weight"].copy_(blk.attention_norm.weight)
            sd[p + "post_attention_layernorm.weight"].copy_(blk.mlp_norm.weight)
            for n in ("q_proj", "k_proj", "v_proj", "o_proj"):
                sd[p + f"self_attn.{n}.weight"].copy_(getattr(blk.attention, n).weight)
            for n in ("gate_proj", "up_proj", "down_proj"):
                sd[p + f"mlp.{n}.weight"].copy_(getattr(blk.mlp, n).weight)
    return hf


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_forward_matches_llama(name) -> None:
    model = _random_model(_tiny(**CONFIGS[name]))
    hf = _hf_from_ours(model)
    ids = torch.randint(0, 97, (3, 40), generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        ours = model(ids)
        theirs = hf(ids).logits
    assert ours.dtype == torch.float32 and ours.shape == (3, 40, 97)
    torch.testing.assert_close(ours, theirs, atol=1e-5, rtol=1e-5)


def test_left_padded_batch_matches_llama_with_mask() -> None:
    model = _random_model(_tiny(**CONFIGS["gqa-untied"]))
    hf = _hf_from_ours(model)
    ids = torch.randint(0, 97, (2, 12), generator=torch.Generator().manual_seed(2))
    mask = torch.ones_like(ids)
    mask[1, :5] = 0
    with torch.no_grad():
        ours = model(ids, attention_mask=mask)
        pos = (mask.cumsum(1) - 1).clamp(min=0)
        theirs = hf(ids, attention_mask=mask, position_ids=pos).logits
    real = mask.bool()
    torch.testing.assert_close(ours[real], theirs[real], atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("name", ["gqa-untied", "gqa-tied-theta-eps"])
def test_export_loads_in_transformers_and_import_round_trips(tmp_path, name) -> None:
    model = _random_model(_tiny(**CONFIGS[name]))
    model.save_pretrained(tmp_path / "ckpt")
    export_hf(tmp_path / "ckpt", tmp_path / "hf")
    hf = AutoModelForCausalLM.from_pretrained(tmp_path / "hf").eval()
    assert hf.config.tie_word_embeddings == model.config.tie_embeddings
    ids = torch.randint(0, 97, (2, 30), generator=torch.Generator().manual_seed(3))
    with torch.no_grad():
        ref = model(ids)
        torch.testing.assert_close(hf(ids).logits, ref, atol=1e-5, rtol=1e-5)
    import_hf(tmp_path / "hf", tmp_path / "back")
    back = HavocModel.from_pretrained(tmp_path / "back")
    assert back.config == model.config
    with torch.no_grad():
        torch.testing.assert_close(back(ids), ref, atol=0, rtol=0)


def test_import_of_a_transformers_saved_model(tmp_path) -> None:
    model = _random_model(_tiny(**CONFIGS["mqa"]))
    hf = _hf_from_ours(model)
    hf.save_pretrained(tmp_path / "hf")
    import_hf(tmp_path / "hf", tmp_path / "ours")
    ours = HavocModel.from_pretrained(tmp_path / "ours")
    ids = torch.randint(0, 97, (1, 25), generator=torch.Generator().manual_seed(4))
    with torch.no_grad():
        torch.testing.assert_close(ours(ids), hf(ids).logits, atol=1e-5, rtol=1e-5)


def test_sharded_export_loads(tmp_path) -> None:
    model = _random_model(_tiny(**CONFIGS["gqa-untied"]))
    model.save_pretrained(tmp_path / "ckpt")
    export_hf(tmp_path / "ckpt", tmp_path / "hf", max_shard_bytes=40_000)
    index = json.loads((tmp_path / "hf" / "model.safetensors.index.json").read_text())
    assert len(set(index["weight_map"].values())) > 1
    hf = AutoModelForCausalLM.from_pretrained(tmp_path / "hf").eval()
    ids = torch.randint(0, 97, (1, 10))
    with torch.no_grad():
        torch.testing.assert_close(hf(ids).logits, model(ids), atol=1e-5, rtol=1e-5)
    import_hf(tmp_path / "hf", tmp_path / "back")
    with torch.no_grad():
        torch.testing.assert_close(HavocModel.from_pretrained(tmp_path / "back")(ids), model(ids))


def _write_tokenizer(folder) -> list[str]:
    from tokenizers import Tokenizer, models, pre_tokenizers

    specials = ["<unk>", "<s>", "</s>", "<pad>"]
    words = ["mean", "variance", "sigma", "x", "=", "1", "2"]
    vocab = {t: i for i, t in enumerate(specials + words)}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.add_special_tokens(specials)
    folder.mkdir(parents=True)
    tok.save(str(folder / "tokenizer.json"))
    (folder / "special_tokens.json").write_text(json.dumps({"bos": "<s>", "eos": "</s>", "pad": 3}))
    return words


def test_export_with_tokenizer_loads_in_autotokenizer(tmp_path) -> None:
    model = _random_model(_tiny(**CONFIGS["gqa-untied"]))
    model.save_pretrained(tmp_path / "ckpt")
    _write_tokenizer(tmp_path / "ckpt" / "tokenizer")
    export_hf(tmp_path / "ckpt", tmp_path / "hf")
    tok = AutoTokenizer.from_pretrained(tmp_path / "hf")
    assert tok.bos_token == "<s>" and tok.eos_token == "</s>" and tok.pad_token == "<pad>"
    assert tok.eos_token_id == 2 and tok.pad_token_id == 3
    ids = tok("mean = sigma", add_special_tokens=False)["input_ids"]
    assert ids == [4, 8, 6]
    cfg = json.loads((tmp_path / "hf" / "config.json").read_text())
    assert (cfg["bos_token_id"], cfg["eos_token_id"], cfg["pad_token_id"]) == (1, 2, 3)
    import_hf(tmp_path / "hf", tmp_path / "back")
    assert (tmp_path / "back" / "tokenizer" / "tokenizer.json").is_file()


def test_import_rejects_unsupported(tmp_path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "gpt2"}))
    with pytest.raises(ValueError, match="only Llama"):
        import_hf(tmp_path, tmp_path / "out")
    base = {
        "model_type": "llama",
        "vocab_size": 10,
        "hidden_size": 8,
        "intermediate_size": 16,
        "num_hidden_layers": 1,
        "num_attention_heads": 2,
        "attention_bias": True,
        "rope_scaling": {"rope_type": "llama3", "factor": 8.0},
    }
    (tmp_path / "config.json").write_text(json.dumps(base))
    with pytest.raises(ValueError, match="attention_bias.*llama3"):
        import_hf(tmp_path, tmp_path / "out")
    with pytest.raises(ValueError, match="config.json"):
        export_hf(tmp_path / "missing", tmp_path / "out")
