"""Exact resume: a run SIGKILLed after a checkpoint and resumed logs the same loss, bit for bit,
at every later step as an uninterrupted run. Plus the atomic-save guarantee."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

sys.path.insert(0, str(Path(__file__).parent / "helpers"))
from havoc_model.checkpoint import load_model_files
from havoc_train.checkpoint import CheckpointManager
from havoc_train.config import TrainConfig
from havoc_train.metrics import read_metrics
from havoc_train.trainer import Trainer
from train_fixtures import micro_config_dict, write_config  # noqa: E402

ENV = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
MAX_STEPS, KILL_AFTER = 60, 20


def _train_cmd(config: Path, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "havoc_train",
        "--config",
        str(config),
        "--out",
        str(out),
        "--no-progress",
        *extra,
    ]


def _losses(out: Path) -> dict[int, float]:
    return {r["step"]: r["loss"] for r in read_metrics(out / "metrics.jsonl") if "loss" in r}


def test_sigkill_then_resume_is_bit_exact(tmp_path):
    config = write_config(tmp_path / "micro.yaml", train={"max_steps": MAX_STEPS})
    full, killed = tmp_path / "full", tmp_path / "killed"
    subprocess.run(_train_cmd(config, full), env=ENV, check=True, timeout=600, capture_output=True)

    proc = subprocess.Popen(
        _train_cmd(config, killed, "--save-every", str(KILL_AFTER)),
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    ckpt = killed / "checkpoints" / f"step-{KILL_AFTER:08d}"
    deadline = time.monotonic() + 600
    while not ckpt.exists():
        assert proc.poll() is None, proc.stderr.read().decode()[-3000:]
        assert time.monotonic() < deadline
        time.sleep(0.005)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    logged_before_resume = max(_losses(killed))
    assert KILL_AFTER <= logged_before_resume < MAX_STEPS

    subprocess.run(
        _train_cmd(config, killed, "--save-every", str(KILL_AFTER), "--resume"),
        env=ENV,
        check=True,
        timeout=600,
        capture_output=True,
    )
    a, b = _losses(full), _losses(killed)
    assert sorted(b) == list(range(1, MAX_STEPS + 1))
    for step in range(KILL_AFTER + 1, MAX_STEPS + 1):
        assert a[step] == b[step], f"step {step}: {a[step]!r} != {b[step]!r}"
    assert a[MAX_STEPS] < a[1]  # and it actually learned something
    full_w = load_model_files(full / "final").state_dict()
    resumed_w = load_model_files(killed / "final").state_dict()
    for name in full_w:
        assert torch.equal(full_w[name], resumed_w[name]), name


def test_interrupted_save_leaves_previous_checkpoint(tmp_path, monkeypatch):
    cfg = TrainConfig.from_dict(micro_config_dict(train={"max_steps": 2}, checkpoint={"every": 1}))
    out = tmp_path / "run"
    real_save = torch.save

    def failing_save(obj, path, *args, **kwargs):
        if "step-00000002" in str(path) or ".step-00000002" in str(path):
            real_save(obj, path, *args, **kwargs)  # the file lands, then the "crash" hits
            raise KeyboardInterrupt("simulated crash in the middle of a checkpoint")
        return real_save(obj, path, *args, **kwargs)

    monkeypatch.setattr(torch, "save", failing_save)
    with pytest.raises(KeyboardInterrupt):
        Trainer(cfg, out, progress=False).run()
    manager = CheckpointManager(out / "checkpoints")
    assert [p.name for p in manager.checkpoints()] == ["step-00000001"]
    leftovers = [p.name for p in (out / "checkpoints").iterdir()]
    assert leftovers == ["step-00000001"], leftovers  # the temp folder was removed
    model = load_model_files(manager.latest())
    assert model.config.d_model == 64

    # and a resume from it continues to the end
    monkeypatch.setattr(torch, "save", real_save)
    result = Trainer(cfg, out, resume=True, progress=False).run()
    assert result.step == 2
