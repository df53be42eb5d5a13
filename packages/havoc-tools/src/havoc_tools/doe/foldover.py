"""Fold-over of a two-level design: the runs again with the signs of some factors switched.

Folding on a set S of factors multiplies the sign of every defining word w by (-1)^|w ∩ S|.
Words that meet S an even number of times keep their sign in both halves and stay in the
defining relation of the combined design; the others change sign in the second half and drop
out. A full fold-over (S = every factor) therefore keeps exactly the even-length words, so a
resolution III fraction becomes resolution IV; folding on one factor keeps the words without
it, which frees that factor's main effect and its two-factor interactions (Montgomery, *Design
and Analysis of Experiments*, 8th ed., Section 8.6.2).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .aliasing import alias_structure, defining_group, parse_generators
from .design import LETTERS, Design, Factor, build_design

_TWO_LEVEL = ("full factorial", "fractional factorial", "Plackett-Burman")


def foldover(
    design: Design,
    factors: str | Sequence[str] | None = None,
    *,
    block: bool = False,
    randomize: bool = True,
    seed: int | None = None,
) -> Design:
    """Fold a two-level design: append its factorial runs with the signs of ``factors`` switched.

    ``factors``: ``None`` (full fold-over, every sign switched), one factor, or several, by name
    or letter. Centre points of the original design are kept once. With ``block=True`` the new
    runs form their own block(s) (the block effect is then aliased with the defining words that
    the fold removed). For a regular fraction the combined design's alias structure (defining
    relation, word length pattern, resolution) is in ``.alias``.

    >>> from havoc_tools.doe import fractional_factorial
    >>> d = fractional_factorial(7, generators="D=AB, E=AC, F=BC, G=ABC", randomize=False)
    >>> f = foldover(d, randomize=False)
    >>> f.n_runs, f.alias.resolution
    (16, 4)
    """
    if not isinstance(design, Design):
        raise ValueError(f"foldover: needs a Design, got {type(design).__name__}")
    if design.design_type not in _TWO_LEVEL:
        raise ValueError(
            f"foldover: a {design.design_type} design is not a two-level factorial; fold a "
            "full or fractional factorial or a Plackett-Burman design"
        )
    names = list(design.factor_names)
    k = len(names)
    fold = _fold_set(factors, names)
    X = design.coded_matrix
    order = np.argsort(design.std_order, kind="stable")
    X, blocks = X[order], np.asarray(design.block)[order]
    corner = np.all(np.abs(X) == 1, axis=1)
    centre = np.all(X == 0, axis=1)
    if not np.all(corner | centre):
        raise ValueError("foldover: every run must be at coded -1/+1 or an all-zero centre point")
    base = X[corner]
    signs = np.ones(k)
    signs[fold] = -1.0
    folded = base * signs
    if {tuple(r) for r in folded} == {tuple(r) for r in base}:
        raise ValueError(
            "foldover: switching the signs of "
            + ", ".join(names[j] for j in fold)
            + " gives the same runs again (the design already contains its fold-over)"
        )
    n_blocks = int(blocks.max()) if blocks.size else 1
    coded = np.vstack([base, folded, X[centre]])
    block_col = np.concatenate(
        [blocks[corner], blocks[corner] + (n_blocks if block else 0), blocks[centre]]
    )
    point_type = ["corner"] * (2 * len(base)) + ["center"] * int(centre.sum())
    facs = [
        Factor(n, list(design.factor_levels[n]), _numeric(design.factor_levels[n])) for n in names
    ]
    what = "all factors" if len(fold) == k else ", ".join(names[j] for j in fold)
    notes = [
        f"fold-over on {what}: runs {len(base) + 1}-{2 * len(base)} (standard order) "
        "repeat the factorial runs with those signs switched"
    ]
    alias = None
    method = f"fold-over ({what}) of the {len(base)}-run {design.design_type}"
    design_type = (
        design.design_type if design.design_type != "full factorial" else "fractional factorial"
    )
    if design.alias is not None and design.alias.generators:
        alias, dropped = _folded_alias(design.alias, fold, names)
        method += f": {2 * len(base)} runs, resolution {alias.resolution_roman}"
        if block and dropped:
            notes.append("blocks are aliased with " + ", ".join(dropped))
        if not alias.generators:
            design_type = "full factorial"
    elif design.design_type == "Plackett-Burman":
        notes.append(
            "a folded Plackett-Burman design: main effects are clear of two-factor interactions"
            if len(fold) == k
            else "a partially folded Plackett-Burman design"
        )
    return build_design(
        design_type=design_type,
        method=method,
        factors=facs,
        coded=coded,
        point_type=point_type,
        std_order=np.arange(1, len(coded) + 1),
        block=block_col.astype(int),
        randomize=randomize,
        seed=seed,
        replicates=design.replicates,
        center_points=int(centre.sum()),
        alias=alias,
        notes=notes,
    )


def _numeric(levels: list[Any]) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in levels)


def _fold_set(factors: str | Sequence[str] | None, names: list[str]) -> list[int]:
    k = len(names)
    if factors is None:
        return list(range(k))
    items = [factors] if isinstance(factors, str) else list(factors)
    if not items:
        raise ValueError("foldover: factors is empty; give None (all factors) or factor names")
    letters = {LETTERS[j]: j for j in range(min(k, len(LETTERS)))}
    out = []
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"foldover: factors are named by strings, got {item!r}")
        if item in names:
            j = names.index(item)
        elif item.upper() in letters:
            j = letters[item.upper()]
        else:
            raise ValueError(
                f"foldover: {item!r} is not a factor of the design ({', '.join(names)})"
            )
        if j in out:
            raise ValueError(f"foldover: factor {item!r} is named twice")
        out.append(j)
    return sorted(out)


def _folded_alias(alias: Any, fold: list[int], names: list[str]) -> tuple[Any, list[str]]:
    """Alias structure of original + folded runs: the words meeting the fold set evenly."""
    k = alias.k
    gens = parse_generators(list(alias.generators), k)
    group = defining_group([((1 << f) | w, s) for f, w, s in gens])
    fold_mask = sum(1 << j for j in fold)
    kept = [(w, s) for w, s in group[1:] if bin(w & fold_mask).count("1") % 2 == 0]
    dropped = [
        ("-" if s < 0 else "") + _word(w)
        for w, s in group[1:]
        if bin(w & fold_mask).count("1") % 2 == 1
    ]
    new_gens = _generators_of(kept)
    return alias_structure(k, new_gens, names, max_order=alias.max_order), sorted(
        dropped, key=lambda t: (len(t.lstrip("-")), t.lstrip("-"))
    )


def _word(mask: int) -> str:
    return "".join(LETTERS[j] for j in range(mask.bit_length()) if mask >> j & 1)


def _generators_of(words: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """A basis of a group of signed words in reduced echelon form, as (factor, word, sign).

    Each basis word's pivot (its highest letter) appears in no other basis word, so it reads as
    a generator "pivot = product of the other letters", with base factors on the right.
    """
    sign = dict(words)
    basis: list[int] = []
    for w, _ in sorted(words, key=lambda ws: (bin(ws[0]).count("1"), ws[0])):
        r = w
        for b in basis:
            if r >> (b.bit_length() - 1) & 1:
                r ^= b
        if r:
            basis.append(r)
            basis.sort(reverse=True)
    # back-substitute so that each pivot appears only in its own word
    basis.sort(reverse=True)
    for i, b in enumerate(basis):
        pivot = b.bit_length() - 1
        for j in range(len(basis)):
            if j != i and basis[j] >> pivot & 1:
                basis[j] ^= b
    out = []
    for b in basis:
        pivot = b.bit_length() - 1
        out.append((pivot, b ^ (1 << pivot), sign[b]))
    return sorted(out)
