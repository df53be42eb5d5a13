"""Response-surface designs (central composite, Box–Behnken) and Latin hypercube sampling."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .aliasing import parse_generators
from .catalogue import CATALOGUE
from .design import Design, build_design, check_count, parse_factors
from .factorial import two_level_base

# Minitab's default centre points for a full-cube central composite design.
CCD_CENTER_POINTS = {2: 5, 3: 6, 4: 7, 5: 10, 6: 14, 7: 20}

# Box & Behnken (1960), Technometrics 2, 455-475: the incomplete block designs of the factor
# groups that run a 2^2 (k = 3, 4, 5: every pair) or 2^3 (k = 6, 7) factorial, others at 0.
BBD_BLOCKS: dict[int, list[tuple[int, ...]]] = {
    3: [(0, 1), (0, 2), (1, 2)],
    4: [(0, 1), (2, 3), (0, 3), (1, 2), (0, 2), (1, 3)],
    5: [(0, 1), (2, 3), (1, 4), (0, 2), (3, 4), (1, 2), (0, 3), (2, 4), (0, 4), (1, 3)],
    6: [(0, 1, 3), (1, 2, 4), (2, 3, 5), (0, 3, 4), (1, 4, 5), (0, 2, 5)],
    7: [(3, 4, 5), (0, 5, 6), (1, 4, 6), (0, 1, 3), (2, 3, 6), (0, 2, 4), (1, 2, 5)],
}
BBD_CENTER_POINTS = {3: 3, 4: 3, 5: 6, 6: 6, 7: 6}


def ccd_alpha(
    k: int, kind: str = "rotatable", *, n_factorial: int | None = None, n_center: int = 0
) -> float:
    """Axial distance of a central composite design.

    ``rotatable``: alpha = F^(1/4) with F factorial points. ``orthogonal``: alpha =
    (F (sqrt(N) - sqrt(F))^2 / 4)^(1/4) with N the total number of runs (Box & Hunter 1957), so
    the quadratic terms are uncorrelated with the others. ``face``: alpha = 1.
    """
    F = n_factorial if n_factorial is not None else 2**k
    if kind == "rotatable":
        return F**0.25
    if kind == "orthogonal":
        N = F + 2 * k + n_center
        return (F * (math.sqrt(N) - math.sqrt(F)) ** 2 / 4.0) ** 0.25
    if kind in ("face", "faced", "face-centred", "face-centered"):
        return 1.0
    raise ValueError(f"alpha must be 'rotatable', 'orthogonal', 'face' or a number, got {kind!r}")


def central_composite(
    factors: Any,
    *,
    alpha: str | float = "rotatable",
    design: str = "circumscribed",
    center_points: int | None = None,
    fraction: int = 0,
    replicates: int = 1,
    randomize: bool = True,
    seed: int | None = None,
) -> Design:
    """Central composite design: a two-level (fractional) cube, 2k axial points and centre points.

    ``design``: ``circumscribed`` (CCC: axial points at +-alpha beyond the cube), ``inscribed``
    (CCI: the CCC scaled so the axial points sit at the factor limits) or ``faced`` (CCF,
    alpha = 1). ``alpha``: ``rotatable``, ``orthogonal`` or a number. ``fraction`` p uses the
    catalogued 2^(k-p) cube (resolution V or more is advisable). Actual units map coded -1/+1 to
    the given (low, high); for the inscribed design those are the axial limits.

    >>> d = central_composite(2, center_points=5, randomize=False)
    >>> d.n_runs, round(d.alpha, 4)
    (13, 1.4142)
    """
    facs = parse_factors(factors, what="central_composite")
    k = len(facs)
    if k < 2:
        raise ValueError("central_composite: needs at least 2 factors")
    if any(not f.numeric for f in facs):
        raise ValueError("central_composite: all factors must be numeric (axial points)")
    fraction = check_count(fraction, "fraction", minimum=0)
    replicates = check_count(replicates, "replicates", minimum=1)
    kind = design.lower()
    kinds = {"circumscribed": "CCC", "ccc": "CCC", "inscribed": "CCI", "cci": "CCI"}
    kinds.update({"faced": "CCF", "face": "CCF", "ccf": "CCF", "face-centred": "CCF"})
    kinds["face-centered"] = "CCF"
    if kind not in kinds:
        raise ValueError(
            f"central_composite: design must be circumscribed, inscribed or faced, got {design!r}"
        )
    code = kinds[kind]
    if center_points is None:
        center_points = CCD_CENTER_POINTS.get(k, 6) if fraction == 0 else 6
    center_points = check_count(center_points, "center_points", minimum=0)
    # cube
    if fraction:
        if (k, fraction) not in CATALOGUE:
            raise ValueError(f"central_composite: no catalogued 2^({k}-{fraction}) cube")
        gens = parse_generators(list(CATALOGUE[(k, fraction)][1]), k)
        base_idx = [j for j in range(k) if j not in {g for g, _, _ in gens}]
        bf = two_level_base(len(base_idx))
        cube = np.empty((len(bf), k))
        cube[:, base_idx] = bf
        for f, word, sign in gens:
            cube[:, f] = sign * np.prod(cube[:, [j for j in range(k) if word >> j & 1]], axis=1)
    else:
        cube = two_level_base(k)
    F = len(cube)
    n_total = F + 2 * k + center_points
    if code == "CCF":
        a = 1.0
    elif isinstance(alpha, (int, float)) and not isinstance(alpha, bool):
        a = float(alpha)
        if not (math.isfinite(a) and a > 0):
            raise ValueError(f"central_composite: alpha must be positive, got {alpha}")
    else:
        a = ccd_alpha(k, str(alpha), n_factorial=F, n_center=center_points)
    axial = np.zeros((2 * k, k))
    for j in range(k):
        axial[2 * j, j] = -a
        axial[2 * j + 1, j] = a
    base = np.vstack([cube, axial, np.zeros((center_points, k))])
    types = ["corner"] * F + ["axial"] * (2 * k) + ["center"] * center_points
    if code == "CCI":
        base = base / a
    rows = np.vstack([base] * replicates)
    types = types * replicates
    std = np.arange(1, len(rows) + 1)
    blk = np.ones(len(rows), dtype=int)
    d = build_design(
        design_type="central composite",
        method=f"{code}, alpha={a:.6g} ({alpha if code != 'CCF' else 'face'}), "
        + (f"2^({k}-{fraction}) cube" if fraction else f"2^{k} cube"),
        factors=facs,
        coded=rows,
        point_type=types,
        std_order=std,
        block=blk,
        randomize=randomize,
        seed=seed,
        replicates=replicates,
        center_points=center_points,
        alpha=a,
    )
    assert n_total * replicates == d.n_runs
    return d


def box_behnken(
    factors: Any,
    *,
    center_points: int | None = None,
    replicates: int = 1,
    randomize: bool = True,
    seed: int | None = None,
) -> Design:
    """Box–Behnken design for 3 to 7 factors (Box & Behnken 1960).

    Default centre points follow Minitab (3 for k = 3, 4; 6 for k = 5, 6, 7), giving 15, 27,
    46, 54 and 62 runs.

    >>> box_behnken(3, randomize=False).n_runs
    15
    """
    facs = parse_factors(factors, what="box_behnken")
    k = len(facs)
    if k not in BBD_BLOCKS:
        raise ValueError(f"box_behnken: available for 3 to 7 factors, got {k}")
    if any(not f.numeric for f in facs):
        raise ValueError(
            "box_behnken: all factors must be numeric (the design uses a middle level)"
        )
    if center_points is None:
        center_points = BBD_CENTER_POINTS[k]
    center_points = check_count(center_points, "center_points", minimum=0)
    replicates = check_count(replicates, "replicates", minimum=1)
    rows = []
    for group in BBD_BLOCKS[k]:
        sub = two_level_base(len(group))
        for srow in sub:
            row = np.zeros(k)
            row[list(group)] = srow
            rows.append(row)
    n_edge = len(rows)
    base = np.vstack([np.array(rows), np.zeros((center_points, k))])
    types = ["edge"] * n_edge + ["center"] * center_points
    coded = np.vstack([base] * replicates)
    return build_design(
        design_type="Box-Behnken",
        method=f"Box-Behnken, {len(BBD_BLOCKS[k])} blocks of {len(BBD_BLOCKS[k][0])} factors",
        factors=facs,
        coded=coded,
        point_type=types * replicates,
        std_order=np.arange(1, len(coded) + 1),
        block=np.ones(len(coded), dtype=int),
        randomize=randomize,
        seed=seed,
        replicates=replicates,
        center_points=center_points,
    )


def latin_hypercube(
    factors: Any,
    samples: int,
    *,
    criterion: str | None = "maximin",
    iterations: int = 100,
    centered: bool = False,
    seed: int | None = None,
) -> Design:
    """Latin hypercube sample: each factor's range split into ``samples`` equal strata, one
    point per stratum. Coded units run from -1 to +1.

    ``criterion="maximin"`` keeps the best of ``iterations`` random hypercubes by the smallest
    pairwise distance; ``None`` takes the first. ``centered`` puts points at stratum centres.

    >>> latin_hypercube({"x": (0, 1), "y": (10, 20)}, 10, seed=0).n_runs
    10
    """
    facs = parse_factors(factors, what="latin_hypercube")
    if any(not f.numeric for f in facs):
        raise ValueError("latin_hypercube: all factors must be numeric")
    k = len(facs)
    samples = check_count(samples, "samples", minimum=2)
    iterations = check_count(iterations, "iterations", minimum=1)
    if criterion not in (None, "maximin"):
        raise ValueError(f"latin_hypercube: criterion must be None or 'maximin', got {criterion!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
        raise ValueError(f"seed must be an integer or None, got {seed!r}")
    rng = np.random.default_rng(seed)
    best, best_score = None, -np.inf
    tries = iterations if criterion == "maximin" else 1
    for _ in range(tries):
        perms = np.stack([rng.permutation(samples) for _ in range(k)], axis=1)
        jitter = 0.5 if centered else rng.random((samples, k))
        u = (perms + jitter) / samples
        if criterion == "maximin":
            diff = u[:, None, :] - u[None, :, :]
            dist = np.sqrt((diff**2).sum(-1))
            score = dist[np.triu_indices(samples, 1)].min()
        else:
            score = 0.0
        if score > best_score:
            best, best_score = u, score
    coded = 2.0 * best - 1.0
    return build_design(
        design_type="Latin hypercube",
        method=f"LHS, {samples} samples, criterion={criterion}"
        + (", centered" if centered else ""),
        factors=facs,
        coded=coded,
        point_type=["other"] * samples,
        std_order=np.arange(1, samples + 1),
        block=np.ones(samples, dtype=int),
        randomize=False,
        seed=seed,
    )
