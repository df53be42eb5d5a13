"""The :class:`Design` result shared by every design generator, and factor handling.

A design is built in *standard order* in coded units, then expanded (replicates, centre points,
blocks), mapped to actual units and finally randomised within blocks. ``Design.table`` is a pandas
DataFrame with ``std_order``, ``run_order``, ``block``, ``point_type`` and, per factor, the actual
column ``<name>`` and the coded column ``<name>_coded``, rows in run order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .._result import ToolResult, fmt

# Minitab / Montgomery factor letters: I is skipped (it denotes the identity in defining relations).
LETTERS = "ABCDEFGHJKLMNOPQRSTUVWXYZ"

POINT_TYPES = {1: "corner", 0: "center", -1: "axial", 2: "edge", 3: "other"}


@dataclasses.dataclass
class Factor:
    """One factor: its name and its levels in actual units.

    ``low``/``high`` are the actual values at coded -1/+1 (numeric factors) or the two labels of a
    categorical two-level factor. ``levels`` lists every level of a general (multi-level) factor.
    """

    name: str
    levels: list[Any]
    numeric: bool

    @property
    def low(self) -> Any:
        return self.levels[0]

    @property
    def high(self) -> Any:
        return self.levels[-1]

    def to_actual(self, coded: np.ndarray) -> list[Any]:
        """Coded two-level values (-1..+1, or beyond for axial points) to actual units."""
        if self.numeric:
            lo, hi = float(self.low), float(self.high)
            centre, half = (lo + hi) / 2.0, (hi - lo) / 2.0
            return [centre + half * float(c) for c in coded]
        out = []
        for c in coded:
            if c == -1:
                out.append(self.low)
            elif c == 1:
                out.append(self.high)
            else:
                raise ValueError(
                    f"factor {self.name!r} is categorical ({self.low!r}/{self.high!r}); it has no "
                    f"actual value at coded {c:g} (centre or axial points need numeric factors)"
                )
        return out


def letter_names(k: int) -> list[str]:
    """A, B, ... (no I) for up to 25 factors, X1, X2, ... beyond."""
    if k > len(LETTERS):
        return [f"X{i}" for i in range(1, k + 1)]
    return list(LETTERS[:k])


def parse_factors(factors: Any, *, two_level: bool = True, what: str = "design") -> list[Factor]:
    """Normalise the ``factors`` argument shared by all generators.

    Accepts an int ``k`` (factors A, B, ... with actual = coded), a sequence of names, or a mapping
    ``name -> (low, high)`` (two-level) / ``name -> [levels...]`` (general factorial).
    """
    if isinstance(factors, bool):
        raise ValueError(f"{what}: factors must be an int, a list of names or a mapping")
    if isinstance(factors, (int, np.integer)):
        k = int(factors)
        if k < 1:
            raise ValueError(f"{what}: needs at least 1 factor, got {k}")
        return [Factor(n, [-1.0, 1.0], True) for n in letter_names(k)]
    if isinstance(factors, Mapping):
        out = []
        for name, levels in factors.items():
            if not isinstance(name, str) or not name.strip():
                raise ValueError(f"{what}: factor names must be non-empty strings, got {name!r}")
            if isinstance(levels, (str, bytes)) or not isinstance(levels, Sequence | np.ndarray):
                raise ValueError(
                    f"{what}: factor {name!r} needs a sequence of levels such as (low, high), "
                    f"got {levels!r}"
                )
            levels = list(levels)
            if len(levels) < 2:
                raise ValueError(f"{what}: factor {name!r} needs at least 2 levels, got {levels}")
            if two_level and len(levels) != 2:
                raise ValueError(
                    f"{what}: factor {name!r} must have exactly 2 levels (low, high), got {levels}"
                )
            if len(set(map(repr, levels))) != len(levels):
                raise ValueError(f"{what}: factor {name!r} has repeated levels {levels}")
            numeric = all(
                isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
                for v in levels
            )
            if numeric:
                levels = [float(v) for v in levels]
                if not np.all(np.isfinite(levels)):
                    raise ValueError(f"{what}: factor {name!r} has a non-finite level {levels}")
            out.append(Factor(name, levels, numeric))
        if not out:
            raise ValueError(f"{what}: needs at least 1 factor")
        _check_names([f.name for f in out], what)
        return out
    if isinstance(factors, Sequence) and not isinstance(factors, (str, bytes)):
        names = [str(n) for n in factors]
        if not names:
            raise ValueError(f"{what}: needs at least 1 factor")
        _check_names(names, what)
        return [Factor(n, [-1.0, 1.0], True) for n in names]
    raise ValueError(
        f"{what}: factors must be an int, a list of names or a mapping name -> levels, "
        f"got {type(factors).__name__}"
    )


# columns every design table carries besides the factors (a factor may not take these names,
# nor end in "_coded", the suffix of each factor's coded column)
TABLE_COLUMNS = frozenset({"std_order", "run_order", "block", "point_type"})


def _check_names(names: list[str], what: str) -> None:
    if len(set(names)) != len(names):
        raise ValueError(f"{what}: factor names must be unique, got {names}")
    for n in names:
        if not n.strip():
            raise ValueError(f"{what}: factor names must be non-empty")
        if n.endswith("_coded") or n in TABLE_COLUMNS:
            raise ValueError(f"{what}: factor name {n!r} collides with a design table column")


def check_count(value: Any, name: str, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


@dataclasses.dataclass
class Design(ToolResult):
    """A generated design, in run order. See the module docstring for the table layout."""

    design_type: str
    method: str
    factor_names: list[str]
    factor_levels: dict[str, list[Any]]
    coded: list[list[float]]
    actual: list[list[Any]]
    std_order: list[int]
    run_order: list[int]
    block: list[int]
    point_type: list[str]
    replicates: int = 1
    center_points: int = 0
    seed: int | None = None
    randomized: bool = False
    alpha: float | None = None
    alias: Any = None  # AliasStructure for regular two-level fractions
    notes: list[str] = dataclasses.field(default_factory=list)

    @property
    def n_runs(self) -> int:
        return len(self.coded)

    @property
    def coded_matrix(self) -> np.ndarray:
        """Coded settings as an (n_runs, k) float array, rows in run order."""
        return np.asarray(self.coded, dtype=np.float64).reshape(len(self.coded), -1)

    @property
    def table(self) -> Any:
        import pandas as pd

        cols: dict[str, Any] = {
            "std_order": self.std_order,
            "run_order": self.run_order,
            "block": self.block,
            "point_type": self.point_type,
        }
        for j, name in enumerate(self.factor_names):
            cols[name] = [row[j] for row in self.actual]
        for j, name in enumerate(self.factor_names):
            cols[f"{name}_coded"] = [row[j] for row in self.coded]
        return pd.DataFrame(cols)

    def to_csv(self, path: Any) -> None:
        """Write the design table (run order) as CSV."""
        self.table.to_csv(path, index=False)

    def summary(self) -> str:
        lines = [
            f"{self.design_type}: {len(self.factor_names)} factors, {self.n_runs} runs "
            f"({self.method})",
            f"replicates={self.replicates}, center points={self.center_points}, "
            f"blocks={max(self.block) if self.block else 1}, "
            + (f"randomized (seed={self.seed})" if self.randomized else "standard order"),
        ]
        if self.alpha is not None:
            lines.append(f"axial distance alpha = {fmt(self.alpha, 5)}")
        for name in self.factor_names:
            lv = self.factor_levels[name]
            lines.append(f"  {name}: levels {', '.join(map(str, lv))}")
        if self.alias is not None:
            lines.append(self.alias.summary())
        lines.extend(self.notes)
        return "\n".join(lines)


def expand(
    base: np.ndarray,
    point: list[str],
    *,
    replicates: int,
    center_points: int,
    blocks: int,
    base_blocks: np.ndarray | None = None,
) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray]:
    """Replicate a base design, assign blocks and add centre points to every block.

    ``blocks`` is the total number of blocks: equal to ``replicates`` means one block per
    replicate; otherwise each replicate is split by ``base_blocks`` (1..blocks/replicates).
    Standard order numbers replicate 1, replicate 2, ..., then the centre points block by block.
    Returns (coded, point types, std order (1-based), block (1-based)).
    """
    k = base.shape[1]
    per_rep = 1 if blocks == replicates else blocks // replicates
    rows, types, blk = [], [], []
    for r in range(replicates):
        for i, row in enumerate(base):
            rows.append(row)
            types.append(point[i])
            if blocks == 1:
                blk.append(1)
            elif blocks == replicates:
                blk.append(r + 1)
            else:
                blk.append(r * per_rep + int(base_blocks[i]))
    for b in range(1, blocks + 1):
        for _ in range(center_points):
            rows.append(np.zeros(k))
            types.append("center")
            blk.append(b)
    coded = np.asarray(rows, dtype=np.float64).reshape(-1, k)
    return coded, types, np.arange(1, len(coded) + 1), np.asarray(blk, dtype=int)


def blocks_per_replicate(blocks: int, replicates: int, what: str) -> int:
    """How many blocks each replicate is split into (1 when blocking by replicate)."""
    if blocks == 1 or blocks == replicates:
        return 1
    if blocks % replicates:
        raise ValueError(
            f"{what}: blocks={blocks} must equal replicates={replicates} (block by replicate) "
            "or be a multiple of it"
        )
    return blocks // replicates


def randomize_runs(
    blocks: np.ndarray, *, randomize: bool, seed: int | None
) -> tuple[np.ndarray, bool]:
    """A permutation of the runs: blocks in order, runs shuffled within each block."""
    n = len(blocks)
    if not randomize:
        order = np.lexsort((np.arange(n), blocks))
        return order, False
    rng = np.random.default_rng(seed)
    order = []
    for b in sorted(set(blocks.tolist())):
        idx = np.flatnonzero(blocks == b)
        order.extend(rng.permutation(idx).tolist())
    return np.asarray(order, dtype=int), True


def build_design(
    *,
    design_type: str,
    method: str,
    factors: list[Factor],
    coded: np.ndarray,
    point_type: list[str],
    std_order: np.ndarray,
    block: np.ndarray,
    randomize: bool,
    seed: int | None,
    replicates: int = 1,
    center_points: int = 0,
    alpha: float | None = None,
    alias: Any = None,
    notes: list[str] | None = None,
    actual_override: list[list[Any]] | None = None,
) -> Design:
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
        raise ValueError(f"seed must be an integer or None, got {seed!r}")
    order, randomized = randomize_runs(block, randomize=randomize, seed=seed)
    coded = coded[order]
    if actual_override is not None:
        actual_cols = [[actual_override[i][j] for i in order] for j in range(len(factors))]
    else:
        actual_cols = [f.to_actual(coded[:, j]) for j, f in enumerate(factors)]
    actual = [list(row) for row in zip(*actual_cols, strict=True)]
    coded_list = [[float(v) + 0.0 for v in row] for row in coded]  # +0.0 drops negative zeros
    return Design(
        design_type=design_type,
        method=method,
        factor_names=[f.name for f in factors],
        factor_levels={f.name: list(f.levels) for f in factors},
        coded=coded_list,
        actual=actual,
        std_order=[int(s) for s in std_order[order]],
        run_order=list(range(1, len(coded) + 1)),
        block=[int(b) for b in block[order]],
        point_type=[point_type[i] for i in order],
        replicates=replicates,
        center_points=center_points,
        seed=None if seed is None else int(seed),
        randomized=randomized,
        alpha=alpha,
        alias=alias,
        notes=list(notes or []),
    )
