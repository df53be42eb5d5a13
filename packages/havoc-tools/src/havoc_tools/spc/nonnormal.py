"""Capability of non-normal data: fitted distributions, Box-Cox and Johnson transformations, and
Minitab-style individual distribution identification.

- Distributions are fitted by maximum likelihood: normal (mean and the n - 1 standard deviation,
  as the normal capability), lognormal, 2- and 3-parameter Weibull, gamma, exponential (scale =
  mean), logistic, smallest (``sev``) and largest (``lev``) extreme value.
- Capability from a fitted distribution uses percentiles (ISO 22514-2, Minitab's non-normal
  capability): Pp = (USL - LSL) / (X0.99865 - X0.00135), PPU = (USL - X0.5) / (X0.99865 - X0.5),
  PPL = (X0.5 - LSL) / (X0.5 - X0.00135), Ppk = min(PPL, PPU); expected PPM from the fitted CDF.
- Box-Cox: lambda maximises the profile log-likelihood (as ``scipy.stats.boxcox``) over [-5, 5];
  the transform is Minitab's W = Y^lambda (ln Y at lambda = 0). ``round_lambda=True`` uses the
  optimum rounded to the nearest 0.5 when that value lies inside the 95% likelihood interval.
- Johnson: Chou, Polansky & Mason (1998) as Minitab implements it. For z = 0.25, 0.26, ..., 1.25
  the sample percentiles at the normal probabilities of -3z, -z, z, 3z (Minitab's (n + 1)p
  percentile definition) give m, n, p and the discriminant mn/p^2, which picks SU (> 1), SB (< 1)
  or SL (= 1 within 1e-3); the parameters come from Slifker & Shapiro's (1980) percentile
  equations. Every valid transformation is tested for normality by Anderson-Darling, and the one
  with the largest p-value is chosen (ties: smaller A^2). Minitab's criterion is p > 0.10; the
  result says whether the chosen one meets it.
- Anderson-Darling p-values: normal, lognormal, Box-Cox and Johnson by D'Agostino & Stephens
  (1986); exponential, logistic and the extreme values (2-parameter Weibull = smallest extreme
  value of ln x) by interpolation in Stephens' tables, as ``scipy.stats.anderson``; 3-parameter
  Weibull from ``scipy.stats.anderson(dist="weibull_min")`` (Lockhart & Stephens 1994) when its
  fit checks pass; gamma has none (reported as ``None``).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import numpy as np

from .._result import ToolResult, fmt, fmt_p
from .._validate import as_1d
from .capability import Capability, capability

DISTRIBUTIONS = (
    "normal",
    "lognormal",
    "weibull",
    "weibull3",
    "gamma",
    "exponential",
    "logistic",
    "sev",
    "lev",
)
LABELS = {
    "normal": "Normal",
    "lognormal": "Lognormal",
    "weibull": "Weibull",
    "weibull3": "3-Parameter Weibull",
    "gamma": "Gamma",
    "exponential": "Exponential",
    "logistic": "Logistic",
    "sev": "Smallest Extreme Value",
    "lev": "Largest Extreme Value",
    "boxcox": "Box-Cox Transformation",
    "johnson": "Johnson Transformation",
}
POSITIVE = ("lognormal", "weibull", "gamma", "exponential", "boxcox")
P_LOW, P_MID, P_HIGH = 0.00135, 0.5, 0.99865

# Stephens' asymptotic critical values of the modified A^2 (as in scipy.stats.anderson):
# exponential (Stephens 1974), extreme value (Stephens 1977), logistic (Stephens 1979)
_AD_TABLES = {
    "exponential": ((0.922, 1.078, 1.341, 1.606, 1.957), (0.15, 0.10, 0.05, 0.025, 0.01)),
    "ev": ((0.474, 0.637, 0.757, 0.877, 1.038), (0.25, 0.10, 0.05, 0.025, 0.01)),
    "logistic": (
        (0.426, 0.563, 0.660, 0.769, 0.906, 1.010),
        (0.25, 0.10, 0.05, 0.025, 0.01, 0.005),
    ),
}


# ---- fitted distributions -------------------------------------------------------------------


@dataclasses.dataclass
class FittedDistribution(ToolResult):
    dist: str
    label: str
    params: dict[str, float]  # shape / scale / location / threshold, Minitab's names
    scipy: dict[str, Any]  # scipy.stats name and arguments that rebuild the distribution
    n: int
    log_likelihood: float
    ad: float  # Anderson-Darling A^2 of the data against the fitted distribution
    ad_p: float | None
    ad_p_text: str  # "0.3120", "> 0.250", "< 0.010" or "n/a"

    def frozen(self) -> Any:
        """The fitted distribution as a frozen ``scipy.stats`` object."""
        from scipy import stats

        return getattr(stats, self.scipy["name"])(*self.scipy["args"], **self.scipy["kwds"])

    def summary(self) -> str:
        ps = ", ".join(f"{k}={fmt(v, 5)}" for k, v in self.params.items())
        return f"{self.label}: {ps}; AD = {fmt(self.ad)}, p {self.ad_p_text}"


def fit_distribution(data: Any, dist: str = "weibull") -> FittedDistribution:
    """Maximum-likelihood fit of one distribution, with its Anderson-Darling statistic.

    >>> f = fit_distribution([2.1, 3.4, 1.7, 2.9, 4.2, 2.5, 3.1, 1.9], "weibull")
    >>> round(f.params["shape"], 3)
    3.747
    """
    if dist not in DISTRIBUTIONS:
        raise ValueError(f"dist must be one of {', '.join(DISTRIBUTIONS)}, got {dist!r}")
    x = _positive_if_needed(as_1d(data, "data", min_n=3), dist)
    _check_spread(x, "no distribution can be fitted")
    from scipy import stats

    try:
        with np.errstate(all="ignore"):
            name, args, kwds, params = _FITTERS[dist](x)
            frozen = getattr(stats, name)(*args, **kwds)
            ll = float(np.sum(frozen.logpdf(x)))
            a2 = _ad_statistic(x, frozen)
            p = _ad_p(x, dist, a2)
    except (OverflowError, FloatingPointError, ZeroDivisionError, RuntimeError) as exc:
        raise ValueError(f"data: the {LABELS[dist]} fit failed ({exc})") from None
    if not all(math.isfinite(v) for v in params.values()) or not math.isfinite(a2):
        raise ValueError(
            f"data: the {LABELS[dist]} fit did not converge to finite parameters "
            "(values too spread out or too close together?)"
        )
    return FittedDistribution(
        dist=dist,
        label=LABELS[dist],
        params=params,
        scipy={"name": name, "args": list(args), "kwds": kwds},
        n=int(x.size),
        log_likelihood=ll,
        ad=a2,
        ad_p=p[0],
        ad_p_text=p[1],
    )


def _check_spread(x: np.ndarray, what: str) -> None:
    """All-equal data, or a spread too small (or too large) for float64 arithmetic."""
    spread = float(np.ptp(x))
    if spread == 0:
        raise ValueError(f"data: all values are equal; {what}")
    if (
        not math.isfinite(spread)
        or spread < 1e-12 * max(1e-300, float(np.abs(x).max()))
        or (spread < 1e-150)
    ):
        raise ValueError(f"data: the values are too close together (or too far apart); {what}")
    if not math.isfinite(float(np.std(x))):
        raise ValueError(f"data: the values are too large to compute a spread; {what}")


def _positive_if_needed(x: np.ndarray, dist: str) -> np.ndarray:
    if dist in POSITIVE and (x <= 0).any():
        bad = float(x[x <= 0][0])
        raise ValueError(
            f"data: the {LABELS[dist]} needs every value > 0, found {bad:g}"
            + ("; give shift= to add a constant first" if dist == "boxcox" else "")
        )
    return x


def _fit_normal(x: np.ndarray) -> tuple:
    m, s = float(x.mean()), float(x.std(ddof=1))
    return "norm", (), {"loc": m, "scale": s}, {"location": m, "scale": s}


def _fit_lognormal(x: np.ndarray) -> tuple:
    lx = np.log(x)
    mu, sigma = float(lx.mean()), float(lx.std(ddof=0))
    return "lognorm", (sigma,), {"scale": math.exp(mu)}, {"location": mu, "scale": sigma}


def _weibull_mle(y: np.ndarray) -> tuple[float, float]:
    """Shape and scale of a 2-parameter Weibull: the profile score in the shape is monotone, so
    Brent's method on log(shape) finds the unique root."""
    from scipy import optimize

    top = float(y.max())
    u = y / top  # the shape does not depend on the scale; u <= 1 keeps u^c finite
    lu = np.log(u)
    mean_lu = float(lu.mean())

    def score(log_c: float) -> float:
        c = math.exp(log_c)
        uc = u**c
        return float(np.sum(uc * lu) / np.sum(uc)) - 1.0 / c - mean_lu

    lo, hi = -7.0, 7.0
    while score(hi) < 0:
        hi += 7.0
        if hi > 60:
            raise ValueError("data: the Weibull shape is unbounded (values nearly equal)")
    c = math.exp(optimize.brentq(score, lo, hi, xtol=1e-14))
    scale = top * float(np.mean(u**c)) ** (1.0 / c)
    return c, scale


