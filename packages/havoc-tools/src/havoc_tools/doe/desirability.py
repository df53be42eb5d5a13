"""Derringer–Suich desirability: optimise several fitted responses at once."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .._result import ToolResult, fmt

GOALS = ("maximize", "minimize", "target")


@dataclasses.dataclass
class Goal:
    """One response's goal. ``low``/``high`` bound the acceptable range; ``target`` is the best
    value (defaults: ``high`` when maximising, ``low`` when minimising). ``weight`` (and
    ``weight_upper`` above a target) shape d; ``importance`` weights the geometric mean."""

    response: str
    goal: str
    low: float
    high: float
    target: float | None = None
    weight: float = 1.0
    weight_upper: float = 1.0
    importance: float = 1.0

    def __post_init__(self) -> None:
        if self.goal not in GOALS:
            raise ValueError(
                f"goal for {self.response!r} must be one of {GOALS}, got {self.goal!r}"
            )
        for nm in ("low", "high", "weight", "weight_upper", "importance"):
            v = getattr(self, nm)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v):
                raise ValueError(
                    f"goal for {self.response!r}: {nm} must be a finite number, got {v!r}"
                )
        if not self.low < self.high:
            raise ValueError(
                f"goal for {self.response!r}: low ({self.low}) must be below high ({self.high})"
            )
        if self.weight <= 0 or self.weight_upper <= 0 or self.importance <= 0:
            raise ValueError(f"goal for {self.response!r}: weights and importance must be positive")
        if self.target is None:
            if self.goal == "target":
                raise ValueError(f"goal for {self.response!r}: 'target' needs target=")
            self.target = self.high if self.goal == "maximize" else self.low
        if not self.low <= self.target <= self.high:
            raise ValueError(f"goal for {self.response!r}: target must lie within [low, high]")

    def d(self, y: np.ndarray) -> np.ndarray:
        """Individual desirability (Derringer & Suich 1980) in [0, 1]."""
        y = np.asarray(y, dtype=np.float64)
        lo, hi, t = self.low, self.high, float(self.target)
        if self.goal == "maximize":
            out = np.clip((y - lo) / (t - lo), 0.0, 1.0) ** self.weight
        elif self.goal == "minimize":
            out = np.clip((hi - y) / (hi - t), 0.0, 1.0) ** self.weight
        else:
            below = (
                np.clip((y - lo) / (t - lo), 0.0, 1.0) ** self.weight if t > lo else (y >= lo) * 1.0
            )
            above = (
                np.clip((hi - y) / (hi - t), 0.0, 1.0) ** self.weight_upper
                if hi > t
                else (y <= hi) * 1.0
            )
            out = np.where(y <= t, below, above)
        return np.where((y < lo) | (y > hi), 0.0, out) if self.goal == "target" else out


@dataclasses.dataclass
class DesirabilityResult(ToolResult):
    method: str
    factors: list[str]
    optimum_coded: list[float]
    optimum_actual: list[float] | None
    predicted: dict[str, float]
    individual: dict[str, float]
    composite: float
    goals: list[Goal]

    def summary(self) -> str:
        lines = [f"Desirability optimisation ({self.method}): D = {fmt(self.composite)}"]
        for j, f in enumerate(self.factors):
            act = f" (actual {fmt(self.optimum_actual[j])})" if self.optimum_actual else ""
            lines.append(f"  {f} = {fmt(self.optimum_coded[j])}{act}")
        for g in self.goals:
            lines.append(
                f"  {g.response}: {g.goal} -> predicted {fmt(self.predicted[g.response])}, "
                f"d = {fmt(self.individual[g.response])}"
            )
        return "\n".join(lines)


def desirability(
    models: Mapping[str, Any],
    goals: Sequence[Goal | Mapping[str, Any]],
    *,
    bounds: Sequence[tuple[float, float]] | None = None,
    grid: int = 21,
    starts: int = 10,
) -> DesirabilityResult:
    """Maximise the composite desirability D = (prod d_i^r_i)^(1/sum r_i) over the factor box.

    ``models`` maps response names to fitted models with ``predict`` (e.g. the results of
    :func:`fit_response_surface` or :func:`analyze_factorial`) on the same factors. ``goals`` are
    :class:`Goal` objects or dicts with the same fields. ``bounds`` default to the coded cube
    [-1, 1] per factor. The search evaluates a grid, then polishes the best points with bounded
    L-BFGS-B.

    >>> from havoc_tools.doe import central_composite, fit_response_surface
    >>> d = central_composite(2, center_points=5, randomize=False)
    >>> y = [76.5, 78.0, 77.0, 79.5, 75.6, 78.4, 77.0, 78.5, 79.9, 80.3, 80.0, 79.7, 79.8]
    >>> m = fit_response_surface(d, y)
    >>> r = desirability({"y": m}, [{"response": "y", "goal": "maximize", "low": 76, "high": 81}])
    >>> r.composite > 0.8
    True
    """
    from scipy.optimize import minimize

    if not models:
        raise ValueError("desirability: no models given")
    goal_objs = [g if isinstance(g, Goal) else Goal(**dict(g)) for g in goals]
    if not goal_objs:
        raise ValueError("desirability: no goals given")
    for g in goal_objs:
        if g.response not in models:
            raise ValueError(
                f"desirability: no model for response {g.response!r}; have {list(models)}"
            )
    first = next(iter(models.values()))
    factors = list(first.factors)
    for name, m in models.items():
        if list(m.factors) != factors:
            raise ValueError(
                f"desirability: model {name!r} uses factors {m.factors}, expected {factors}"
            )
    k = len(factors)
    if bounds is None:
        bounds = [(-1.0, 1.0)] * k
    bounds = [(float(a), float(b)) for a, b in bounds]
    if len(bounds) != k or any(not a < b for a, b in bounds):
        raise ValueError(f"desirability: bounds must be {k} (low, high) pairs with low < high")
    total_imp = sum(g.importance for g in goal_objs)

    def composite(X: np.ndarray) -> np.ndarray:
        X = np.atleast_2d(X)
        logd = np.zeros(len(X))
        for g in goal_objs:
            d = g.d(models[g.response].predict(X))
            with np.errstate(divide="ignore"):
                logd += g.importance * np.log(d)
        return np.exp(logd / total_imp)

    pts_per_dim = max(3, min(grid, int(round(20000 ** (1.0 / k)))))
    axes = [np.linspace(a, b, pts_per_dim) for a, b in bounds]
    mesh = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, k)
    D = composite(mesh)
    order = np.argsort(-D)[:starts]
    best_x, best_D = mesh[order[0]], float(D[order[0]])
    for i in order:
        if D[i] <= 0:
            break
        res = minimize(lambda x: -composite(x)[0], mesh[i], method="L-BFGS-B", bounds=bounds)
        val = float(composite(res.x)[0])
        if val > best_D:
            best_x, best_D = res.x, val
    predicted = {g.response: float(models[g.response].predict(best_x)[0]) for g in goal_objs}
    individual = {g.response: float(g.d(np.array([predicted[g.response]]))[0]) for g in goal_objs}
    actual = None
    ranges = getattr(first, "ranges", None)
    if ranges and getattr(first, "units", "coded") == "coded":
        try:
            actual = [
                (float(ranges[f][0]) + float(ranges[f][1])) / 2
                + (float(ranges[f][1]) - float(ranges[f][0])) / 2 * float(best_x[j])
                for j, f in enumerate(factors)
            ]
        except (TypeError, ValueError):
            actual = None
    return DesirabilityResult(
        method=f"Derringer-Suich, grid {pts_per_dim}^{k} + L-BFGS-B",
        factors=factors,
        optimum_coded=[float(v) for v in best_x],
        optimum_actual=actual,
        predicted=predicted,
        individual=individual,
        composite=best_D,
        goals=goal_objs,
    )
