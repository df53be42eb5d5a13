"""Which relationship family a question about two things asks for, from the kinds of the
columns it names rather than from the word people use.

People say "correlation" of two categories ("is there a correlation between gender and
smoking?": a contingency table) and "depends on" of two measurements ("do longer calls depend
on how often the client was phoned?": a correlation); a question that asks whether two columns
are tied to each other is no request for a description. MODE's family is corrected only when
the columns the question grounds are all of one kind and no method was named:

* correlation read, every grounded column a category (text labels, or two-valued numbers), at
  least two of them -> contingency;
* contingency read, every grounded column a continuous measurement (numbers with many
  distinct values) and no word of counts or tables -> correlation;
* descriptive or distribution read, but the question asks whether one thing is related to,
  tied to or dependent on another -> correlation for measurements, contingency for categories;
* variance read with categories only (no measurement to spread) -> contingency;
* a test of groups read, two categories said to be related -> contingency;
* a test of groups or a correlation read, a yes/no column split ("proportion", "share", "mix")
  over more than two groups of another column, text or coded numbers -> contingency;
* regression read, two measurements said to be related with no word of a model (a response,
  a prediction, a slope, an effect) -> correlation.

A mixture of a measurement and a category (a comparison of groups) is left alone, as is any
question naming a method.

>>> import pandas as pd
>>> from havoc_srs.data import Dataset
>>> from havoc_srs.reader import read
>>> ds = Dataset.from_frame(pd.DataFrame({"smoker": ["yes", "no"] * 20,
...                                       "sex": ["F", "F", "M", "M"] * 10}))
>>> relation_family("correlation", read("Any correlation between smoker and sex?", ds), ds)
('contingency', 'two categorical columns (smoker, sex): a contingency question')
"""

from __future__ import annotations

import re
from typing import Any

_RELATED = re.compile(
    r"\b(?:related|relationship|relation between|associated|association (?:between|of|with)|"
    r"linked|link between|tied|"
    r"connected|connection|depends? on|dependent on|dependen(?:ce|cy)|(?:have|has) (?:anything|something|much) "
    r"to do with|correlat\w*|pattern between|moves? (?:together )?with|relates? to|"
    r"go(?:es)? (?:hand in hand |along )?with)\b"
)
# words of counts and tables: a contingency question even over numeric codes
_TABLE_WORDS = re.compile(
    r"chi|fisher|mantel|cross[- ]?tab|contingency|odds|independen|\b2 ?x ?2\b|counts?\b|"
    r"proportion|percent|share|how often|more often|frequen|rate\b|rates\b"
)
# a relation asked without a direction (no response, no predictor)
_SYMMETRIC = re.compile(
    r"\b(?:related|relationship|relation|associated|association|linked|link between|tied|"
    r"connected|connection|correlat\w*|go(?:es)? together|line up|in step|move together|"
    r"mov(?:es?|ing) (?:along )?with|inversely|(?:a|any|the) link)\b"
)
# words of a model: a regression question even when it says "relationship"
_MODEL_WORDS = re.compile(
    r"regress|predict|model|\bfit|\bline\b|slope|intercept|coefficient|equation|effect|impact|"
    r"explain|forecast|for (?:every|each)|per (?:unit|additional|extra)|r-?squared|\br2\b|"
    r"trend|depend|drive|caus|influenc|how much (?:does|do|will|would)|"
    # the shape of the relation asked (a curve or a squared term is a model's)
    r"curv|quadratic|polynomial|squared term|non-?linear|level(?:s|ling|led)? off|plateau|"
    r"flatten(?:s|ing)? (?:off|out)|\bstraight\b[^.?!]{0,30}\bor\b"
)
# rows split over the levels of a category and compared ("similar proportions", "the mix of")
_SPLIT = re.compile(
    r"\b(?:proportions?|mix|split|breakdown|distribution|distributed|spread across|share)\b"
)
# a yes/no column's rate in other words ("the response rate", "how often they renew")
_RATE = re.compile(r"\b(?:rates?|percentages?|percent|how often|frequency|likelihood|chances?)\b")
# two measurements said to rise or fall together by comparatives: "do tumours with a bigger
# radius also have a coarser texture?", "do cars with more power get lower mileage?"
_COVARY = re.compile(
    r"\bwith (?:a |an |the )?(?:\w+er|more|less|fewer|bigger|higher|longer) (?:[\w-]+ ){1,4}?"
    r"(?:also |tend to |usually |generally |typically |on average )?(?:have|has|get|gets|show|"
    r"shows|score|scores|cost|costs|pay|pays|take|takes|earn|earns|weigh|weighs|last|lasts|run|"
    r"runs|need|needs|use|uses|reach|reaches|come with|make|makes|do|does|buy|buys|spend|spends|"
    r"produce|produces|sell|sells|see|sees|cause|causes|carry|carries|hold|holds) "
    r"(?:a |an |the )?(?:\w+er|more|less|fewer)\b"
    r"|\bthe (?:\w+er|more|less) (?:[\w-]+,? ){1,4}?the (?:\w+er|more|less)\b"
)
# rows (not a measurement) spread over the levels of a column
_ACROSS_LEVELS = re.compile(
    r"\b(?:spread|distributed|split|fall|fell|land|landed)\s+(?:out\s+)?(?:across|over|among|between|into)\b"
)
# a variance named outright: the measurement was described, not missing
_VARIANCE_WORDS = re.compile(r"varian|variab|homogene|levene|bartlett|anova|fligner")
_MANY_LEVELS = 12  # a numeric column with more distinct values is a measurement
_DATA_FAMILIES = ("descriptive", "distribution")


