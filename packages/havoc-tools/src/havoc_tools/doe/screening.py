"""Plackett–Burman designs and Taguchi orthogonal arrays, from the published tables."""

from __future__ import annotations

from typing import Any

import numpy as np

from .design import (
    Design,
    Factor,
    blocks_per_replicate,
    build_design,
    check_count,
    expand,
    parse_factors,
)
from .factorial import two_level_base

# Plackett & Burman (1946), Biometrika 33, 305-325: first rows of the cyclic designs. Each design
# is the N-1 cyclic shifts of the row plus a final row of minus signs.
PB_GENERATORS: dict[int, str] = {
    8: "+++-+--",
    12: "++-+++---+-",
    16: "++++-+-++--+---",
    20: "++--++++-+-+----++-",
    24: "+++++-+-++--++--+-+----",
}


def _pb_matrix(n: int) -> np.ndarray:
    if n in PB_GENERATORS:
        row = np.array([1.0 if c == "+" else -1.0 for c in PB_GENERATORS[n]])
        rows = [np.roll(row, i) for i in range(n - 1)]
        rows.append(-np.ones(n - 1))
        return np.array(rows)
    if n >= 32 and n & (n - 1) == 0:
        # powers of two beyond the table: the saturated regular fraction (Sylvester Hadamard)
        base = two_level_base(n.bit_length() - 1)
        cols = []
        for mask in range(1, n):
            col = np.ones(n)
            for j in range(base.shape[1]):
                if mask >> j & 1:
                    col *= base[:, j]
            cols.append(col)
        return np.stack(cols, axis=1)
    raise ValueError(
        f"plackett_burman: runs={n} is not available; use one of {sorted(PB_GENERATORS)} or a "
        "power of two >= 32"
    )


def plackett_burman(
    factors: Any,
    *,
    runs: int | None = None,
    replicates: int = 1,
    center_points: int = 0,
    blocks: int = 1,
    randomize: bool = True,
    seed: int | None = None,
) -> Design:
    """Plackett–Burman screening design (resolution III) for up to runs-1 two-level factors.

    ``runs`` defaults to the smallest available size (8, 12, 16, 20, 24, 32, ...) above the factor
    count. Factors take the first k columns of the published design.

    >>> plackett_burman(11, randomize=False).n_runs
    12
    """
    facs = parse_factors(factors, what="plackett_burman")
    k = len(facs)
    replicates = check_count(replicates, "replicates", minimum=1)
    center_points = check_count(center_points, "center_points", minimum=0)
    blocks = check_count(blocks, "blocks", minimum=1)
    if runs is None:
        sizes = sorted(PB_GENERATORS) + [1 << p for p in range(5, 13)]
        runs = next((n for n in sizes if n > k), None)
        if runs is None:
            raise ValueError(f"plackett_burman: too many factors ({k})")
    runs = check_count(runs, "runs", minimum=4)
    if k > runs - 1:
        raise ValueError(f"plackett_burman: {runs} runs hold at most {runs - 1} factors, got {k}")
    if blocks_per_replicate(blocks, replicates, "plackett_burman") > 1:
        raise ValueError("plackett_burman: blocks must be 1 or equal to replicates")
    X = _pb_matrix(runs)[:, :k]
    coded, types, std, blk = expand(
        X, ["corner"] * runs, replicates=replicates, center_points=center_points, blocks=blocks
    )
    return build_design(
        design_type="Plackett-Burman",
        method=f"{runs}-run Plackett-Burman (resolution III: main effects are partially "
        "aliased with two-factor interactions)",
        factors=facs,
        coded=coded,
        point_type=types,
        std_order=std,
        block=blk,
        randomize=randomize,
        seed=seed,
        replicates=replicates,
        center_points=center_points,
    )


# Taguchi's standard orthogonal arrays (levels numbered from 1) as printed in Taguchi, "System of
# Experimental Design" (1987) and reproduced in Ross, "Taguchi Techniques for Quality Engineering".
_L4 = ["111", "122", "212", "221"]
_L8 = ["1111111", "1112222", "1221122", "1222211", "2121212", "2122121", "2211221", "2212112"]
_L9 = ["1111", "1222", "1333", "2123", "2231", "2312", "3132", "3213", "3321"]
_L12 = [
    "11111111111",
    "11111222222",
    "11222111222",
    "12122122112",
    "12212212121",
    "12221221211",
    "21221122121",
    "21212221112",
    "21122212211",
    "22211112212",
    "22121211122",
    "22112121221",
]
_L27 = [
    "1111111111111",
    "1111222222222",
    "1111333333333",
    "1222111222333",
    "1222222333111",
    "1222333111222",
    "1333111333222",
    "1333222111333",
    "1333333222111",
    "2123123123123",
    "2123231231231",
    "2123312312312",
    "2231123231312",
    "2231231312123",
    "2231312123231",
    "2312123312231",
    "2312231123312",
    "2312312231123",
    "3132132132132",
    "3132213213213",
    "3132321321321",
    "3213132213321",
    "3213213321132",
    "3213321132213",
    "3321132321213",
    "3321213132321",
    "3321321213132",
]
_L18 = [
    "11111111",
    "11222222",
    "11333333",
    "12112233",
    "12223311",
    "12331122",
    "13121323",
    "13232131",
    "13313212",
    "21133221",
    "21211332",
    "21322113",
    "22123132",
    "22231213",
    "22312321",
    "23132312",
    "23213123",
    "23321231",
]