def _fit_weibull(x: np.ndarray) -> tuple:
    c, b = _weibull_mle(x)
    return "weibull_min", (c,), {"scale": b}, {"shape": c, "scale": b}


def _weibull_profile_ll(x: np.ndarray, theta: float) -> tuple[float, float, float]:
    y = x - theta
    c, b = _weibull_mle(y)
    n = y.size
    ll = n * math.log(c) - n * c * math.log(b) + (c - 1) * float(np.log(y).sum()) - n
    return ll, c, b


def _fit_weibull3(x: np.ndarray) -> tuple:
    """Threshold by profile likelihood: theta = min(x) - exp(t) * range over a grid of t, then
    bounded Brent around the best grid point. The likelihood has no maximum when it grows
    without bound as theta -> min(x) (shape < 1); then the closest grid point is kept."""
    from scipy import optimize

    lo, rng = float(x.min()), float(np.ptp(x))

    def nll(t: float) -> float:
        try:
            return -_weibull_profile_ll(x, lo - math.exp(t) * rng)[0]
        except (ValueError, FloatingPointError, OverflowError):
            return math.inf

    grid = np.linspace(-9.0, 4.0, 53)
    vals = np.array([nll(t) for t in grid])
    i = int(np.argmin(vals))
    if 0 < i < grid.size - 1:
        res = optimize.minimize_scalar(
            nll, bounds=(grid[i - 1], grid[i + 1]), method="bounded", options={"xatol": 1e-10}
        )
        t = float(res.x) if res.fun <= vals[i] else float(grid[i])
    else:
        t = float(grid[i])
    theta = lo - math.exp(t) * rng
    _, c, b = _weibull_profile_ll(x, theta)
    return (
        "weibull_min",
        (c,),
        {"loc": theta, "scale": b},
        {"shape": c, "scale": b, "threshold": theta},
    )


