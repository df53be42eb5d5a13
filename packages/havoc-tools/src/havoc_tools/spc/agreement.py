"""Attribute agreement analysis and kappa statistics (Minitab *Attribute Agreement Analysis*,
AIAG MSA 4th ed. ch. III-C), part of the measurement systems tools in :mod:`.msa`.

* :func:`attribute_agreement` - within appraisers, each appraiser vs the standard, between
  appraisers and all appraisers vs the standard: % matched with exact (Clopper-Pearson)
  intervals and Fleiss' kappa.
* :func:`fleiss_kappa` - Fleiss' kappa of a subjects x categories table, per category, with
  null standard errors.
* :func:`cohen_kappa` - Cohen's kappa of two raters with its asymptotic interval.
"""

from __future__ import annotations

import dataclasses
import math
from numbers import Real
from typing import Any

import numpy as np

from .._result import ToolResult, fmt, fmt_p
from .._validate import column


def _frame(data: Any, fn: str) -> Any:
    if not hasattr(data, "columns"):
        raise ValueError(f"{fn}: data must be a pandas DataFrame in long form (one row a reading)")
    return data


def _label_text(values: Any) -> np.ndarray:
    """Labels as text, numbers written the same however they were stored (1, 1.0 -> "1")."""
    out = []
    for v in np.asarray(values, dtype=object).ravel():
        if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
            out.append(f"{float(v):.15g}")
        else:
            out.append(str(v))
    return np.asarray(out, dtype=object)


def _labels(data: Any, name: str) -> np.ndarray:
    col = column(data, name)
    if col.isna().any():
        raise ValueError(f"column {name!r} has missing labels; drop those rows first")
    return _label_text(col.to_numpy())


@dataclasses.dataclass
class KappaStat:
    """Fleiss' kappa with its standard error under kappa = 0 (Fleiss, Nee & Landis 1979) and
    the one-sided p-value of kappa > 0, overall and per response category."""

    kappa: float | None
    se: float | None
    z: float | None
    p_value: float | None
    by_category: dict[str, float | None]
    category_se: float  # the same for every category under H0: sqrt(2 / (N m (m - 1)))


@dataclasses.dataclass
class AgreementRow:
    label: str
    inspected: int
    matched: int
    percent: float
    ci_low: float
    ci_high: float
    kappa: KappaStat | None


def _exact_ci(matched: int, n: int, confidence: float) -> tuple[float, float]:
    """Clopper-Pearson interval for matched / n, in percent, as Minitab reports it: when every
    item (or none) matched, the one bound that exists takes the whole alpha (15/15 -> 81.90)."""
    from scipy import stats

    alpha = 1 - confidence
    if matched == n:
        return 100 * alpha ** (1 / n), 100.0
    if matched == 0:
        return 0.0, 100 * (1 - alpha ** (1 / n))
    ci = stats.binomtest(matched, n).proportion_ci(confidence_level=confidence, method="exact")
    return 100 * float(ci.low), 100 * float(ci.high)


def fleiss_kappa(counts: Any, categories: list[str] | None = None) -> KappaStat:
    """Fleiss' kappa of a subjects x categories table of counts (every row sums to the same
    number of ratings m >= 2), with per-category kappas and the standard errors under H0."""
    from scipy import stats

    x = np.asarray(counts, dtype=float)
    if x.ndim != 2 or x.shape[0] < 1:
        raise ValueError("fleiss_kappa: counts must be a subjects x categories table")
    m_set = set(x.sum(axis=1).tolist())
    if len(m_set) != 1:
        raise ValueError("fleiss_kappa: every subject needs the same number of ratings")
    m = m_set.pop()
    if m < 2:
        raise ValueError("fleiss_kappa: needs at least 2 ratings per subject")
    n_sub, k = x.shape
    cats = categories or [str(j) for j in range(k)]
    p = x.sum(axis=0) / (n_sub * m)
    q = 1 - p
    p_i = ((x**2).sum(axis=1) - m) / (m * (m - 1))
    pe = float((p**2).sum())
    by_cat: dict[str, float | None] = {}
    for j, c in enumerate(cats):
        if p[j] * q[j] > 0:
            disagree = float((x[:, j] * (m - x[:, j])).sum())
            by_cat[c] = 1 - disagree / (n_sub * m * (m - 1) * p[j] * q[j])
        else:
            by_cat[c] = None
    se_cat = math.sqrt(2 / (n_sub * m * (m - 1)))
    if pe >= 1:  # one category used throughout: chance agreement is certain, kappa undefined
        return KappaStat(None, None, None, None, by_cat, se_cat)
    kappa = float((p_i.mean() - pe) / (1 - pe))
    spq = float((p * q).sum())
    var = (spq**2 - float((p * q * (q - p)).sum())) * 2 / (n_sub * m * (m - 1) * spq**2)
    se = math.sqrt(var) if var > 0 else None
    z = kappa / se if se else None
    pv = float(stats.norm.sf(z)) if z is not None else None
    return KappaStat(kappa, se, z, pv, by_cat, se_cat)