def _taguchi_l16() -> np.ndarray:
    # Column j (1..15) of L16 is the product of the basic columns named by the bits of j, the same
    # rule that generates the printed L4 and L8 (checked in the tests).
    runs = np.arange(16)
    basic = [(runs >> (3 - b)) & 1 for b in range(4)]
    cols = []
    for j in range(1, 16):
        v = np.zeros(16, dtype=int)
        for b in range(4):
            if j >> b & 1:
                v ^= basic[b]
        cols.append(v + 1)
    return np.stack(cols, axis=1)


def taguchi_array(name: str) -> np.ndarray:
    """The named orthogonal array (L4, L8, L9, L12, L16, L18, L27) with levels 1, 2, 3."""
    key = str(name).upper().strip()
    tables = {"L4": _L4, "L8": _L8, "L9": _L9, "L12": _L12, "L18": _L18, "L27": _L27}
    if key in tables:
        return np.array([[int(ch) for ch in row] for row in tables[key]])
    if key == "L16":
        return _taguchi_l16()
    raise ValueError(f"unknown Taguchi array {name!r}; available: L4, L8, L9, L12, L16, L18, L27")


def taguchi(
    array: str,
    factors: Any = None,
    *,
    columns: list[int] | None = None,
    replicates: int = 1,
    randomize: bool = False,
    seed: int | None = None,
) -> Design:
    """Taguchi orthogonal-array design.

    ``factors``: an int, list of names or mapping ``name -> [level1, level2, ...]`` whose level
    counts must match the assigned columns; by default factors take the first columns (for L18
    the first column has 2 levels, the rest 3). ``columns`` (1-based) assigns factors to chosen
    columns, e.g. to keep interaction columns free. Runs stay in array order unless
    ``randomize=True``.

    >>> taguchi("L9", {"T": [150, 175, 200], "P": [1, 2, 3]}).n_runs
    9
    """
    arr = taguchi_array(array)
    ncol = arr.shape[1]
    replicates = check_count(replicates, "replicates", minimum=1)
    if factors is None:
        factors = ncol
    if isinstance(factors, dict):
        facs = parse_factors(factors, two_level=False, what="taguchi")
    else:
        facs = parse_factors(factors, what="taguchi")
        facs = [Factor(f.name, [], True) for f in facs]
    k = len(facs)
    if columns is None:
        columns = list(range(1, k + 1))
    if len(columns) != k:
        raise ValueError(f"taguchi: {k} factors but {len(columns)} columns given")
    if len(set(columns)) != k or any(not 1 <= c <= ncol for c in columns):
        raise ValueError(f"taguchi: columns must be distinct numbers in 1..{ncol}, got {columns}")
    sub = arr[:, [c - 1 for c in columns]]
    for j, f in enumerate(facs):
        n_lv = int(sub[:, j].max())
        if not f.levels:
            f.levels = [float(i) for i in range(1, n_lv + 1)]
        elif len(f.levels) != n_lv:
            raise ValueError(
                f"taguchi: factor {f.name!r} has {len(f.levels)} levels but column "
                f"{columns[j]} of {array.upper()} has {n_lv}"
            )
    base = sub.astype(float)
    coded, types, std, blk = expand(
        base, ["other"] * len(base), replicates=replicates, center_points=0, blocks=1
    )
    actual = [[facs[j].levels[int(v) - 1] for j, v in enumerate(row)] for row in coded]
    return build_design(
        design_type="Taguchi",
        method=f"{array.upper()} orthogonal array, columns {columns}",
        factors=facs,
        coded=coded,
        point_type=types,
        std_order=std,
        block=blk,
        randomize=randomize,
        seed=seed,
        replicates=replicates,
        actual_override=actual,
        notes=["coded values are Taguchi level numbers 1..L"],
    )
