"""D-optimal designs chosen from a candidate set by Fedorov's exchange algorithm.

The model matrix F of the candidates (intercept plus the model's terms) is built once; a design
is n rows of F (repeats allowed) and its information matrix is M = X'X. Exchanging design row
x_i for candidate x_j multiplies |M| by

    (1 + d(x_j)) (1 - d(x_i)) + d(x_i, x_j)^2,     d(a, b) = f(a)' M^-1 f(b)

(Fedorov 1972, *Theory of Optimal Experiments*, Section 3.2). Each pass takes, for every design
row in turn, the best exchange while it raises |M|; passes repeat until none does. Several
seeded random starts guard against local optima; the best design is kept. D-efficiency is
100 |X'X|^(1/p) / n, which is 100% for an orthogonal two-level design in coded -1/+1 units.
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

import numpy as np

from .._result import fmt
from .design import Design, Factor, build_design, check_count, parse_factors

MODELS = ("linear", "interactions", "quadratic")
MAX_CANDIDATES = 20_000
WORK_LIMIT = 5e9


@dataclasses.dataclass
class OptimalDesign(Design):
    """A :class:`Design` chosen by an exchange algorithm, with its optimality figures."""

    criterion: str = "D"
    model_terms: list[str] = dataclasses.field(default_factory=list)
    det_xtx: float = 0.0  # |X'X| of the model matrix (intercept included)
    log_det_xtx: float = 0.0
    d_efficiency: float = 0.0  # percent
    n_candidates: int = 0
    starts: int = 0

    def summary(self) -> str:
        lines = [super().summary()]
        lines.append("model: " + " + ".join(self.model_terms))
        lines.append(
            f"|X'X| = {fmt(self.det_xtx, 6)}, D-efficiency = {fmt(self.d_efficiency, 5)}% "
            f"({self.n_candidates} candidates, {self.starts} random starts)"
        )
        return "\n".join(lines)


def model_matrix(coded: np.ndarray, names: list[str], model: str) -> tuple[np.ndarray, list[str]]:
    """Intercept plus the model's columns for coded settings.

    ``model``: ``linear`` (main effects), ``interactions`` (plus two-factor interactions),
    ``quadratic`` (plus squares), or formula terms over the factor names such as
    ``"A + B + A:B + I(A^2)"`` (read by the package's Wilkinson-formula parser).
    """
    X = np.asarray(coded, dtype=np.float64)
    k = X.shape[1]
    if model in MODELS:
        cols, labels = [np.ones(len(X))], ["Intercept"]
        for j in range(k):
            cols.append(X[:, j])
            labels.append(names[j])
        if model in ("interactions", "quadratic"):
            for i, j in itertools.combinations(range(k), 2):
                cols.append(X[:, i] * X[:, j])
                labels.append(f"{names[i]}*{names[j]}")
        if model == "quadratic":
            for j in range(k):
                cols.append(X[:, j] ** 2)
                labels.append(f"{names[j]}^2")
        return np.column_stack(cols), labels
    if not isinstance(model, str) or not model.strip():
        raise ValueError(
            f"model must be one of {', '.join(MODELS)} or formula terms such as 'A + B + A:B'"
        )
    from ..regression.formula import Formula

    rhs = model.split("~", 1)[1] if "~" in model else model
    formula = Formula.parse(f"_y ~ {rhs}")
    unknown = sorted(v for v in formula.variables if v != "_y" and v not in names)
    if unknown:
        raise ValueError(
            f"model uses {', '.join(unknown)}, which are not factors ({', '.join(names)})"
        )
    env = {n: X[:, j] for j, n in enumerate(names)}
    env["_y"] = np.zeros(len(X))
    dm = formula.design(env)
    return dm.matrix, list(dm.columns)


def candidate_grid(k: int, levels: int) -> np.ndarray:
    """The full grid of ``levels`` equally spaced coded values in [-1, 1] per factor."""
    values = np.linspace(-1.0, 1.0, levels)
    return np.array(list(itertools.product(values, repeat=k)), dtype=np.float64).reshape(-1, k)


def _log_det(M: np.ndarray) -> float:
    sign, logdet = np.linalg.slogdet(M)
    return float(logdet) if sign > 0 else -np.inf


def _exchange(
    F: np.ndarray, rows: np.ndarray, max_passes: int, M0: np.ndarray
) -> tuple[np.ndarray, float]:
    """Fedorov exchange from a starting set of candidate rows; returns rows and log|X'X|.
    ``M0`` is the information of runs that stay (an augmented design), zero otherwise."""
    rows = rows.copy()
    for _ in range(max_passes):
        improved = False
        for i in range(len(rows)):
            X = F[rows]
            M = M0 + X.T @ X
            try:
                Minv = np.linalg.inv(M)
            except np.linalg.LinAlgError:
                Minv = np.linalg.pinv(M)
            fi = F[rows[i]]
            Mf = F @ Minv  # (N, p)
            d_cand = np.einsum("ij,ij->i", Mf, F)
            d_i = float(fi @ Minv @ fi)
            d_ij = Mf @ fi
            ratio = (1.0 + d_cand) * (1.0 - d_i) + d_ij**2
            j = int(np.argmax(ratio))
            if ratio[j] > 1.0 + 1e-9 and j != rows[i]:
                rows[i] = j
                improved = True
        if not improved:
            break
    X = F[rows]
    return rows, _log_det(M0 + X.T @ X)


def _start(F: np.ndarray, n: int, rng: np.random.Generator, M0: np.ndarray) -> np.ndarray:
    """A random start made non-singular: up to p random rows, then greedy rows of largest
    variance."""
    N, p = F.shape
    rows = list(rng.choice(N, size=min(p, N, n), replace=False))
    ridge = 1e-6 * np.eye(p)
    while len(rows) < n:
        X = F[rows]
        Minv = np.linalg.inv(M0 + X.T @ X + ridge)
        d = np.einsum("ij,jk,ik->i", F, Minv, F)
        best = np.flatnonzero(d >= d.max() * (1 - 1e-9))
        rows.append(int(rng.choice(best)))
    return np.asarray(rows[:n], dtype=int)


def d_optimal(
    factors: Any,
    runs: int,
    *,
    model: str = "linear",
    candidates: Any = None,
    levels: int | None = None,
    starts: int = 20,
    max_passes: int = 50,
    augment: Design | None = None,
    randomize: bool = True,
    seed: int | None = None,
) -> OptimalDesign:
    """D-optimal design of ``runs`` runs from a candidate set (Fedorov exchange, random starts).

    ``model``: ``linear``, ``interactions``, ``quadratic`` or formula terms over the factor
    names (``"A + B + A:B + I(A^2)"``). ``candidates``: coded points (an array with one column
    per factor, or a DataFrame with the factor names as columns); by default the full grid of
    ``levels`` values per factor (3 for a quadratic or formula model, 2 otherwise). Candidate
    points may be chosen more than once.

    ``augment``: an existing design whose runs stay; ``runs`` new runs are chosen to maximise
    the determinant of the combined design (Minitab's "augment design"). Its factors are used
    (pass ``factors=None``); the new runs form a block of their own.

    >>> d = d_optimal(3, 8, seed=1, randomize=False)
    >>> round(d.d_efficiency, 6)
    100.0
    """
    if augment is not None:
        facs, X0, actual0, block0 = _augmented(augment, factors)
    else:
        facs = parse_factors(factors, what="d_optimal")
        X0, actual0, block0 = np.empty((0, len(facs))), [], np.empty(0, dtype=int)
    names = [f.name for f in facs]
    k = len(facs)
    runs = check_count(runs, "runs", minimum=1)
    starts = check_count(starts, "starts", minimum=1)
    max_passes = check_count(max_passes, "max_passes", minimum=1)
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
        raise ValueError(f"seed must be an integer or None, got {seed!r}")
    if candidates is None:
        if levels is None:
            levels = 2 if model in ("linear", "interactions") else 3
        levels = check_count(levels, "levels", minimum=2)
        if levels**k > MAX_CANDIDATES:
            raise ValueError(
                f"d_optimal: a {levels}^{k} grid has {levels**k} candidates (max "
                f"{MAX_CANDIDATES}); pass a smaller candidate set"
            )
        cand = candidate_grid(k, levels)
        source = f"{levels}-level grid"
    else:
        if levels is not None:
            raise ValueError("d_optimal: give candidates or levels, not both")
        cand = _candidates(candidates, names)
        source = "user candidates"
    for j, f in enumerate(facs):
        if not f.numeric and np.any((cand[:, j] != -1) & (cand[:, j] != 1)):
            raise ValueError(f"d_optimal: categorical factor {f.name!r} takes coded -1/+1 only")
    F, labels = model_matrix(cand, names, model)
    p = F.shape[1]
    if np.linalg.matrix_rank(F) < p:
        raise ValueError(
            f"d_optimal: the {p} model terms cannot all be estimated from these candidates "
            "(the candidate model matrix is rank deficient); add levels or candidate points"
        )
    n0 = len(X0)
    if runs + n0 < p:
        raise ValueError(
            f"d_optimal: the model has {p} terms, so it needs at least {p} runs"
            + (f" ({n0} kept from the augmented design)" if n0 else "")
        )
    M0 = np.zeros((p, p))
    if n0:
        F0, _ = model_matrix(X0, names, model)
        M0 = F0.T @ F0
    # one pass costs about runs * N * p^2 multiply-adds; refuse what would take minutes
    work = starts * runs * len(cand) * p * p * 10
    if work > WORK_LIMIT:
        raise ValueError(
            f"d_optimal: {runs} runs from {len(cand)} candidates with {p} model terms and "
            f"{starts} starts is too much work; use fewer candidates, runs or starts"
        )
    rng = np.random.default_rng(seed)
    best_rows, best_ld = None, -np.inf
    for _ in range(starts):
        rows, ld = _exchange(F, _start(F, runs, rng, M0), max_passes, M0)
        if ld > best_ld + 1e-12:
            best_rows, best_ld = rows, ld
    if best_rows is None or not np.isfinite(best_ld):
        raise ValueError("d_optimal: no non-singular design found; add runs or candidates")
    # standard order: the chosen candidates in candidate order
    best_rows = np.sort(best_rows)
    new = cand[best_rows]
    coded = np.vstack([X0, new])
    n_total = len(coded)
    det = float(np.exp(best_ld))
    d_eff = 100.0 * float(np.exp(best_ld / p)) / n_total
    types = [
        "center" if np.all(r == 0) else "corner" if np.all(np.abs(r) == 1) else "other"
        for r in coded
    ]
    notes, method = [], f"Fedorov exchange, {model} model ({p} terms), {source}"
    actual = None
    block = np.ones(n_total, dtype=int)
    if n0:
        block[:n0] = block0
        block[n0:] = block[:n0].max() + 1
        actual = actual0 + [
            [f.to_actual(np.array([v]))[0] for f, v in zip(facs, row, strict=True)] for row in new
        ]
        method = f"D-optimal augmentation of a {n0}-run {augment.design_type}: " + method
        notes.append(f"runs {n0 + 1}-{n_total} (standard order) are added, in block {block[-1]}")
    base = build_design(
        design_type="D-optimal",
        method=method,
        factors=facs,
        coded=coded,
        point_type=types,
        std_order=np.arange(1, n_total + 1),
        block=block,
        randomize=randomize,
        seed=seed,
        notes=notes,
        actual_override=actual,
    )
    fields = {f.name: getattr(base, f.name) for f in dataclasses.fields(Design)}
    return OptimalDesign(
        **fields,
        model_terms=labels,
        det_xtx=det,
        log_det_xtx=best_ld,
        d_efficiency=d_eff,
        n_candidates=len(cand),
        starts=starts,
    )


def _candidates(candidates: Any, names: list[str]) -> np.ndarray:
    if hasattr(candidates, "columns"):
        missing = [n for n in names if n not in candidates.columns]
        if missing:
            raise ValueError(f"d_optimal: candidates lack factor column(s) {', '.join(missing)}")
        raw = candidates[names].to_numpy()
    else:
        raw = candidates
    try:
        C = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("d_optimal: candidates must be numbers (coded units)") from None
    if C.ndim != 2 or C.shape[1] != len(names):
        raise ValueError(
            f"d_optimal: candidates need one column per factor ({len(names)}), got shape {C.shape}"
        )
    if not np.all(np.isfinite(C)):
        raise ValueError("d_optimal: candidates contain NaN or inf")
    if len(C) > MAX_CANDIDATES:
        raise ValueError(f"d_optimal: {len(C)} candidates is too many (max {MAX_CANDIDATES})")
    return C


def _augmented(
    design: Any, factors: Any
) -> tuple[list[Factor], np.ndarray, list[list[Any]], np.ndarray]:
    """Factors, coded runs, actual runs and blocks (standard order) of a design to augment."""
    if not isinstance(design, Design):
        raise ValueError(f"d_optimal: augment must be a Design, got {type(design).__name__}")
    names = list(design.factor_names)
    if factors is not None:
        given = [f.name for f in parse_factors(factors, what="d_optimal")]
        if given != names:
            raise ValueError(
                f"d_optimal: factors {given} differ from the augmented design's {names}; "
                "pass factors=None"
            )
    if design.design_type in ("mixture", "general full factorial", "Taguchi"):
        raise ValueError(
            f"d_optimal: a {design.design_type} design is not coded on [-1, 1]; it cannot be "
            "augmented here"
        )
    order = np.argsort(design.std_order, kind="stable")
    facs = []
    for n in names:
        levels = list(design.factor_levels[n])
        numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in levels)
        facs.append(Factor(n, [levels[0], levels[-1]], numeric))
    X0 = design.coded_matrix[order]
    actual0 = [list(design.actual[i]) for i in order]
    return facs, X0, actual0, np.asarray(design.block, dtype=int)[order]