def _fit_gamma(x: np.ndarray) -> tuple:
    from scipy import optimize, special

    s = math.log(float(x.mean())) - float(np.log(x).mean())
    k = optimize.brentq(lambda k: math.log(k) - float(special.digamma(k)) - s, 1e-9, 1e9)
    scale = float(x.mean()) / k
    return "gamma", (k,), {"scale": scale}, {"shape": k, "scale": scale}


def _fit_exponential(x: np.ndarray) -> tuple:
    m = float(x.mean())
    return "expon", (), {"scale": m}, {"scale": m}


def _fit_scipy(name: str) -> Any:
    def fit(x: np.ndarray) -> tuple:
        from scipy import stats

        loc, scale = getattr(stats, name).fit(x)
        return (
            name,
            (),
            {"loc": float(loc), "scale": float(scale)},
            {
                "location": float(loc),
                "scale": float(scale),
            },
        )

    return fit


_FITTERS = {
    "normal": _fit_normal,
    "lognormal": _fit_lognormal,
    "weibull": _fit_weibull,
    "weibull3": _fit_weibull3,
    "gamma": _fit_gamma,
    "exponential": _fit_exponential,
    "logistic": _fit_scipy("logistic"),
    "sev": _fit_scipy("gumbel_l"),
    "lev": _fit_scipy("gumbel_r"),
}


def _ad_statistic(x: np.ndarray, frozen: Any) -> float:
    y = np.sort(x)
    n = y.size
    i = np.arange(1, n + 1)
    logcdf = np.maximum(frozen.logcdf(y), -745.0)
    logsf = np.maximum(frozen.logsf(y), -745.0)
    return float(-n - math.fsum((2 * i - 1) * (logcdf + logsf[::-1])) / n)


def _normal_ad_p(a2: float, n: int) -> tuple[float | None, str]:
    from havoc_tools.stats.distribution import _ad_pvalue

    p = min(1.0, max(0.0, _ad_pvalue(a2 * (1 + 0.75 / n + 2.25 / n**2))))
    return p, fmt_p(p)


def _table_p(a2_mod: float, table: str) -> tuple[float, str]:
    crit, sig = _AD_TABLES[table]
    p = float(np.interp(a2_mod, crit, sig))
    if a2_mod <= crit[0]:
        return p, f"> {sig[0]:.3f}"
    if a2_mod >= crit[-1]:
        return p, f"< {sig[-1]:.3f}"
    return p, f"{p:.4f}"


def _ad_p(x: np.ndarray, dist: str, a2: float) -> tuple[float | None, str]:
    n = x.size
    if dist in ("normal", "lognormal"):
        return _normal_ad_p(a2, n)
    if dist == "exponential":
        return _table_p(a2 * (1 + 0.6 / n), "exponential")
    if dist in ("weibull", "sev", "lev"):  # Weibull(x) is the smallest extreme value of ln x
        return _table_p(a2 * (1 + 0.2 / math.sqrt(n)), "ev")
    if dist == "logistic":
        return _table_p(a2 * (1 + 0.25 / n), "logistic")
    if dist == "weibull3" and n >= 10:
        import warnings

        from scipy import stats

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                p = float(stats.anderson(x, "weibull_min", method="interpolate").pvalue)
        except (ValueError, FloatingPointError, RuntimeError, TypeError):
            # TypeError: scipy < 1.17 has no method= (no interpolated p-value)
            return None, "n/a"
        edge = ("> 0.500", "< 0.005")
        return p, edge[0] if p >= 0.5 else edge[1] if p <= 0.005 else f"{p:.4f}"
    return None, "n/a"


# ---- capability from a fitted distribution --------------------------------------------------


