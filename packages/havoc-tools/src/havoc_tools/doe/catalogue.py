"""Minimum-aberration 2^(k-p) generators, typed in from the published table.

Source: D. C. Montgomery, *Design and Analysis of Experiments*, Table 8.14 "Selected 2^(k-p)
fractional factorial designs" (the same designs as Box, Hunter & Hunter Table 6.22 and the
Minitab defaults). Keys are (k, p); values are (resolution, generators). Only the principal
(all-plus) fraction is listed; pass signed generators to get another fraction.
"""

from __future__ import annotations

CATALOGUE: dict[tuple[int, int], tuple[int, tuple[str, ...]]] = {
    (3, 1): (3, ("C = AB",)),
    (4, 1): (4, ("D = ABC",)),
    (5, 1): (5, ("E = ABCD",)),
    (5, 2): (3, ("D = AB", "E = AC")),
    (6, 1): (6, ("F = ABCDE",)),
    (6, 2): (4, ("E = ABC", "F = BCD")),
    (6, 3): (3, ("D = AB", "E = AC", "F = BC")),
    (7, 1): (7, ("G = ABCDEF",)),
    (7, 2): (4, ("F = ABCD", "G = ABDE")),
    (7, 3): (4, ("E = ABC", "F = BCD", "G = ACD")),
    (7, 4): (3, ("D = AB", "E = AC", "F = BC", "G = ABC")),
    (8, 2): (5, ("G = ABCD", "H = ABEF")),
    (8, 3): (4, ("F = ABC", "G = ABD", "H = BCDE")),
    (8, 4): (4, ("E = BCD", "F = ACD", "G = ABC", "H = ABD")),
    (9, 2): (6, ("H = ACDFG", "J = BCEFG")),
    (9, 3): (4, ("G = ABCD", "H = ACEF", "J = CDEF")),
    (9, 4): (4, ("F = BCDE", "G = ACDE", "H = ABDE", "J = ABCE")),
    (9, 5): (3, ("E = ABC", "F = BCD", "G = ACD", "H = ABD", "J = ABCD")),
    (10, 3): (5, ("H = ABCG", "J = BCDE", "K = ACDF")),
    (10, 4): (4, ("G = BCDF", "H = ACDF", "J = ABDE", "K = ABCE")),
    (10, 5): (4, ("F = ABCD", "G = ABCE", "H = ABDE", "J = ACDE", "K = BCDE")),
    (10, 6): (3, ("E = ABC", "F = BCD", "G = ACD", "H = ABD", "J = ABCD", "K = AB")),
    (11, 4): (5, ("H = ABCG", "J = BCDE", "K = ACDF", "L = ABCDEFG")),
    (11, 5): (4, ("G = CDE", "H = ABCD", "J = ABF", "K = BDEF", "L = ADEF")),
    (11, 6): (4, ("F = ABC", "G = BCD", "H = CDE", "J = ACD", "K = ADE", "L = BDE")),
    (11, 7): (3, ("E = ABC", "F = BCD", "G = ACD", "H = ABD", "J = ABCD", "K = AB", "L = AC")),
}


def choose(
    k: int, *, resolution: int | None = None, runs: int | None = None
) -> tuple[int, tuple[str, ...]]:
    """Catalogue entry (p, generators) for k factors by minimum resolution or by run count.

    With ``resolution`` the smallest design of at least that resolution is returned (p = 0 means
    the full factorial is needed); with ``runs`` the design of exactly that size.
    """
    if runs is not None:
        if runs <= 0 or runs & (runs - 1):
            raise ValueError(f"runs must be a power of two for a two-level fraction, got {runs}")
        p = k - (runs.bit_length() - 1)
        if p < 0:
            raise ValueError(
                f"runs={runs} is more than the 2^{k} = {2**k} runs of the full factorial"
            )
        if p == 0:
            return 0, ()
        if (k, p) not in CATALOGUE:
            sizes = sorted(2 ** (kk - pp) for kk, pp in CATALOGUE if kk == k)
            raise ValueError(
                f"no catalogued 2^({k}-{p}) design; catalogued run sizes for k={k}: {sizes or 'none'}"
            )
        res, gens = CATALOGUE[(k, p)]
        if resolution is not None and res < resolution:
            raise ValueError(
                f"the {runs}-run design for {k} factors has resolution {res} < requested {resolution}"
            )
        return p, gens
    if resolution is None:
        raise ValueError("give generators, a resolution or a run count")
    if isinstance(resolution, bool) or not isinstance(resolution, int) or resolution < 3:
        raise ValueError(f"resolution must be an integer of at least 3 (III), got {resolution!r}")
    best: tuple[int, tuple[str, ...]] = (0, ())
    for (kk, pp), (res, gens) in CATALOGUE.items():
        if kk == k and res >= resolution and pp > best[0]:
            best = (pp, gens)
    if k > 11:
        raise ValueError(
            f"the catalogue covers k <= 11 factors; got k={k} (give generators instead)"
        )
    return best