def _counts(ratings: np.ndarray, cats: list[str]) -> np.ndarray:
    """Rows of ratings (subjects x raters, labels) as a subjects x categories table of counts."""
    return np.stack([(ratings == c).sum(axis=1) for c in cats], axis=1)


@dataclasses.dataclass
class AttributeAgreement(ToolResult):
    n_samples: int
    n_appraisers: int
    n_trials: int
    categories: list[str]
    confidence: float
    within: list[AgreementRow]  # empty with one trial
    vs_standard: list[AgreementRow]  # empty without a standard
    between: AgreementRow | None  # None with one appraiser
    all_vs_standard: AgreementRow | None  # None with one appraiser or without a standard

    def summary(self) -> str:
        lines = [
            f"Attribute agreement: {self.n_samples} samples x {self.n_appraisers} appraisers x "
            f"{self.n_trials} trials; categories {', '.join(self.categories)}"
        ]
        ci = f"{100 * self.confidence:g}% CI"

        def block(title: str, rows: list[AgreementRow]) -> None:
            lines.append(title)
            lines.append(
                f"  {'':<14}{'inspected':>10}{'matched':>9}{'percent':>9}  {ci:<18}{'kappa':>8}"
                f"{'p(>0)':>9}"
            )
            for r in rows:
                k = r.kappa
                lines.append(
                    f"  {r.label:<14}{r.inspected:>10}{r.matched:>9}{r.percent:>9.2f}  "
                    f"{f'({r.ci_low:.2f}, {r.ci_high:.2f})':<18}"
                    f"{fmt(k.kappa if k else None):>8}{fmt_p(k.p_value if k else None):>9}"
                )

        if self.within:
            block("Within appraisers (all trials agree)", self.within)
        if self.vs_standard:
            block(
                "Each appraiser vs standard (all trials agree with the standard)", self.vs_standard
            )
        if self.between is not None:
            block("Between appraisers (all ratings agree)", [self.between])
        if self.all_vs_standard is not None:
            block("All appraisers vs standard", [self.all_vs_standard])
        return "\n".join(lines)


