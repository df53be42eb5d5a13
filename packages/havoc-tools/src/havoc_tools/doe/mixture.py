"""Mixture designs: simplex lattice {q, m} and simplex centroid, with axial points and lower
bounds through L-pseudo-components (Cornell, *Experiments with Mixtures*, 3rd ed., 2002).

Components are proportions that sum to 1 (or to ``total``). The designs are built in
pseudo-components z (each in [0, 1], summing to 1); with lower bounds L_i the actual proportions
are x_i = L_i + (1 - sum L) z_i, scaled by ``total``. The ``_coded`` columns of the design table
hold the pseudo-components.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .design import Design, Factor, build_design, check_count, letter_names

MAX_POINTS = 50_000


def _components(components: Any, lower: Any, what: str) -> tuple[list[str], np.ndarray]:
    if isinstance(components, bool):
        raise ValueError(f"{what}: components must be a count or a list of names")
    if isinstance(components, (int, np.integer)):
        q = int(components)
        if q < 2:
            raise ValueError(f"{what}: a mixture needs at least 2 components, got {q}")
        names = letter_names(q)
    elif isinstance(components, Mapping):
        names = [str(n) for n in components]
        if lower is not None:
            raise ValueError(f"{what}: give lower bounds in the mapping or as lower=, not both")
        lower = [components[n] for n in components]
    elif isinstance(components, Sequence) and not isinstance(components, (str, bytes)):
        names = [str(n) for n in components]
    else:
        raise ValueError(
            f"{what}: components must be a count, a list of names or a mapping name -> lower "
            f"bound, got {type(components).__name__}"
        )
    q = len(names)
    if q < 2:
        raise ValueError(f"{what}: a mixture needs at least 2 components, got {q}")
    if len(set(names)) != q or any(not n.strip() for n in names):
        raise ValueError(f"{what}: component names must be unique and non-empty, got {names}")
    if lower is None:
        L = np.zeros(q)
    else:
        try:
            L = np.asarray(lower, dtype=np.float64).reshape(-1)
        except (TypeError, ValueError):
            raise ValueError(f"{what}: lower bounds must be numbers, got {lower!r}") from None
        if L.size != q:
            raise ValueError(f"{what}: {L.size} lower bounds for {q} components")
        if not np.all(np.isfinite(L)) or np.any(L < 0):
            raise ValueError(f"{what}: lower bounds must be finite and >= 0, got {L.tolist()}")
        if L.sum() >= 1:
            raise ValueError(
                f"{what}: the lower bounds sum to {L.sum():g}; they must sum to less than 1 "
                "(as proportions of the total)"
            )
    return names, L


def simplex_lattice_points(q: int, m: int) -> list[tuple[Fraction, ...]]:
    """All q-tuples of multiples of 1/m summing to 1 (Scheffe 1958), in lexicographic
    order from the first component's vertex down."""

    def compositions(parts: int, total: int) -> Iterator[tuple[int, ...]]:
        if parts == 1:
            yield (total,)
            return
        for first in range(total, -1, -1):
            for rest in compositions(parts - 1, total - first):
                yield (first, *rest)

    return [tuple(Fraction(c, m) for c in combo) for combo in compositions(q, m)]


def simplex_centroid_points(q: int) -> list[tuple[Fraction, ...]]:
    """The 2^q - 1 centroids of the faces of the simplex (Scheffe 1963): every
    non-empty subset of components in equal proportions, by subset size."""
    out = []
    for r in range(1, q + 1):
        for subset in itertools.combinations(range(q), r):
            out.append(tuple(Fraction(1, r) if j in subset else Fraction(0) for j in range(q)))
    return out


def _point_type(z: Sequence[Fraction], q: int) -> str:
    nz = sum(1 for v in z if v != 0)
    if nz == 1:
        return "vertex"
    if nz == q and len(set(z)) == 1:
        return "center"
    return f"blend{nz}"


def _axial(q: int) -> list[tuple[Fraction, ...]]:
    # halfway between the overall centroid and each vertex: (q+1)/(2q) and 1/(2q), as Minitab
    return [
        tuple(Fraction(q + 1, 2 * q) if j == i else Fraction(1, 2 * q) for j in range(q))
        for i in range(q)
    ]


def mixture_design(
    components: Any,
    *,
    kind: str = "lattice",
    degree: int = 2,
    axial: bool = False,
    center: bool = False,
    lower: Sequence[float] | None = None,
    total: float = 1.0,
    replicates: int = 1,
    randomize: bool = True,
    seed: int | None = None,
) -> Design:
    """Simplex-lattice {q, degree} or simplex-centroid mixture design.

    ``components``: a count q, names, or a mapping name -> lower bound. ``axial`` adds the q
    axial check blends, ``center`` the overall centroid (already in a centroid design, and in a
    lattice when degree is a multiple of q). ``lower`` bounds (proportions of ``total``) map
    the design through pseudo-components.

    >>> d = mixture_design(3, degree=2, randomize=False)
    >>> d.n_runs
    6
    """
    what = "mixture_design"
    names, L = _components(components, lower, what)
    q = len(names)
    kind_l = str(kind).lower()
    if kind_l not in ("lattice", "centroid"):
        raise ValueError(f"{what}: kind must be 'lattice' or 'centroid', got {kind!r}")
    replicates = check_count(replicates, "replicates", minimum=1)
    if isinstance(total, bool) or not isinstance(total, (int, float)) or not total > 0:
        raise ValueError(f"{what}: total must be a positive number, got {total!r}")
    if kind_l == "lattice":
        degree = check_count(degree, "degree", minimum=1)
        from math import comb

        if comb(q + degree - 1, degree) > MAX_POINTS:
            raise ValueError(f"{what}: a {{{q}, {degree}}} lattice has too many points")
        points = simplex_lattice_points(q, degree)
        method = f"simplex lattice {{{q}, {degree}}}"
    else:
        if 2**q - 1 > MAX_POINTS:
            raise ValueError(f"{what}: a simplex centroid for {q} components is too large")
        points = simplex_centroid_points(q)
        method = f"simplex centroid, {q} components"
    centroid = tuple(Fraction(1, q) for _ in range(q))
    if center and centroid not in points:
        points.append(centroid)
    if axial:
        points += _axial(q)
        method += " + axial points"
    types = [_point_type(z, q) for z in points]
    if axial:
        types[-q:] = ["axial"] * q
    Z = np.array([[float(v) for v in z] for z in points])
    scale = 1.0 - L.sum()
    X = (L + scale * Z) * float(total)
    Z_all = np.vstack([Z] * replicates)
    X_all = np.vstack([X] * replicates)
    notes = []
    if np.any(L > 0):
        notes.append(
            "lower bounds "
            + ", ".join(f"{n} >= {lo:g}" for n, lo in zip(names, L, strict=True))
            + f"; pseudo-components z = (x - L) / {scale:g} are the coded columns"
        )
    if total != 1.0:
        notes.append(f"component amounts sum to {total:g}")
    facs = [
        Factor(n, [float(L[j] * total), float((L[j] + scale) * total)], True)
        for j, n in enumerate(names)
    ]
    return build_design(
        design_type="mixture",
        method=method,
        factors=facs,
        coded=Z_all,
        point_type=types * replicates,
        std_order=np.arange(1, len(Z_all) + 1),
        block=np.ones(len(Z_all), dtype=int),
        randomize=randomize,
        seed=seed,
        replicates=replicates,
        notes=notes,
        actual_override=X_all.tolist(),
    )
