"""Run metrics: ``metrics.jsonl`` (one JSON object per line), TensorBoard events, a loss PNG.

Training lines carry ``step``, ``loss``, ``lr``, ``tokens_per_s`` (and ``mfu``, ``mfu_palm``,
``grad_norm``, ``tokens``; ``mfu`` counts every matmul including the output head,
``mfu_palm`` the PaLM count, see `havoc_train.flops`); validation lines carry ``step``, ``val_loss``, ``val_ppl``, ``val_bpb``. Sampled
completions go to ``samples.txt`` and TensorBoard text.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any


def read_metrics(path: str | Path) -> list[dict[str, Any]]:
    """All records of a ``metrics.jsonl`` (a torn last line from a crash is skipped)."""
    path = Path(path)
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def truncate_metrics(path: str | Path, last_step: int) -> None:
    """Drop records after ``last_step`` (a resumed run rewrites them)."""
    path = Path(path)
    if not path.exists():
        return
    kept = [r for r in read_metrics(path) if int(r.get("step", 0)) <= last_step]
    tmp = path.with_suffix(".jsonl.tmp")
    tmp.write_text("".join(json.dumps(r) + "\n" for r in kept), encoding="utf-8")
    tmp.replace(path)


class MetricsLogger:
    """Appends JSON lines and mirrors scalars to TensorBoard (when ``tensorboard`` imports)."""

    def __init__(self, out_dir: str | Path, tensorboard: bool = True) -> None:
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.out_dir / "metrics.jsonl"
        self._file = self.path.open("a", encoding="utf-8")
        self._tb = None
        if tensorboard:
            from torch.utils.tensorboard import SummaryWriter

            self._tb = SummaryWriter(log_dir=str(self.out_dir / "tensorboard"))

    def log(self, record: dict[str, Any]) -> None:
        self._file.write(json.dumps(record) + "\n")
        self._file.flush()
        if self._tb is not None:
            step = int(record["step"])
            for key, value in record.items():
                if key != "step" and isinstance(value, int | float) and math.isfinite(value):
                    group = "val" if key.startswith("val_") else "train"
                    self._tb.add_scalar(f"{group}/{key}", value, step)

    def log_text(self, tag: str, text: str, step: int) -> None:
        with (self.out_dir / "samples.txt").open("a", encoding="utf-8") as f:
            f.write(f"--- step {step} · {tag}\n{text}\n")
        if self._tb is not None:
            self._tb.add_text(tag, text, step)

    def close(self) -> None:
        self._file.close()
        if self._tb is not None:
            self._tb.flush()
            self._tb.close()


def plot_loss_curve(metrics_path: str | Path, out_png: str | Path, title: str = "") -> Path:
    """Training loss (and validation loss, when logged) against step, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    records = read_metrics(metrics_path)
    train = [(r["step"], r["loss"]) for r in records if "loss" in r]
    val = [(r["step"], r["val_loss"]) for r in records if "val_loss" in r]
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=110)
    if train:
        ax.plot(*zip(*train, strict=True), label="train loss", lw=1.2)
    if val:
        ax.plot(*zip(*val, strict=True), "o-", label="validation loss", lw=1.5, ms=4)
    baseline = next((r["unigram_loss"] for r in records if "unigram_loss" in r), None)
    if baseline is not None:
        ax.axhline(baseline, color="gray", ls="--", lw=1, label="unigram baseline")
    ax.set_xlabel("step")
    ax.set_ylabel("cross-entropy (nats/token)")
    ax.set_title(title or "HAVOC training")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    out_png = Path(out_png)
    fig.savefig(out_png)
    plt.close(fig)
    return out_png