def attribute_agreement(
    data: Any,
    rating: str = "rating",
    sample: str = "sample",
    appraiser: str = "appraiser",
    *,
    standard: str | None = None,
    confidence: float = 0.95,
) -> AttributeAgreement:
    """Attribute agreement analysis (Minitab *Stat > Quality Tools > Attribute Agreement
    Analysis*; AIAG MSA 4th ed. ch. III-C).

    ``data``: long form, one row per rating, with the ``rating`` (a label), the ``sample`` rated
    and the ``appraiser``; repeated rows of the same appraiser and sample are the trials, in
    order. ``standard`` (optional) names a column with each sample's known rating. Every appraiser
    rates every sample the same number of times.

    Percent matched (with an exact Clopper-Pearson interval, one-sided when all or none matched,
    as Minitab):

    * within appraiser: samples whose trials all agree;
    * each appraiser vs standard: samples where all the appraiser's trials equal the standard;
    * between appraisers: samples where every rating agrees;
    * all appraisers vs standard: samples where every rating equals the standard.

    Fleiss' kappa: within an appraiser, trials are the raters of each sample; between
    appraisers, every appraiser-trial is a rater; against the standard, every rating is paired
    with the standard (two raters of each sample-trial).
    """
    fn = "attribute_agreement"
    data = _frame(data, fn)
    if isinstance(confidence, bool) or not (isinstance(confidence, Real) and 0 < confidence < 1):
        raise ValueError(f"{fn}: confidence must be between 0 and 1, got {confidence!r}")
    r_col = _labels(data, rating)
    s_col = _labels(data, sample)
    a_col = _labels(data, appraiser)
    samples = sorted(set(s_col), key=_natural)
    appraisers = list(dict.fromkeys(a_col))
    if len(samples) < 2:
        raise ValueError(f"{fn}: needs at least 2 samples, got {len(samples)}")
    cells: dict[tuple[str, str], list[str]] = {}
    for a, s, r in zip(a_col, s_col, r_col, strict=True):
        cells.setdefault((a, s), []).append(r)
    counts = {len(cells.get((a, s), [])) for a in appraisers for s in samples}
    if len(counts) != 1 or 0 in counts:
        raise ValueError(
            f"{fn}: every appraiser must rate every sample the same number of times; "
            f"trial counts found: {sorted(counts)}"
        )
    trials = counts.pop()
    if len(appraisers) == 1 and trials == 1 and standard is None:
        raise ValueError(
            f"{fn}: one appraiser rating each sample once, with no standard, has nothing to "
            "agree with; add trials, appraisers or standard="
        )
    # ratings[a, s, t]
    ratings = np.array([[cells[(a, s)] for s in samples] for a in appraisers], dtype=object)
    std: np.ndarray | None = None
    if standard is not None:
        st_col = _labels(data, standard)
        per: dict[str, set[str]] = {}
        for s, v in zip(s_col, st_col, strict=True):
            per.setdefault(s, set()).add(v)
        bad = [s for s, v in per.items() if len(v) > 1]
        if bad:
            raise ValueError(f"{fn}: sample {bad[0]!r} has more than one standard rating")
        std = np.array([next(iter(per[s])) for s in samples], dtype=object)
    cats = sorted(set(r_col) | (set(std.tolist()) if std is not None else set()), key=_natural)
    n_s = len(samples)

    def row(label: str, matched: np.ndarray, kappa: KappaStat | None) -> AgreementRow:
        k = int(matched.sum())
        lo, hi = _exact_ci(k, n_s, confidence)
        return AgreementRow(label, n_s, k, 100 * k / n_s, lo, hi, kappa)

    def vs_std_kappa(r: np.ndarray) -> KappaStat:
        # r: samples x raters; each rating is paired with the standard
        flat = r.reshape(-1)
        pairs = np.stack([flat, np.repeat(std, r.shape[1])], axis=1)
        return fleiss_kappa(_counts(pairs, cats), cats)

    within, vs = [], []
    for i, a in enumerate(appraisers):
        r = ratings[i]  # samples x trials
        if trials > 1:
            same = np.all(r == r[:, :1], axis=1)
            within.append(row(a, same, fleiss_kappa(_counts(r, cats), cats)))
        if std is not None:
            ok = np.all(r == std[:, None], axis=1)
            vs.append(row(a, ok, vs_std_kappa(r)))
    everyone = np.transpose(ratings, (1, 0, 2)).reshape(n_s, -1)  # samples x (appraiser, trial)
    between = all_vs = None
    if len(appraisers) > 1:
        kappa = fleiss_kappa(_counts(everyone, cats), cats)
        between = row("all", np.all(everyone == everyone[:, :1], axis=1), kappa)
    if std is not None and len(appraisers) > 1:
        all_vs = row("all", np.all(everyone == std[:, None], axis=1), vs_std_kappa(everyone))
    return AttributeAgreement(
        n_samples=n_s,
        n_appraisers=len(appraisers),
        n_trials=trials,
        categories=cats,
        confidence=float(confidence),
        within=within,
        vs_standard=vs,
        between=between,
        all_vs_standard=all_vs,
    )


def _natural(label: str) -> tuple[int, float, str]:
    """Sort numeric labels by value, the rest alphabetically after them."""
    try:
        return (0, float(label), "")
    except ValueError:
        return (1, 0.0, label)