@dataclasses.dataclass
class NonNormalCapability(ToolResult):
    method: str
    dist: str
    fit: FittedDistribution
    n: int
    lsl: float | None
    usl: float | None
    percentiles: dict[str, float]  # X0.00135, X0.5, X0.99865 of the fitted distribution
    pp: float | None
    ppl: float | None
    ppu: float | None
    ppk: float | None
    ppm_expected_overall: dict[str, float]
    ppm_observed: dict[str, float]
    data: list[float]
    notes: list[str] = dataclasses.field(default_factory=list)

    def summary(self) -> str:
        lines = [f"Capability ({self.fit.label} fit, percentile method), n={self.n}"]
        lines.append("  " + self.fit.summary())
        q = self.percentiles
        lines.append(
            f"  X0.00135={fmt(q['0.00135'], 5)}, median={fmt(q['0.5'], 5)}, "
            f"X0.99865={fmt(q['0.99865'], 5)}; LSL={fmt(self.lsl)}, USL={fmt(self.usl)}"
        )
        for key in ("pp", "ppl", "ppu", "ppk"):
            v = getattr(self, key)
            if v is not None:
                lines.append(f"  {key.upper():<4}= {fmt(v)}")
        lines.append(
            f"expected PPM out of spec {fmt(self.ppm_expected_overall['total'])}; "
            f"observed {fmt(self.ppm_observed['total'])}"
        )
        lines.extend(self.notes)
        return "\n".join(lines)


def capability_nonnormal(
    data: Any, *, lsl: float | None = None, usl: float | None = None, dist: str = "weibull"
) -> NonNormalCapability:
    """Overall capability (Pp, PPL, PPU, Ppk) of data from a fitted non-normal distribution.

    >>> x = [2.1, 3.4, 1.7, 2.9, 4.2, 2.5, 3.1, 1.9, 2.7, 3.6]
    >>> r = capability_nonnormal(x, lsl=0.5, usl=6.0, dist="lognormal")
    >>> round(r.ppk, 3)
    0.944
    """
    lsl, usl = _check_limits(lsl, usl)
    fit = fit_distribution(data, dist)
    x = as_1d(data, "data")
    f = fit.frozen()
    lo, mid, hi = (float(v) for v in f.ppf([P_LOW, P_MID, P_HIGH]))
    pp = (usl - lsl) / (hi - lo) if lsl is not None and usl is not None else None
    ppl = (mid - lsl) / (mid - lo) if lsl is not None else None
    ppu = (usl - mid) / (hi - mid) if usl is not None else None
    ppk = min(v for v in (ppl, ppu) if v is not None)
    below = float(f.cdf(lsl)) * 1e6 if lsl is not None else 0.0
    above = float(f.sf(usl)) * 1e6 if usl is not None else 0.0
    notes = []
    if fit.ad_p is not None and fit.ad_p < 0.05:
        notes.append(
            f"warning: the {fit.label} fits poorly (AD p {fit.ad_p_text}); "
            "see identify_distribution"
        )
    return NonNormalCapability(
        method="ISO 22514-2 percentile method on the MLE fit",
        dist=dist,
        fit=fit,
        n=int(x.size),
        lsl=lsl,
        usl=usl,
        percentiles={"0.00135": lo, "0.5": mid, "0.99865": hi},
        pp=pp,
        ppl=ppl,
        ppu=ppu,
        ppk=ppk,
        ppm_expected_overall={"below_lsl": below, "above_usl": above, "total": below + above},
        ppm_observed=_observed_ppm(x, lsl, usl),
        data=x.tolist(),
        notes=notes,
    )


def _check_limits(lsl: float | None, usl: float | None) -> tuple[float | None, float | None]:
    if lsl is None and usl is None:
        raise ValueError("capability: give at least one specification limit (lsl or usl)")
    for name, v in (("lsl", lsl), ("usl", usl)):
        if v is not None and not math.isfinite(v):
            raise ValueError(f"capability: {name} must be finite, got {v}")
    if lsl is not None and usl is not None and not lsl < usl:
        raise ValueError(f"capability: lsl ({lsl}) must be below usl ({usl})")
    return (None if lsl is None else float(lsl)), (None if usl is None else float(usl))


def _observed_ppm(x: np.ndarray, lsl: float | None, usl: float | None) -> dict[str, float]:
    below = float((x < lsl).sum()) / x.size * 1e6 if lsl is not None else 0.0
    above = float((x > usl).sum()) / x.size * 1e6 if usl is not None else 0.0
    return {"below_lsl": below, "above_usl": above, "total": below + above}


# ---- Box-Cox --------------------------------------------------------------------------------


@dataclasses.dataclass
class BoxCox(ToolResult):
    lambda_mle: float
    lambda_used: float
    rounded: bool
    ci: list[float]  # 95% likelihood interval for lambda
    shift: float
    n: int
    log_likelihood: float
    transformed: list[float]  # W = (Y + shift)^lambda, or ln(Y + shift) when lambda = 0
    ad: float
    ad_p: float | None
    notes: list[str] = dataclasses.field(default_factory=list)

    def transform(self, values: Any) -> np.ndarray:
        """Apply the same transformation to other values (specification limits, new data)."""
        v = np.asarray(values, dtype=float) + self.shift
        if (v <= 0).any():
            raise ValueError("Box-Cox: every value + shift must be > 0")
        return np.log(v) if self.lambda_used == 0 else v**self.lambda_used

    def summary(self) -> str:
        lines = [
            f"Box-Cox transformation, n={self.n}: lambda (MLE) = {fmt(self.lambda_mle, 5)}, "
            f"95% CI {fmt(self.ci[0])} .. {fmt(self.ci[1])}"
        ]
        used = "ln(Y)" if self.lambda_used == 0 else f"Y^{fmt(self.lambda_used, 5)}"
        how = "rounded" if self.rounded else "optimal"
        shift = f" with shift {fmt(self.shift)}" if self.shift else ""
        lines.append(f"  used: W = {used} ({how} lambda){shift}")
        lines.append(
            f"  transformed data: Anderson-Darling A2 = {fmt(self.ad)}, p {fmt_p(self.ad_p)}"
        )
        lines.extend(self.notes)
        return "\n".join(lines)


