"""Backward, hierarchical reduction of a two-level factorial model.

Start from the full model of :func:`analyze_factorial`. A term may leave only when no term of
higher order containing it is still in the model (hierarchy). While some removable term has a
p-value above alpha, the one with the largest p-value leaves and the model is refitted. A
saturated start (no residual degrees of freedom) has no t-tests: its effects are judged by
Lenth's pseudo standard error, and every removable term that Lenth's test does not find active
leaves in a first step (from the highest order down, so hierarchy holds), pooling those effects
into error, as Montgomery does with a half-normal plot (Example 6.2, 8th ed.).
"""

from __future__ import annotations

from typing import Any

from .analysis import FactorialAnalysis, analyze_factorial, parse_terms, term_name


def _removable(current: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    sets = [set(t) for t in current]
    return [t for t in current if not any(set(t) < u for u in sets)]


def backward_reduce(
    data: Any,
    response: Any,
    factors: list[str] | None = None,
    *,
    max_order: int | None = None,
    alpha: float = 0.05,
    response_name: str = "y",
    terms: list[str] | None = None,
) -> FactorialAnalysis:
    """Fit, then drop terms backward with hierarchy kept; see the module docstring."""
    fit = analyze_factorial(
        data,
        response,
        factors,
        max_order=max_order,
        alpha=alpha,
        response_name=response_name,
        terms=terms,
    )
    if fit.exact_fit:
        raise ValueError(
            "analyze_factorial: the model fits the response exactly, so there is no error "
            "estimate to judge terms by; reduction is not possible"
        )
    names = fit.factors
    steps: list[dict[str, Any]] = []

    def refit(current: list[tuple[int, ...]]) -> FactorialAnalysis:
        return analyze_factorial(
            data,
            response,
            factors,
            alpha=alpha,
            response_name=response_name,
            terms=[term_name(t, names) for t in current],
        )

    kept_last = None

    current = [tuple(t) for t in fit.term_index]
    by_name = dict(zip(fit.terms, current, strict=True))
    if fit.df_resid == 0:
        # Lenth step: pool every hierarchically removable inactive effect at once
        inactive = {by_name[t] for t in fit.terms if fit.p.get(t) is None or fit.p[t] > alpha}
        changed = True
        while changed:
            changed = False
            for t in sorted(_removable(current), key=lambda t: -len(t)):
                if t in inactive and len(current) > 1:
                    name = fit.terms[fit.term_index.index(list(t))]
                    steps.append(_step(len(steps) + 1, name, fit.p.get(name), "Lenth"))
                    current.remove(t)
                    changed = True
        if not steps:
            return fit
        fit = refit(current)
    while current and fit.df_resid > 0:
        cand = [
            (fit.p[nm], nm, t)
            for nm, t in zip(fit.terms, (tuple(x) for x in fit.term_index), strict=True)
            if t in _removable(current) and fit.p.get(nm) is not None
        ]
        if not cand:
            break
        p_max, name, t = max(cand, key=lambda c: (c[0], len(c[2]), c[1]))
        if p_max <= alpha:
            break
        if len(current) == 1:
            kept_last = name
            break
        steps.append(_step(len(steps) + 1, name, p_max, "t"))
        current.remove(t)
        fit = refit(current)
    fit.reduction = steps
    if kept_last is not None:
        fit.notes.append(
            f"no term has p <= alpha={alpha}; the last one, {kept_last}, is kept so that a model "
            "remains"
        )
    if steps:
        fit.notes.append(
            f"backward reduction removed {len(steps)} term(s): "
            + ", ".join(s["term"] for s in steps)
        )
    return fit


def _step(i: int, term: str, p: float | None, test: str) -> dict[str, Any]:
    return {"step": i, "term": term, "p_value": p, "test": test}


__all__ = ["backward_reduce", "parse_terms"]