def _kind(ds: Any, column: str) -> str:
    """'category', 'measurement' or '' (a numeric column of a few levels: could be either)."""
    from havoc_srs.families._common import analysable

    if column in ds.labels:
        n = int(ds.frame[column].notna().sum())
        if n > 10 and ds.n_levels(column) >= 0.9 * n:
            return ""  # a serial number or tag: a new value on every row, no category
        return "category"
    if column not in ds.numeric or not analysable(ds, [column]):
        return ""
    levels = ds.n_levels(column)
    if levels <= 2:
        return "category"
    return "measurement" if levels > _MANY_LEVELS else ""


def _names_rows(ds: Any, column: str) -> bool:
    """A label column with a different value on (nearly) every row (County, Country name):
    it names the units the question is about, it is no variable of the relation."""
    if column not in ds.labels or len(ds.frame) < 10:
        return False
    col = ds.frame[column].dropna()
    return len(col) > 0 and col.nunique() >= 0.95 * len(col)


def _pair(reading: Any, ds: Any, cols: list[str]) -> list[str]:
    """The two sides of a relation when the question names fewer than two columns: the columns
    whose values it names ("men and women" -> sex), then the columns it describes rather than
    names ("who won" -> winner; "which kind of ranked game" -> rated), by sentence embedding."""
    if len(cols) >= 2 or not (
        _RELATED.search(reading.question.lower()) or _SPLIT.search(reading.question.lower())
    ):
        return cols
    cols = cols + [m.column for m in reading.mentions if m.kind == "value" and m.column not in cols]
    cols = list(dict.fromkeys(cols))
    if len(cols) >= 2:
        return cols
    from havoc_srs.families._common import analysable
    from havoc_srs.reader.columns import semantic_columns

    pool = [c for c in analysable(ds, list(ds.frame.columns)) if c not in cols]
    from havoc_srs.reader.meaning import kind_mentions

    # a quantity said by what it is ("whether a parcel comes back": the yes/no column)
    cols += [m.column for m in kind_mentions(reading.question, ds, pool)][: 2 - len(cols)]
    if len(cols) >= 2:
        return cols
    pool = [c for c in pool if c not in cols]
    found = semantic_columns(
        reading.question, ds, pool, 2 - len(cols), list(reading.mentions), anchored=bool(cols)
    )
    return cols + [m.column for m in found]


def _levels_named(low: str, ds: Any, column: str) -> int:
    """How many values of ``column`` the (lower-case) question writes as words."""
    values = {str(v).strip().lower() for v in ds.frame[column].dropna().unique()}
    return sum(
        bool(v) and re.search(rf"(?<!\w){re.escape(v)}(?!\w)", low) is not None for v in values
    )


