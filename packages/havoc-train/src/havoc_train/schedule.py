"""Learning-rate schedules: linear warmup, then cosine, linear or constant; or warmup-stable-decay.

``lr_factor(step)`` is the multiplier applied to the peak learning rate for optimizer step
``step`` (0-based: the first update uses ``lr_factor(0)``). Warmup rises linearly to the peak at
step ``warmup_steps - 1``; the decay then runs to ``min_lr_ratio`` at the last step
``max_steps - 1`` and stays there.

>>> f = warmup_cosine(warmup_steps=10, max_steps=110, min_lr_ratio=0.1)
>>> round(f(9), 6), round(f(60), 6), round(f(109), 6)
(1.0, 0.55, 0.1)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import torch

LrFactor = Callable[[int], float]


def _warmup(step: int, warmup_steps: int) -> float | None:
    if step < warmup_steps:
        return (step + 1) / warmup_steps
    return None


def _progress(step: int, start: int, end: int) -> float:
    """Fraction of the way from ``start`` to ``end`` (both inclusive steps), clamped to [0, 1]."""
    if end <= start:
        return 1.0 if step >= end else 0.0
    return min(1.0, max(0.0, (step - start) / (end - start)))


def warmup_cosine(warmup_steps: int, max_steps: int, min_lr_ratio: float = 0.1) -> LrFactor:
    """Linear warmup, then half a cosine from 1 down to ``min_lr_ratio`` at the last step."""

    def factor(step: int) -> float:
        w = _warmup(step, warmup_steps)
        if w is not None:
            return w
        p = _progress(step, warmup_steps - 1 if warmup_steps else 0, max_steps - 1)
        return min_lr_ratio + (1 - min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * p))

    return factor


def warmup_linear(warmup_steps: int, max_steps: int, min_lr_ratio: float = 0.1) -> LrFactor:
    """Linear warmup, then a straight line from 1 down to ``min_lr_ratio`` at the last step."""

    def factor(step: int) -> float:
        w = _warmup(step, warmup_steps)
        if w is not None:
            return w
        p = _progress(step, warmup_steps - 1 if warmup_steps else 0, max_steps - 1)
        return 1 - (1 - min_lr_ratio) * p

    return factor


def warmup_constant(warmup_steps: int, max_steps: int, min_lr_ratio: float = 0.1) -> LrFactor:
    """Linear warmup, then the peak learning rate for the rest of the run."""

    def factor(step: int) -> float:
        w = _warmup(step, warmup_steps)
        return 1.0 if w is None else w

    return factor


def warmup_stable_decay(
    warmup_steps: int, max_steps: int, min_lr_ratio: float = 0.1, decay_fraction: float = 0.2
) -> LrFactor:
    """Warmup, a flat stretch at the peak, then a linear decay over the last ``decay_fraction``.

    The decay starts at step ``max_steps - round(decay_fraction * max_steps)`` (never inside
    the warmup) and reaches ``min_lr_ratio`` at the last step.
    """
    decay_steps = round(decay_fraction * max_steps)
    decay_start = max(warmup_steps, max_steps - decay_steps)

    def factor(step: int) -> float:
        w = _warmup(step, warmup_steps)
        if w is not None:
            return w
        if step < decay_start:
            return 1.0
        p = _progress(step, decay_start, max_steps - 1)
        return 1 - (1 - min_lr_ratio) * p

    return factor


def make_schedule(
    kind: str,
    warmup_steps: int,
    max_steps: int,
    min_lr_ratio: float = 0.1,
    decay_fraction: float = 0.2,
) -> LrFactor:
    """The factor function for a ``schedule.kind`` name."""
    if warmup_steps < 0 or max_steps < 1:
        raise ValueError(
            f"need warmup_steps >= 0 and max_steps >= 1, got {warmup_steps}, {max_steps}"
        )
    if kind == "cosine":
        return warmup_cosine(warmup_steps, max_steps, min_lr_ratio)
    if kind == "linear":
        return warmup_linear(warmup_steps, max_steps, min_lr_ratio)
    if kind == "constant":
        return warmup_constant(warmup_steps, max_steps, min_lr_ratio)
    if kind == "wsd":
        return warmup_stable_decay(warmup_steps, max_steps, min_lr_ratio, decay_fraction)
    raise ValueError(f"unknown schedule kind {kind!r}; expected cosine, linear, constant or wsd")


class LrScheduler:
    """Sets each param group's ``lr`` to ``group['initial_lr'] * factor(step)``.

    Its state is one integer, so it round-trips through ``torch.load(weights_only=True)``.
    Call :meth:`step` after each optimizer update.
    """

    def __init__(self, optimizer: torch.optim.Optimizer, factor: LrFactor) -> None:
        self.optimizer = optimizer
        self.factor = factor
        self.step_count = 0
        for group in optimizer.param_groups:
            group.setdefault("initial_lr", group["lr"])
        self._apply()

    def _apply(self) -> None:
        f = self.factor(self.step_count)
        for group in self.optimizer.param_groups:
            group["lr"] = group["initial_lr"] * f

    def step(self) -> None:
        self.step_count += 1
        self._apply()

    def get_last_lr(self) -> list[float]:
        return [group["lr"] for group in self.optimizer.param_groups]

    def state_dict(self) -> dict[str, Any]:
        return {"step_count": self.step_count}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        self.step_count = int(state["step_count"])
        self._apply()
