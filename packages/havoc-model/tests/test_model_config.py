from pathlib import Path

import pytest
from havoc_model import ModelConfig, list_presets

REPO = Path(__file__).resolve().parents[3]
PACKAGED = Path(__file__).resolve().parents[1] / "src" / "havoc_model" / "presets"


def test_presets_listed_and_identical_to_documented_copy() -> None:
    assert list_presets() == ["base", "havoc-7b", "small", "tiny"]
    for name in list_presets():
        documented = REPO / "configs" / "model" / f"{name}.yaml"
        assert documented.read_bytes() == (PACKAGED / f"{name}.yaml").read_bytes(), name
        assert ModelConfig.from_yaml(documented) == ModelConfig.from_preset(name)


def test_7b_preset_matches_design() -> None:
    cfg = ModelConfig.from_preset("havoc-7b")
    assert (cfg.n_layers, cfg.d_model, cfg.n_heads, cfg.n_kv_heads, cfg.head_dim) == (
        32,
        4096,
        32,
        8,
        128,
    )
    assert 70_000 <= cfg.vocab_size <= 80_000


def test_round_trip_dict() -> None:
    cfg = ModelConfig.from_preset("small")
    assert ModelConfig.from_dict(cfg.to_dict()) == cfg
    assert cfg.replace(n_layers=2).n_layers == 2


def test_unknown_key_named() -> None:
    d = ModelConfig.from_preset("tiny").to_dict() | {"n_layer": 3}
    with pytest.raises(ValueError, match="n_layer"):
        ModelConfig.from_dict(d)


def test_missing_key_named() -> None:
    d = ModelConfig.from_preset("tiny").to_dict()
    del d["head_dim"]
    with pytest.raises(ValueError, match="head_dim"):
        ModelConfig.from_dict(d)


@pytest.mark.parametrize(
    ("key", "value", "needle"),
    [
        ("d_model", 0, "d_model"),
        ("n_layers", 2.5, "n_layers"),
        ("n_kv_heads", 3, "multiple of n_kv_heads"),
        ("head_dim", 33, "even"),
        ("norm_eps", -1.0, "norm_eps"),
        ("rope_theta", float("nan"), "rope_theta"),
        ("tie_embeddings", "yes", "tie_embeddings"),
        ("vocab_size", True, "vocab_size"),
    ],
)
def test_bad_values_named(key, value, needle) -> None:
    d = ModelConfig.from_preset("tiny").to_dict() | {key: value}
    with pytest.raises(ValueError, match=needle):
        ModelConfig.from_dict(d)


def test_bad_yaml_and_preset(tmp_path) -> None:
    with pytest.raises(ValueError, match="unknown model preset"):
        ModelConfig.from_preset("huge")
    p = tmp_path / "c.yaml"
    p.write_text("- just\n- a list\n")
    with pytest.raises(ValueError, match="mapping"):
        ModelConfig.from_yaml(p)
    p.write_text("vocab_size: [unclosed\n")
    with pytest.raises(ValueError, match="YAML"):
        ModelConfig.from_yaml(p)
    with pytest.raises(ValueError, match="not found"):
        ModelConfig.from_yaml(tmp_path / "nope.yaml")