def relation_family(fam: str, reading: Any, ds: Any) -> tuple[str, str] | None:
    """(family, why) when the column kinds overrule ``fam`` (see the module doc), else None."""
    if ds is None or getattr(ds, "name", "") == "question" or reading.methods:
        return None
    cols = list(dict.fromkeys(m.column for m in reading.mentions if m.kind == "column"))
    rows = [c for c in cols if _names_rows(ds, c)]
    if rows and len(cols) - len(rows) >= 2:  # "counties with longer commutes": the rows
        cols = [c for c in cols if c not in rows]
    cols = _pair(reading, ds, cols)
    kinds = {c: _kind(ds, c) for c in cols}
    low = reading.question.lower()
    if (
        fam == "variance"
        and len(cols) >= 2
        and "category" in kinds.values()
        and "measurement" not in kinds.values()
        and _ACROSS_LEVELS.search(low)
        and not _VARIANCE_WORDS.search(low)
    ):  # "are night-time crashes spread across the 1-4 severity levels differently": rows
        # spread over the levels of a score, not the spread of a measurement
        named = ", ".join(ds.header(c) for c in cols)
        return "contingency", f"rows spread over the levels of {named}: a contingency question"
    if (
        fam in ("hypothesis_test", "correlation")
        and len(cols) == 2
        and "measurement" not in kinds.values()
        and any(k == "category" and ds.n_levels(c) == 2 for c, k in kinds.items())
        and max(ds.n_levels(c) for c in cols) > 2
        # (an identifier of the rows, "reject boards" of ``Board`` B1..B300, is no grouping)
        and all(ds.n_levels(c) < 0.5 * ds.frame[c].notna().sum() for c in cols)
        # (two of the groups named, "between L1 and L3": a test of two proportions)
        and not any(_levels_named(low, ds, c) >= 2 for c in cols if ds.n_levels(c) > 2)
        # a test of groups has no measurement to compare here, and two proportions are not
        # more than two ("wane rate by headrig, any difference?" over four saws)
        and (
            _SPLIT.search(low)
            or _RATE.search(low)
            # (labels or 0/1 flags: a numeric column of a few values may be a measurement)
            or fam == "hypothesis_test"
            and all(c in ds.labels or ds.n_levels(c) == 2 for c in cols)
        )
        and not _VARIANCE_WORDS.search(low)
    ):  # "whether the proportion of wins differs across game patches" (Patch = 12.1, 12.5,
        # ...): a yes/no outcome split over more than two groups of a coded column, no test of
        # two proportions
        named = ", ".join(ds.header(c) for c in cols)
        return "contingency", f"a yes/no column split over the groups of another ({named})"
    if not cols or "" in kinds.values() or len(set(kinds.values())) != 1:
        return None
    kind = next(iter(kinds.values()))
    named = ", ".join(ds.header(c) for c in cols)
    if (
        fam == "hypothesis_test"
        and kind == "measurement"
        and len(cols) == 2
        and _COVARY.search(low)
    ):
        return "correlation", f"two measurements ({named}) said to rise or fall together"
    if fam == "correlation" and kind == "category" and len(cols) >= 2:
        return "contingency", f"two categorical columns ({named}): a contingency question"
    if fam == "contingency" and kind == "measurement" and not _TABLE_WORDS.search(low):
        return "correlation", f"measurements only ({named}): a correlation question"
    if fam in _DATA_FAMILIES and _RELATED.search(low):
        to = "correlation" if kind == "measurement" else "contingency"
        return to, f"asks whether {named} is related to another column: a {to} question"
    if (
        fam == "variance"
        and kind == "category"
        and len(cols) >= 2
        and not _VARIANCE_WORDS.search(low)
    ):  # "are the outcome states spread differently across categories": no measurement
        return "contingency", f"no measurement, two categorical columns ({named}): contingency"
    if (
        fam == "hypothesis_test"
        and kind == "category"
        and len(cols) >= 2
        and (
            (_RELATED.search(low) and not _TABLE_WORDS.search(low))
            or (max(ds.n_levels(c) for c in cols) > 2 and _SPLIT.search(low))
        )
    ):  # "does having 5G depend on the brand": an association of two categories; a split
        # compared over more than two groups is no test of two proportions  # "does having 5G depend on the brand": an association of two categories
        return "contingency", f"whether {named} are related: two categorical columns"
    if fam == "regression" and kind == "category" and len(cols) >= 2 and _RELATED.search(low):
        # "is the result related to whether the game was rated": no measurement to regress
        return "contingency", f"whether {named} are related: two categorical columns"
    if (
        fam in ("regression", "hypothesis_test")
        and kind == "measurement"
        and len(cols) == 2
        and _SYMMETRIC.search(low)
        and not _MODEL_WORDS.search(low)
        and not re.search(r"\bdiffer|\bpaired\b|\bt[- ]?test\b|\bmeans?\b|\baverages?\b", low)
    ):  # "is there any relationship between X and Y": no response, no model asked
        return "correlation", f"whether {named} are related, with no model asked: correlation"
    return None