@dataclasses.dataclass
class CohenKappa(ToolResult):
    n: int
    categories: list[str]
    table: list[list[int]]  # rows: rater 1, columns: rater 2
    agreement: float  # observed proportion of agreement
    agreement_ci: tuple[float, float]  # exact (Clopper-Pearson)
    expected: float  # chance agreement
    kappa: float | None
    se: float | None  # asymptotic standard error (Fleiss, Cohen & Everitt 1969)
    ci: tuple[float, float] | None
    se0: float | None  # standard error under kappa = 0
    z: float | None
    p_value: float | None  # one-sided, kappa > 0 (as Minitab reports it)
    confidence: float
    raters: tuple[str, str]

    def summary(self) -> str:
        c = f"{100 * self.confidence:g}%"
        lines = [
            f"Cohen's kappa: {self.raters[0]} vs {self.raters[1]}, {self.n} items, "
            f"categories {', '.join(self.categories)}",
            f"agreement {100 * self.agreement:.2f}% ({c} exact CI {100 * self.agreement_ci[0]:.2f}"
            f" to {100 * self.agreement_ci[1]:.2f}%), chance {100 * self.expected:.2f}%",
        ]
        if self.kappa is None:
            lines.append("kappa undefined: both raters used one category throughout")
        else:
            ci = f" ({c} CI {fmt(self.ci[0])} to {fmt(self.ci[1])})" if self.ci else ""
            lines.append(
                f"kappa = {fmt(self.kappa)}{ci}, SE {fmt(self.se)}; z = {fmt(self.z)}, "
                f"p(kappa > 0) = {fmt_p(self.p_value)}"
            )
        return "\n".join(lines)


def cohen_kappa(
    rater1: Any,
    rater2: Any,
    *,
    confidence: float = 0.95,
    names: tuple[str, str] = ("rater 1", "rater 2"),
) -> CohenKappa:
    """Cohen's kappa of two raters' labels of the same items, with the asymptotic standard error
    of Fleiss, Cohen & Everitt (1969) for the interval and the null standard error for the test.

    >>> round(cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"]).kappa, 3)
    0.5
    """
    from scipy import stats

    fn = "cohen_kappa"
    a = _label_text(list(rater1))
    b = _label_text(list(rater2))
    if a.size != b.size:
        raise ValueError(f"{fn}: the raters rated different numbers of items ({a.size}, {b.size})")
    if a.size < 2:
        raise ValueError(f"{fn}: needs at least 2 rated items, got {a.size}")
    if isinstance(confidence, bool) or not (isinstance(confidence, Real) and 0 < confidence < 1):
        raise ValueError(f"{fn}: confidence must be between 0 and 1, got {confidence!r}")
    cats = sorted(set(a) | set(b), key=_natural)
    idx = {c: i for i, c in enumerate(cats)}
    k, n = len(cats), int(a.size)
    table = np.zeros((k, k), dtype=int)
    for u, v in zip(a, b, strict=True):
        table[idx[u], idx[v]] += 1
    p = table / n
    rows, cols = p.sum(axis=1), p.sum(axis=0)
    po = float(np.trace(p))
    pe = float((rows * cols).sum())
    matched = int(np.trace(table))
    ci_lo, ci_hi = _exact_ci(matched, n, confidence)
    kappa = se = se0 = z = pv = None
    ci = None
    if pe < 1:
        kappa = (po - pe) / (1 - pe)
        # Fleiss, Cohen & Everitt (1969): large-sample variance of kappa
        diag = sum(p[i, i] * (1 - (rows[i] + cols[i]) * (1 - kappa)) ** 2 for i in range(k))
        off = sum(p[i, j] * (cols[i] + rows[j]) ** 2 for i in range(k) for j in range(k) if i != j)
        var = (diag + (1 - kappa) ** 2 * off - (kappa - pe * (1 - kappa)) ** 2) / (
            n * (1 - pe) ** 2
        )
        se = math.sqrt(max(var, 0.0))
        zc = float(stats.norm.ppf(0.5 + confidence / 2))
        ci = (kappa - zc * se, kappa + zc * se)
        var0 = (pe + pe**2 - float((rows * cols * (rows + cols)).sum())) / (n * (1 - pe) ** 2)
        se0 = math.sqrt(var0) if var0 > 0 else None
        z = kappa / se0 if se0 else None
        pv = float(stats.norm.sf(z)) if z is not None else None
    return CohenKappa(
        n=n,
        categories=cats,
        table=table.tolist(),
        agreement=po,
        agreement_ci=(ci_lo / 100, ci_hi / 100),
        expected=pe,
        kappa=kappa,
        se=se,
        ci=ci,
        se0=se0,
        z=z,
        p_value=pv,
        confidence=float(confidence),
        raters=(str(names[0]), str(names[1])),
    )
