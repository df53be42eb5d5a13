"""Hugging Face interop: HAVOC checkpoint <-> `LlamaForCausalLM` folder.

Neither direction imports transformers: the HF ``config.json`` and ``model.safetensors`` are
written and read directly (weights streamed tensor by tensor; large exports are sharded with a
``model.safetensors.index.json``, as transformers expects).

>>> import tempfile, pathlib
>>> from havoc_model import HavocModel, ModelConfig
>>> from havoc_model.hf import export_hf, import_hf
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = HavocModel(ModelConfig.from_preset("tiny")).save_pretrained(root / "ckpt")
>>> _ = export_hf(root / "ckpt", root / "hf")        # AutoModelForCausalLM loads root / "hf"
>>> _ = import_hf(root / "hf", root / "back")
>>> sorted(p.name for p in (root / "back").iterdir())
['config.json', 'model.safetensors']
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import torch
from safetensors import safe_open
from safetensors.torch import save_file

from havoc_model.checkpoint import (
    TOKENIZER_DIR,
    WEIGHTS_FILE,
    atomic_directory,
    havoc_version,
    load_config,
    load_quantization,
)
from havoc_model.config import ModelConfig

_LAYER_NAMES = {
    # HAVOC name inside layers.{i}.  ->  HF name inside model.layers.{i}.
    "attention_norm.weight": "input_layernorm.weight",
    "attention.q_proj.weight": "self_attn.q_proj.weight",
    "attention.k_proj.weight": "self_attn.k_proj.weight",
    "attention.v_proj.weight": "self_attn.v_proj.weight",
    "attention.o_proj.weight": "self_attn.o_proj.weight",
    "mlp_norm.weight": "post_attention_layernorm.weight",
    "mlp.gate_proj.weight": "mlp.gate_proj.weight",
    "mlp.up_proj.weight": "mlp.up_proj.weight",
    "mlp.down_proj.weight": "mlp.down_proj.weight",
}
_TOP_NAMES = {
    "embed.weight": "model.embed_tokens.weight",
    "norm.weight": "model.norm.weight",
    "lm_head.weight": "lm_head.weight",
}
_HF_TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer.model",
    "tokenizer_config.json",
    "special_tokens_map.json",
)


def havoc_to_hf_name(name: str) -> str:
    if name in _TOP_NAMES:
        return _TOP_NAMES[name]
    m = re.fullmatch(r"layers\.(\d+)\.(.+)", name)
    if m and m.group(2) in _LAYER_NAMES:
        return f"model.layers.{m.group(1)}.{_LAYER_NAMES[m.group(2)]}"
    raise ValueError(f"no Hugging Face name for HAVOC weight {name!r}")


def hf_to_havoc_name(name: str) -> str:
    for ours, theirs in _TOP_NAMES.items():
        if name == theirs:
            return ours
    m = re.fullmatch(r"model\.layers\.(\d+)\.(.+)", name)
    if m:
        for ours, theirs in _LAYER_NAMES.items():
            if m.group(2) == theirs:
                return f"layers.{m.group(1)}.{ours}"
    raise ValueError(f"unsupported Hugging Face weight {name!r} (not a plain Llama weight)")


def hf_config(config: ModelConfig, dtype: torch.dtype, special: dict[str, int]) -> dict[str, Any]:
    """The `LlamaConfig` dict equivalent to ``config``."""
    out: dict[str, Any] = {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "vocab_size": config.vocab_size,
        "hidden_size": config.d_model,
        "intermediate_size": config.ffn_hidden,
        "num_hidden_layers": config.n_layers,
        "num_attention_heads": config.n_heads,
        "num_key_value_heads": config.n_kv_heads,
        "head_dim": config.head_dim,
        "hidden_act": "silu",
        "max_position_embeddings": config.max_seq_len,
        "initializer_range": config.init_std,
        "rms_norm_eps": config.norm_eps,
        # transformers >= 5 reads rope_parameters; 4.x reads rope_theta.
        "rope_theta": config.rope_theta,
        "rope_parameters": {"rope_type": "default", "rope_theta": config.rope_theta},
        "rope_scaling": None,
        "tie_word_embeddings": config.tie_embeddings,
        "attention_bias": False,
        "attention_dropout": 0.0,
        "mlp_bias": False,
        "pretraining_tp": 1,
        "use_cache": True,
        "torch_dtype": str(dtype).removeprefix("torch."),
        "havoc_version": havoc_version(),
    }
    for key in ("bos_token_id", "eos_token_id", "pad_token_id"):
        out[key] = special.get(key)
    return out


def export_hf(
    ckpt_dir: str | Path, out_dir: str | Path, *, max_shard_bytes: int = 5 * 2**30
) -> Path:
    """Write a `LlamaForCausalLM` folder for a HAVOC checkpoint (plus tokenizer files)."""
    ckpt_dir, out_dir = Path(ckpt_dir), Path(out_dir)
    config = load_config(ckpt_dir)
    if load_quantization(ckpt_dir) is not None:
        raise ValueError(
            f"{ckpt_dir} holds int8-quantised weights; export the float checkpoint it was "
            "made from (transformers' Llama has no HAVOC int8 layout)"
        )
    weights = ckpt_dir / WEIGHTS_FILE
    if not weights.is_file():
        raise ValueError(f"not a HAVOC checkpoint: {weights} is missing")
    if max_shard_bytes <= 0:
        raise ValueError("max_shard_bytes must be positive")
    tok_dir = ckpt_dir / TOKENIZER_DIR
    special = _special_tokens(tok_dir) if tok_dir.is_dir() else {}
    with atomic_directory(out_dir) as tmp, safe_open(str(weights), framework="pt") as fh:
        names = list(fh.keys())
        first = fh.get_slice(names[0]).get_dtype()
        dtype = {"F32": torch.float32, "BF16": torch.bfloat16, "F16": torch.float16}.get(
            first, torch.float32
        )
        shards = _write_shards(
            ((havoc_to_hf_name(n), fh.get_tensor(n)) for n in names), tmp, max_shard_bytes
        )
        cfg = hf_config(config, dtype, {k: v["id"] for k, v in special.items()})
        (tmp / "config.json").write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
        gen = {
            k: cfg[k]
            for k in ("bos_token_id", "eos_token_id", "pad_token_id")
            if cfg[k] is not None
        }
        (tmp / "generation_config.json").write_text(
            json.dumps(gen, indent=2) + "\n", encoding="utf-8"
        )
        del shards
        if tok_dir.is_dir():
            _export_tokenizer(tok_dir, tmp, special, config.max_seq_len)
    return out_dir


def _write_shards(tensors, out: Path, max_shard_bytes: int) -> list[str]:
    """Save (name, tensor) pairs into shards of at most ``max_shard_bytes`` (one file if small)."""
    shards: list[dict[str, torch.Tensor]] = [{}]
    sizes = [0]
    total = 0
    files: list[str] = []
    tmp_names: list[str] = []
    weight_map: dict[str, int] = {}

    def flush(index: int) -> None:
        name = f"shard-{index:05d}.safetensors"
        save_file(shards[-1], str(out / name), metadata={"format": "pt"})
        tmp_names.append(name)
        for k in shards[-1]:
            weight_map[k] = index
        shards[-1] = {}

    index = 0
    for name, tensor in tensors:
        nbytes = tensor.numel() * tensor.element_size()
        if shards[-1] and sizes[-1] + nbytes > max_shard_bytes:
            flush(index)
            index += 1
            sizes.append(0)
        shards[-1][name] = tensor.contiguous()
        sizes[-1] += nbytes
        total += nbytes
    flush(index)
    count = len(tmp_names)
    if count == 1:
        (out / tmp_names[0]).rename(out / "model.safetensors")
        return ["model.safetensors"]
    for i, name in enumerate(tmp_names):
        final = f"model-{i + 1:05d}-of-{count:05d}.safetensors"
        (out / name).rename(out / final)
        files.append(final)
    index_json = {
        "metadata": {"total_size": total},
        "weight_map": {k: files[i] for k, i in sorted(weight_map.items())},
    }
    (out / "model.safetensors.index.json").write_text(json.dumps(index_json, indent=2) + "\n")
    return files


def _special_tokens(tok_dir: Path) -> dict[str, dict[str, Any]]:
    """bos/eos/unk/pad as {"<key>_token_id": {"id": int, "content": str}} from tokenizer files."""
    vocab: dict[str, int] = {}
    tj = tok_dir / "tokenizer.json"
    if tj.is_file():
        data = json.loads(tj.read_text(encoding="utf-8"))
        model_vocab = data.get("model", {}).get("vocab", {})
        if isinstance(model_vocab, dict):
            vocab.update(model_vocab)
        elif isinstance(model_vocab, list):  # unigram: [[piece, score], ...]
            vocab.update({p[0]: i for i, p in enumerate(model_vocab) if p})
        for tok in data.get("added_tokens", []):
            vocab[tok["content"]] = tok["id"]
    by_id = {i: s for s, i in vocab.items()}
    found: dict[str, dict[str, Any]] = {}
    declared: dict[str, Any] = {}
    st = tok_dir / "special_tokens.json"
    if st.is_file():
        raw = json.loads(st.read_text(encoding="utf-8"))
        if isinstance(raw, dict):
            declared = (
                raw.get("special_tokens", raw)
                if isinstance(raw.get("special_tokens"), dict)
                else raw
            )
    for role in ("bos", "eos", "unk", "pad"):
        value = None
        for key in (role, f"{role}_token", f"{role}_id", f"{role}_token_id"):
            if key in declared:
                value = declared[key]
                break
        if isinstance(value, dict):
            value = value.get("id", value.get("content"))
        token_id = None
        if isinstance(value, int) and not isinstance(value, bool):
            token_id = value
        elif isinstance(value, str) and value in vocab:
            token_id = vocab[value]
        if token_id is None:  # the usual SentencePiece names
            for name in {
                "bos": ("<s>", "<bos>", "<|bos|>"),
                "eos": ("</s>", "<eos>", "<|eos|>", "<|endoftext|>"),
                "unk": ("<unk>",),
                "pad": ("<pad>", "<|pad|>"),
            }[role]:
                if name in vocab:
                    token_id = vocab[name]
                    break
        if token_id is not None and token_id in by_id:
            found[f"{role}_token_id"] = {"id": token_id, "content": by_id[token_id]}
    return found


def _export_tokenizer(
    tok_dir: Path, out: Path, special: dict[str, dict[str, Any]], max_len: int
) -> None:
    for name in ("tokenizer.json", "tokenizer.model"):
        if (tok_dir / name).is_file():
            shutil.copy2(tok_dir / name, out / name)
    if not (tok_dir / "tokenizer.json").is_file():
        return
    tokens = {
        key.removesuffix("_id"): value["content"] for key, value in special.items()
    }  # e.g. "bos_token": "<s>"
    tok_config: dict[str, Any] = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "clean_up_tokenization_spaces": False,
        **tokens,
    }
    own = tok_dir / "tokenizer_config.json"
    if own.is_file():  # the tokenizer's own HF settings (chat template, add_bos...) win
        theirs = json.loads(own.read_text(encoding="utf-8"))
        if isinstance(theirs, dict):
            tok_config.update(theirs)
    tok_config["model_max_length"] = max_len
    (out / "tokenizer_config.json").write_text(json.dumps(tok_config, indent=2) + "\n")
    (out / "special_tokens_map.json").write_text(json.dumps(tokens, indent=2) + "\n")


# -- import ------------------------------------------------------------------------------------
def config_from_hf(data: dict[str, Any]) -> ModelConfig:
    """The `ModelConfig` of a plain Llama ``config.json``; unsupported features raise."""
    if data.get("model_type") != "llama":
        raise ValueError(
            f"only Llama checkpoints can be imported, got model_type {data.get('model_type')!r}"
        )
    problems = []
    if data.get("hidden_act", "silu") != "silu":
        problems.append(f"hidden_act {data.get('hidden_act')!r} (need silu)")
    for flag in ("attention_bias", "mlp_bias"):
        if data.get(flag):
            problems.append(f"{flag}=true")
    rope = data.get("rope_parameters") or data.get("rope_scaling") or {}
    rope_type = rope.get("rope_type", rope.get("type", "default"))
    if rope_type != "default":
        problems.append(f"RoPE scaling {rope_type!r}")
    if problems:
        raise ValueError("unsupported Llama features: " + ", ".join(problems))
    theta = rope.get("rope_theta", data.get("rope_theta", 10000.0))
    n_heads = data["num_attention_heads"]
    return ModelConfig(
        vocab_size=data["vocab_size"],
        d_model=data["hidden_size"],
        n_layers=data["num_hidden_layers"],
        n_heads=n_heads,
        n_kv_heads=data.get("num_key_value_heads") or n_heads,
        head_dim=data.get("head_dim") or data["hidden_size"] // n_heads,
        ffn_hidden=data["intermediate_size"],
        max_seq_len=data.get("max_position_embeddings", 2048),
        rope_theta=float(theta),
        norm_eps=float(data.get("rms_norm_eps", 1e-6)),
        tie_embeddings=bool(data.get("tie_word_embeddings", False)),
        init_std=float(data.get("initializer_range", 0.02)),
    )


def import_hf(hf_dir: str | Path, out_dir: str | Path) -> Path:
    """Convert a `LlamaForCausalLM` folder (safetensors) into a HAVOC checkpoint folder."""
    hf_dir, out_dir = Path(hf_dir), Path(out_dir)
    cfg_path = hf_dir / "config.json"
    if not cfg_path.is_file():
        raise ValueError(f"not a Hugging Face model folder: {cfg_path} is missing")
    config = config_from_hf(json.loads(cfg_path.read_text(encoding="utf-8")))
    index = hf_dir / "model.safetensors.index.json"
    if index.is_file():
        files = sorted(set(json.loads(index.read_text())["weight_map"].values()))
    elif (hf_dir / "model.safetensors").is_file():
        files = ["model.safetensors"]
    else:
        raise ValueError(
            f"{hf_dir} has no model.safetensors (pickled .bin weights are not imported)"
        )
    state: dict[str, torch.Tensor] = {}
    for name in files:
        with safe_open(str(hf_dir / name), framework="pt") as fh:
            for key in fh.keys():  # noqa: SIM118
                if key.endswith("rotary_emb.inv_freq"):
                    continue  # a non-persistent buffer some old exports still carry
                state[hf_to_havoc_name(key)] = fh.get_tensor(key)
    if config.tie_embeddings:
        state.pop("lm_head.weight", None)
    from havoc_model.model import HavocModel

    with torch.device("meta"):
        model = HavocModel(config)
    missing = sorted(set(model.state_dict()) - set(state))
    unexpected = sorted(set(state) - set(model.state_dict()))
    if missing or unexpected:
        raise ValueError(
            f"weights do not match the config: missing {missing[:5]}, unexpected {unexpected[:5]}"
        )
    model.load_state_dict(state, strict=True, assign=True)
    with atomic_directory(out_dir) as tmp:
        save_file(
            {k: v.contiguous() for k, v in model.state_dict().items()},
            str(tmp / WEIGHTS_FILE),
            metadata={"format": "pt"},
        )
        meta = {**config.to_dict(), "havoc_version": havoc_version()}
        (tmp / "config.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        tok_files = [n for n in _HF_TOKENIZER_FILES if (hf_dir / n).is_file()]
        if tok_files:
            (tmp / TOKENIZER_DIR).mkdir()
            for n in tok_files:
                shutil.copy2(hf_dir / n, tmp / TOKENIZER_DIR / n)
    return out_dir
