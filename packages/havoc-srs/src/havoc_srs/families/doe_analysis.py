"""Analysis of a two-level factorial experiment from its data: the design is rebuilt (full or a
regular fraction, with replicates and centre points), the response put in standard order, and
the effects estimated (Lenth's method when unreplicated).

ARGUE checks the error estimate, the confounding of a fraction and the residuals; AUDIT
recomputes every main effect as mean(+) - mean(-) from the coded columns.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from havoc_tools.doe.design import TABLE_COLUMNS
from havoc_tools.dsl import ast as A

from havoc_srs.answer import number_text as fmt
from havoc_srs.data import Dataset, ident
from havoc_srs.dslbuild import comment, let, name, opts, program
from havoc_srs.execute import Execution
from havoc_srs.families._checks import NO_P, NORMALITY_ALPHA, check, p_holds, run
from havoc_srs.phrasing import Phrasing, normalise
from havoc_srs.plan import ID_LIKE, Missing, Plan, mentioned, need_data, read_alpha

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "doe_analysis"
PROTOCOL = "arbiter"
ground_hint = "analysis of factorial experiment effects Lenth"
VERBS = ("analyze",)

# ---------------------------------------------------------------------------------------------
# PLAN


def _two_level(ds: Dataset, col: str) -> bool:
    vals = np.unique(ds.values(col))
    if len(vals) == 2:
        return True
    if len(vals) == 3:  # center points at the midpoint
        return bool(np.isclose(vals[1], (vals[0] + vals[2]) / 2))
    return False


# Run-sheet bookkeeping columns (Minitab's StdOrder, RunOrder, CenterPt, Blocks; a replicate
# number): never a factor or the response, even when they hold two levels.
_BOOKKEEPING_WORDS = frozenset(
    "std standard run runs order stdorder runorder seq sequence replicate replicates replication "
    "rep reps repeat repetition block blocks blk trial trials no nr number id obs observation "
    "centerpt centrept ctpt center centre pt pttype point type pattern".split()
)
# the low setting of a two-level label factor when it has a conventional name
_LOW_WORDS = ("off", "no", "low", "without", "none", "absent", "old", "standard", "-", "lo")


def _header_words(col: str) -> list[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(col))
    return [w for w in re.split(r"[^a-z0-9#]+", spaced.lower()) if w]


def _bookkeeping(ds: Dataset, col: str) -> bool:
    """A run number, standard order, replicate or block column, by name or by holding exactly
    the run indices 1..n."""
    words = _header_words(col)
    if words and all(w in _BOOKKEEPING_WORDS or w.isdigit() for w in words):
        return True
    if col in ds.numeric:
        v = ds.frame[col].dropna().to_numpy(dtype=float)
        if len(v) >= 4 and np.allclose(np.sort(v), np.arange(1, len(v) + 1)):
            return True
    return False


def _label_factors(ds: Dataset) -> dict[str, tuple[str, str]]:
    """Text columns with exactly two settings (Coolant on/off): (low, high) labels."""
    out = {}
    for c in ds.labels:
        vals = [str(v) for v in pd.unique(ds.frame[c].dropna())]
        if len(vals) != 2 or _bookkeeping(ds, c):
            continue
        lo = next((v for v in vals if v.strip().lower() in _LOW_WORDS), sorted(vals)[0])
        out[c] = (lo, next(v for v in vals if v != lo))
    return out


def _factor_ids(factor_cols: list[str]) -> tuple[dict[str, str], set[str]]:
    """DSL names for the factors of a rebuilt design. A design table adds ``<factor>_coded``
    and order/block columns of its own, so a table's "Fat_coded" becomes factor ``Fat`` (and a
    factor called "block" ``block_f``) rather than a name the design would reject. Returns the
    names and the set taken (the response's name is drawn from it next)."""
    taken: set[str] = set()
    out = {}
    for c in factor_cols:
        base = ident(c, None, keep_case=True)
        base = re.sub(r"(?i)_coded$", "", base) or base
        if base.lower() in TABLE_COLUMNS:
            base += "_f"
        out[c] = ident(base, taken, keep_case=True)
    return out, taken


def _coded_frame(ds: Dataset) -> tuple[pd.DataFrame, list[str], list[str], dict[str, Any]]:
    """The run sheet with label factors coded 0/1, its candidate factor columns (two levels,
    optionally with centre runs) and candidate responses, in table order."""
    frame = ds.frame.copy()
    labels = _label_factors(ds)
    for c, (lo, hi) in labels.items():
        frame[c] = frame[c].map({lo: 0.0, hi: 1.0}).astype(float)
    factors, responses = [], []
    axial = _axial_factors(ds)
    for c in ds.frame.columns:
        if _bookkeeping(ds, c):
            continue
        if c in labels or (c in ds.numeric and _two_level(ds, c)) or c in axial:
            factors.append(c)
        elif c in ds.numeric and not ID_LIKE.match(c.lower()):
            responses.append(c)
    return frame, factors, responses, labels


def _five_level(ds: Dataset, col: str) -> bool:
    """Five settings symmetric about the middle one (-a, -1, 0, +1, +a of a central composite)."""
    v = np.unique(ds.values(col))
    return len(v) == 5 and bool(np.allclose(v + v[::-1], 2 * v[2], rtol=1e-6, atol=1e-9))


def _axial_factors(ds: Dataset) -> list[str]:
    """The five-level columns that together lay out a circumscribed central composite (cube,
    axial and centre runs); [] unless they do (a 1..5 rating is no factor)."""
    cols = [c for c in ds.numeric if not _bookkeeping(ds, c) and _five_level(ds, c)]
    if len(cols) < 2:
        return []
    v = ds.frame[cols].dropna().to_numpy(dtype=float)
    lo, hi = v.min(axis=0), v.max(axis=0)
    coded = np.round((v - (lo + hi) / 2) / ((hi - lo) / 2), 6)
    return cols if circumscribed(coded) is not None else []


def _base_first(corner: np.ndarray, base_k: int, n_unique: int) -> list[int] | None:
    """Column indices with a full factorial among the first ``base_k`` (the fraction's base
    factors), the generated factors after them; the table's order is kept where it can be."""
    from itertools import combinations

    k = corner.shape[1]
    for sub in combinations(range(k), base_k):
        if len({tuple(r) for r in corner[:, list(sub)].astype(int)}) == n_unique:
            return [*sub, *[j for j in range(k) if j not in sub]]
    return None


def _worded(question: str, columns: list[str]) -> list[str]:
    """The one column whose distinctive header word the question uses, spelt loosely ("the pH
    at the end" for ``Final pH``, "viscoity" for ``Viscosity (mPa.s)``); [] unless exactly one."""
    from difflib import SequenceMatcher

    words = set(re.findall(r"[a-z0-9]+", question.lower()))

    def near(t: str) -> bool:
        return t in words or (
            len(t) >= 5
            and any(len(w) >= 4 and SequenceMatcher(None, t, w).ratio() >= 0.85 for w in words)
        )

    hits = []
    for c in columns:
        bare = re.sub(r"[\(\[].*?[\)\]]", " ", str(c)).lower()
        own = [t for t in re.findall(r"[a-z]+", bare) if len(t) >= 2]
        if any(near(t) for t in own if t not in _SHARED_WORDS):
            hits.append(c)
    return hits if len(hits) == 1 else []


# header words that name no particular response ("Final pH", "Mean yield")
_SHARED_WORDS = frozenset(
    "final initial mean avg average total end start response result y".split()
)


def run_sheet(ds: Dataset | None) -> bool:
    """The table is a two-level experiment's run sheet: two or more two-level factor columns
    (coded or natural units, optionally with centre runs) whose settings form a balanced
    2^k or regular 2^(k-p) layout, and a measured response."""
    if ds is None or len(ds.frame) < 4:
        return False
    try:
        table, factors, responses, _ = _coded_frame(ds)
    except (TypeError, ValueError):
        return False
    if len(factors) < 2 or not responses:
        return False
    v = table[factors].dropna().to_numpy(dtype=float)
    if len(v) < 4:  # (a factor column that never codes, e.g. True/False, leaves no whole run)
        return False
    lo, hi = v.min(axis=0), v.max(axis=0)
    if np.any(hi <= lo):
        return False
    coded = np.round((v - (lo + hi) / 2) / ((hi - lo) / 2), 6)
    corner = coded[~np.all(coded == 0, axis=1)]
    if len(corner) < 4 or np.any((corner != 1) & (corner != -1)):
        return len(corner) >= 4 and (
            rsm_layout(coded) is not None or circumscribed(coded) is not None
        )
    counts = pd.Series([tuple(r) for r in corner.astype(int)]).value_counts()
    n = len(counts)
    return counts.nunique() == 1 and n >= 4 and (n & (n - 1) == 0 or _screening_array(corner, n))


def circumscribed(coded: np.ndarray) -> np.ndarray | None:
    """Each factor's cube half-width in the coded scale when the settings form a circumscribed
    (or rotatable) central composite: coded from the axial extremes (+-1), the cube runs sit at
    +-c (c < 1) on every factor, the 2k axial runs at +-1 on one factor, with centre runs (c
    may differ a little between factors: settings are rounded on a run sheet). None otherwise."""
    k = coded.shape[1] if coded.ndim == 2 else 0
    if k < 2:
        return None
    nonzero = (coded != 0).sum(axis=1)
    cube, axial = coded[nonzero == k], coded[nonzero == 1]
    if not (nonzero == 0).any() or len(cube) + len(axial) + int((nonzero == 0).sum()) != len(coded):
        return None
    if len(axial) != 2 * k or not np.allclose(np.abs(axial).sum(axis=1), 1, atol=1e-4):
        return None
    c = []
    for j in range(k):
        mags = np.unique(np.round(np.abs(cube[:, j]), 4))
        if len(mags) != 1 or not 0.3 < mags[0] < 0.95:
            return None
        c.append(float(mags[0]))
    if max(c) > 1.05 * min(c):
        return None
    n = len(np.unique(np.sign(cube), axis=0))
    if n & (n - 1) or n < 4:
        return None
    return np.array(c)


def rsm_layout(coded: np.ndarray) -> str | None:
    """The three-level response-surface design the coded settings form: "box_behnken" (every
    run off the centre has exactly two factors at +-1, the others at 0) or "faced" (a central
    composite with its axial runs on the faces: corners with every factor at +-1 and axial runs
    with one); None for anything else. At least one centre run."""
    k = coded.shape[1] if coded.ndim == 2 else 0
    if k < 2 or np.any((coded != 1) & (coded != -1) & (coded != 0)):
        return None
    nonzero = (coded != 0).sum(axis=1)
    if not (nonzero == 0).any():
        return None
    off = nonzero[nonzero > 0]
    if k >= 3 and (off == 2).all():
        return "box_behnken"
    corners = int((off == k).sum())
    if set(off.tolist()) == {1, k} and (off == 1).sum() == 2 * k and corners & (corners - 1) == 0:
        return "faced"  # 2k axial runs and a 2^k (or 2^(k-p)) cube
    return None


# the question restricts the analysis to the factors it names: "only hold pressure and hold
# time", "everything except A and B was locked", "just A and B, ignore the rest"
_ONLY = re.compile(
    r"\b(?:only|just|except(?:\s+for)?|apart\s+from|other\s+than|restricted\s+to|limited\s+to)"
    r"(?:\s+(?:for|on|the|at|look\w*|analy[sz]\w*|consider\w*|use|using|with|keep\w*|vary\w*|"
    r"chang\w*|about))*\s+(?P<named>[^.?!;:]{3,80})"
)
_ONLY_AFTER = re.compile(
    r"\b(?:for|on|of|in|to|at)\s+(?P<named>[^.?!;:,]{3,60}?)\s+(?:only|alone)\b"
)
_IGNORE_REST = re.compile(
    r"\bignor\w*\s+(?:the\s+)?(?:rest|others|other\s+\w+)\b|\b(?:the\s+)?(?:rest|others|other\s+"
    r"(?:factors|settings))\s+(?:were|are|was|is|stay\w*|held|kept)\s+(?:\w+\s+)?(?:fixed|locked|"
    r"constant|held)\b"
)


def _named_factors(question: str, ds: Dataset, factor_cols: list[str]) -> list[str]:
    """The factor columns the question restricts the analysis to: two or more (but not all)
    named after "only", "just", "except", ... or with "ignore the rest"; the run sheet is then
    analysed in those factors. [] otherwise: factors named in a question about the experiment
    ("is the A x B interaction real", "does temperature matter") are read with all factors."""
    q = normalise(question)
    spans = [m.group("named") for rx in (_ONLY, _ONLY_AFTER) for m in rx.finditer(q)]
    if _IGNORE_REST.search(q):
        spans.append(q)
    for text in spans:
        named = [c for c in mentioned(text, list(ds.frame.columns)) if c in factor_cols]
        if 2 <= len(named) < len(factor_cols):
            return [c for c in factor_cols if c in named]
    return []


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    if ds is not None:
        try:
            factor_cols = _coded_frame(ds)[1]
        except (TypeError, ValueError):
            factor_cols = []
        only = _named_factors(question, ds, factor_cols)
        if only:
            sub = _plan(question, ph, ds, only)
            if not sub.missing:
                sub.notes.append(
                    f"the question names {', '.join(only)}: the run sheet is analysed in those "
                    f"factors only (the other factor columns, {', '.join(c for c in factor_cols if c not in only)}, "
                    "are left out of the model)"
                )
                aliased = _aliased_with_left_out(ds, factor_cols, only)
                if aliased:
                    sub.slots["left_out_aliases"] = aliased
                return sub
    return _plan(question, ph, ds)


def _aliased_with_left_out(ds: Dataset, factor_cols: list[str], only: list[str]) -> list[str]:
    """Interactions of the named factors that the run sheet confounds with a factor left out of
    the model ("MeltTemp*CoolTime = HoldPress" in a fraction): their effects may be that
    factor's."""
    from itertools import combinations

    table = _coded_frame(ds)[0][factor_cols].dropna().to_numpy(dtype=float)
    lo, hi = table.min(axis=0), table.max(axis=0)
    coded = np.round((table - (lo + hi) / 2) / ((hi - lo) / 2), 6)
    coded = coded[~np.all(coded == 0, axis=1)]
    idx = {c: j for j, c in enumerate(factor_cols)}
    out = []
    for size in range(2, len(only) + 1):
        for sub in combinations(only, size):
            prod = np.prod(coded[:, [idx[c] for c in sub]], axis=1)
            for c in factor_cols:
                if c not in only and abs(np.mean(prod * coded[:, idx[c]])) > 0.999:
                    out.append(f"{'*'.join(sub)} = {c}")
    return out


def _plan(question: str, ph: Phrasing, ds: Dataset | None, only: list[str] | None = None) -> Plan:
    q = normalise(question)
    plan = Plan("doe_analysis", "analyze")
    alpha = read_alpha(ph, plan.notes)
    if ds is None:
        return need_data(plan, "one column per factor (its low/high settings) and the response")
    table, factor_cols, candidates, labels = _coded_frame(ds)
    if only:
        factor_cols = [c for c in factor_cols if c in only]
    ment = [c for c in mentioned(q, list(ds.frame.columns)) if c in candidates]
    resp = ment[:1] or candidates
    if len(resp) > 1:  # several measured columns: the one whose own word the question uses
        resp = _worded(question, resp) or resp
    if len(resp) > 1:  # several measured columns: the one the question describes
        from havoc_srs.reader.columns import semantic_columns

        described = semantic_columns(question, ds, resp, 1, [])
        resp = [described[0].column] if described else resp
    if len(resp) != 1 or len(factor_cols) < 2:
        plan.missing.append(
            Missing(
                "the response column and at least two two-level factor columns",
                f"found factor columns {factor_cols or 'none'} and candidate responses "
                f"{resp or 'none'}; name the response in the question (e.g. 'analyse yield')",
            )
        )
        return plan
    y = resp[0]
    frame = table[[*factor_cols, y]].dropna()
    k = len(factor_cols)
    coded = {}
    levels = {}
    for c in factor_cols:
        v = frame[c].to_numpy(dtype=float)
        lo, hi = float(v.min()), float(v.max())
        levels[c] = (lo, hi)
        coded[c] = np.round((v - (lo + hi) / 2) / ((hi - lo) / 2), 6)
    cm = np.column_stack([coded[c] for c in factor_cols])
    cube = circumscribed(cm)
    if cube is not None:  # axial runs beyond the cube: coded so the cube is at +-1
        axial = round(float(np.mean(1 / cube)), 6)
        # cube settings at +-1, axial ones at +-alpha (the sheet's settings are rounded)
        cm = np.where(np.isclose(np.abs(cm), 1.0, atol=1e-4), np.sign(cm) * axial, np.sign(cm))
        for j, c in enumerate(factor_cols):
            lo, hi = levels[c]
            mid, half = (lo + hi) / 2, (hi - lo) / 2 * cube[j]
            levels[c] = (round(mid - half, 10), round(mid + half, 10))
        return _plan_surface(
            plan, ds, frame, factor_cols, y, cm, levels, "circumscribed", alpha, axial=axial
        )
    center_mask = np.all(cm == 0, axis=1)
    corner = cm[~center_mask]
    if np.any((corner != 1) & (corner != -1)) and rsm_layout(cm) is None:
        plan.missing.append(
            Missing(
                "a two-level design",
                "every factor column must hold two levels (plus optional centre runs at all midpoints)",
            )
        )
        return plan
    layout = rsm_layout(cm) if np.any((corner != 1) & (corner != -1)) else None
    if layout is not None:
        return _plan_surface(plan, ds, frame, factor_cols, y, cm, levels, layout, alpha)
    combos = {tuple(r) for r in corner.astype(int)}
    n_unique = len(combos)
    counts = pd.Series([tuple(r) for r in corner.astype(int)]).value_counts()
    if counts.nunique() != 1:
        plan.missing.append(
            Missing("a balanced design", "every factor combination must be run equally often")
        )
        return plan
    reps = int(counts.iloc[0])
    n_center = int(center_mask.sum())
    base_k = int(round(np.log2(n_unique)))
    if 2**base_k != n_unique and _screening_array(corner, n_unique):
        return _plan_screening(plan, ds, frame, factor_cols, y, cm, levels, labels, reps, alpha)
    if 2**base_k != n_unique:
        plan.missing.append(
            Missing("a regular two-level design", f"{n_unique} distinct runs is not a power of two")
        )
        return plan
    fids, taken = _factor_ids(factor_cols)
    letters = [chr(ord("A") + i + (1 if i >= 8 else 0)) for i in range(k)]  # skips I
    generators: list[str] = []
    if base_k < k:
        order_ = _base_first(corner, base_k, n_unique)
        if order_ is None:
            plan.missing.append(
                Missing(
                    "a full factorial in some of the factors",
                    f"no {base_k} of the {k} factor columns hold all {n_unique} combinations",
                )
            )
            return plan
        factor_cols = [factor_cols[j] for j in order_]
        cm, corner = cm[:, order_], corner[:, order_]
        if all(len(fids[c]) == 1 and fids[c].isalpha() for c in factor_cols):
            letters = [fids[c] for c in factor_cols]  # factors named a, b, c: their own letters
        from itertools import combinations

        for j in range(base_k, k):
            col = corner[:, j]
            found = None
            for size in range(2, base_k + 1):
                for sub in combinations(range(base_k), size):
                    prod = np.prod(corner[:, list(sub)], axis=1)
                    if np.array_equal(prod, col):
                        found = ("", sub)
                    elif np.array_equal(prod, -col):
                        found = ("-", sub)
                    if found:
                        break
                if found:
                    break
            if not found:
                plan.missing.append(
                    Missing(
                        "a regular fraction",
                        f"factor {factor_cols[j]} is not a product of the base factors",
                    )
                )
                return plan
            sign, sub = found
            generators.append(f"{letters[j]} = {sign}{''.join(letters[i] for i in sub)}")
        kind = "fractional"
        o = {"factors": [fids[c] for c in factor_cols], "generators": generators}
    else:
        kind = "full"
        o = {"factors": [fids[c] for c in factor_cols]}
    o.update(
        low=[levels[c][0] for c in factor_cols],
        high=[levels[c][1] for c in factor_cols],
        replicates=reps if reps > 1 else None,
        center=n_center or None,
        randomize=False,
    )
    from havoc_tools.dsl import run as dsl_run

    probe = program(A.DesignStmt(name="runs", kind=kind, options=opts(**o)))
    res = dsl_run(probe)
    if not res.ok:
        plan.missing.append(Missing("a design the tools can rebuild", res.error["message"]))
        return plan
    design = res.results[0].value
    dcoded = design.coded_matrix if hasattr(design, "coded_matrix") else None
    dcoded = np.asarray(dcoded, dtype=float)
    matched = _match_runs(plan, cm, dcoded)
    if matched is None:
        return plan
    order, _ = matched
    yv = frame[y].to_numpy(dtype=float)[order]
    yid = ident(y, taken)
    plan.data[yid] = yv
    plan.slots.update(
        response=y, factors=factor_cols, kind=kind, generators=generators, replicates=reps,
        center_points=n_center, runs=len(frame), alpha=alpha,
    )  # fmt: skip
    plan.notes.append(
        f"the response was put in the rebuilt design's standard order ({len(order)} runs)"
    )
    for c, (lo, hi) in labels.items():
        if c in factor_cols:
            plan.notes.append(f"{c}: {lo!r} is the low (-1) setting, {hi!r} the high (+1)")
    plan.analysis = f"analyze_{kind}"
    # the table's columns this analysis reads, by their identifiers (the design names them in
    # their own case)
    read = " ".join(ds.idents.get(c, c) for c in [*factor_cols, y])
    plan.program = program(
        comment(f"run sheet columns read: {read}"),
        A.DesignStmt(name="runs", kind=kind, options=opts(**o)),
        let("primary", A.AnalyzeStmt(design="runs", options=opts(response=name(yid), alpha=alpha))),
    )
    plan.context.update(coded=dcoded, y=yv, factors=[fids[c] for c in factor_cols])
    return plan


def _screening_array(corner: np.ndarray, n_unique: int) -> bool:
    """The distinct corner runs form a Plackett-Burman style screening array: a multiple of four
    runs, every column balanced and every two columns orthogonal."""
    if n_unique % 4 or n_unique < 8 or corner.shape[1] > n_unique - 1:
        return False
    rows = np.unique(corner, axis=0)
    if len(rows) != n_unique:
        return False
    gram = rows.T @ rows
    return bool(
        np.allclose(rows.sum(axis=0), 0) and np.allclose(gram, n_unique * np.eye(len(gram)))
    )


def _plan_screening(
    plan: Plan, ds: Dataset, frame: pd.DataFrame, factor_cols: list[str], y: str,
    cm: np.ndarray, levels: dict[str, tuple[float, float]], labels: dict[str, Any], reps: int,
    alpha: float,
) -> Plan:  # fmt: skip
    """A Plackett-Burman screening run sheet: the published design rebuilt with the table's
    factors (main effects only), the response matched to it run by run."""
    from havoc_tools.dsl import run as dsl_run

    fids, taken = _factor_ids(factor_cols)
    n_unique = len(np.unique(cm[~np.all(cm == 0, axis=1)], axis=0))
    o: dict[str, Any] = {
        "factors": [fids[c] for c in factor_cols],
        "low": [levels[c][0] for c in factor_cols],
        "high": [levels[c][1] for c in factor_cols],
        "runs": n_unique,
        "replicates": reps if reps > 1 else None,
        "randomize": False,
    }
    stmt = A.DesignStmt(name="runs", kind="plackett_burman", options=opts(**o))
    res = dsl_run(program(stmt))
    if not res.ok:
        plan.missing.append(Missing("a design the tools can rebuild", res.error["message"]))
        return plan
    dcoded = np.asarray(res.results[0].value.coded_matrix, dtype=float)
    matched = _match_runs(plan, cm, dcoded)
    if matched is None:
        return plan
    order, pool = matched
    if any(pool.values()):
        plan.missing.append(Missing("runs matching the design", "data rows left over"))
        return plan
    yv = frame[y].to_numpy(dtype=float)[order]
    yid = ident(y, taken)
    plan.data[yid] = yv
    plan.slots.update(
        response=y, factors=factor_cols, kind="plackett_burman", generators=[],
        replicates=reps, center_points=0, runs=len(frame), alpha=alpha,
    )  # fmt: skip
    plan.notes.append(
        f"a {n_unique}-run Plackett-Burman screening sheet: main effects only (each is partly "
        "aliased with two-factor interactions), the response in the rebuilt design's order"
    )
    for c, (lo, hi) in labels.items():
        if c in factor_cols:
            plan.notes.append(f"{c}: {lo!r} is the low (-1) setting, {hi!r} the high (+1)")
    plan.analysis = "analyze_plackett_burman"
    read = " ".join(ds.idents.get(c, c) for c in [*factor_cols, y])
    plan.program = program(
        comment(f"run sheet columns read: {read}"),
        stmt,
        let("primary", A.AnalyzeStmt(design="runs", options=opts(response=name(yid), alpha=alpha))),
    )
    plan.context.update(coded=dcoded, y=yv, factors=[fids[c] for c in factor_cols])
    return plan


def _match_runs(
    plan: Plan, cm: np.ndarray, dcoded: np.ndarray
) -> tuple[list[int], dict[tuple, list[int]]] | None:
    """Each run of the rebuilt design matched to a data row with the same coded settings
    (replicates in turn): the rows in design order and the rows left over; ``None`` (with what
    is missing noted on ``plan``) when a design run has no row."""
    pool: dict[tuple, list[int]] = {}
    for i, r in enumerate(cm):
        pool.setdefault(tuple(np.round(r, 6)), []).append(i)
    order = []
    for r in dcoded:
        key = tuple(np.round(r, 6))
        if not pool.get(key):
            plan.missing.append(
                Missing("runs matching the design", f"no data row for coded settings {key}")
            )
            return None
        order.append(pool[key].pop(0))
    return order, pool


def _plan_surface(
    plan: Plan, ds: Dataset, frame: pd.DataFrame, factor_cols: list[str], y: str,
    cm: np.ndarray, levels: dict[str, tuple[float, float]], layout: str, alpha: float,
    axial: float | None = None,
) -> Plan:  # fmt: skip
    """A Box-Behnken or face-centred composite run sheet: the design rebuilt in standard order,
    the response matched to it run by run, and the full second-order model fitted."""
    from havoc_tools.dsl import run as dsl_run

    fids, taken = _factor_ids(factor_cols)
    n_center = int(np.all(cm == 0, axis=1).sum())
    kind = "box_behnken" if layout == "box_behnken" else "ccd"
    o: dict[str, Any] = {"factors": [fids[c] for c in factor_cols]}
    o.update(
        low=[levels[c][0] for c in factor_cols],
        high=[levels[c][1] for c in factor_cols],
        center=n_center,
        randomize=False,
    )
    if kind == "ccd" and axial is not None:
        o["type"], o["alpha"] = "circumscribed", axial
    elif kind == "ccd":
        o["type"] = "faced"
    res = dsl_run(program(A.DesignStmt(name="runs", kind=kind, options=opts(**o))))
    if not res.ok:
        plan.missing.append(Missing("a design the tools can rebuild", res.error["message"]))
        return plan
    dcoded = np.asarray(res.results[0].value.coded_matrix, dtype=float)
    matched = _match_runs(plan, cm, dcoded)
    if matched is None:
        return plan
    order, pool = matched
    if any(pool.values()):
        extra = sum(map(len, pool.values()))
        plan.missing.append(Missing("runs matching the design", f"{extra} data rows left over"))
        return plan
    yv = frame[y].to_numpy(dtype=float)[order]
    yid = ident(y, taken)
    plan.data[yid] = yv
    what = (
        "Box-Behnken"
        if kind == "box_behnken"
        else f"central composite (axial runs at ±{fmt(axial)})"
        if axial is not None
        else "face-centred central composite"
    )
    plan.slots.update(
        response=y, factors=factor_cols, kind="quadratic", design=what, center_points=n_center,
        runs=len(frame), alpha=alpha,
    )  # fmt: skip
    plan.notes.append(
        f"a {what} run sheet: the full second-order model (linear, two-factor and squared "
        f"terms) fitted to {len(order)} runs in the rebuilt design's standard order"
    )
    plan.analysis = "analyze_quadratic"
    read = " ".join(ds.idents.get(c, c) for c in [*factor_cols, y])
    fit = A.AnalyzeStmt(design="runs", options=opts(response=name(yid), model="quadratic"))
    plan.program = program(
        comment(f"run sheet columns read: {read}"),
        A.DesignStmt(name="runs", kind=kind, options=opts(**o)),
        let("primary", fit),
    )
    plan.context.update(coded=dcoded, y=yv, factors=[fids[c] for c in factor_cols])
    return plan


# ---------------------------------------------------------------------------------------------
# ARGUE and ARBITER


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    r = ex.results["primary"]
    df_resid = r.get("df_resid", 0) or 0
    arg.checks.append(
        check("error estimate", "replicates or centre points", df_resid > 0,
              f"{df_resid} residual degrees of freedom for the effects' t tests" if df_resid > 0
              else "unreplicated: effects judged with Lenth's pseudo standard error",
              df_resid=df_resid)
    )  # fmt: skip
    for alias in plan.slots.get("left_out_aliases") or []:
        arg.caveats.append(
            f"{alias}: in this run sheet the interaction of the named factors is confounded with "
            "a factor left out of the model; its effect may be that factor's"
        )
    design = ex.results.get("runs") or {}
    alias = design.get("alias") or {}
    res = alias.get("resolution")
    if plan.slots.get("kind") == "fractional":
        aliases = alias.get("aliases") or {}
        confounded = {k: v for k, v in aliases.items() if v and len(k) == 1}
        arg.checks.append(
            check("confounding", f"resolution {res}", (res or 0) >= 5,
                   f"defining relation {alias.get('defining_relation')}; main effects aliased: "
                   + ("; ".join(f"{k} = {' = '.join(v)}" for k, v in confounded.items()) or "none"),
                   resolution=res)
        )  # fmt: skip
        if res is not None and res <= 4:
            arg.caveats.append(
                f"resolution {res} fraction: an active effect may be its alias; run the fold-over "
                "or more runs to separate them"
            )
    if r.get("df_resid", 0) > 0 and r.get("residuals"):
        res_ = run(arg, plan, [let("sw_res", A.Command(verb="shapiro", x=name("res")))],
                    {"res": np.asarray(r["residuals"], dtype=float)}).results.get("sw_res")  # fmt: skip
        if res_:
            arg.checks.append(
                check("normal residuals", "Shapiro-Wilk", p_holds(res_, NORMALITY_ALPHA),
                       NO_P if p_holds(res_, NORMALITY_ALPHA) is None else "",
                       p_value=res_["p_value"])
            )  # fmt: skip


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    """The effects are reported as estimated; there is no alternative to switch to."""
    return []


# ---------------------------------------------------------------------------------------------
# AUDIT


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    """Each main effect as mean(+) - mean(-) of the corner runs, from the coded columns; for a
    second-order model, R^2 and the fitted values by numpy's least squares on the coded terms."""
    coded, yv = np.asarray(plan.context["coded"], float), np.asarray(plan.context["y"], float)
    if plan.slots.get("kind") == "quadratic":
        k = coded.shape[1]
        cols = [np.ones(len(yv))] + [coded[:, j] for j in range(k)]
        cols += [coded[:, i] * coded[:, j] for i in range(k) for j in range(i + 1, k)]
        cols += [coded[:, j] ** 2 for j in range(k)]
        beta = np.linalg.lstsq(np.column_stack(cols), yv, rcond=None)[0]
        fitted = np.column_stack(cols) @ beta
        r2 = 1 - ((yv - fitted) ** 2).sum() / ((yv - yv.mean()) ** 2).sum()
        au.value("R^2 of the second-order model (numpy lstsq)", r["r_squared"], r2, rel=1e-6)
        au.truth(
            "fitted values (numpy lstsq)",
            bool(np.allclose(r["fitted"], fitted, rtol=1e-6, atol=1e-9 * max(1, abs(yv).max()))),
        )
        return
    corner = ~np.all(coded == 0, axis=1)
    for j, f in enumerate(plan.context["factors"]):
        letter = chr(ord("A") + j + (1 if j >= 8 else 0))
        key = f if f in r["effects"] else letter
        if key not in r["effects"]:
            continue
        col = coded[corner, j]
        eff = yv[corner][col > 0].mean() - yv[corner][col < 0].mean()
        au.value(f"effect {key} = mean(+) - mean(-)", r["effects"][key], eff)


# ---------------------------------------------------------------------------------------------
# ANSWER


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    k: dict[str, Any] = {}
    if plan.slots.get("kind") == "quadratic":
        alpha = plan.slots.get("alpha", 0.05)
        p = {t: v for t, v in (r.get("p") or {}).items() if v is not None}
        k.update(
            design=plan.slots.get("design"), coefficients=r["coefficients"], p_values=p,
            active=[t for t, v in p.items() if v < alpha and t.lower() not in ("intercept", "const")],
            n=r["n"], r_squared=r.get("r_squared"), adj_r_squared=r.get("adj_r_squared"),
            stationary_point=r.get("stationary_point_actual"), nature=r.get("nature"),
            predicted_at_stationary=r.get("predicted_at_stationary"),
        )  # fmt: skip
        return k
    k["effects"] = r["effects"]
    k["coefficients"] = r["coefficients"]
    k["active"] = r["active"]
    k["p_values"] = {t: p for t, p in (r.get("p") or {}).items() if p is not None}
    k["n"] = r["n"]
    k["r_squared"] = r.get("r_squared")
    for term, v in r["effects"].items():
        k[f"effect_{term}"] = v
    if r.get("lenth"):
        k["lenth_pse"] = r["lenth"].get("pse")
        k["lenth_me"] = r["lenth"].get("me")
    return k


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    act = k.get("active") or []
    if plan.slots.get("kind") == "quadratic":
        sp = k.get("stationary_point")
        where = (
            f" The stationary point ({k.get('nature')}) is at "
            + ", ".join(f"{f} = {fmt(v)}" for f, v in zip(plan.slots["factors"], sp, strict=False))
            + f", predicted {fmt(k.get('predicted_at_stationary'))}."
            if sp
            else ""
        )
        return (
            f"Second-order model of {plan.slots['response']} (R² = {fmt(k.get('r_squared'))}): "
            + (f"significant terms {', '.join(act)}." if act else "no term is significant.")
            + where
        )
    largest = max(k["effects"], key=lambda e: abs(k["effects"][e]))
    return (
        f"Active effects: {', '.join(act)}." if act else "No effect stands out from the noise."
    ) + f" Largest: {largest} = {fmt(max(k['effects'].values(), key=abs))}."


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    return "Confirm the active effects with confirmation runs at the best settings."
