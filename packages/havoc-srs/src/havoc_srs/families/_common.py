"""Shared pieces of the data-analysis families: column roles, the analysis table, checks."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from havoc_srs.data import Dataset, ident
from havoc_srs.families.base import FAILED, NOT_CHECKED, PASSED, Check
from havoc_srs.plan import Missing, Plan

NORMALITY_ALPHA = 0.05

CONTROL_CUES = (
    r"controll?ing for", r"control for", r"adjust(?:ing|ed)? for", r"holding .{0,40}?constant",
    r"partial(?:l?ing)? out", r"net of", r"accounting for", r"\bgiven\b", r"accounted for",
    r"out of the picture", r"take .{0,30}? out", r"correct(?:ing|ed)? for", r"regardless of",
    r"setting aside", r"with .{0,30}? held (?:fixed|constant)", r"conditional on", r"keeping .{0,40}?constant",
    r"remov(?:e|ing) the (?:effect|influence) of", r"after (?:taking|allowing) .{0,30}? into account",
    r"independent of", r"\bonce\b(?=.{0,60}(?:accounted|adjusted|controlled|taken into account|removed))",
    # "when we control the education level", "controlled for", "once you take X into account",
    # "allowing for", "keep X fixed", "factoring out", "without the influence of"
    r"\bcontrol(?:l?ing|led|s)? (?:the|their|his|her|its|on)\b", r"\bcontroll?ed for\b",
    r"\btak(?:e|es|ing) .{0,40}? into (?:account|consideration)", r"\ballow(?:ing|ed|s)? for\b",
    r"\b(?:hold(?:ing)?|held|keep(?:ing)?|kept)\b .{0,40}?(?:constant|fixed|steady)", r"\bfactor(?:ing|ed)? out\b",
    r"\bwithout the (?:effect|influence|confounding) of",
)  # fmt: skip
STRATA_CUES = (
    r"stratif(?:ied|y|ying) by", r"within (?:each|every)", r"\bcontrol(?:led)? for", r"across (?:the )?(?:levels|strata)",
    r"for each (?:level of )?", r"separately (?:for|by)", r"controll?ing for", r"adjust(?:ing|ed)? for",
    r"strat(?:a|um)", r"layers? of", r"broken down by", r"taking .{0,30}? into account",
    # the control phrases of a partial correlation hold a category fixed the same way: "once
    # the sex of the pupil is taken into account", "conditional on store", "allowing for site"
    r"conditional on", r"\ballow(?:ing|ed|s)? for\b", r"\baccount(?:ing|ed)? for\b",
    r"\bcorrect(?:ing|ed)? for\b", r"\bnet of\b",
    r"\bonce\b(?=.{0,60}(?:accounted|adjusted|controlled|taken into account|allowed for))",
    r"\b(?:hold(?:ing)?|held|keep(?:ing)?|kept)\b .{0,40}?(?:constant|fixed)",
)  # fmt: skip
GROUP_CUES = (
    r"\bby\b", r"\bper\b", r"for each", r"grouped by", r"\bbetween\b",
    r"in each", r"for every", r"broken down by", r"split by", r"within each",
    r"for the different", r"by each", r"for both", r"separately", r"\beach\b",
    r"group_?by\(",  # pandas df.groupby('room_type'), dplyr group_by(room_type)
)  # fmt: skip


def cue_position(question: str, cues: tuple[str, ...]) -> int | None:
    """Offset of the first cue phrase in the question, or None."""
    q = question.lower()
    pos = [m.start() for c in cues for m in [re.search(c, q)] if m]
    return min(pos) if pos else None


def column_mentions(reading: Any) -> list[Any]:
    return [m for m in reading.mentions if m.kind == "column"]


def ranked(mentions: list[Any]) -> list[Any]:
    """Mentions with headers named in full first, then those found by one distinctive word,
    then time indices ("in years when ..." names Year only in passing); stable otherwise."""
    return sorted(
        mentions,
        key=lambda m: (m.how.startswith("distinctive"), bool(_TIME_LIKE.match(m.column.strip()))),
    )


def ordered_columns(reading: Any, pool: list[str]) -> list[str]:
    """Columns of ``pool`` in order of mention, ranked as :func:`ranked` says ("heart disease
    data ... cholesterol" -> chol before thalach)."""
    out: list[str] = []
    for m in ranked(column_mentions(reading)):
        if m.column in pool and m.column not in out:
            out.append(m.column)
    return out


def value_groups(reading: Any, ds: Dataset) -> tuple[str | None, list[Any]]:
    """A label column whose values the question names ("Nigeria and Indonesia")."""
    by_col: dict[str, list[Any]] = {}
    for m in reading.mentions:
        if m.kind == "value":
            vals = by_col.setdefault(m.column, [])
            if m.value not in vals:
                vals.append(m.value)
    if not by_col:
        return None, []
    col = max(
        by_col,
        key=lambda c: (
            len(by_col[c]),
            -min(m.start for m in reading.mentions if m.kind == "value" and m.column == c),
        ),
    )
    return col, by_col[col]


def dataset_for(reading: Any, ds: Dataset | None) -> Dataset | None:
    """The attached table, or a table of the numbers typed into the question."""
    if ds is not None:
        return ds
    if reading.inline is not None:
        return Dataset.from_frame(reading.inline, "question")
    return None


def need_data(plan: Plan, example: str) -> Plan:
    plan.missing.append(
        Missing("a data table",
                f"attach a CSV (havoc ask ... --data FILE.csv, or data_csv in the API) with {example},"
                " or type the numbers into the question (e.g. 'A: 10.1 10.3 9.9, B: 10.4 10.6 10.5')")
    )  # fmt: skip
    return plan


def need_columns(plan: Plan, ds: Dataset, what: str, pool: list[str]) -> Plan:
    cols = ", ".join(repr(ds.header(c)) for c in pool[:12]) or "none"
    plan.missing.append(Missing(what, f"name them as in the table; candidates: {cols}"))
    return plan


def analysis_frame(ds: Dataset, columns: list[str]) -> tuple[pd.DataFrame, dict[str, str]]:
    """The used columns under DSL-safe names, and the map from name to column."""
    taken: set[str] = set()
    names = {c: ident(c, taken) for c in columns}
    frame = ds.frame[columns].rename(columns=names)
    return frame, {v: k for k, v in names.items()}


def alpha_of(reading: Any, notes: list[str]) -> float:
    a = getattr(reading, "alpha", None)
    if a is None:
        notes.append("alpha = 0.05 (not given; say e.g. 'at the 1% level' to change it)")
        return 0.05
    return float(a)


def normality_check(label: str, x: np.ndarray, result: dict[str, Any] | None) -> Check:
    """Shapiro–Wilk on one sample: passed, failed, or not checked (n < 3 or > 5000)."""
    n = len(x)
    if result is None or n < 3:
        return Check(f"normality of {label}", "Shapiro–Wilk", NOT_CHECKED,
                     f"not checked: {n} value(s), the test needs at least 3")  # fmt: skip
    p = float(result["p_value"])
    ok = p >= NORMALITY_ALPHA
    return Check(
        f"normality of {label}", "Shapiro–Wilk", PASSED if ok else FAILED,
        f"W = {result['statistic']:.4g}, p = {p:.4g} ({'no evidence against' if ok else 'evidence against'} normality at 0.05; n = {n})",
        {"p_value": p, "statistic": float(result["statistic"])},
    )  # fmt: skip


def outlier_check(label: str, x: np.ndarray) -> Check:
    if len(x) < 4:
        return Check(f"outliers in {label}", "1.5×IQR rule", NOT_CHECKED,
                     f"not checked: {len(x)} value(s), the rule needs at least 4")  # fmt: skip
    q1, q3 = np.percentile(x, [25, 75])
    iqr = q3 - q1
    idx = np.where((x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr))[0]
    far = np.where((x < q1 - 3 * iqr) | (x > q3 + 3 * iqr))[0]
    if len(far):
        return Check(f"outliers in {label}", "3×IQR rule", FAILED,
                     f"{len(far)} far outlier(s) beyond 3×IQR (e.g. {x[far[0]]:.4g})",
                     {"n_outliers": int(len(idx)), "n_far": int(len(far))})  # fmt: skip
    note = (
        f"{len(idx)} mild outlier(s) beyond 1.5×IQR, none beyond 3×IQR"
        if len(idx)
        else "none beyond 1.5×IQR"
    )
    return Check(f"outliers in {label}", "3×IQR rule", PASSED, note, {"n_outliers": int(len(idx))})


def size_check(label: str, n: int, minimum: int) -> Check:
    ok = n >= minimum
    return Check(f"sample size of {label}", f"n ≥ {minimum}", PASSED if ok else FAILED,
                 f"n = {n}" + ("" if ok else f"; at least {minimum} needed"), {"n": n})  # fmt: skip


def num(r: dict[str, Any] | None, *keys: str) -> float | None:
    """The first of ``keys`` present in a result dict (also looked up in its ``extra``)."""
    if not r:
        return None
    for k in keys:
        for src in (r, r.get("extra") or {}):
            if isinstance(src, dict) and src.get(k) is not None:
                try:
                    return float(src[k])
                except (TypeError, ValueError):
                    continue
    return None


def total_n(r: dict[str, Any] | None) -> int | None:
    if not r:
        return None
    n = r.get("n")
    if isinstance(n, dict):
        return int(sum(v for v in n.values() if isinstance(v, int | float)))
    if isinstance(n, int | float):
        return int(n)
    return None


def ident_of(back: dict[str, str], column: str) -> str:
    """The DSL name given to ``column`` by :func:`analysis_frame`."""
    return next(k for k, v in back.items() if v == column)


_TIME_LIKE = re.compile(
    r"^(year|yr|quarter|qtr|month|week|day|date|time|period|t|obs|index|id)s?$", re.I
)


def analysable(ds: Dataset, pool: list[str]) -> list[str]:
    """Columns that can be analysed as measurements (not time indices or identifiers)."""
    from havoc_srs.reader.columns import _is_id

    return [c for c in pool if not _TIME_LIKE.match(c.strip()) and not _is_id(c, ds)]


def described(reading: Any, ds: Dataset, pool: list[str], have: list[str], need: int) -> list[str]:
    """Up to ``need`` more columns of ``pool`` that the question describes rather than names.
    ``have`` are the columns the analysis already uses: with none, a description must match
    closely (the only link between the question and the table)."""
    from havoc_srs.reader.columns import semantic_columns
    from havoc_srs.reader.meaning import kind_mentions

    if need <= 0:
        return []
    cands = [c for c in analysable(ds, pool) if c not in have]
    # a kind of quantity only one column holds ("how long" -> the duration column)
    valued = {m.column for m in reading.mentions if m.kind == "value"}
    found = kind_mentions(reading.question, ds, cands, valued)[:need]
    cands = [c for c in cands if c not in {m.column for m in found}]
    found += semantic_columns(
        reading.question, ds, cands, need - len(found), list(reading.mentions) + found,
        anchored=bool(have) or bool(found),
    )  # fmt: skip
    reading.mentions = sorted(list(reading.mentions) + found, key=lambda m: m.start)
    return [m.column for m in found]


def value_column(ds: Dataset, exclude: list[str]) -> str | None:
    """The measure of a long-format table when the question only describes it: the one numeric
    column headed "Value" (FAO-style Area, Item, Year, Value), or None."""
    from havoc_srs.reader.text import split_name

    cands = [c for c in analysable(ds, ds.numeric) if c not in exclude]
    generic = [c for c in cands if split_name(c)[:1] in (["value"], ["values"])]
    return generic[0] if len(generic) == 1 else None


def groupable(ds: Dataset, column: str) -> bool:
    """A column that splits the rows into groups: labels (or a few numeric levels), at most 50
    of them, with at least two rows per group on average."""
    levels = ds.n_levels(column)
    if column not in ds.labels and (levels > 12 or len(ds.frame) < 3 * levels):
        return False
    return 2 <= levels <= 50 and len(ds.frame) >= 2 * levels


_ASKING = re.compile(
    r"\?|\b(?:test|chi|fisher|mantel|correl|associat|relat|independen|linked|tied|depend|vs\.?|"
    r"versus|against|compare|between)\b"
)


def asked_first(reading: Any, cols: list[str]) -> list[str]:
    """``cols`` (more than two) with those of the sentence that asks first: "We grow wheat on six
    blocks with four fertilisers. Is lodging related to the block?" -> lodging, block before
    fertiliser. The asking sentence is the last one that names two of ``cols`` and carries a
    question mark or a word of a test or relation; the order is unchanged otherwise."""
    cols = list(dict.fromkeys(cols))
    if len(cols) <= 2:
        return cols
    q = reading.question
    best: list[str] = []
    said = [(m, q[m.start : m.end].lower()) for m in reading.mentions if m.column in cols]
    for s in re.finditer(r"[^.?!\n]+[.?!]*", q):
        low = s.group(0).lower()
        # a column named in the sentence, or said again there in the same words (words that
        # do not stand inside another column's name there: "marriage" of "rates her marriage")
        inside = []
        for m, w in said:
            if s.start() <= m.start < s.end():
                inside.append((m.start, m.column))
                continue
            again = re.search(rf"\b{re.escape(w)}\b", low) if len(w) >= 3 else None
            at = s.start() + again.start() if again else -1
            if again and not any(
                o.column != m.column and o.start <= at < o.end for o in reading.mentions
            ):
                inside.append((at, m.column))
        inside = list(dict.fromkeys(c for _, c in sorted(inside)))
        if len(inside) >= 2 and _ASKING.search(s.group(0).lower()):
            best = inside
    if not best or len(best) == len(cols):
        return cols
    return best + [c for c in cols if c not in best]


def clause_end(question: str, start: int | None) -> int:
    """Where the clause opened at ``start`` ends ("controlling for sex, is X related to Y" -> the
    comma): the next , ; . ? ! or the end of the question."""
    if start is None:
        return -1
    m = re.search(r"[,;.?!]|\b(is|are|does|do|test|run|check)\b", question[start + 12 :])
    return start + 12 + m.start() if m else len(question)


_RESTRICT = re.compile(r"\b(?:only|just|among|exclusively|restrict\w*|subset|limit\w* to)\b", re.I)


def _background(reading: Any, value: Any) -> bool:
    """A value named in a sentence that tells the background ("The night crew claims the parts
    come out bigger. Is there a correlation between spindle temperature and diameter?"): the
    sentence ends in a full stop, a later one asks the question and names two columns itself,
    and the value's sentence says nothing of keeping only some rows."""
    q = reading.question
    ends = [m.end() for m in re.finditer(r"[.!?](?=\s|$)", q)]
    start = max([e for e in ends if e <= value.start], default=0)
    end = next((e for e in ends if e > value.start), len(q))
    if q[end - 1 : end] != "." or _RESTRICT.search(q[start:end]):
        return False
    later = q[end:]
    if "?" not in later:
        return False
    asked = {m.column for m in reading.mentions if m.kind == "column" and m.start >= end}
    return len(asked) >= 2


def row_filters(reading: Any, ds: Dataset, exclude: list[str]) -> dict[str, Any]:
    """Label columns of which the question names exactly one value ("maize yield in Kenya and
    Brazil" -> Item == Maize): rows are restricted to it."""
    by_col: dict[str, list[Any]] = {}
    values = [m for m in reading.mentions if m.kind == "value"]
    for m in reading.mentions:
        if any(  # "police" inside "police officers" (a Job Title): no Department filter
            o.column != m.column
            and o.start <= m.start
            and m.end <= o.end
            and o.end - o.start > m.end - m.start
            for o in values
        ):
            continue
        if m.kind == "value" and m.column not in exclude and not _background(reading, m):
            vals = by_col.setdefault(m.column, [])
            if m.value not in vals:
                vals.append(m.value)
    out = {c: v[0] for c, v in by_col.items() if len(v) == 1 and ds.n_levels(c) > 1}
    for c, v in numeric_filters(reading, ds).items():
        if c not in exclude and c not in out:
            out[c] = v
    return out


# "(Weekend = 1)", "where shift == 2": a column set equal to a number
_EQUALS = re.compile(r"([A-Za-z][\w ]{0,30}?)\s*={1,2}\s*(-?\d+(?:\.\d+)?)(?![\w.])")
# "only the 2021 samples", "2023 only", "just the 2019 rows": a year that keeps some rows
_ONLY_YEAR = re.compile(
    r"\b(?:only|just|solely)\b[^.?!:;,]{0,25}?\b((?:19|20)\d\d)\b|"
    r"\b((?:19|20)\d\d)\b[^.?!:;,]{0,25}?\b(?:only|alone|on (?:its|their) own|by itself)\b",
    re.I,
)


def numeric_filters(reading: Any, ds: Dataset) -> dict[str, Any]:
    """Numeric columns the question restricts to one value: a column written equal to a
    number it holds ("Weekend audits only (Weekend = 1)"), or a year kept with "only" ("Only the
    2021 samples") on the one year-like column that holds it."""
    q = reading.question
    out: dict[str, Any] = {}
    cols = [m for m in reading.mentions if m.kind == "column" and m.column in ds.numeric]
    for e in _EQUALS.finditer(q):
        named = [m.column for m in cols if e.start(1) <= m.start and m.end <= e.end(1) + 1]
        if len(named) != 1 or ds.n_levels(named[0]) > 50:
            continue
        value = float(e.group(2))
        if (ds.frame[named[0]] == value).any():
            out[named[0]] = value
    for m in reading.mentions:  # the reader's own reading of "Weekend = 1" (a condition)
        if m.kind == "value" and m.how == "condition" and m.column in ds.numeric:
            out.setdefault(m.column, m.value)
    for e in _ONLY_YEAR.finditer(q):
        year = float(e.group(1) or e.group(2))
        years = [c for c in ds.numeric if re.match(r"^(?:year|yr|season)s?$", str(c).strip(), re.I)
                 and (ds.frame[c] == year).any()]  # fmt: skip
        if len(years) == 1 and years[0] not in out:
            out[years[0]] = year
    return out


# "excluding School B", "except the weekend rows", "other than Tuesdays": values set aside
_EXCLUDING = re.compile(
    r"\b(excluding|exclude|except( for)?|other than|apart from|aside from|besides|leaving out|"
    r"leave out|not counting|ignoring|ignore|omitting|omit|drop(ping)?|but not|minus)"
    r"\s+(the\s+|all\s+|any\s+)?([\w-]+\s+){0,2}$",
    re.I,
)


def excluded_values(reading: Any, ds: Dataset) -> dict[str, list[Any]]:
    """Values of a label column the question sets aside ("mean score excluding School B",
    "except for the weekend rows"): {column: [values]}; the rows kept are the other ones."""
    out: dict[str, list[Any]] = {}
    q = reading.question
    for m in reading.mentions:
        if m.kind != "value" or m.column not in ds.frame.columns:
            continue
        before = q[max(0, m.start - 40) : m.start]
        if re.search(r"[,;:.?!()]", before.split(" ")[-1] if before else "") is None and (
            _EXCLUDING.search(before)
        ):
            vals = out.setdefault(m.column, [])
            if m.value not in vals:
                vals.append(m.value)
    return out


def filtered(ds: Dataset, filters: dict[str, Any]):
    frame = ds.frame
    for c, v in filters.items():
        frame = frame[frame[c] == v]
    return frame


def disagreement(
    methods: list[Any], alpha: float, labels: dict[str, str], yes: str, no: str
) -> str:
    """A caveat when the applicable methods reach different verdicts at ``alpha`` ('' if not)."""
    sig = {m.name: m.p_value < alpha for m in methods if m.applicable and m.p_value is not None}
    if len(set(sig.values())) <= 1:
        return ""
    return "the applicable tests disagree: " + ", ".join(
        f"{labels[k]} {yes if s else no}" for k, s in sig.items()
    )
