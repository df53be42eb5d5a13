import json

import pytest
import torch
from havoc_model import HavocModel, ModelConfig, __version__
from havoc_model.checkpoint import (
    atomic_directory,
    load_config,
    load_model_files,
    save_model_files,
)
from safetensors.torch import load_file

CFG = ModelConfig(
    vocab_size=50,
    d_model=32,
    n_layers=2,
    n_heads=4,
    n_kv_heads=2,
    head_dim=8,
    ffn_hidden=64,
    max_seq_len=32,
    tie_embeddings=False,
)


def test_save_load_round_trip(tmp_path) -> None:
    torch.manual_seed(0)
    model = HavocModel(CFG).eval()
    model.save_pretrained(tmp_path / "ckpt")
    meta = json.loads((tmp_path / "ckpt" / "config.json").read_text())
    assert meta["havoc_version"] == __version__
    assert ModelConfig.from_dict({k: v for k, v in meta.items() if k != "havoc_version"}) == CFG
    tensors = load_file(tmp_path / "ckpt" / "model.safetensors")
    assert set(tensors) == set(model.state_dict())
    back = HavocModel.from_pretrained(tmp_path / "ckpt")
    ids = torch.tensor([[1, 2, 3, 4]])
    with torch.no_grad():
        assert torch.equal(back(ids), model(ids))
    half = HavocModel.from_pretrained(tmp_path / "ckpt", dtype=torch.bfloat16)
    assert half.embed.weight.dtype == torch.bfloat16


def test_tied_embeddings_stored_once(tmp_path) -> None:
    model = HavocModel(CFG.replace(tie_embeddings=True))
    model.save_pretrained(tmp_path / "c")
    assert "lm_head.weight" not in load_file(tmp_path / "c" / "model.safetensors")
    assert HavocModel.from_pretrained(tmp_path / "c").num_parameters() == model.num_parameters()


def test_atomic_directory_replaces_only_on_success(tmp_path) -> None:
    target = tmp_path / "step-1"
    with atomic_directory(target) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".step-1.tmp-")
        (tmp / "a.txt").write_text("first")
    assert (target / "a.txt").read_text() == "first"
    with pytest.raises(RuntimeError), atomic_directory(target) as tmp:
        (tmp / "a.txt").write_text("half")
        raise RuntimeError("crash mid-write")
    assert (target / "a.txt").read_text() == "first"
    with atomic_directory(target) as tmp:
        (tmp / "b.txt").write_text("second")
    assert sorted(p.name for p in target.iterdir()) == ["b.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["step-1"]  # no leftovers


def test_training_checkpoint_shares_the_format(tmp_path) -> None:
    model = HavocModel(CFG)
    with atomic_directory(tmp_path / "run" / "step-10") as tmp:
        save_model_files(model, tmp)
        (tmp / "trainer_state.json").write_text('{"step": 10}')
        torch.save({"state": {}}, tmp / "optimizer.pt")
    loaded = load_model_files(tmp_path / "run" / "step-10")
    assert loaded.config == CFG
    assert torch.load(tmp_path / "run" / "step-10" / "optimizer.pt", weights_only=True) == {
        "state": {}
    }


def test_save_pretrained_keeps_tokenizer_and_extra_files(tmp_path) -> None:
    model = HavocModel(CFG)
    ckpt = tmp_path / "ckpt"
    src = tmp_path / "tok"
    src.mkdir()
    (src / "tokenizer.json").write_text("{}")
    model.save_pretrained(
        ckpt, extra_files={"tokenizer": src, "notes.txt": "hello", "raw.bin": b"\x00"}
    )
    assert (ckpt / "tokenizer" / "tokenizer.json").is_file()
    assert (ckpt / "notes.txt").read_text() == "hello"
    model.save_pretrained(ckpt)  # overwrite: the tokenizer stays
    assert (ckpt / "tokenizer" / "tokenizer.json").is_file()
    with pytest.raises(ValueError, match="relative"):
        model.save_pretrained(ckpt, extra_files={"../evil": "x"})


def test_bad_checkpoints(tmp_path) -> None:
    with pytest.raises(ValueError, match="config.json"):
        HavocModel.from_pretrained(tmp_path)
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(ValueError, match="JSON"):
        load_config(tmp_path)
    (tmp_path / "config.json").write_text(json.dumps(CFG.to_dict()))
    with pytest.raises(ValueError, match="havoc_version"):
        load_config(tmp_path)
    (tmp_path / "config.json").write_text(
        json.dumps(CFG.to_dict() | {"havoc_version": "0.1.0", "n_layer": 2})
    )
    with pytest.raises(ValueError, match="n_layer"):
        load_config(tmp_path)
    # weights that do not match the config
    HavocModel(CFG).save_pretrained(tmp_path / "a")
    meta = json.loads((tmp_path / "a" / "config.json").read_text())
    meta["n_layers"] = 3
    (tmp_path / "a" / "config.json").write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="missing"):
        HavocModel.from_pretrained(tmp_path / "a")
    meta["n_layers"], meta["ffn_hidden"] = 2, 48
    (tmp_path / "a" / "config.json").write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="shape"):
        HavocModel.from_pretrained(tmp_path / "a")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match="not a directory"):
        HavocModel(CFG).save_pretrained(tmp_path / "file")


def test_meta_init_then_materialise() -> None:
    with torch.device("meta"):
        model = HavocModel(CFG)
    model.to_empty(device="cpu")
    model.init_weights()
    out = model(torch.tensor([[1, 2, 3]]))
    assert torch.isfinite(out).all()
    std = model.layers[0].attention.o_proj.weight.std().item()
    assert abs(std - CFG.init_std / (2 * CFG.n_layers) ** 0.5) < 0.003
