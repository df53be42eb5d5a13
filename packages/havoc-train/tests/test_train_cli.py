"""The havoc-train command: --help, config errors, a 5-step smoke run, SFT, the 7B dry run."""

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from havoc_model.checkpoint import load_model_files
from havoc_train.cli import main
from havoc_train.metrics import read_metrics
from train_fixtures import write_config  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]


def test_help_lists_the_options(capsys):
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    for flag in (
        "--config",
        "--out",
        "--max-steps",
        "--save-every",
        "--resume",
        "--device",
        "--set",
        "--dry-run",
    ):
        assert flag in out


def test_python_dash_m_entry_point():
    proc = subprocess.run(
        [sys.executable, "-m", "havoc_train", "--help"], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0 and "torchrun" in proc.stdout


def test_bad_override_exits_2_naming_the_key(tmp_path, capsys):
    cfg = write_config(tmp_path / "c.yaml")
    assert main(["--config", str(cfg), "--set", "optim.lrr=1"]) == 2
    assert "unknown key optim.lrr" in capsys.readouterr().err
    assert main(["--config", str(cfg), "--set", "train.max_steps=many"]) == 2
    assert "train.max_steps: expected an integer" in capsys.readouterr().err


def test_five_step_smoke_run(tmp_path):
    cfg = write_config(tmp_path / "c.yaml", eval={"every": 5}, checkpoint={"every": 5})
    out = tmp_path / "run"
    assert main(["--config", str(cfg), "--out", str(out), "--max-steps", "5", "--no-progress"]) == 0
    records = read_metrics(out / "metrics.jsonl")
    train = [r for r in records if "loss" in r]
    assert [r["step"] for r in train] == [1, 2, 3, 4, 5]
    assert all({"step", "loss", "lr", "tokens_per_s"} <= set(r) for r in train)
    val = [r for r in records if "val_loss" in r]
    assert val and {"val_ppl", "val_bpb"} <= set(val[0])
    assert abs(val[0]["val_ppl"] - 2.718281828 ** val[0]["val_loss"]) < 1e-6 * val[0]["val_ppl"]
    ckpt = out / "checkpoints" / "step-00000005"
    for name in (
        "config.json",
        "model.safetensors",
        "trainer_state.json",
        "optimizer.pt",
        "tokenizer/tokenizer.model",
    ):
        assert (ckpt / name).is_file(), name
    state = json.loads((ckpt / "trainer_state.json").read_text())
    assert state["step"] == 5 and state["tokens_seen"] == 5 * 8 * 32
    assert {"python", "numpy", "torch"} <= set(state["rng"])
    assert (out / "loss.png").stat().st_size > 1000
    assert list((out / "tensorboard").glob("events.out.tfevents.*"))
    assert "step 5" in (out / "samples.txt").read_text()
    assert load_model_files(out / "final").config.n_layers == 2


def test_sft_run_masks_prompts(tmp_path):
    chats = tmp_path / "chats.jsonl"
    rows = [
        {
            "messages": [
                {"role": "user", "content": f"What is {a} + {a}?"},
                {"role": "assistant", "content": f"{a} + {a} = {2 * a}."},
            ]
        }
        for a in range(40)
    ]
    chats.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cfg = write_config(
        tmp_path / "sft.yaml", data={"kind": "sft", "path": str(chats), "val_fraction": 0.2}
    )
    out = tmp_path / "sft"
    assert (
        main(
            [
                "--config",
                str(cfg),
                "--out",
                str(out),
                "--max-steps",
                "3",
                "--no-progress",
                "--cache-dir",
                str(tmp_path / "cache"),
            ]
        )
        == 0
    )
    val = [r for r in read_metrics(out / "metrics.jsonl") if "val_loss" in r]
    assert val and val[-1]["val_loss"] > 0


def test_7b_dry_run_prints_memory_plan(capsys):
    assert main(["--config", str(ROOT / "configs/training/havoc-7b.yaml"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "7,382,241,280" in out
    assert "total per device" in out and "fits in 80 GiB" in out