def boxcox_transform(
    data: Any, *, lam: float | None = None, round_lambda: bool = False, shift: float = 0.0
) -> BoxCox:
    """Box-Cox transformation with lambda by maximum likelihood (or a given ``lam``).

    >>> r = boxcox_transform([2.1, 3.4, 1.7, 2.9, 4.2, 2.5, 3.1, 1.9, 2.7, 3.6])
    >>> round(r.lambda_mle, 4)
    0.3882
    """
    from scipy import optimize, stats

    if not math.isfinite(shift):
        raise ValueError(f"Box-Cox: shift must be finite, got {shift}")
    x = as_1d(data, "data", min_n=3)
    y = _positive_if_needed(x + shift, "boxcox")
    _check_spread(y, "the Box-Cox lambda is undefined")
    n = y.size

    def llf(lmb: float) -> float:
        return float(stats.boxcox_llf(lmb, y))

    res = optimize.minimize_scalar(
        lambda v: -llf(v), bounds=(-5.0, 5.0), method="bounded", options={"xatol": 1e-10}
    )
    lmax = float(res.x)
    cut = llf(lmax) - 0.5 * float(stats.chi2.ppf(0.95, 1))

    def edge(a: float, b: float) -> float:
        if llf(a) - cut > 0:
            return a  # the interval reaches the search bound
        return float(optimize.brentq(lambda v: llf(v) - cut, a, b, xtol=1e-12))

    ci = [edge(-5.0, lmax), edge(5.0, lmax)]
    notes = []
    if lam is not None:
        if not -5 <= lam <= 5:
            raise ValueError(f"Box-Cox: lam must be between -5 and 5, got {lam}")
        used, rounded = float(lam), False
    elif round_lambda:
        r = round(2 * lmax) / 2
        rounded = ci[0] <= r <= ci[1]
        used = float(r) if rounded else lmax
        if not rounded:
            notes.append(f"rounded lambda {r:g} is outside the 95% CI; the optimum is used")
    else:
        used, rounded = lmax, False
    if lmax in (-5.0, 5.0) or abs(abs(lmax) - 5) < 1e-6:
        notes.append("lambda reached the search bound [-5, 5]; a power transform fits poorly")
    w = np.log(y) if used == 0 else y**used
    a2, p = _normal_ad(w)
    return BoxCox(
        lambda_mle=lmax,
        lambda_used=used,
        rounded=rounded,
        ci=ci,
        shift=float(shift),
        n=int(n),
        log_likelihood=llf(used),
        transformed=w.tolist(),
        ad=a2,
        ad_p=p,
        notes=notes,
    )


def _normal_ad(w: np.ndarray) -> tuple[float, float | None]:
    from scipy import stats

    frozen = stats.norm(float(w.mean()), float(w.std(ddof=1)))
    a2 = _ad_statistic(w, frozen)
    return a2, _normal_ad_p(a2, w.size)[0]


# ---- Johnson --------------------------------------------------------------------------------


@dataclasses.dataclass
class Johnson(ToolResult):
    family: str  # SB, SL or SU
    gamma: float
    eta: float
    epsilon: float
    lam: float | None  # None for SL
    z: float  # the z of the chosen percentile set
    n: int
    transformed: list[float]
    ad: float
    ad_p: float
    acceptable: bool  # ad_p > p_criterion (Minitab: 0.10)
    p_criterion: float
    candidates: int  # valid transformations examined
    notes: list[str] = dataclasses.field(default_factory=list)

    def transform(self, values: Any) -> np.ndarray:
        """Apply the chosen transformation to other values; outside an SB / SL family's support
        the result is -inf or +inf."""
        return _johnson_apply(np.asarray(values, dtype=float), self.family, self._params())

    def _params(self) -> tuple[float, float, float, float | None]:
        return self.gamma, self.eta, self.epsilon, self.lam

    def formula(self) -> str:
        g, e, eps, lam = self.gamma, self.eta, self.epsilon, self.lam
        shifted = f"X - {fmt(eps, 6)}" if eps >= 0 else f"X + {fmt(-eps, 6)}"
        if self.family == "SU":
            inner = f"asinh(({shifted}) / {fmt(lam, 6)})"
        elif self.family == "SB":
            inner = f"ln(({shifted}) / ({fmt(eps + lam, 6)} - X))"
        else:
            inner = f"ln({shifted})"
        return f"{fmt(g, 6)} + {fmt(e, 6)} * {inner}"

    def summary(self) -> str:
        lines = [
            f"Johnson transformation ({self.family}), n={self.n}, z={self.z:.2f}: "
            f"Z = {self.formula()}",
            f"  transformed data: Anderson-Darling A2 = {fmt(self.ad)}, p {fmt_p(self.ad_p)} "
            f"(best of {self.candidates} candidates)",
        ]
        if not self.acceptable:
            lines.append(
                f"  warning: no candidate reaches p > {self.p_criterion:g}; Minitab would make "
                "no transformation"
            )
        lines.extend(self.notes)
        return "\n".join(lines)


