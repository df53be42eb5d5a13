"""Full factorial (two-level and general) and regular 2^(k-p) fractional factorial designs."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from . import catalogue
from .aliasing import AliasStructure, alias_structure, defining_group, parse_generators, word_name
from .design import (
    Design,
    Factor,
    blocks_per_replicate,
    build_design,
    check_count,
    expand,
    parse_factors,
)

MAX_RUNS = 1 << 20


def two_level_base(n: int) -> np.ndarray:
    """The 2^n full factorial in standard (Yates) order: the first column alternates fastest."""
    runs = np.arange(1 << n)
    return np.stack([np.where(runs >> j & 1, 1.0, -1.0) for j in range(n)], axis=1).reshape(
        1 << n, n
    )


def full_factorial(
    factors: Any,
    *,
    levels: int | list[int] | None = None,
    replicates: int = 1,
    center_points: int = 0,
    blocks: int = 1,
    randomize: bool = True,
    seed: int | None = None,
) -> Design:
    """Full factorial design.

    ``factors``: an int k, a list of names, or a mapping ``name -> (low, high)``; a mapping with
    more than two levels for any factor (``{"T": [150, 175, 200], "cat": ["x", "y"]}``) or
    ``levels=3`` / ``levels=[3, 2]`` gives a general full factorial, coded by level number 1..L.

    >>> d = full_factorial({"T": (150, 200), "t": (10, 20)}, seed=1)
    >>> d.n_runs
    4
    """
    replicates = check_count(replicates, "replicates", minimum=1)
    center_points = check_count(center_points, "center_points", minimum=0)
    blocks = check_count(blocks, "blocks", minimum=1)
    general = levels is not None and not (isinstance(levels, int) and levels == 2)
    if isinstance(factors, dict) and any(len(v) != 2 for v in factors.values()):
        general = True
    if general:
        return _general_factorial(
            factors, levels, replicates, blocks, center_points, randomize, seed
        )
    facs = parse_factors(factors, what="full_factorial")
    k = len(facs)
    if (1 << k) * replicates > MAX_RUNS:
        raise ValueError(f"full_factorial: 2^{k} x {replicates} runs is too many (max {MAX_RUNS})")
    return _two_level(
        facs,
        gens=[],
        design_type="full factorial",
        replicates=replicates,
        center_points=center_points,
        blocks=blocks,
        randomize=randomize,
        seed=seed,
        max_alias_order=3,
    )


def fractional_factorial(
    factors: Any,
    *,
    generators: str | list[str] | None = None,
    resolution: int | None = None,
    runs: int | None = None,
    replicates: int = 1,
    center_points: int = 0,
    blocks: int = 1,
    randomize: bool = True,
    seed: int | None = None,
    max_alias_order: int = 3,
) -> Design:
    """Regular two-level fraction 2^(k-p) from generators, a requested resolution or a run count.

    ``generators`` uses Minitab notation over factor letters A, B, C, ... (I is skipped):
    ``"E = ABCD"`` or ``["F = ABC", "G = -BCD"]``. Without generators the minimum-aberration
    design of Montgomery's Table 8.14 is used (k <= 11). The alias structure (defining relation,
    word length pattern, resolution, aliases of main effects and two-factor interactions) is
    always in ``design.alias``.

    >>> d = fractional_factorial(5, generators="E = ABCD", randomize=False)
    >>> d.alias.resolution, d.n_runs
    (5, 16)
    """
    replicates = check_count(replicates, "replicates", minimum=1)
    center_points = check_count(center_points, "center_points", minimum=0)
    blocks = check_count(blocks, "blocks", minimum=1)
    max_alias_order = check_count(max_alias_order, "max_alias_order", minimum=1)
    facs = parse_factors(factors, what="fractional_factorial")
    k = len(facs)
    if k > 25:
        raise ValueError(
            f"fractional_factorial: at most 25 factors (letters A-Z without I), got {k}"
        )
    if generators is not None:
        if resolution is not None or runs is not None:
            raise ValueError("fractional_factorial: give generators or resolution/runs, not both")
        gens = parse_generators(generators, k)
        source = "user generators"
    else:
        p, gen_text = catalogue.choose(k, resolution=resolution, runs=runs)
        gens = parse_generators(list(gen_text), k) if p else []
        source = "Montgomery Table 8.14 (minimum aberration)" if p else "full factorial"
    design_type = "fractional factorial" if gens else "full factorial"
    d = _two_level(
        facs,
        gens=gens,
        design_type=design_type,
        replicates=replicates,
        center_points=center_points,
        blocks=blocks,
        randomize=randomize,
        seed=seed,
        max_alias_order=max_alias_order,
    )
    d.method = f"{d.method}; generators from {source}"
    if (
        resolution is not None
        and d.alias.resolution is not None
        and d.alias.resolution < resolution
    ):
        raise ValueError(
            f"fractional_factorial: the design has resolution {d.alias.resolution}, "
            f"below the requested {resolution}"
        )
    return d


def _two_level(
    facs: list[Factor],
    *,
    gens: list[tuple[int, int, int]],
    design_type: str,
    replicates: int,
    center_points: int,
    blocks: int,
    randomize: bool,
    seed: int | None,
    max_alias_order: int,
) -> Design:
    k, p = len(facs), len(gens)
    generated = {f for f, _, _ in gens}
    base_idx = [j for j in range(k) if j not in generated]
    n_base = len(base_idx)
    if (1 << n_base) * replicates > MAX_RUNS:
        raise ValueError(f"{design_type}: 2^{n_base} x {replicates} runs is too many")
    bf = two_level_base(n_base)
    X = np.empty((1 << n_base, k))
    for i, j in enumerate(base_idx):
        X[:, j] = bf[:, i]
    for f, word, sign in gens:
        col = np.full(len(X), float(sign))
        for j in range(k):
            if word >> j & 1:
                col *= X[:, j]
        X[:, f] = col
    alias = alias_structure(k, gens, [f.name for f in facs], max_order=max_alias_order)
    notes: list[str] = []
    per_rep = blocks_per_replicate(blocks, replicates, design_type)
    base_blocks = None
    if per_rep > 1:
        base_blocks, confounded = _block_assignment(X, k, gens, base_idx, per_rep)
        notes.append("confounded with blocks: " + ", ".join(confounded))
    coded, types, std, blk = expand(
        X,
        ["corner"] * len(X),
        replicates=replicates,
        center_points=center_points,
        blocks=blocks,
        base_blocks=base_blocks,
    )
    if len(coded) > MAX_RUNS:
        raise ValueError(f"{design_type}: {len(coded)} runs is too many (max {MAX_RUNS})")
    method = f"2^{k}" if not gens else f"2^({k}-{p}), resolution {alias.resolution_roman}"
    return build_design(
        design_type=design_type,
        method=method,
        factors=facs,
        coded=coded,
        point_type=types,
        std_order=std,
        block=blk,
        randomize=randomize,
        seed=seed,
        replicates=replicates,
        center_points=center_points,
        alias=alias,
        notes=notes,
    )


def _block_assignment(
    X: np.ndarray, k: int, gens: list[tuple[int, int, int]], base_idx: list[int], blocks: int
) -> tuple[np.ndarray, list[str]]:
    """Block a two-level design into 2^b blocks by confounding high-order interactions.

    Block generators are chosen greedily among the run-space columns so that the shortest effect
    confounded with blocks is as long as possible (ties: fewer short effects).
    """
    if blocks & (blocks - 1):
        raise ValueError(f"blocks must be a power of two for a two-level design, got {blocks}")
    b = blocks.bit_length() - 1
    n_base = len(base_idx)
    if b >= n_base:
        raise ValueError(
            f"blocks={blocks} needs at most {2 ** (n_base - 1)} blocks for this design"
        )
    group = defining_group([((1 << f) | w, s) for f, w, s in gens])

    def alias_class_min(col: int) -> tuple[int, int]:
        eff = 0
        for i, j in enumerate(base_idx):
            if col >> i & 1:
                eff |= 1 << j
        lengths = [bin(eff ^ w).count("1") for w, _ in group]
        shortest = min(lengths)
        return shortest, eff ^ next(
            w for (w, _), n in zip(group, lengths, strict=True) if n == shortest
        )

    chosen: list[int] = []
    for _ in range(b):
        best, best_score = None, None
        for cand in range(1, 1 << n_base):
            span = _span(chosen + [cand])
            if len(span) != (1 << (len(chosen) + 1)) - 1:
                continue  # not independent
            mins = sorted(alias_class_min(c)[0] for c in span)
            score = (mins[0], -mins.count(mins[0]), bin(cand).count("1"))
            if best_score is None or score > best_score:
                best, best_score = cand, score
        chosen.append(best)
    block = np.zeros(len(X), dtype=int)
    bf = (X[:, base_idx] > 0).astype(int)
    for i, c in enumerate(chosen):
        parity = np.zeros(len(X), dtype=int)
        for j in range(n_base):
            if c >> j & 1:
                parity ^= 1 - bf[:, j]  # count of minus signs
        block += parity << i
    confounded = [word_name(alias_class_min(c)[1]) for c in sorted(_span(chosen))]
    return block + 1, confounded


def _span(cols: list[int]) -> list[int]:
    out = {0}
    for c in cols:
        out |= {x ^ c for x in out}
    out.discard(0)
    return sorted(out)


def _general_factorial(
    factors: Any,
    levels: Any,
    replicates: int,
    blocks: int,
    center_points: int,
    randomize: bool,
    seed: int | None,
) -> Design:
    if center_points:
        raise ValueError("full_factorial: centre points apply to two-level designs only")
    if isinstance(factors, dict):
        facs = parse_factors(factors, two_level=False, what="full_factorial")
        if levels is not None:
            raise ValueError("full_factorial: give levels either in the mapping or as levels=")
    else:
        names = [f.name for f in parse_factors(factors, what="full_factorial")]
        counts = [levels] * len(names) if isinstance(levels, int) else list(levels)
        if len(counts) != len(names):
            raise ValueError(
                f"full_factorial: levels has {len(counts)} entries for {len(names)} factors"
            )
        for n, c in zip(names, counts, strict=True):
            check_count(c, f"levels of factor {n!r}", minimum=2)
        facs = [
            Factor(n, [float(i) for i in range(1, c + 1)], True)
            for n, c in zip(names, counts, strict=True)
        ]
    counts = [len(f.levels) for f in facs]
    n_cells = int(np.prod(counts))
    if n_cells * replicates > MAX_RUNS:
        raise ValueError(f"full_factorial: {n_cells} x {replicates} runs is too many")
    if blocks not in (1, replicates):
        raise ValueError(
            "full_factorial: a general factorial can be blocked by replicate only "
            f"(blocks must equal replicates={replicates}, got {blocks})"
        )
    # standard order: first factor changes fastest
    idx = np.array(
        [list(reversed(c)) for c in itertools.product(*[range(c) for c in reversed(counts)])]
    )
    base = (idx + 1).astype(float)
    coded, types, std, blk = expand(
        base,
        ["other"] * len(base),
        replicates=replicates,
        center_points=0,
        blocks=blocks,
    )
    actual = [[facs[j].levels[int(v) - 1] for j, v in enumerate(row)] for row in coded]
    return build_design(
        design_type="general full factorial",
        method=" x ".join(map(str, counts)) + " levels",
        factors=facs,
        coded=coded,
        point_type=types,
        std_order=std,
        block=blk,
        randomize=randomize,
        seed=seed,
        replicates=replicates,
        actual_override=actual,
        notes=["coded values are level numbers 1..L"],
    )


__all__ = ["full_factorial", "fractional_factorial", "two_level_base", "AliasStructure"]
