"""Config loading, dotted overrides with type checks, and errors that name the bad key."""

from pathlib import Path

import pytest
from havoc_train.config import ConfigError, TrainConfig, parse_override

ROOT = Path(__file__).resolve().parents[3]
PRESETS = ["tiny", "sft-tiny", "small", "havoc-7b"]


@pytest.mark.parametrize("name", PRESETS)
def test_shipped_configs_load(name):
    cfg = TrainConfig.from_yaml(ROOT / "configs" / "training" / f"{name}.yaml")
    assert cfg.train.max_steps >= 1


def test_overrides_are_typed():
    cfg = TrainConfig.from_dict(
        {}, ["optim.lr=3e-4", "train.max_steps=7", "train.compile=true", "optim.betas=[0.9, 0.99]"]
    )
    assert cfg.optim.lr == pytest.approx(3e-4)
    assert cfg.train.max_steps == 7
    assert cfg.train.compile is True
    assert cfg.optim.betas == (0.9, 0.99)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("optim.lrr=1", "unknown key optim.lrr"),
        ("nosuch.lr=1", "unknown key nosuch"),
        ("optim.lr=fast", "optim.lr: expected a number, got 'fast'"),
        ("train.max_steps=2.5", "train.max_steps: expected an integer"),
        ("train.compile=maybe", "train.compile: expected true or false"),
        ("schedule.kind=step", "schedule.kind: expected one of"),
        ("train.precision=fp8", "train.precision: expected one of"),
        ("optim.betas=[0.9]", "optim.betas: expected a list of 2 values"),
        ("optim.lr=-1", "optim.lr: must be > 0"),
        ("train.max_steps=0", "train.max_steps: must be >= 1"),
        ("optim=3", "optim: expected a mapping"),
        ("optim.lr", "expected KEY=VALUE"),
    ],
)
def test_bad_overrides_name_the_key(override, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(")):
        TrainConfig.from_dict({}, [override])


def test_unknown_key_in_yaml_names_file_and_key(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("train:\n  max_step: 10\n")
    with pytest.raises(ConfigError, match=r"bad.yaml: unknown key train.max_step"):
        TrainConfig.from_yaml(path)


def test_missing_and_malformed_files(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        TrainConfig.from_yaml(tmp_path / "nope.yaml")
    bad = tmp_path / "list.yaml"
    bad.write_text("- 1\n- 2\n")
    with pytest.raises(ConfigError, match="expected a mapping"):
        TrainConfig.from_yaml(bad)


def test_parse_override_never_evaluates_code():
    key, value = parse_override("name=__import__('os').system('true')")
    assert key == "name" and isinstance(value, str)


def test_round_trip_through_dict():
    cfg = TrainConfig.from_dict({"optim": {"lr": 1e-3}})
    again = TrainConfig.from_dict(cfg.to_dict())
    assert again == cfg


def test_packaged_demo_recipe_is_the_tiny_config():
    from importlib import resources

    packaged = resources.files("havoc_train.recipes").joinpath("tiny.yaml").read_text("utf-8")
    assert packaged == (ROOT / "configs" / "training" / "tiny.yaml").read_text("utf-8")