def _johnson_apply(x: np.ndarray, family: str, params: tuple) -> np.ndarray:
    g, eta, eps, lam = params
    with np.errstate(divide="ignore", invalid="ignore"):
        if family == "SU":
            return g + eta * np.arcsinh((x - eps) / lam)
        if family == "SB":
            u = np.clip((x - eps) / lam, 0.0, 1.0)
            return g + eta * np.log(u / (1.0 - u))
        return np.where(x > eps, g + eta * np.log(np.maximum(x - eps, 0.0)), -np.inf)


def _johnson_params(q: np.ndarray, z: float) -> tuple[str, tuple] | None:
    """Slifker & Shapiro (1980) percentile estimates from x(-3z), x(-z), x(z), x(3z); None when
    the percentiles admit no finite estimate."""
    try:
        est = _slifker_shapiro(q, z)
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
    if est is None or not all(math.isfinite(v) for v in est[1] if v is not None):
        return None
    return est


def _slifker_shapiro(q: np.ndarray, z: float) -> tuple[str, tuple] | None:
    xm3, xm1, xp1, xp3 = (float(v) for v in q)
    m, n, p = xp3 - xp1, xm1 - xm3, xp1 - xm1
    if min(m, n, p) <= 0:
        return None
    qr = m * n / (p * p)
    mp, np_ = m / p, n / p
    mid = (xp1 + xm1) / 2
    if abs(qr - 1) < 1e-3:
        if mp <= 1:
            return None
        eta = 2 * z / math.log(mp)
        gamma = eta * math.log((mp - 1) / (p * math.sqrt(mp)))
        eps = mid - (p / 2) * (mp + 1) / (mp - 1)
        return "SL", (gamma, eta, eps, None)
    if qr > 1:
        s = mp + np_
        if s <= 2:
            return None
        eta = 2 * z / math.acosh(0.5 * s)
        gamma = eta * math.asinh((np_ - mp) / (2 * math.sqrt(qr - 1)))
        lam = 2 * p * math.sqrt(qr - 1) / ((s - 2) * math.sqrt(s + 2))
        eps = mid + p * (np_ - mp) / (2 * (s - 2))
        return "SU", (gamma, eta, eps, lam)
    pm, pn = p / m, p / n
    prod = (1 + pm) * (1 + pn)
    denom = pm * pn - 1
    if prod <= 4 or denom <= 0:
        return None
    eta = z / math.acosh(0.5 * math.sqrt(prod))
    gamma = eta * math.asinh((pn - pm) * math.sqrt(prod - 4) / (2 * denom))
    lam = p * math.sqrt((prod - 2) ** 2 - 4) / denom
    eps = mid - lam / 2 + p * (pn - pm) / (2 * denom)
    return "SB", (gamma, eta, eps, lam)


def johnson_transform(data: Any, *, p_criterion: float = 0.10) -> Johnson:
    """Johnson transformation to normality (Chou et al. 1998; Minitab's selection).

    >>> x = [0.1, 0.3, 0.2, 1.5, 0.4, 0.25, 0.35, 3.2, 0.15, 0.5, 0.45, 0.6, 8.0, 0.05, 0.3]
    >>> johnson_transform(x).family
    'SU'
    """
    from scipy import stats

    if not 0 < p_criterion < 1:
        raise ValueError(f"Johnson: p_criterion must be between 0 and 1, got {p_criterion}")
    x = as_1d(data, "data", min_n=8)
    _check_spread(x, "there is nothing to transform")
    best: tuple | None = None
    count = 0
    for z in np.round(np.arange(0.25, 1.2501, 0.01), 2):
        probs = stats.norm.cdf([-3 * z, -z, z, 3 * z])
        q = np.quantile(x, probs, method="weibull")
        est = _johnson_params(q, float(z))
        if est is None:
            continue
        family, params = est
        w = _johnson_apply(x, family, params)
        if not np.all(np.isfinite(w)) or np.ptp(w) == 0:
            continue
        count += 1
        a2, p = _normal_ad(w)
        key = (p, -a2)
        if best is None or key > best[0]:
            best = (key, family, params, float(z), w, a2, p)
    if best is None:
        raise ValueError(
            "Johnson: no valid SB, SL or SU transformation for these data (too few distinct "
            "values?)"
        )
    _, family, (g, eta, eps, lam), z, w, a2, p = best
    return Johnson(
        family=family,
        gamma=g,
        eta=eta,
        epsilon=eps,
        lam=lam,
        z=z,
        n=int(x.size),
        transformed=w.tolist(),
        ad=a2,
        ad_p=float(p),
        acceptable=bool(p > p_criterion),
        p_criterion=p_criterion,
        candidates=count,
    )


