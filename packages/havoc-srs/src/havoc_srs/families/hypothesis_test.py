"""Hypothesis tests: one-sample, two-sample and paired t-tests, their rank-based counterparts,
one-way ANOVA (classic and Welch), Kruskal-Wallis, and tests of one or two proportions.

PLAN reads the samples (wide columns or a value column by a group column) and the test asked
for; ARGUE checks normality, outliers, sample size and equal variances and runs the alternative
tests; ARBITER switches only when a failed check undermines a test the user did not name; AUDIT
re-derives t, F, U, H and z from their formulas.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from havoc_tools.dsl import ast as A

from havoc_srs.answer import number_text as fmt
from havoc_srs.audit import close
from havoc_srs.data import Dataset, ident
from havoc_srs.dslbuild import comment, let, name, opts, program
from havoc_srs.execute import Execution
from havoc_srs.families import _hypothesis_words as W
from havoc_srs.families import _summary_t
from havoc_srs.families._checks import (
    NO_P,
    VARIANCE_ALPHA,
    check,
    normality,
    outliers,
    p_holds,
    run,
    small_sample,
)
from havoc_srs.families._typos import REAL_WORDS, TEST_WORDS, fix_typos, rule_gain
from havoc_srs.phrasing import Phrasing, normalise
from havoc_srs.plan import ID_LIKE, Missing, Plan, mentioned, need_data, read_alpha
from havoc_srs.reader.foreign import to_english
from havoc_srs.reader.scales import dimension_column
from havoc_srs.reader.scales import scale_column as _scale_column
from havoc_srs.reader.summaries import summaries

if TYPE_CHECKING:
    from havoc_srs.argue import Argument
    from havoc_srs.audit import Audit

name_ = "hypothesis_test"
PROTOCOL = "arbiter"
ground_hint = "t-test"
VERBS = ("ttest", "mannwhitney", "wilcoxon", "anova", "kruskal", "proportion")
GROUP_ANALYSES = ("anova", "kruskal", "welch_anova")

# ---------------------------------------------------------------------------------------------
# PLAN

_GROUPISH = re.compile(
    r"(group|line|machine|supplier|vendor|operator|shift|batch|lot|method|treatment|site|"
    r"plant|material|process|condition|type|cavity|tool|brand|catalyst|additive|setting)"
)


_MU = re.compile(
    r"\b(?:equal to|equals?|different from|differs? from|differ(?:ent)? than|compared (?:to|with)|"
    r"exceeds?|above|below|more than|less than|greater than|lower than|higher than|"
    r"target(?: value)?(?: of)?|nominal(?: value)?(?: of)?|spec(?:ification)?(?: of)?|claim(?:ed)?(?: of)?)"
    r"\s*(?:the\s+|a\s+|its\s+)?(?:target\s+|nominal\s+|claimed\s+)?(?:of\s+)?(-?\d+(?:\.\d+)?)"
    r"(?!\s*%\s*(?:level|significance|confidence))"
)


def _mu_from_text(q: str) -> float | None:
    """The value a one-sample test is against, from the words around it ("equal to the 500 g
    target", "above 58"); None when the question gives none."""
    m = _MU.search(q)
    return float(m.group(1)) if m else None


def _is_identifier(c: str, ds: Dataset) -> bool:
    """A row identifier (serial, tag, PO number): never a sample or a grouping."""
    from havoc_srs.reader.columns import _is_id

    col = ds.frame[c].dropna()
    if ID_LIKE.match(c.lower()) or _is_id(c, ds):
        return True
    if c in ds.numeric and len(col) > 4:  # a row counter (1, 2, ..., n) numbers, never measures
        v = col.to_numpy(dtype=float)
        if np.array_equal(v, np.arange(v[0], v[0] + len(v))):
            return True
    return c in ds.labels and len(col) > 4 and col.nunique() >= 0.9 * len(col)


def _exactly_named(q: str, c: str) -> bool:
    parts = [re.escape(p) for p in re.split(r"[\s_\-]+", re.sub(r"\([^)]*\)", " ", c).lower()) if p]
    return bool(parts) and bool(
        re.search(r"(?<![a-z0-9])" + r"[\s_\-]*".join(parts) + r"s?(?![a-z0-9])", q)
    )


def _group_column(
    q: str, question: str, ds: Dataset, labels: list[str], ment: list[str], plan: Plan
) -> tuple[str, list[str] | None] | None:
    """The grouping column of a long table and the groups the question names (None = all):
    the column whose values are named ("CNC-1 vs CNC-3", "OP14 and OP11"), else the one whose
    header is named, else the one with as many groups as the question counts ("the two
    machines")."""
    named = W.named_levels(q, question, ds, labels)
    multi = {c: v for c, v in named.items() if len(v) >= 2}
    if len(multi) > 1:
        multi = {c: v for c, v in multi.items() if c in ment} or multi
    if len(multi) == 1:
        g, values = next(iter(multi.items()))
        return g, (values if len(values) < ds.n_levels(g) else None)
    cands = [c for c in ment if c in labels] or list(labels)
    if len(cands) > 1:
        exact = [c for c in cands if _exactly_named(q, c)]
        cands = exact or cands
    if len(cands) > 1:
        k = W.group_count(q)
        counted = [c for c in cands if k is not None and ds.n_levels(c) == k]
        cands = counted or cands
    if len(cands) > 1:
        plan.missing.append(
            Missing(
                "which column holds the groups",
                f"name one of {', '.join(cands)} in the question (e.g. 'by {cands[0]}')",
            )
        )
        return None
    return (cands[0], None) if cands else None


# the samples said to come from different units: no pairs, whatever the headers look like
_NOT_THE_SAME_UNITS = re.compile(
    r"\b(?:different|separate|distinct|unrelated|other|independent)\s+(?:sets? of\s+)?(?:parts|units|"
    r"samples|items|specimens|batches|lots|pieces|people|subjects|coupons|panels|bars|runs|boards|"
    r"cells|bottles|devices|products)\b|\bnot (?:the )?same (?:parts|units|items|specimens|pieces|"
    r"people|subjects|samples)\b"
)


def _samples(q: str, ds: Dataset, plan: Plan, question: str = "") -> dict[str, np.ndarray] | None:
    """The samples to compare, by label: wide columns or the groups of a long table."""
    cols = list(ds.frame.columns)
    ment = mentioned(q, cols)
    numeric = [c for c in ds.numeric if not _is_identifier(c, ds)]
    labels = [c for c in ds.labels if not _is_identifier(c, ds)]
    # integer-coded group columns in long tables (machine = 1, 2, 3)
    for c in ds.numeric:
        if (
            c not in labels
            and _GROUPISH.search(c.lower())
            and ds.n_levels(c) <= 10
            and ds.n_levels(c) < 0.5 * ds.frame[c].notna().sum()
            and np.allclose(ds.values(c), np.round(ds.values(c)))
        ):
            labels.append(c)
            numeric = [n for n in numeric if n != c]
    for c in _settings_named(q, ds, [c for c in numeric if c not in labels]):
        labels.append(c)  # "20 min soak vs 60 min soak": two settings of SoakTime_min
        numeric = [n for n in numeric if n != c]
    for c in _numbered_units(q, ds, [c for c in ds.numeric if c not in labels]):
        labels.append(c)  # "with the car body as the factor": Body No = 50101, 50102, ...
        numeric = [n for n in numeric if n != c]
    named_nums = [c for c in ment if c in numeric]
    before_after = W.paired_columns(q, ds)
    structural = bool(
        before_after
        and set(named_nums) <= set(before_after)
        and not re.search(r"\b(independent|unpaired|two[- ]sample|welch|pooled)\b", q)
        and not _NOT_THE_SAME_UNITS.search(q)
        and not re.search(_NAMED_TESTS[0][0], q)  # Mann-Whitney: independent samples
        and (
            bool(re.search(r"\b(before|after|pre|post)\b", " ".join(before_after).lower()))
            # "Void % (profile A)" and "(profile B)" on rows that are units: one word apart
            or sum(x != y for x, y in zip(*map(W.split_words, before_after), strict=False)) == 1
            # "Cd baseline" and "Cd w/ fairing": the bare state and the treated one
            or bool(W.baseline_pairs({c: W.split_words(c) for c in before_after}))
        )
        and W.mu_in_words(q) is None
    )  # each row one unit measured before and after: the pairs are the rows
    if W.says_paired(q) or plan.slots.get("paired_hint") or structural:
        pair = named_nums[:2] if len(named_nums) == 2 else before_after
        if (
            not pair
            and len(named_nums) < 2
            and not any(c in ment for c in labels)
            and not any(len(v) >= 2 for v in W.named_levels(q, question or q, ds, labels).values())
        ):
            # "paired test: did the fairing lower the drag?" on ``Cd baseline``/``Cd w/ fairing``
            pair = W.alike_pair(q, ds, exclude=tuple(labels))
            if pair and named_nums and named_nums[0] not in pair:
                pair = None  # another quantity named: not this pair
        if pair:
            plan.slots["paired"] = True
            plan.context["layout"] = f"paired: {pair[0]!r} and {pair[1]!r}"
            return {c: ds.values(c) for c in pair}
    grouped = bool(
        # "turbidity vs 0.10 NTU": a column held against a value, no groups
        re.search(r"\b(?:between|among)\b|\b(?:versus|vs)\b\.?(?!\s*[-+]?\.?\d)", q)
        # "across every reel", "across all batches": pooled over them, no groups compared
        or re.search(r"\bacross\b(?!\s+(?:every|all|each|the whole|the entire|any)\b)", q)
        or any(len(v) >= 2 for v in W.named_levels(q, question or q, ds, labels).values())
    )
    has_mu = W.mu_in_words(q) is not None or _mu_from_text(q) is not None
    one_sample = re.search(r"\bone[- ]sample\b", q) or (has_mu and not grouped)
    if one_sample:
        from havoc_srs.families._sqc import stage_contradicted

        staged = stage_contradicted(q, named_nums, numeric) if len(named_nums) > 1 else None
        if staged:  # "the filtered-water turbidity" is not the raw water's column
            named_nums = [c for c in staged if c in numeric] or named_nums
        chosen = named_nums[:1] or (numeric if len(numeric) == 1 else [])
        by_unit = _unit_column(question or q, numeric)
        if by_unit and by_unit not in chosen:  # "the 500 g label": the column kept in g
            chosen = [by_unit]
        if not chosen:  # a header word misspelled or shortened ("tesnile", "temp")
            from havoc_srs.families.regression import _mentions

            loose = list(dict.fromkeys(c for _, _, c in _mentions(question or q, numeric)))
            chosen = loose[:1] if len(loose) == 1 else []
        if not chosen:  # "the colour difference" of a ΔE00 column: the quantity's own symbol
            by_scale = _scale_column(question or q, numeric)
            chosen = [by_scale] if by_scale else []
        if chosen:  # "is mean hardness_HRC equal to 58?"
            y = chosen[0]
            named = W.named_levels(q, question or q, ds, labels)
            single = [(c, v[0]) for c, v in named.items() if len(v) == 1]
            if len(single) == 1:  # "is the mean diameter from CNC-2 equal to 12?": those rows
                g, level = single[0]
                rows = ds.frame.loc[ds.frame[g] == level, y].dropna()
                plan.context["layout"] = f"one sample: {y!r} where {g!r} = {level!r}"
                plan.context["long_columns"] = (
                    ds.idents.get(y, ident(y)),
                    ds.idents.get(g, ident(g)),
                )
                plan.slots["response"], plan.slots["group"] = y, g
                return {y: rows.to_numpy(dtype=float)}
            plan.context["layout"] = f"one sample: {y!r}"
            return {y: ds.values(y)}
        if numeric:
            plan.missing.append(
                Missing(
                    "which column to test",
                    f"name one of {', '.join(numeric)} in the question",
                )
            )
            return None
    if labels and numeric:
        found = _group_column(q, question or q, ds, labels, ment, plan)
        if found is None:
            if not plan.missing:
                plan.missing.append(Missing("a grouping column", f"{ds.name} has none"))
            return None
        g, keep = found
        resp = _response_column(question or q, ds, named_nums or numeric, g)
        if len(resp) > 1:
            plan.missing.append(
                Missing(
                    "which column is the response",
                    f"name one of {', '.join(resp)} in the question",
                )
            )
            return None
        y = resp[0]
        frame = ds.frame[[y, g]].dropna()
        out = {}
        for level in keep or pd.unique(frame[g]):
            out[str(level)] = frame.loc[frame[g] == level, y].to_numpy(dtype=float)
        plan.context["layout"] = f"long: response {y!r} by group column {g!r}" + (
            f" (groups {', '.join(map(str, keep))})" if keep else ""
        )
        plan.slots["response"], plan.slots["group"] = y, g
        plan.context["long_columns"] = (ds.idents.get(y, ident(y)), ds.idents.get(g, ident(g)))
        return out
    chosen = named_nums or numeric
    if len(named_nums) <= 1:  # "between the vendors": every column headed Vendor ...
        kin = _columns_named_together(q, numeric)
        chosen = kin if len(kin) >= 2 else chosen
    if not chosen:
        plan.missing.append(
            Missing("numeric data", f"{ds.name} has no numeric column to test; add one")
        )
        return None
    plan.context["layout"] = "wide: one column per sample" + (
        " (unequal lengths; blanks dropped)" if len({len(ds.values(c)) for c in chosen}) > 1 else ""
    )
    return {c: ds.values(c) for c in chosen}


def _columns_named_together(q: str, numeric: list[str]) -> list[str]:
    """The columns of a wide table that share a header word the question writes in the plural
    ("the vendors" for Vendor A and Vendor B, "all the lines" for Line 1 ... Line 4); []
    when there are none."""
    heads = {
        c: set(re.findall(r"[a-z]{3,}", re.sub(r"[\(\[].*?[\)\]]", " ", c.lower())))
        for c in numeric
    }
    out: list[str] = []
    for w in sorted(set().union(*heads.values()) if heads else set()):
        if re.search(rf"\b{w}(?:s|es)\b", q):
            kin = [c for c in numeric if w in heads[c]]
            if len(kin) >= 2 and len(kin) > len(out):
                out = kin
    return out


def _settings_named(q: str, ds: Dataset, cols: list[str]) -> list[str]:
    """Numeric columns of a few settings (a soak time of 20 or 60 min, a cure temperature of
    150 or 180 °C) two of whose values the question names as groups, each with a word or unit
    of the header ("20 min soak vs 60 min soak", "parts cured at 150 °c against 180 °c")."""
    from havoc_srs.reader.text import split_name

    out = []
    for c in cols:
        v = ds.frame[c].dropna()
        k = v.nunique()
        if not 2 <= k <= 10 or k > 0.5 * len(v):
            continue
        words = [w for w in split_name(re.sub(r"[()\[\]]", " ", str(c))) if w.isalpha()]
        words += ["°" + w for w in words if len(w) == 1]  # "°C" of "Temp (°C)"
        if not words:
            continue
        unit = "|".join(re.escape(w) + (r"\w*" if len(w) >= 3 else "") for w in words)
        said = [
            lv
            for lv in pd.unique(v)
            if re.search(
                rf"(?<![\d.]){re.escape(f'{lv:g}')}\s*(?:°\s*)?(?:[a-z]+\s+)?(?:{unit})(?![a-z])", q
            )
        ]
        if len(said) >= 2:
            out.append(c)
    return out


def _numbered_units(q: str, ds: Dataset, cols: list[str]) -> list[str]:
    """Integer columns that number the units measured (a body, a coil, a wafer number repeated
    on each of its readings) and that the question names as what the groups are ("the car body
    as the factor", "body-to-body", "between coils")."""
    out = []
    for c in cols:
        v = ds.frame[c].dropna()
        if len(v) < 6 or "#" in c or not np.allclose(v, np.round(v)):
            continue
        k = v.nunique()
        if not 2 <= k <= 0.5 * len(v):
            continue
        words = [w for w in re.findall(r"[a-z]{3,}", c.lower()) if w not in ("no", "num", "number")]
        if words and re.search(
            rf"\b{re.escape(words[0])}(?:s|es)?\b(?:[- ]to[- ]{re.escape(words[0])}\b|"
            rf"\s+(?:as (?:the )?(?:factor|group\w*)|by|number|no)\b)"
            rf"|\b(?:by|between|among|across|per|each|factor:?)\s+(?:the\s+)?(?:\w+\s+)?"
            rf"{re.escape(words[0])}(?:s|es)?\b",
            q,
        ):
            out.append(c)
    return out


_COUNTER_HEADER = re.compile(r"#|\b(?:no|nr|num|seq|idx|pos(?:ition)?)\.?\s*$", re.I)


def _response_column(
    question: str, ds: Dataset, numeric: list[str], group: str | None = None
) -> list[str]:
    """The measurement compared between groups when the question names no header exactly:
    a position counter ("Tablet #", "Sample no") is never it; then the one column the question
    describes or abbreviates ("weights", "IR" for IR_mOhm), else the one whose unit it writes.
    All the candidates when none of these decides."""
    from havoc_srs.families.regression import _mentions

    cols = [
        c for c in numeric
        if not (_COUNTER_HEADER.search(c.strip()) and np.allclose(ds.values(c), np.round(ds.values(c))))
    ] or numeric  # fmt: skip
    if len(cols) <= 1:
        return cols
    described = list(dict.fromkeys(c for _, _, c in _mentions(question, cols)))
    if len(described) > 1 and group:  # "kessler vs nordfit crimps": "crimp" names the groups
        gwords = set(re.findall(r"[a-z]{2,}", re.sub(r"\([^)]*\)", " ", group.lower())))
        own = [
            c for c in described
            if not set(re.findall(r"[a-z]{2,}", re.sub(r"[\(\[].*?[\)\]]", " ", c.lower()))) <= gwords
        ]  # fmt: skip
        described = own or described
    # "weaker crimps" of a table with Crimp height and Pull-off force: the comparative's
    # quality (strength) is measured by the force column, "crimps" only names the units
    by_quality = dimension_column(question, cols)
    if by_quality and (len(described) != 1 or dimension_column(question, described) is None):
        return [by_quality]
    if len(described) == 1:
        return described
    by_unit = _unit_column(question, cols)
    if by_unit:
        return [by_unit]
    if re.search(r"\b(?:faster|slower|quicker|sooner|speedier)\b", question.lower()):
        timed = [c for c in (described or cols) if _is_duration(c)]
        if len(timed) == 1:  # "is C setting faster than B": the one time column
            return timed
    by_scale = _scale_column(question, described or cols)
    return [by_scale] if by_scale else cols


def _unit_column(question: str, numeric: list[str]) -> str | None:
    """The one numeric column whose unit the question writes after a number ("500 g" for
    Net Weight (g)), or None."""
    from havoc_srs.families.regression import _loose_mentions

    out: list[tuple[int, int, str]] = []
    _loose_mentions(question, numeric, out, units_only=True)
    cols = {c for _, _, c in out}
    return cols.pop() if len(cols) == 1 else None


_RATE_WORDS = re.compile(
    r"\b(rates?|proportions?|fractions?|percent(age)?s?|share|yield|pass(es|ed)?|fail(s|ed|ures?)?|"
    r"defective|rejects?|rejected|scrap(ped)?)\b|%"
)
_EVENT = re.compile(
    r"^(fail(ed|ure)?|no|n|ng|nok|bad|reject(ed)?|defective|nonconforming|scrap|1|true|yes)$"
)
_AFFIRM = re.compile(r"^(yes|y|1|true)$")  # a yes/no column: "yes" has the header's property
_BAD_WORDS = re.compile(r"\b(fail\w*|defect\w*|reject\w*|scrap\w*|bad|nonconform\w*|ng)\b")


_SIZE_HEADER = re.compile(
    r"\b(sample[ _]?size|n|inspected|tested|checked|units|lot[ _]?size|size)\b"
)
_EVENT_HEADER = re.compile(
    r"\b(rejects?|rejected|defect(ive)?s?|fail(s|ures|ed)?|nonconform\w*|scrap(ped)?|bad|ng)\b"
)


def _summed_counts(q: str, ds: Dataset, plan: Plan) -> list[tuple[int, int]]:
    """A count column and its sample-size column (rejects out of sample_size per lot) with a
    rate held against a stated value: the totals, for a test of one proportion; [] otherwise."""
    if not _RATE_WORDS.search(q) or W.mu_in_words(q) is None:
        return []
    from havoc_srs.reader.text import split_name

    def words(c: str) -> str:
        return " ".join(split_name(c))

    whole = [
        c for c in ds.numeric
        if np.allclose(ds.values(c), np.round(ds.values(c))) and ds.values(c).min() >= 0
    ]  # fmt: skip
    sizes = [c for c in whole if _SIZE_HEADER.search(words(c))]
    events = [c for c in whole if _EVENT_HEADER.search(words(c)) and c not in sizes]
    if len(sizes) != 1 or len(events) != 1:
        return []
    frame = ds.frame[[events[0], sizes[0]]].dropna()
    x, n = int(frame[events[0]].sum()), int(frame[sizes[0]].sum())
    if n <= 0 or x > n:
        return []
    plan.context["layout"] = f"totals: {events[0]!r} out of {sizes[0]!r}"
    plan.context["long_columns"] = (
        ds.idents.get(events[0], ident(events[0])),
        ds.idents.get(sizes[0], ident(sizes[0])),
    )
    return [(x, n)]


def _table_rates(q: str, question: str, ds: Dataset, plan: Plan) -> list[tuple[int, int]]:
    """A pass/fail (yes/no, 0/1) column compared between the groups of another column: the
    counts of the event and the group sizes, for a test of two proportions; [] otherwise."""
    if not _RATE_WORDS.search(q) or re.search(r"\b(?<!by )(mean|average)s?\b", q):
        return []
    binary = [
        c for c in ds.frame.columns
        if ds.n_levels(c) == 2 and not _GROUPISH.search(c.lower())
        and (c in ds.labels or set(ds.frame[c].dropna().unique()) <= {0, 1})
        and all(
            re.match(r"^(pass(ed)?|fail(ed)?|yes|no|y|n|ok|ng|nok|good|bad|accept(ed)?|reject(ed)?|"
                     r"conforming|nonconforming|defective|0|1|true|false)$", str(v).strip().lower())
            for v in ds.frame[c].dropna().unique()
        )
    ]  # fmt: skip
    if len(binary) != 1:
        return []
    out = binary[0]
    labels = [c for c in ds.labels if c != out and not _is_identifier(c, ds)]
    overall = _overall_rate(q, question, ds, out, labels, plan)
    if overall:  # "the overall proportion of failed cells exceeds 5%": one rate against p0
        return overall
    if not labels:
        return []
    ment = mentioned(q, list(ds.frame.columns))
    found = _group_column(q, question, ds, labels, ment, plan)
    if found is None:
        return []
    g, keep = found
    frame = ds.frame[[out, g]].dropna()
    levels = list(keep or pd.unique(frame[g]))
    if len(levels) != 2:
        return []
    values = [str(v).strip().lower() for v in pd.unique(frame[out])]
    bad = [v for v in pd.unique(frame[out]) if _EVENT.match(str(v).strip().lower())]
    affirm = [v for v in pd.unique(frame[out]) if _AFFIRM.match(str(v).strip().lower())]
    if len(affirm) == 1 and _exactly_named(q.replace("-", " "), out):
        event = affirm[0]  # "the on-time rate" of an On time (Y/N) column: the rate of Y
    elif _BAD_WORDS.search(q) or not re.search(r"\b(pass\w*|yield|good|accept\w*)\b", q):
        event = bad[0] if len(bad) == 1 else None
    else:
        event = next((v for v in pd.unique(frame[out]) if v not in bad), None)
    if event is None or len(values) != 2:
        return []
    counts = []
    for lv in levels:
        rows = frame[frame[g] == lv]
        counts.append((int((rows[out] == event).sum()), int(len(rows))))
    plan.context["layout"] = f"counts of {out}={event!r} by {g!r}"
    plan.context["long_columns"] = (ds.idents.get(out, ident(out)), ds.idents.get(g, ident(g)))
    plan.slots["groups"] = [str(v) for v in levels]
    return counts


def _overall_rate(
    q: str, question: str, ds: Dataset, out: str, labels: list[str], plan: Plan
) -> list[tuple[int, int]]:
    """One pass/fail column's event count over all rows, when the question holds the rate
    against a stated percentage and names no groups to compare ("does the share of failed cells
    exceed 5%?"); [] otherwise."""
    worded = W.mu_in_words(q)
    if not (worded and worded[1]) and W.limit_rate(q) is None:
        return []
    if any(W.named_levels(q, question, ds, labels).values()) or re.search(
        r"\b(between|compared? (?:to|with)|by (?:line|shift|group|supplier))\b|"
        r"\b(?:versus|vs)\b\.?(?!\s*[-+]?\.?\d)",  # "vs 5%" is the value, not a group
        q,
    ):
        return []
    values = list(pd.unique(ds.frame[out].dropna()))
    bad = [v for v in values if _EVENT.match(str(v).strip().lower())]
    affirm = [v for v in values if _AFFIRM.match(str(v).strip().lower())]
    if _BAD_WORDS.search(q) or not re.search(r"\b(pass\w*|yield|good|accept\w*)\b", q):
        event = bad[0] if len(bad) == 1 else None
    else:
        event = next((v for v in values if v not in bad), affirm[0] if affirm else None)
    if event is None or len(values) != 2:
        return []
    col = ds.frame[out].dropna()
    plan.context["layout"] = f"counts of {out}={event!r} over all rows"
    plan.context["long_columns"] = (ds.idents.get(out, ident(out)), None)
    return [(int((col == event).sum()), int(len(col)))]


_NAMED_TESTS = [
    (
        r"\bman+[- ]?wh?it+h?n[ea]?y\b|\bwhit+h?n[ea]?y\b|\brank[- ]sum\b|\bu[- ]test\b|"
        r"\bmannwhitneyu\b",
        "mannwhitney",
    ),
    (r"\bwilc[ao]x[oe]n\b|\bsigned[- ]rank\b", "wilcoxon"),
    (r"\bkrus?kall?\b|\bkruskal[- ]wallace\b", "kruskal"),
    (r"\bwelch'?s? anova\b", "welch_anova"),
    (r"\banova\b|\banalysis of variance\b|\bf_oneway\b|\baov\s*\(", "anova"),
    (
        r"\bt[- ]?test\b|\bstudent'?s?\b|\bwelch\b|\bttest_(?:1samp|ind|rel)\b|\bt\.test\b|"
        r"\b(?:[12]|one|two)[- ]sample t\b(?![- ]?test)|\bpaired t\b(?![- ]?test)|"
        r"\b(?:[12]|one|two)[- ](?:sided|tailed) t\b(?![- ]?test)",
        "ttest",
    ),
    # a rank test asked without its name: which one follows from the samples (see plan)
    (
        r"\brank[- ]?(?:based )?tests?\b|\branks?[- ]based\b|\brank (?:method|approach|version|"
        r"equivalent|alternative)s?\b|\bnon-?parametric\b|\bdistribution[- ]free\b|"
        r"\bon (?:the )?ranks\b"
        # R's wilcox.test: rank-sum for two samples, signed-rank for one or paired ones
        r"|\bwilcox\.test\b"
        # normality turned down in words: "please don't assume normality", "without to suppose"
        r"|(?:\bnot?\b|n't|\bwithout(?: to)?\b|\bnever\b)\s+(?:\w+\s+){0,3}?(?:assum\w*|suppos\w*|"
        r"rely\w* on|requir\w*)\s+(?:\w+\s+){0,3}?(?:normal\w*|gaussian|bell[- ]?(?:shaped|curve))\b",
        "rank",
    ),
]

# A rank test described rather than named, read only when no test is named: the data said to
# be far from normal ("the readings aren't normally distributed", "non-normal", "skewed",
# "heavy tails", "outliers, so ..."), the comparison made on ranks ("using ranks rather than the
# raw values") or on medians ("is the median above 12?", "do the medians differ?").
_NOT_NORMAL = (
    r"(?:\bnot?\b|n't\b|\bnever\b|\bhardly\b|\bfar from\b|\bnowhere near\b)\s+(?:\w+\s+){0,3}?"
    r"(?:normal(?:ly)?(?:[- ]distributed)?|gaussian|bell[- ]?(?:shaped|curved?))\b"
    r"(?!\s+(?:operation|operating|conditions?|production|running|practice|use|wear|day|shift)\b)"
    r"|\bnon[- ]?(?:normal(?:ly)?(?:[- ]distributed)?|gaussian)\b"
)
_RANK_DESCRIBED = re.compile(
    _NOT_NORMAL + r"|\bskew(?:ed|ness)?\b|\blop-?sided\b|\b(?:heavy|long|fat)[- ]tail(?:s|ed)?\b"
    r"|\boutliers?\b[^.?!]{0,60}?\b(?:so|rather|prefer\w*|instead|robust)\b"
    r"|\brobust (?:to|against) (?:the )?(?:outliers?|extreme|skew\w*|non-?normal\w*)"
    r"|\b(?:using|use|via|with|by|from|based on|compar\w*|convert\w* to|replac\w* by)\s+"
    r"(?:the\s+|their\s+)?(?:\w+\s+)?ranks\b|\branks?\s+(?:instead of|rather than|not)\b"
    r"|\branked (?:data|values|readings|observations|scores|measurements)\b"
)
_MEDIAN_ASKED = re.compile(r"\bmedians?\b")


def rank_described(q: str) -> bool:
    """A rank-based test asked by describing why or how, without its name: the data called
    non-normal or skewed, a comparison on ranks, or medians compared with no mean asked."""
    if _RANK_DESCRIBED.search(q):
        return True
    return bool(_MEDIAN_ASKED.search(q)) and not re.search(r"\b(?:means?|averages?)\b", q)


# the words of a comparison a test reader looks for, and their right spellings one edit away
_COMPARISON_WORDS = frozenset(
    "different difference significant overall average proportion hypothesis".split()
)
_SPELT_RIGHT = REAL_WORDS | frozenset(
    "proportions averages significance differences differs differing overalls".split()
)


def _spelt(q: str) -> str:
    """``q`` with one-edit slips of the comparison words put right ("differnt", "overal",
    "significnt"); words spelled right, and their inflections, stay."""
    return fix_typos(q, _COMPARISON_WORDS, max_edits=1, keep=_SPELT_RIGHT)


def plan(question: str, ph: Phrasing, ds: Dataset | None) -> Plan:
    # test words mistyped ("differnt from 5%", "the overal rate") put right before reading
    q = _spelt(W.plain_comparatives(normalise(question).replace("–", "-")))
    english = to_english(q, list(ds.frame.columns) if ds is not None else ())
    if english:  # asked of the family directly in another language: read in English
        q = question = english.lower()
    plan = Plan("hypothesis_test", "test")
    notes = plan.notes
    named = next((t for pat, t in _NAMED_TESTS if re.search(pat, q)), None)
    if named in ("anova", "welch_anova", "ttest") and re.search(_NAMED_TESTS[-1][0], q):
        named = "rank"  # "don't trust ANOVA; is there a rank-based way?": the rank test asked
    described = named is None and rank_described(q)
    if described:  # "the data are skewed", "using ranks": the rank test, said without its name
        named = "rank"
    # a question about means is answered by a test of means: rank tests stay alternatives
    plan.explicit = named is not None or bool(re.search(r"\bmeans?\b|\baverages?\b", q))
    worded_alpha = W.alpha_in_words(q)
    if "alpha" not in ph.slots and "confidence" not in ph.slots and worded_alpha is not None:
        alpha = worded_alpha
    else:
        alpha = read_alpha(ph, notes)
    plan.slots["alpha"] = alpha
    counts = ph.slots.get("counts") or []
    if not counts and ds is None:
        counts = W.counts_in_words(q)
    if counts and (ds is None or re.search(r"\bproportion|\brate\b|\bfraction|\bpercent", q)):
        return _plan_proportion(plan, ph, counts, alpha, q)
    if ds is None:
        found = summaries(question)
        if _summary_t.asks_test(question, found):  # "n = 12, mean 10.2, sd 0.3": summarized data
            # a rank test only described ("skewed") cannot run on typed means: the t-test asked
            return _summary_t.plan(plan, ph, found, q, alpha, None if described else named)
        return need_data(
            plan,
            "one column per sample (e.g. line1,line2) or a value column and a group column",
        )
    # a test of means or ranks named ("Welch two-sample t-test on capacity") is never a test of
    # the pass/fail rates a table also holds
    means_named = named in ("ttest", "anova", "welch_anova", "mannwhitney", "wilcoxon", "kruskal")
    rates = (
        None
        if means_named or ds is None
        else (_table_rates(q, question, ds, plan) or _summed_counts(q, ds, plan))
    )
    if rates:
        return _plan_proportion(plan, ph, rates, alpha, q)
    if plan.missing:
        return plan
    if "paired" in ph.cues and _NOT_THE_SAME_UNITS.search(q):  # "not the same parts"
        ph = Phrasing(slots=ph.slots, cues=[c for c in ph.cues if c != "paired"],
                      matches=ph.matches, levels=ph.levels)  # fmt: skip
    if "paired" in ph.cues:
        plan.slots["paired_hint"] = True
    samples = _samples(q, ds, plan, question)
    plan.slots.pop("paired_hint", None)
    if samples is None:
        return plan
    samples = {k: v for k, v in samples.items() if len(v)}
    small = [k for k, v in samples.items() if len(v) < 2]
    if small:
        plan.missing.append(
            Missing(
                f"more data in {', '.join(small)}",
                "each sample needs at least 2 values (3 or more for the normality check)",
            )
        )
        return plan
    k = len(samples)
    if named == "rank":  # the rank test for this layout
        paired_layout = "paired" in ph.cues or bool(plan.slots.get("paired"))
        named = "kruskal" if k > 2 else "wilcoxon" if k == 1 or paired_layout else "mannwhitney"
    two_sample_named = named == "mannwhitney" or bool(
        re.search(r"\btwo[- ]sample\b|\bwelch'?s? t\b|\bpooled t|\bpaired\b", q)
    )
    if k > 2 and two_sample_named:
        plan.missing.append(
            Missing(
                "which two groups to compare",
                f"the test asked compares two samples; name two of {', '.join(samples)} "
                "(or ask for an ANOVA / Kruskal-Wallis of all of them)",
            )
        )
        return plan
    taken: set[str] = set()
    idents = {k: ident(k, taken) for k in samples}
    plan.data = {idents[k]: v for k, v in samples.items()}
    plan.context["samples"] = {idents[k]: k for k in samples}
    plan.slots["groups"] = list(samples)
    plan.slots["n"] = {lab: len(v) for lab, v in samples.items()}
    paired = "paired" in ph.cues or bool(plan.slots.get("paired"))
    alt = "two-sided"
    if k == 1:
        alt = W.direction(q) or ph.slots.get("mu_direction") or "two-sided"
        if alt != "two-sided" and _is_duration(next(iter(samples))):
            alt = _duration_direction(q, alt)
    stmts: list[Any] = []
    if k == 1:
        worded = W.mu_in_words(q)
        first = next(iter(samples.values()))
        mu = W.scale_mu(worded[0], worded[1], first) if worded else None
        if mu is None:
            mu = ph.slots.get("mu", ph.slots.get("target"))
        if mu is None:
            mu = _mu_from_text(q)
        if mu is None:
            plan.missing.append(
                Missing(
                    "the hypothesised mean (the value to test against)",
                    "say it in the question, e.g. 'is the mean different from 500?'",
                )
            )
            return plan
        x = next(iter(idents.values()))
        plan.slots.update(mu=mu, alternative=alt)
        if named == "wilcoxon":
            plan.analysis = "wilcoxon_1samp"
            plan.data["mu_shifted"] = plan.data[x] - mu
            stmts.append(comment(f"signed-rank test about {mu:g} (values minus mu) of: {x}"))
            cmd = A.Command(
                verb="wilcoxon", x=name("mu_shifted"), options=opts(alternative=alt, alpha=alpha)
            )
        else:
            plan.analysis = "ttest_1samp"
            cmd = A.Command(
                verb="ttest", x=name(x), options=opts(mu=mu, alternative=alt, alpha=alpha)
            )
        stmts.append(let("primary", cmd))
    elif k == 2 and named not in ("kruskal", "anova", "welch_anova"):
        (la, xa), (lb, xb) = list(idents.items())
        m = re.search(
            r"\b(\w+)\s+(?:is\s+|are\s+|has\s+|have\s+)?(?:significantly\s+|on average\s+)?"
            r"(greater|higher|larger|more|bigger|less|lower|smaller|fewer)"
            r"\s+than\s+(?:that of |those of |the )?(\w+)",
            q,
        )
        if m:
            first = {c.lower(): c for c in samples}
            lo = {ident(c): c for c in samples}
            a_, b_ = m.group(1), m.group(3)
            ca = first.get(a_) or lo.get(a_)
            cb = first.get(b_) or lo.get(b_)
            if ca and cb and ca != cb:
                bigger = m.group(2) in ("greater", "higher", "larger", "more", "bigger")
                if ca == lb:  # the question names the second sample first: swap the order
                    (la, xa), (lb, xb) = (lb, xb), (la, xa)
                alt = "greater" if bigger else "less"
        spelled = q
        if plan.slots.get("group") and ds is not None:  # "reactor two" is the table's R-2
            spelled = W.spell_levels(q, question, ds, plan.slots["group"])
        order = W.ordered_comparison(spelled, [la, lb]) if alt == "two-sided" else None
        if order:
            if order[0] == lb:  # the question names the second sample first: swap the order
                (la, xa), (lb, xb) = (lb, xb), (la, xa)
            alt = order[2]
        if alt == "two-sided" and paired:
            change = _before_after_direction(q, la, lb) or _before_after_direction(q, lb, la)
            if change:  # "did it drop": before against after, one-sided (before > after)
                if _before_after_direction(q, lb, la):
                    (la, xa), (lb, xb) = (lb, xb), (la, xa)
                alt = "greater" if change == "less" else "less"
        elif alt != "two-sided" and _is_duration(plan.slots.get("response")):
            alt = _duration_direction(q, alt)
        if re.search(r"\btwo[- ]?(?:sided|tailed)\b", q) and not re.search(
            r"\bone[- ]?(?:sided|tailed)\b", q
        ):  # said outright: a suspicion worded one way ("hold less charge") does not change it
            alt = "two-sided"
        code = re.search(r"\balternative\s*=\s*['\"]?(greater|less|two[-.]sided)\b", q)
        if code:  # ttest_rel(old, new, alternative='greater'): the samples in the call's order
            alt = "two-sided" if code.group(1).startswith("two") else code.group(1)
        plan.slots["alternative"] = alt
        if alt == "two-sided" and ({"onesided_greater", "onesided_less"} & set(ph.cues)):
            notes.append(
                "the question hints at a direction but names no order; a two-sided test was run "
                f"(say e.g. '{la} greater than {lb}' for a one-sided test)"
            )
        if paired:
            if len(samples[la]) != len(samples[lb]):
                plan.missing.append(
                    Missing(
                        "equal numbers of paired values",
                        f"a paired test needs one {lb} value per {la} value "
                        f"({len(samples[la])} vs {len(samples[lb])}); fix the data or drop 'paired'",
                    )
                )
                return plan
            plan.slots["paired"] = True
        said = W.equal_variances(q)
        equal_var = said if said is not None else ("pooled" in ph.cues and "welch" not in ph.cues)
        if named == "mannwhitney" and not paired:
            plan.analysis = "mannwhitney"
            cmd = A.Command(
                verb="mannwhitney",
                x=name(xa),
                vs=name(xb),
                options=opts(alternative=alt, alpha=alpha),
            )
        elif named == "wilcoxon" or (named == "mannwhitney" and paired):
            plan.analysis = "wilcoxon"
            cmd = A.Command(
                verb="wilcoxon", x=name(xa), vs=name(xb), options=opts(alternative=alt, alpha=alpha)
            )
        elif paired:
            plan.analysis = "ttest_paired"
            cmd = A.Command(
                verb="ttest", x=name(xa), vs=name(xb),
                options=opts(paired=True, alternative=alt, alpha=alpha),
            )  # fmt: skip
        else:
            plan.analysis = "ttest_pooled" if equal_var else "ttest_welch"
            plan.slots["equal_var"] = equal_var
            if not equal_var and said is None:
                notes.append(
                    "Welch's t-test (no equal-variance assumption); say 'pooled' for Student's"
                )
            cmd = A.Command(
                verb="ttest", x=name(xa), vs=name(xb),
                options=opts(equal_var=equal_var if equal_var else None, alternative=alt, alpha=alpha),
            )  # fmt: skip
        plan.context["order"] = (xa, xb)
        stmts.append(let("primary", cmd))
    else:
        values = np.concatenate(list(samples.values()))
        labels = np.concatenate([[lab] * len(v) for lab, v in samples.items()])
        plan.data["stacked"] = pd.DataFrame({"value": values, "group": labels})
        wide = ds is not None and "long_columns" not in plan.context
        read = ": " + ", ".join(ds.idents.get(c, ident(c)) for c in samples) if wide else ""
        stmts.append(comment(f"{k} samples stacked as value by group{read}"))  # the columns read
        if named == "kruskal":
            plan.analysis = "kruskal"
            cmd = A.Command(
                verb="kruskal",
                x=name("value"),
                by=(name("group"),),
                table="stacked",
                options=opts(alpha=alpha),
            )
        elif named == "welch_anova":
            plan.analysis = "welch_anova"
            cmd = A.Command(
                verb="anova",
                x=name("value"),
                by=(name("group"),),
                table="stacked",
                options=opts(welch=True, alpha=alpha),
            )
        else:
            plan.analysis = "anova"
            cmd = A.Command(
                verb="anova",
                x=name("value"),
                by=(name("group"),),
                table="stacked",
                options=opts(alpha=alpha),
            )
        stmts.append(let("primary", cmd))
    if "long_columns" in plan.context:  # the table's own columns, as the answer reports them
        y_id, g_id = plan.context["long_columns"]
        stmts.insert(0, comment(f"long table: {y_id} by {g_id}"))
    if k == 2 and "order" in plan.context:
        values = np.concatenate(list(samples.values()))
        labels = np.concatenate([[lab] * len(v) for lab, v in samples.items()])
        plan.context["stacked"] = pd.DataFrame({"value": values, "group": labels})
    plan.program = program(*stmts)
    return plan


# the earlier and the later reading of the same units, by the words of their headers
_EARLIER = (
    r"\b(before|pre|old|initial|baseline|install\w*|commission\w*|start\w*|original|as[- ]built|"
    r"t0|day ?0|incoming|first)\b"
)
_LATER = (
    r"\b(after|post|new|final|aged|end|later|follow[- ]?up|second|\d+\s*(?:mo|mos|months?|wks?|weeks?|"
    r"yrs?|years?|h|hrs?|hours?|days?|d|cycles?))\b"
)


def _before_after_direction(q: str, first: str, second: str) -> str | None:
    """A paired test of "before" against "after" samples worded as a change one way ("has it
    gone down after the fix", "does annealing reduce the thickness", "lower than before"): the
    direction of after against before, 'less' for a drop and 'greater' for a rise. Said
    one-sided, looser words count too ("less", "more", "up")."""
    first, second = first.lower().replace("_", " "), second.lower().replace("_", " ")
    low_first = re.search(_EARLIER, first) and not re.search(_LATER, first)
    # "Cd baseline" then "Cd w/ fairing": the bare state, then the treated one
    treated = any(
        a == first for a, _, _ in W.baseline_pairs({c: W.split_words(c) for c in (first, second)})
    )
    if not (low_first and re.search(_LATER, second)) and not treated:
        return None
    if re.search(r"\btwo[- ]?(?:sided|tailed)\b|\bdiffer\w*\b|\beither way\b", q):
        return None
    one_sided = bool(re.search(r"\bone[- ]?(?:sided|tailed)\b", q))
    drop = r"reduc\w*|decreas\w*|drop\w*|lower\w*|fell|fall\w*|cut|down|los[et]s?|losing|loss|"
    drop += r"relax\w*|declin\w*|degrad\w*|shr[iu]nk\w*|decay\w*|deteriorat\w*|narrow\w*|thinner|"
    drop += r"smaller|shorter|lighter"
    rise = r"increas\w*|rais\w*|higher|rose|ris(?:e|en|es|ing)|up|gain\w*|gr[eo]w\w*|swell\w*|"
    rise += r"wider|widen\w*|thicker|bigger|larger|longer|heavier"
    if one_sided:
        drop, rise = drop + "|less", rise + "|more"
    down, up = re.search(rf"\b({drop})\b", q), re.search(rf"\b({rise})\b", q)
    if down and not up:
        return "less"
    if up and not down:
        return "greater"
    return None


_DURATION_HEADER = re.compile(
    r"\b(time|times|duration|turnaround|lead|wait\w*|delay\w*|latency|tat)\b|"
    r"[\(\[](?:h|hr|hrs|hours?|min|mins|minutes?|s|sec|seconds?|days?)[\)\]]\s*$"
)


def _is_duration(column: str | None) -> bool:
    return bool(column) and bool(_DURATION_HEADER.search(str(column).lower().replace("_", " ")))


def _duration_direction(q: str, alt: str) -> str:
    """A time compared by speed words: "slower" results take longer (greater), "faster" or
    "quicker" ones less time, the reverse of what the comparative says of a speed."""
    slow = re.search(r"\b(slower|later)\b", q)
    fast = re.search(r"\b(faster|quicker|sooner)\b", q)
    if slow and not fast and alt == "less":
        return "greater"
    if fast and not slow and alt == "greater":
        return "less"
    return alt


def _plan_proportion(plan: Plan, ph: Phrasing, counts: list, alpha: float, q: str = "") -> Plan:
    for x, n in counts:
        if n <= 0 or x < 0 or x > n:
            plan.missing.append(
                Missing(f"valid counts ({x} of {n})", "give 'X out of N' with 0 <= X <= N")
            )
            return plan
    if len(counts) >= 2:
        (x1, n1), (x2, n2) = counts[:2]
        plan.analysis = "proportion_2"
        groups = plan.slots.get("groups") or []
        order = W.ordered_comparison(q, groups[:2]) if len(groups) >= 2 and q else None
        alt = "two-sided"
        typed = W.counts_order(q) if not order and q and not groups else None
        if typed:  # "12 of 500 before, 4 of 520 after; is before higher than after?"
            if typed[0] == 1:
                (x1, n1), (x2, n2) = (x2, n2), (x1, n1)
                counts = [(x1, n1), (x2, n2), *counts[2:]]
            alt = typed[2]
            order = typed
        elif order:  # "is line B's pass rate lower than line A's": B first, one-sided
            if order[0] == groups[1]:
                (x1, n1), (x2, n2) = (x2, n2), (x1, n1)
                plan.slots["groups"] = [groups[1], groups[0], *groups[2:]]
                counts = [(x1, n1), (x2, n2), *counts[2:]]
            alt = order[2]
        plan.slots["alternative"] = alt
        cmd = A.Command(
            verb="proportion",
            options=opts(x=[x1, x2], n=[n1, n2], alternative=alt if order else None, alpha=alpha),
        )
    else:
        (x1, n1) = counts[0]
        p0 = ph.slots.get("mu", ph.slots.get("target"))
        worded = W.mu_in_words(q) if q else None
        if worded and (p0 is None or not 0 < p0 < 1):
            p0 = W.scale_mu(worded[0], worded[1], None)
        limit = W.limit_rate(q) if q else None
        if (
            limit is not None
            and 0 < limit < 1
            and (len(re.findall(r"\d%", q)) > 1 or p0 is None or not 0 < p0 < 1)
        ):  # several percentages: the one the limit states; or the only rate stated
            p0 = limit
        if p0 is None or not 0 < p0 < 1:
            plan.missing.append(
                Missing(
                    "the reference proportion p0",
                    "say it as a percentage or fraction, e.g. 'is the rate above 5%?'",
                )
            )
            return plan
        alt = (W.direction(q) if q else None) or ph.slots.get("mu_direction", "two-sided")
        plain = re.sub(r"\b(?:worse|better)\b", " ", q)
        if _BAD_WORDS.search(q) and W.direction(plain) is None:
            # a rate of rejects or failures: "worse than the target" is a higher rate
            worse, better = re.search(r"\bworse\b", q), re.search(r"\bbetter\b", q)
            if worse and not better:
                alt = "greater"
            elif better and not worse:
                alt = "less"
        plan.analysis = "proportion_1"
        plan.slots.update(p0=p0, alternative=alt)
        cmd = A.Command(
            verb="proportion", options=opts(x=x1, n=n1, p0=p0, alternative=alt, alpha=alpha)
        )
    plan.slots["counts"] = counts
    plan.explicit = True
    used = plan.context.get("long_columns")
    note = (
        comment(f"counts from the table: {used[0]}" + (f" by {used[1]}" if used[1] else ""))
        if used
        else None
    )
    plan.program = program(note, let("primary", cmd))
    return plan


# ---------------------------------------------------------------------------------------------
# MODE evidence: the request read against the table's structure, not its wording

# another analysis asked for outright: no evidence for a test of means here
_OTHER_ANALYSIS = re.compile(
    r"\b(control (chart|limits?)|chart|cpk?|ppk?|capab\w*|gau?ge|r ?& ?r|sample sizes?|how many|"
    r"power|detect|correlat\w*|associat\w*|independen\w*|chi[- ]?squared?|contingency|regress\w*|"
    r"predict\w*|slope|model|varian\w*|spread|variabilit\w*|scatter ?(?:plot|graph|diagram|chart)s?|"
    r"scatterplots?|consisten\w*|standard "
    r"deviations?|std|levene|bartlett|normal(ity|ly)?|distribut\w*|outliers?|design|factorial|"
    r"effects?|experiment|histogram|percentiles?|median|quartiles?|tolerance|within spec)\b"
)
# tests called by their scipy, statsmodels or R names
_SOFTWARE_TEST = re.compile(
    r"\b(?:ttest_(?:1samp|ind|rel)|mannwhitneyu|f_oneway|ttest_ind_from_stats|proportions_ztest|"
    r"t\.test|wilcox\.test|kruskal\.test|oneway\.test|prop\.test|binom\.test)\b|\baov\s*\("
)
# an assumption of a test turned down ("without assuming normality", "doesn't assume the two
# reactors have the same spread", "the times are skewed so"): a choice of test, not another analysis
_ASSUMPTION_WAIVED = re.compile(
    r"(?:\bnot?\b|n't|\bwithout(?: to)?\b|\bnever\b)\s+(?:\w+\s+){0,3}?(?:assum\w*|suppos\w*|"
    r"rely\w* on|requir\w*|need\w*|pool\w*)\s+(?:\w+\s+){0,5}?(?:normal\w*|gaussian|bell[- ]shaped|"
    r"(?:equal|same|common|pooled|identical|similar) (?:variances?|spreads?|standard deviations?|"
    r"sds?|variabilit\w*))\b"
    r"|\b(?:very |highly |heavily |quite )?(?:skewed|non-?normal)(?: data| times| values)?(?:,)? so\b"
    # normality denied as the premise of a comparison ("strength isn't normally distributed;
    # is A different from B?"): the structure of the question decides, not the word "normal"
    r"|" + _NOT_NORMAL
)
# the null and alternative written in notation
_NOTATION = re.compile(
    r"\b(?:h0|h_0|ho|h1|ha|h_1|h_a)\s*:\s*(?:mu|μ|m|p|pi|π|mean|median|the mean)\b|μ\s*(?:=|≠|!=|<|>)|"
    r"\bnull hypothesis\b[^.?!]{0,40}\b(?:mu|μ|mean|median|proportion)\b"
)
# the equal-variance assumption of a test of means, stated either way
_VAR_ASSUMPTION = re.compile(
    r"\b(?:un)?equal[- ]var\w*|\bvar\.equal\b|\bequal_var\b|\bpool\w*\s+(?:the\s+|their\s+)?"
    r"(?:variances?|sds?|standard deviations?)\b|\bvariances?\s+(?:are|is|look|seem)\s+(?:clearly\s+|"
    r"obviously\s+|probably\s+)?(?:not\s+)?(?:equal|different|unequal|the same)\b|"
    r"\b(?:different|unequal|equal|same) (?:variances?|spreads?)\b"
)
_MEANS_ASKED = re.compile(
    r"\b(?:means?|averages?|t[- ]?tests?|ttest\w*|welch\w*|student\w*)\b|\bt\.test\b|"
    r"\b(?:[12]|one|two)[- ]sample t\b|\bpaired t\b"  # Minitab's "2-Sample t" menu item
)
# a comparison or a test asked in everyday words
_COMPARING = re.compile(
    r"\b(vs\.?|versus|against|compar\w*|differ\w*|same|equal\w*|than|significan\w*|really|real|"
    r"genuine\w*|actually|test\w*|better|worse|beats?|match\w*|identical|alike|similar|"
    r"distinguish\w*|change[ds]?|improve[ds]?|reduced?|lowered|raised|increased|decreased|"
    r"fix(ed)?|help(ed)?|any good|on target|on spec|on nominal|sits? at|hold\w*|meet\w*|centred|centered|"
    r"claim\w*|under\w*|over\w*|slower|faster|shorter|longer|higher|lower|more|less|"
    r"fewer|bigger|smaller|matters?|make (?:a|any) difference|affects?|depends?|influences?|"
    # one of the groups set apart: "stands out", "the odd one out", "outperforms"
    r"stands? out|sticks? out|odd one out|outperform\w*|underperform\w*|outdo\w*)\b"
    # "kestrel v osprey", "A v. B": versus shortened to its letter (not "12 v", volts)
    r"|(?<!\d)(?<!\d )\bv\.?(?=\s+[a-z])"
)
# asking for evidence about a stated value, not for the value itself
_VERIFY = re.compile(
    r"\b(claim\w*|back\w* (?:that |it |this |us )?up|support\w*|confirm\w*|prove\w*|verif\w*|"
    r"evidence|really|truly|significan\w*|hold\w* up|justif\w*|stand up|test\w*|defend\w*|"
    # a side or tail of the alternative asked for ("only one side", "two-tailed"): a test's word
    r"(?:one|two|single|upper|lower)[- ]?(?:sided|tailed|sides?|tails?))\b"
)
_ABOUT_MEAN = re.compile(
    r"\b(mean|means|average\w*|avg|on average|typical(ly)?|nominal|target|label\w*|claim\w*|spec|"
    r"set ?point|sits?|running|centred|centered|hypothesi[sz]ed|mu)\b|μ"
)
_RATE_ASKED = re.compile(
    r"\b(rates?|proportions?|fractions?|percent\w*|share|yield|more often|less often|worse|better|"
    r"higher|lower|more|fewer|different|differ\w*|allowed|limit|than|same)\b|%"
)
# two sample columns compared (not "x vs y", which is as often a fit or a scatter)
_WIDE_COMPARE = re.compile(
    r"\b(higher|lower|greater|bigger|smaller|larger|more|less|better|worse|faster|slower|"
    r"longer|shorter|heavier|lighter)\b(?! than (?:\d|zero))|\bdiffer\w*|\bthe same\b|\bequal\b"
)
_TEST_NAMES = ("anova", "ttest", "kruskal", "wilcoxon", "whitney", "welch")


_LOW_HIGH = re.compile(r"^(on|off|yes|no|low|high|lo|hi|[-+]|[-+]?1|none|with|without)$")


def compares_named_groups(question: str, ds: Dataset | None) -> bool:
    """Two or more values of one text column named and compared ("Sandvik vs Suzuki",
    "coiler 1 vs coiler 2"), the column's values being names rather than low/high settings:
    a comparison of those groups even when the table looks like a two-level run sheet."""
    if ds is None:
        return False
    q = normalise(question).replace("–", "-")
    if not _COMPARING.search(q):
        return False
    labels = [c for c in ds.labels if not _is_identifier(c, ds) and ds.n_levels(c) <= 40]
    for values in W.named_levels(q, question, ds, labels).values():
        if len(values) >= 2 and not any(_LOW_HIGH.match(str(v).strip().lower()) for v in values):
            return True
    return False


def mode_cue(question: str, ds: Dataset | None) -> tuple[float, str]:
    """MODE evidence that the question asks for a test, read from what it refers to rather than
    from method words: two values of one grouping column named ("Acme vs Dunmore", "does R1
    give more impurity than R2"), the groups counted or named by their column ("do the three
    machines turn the same diameter"), a stated value a mean is held against ("the 12 mm
    nominal", "the label claim of 100%"), before/after columns, counts typed as "9 rejects in
    300" with a rate asked, or a misspelled test name ("anvoa"). (score, why); (0, "") when
    nothing of this is there or another analysis is asked for outright."""
    q = W.plain_comparatives(normalise(question).replace("–", "-"))
    english = to_english(q, list(ds.frame.columns) if ds is not None else ())
    if english:  # asked of the family directly in another language: read in English
        q = question = english.lower()
    score, why = _mode_cue(q, question, ds)
    if score and _MEANS_ASKED.search(q) and _VAR_ASSUMPTION.search(q):
        # "compare their average wear, don't pool the variances": the variances are the test's
        # assumption, not what is asked
        return score + 4.0, why + ", with its equal-variance assumption stated"
    return score, why


def _mode_cue(q: str, question: str, ds: Dataset | None) -> tuple[float, str]:
    """``mode_cue`` on the normalised question."""
    from havoc_srs.reader.text import edit_distance

    code = _SOFTWARE_TEST.search(q)
    if code:  # "scipy.stats.ttest_1samp(..., popmean=3.5)", "t.test(y ~ g, var.equal = TRUE)"
        return 8.0, f"a test called by its software name ({code.group(0)})"
    menu = re.search(r"\b[12]-sample t\b(?![- ]?test)|\bpaired t\b(?![- ]?test)", q)
    if menu and ds is not None:  # Minitab's "Stat > Basic Statistics > 2-Sample t" on a table
        return 6.0, f"a t-test named as Minitab's menu item ({menu.group(0)})"
    notation = _NOTATION.search(q)
    if notation:  # "H0: mu = 250, H1: mu != 250"
        return 6.0, f"hypotheses written in notation ({notation.group(0).strip()})"
    if re.search(
        r"\b(?:one[- ]way |single[- ]factor )?analysis of variance\b", q
    ) and not re.search(
        r"\b(?:two|three|multi|n)[- ]way\b|\bfactorial\b|\bdoe\b|\bregression\b", q
    ):  # the name of a test of means, whose words say "variance"
        return 4.0, "an analysis of variance (a test of means) named"
    gain, fixed = rule_gain("hypothesis_test", q, TEST_WORDS)
    if gain:  # the groups named and compared count too ("poly versus mono ... signficance")
        spelt = _spelt(q)  # "diffrent flaw counts": read as spelt right
        shown = 0.0 if _OTHER_ANALYSIS.search(spelt) else _structure_cue(spelt, question, ds)[0]
        return max(gain, shown), f"test words with typos ({fixed})"
    words = re.findall(r"[a-z]+", q)
    for w in words:
        if len(w) >= 5 and any(
            w != t and abs(len(w) - len(t)) <= 1 and edit_distance(w, t, 1) <= 1
            for t in _TEST_NAMES
        ):
            return 3.0, f"a test named with a typo ({w!r})"
    q, waived = _ASSUMPTION_WAIVED.subn(" ", q)  # "a t-test that doesn't assume equal spread"
    if _MEANS_ASKED.search(q):
        q, said = _VAR_ASSUMPTION.subn(" ", q)  # "compare the averages, variances unequal"
        waived += said
    if _OTHER_ANALYSIS.search(q):
        return 0.0, ""
    score, why = _structure_cue(q, question, ds)
    if waived and score:  # the assumption of a test of these groups turned down: a test
        return score + 2.0, why + ", with a test assumption turned down"
    return score, why


def _structure_cue(q: str, question: str, ds: Dataset | None) -> tuple[float, str]:
    """``mode_cue`` past the typo and other-analysis checks."""
    if ds is None:
        counts = W.counts_in_words(q)
        if counts and _RATE_ASKED.search(q):
            return 3.5, "counts out of totals and a rate asked about"
        found = summaries(question)
        if _summary_t.asks_test(question, found):
            return 8.0, f"{len(found)} sample(s) given by size, mean and SD, and a test asked"
        from havoc_srs.families.power import _ASK_POWER

        if _ASK_POWER.search(q):  # "if the true mean is 2 above, what is the chance a t-test
            return 0.0, ""  # flags it": a test's power, asked before any data exist
        if W.mu_in_words(q) is not None and _ABOUT_MEAN.search(q) and _COMPARING.search(q):
            return 2.0, "a stated value a mean is held against"
        return 0.0, ""
    if (
        W.paired_columns(q, ds)
        and re.search(
            r"\b(before|after|pre|post|change[ds]?|drop\w*|reduc\w*|improv\w*|down|up|fix\w*|"
            r"help\w*|work(ed)?|paired|difference|cut|switch\w*|lower\w*|rais\w*|increas\w*|"
            r"decreas\w*)\b",
            q,
        )
        or (W.paired_columns(q, ds) and _COMPARING.search(q))
    ):
        return 3.5, "before/after columns of the same units"
    if (
        re.search(
            # "is the mean 12?", and with a modal: "could the true average be 12?", "might the
            # mean still be 250?", "can the population mean really be 4.0?"
            r"\b(?:is|are|(?:could|can|might|may|would|should)(?=\s+(?:the|our)\b[^?.!]{0,40}?\bbe\b))"
            r"\s+(?:the\s+|our\s+)?(?:true\s+|population\s+|process\s+|overall\s+)?"
            r"(?:mean|average)(?:\s+[a-z()%_-]+){0,3}?\s+(?:still\s+|really\s+|actually\s+)?"
            r"(?:be\s+)?(?:still\s+|really\s+|actually\s+)?"
            # "is the average wall over 1.2?": the mean held above or below a value, asked
            r"(?:(?:above|over|below|under|more than|less than|greater than|higher than|"
            r"lower than|bigger than|smaller than|at least|at most|equal to|different from)\s+)?"
            r"-?\.?\d",
            q,
        )
        # "the mean of the fill is above 500 ml?": the same asked as a statement with a "?"
        or re.search(
            r"\b(?:mean|average)\b(?:\s+[a-z()%_-]+){0,5}?\s+(?:is|are)\s+(?:still\s+|really\s+)?"
            r"(?:above|over|below|under|more than|less than|greater than|higher than|lower than|"
            r"bigger than|smaller than|at least|at most|equal to|different from)\s+-?\.?\d[^?.!]*\?",
            q,
        )
    ) and W.mu_in_words(q) is not None:  # "is the mean weight 250 g?": a value asked of the mean
        return 5.0, "a yes/no question about the mean's value"
    if not _COMPARING.search(q) and not re.search(r"\bor\b|\band\b", q):
        return 0.0, ""
    labels = [c for c in ds.labels if not _is_identifier(c, ds) and ds.n_levels(c) <= 40]
    numeric = [c for c in ds.numeric if not _is_identifier(c, ds)]
    if not numeric:
        return 0.0, ""
    comparing = bool(_COMPARING.search(q))
    if _summed_counts(q, ds, Plan("hypothesis_test", "test")):
        return 3.5, "a count column out of a sample-size column, against a stated rate"
    if _table_rates(q, question, ds, Plan("hypothesis_test", "test")) and W.mu_in_words(q):
        return 3.5, "a pass/fail column's rate against a stated percentage"
    named = W.named_levels(q, question, ds, labels)
    if comparing and any(len(v) >= 2 for v in named.values()):
        col = next(c for c, v in named.items() if len(v) >= 2)
        return 3.5, f"two or more values of {col!r} named and compared"
    if comparing and len(numeric) >= 1 and labels:
        k = W.group_count(q)
        ment = mentioned(q, labels)
        if (k is not None and any(ds.n_levels(c) == k for c in labels)) or (
            ment
            and re.search(
                r"\b(same|differ\w*|equal\w*|compar\w*|vs\.?|versus|between|"
                r"across|among|any (real )?difference|matters?|make (?:a|any) difference|"
                r"affects?|depends?|influences?|stands? out|sticks? out|odd one out)\b",
                q,
            )
        ):
            return 3.0, "groups of a column compared"
    if W.mu_in_words(q) is not None and _ABOUT_MEAN.search(q) and comparing:
        if _VERIFY.search(q) or W.alpha_in_words(q) is not None:  # "yes or no at 5 %"
            return 5.0, "a stated value a mean is held against, and evidence asked for"
        return 3.0, "a stated value a mean is held against"
    named_nums = [c for c in mentioned(q, numeric) if c in numeric]
    if len(named_nums) == 2 and not labels and _WIDE_COMPARE.search(q):
        return 3.0, f"{named_nums[0]!r} and {named_nums[1]!r} compared as two samples"
    return 0.0, ""


# ---------------------------------------------------------------------------------------------
# ARGUE and ARBITER


def argue(plan: Plan, ex: Execution, arg: Argument) -> None:
    a = plan.analysis
    if "summary" in plan.context:
        return _summary_t.argue(plan, ex, arg)
    if a in ("ttest_welch", "ttest_pooled", "mannwhitney"):
        _argue_two_sample(plan, ex, arg)
    elif a in ("ttest_paired", "wilcoxon", "ttest_1samp", "wilcoxon_1samp"):
        _argue_one_sample(plan, ex, arg)
    elif a in GROUP_ANALYSES:
        _argue_groups(plan, ex, arg)
    elif a.startswith("proportion"):
        _argue_proportion(plan, ex, arg)


def _argue_two_sample(plan: Plan, ex: Execution, arg: Argument) -> None:
    xa, xb = plan.context["order"]
    samples = {xa: plan.data[xa], xb: plan.data[xb]}
    alpha = plan.slots.get("alpha", 0.05)
    alt = plan.slots.get("alternative", "two-sided")
    normal = normality(arg, plan, samples)
    outliers(arg, plan, samples)
    small_sample(arg, samples)
    lev = run(
        arg, plan,
        [let("levene", A.Command(verb="levene", x=name("value"), by=(name("group"),), table="stacked"))],
        {"stacked": plan.context["stacked"]},
    ).results.get("levene")  # fmt: skip
    if lev:
        eq = p_holds(lev, VARIANCE_ALPHA)
        arg.checks.append(
            check(
                "equal variances", "Levene (Brown-Forsythe)", eq,
                NO_P if eq is None else "variances consistent" if eq else "variances differ",
                statistic=lev["statistic"], p_value=lev["p_value"],
            )
        )  # fmt: skip
        plan.context["equal_var_ok"] = eq
    plan.context["normal_ok"] = normal
    o = opts(alternative=alt, alpha=alpha)
    stmts = []
    if plan.analysis != "mannwhitney":
        stmts.append(
            let("mannwhitney", A.Command(verb="mannwhitney", x=name(xa), vs=name(xb), options=o))
        )
    if plan.analysis != "ttest_welch":
        stmts.append(let("welch", A.Command(verb="ttest", x=name(xa), vs=name(xb), options=o)))
    if plan.analysis != "ttest_pooled":
        stmts.append(
            let("pooled", A.Command(verb="ttest", x=name(xa), vs=name(xb), options=opts(equal_var=True, alternative=alt, alpha=alpha)))
        )  # fmt: skip
    alts = run(arg, plan, stmts)
    why = {
        "mannwhitney": "no normality assumption (rank-based)",
        "welch": "does not assume equal variances",
        "pooled": "Student's t, assumes equal variances",
    }
    for k, r in alts.results.items():
        arg.alternatives[k] = {"why": why[k], "result": r}


def _argue_one_sample(plan: Plan, ex: Execution, arg: Argument) -> None:
    alpha = plan.slots.get("alpha", 0.05)
    alt = plan.slots.get("alternative", "two-sided")
    if plan.analysis in ("ttest_paired", "wilcoxon"):
        xa, xb = plan.context["order"]
        diffs = np.asarray(plan.data[xa]) - np.asarray(plan.data[xb])
        samples = {"differences": diffs}
    else:
        x = next(k for k in plan.data if k != "mu_shifted")
        diffs = np.asarray(plan.data[x]) - plan.slots["mu"]
        samples = {x: np.asarray(plan.data[x])}
    normal = normality(arg, plan, samples)
    outliers(arg, plan, samples)
    small_sample(arg, samples)
    plan.context["normal_ok"] = normal
    o = opts(alternative=alt, alpha=alpha)
    if plan.analysis in ("ttest_paired", "ttest_1samp"):
        stmts = [let("wilcoxon", A.Command(verb="wilcoxon", x=name("shifted_diffs"), options=o))]
        why = "signed-rank test of the differences: no normality assumption"
    else:
        stmts = [
            let(
                "ttest",
                A.Command(
                    verb="ttest",
                    x=name("shifted_diffs"),
                    options=opts(mu=0, alternative=alt, alpha=alpha),
                ),
            )
        ]
        why = "t-test of the differences: more power when they are normal"
    alts = run(arg, plan, stmts, {"shifted_diffs": diffs})
    for k, r in alts.results.items():
        arg.alternatives[k] = {"why": why, "result": r}


def _argue_groups(plan: Plan, ex: Execution, arg: Argument) -> None:
    stacked = plan.data["stacked"]
    samples = {
        g: stacked.loc[stacked["group"] == g, "value"].to_numpy(float)
        for g in pd.unique(stacked["group"])
    }
    named = {f"g{i}": v for i, v in enumerate(samples.values())}
    plan.context["samples"] = {f"g{i}": g for i, g in enumerate(samples)}
    normal = normality(arg, plan, named)
    outliers(arg, plan, named)
    small_sample(arg, named)
    alpha = plan.slots.get("alpha", 0.05)
    by, t = (name("group"),), "stacked"
    ao = opts(alpha=alpha)
    res = run(
        arg, plan,
        [
            let("levene", A.Command(verb="levene", x=name("value"), by=by, table=t)),
            let("welch_anova", A.Command(verb="anova", x=name("value"), by=by, table=t, options=opts(welch=True, alpha=alpha))),
            let("kruskal", A.Command(verb="kruskal", x=name("value"), by=by, table=t, options=ao)),
            let("anova", A.Command(verb="anova", x=name("value"), by=by, table=t, options=ao)),
            let("tukey", A.Command(verb="tukey", x=name("value"), by=by, table=t, options=ao)),
            let("gameshowell", A.Command(verb="gameshowell", x=name("value"), by=by, table=t, options=ao)),
        ],
    ).results  # fmt: skip
    lev = res.get("levene")
    eq = True
    if lev:
        eq = p_holds(lev, VARIANCE_ALPHA)
        arg.checks.append(
            check("equal variances", "Levene (Brown-Forsythe)", eq,
                   NO_P if eq is None else "variances consistent" if eq else "variances differ",
                   statistic=lev["statistic"], p_value=lev["p_value"])
        )  # fmt: skip
    plan.context.update(normal_ok=normal, equal_var_ok=eq)
    why = {
        "welch_anova": "does not assume equal variances",
        "kruskal": "rank-based: no normality assumption",
        "anova": "classic F test (equal variances)",
        "tukey": "pairwise comparisons with family-wise error control (Tukey HSD)",
        "gameshowell": "pairwise comparisons without equal variances (Games-Howell)",
    }
    primary_verb = {"anova": "anova", "kruskal": "kruskal", "welch_anova": "welch_anova"}[
        plan.analysis
    ]
    for k in ("welch_anova", "kruskal", "anova", "tukey", "gameshowell"):
        if k in res and k != primary_verb:
            arg.alternatives[k] = {"why": why[k], "result": res[k]}
    # advice, not a check: the chance of a false "difference" among m unadjusted pairwise tests
    m = len(samples) * (len(samples) - 1) // 2
    fwer = 1 - (1 - alpha) ** m
    arg.caveats.append(
        f"{m} pairwise comparisons: run as separate tests at alpha = {alpha:g} the chance of at "
        f"least one false difference is {fwer:.3f}; read the Tukey/Games-Howell adjusted "
        "p-values, not repeated t-tests"
    )


def _argue_proportion(plan: Plan, ex: Execution, arg: Argument) -> None:
    counts = plan.slots["counts"]
    if plan.analysis == "proportion_1":
        (x, n), p0 = counts[0], plan.slots["p0"]
        ok = n * p0 >= 10 and n * (1 - p0) >= 10
        arg.checks.append(
            check("normal approximation", "n*p0 >= 10 and n*(1-p0) >= 10", ok,
                   f"n*p0 = {n * p0:g}, n*(1-p0) = {n * (1 - p0):g}")
        )  # fmt: skip
        plan.context["approx_ok"] = ok
        res = run(
            arg, plan,
            [let("exact", A.Command(verb="proportion", options=opts(x=x, n=n, p0=p0, method="exact", alternative=plan.slots["alternative"], alpha=plan.slots["alpha"])))],
        ).results  # fmt: skip
        if "exact" in res:
            arg.alternatives["exact"] = {
                "why": "exact binomial test: no approximation",
                "result": res["exact"],
            }
    else:
        arg.checks.append(
            check("independent samples", "design", None,
                  "not checked: independence comes from how the samples were taken, which the "
                  "counts cannot show; it is assumed from the question")
        )  # fmt: skip


def prefer(plan: Plan, arg: Argument) -> list[tuple[str, str]]:
    """The alternatives ARBITER switches to, in order, each with the failed check behind it."""
    a, ctx = plan.analysis, plan.context
    small = any(c["name"] == "sample size" and c["outcome"] == "failed" for c in arg.checks)
    out = []
    if a in ("ttest_welch", "ttest_pooled") and not ctx.get("normal_ok", True) and small:
        out.append(("mannwhitney", "normality fails in a small sample"))
    if a == "ttest_pooled" and not ctx.get("equal_var_ok", True):
        out.append(("welch", "the variances differ (Levene)"))
    if a in ("ttest_paired", "ttest_1samp") and not ctx.get("normal_ok", True) and small:
        out.append(("wilcoxon", "normality fails in a small sample"))
    if a == "anova":
        if not ctx.get("equal_var_ok", True):
            out.append(("welch_anova", "the variances differ (Levene)"))
        if not ctx.get("normal_ok", True) and small:
            out.append(("kruskal", "normality fails in small samples"))
    if a == "proportion_1" and not ctx.get("approx_ok", True):
        out.append(("exact", "too few expected counts for the normal approximation"))
    return out


# ---------------------------------------------------------------------------------------------
# AUDIT


def audit(au: Audit, plan: Plan, r: dict[str, Any]) -> None:
    """Re-derive the test statistic (and its p-value) from the formula, not the library call."""
    from scipy import stats as st

    a = plan.analysis
    if "summary" in plan.context:
        _summary_t.audit(au, plan, r)
    elif a in ("ttest_welch", "ttest_pooled"):
        xa, xb = plan.context["order"]
        x, y = np.asarray(plan.data[xa], float), np.asarray(plan.data[xb], float)
        n1, n2 = len(x), len(y)
        v1, v2 = x.var(ddof=1), y.var(ddof=1)
        if a == "ttest_welch":
            se = math.sqrt(v1 / n1 + v2 / n2)
            df = (v1 / n1 + v2 / n2) ** 2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1))
        else:
            sp2 = ((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2)
            se = math.sqrt(sp2 * (1 / n1 + 1 / n2))
            df = n1 + n2 - 2
        t = (x.mean() - y.mean()) / se
        au.value("t from the formula", r["statistic"], t)
        au.value("df", r["df"], df)
        au.value("p from the t distribution", r["p_value"], _p_t(t, df, r["alternative"]))
        au.truth(
            "df sensible", min(n1, n2) - 1 <= r["df"] <= n1 + n2 - 2 + 1e-9, f"df = {r['df']:.3f}"
        )
    elif a in ("ttest_paired", "ttest_1samp"):
        if a == "ttest_paired":
            xa, xb = plan.context["order"]
            d = np.asarray(plan.data[xa], float) - np.asarray(plan.data[xb], float)
            mu = 0.0
        else:
            xa = next(k for k in plan.data if k != "mu_shifted")
            d, mu = np.asarray(plan.data[xa], float), plan.slots["mu"]
        n = len(d)
        t = (d.mean() - mu) / (d.std(ddof=1) / math.sqrt(n))
        au.value("t from the formula", r["statistic"], t)
        au.value("df = n - 1", r["df"], n - 1)
        au.value("p from the t distribution", r["p_value"], _p_t(t, n - 1, r["alternative"]))
    elif a == "mannwhitney":
        xa, xb = plan.context["order"]
        x, y = np.asarray(plan.data[xa], float), np.asarray(plan.data[xb], float)
        ranks = st.rankdata(np.concatenate([x, y]))
        u1 = ranks[: len(x)].sum() - len(x) * (len(x) + 1) / 2
        au.truth(
            "U from the rank sums",
            close(r["statistic"], u1) or close(r["statistic"], len(x) * len(y) - u1),
            f"U1 = {u1:g}",
        )
    elif a in ("anova", "welch_anova", "kruskal"):
        s = plan.data["stacked"]
        groups = [g["value"].to_numpy(float) for _, g in s.groupby("group", sort=False)]
        if a == "anova":
            grand = np.concatenate(groups).mean()
            ssb = sum(len(g) * (g.mean() - grand) ** 2 for g in groups)
            ssw = sum(((g - g.mean()) ** 2).sum() for g in groups)
            k, n = len(groups), sum(len(g) for g in groups)
            f = (ssb / (k - 1)) / (ssw / (n - k))
            row = r["table"][0]
            au.value("F from sums of squares", row["F"], f)
            au.value("df between = k - 1", row["df"], k - 1)
            au.value("p from the F distribution", row["p_value"], st.f.sf(f, k - 1, n - k))
            au.truth("p in [0, 1]", 0 <= row["p_value"] <= 1)
        elif a == "welch_anova":
            f, df2 = welch_f(groups)
            row = r["table"][0]
            au.value("Welch F from weighted means", row["F"], f)
            au.value("Welch denominator df", r["table"][1]["df"], df2)
            au.value("p from the F distribution", row["p_value"], st.f.sf(f, len(groups) - 1, df2))
        elif a == "kruskal":
            h, _ = kruskal_h(groups)
            au.value("H from the mid-ranks (tie-corrected formula)", r["statistic"], h)
            au.value("df = k - 1", r["df"], len(groups) - 1)
            au.value(
                "p from the chi-square distribution", r["p_value"], st.chi2.sf(h, len(groups) - 1)
            )
    elif a in ("wilcoxon", "wilcoxon_1samp"):
        if a == "wilcoxon":
            xa, xb = plan.context["order"]
            d = np.asarray(plan.data[xa], float) - np.asarray(plan.data[xb], float)
        else:
            d = np.asarray(plan.data["mu_shifted"], float)
        w_plus, w_minus = signed_rank_sums(d)
        au.truth(
            "W from the signed ranks of the differences",
            close(r["statistic"], w_plus) or close(r["statistic"], w_minus),
            f"W+ = {w_plus:g}, W- = {w_minus:g}",
        )
    elif a.startswith("proportion_2"):
        (x1, n1), (x2, n2) = plan.slots["counts"][:2]
        pooled = (x1 + x2) / (n1 + n2)
        z = (x1 / n1 - x2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        au.value("z from the pooled two-proportion formula", r["statistic"], z)
        side = plan.slots.get("alternative", "two-sided")
        p = st.norm.cdf(z) if side == "less" else st.norm.sf(z) if side == "greater" else None
        au.value(
            "p from the normal distribution",
            r["p_value"],
            2 * st.norm.sf(abs(z)) if p is None else p,
        )
    elif a.startswith("proportion_1"):
        (x, n), p0 = plan.slots["counts"][0], plan.slots["p0"]
        z = (x / n - p0) / math.sqrt(p0 * (1 - p0) / n)
        au.value("z from the score formula", r["statistic"], z)


def welch_f(groups: list[np.ndarray]) -> tuple[float, float]:
    """Welch's ANOVA F and its denominator df from the group means, variances and sizes
    (weights n_i / s_i^2), by Welch's (1951) formula."""
    n = np.array([len(g) for g in groups], float)
    m = np.array([g.mean() for g in groups])
    w = n / np.array([g.var(ddof=1) for g in groups])
    k, total = len(groups), w.sum()
    mw = (w * m).sum() / total
    lam = (((1 - w / total) ** 2) / (n - 1)).sum()
    f = ((w * (m - mw) ** 2).sum() / (k - 1)) / (1 + 2 * (k - 2) / (k**2 - 1) * lam)
    return float(f), float((k**2 - 1) / (3 * lam))


def signed_rank_sums(d: np.ndarray) -> tuple[float, float]:
    """W+ and W- of the non-zero differences, with mid-ranks of |d| for ties."""
    d = d[d != 0]
    ranks = kruskal_ranks(np.abs(d))
    return float(ranks[d > 0].sum()), float(ranks[d < 0].sum())


def kruskal_ranks(values: np.ndarray) -> np.ndarray:
    """Mid-ranks (1-based) of ``values``; equal values share the mean of their ranks."""
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    sorted_v = values[order]
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and sorted_v[j + 1] == sorted_v[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def kruskal_h(groups: list[np.ndarray]) -> tuple[float, float]:
    """Kruskal-Wallis H from the mid-ranks by its formula, divided by the tie correction
    1 - sum(t^3 - t) / (N^3 - N); returns (H, correction)."""
    values = np.concatenate(groups)
    n = len(values)
    ranks = kruskal_ranks(values)
    _, ties = np.unique(values, return_counts=True)
    correction = 1.0 - float((ties**3 - ties).sum()) / (n**3 - n)
    h, start = 0.0, 0
    for g in groups:
        h += ranks[start : start + len(g)].sum() ** 2 / len(g)
        start += len(g)
    h = 12.0 / (n * (n + 1)) * h - 3 * (n + 1)
    return h / correction, correction


def _p_t(t: float, df: float, alternative: str) -> float:
    from scipy import stats as st

    if alternative == "greater":
        return float(st.t.sf(t, df))
    if alternative == "less":
        return float(st.t.cdf(t, df))
    return float(2 * st.t.sf(abs(t), df))


# ---------------------------------------------------------------------------------------------
# ANSWER


def key_numbers(plan: Plan, r: dict[str, Any]) -> dict[str, Any]:
    k: dict[str, Any] = {}
    if "statistic_name" in r:  # TestResult
        k[r["statistic_name"]] = r["statistic"]
        k["statistic"] = r["statistic"]
        k["p_value"] = r["p_value"]
        if r.get("df") is not None:
            k["df"] = r["df"]
        if r.get("estimate") is not None:
            k["estimate"] = r["estimate"]
            k["estimate_name"] = r.get("estimate_name")
        if r.get("ci_low") is not None:
            k["ci_low"], k["ci_high"] = r["ci_low"], r["ci_high"]
        n = r.get("n") or {}
        k["n"] = (
            int(sum(v for v in n.values() if isinstance(v, int | float)))
            if isinstance(n, dict)
            else n
        )
        k["n_per_sample"] = n
        k["alpha"] = r.get("alpha")
        k["significant"] = r.get("significant")
        k["method"] = r.get("method")
        k["alternative"] = r.get("alternative")
        es = r.get("effect_size")
        if es:
            k["effect_size"] = {es["name"]: es["value"]}
        ex = r.get("extra") or {}
        for m in ("mean_x", "mean_y"):
            if m in ex:
                k[m] = ex[m]
    elif "table" in r and r.get("kind") == "AnovaResult":
        row = r["table"][0]
        k.update(
            F=row["F"], p_value=row["p_value"], df_between=row["df"], df_within=r["table"][1]["df"],
            df=[row["df"], r["table"][1]["df"]], eta_sq=row.get("eta_sq"),
            n=int(sum(r["n"].values())), n_per_group=r["n"], alpha=r["alpha"], method=r["method"],
            significant=row["p_value"] < r["alpha"],
        )  # fmt: skip
        means = (r.get("extra") or {}).get("means")
        if means:
            k["means"] = means
    return k


def conclusion(plan: Plan, k: dict[str, Any]) -> str:
    a = plan.analysis
    sig = k.get("significant", k.get("p_value", 1) < k.get("alpha", 0.05))
    alpha = k.get("alpha", 0.05)
    what = "the groups differ" if a in ("anova", "kruskal", "welch_anova") else (
        "the difference is statistically significant" if sig else "no significant difference"
    )  # fmt: skip
    stat = next((s for s in ("t", "F", "U", "W", "H", "z", "chi2") if s in k), None)
    statv = f"{stat} = {fmt(k[stat])}, " if stat else ""
    if a in ("anova", "kruskal", "welch_anova"):
        what = (
            # Kruskal-Wallis compares ranks: a group tends to higher or lower values, not a mean
            ("at least one group tends to higher or lower values than the others" if a == "kruskal"
             else "at least one group mean differs")
            if sig
            else "no significant difference between the groups"
        )  # fmt: skip
    return f"{what[0].upper() + what[1:]} at alpha = {fmt(alpha)} ({statv}p = {fmt(k.get('p_value'))})."


def next_step(plan: Plan, k: dict[str, Any], caveats: list[str]) -> str:
    if plan.analysis == "kruskal":
        return "Look at pairwise rank comparisons (Dunn's test) to see which groups differ."
    if plan.analysis in GROUP_ANALYSES:
        return (
            "Look at the pairwise comparisons (Tukey or Games-Howell) to see which groups differ."
        )
    return (
        "Report the confidence interval with the p-value; if the difference matters practically, "
        "confirm it with a follow-up sample sized by a power analysis."
    )
