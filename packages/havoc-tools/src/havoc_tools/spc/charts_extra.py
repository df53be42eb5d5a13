"""Laney p' and u' charts for over- or under-dispersed attributes, and the short-run Z-MR chart.

Laney p' / u' (Laney 2002, "Improved control charts for attributes", Quality Engineering 14(4)):
each subgroup is standardised with the classic binomial (Poisson) sigma, z_i = (p_i - p-bar) /
sigma_pi; the spread of the z's between subgroups is measured by their moving range,
sigma_z = MR-bar(z) / d2(2) = MR-bar(z) / 1.128; the limits are p-bar +- 3 sigma_pi sigma_z. With
sigma_z = 1 the chart is the classic p (u) chart; sigma_z > 1 widens the limits when the
subgroups vary more than the binomial (Poisson) model allows, as they do with very large samples.

Z-MR (short-run) chart: every value is standardised by the mean and sigma of its own part
(product), z = (x - mean_part) / sigma_part, and the z's are charted as an individuals chart with
centre 0 and limits +-3 and a moving-range chart with centre d2 = 1.128 and UCL D4 d2 = 3.686, as
Minitab's Z-MR chart does. Sigma per part: ``method="parts"`` (Minitab "by parts": MR-bar/d2 of
each part's own consecutive values), ``"constant"`` (one sigma pooled over all parts: the average
moving range of the deviations from the part means, within parts) or ``"known"`` (the means and
sigmas given per part).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._validate import as_1d
from .charts import ControlChart, _counts, _panel, _sizes
from .constants import constants
from .rules import check_rules


def _d2() -> float:
    """d2(2) = 2/sqrt(pi) = 1.128379 (computed on use: the constants table loads scipy)."""
    return constants(2).d2


def _laney(
    chart: str,
    stat: np.ndarray,
    centre: float,
    sigma_i: np.ndarray,
    sigma_z: float | None,
    rs: list[int],
    phase_two: bool,
    upper_one: bool,
    est_name: str,
) -> ControlChart:
    if centre <= 0:
        raise ValueError(f"{chart}: the centre line is 0 (no defects); limits are undefined")
    z = (stat - centre) / sigma_i
    mr_z = np.abs(np.diff(z))
    mrbar_z = float(mr_z.mean())
    if sigma_z is None:
        if mrbar_z == 0:
            raise ValueError(
                f"{chart}: every moving range of the standardised values is zero; sigma_z cannot "
                "be estimated (give sigma_z=)"
            )
        sz = mrbar_z / _d2()
        how = f"sigma_z = MR-bar(z) / d2(2) = {mrbar_z:.6g} / {_d2():.6f}"
    else:
        if not (math.isfinite(sigma_z) and sigma_z > 0):
            raise ValueError(f"sigma_z must be a positive number, got {sigma_z}")
        sz = float(sigma_z)
        how = "given sigma_z"
    sig = sigma_i * sz
    ucl = centre + 3 * sig
    if upper_one:
        ucl = np.minimum(ucl, 1.0)
    panel = _panel(chart, stat, centre, sig, rs, floor_zero=True, ucl=ucl)
    notes = []
    if sz > 1:
        notes.append(f"sigma_z = {sz:.4g} > 1: over-dispersion widens the limits")
    elif sz < 1:
        notes.append(f"sigma_z = {sz:.4g} < 1: under-dispersion narrows the limits")
    return ControlChart(
        chart=chart,
        method=f"Laney (2002): limits {est_name}-bar +- 3 sigma_i sigma_z, {how}",
        phase="II" if phase_two else "I",
        panels=[panel],
        estimates={est_name: centre, "sigma_z": sz, "mrbar_z": mrbar_z},
        subgroup_size=None,
        n_points=int(stat.size),
        excluded=[],
        iterations=1,
        rules=rs,
        notes=notes,
    )


def laney_p(
    defectives: Any,
    sizes: Any,
    *,
    p: float | None = None,
    sigma_z: float | None = None,
    rules: Any = (1,),
) -> ControlChart:
    """Laney p' chart: p-bar +- 3 sqrt(p-bar (1 - p-bar) / n_i) sigma_z, sigma_z = MR-bar(z)/1.128
    of z_i = (p_i - p-bar) / sqrt(p-bar (1 - p-bar) / n_i). ``p`` (and ``sigma_z``) fix the
    centre line (and the dispersion factor) for phase II.

    >>> ch = laney_p([12, 15, 8, 20, 11], [500, 520, 480, 510, 490])
    >>> round(ch.estimates["sigma_z"], 4)
    1.7385
    """
    d = _counts(defectives, "defectives")
    n = _sizes(sizes, d.size)
    if (d > n).any():
        raise ValueError(f"defectives exceed the subgroup size at subgroup {int(np.argmax(d > n))}")
    if p is not None and not 0 < p < 1:
        raise ValueError(f"p must be between 0 and 1, got {p}")
    pbar = float(d.sum() / n.sum()) if p is None else float(p)
    if pbar >= 1:
        raise ValueError("laney_p: every item is defective (p-bar = 1); limits are undefined")
    sigma_i = np.sqrt(max(pbar, 0.0) * (1 - pbar) / n)
    return _laney(
        "Laney p'", d / n, pbar, sigma_i, sigma_z, check_rules(rules), p is not None, True, "p"
    )


def laney_u(
    counts: Any,
    sizes: Any,
    *,
    u: float | None = None,
    sigma_z: float | None = None,
    rules: Any = (1,),
) -> ControlChart:
    """Laney u' chart: u-bar +- 3 sqrt(u-bar / n_i) sigma_z, sigma_z = MR-bar(z)/1.128 of
    z_i = (u_i - u-bar) / sqrt(u-bar / n_i)."""
    x = _counts(counts, "counts")
    n = _sizes(sizes, x.size)
    if u is not None and not u > 0:
        raise ValueError(f"u must be positive, got {u}")
    ubar = float(x.sum() / n.sum()) if u is None else float(u)
    sigma_i = np.sqrt(max(ubar, 0.0) / n)
    return _laney(
        "Laney u'", x / n, ubar, sigma_i, sigma_z, check_rules(rules), u is not None, False, "u"
    )


# ----------------------------------------------------------------------------- Z-MR

ZMR_METHODS = ("parts", "constant", "known")


def _known(values: Any, labels: list[Any], what: str) -> dict[Any, float]:
    if not isinstance(values, dict):
        raise ValueError(f"zmr: method='known' needs {what} as a mapping part -> value")
    missing = [lab for lab in labels if lab not in values]
    if missing:
        raise ValueError(f"zmr: {what} has no value for part(s) {missing}")
    out = {}
    for lab in labels:
        v = values[lab]
        if isinstance(v, bool) or not isinstance(v, (int, float, np.integer, np.floating)):
            raise ValueError(f"zmr: {what}[{lab!r}] must be a number, got {v!r}")
        if not math.isfinite(float(v)):
            raise ValueError(f"zmr: {what}[{lab!r}] must be finite, got {v}")
        out[lab] = float(v)
    return out


def zmr(
    data: Any,
    parts: Any,
    *,
    method: str = "parts",
    means: dict[Any, float] | None = None,
    sigmas: dict[Any, float] | None = None,
    rules: Any = (1,),
) -> ControlChart:
    """Short-run Z-MR chart of ``data`` (in time order) made of several ``parts``.

    z_i = (x_i - mean of its part) / sigma of its part. ``method="parts"``: each part's sigma is
    MR-bar/d2(2) of its own consecutive values (every part needs 2 values and some variation);
    ``"constant"``: one sigma for all, MR-bar/d2(2) of the within-part moving ranges pooled;
    ``"known"``: ``means`` and ``sigmas`` map every part to its known mean and sigma. The Z panel
    has centre 0, limits +-3; the MR panel (moving ranges of successive z's) centre d2 = 1.128,
    UCL D4 d2 = 3.686, LCL 0.

    >>> ch = zmr([10, 11, 10.5, 20, 21, 20.2], ["a", "a", "a", "b", "b", "b"])
    >>> [round(v, 3) for v in ch.panel("Z").values[:3]]
    [-0.752, 0.752, 0.0]
    """
    x = as_1d(data, "data", min_n=3)
    labels = list(parts.to_numpy() if hasattr(parts, "to_numpy") else parts)
    if len(labels) != x.size:
        raise ValueError(f"zmr: {x.size} values but {len(labels)} part labels")
    if method not in ZMR_METHODS:
        raise ValueError(f"zmr: method must be one of {ZMR_METHODS}, got {method!r}")
    rs = check_rules(rules)
    order = list(dict.fromkeys(labels))
    idx = {lab: np.array([i for i, v in enumerate(labels) if v == lab]) for lab in order}
    if method == "known":
        mu = _known(means, order, "means")
        sd = _known(sigmas, order, "sigmas")
        bad = [lab for lab, s in sd.items() if s <= 0]
        if bad:
            raise ValueError(f"zmr: sigmas must be positive; not for part(s) {bad}")
        how = "known mean and sigma per part"
    else:
        if means is not None or sigmas is not None:
            raise ValueError("zmr: means= and sigmas= are for method='known'")
        mu = {lab: float(x[i].mean()) for lab, i in idx.items()}
        mrs = {lab: np.abs(np.diff(x[i])) for lab, i in idx.items()}
        if method == "parts":
            few = [lab for lab, i in idx.items() if i.size < 2]
            if few:
                raise ValueError(
                    f"zmr: part(s) {few} have a single value; 'by parts' needs at least 2 per "
                    "part (use method='constant' or 'known')"
                )
            sd = {lab: float(m.mean()) / _d2() for lab, m in mrs.items()}
            flat = [lab for lab, s in sd.items() if s == 0]
            if flat:
                raise ValueError(
                    f"zmr: part(s) {flat} have constant values; their sigma cannot be estimated"
                )
            how = "mean and sigma = MR-bar/d2(2) by part"
        else:
            pooled = np.concatenate([m for m in mrs.values()])
            if pooled.size == 0 or pooled.mean() == 0:
                raise ValueError("zmr: no within-part variation to estimate a common sigma")
            s = float(pooled.mean()) / _d2()
            sd = dict.fromkeys(order, s)
            how = "mean by part, one sigma = pooled within-part MR-bar/d2(2)"
    z = np.array([(v - mu[lab]) / sd[lab] for v, lab in zip(x, labels, strict=True)])
    mr = np.concatenate([[np.nan], np.abs(np.diff(z))])
    c = constants(2)
    z_panel = _panel("Z", z, 0.0, 1.0, rs)
    dr = [r for r in rs if r <= 4]
    mr_panel = _panel("MR", mr, c.d2, c.d3, dr, ucl=c.D4 * c.d2, lcl=0.0)
    est: dict[str, float] = {}
    for lab in order:
        est[f"mean[{lab}]"] = mu[lab]
        est[f"sigma[{lab}]"] = sd[lab]
    return ControlChart(
        chart="Z-MR",
        method=f"short run, {how}",
        phase="II" if method == "known" else "I",
        panels=[z_panel, mr_panel],
        estimates=est,
        subgroup_size=1,
        n_points=int(x.size),
        excluded=[],
        iterations=1,
        rules=rs,
        notes=[f"{len(order)} parts: {', '.join(map(str, order))}"],
    )


__all__ = ["ZMR_METHODS", "laney_p", "laney_u", "zmr"]