# ---- capability after a transformation ------------------------------------------------------


@dataclasses.dataclass
class TransformedCapability(ToolResult):
    transform: str  # "boxcox" or "johnson"
    transformation: BoxCox | Johnson
    lsl: float | None
    usl: float | None
    target: float | None
    lsl_transformed: float | None
    usl_transformed: float | None
    target_transformed: float | None
    capability: Capability  # normal capability of the transformed data and limits
    cp: float | None
    cpk: float | None
    pp: float | None
    ppk: float | None
    notes: list[str] = dataclasses.field(default_factory=list)

    def summary(self) -> str:
        lines = [f"Capability after a {LABELS[self.transform]} (indices on the transformed scale)"]
        lines.append("  " + self.transformation.summary().replace("\n", "\n  "))
        lines.append(
            f"  limits: LSL {fmt(self.lsl)} -> {fmt(self.lsl_transformed, 5)}, "
            f"USL {fmt(self.usl)} -> {fmt(self.usl_transformed, 5)}"
        )
        lines.append("  " + self.capability.summary().replace("\n", "\n  "))
        lines.extend(self.notes)
        return "\n".join(lines)


def capability_transformed(
    data: Any,
    *,
    lsl: float | None = None,
    usl: float | None = None,
    target: float | None = None,
    transform: str = "boxcox",
    lam: float | None = None,
    round_lambda: bool = True,
    shift: float = 0.0,
    confidence: float = 0.95,
) -> TransformedCapability:
    """Capability after a Box-Cox or Johnson transformation: the data and the limits are
    transformed and the normal capability (Cp, Cpk, Pp, Ppk, expected PPM) is computed on the
    transformed scale, as Minitab does. Individuals: within sigma = MR-bar/d2. A decreasing
    transform (Box-Cox with lambda < 0) swaps the limits.

    >>> x = [2.1, 3.4, 1.7, 2.9, 4.2, 2.5, 3.1, 1.9, 2.7, 3.6]
    >>> r = capability_transformed(x, lsl=0.5, usl=6.0, transform="boxcox")
    >>> r.transformation.lambda_used, round(r.ppk, 3)
    (0.5, 1.103)
    """
    if transform not in ("boxcox", "johnson"):
        raise ValueError(f"transform must be 'boxcox' or 'johnson', got {transform!r}")
    lsl, usl = _check_limits(lsl, usl)
    x = as_1d(data, "data", min_n=3)
    tr: BoxCox | Johnson
    if transform == "boxcox":
        tr = boxcox_transform(x, lam=lam, round_lambda=round_lambda, shift=shift)
    else:
        if lam is not None or shift:
            raise ValueError("the Johnson transformation takes no lam= or shift=")
        tr = johnson_transform(x)
    notes = []

    def t(v: float | None, name: str) -> float | None:
        if v is None:
            return None
        if transform == "boxcox" and v + tr.shift <= 0:
            notes.append(f"{name} + shift <= 0 cannot be transformed; it is treated as absent")
            return None
        out = float(tr.transform([v])[0])
        if not math.isfinite(out):
            notes.append(
                f"{name} = {v:g} lies outside the {tr.family} family's support; it cannot be "
                "exceeded under the fit and is treated as absent"
            )
            return None
        return out

    lo, hi, tg = t(lsl, "LSL"), t(usl, "USL"), t(target, "target")
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
        notes.append("the transform is decreasing: the limits swap on the transformed scale")
    elif lo is None and hi is None:
        raise ValueError("capability: no specification limit survives the transformation")
    elif transform == "boxcox" and tr.lambda_used < 0 and (lo is None) != (hi is None):
        lo, hi = hi, lo
        notes.append("the transform is decreasing: the limit changes side on the transformed scale")
    w = np.asarray(tr.transformed)
    cap = capability(w, lsl=lo, usl=hi, target=tg, confidence=confidence)
    if not tr.ad_p or tr.ad_p < 0.05:
        notes.append("warning: the transformed data still look non-normal")
    elif isinstance(tr, Johnson) and not tr.acceptable:
        notes.append(
            f"warning: the Johnson transformation does not reach p > {tr.p_criterion:g}; "
            "Minitab would not transform"
        )
    return TransformedCapability(
        transform=transform,
        transformation=tr,
        lsl=lsl,
        usl=usl,
        target=target,
        lsl_transformed=lo,
        usl_transformed=hi,
        target_transformed=tg,
        capability=cap,
        cp=cap.cp,
        cpk=cap.cpk,
        pp=cap.pp,
        ppk=cap.ppk,
        notes=notes,
    )


# ---- individual distribution identification ------------------------------------------------


@dataclasses.dataclass
class DistributionFitRow:
    dist: str
    label: str
    params: dict[str, float]
    ad: float
    p_value: float | None
    p_text: str
    lrt_p: float | None  # 3-parameter Weibull vs Weibull: likelihood-ratio test p
    pp: float | None
    ppk: float | None


@dataclasses.dataclass
class DistributionID(ToolResult):
    n: int
    rows: list[DistributionFitRow]  # sorted by the Anderson-Darling statistic, best first
    skipped: dict[str, str]  # distribution -> why it was not fitted
    best: str
    lsl: float | None
    usl: float | None
    data: list[float]
    fits: dict[str, FittedDistribution]
    boxcox: BoxCox | None
    johnson: Johnson | None

    def row(self, dist: str) -> DistributionFitRow:
        for r in self.rows:
            if r.dist == dist:
                return r
        raise KeyError(f"no row for {dist!r}; rows: {', '.join(r.dist for r in self.rows)}")

    def summary(self) -> str:
        specs = self.lsl is not None or self.usl is not None
        head = f"{'distribution':<24}{'AD':>9}  {'P':>9}  {'LRT P':>8}"
        head += f"  {'Pp':>7}  {'Ppk':>7}" if specs else ""
        lines = [f"Individual distribution identification, n={self.n}", head]
        for r in self.rows:
            line = f"{r.label:<24}{fmt(r.ad):>9}  {r.p_text:>9}  {fmt_p(r.lrt_p):>8}"
            if specs:
                line += f"  {fmt(r.pp):>7}  {fmt(r.ppk):>7}"
            lines.append(line)
        for d, why in self.skipped.items():
            lines.append(f"{LABELS[d]}: not fitted ({why})")
        lines.append(f"best by Anderson-Darling: {LABELS[self.best]}")
        return "\n".join(lines)


def identify_distribution(
    data: Any, *, lsl: float | None = None, usl: float | None = None
) -> DistributionID:
    """Fit every distribution and both transformations; report each one's Anderson-Darling
    statistic (with p where defined) and, given limits, its Pp and Ppk; sorted best first.

    >>> x = [2.1, 3.4, 1.7, 2.9, 4.2, 2.5, 3.1, 1.9, 2.7, 3.6, 2.2, 3.0]
    >>> identify_distribution(x).n
    12
    """
    from scipy import stats

    x = as_1d(data, "data", min_n=8)
    _check_spread(x, "no distribution can be fitted")
    if lsl is not None or usl is not None:
        lsl, usl = _check_limits(lsl, usl)
    specs = lsl is not None or usl is not None
    rows, skipped, fits = [], {}, {}
    for d in DISTRIBUTIONS:
        if d in POSITIVE and (x <= 0).any():
            skipped[d] = "needs every value > 0"
            continue
        try:
            f = fit_distribution(x, d)
        except (ValueError, FloatingPointError) as exc:
            skipped[d] = str(exc)
            continue
        fits[d] = f
        pp = ppk = None
        if specs:
            cap = capability_nonnormal(x, lsl=lsl, usl=usl, dist=d)
            pp, ppk = cap.pp, cap.ppk
        rows.append(
            DistributionFitRow(d, f.label, f.params, f.ad, f.ad_p, f.ad_p_text, None, pp, ppk)
        )
    if "weibull" in fits and "weibull3" in fits:
        lr = 2 * (fits["weibull3"].log_likelihood - fits["weibull"].log_likelihood)
        for r in rows:
            if r.dist == "weibull3":
                r.lrt_p = float(stats.chi2.sf(max(lr, 0.0), 1))
    bc = jn = None
    if (x > 0).all():
        bc = boxcox_transform(x, round_lambda=True)
        row = DistributionFitRow(
            "boxcox",
            LABELS["boxcox"],
            {"lambda": bc.lambda_used},
            bc.ad,
            bc.ad_p,
            fmt_p(bc.ad_p),
            None,
            None,
            None,
        )
        if specs:
            tc = capability_transformed(x, lsl=lsl, usl=usl, transform="boxcox")
            row.pp, row.ppk = tc.pp, tc.ppk
        rows.append(row)
    else:
        skipped["boxcox"] = "needs every value > 0"
    try:
        jn = johnson_transform(x)
    except ValueError as exc:
        skipped["johnson"] = str(exc)
    else:
        row = DistributionFitRow(
            "johnson",
            LABELS["johnson"],
            {"gamma": jn.gamma, "eta": jn.eta, "epsilon": jn.epsilon}
            | ({} if jn.lam is None else {"lambda": jn.lam}),
            jn.ad,
            jn.ad_p,
            fmt_p(jn.ad_p),
            None,
            None,
            None,
        )
        if specs:
            try:
                tc = capability_transformed(x, lsl=lsl, usl=usl, transform="johnson")
                row.pp, row.ppk = tc.pp, tc.ppk
            except ValueError:
                pass
        rows.append(row)
    rows.sort(key=lambda r: r.ad)
    return DistributionID(
        n=int(x.size),
        rows=rows,
        skipped=skipped,
        best=rows[0].dist,
        lsl=lsl,
        usl=usl,
        data=x.tolist(),
        fits=fits,
        boxcox=bc,
        johnson=jn,
    )
