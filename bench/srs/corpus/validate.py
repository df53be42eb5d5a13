"""Check a question corpus file (questions_<tag>.jsonl) against the corpus format.

Usage (from the repository root):
    uv run python bench/srs/corpus/validate.py bench/srs/corpus/questions_a.jsonl [...]

Checks, per line: JSON object with exactly the allowed keys; id unique and
"<tag>-NNNN"; table is null or an existing CSV in tables/; every listed column is an
exact header of that table; family, statistic and style come from the vocabulary;
column types fit the family (numeric for correlation/variance/distribution values,
categorical — text or at most 12 distinct values — for contingency); group values
exist in some listed column. Prints counts per family, style and table; exits 1 on
any problem.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
TABLES = HERE / "tables"

FAMILIES = {"correlation", "contingency", "variance", "distribution", "descriptive"}
STYLES = {
    "terse",
    "chatty",
    "indirect",
    "misspelled",
    "described",
    "formal",
    "imperative",
    "question_from_manager",
    "with_inline_data",
    "non_native",
}
DESCRIPTIVE = {
    "mean",
    "median",
    "mode",
    "range",
    "quartiles",
    "std",
    "variance",
    "skewness",
    "kurtosis",
    "iqr",
    "cv",
    "min",
    "max",
    "count",
}
METHODS = {
    "correlation": {"pearson", "spearman", "kendall", "partial_correlation", "any"},
    "contingency": {"chi2_independence", "fisher_exact", "mantel_haenszel", "any"},
    "variance": {"f_test_variance", "levene", "bartlett", "mood", "fligner", "any"},
    "distribution": {
        "shapiro_wilk",
        "anderson_darling",
        "ks_normal",
        "lilliefors",
        "ks_uniform",
        "ks_exponential",
        "ks_gamma",
        "ks_weibull",
        "ks_lognormal",
        "ks_two_sample",
        "normal",
        "exponential",
        "uniform",
        "gamma",
        "weibull",
        "lognormal",
        "same_distribution",
    },
    "descriptive": DESCRIPTIVE,
}
KEYS = {"id", "question", "table", "family", "statistic", "columns", "style"}
OPTIONAL = {"groups"}
MAX_LEVELS = 12

_tables: dict[str, pd.DataFrame] = {}


def load(name: str) -> pd.DataFrame:
    if name not in _tables:
        _tables[name] = pd.read_csv(TABLES / name, encoding="utf-8")
    return _tables[name]


def is_categorical(s: pd.Series) -> bool:
    return not pd.api.types.is_numeric_dtype(s) or s.nunique(dropna=True) <= MAX_LEVELS


def check_line(obj: object, seen: set[str]) -> list[str]:
    if not isinstance(obj, dict):
        return ["not a JSON object"]
    errs = []
    keys = set(obj)
    if not KEYS <= keys:
        errs.append(f"missing keys {sorted(KEYS - keys)}")
    if keys - KEYS - OPTIONAL:
        errs.append(f"unknown keys {sorted(keys - KEYS - OPTIONAL)}")
    if errs:
        return errs
    qid, fam, stats, cols, table = (
        obj["id"],
        obj["family"],
        obj["statistic"],
        obj["columns"],
        obj["table"],
    )
    if not isinstance(qid, str) or not re.fullmatch(r"[a-z]+-\d{4}", qid):
        errs.append(f"bad id {qid!r}")
    elif qid in seen:
        errs.append(f"duplicate id {qid}")
    seen.add(str(qid))
    if not isinstance(obj["question"], str) or len(obj["question"].strip()) < 5:
        errs.append("question too short")
    if fam not in FAMILIES:
        return errs + [f"bad family {fam!r}"]
    if obj["style"] not in STYLES:
        errs.append(f"bad style {obj['style']!r}")
    if not isinstance(stats, list) or not stats:
        errs.append("statistic must be a non-empty list")
    else:
        bad = [s for s in stats if s not in METHODS[fam]]
        if bad:
            errs.append(f"statistic {bad} not allowed for {fam}")
        if fam != "descriptive" and len(stats) != 1:
            errs.append(f"{fam} takes one method, got {stats}")
    if not isinstance(cols, list) or not all(isinstance(c, str) for c in cols):
        return errs + ["columns must be a list of strings"]
    groups = obj.get("groups")
    if groups is not None and (
        not isinstance(groups, list) or not all(isinstance(g, str) for g in groups)
    ):
        errs.append("groups must be a list of strings")
        groups = None
    if table is None:
        if obj["style"] != "with_inline_data":
            errs.append("inline-data question should have style with_inline_data")
        return errs
    if not isinstance(table, str) or not (TABLES / table).is_file():
        return errs + [f"table {table!r} not found in {TABLES}"]
    df = load(table)
    missing = [c for c in cols if c not in df.columns]
    if missing:
        near = {
            c: [h for h in df.columns if h.strip().lower() == c.strip().lower()] for c in missing
        }
        return errs + [f"columns not exact headers: {near}"]
    if not cols:
        errs.append("no columns listed")
        return errs
    if groups:
        found = set()
        for c in cols:
            found |= set(df[c].dropna().astype(str))
        absent = [g for g in groups if g not in found]
        if absent:
            errs.append(f"group values {absent} not found in listed columns")
    numeric = [c for c in cols if pd.api.types.is_numeric_dtype(df[c])]
    cat = [c for c in cols if is_categorical(df[c])]
    if fam == "correlation":
        if len(numeric) < 2 or len(numeric) != len(cols):
            errs.append(f"correlation needs numeric columns only, got {cols}")
        if stats == ["partial_correlation"] and len(cols) < 3:
            errs.append("partial correlation needs a control column")
    elif fam == "contingency":
        if len(cols) < 2 or len(cat) != len(cols):
            errs.append(f"contingency needs categorical columns, got {cols}")
        if stats == ["mantel_haenszel"] and len(cols) != 3:
            errs.append("mantel_haenszel needs two variables and a strata column")
    elif fam in ("variance", "distribution"):
        if not numeric:
            errs.append(f"{fam} needs a numeric value column, got {cols}")
        nonnum = [c for c in cols if c not in numeric]
        if len(nonnum) > 1:
            errs.append(f"{fam}: at most one group column, got {nonnum}")
        if fam == "variance" and len(numeric) < 2 and not nonnum:
            errs.append("variance comparison needs two value columns or a group column")
    elif fam == "descriptive":
        for s in stats or []:
            if s not in ("count", "mode") and not numeric:
                errs.append(f"descriptive {s} needs a numeric column, got {cols}")
                break
    return errs


def main(paths: list[str]) -> int:
    if not paths:
        paths = sorted(str(p) for p in HERE.glob("questions_*.jsonl"))
    bad = 0
    for path in paths:
        seen: set[str] = set()
        fam_c: Counter = Counter()
        style_c: Counter = Counter()
        table_c: Counter = Counter()
        stat_c: Counter = Counter()
        n = 0
        for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            n += 1
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"{path}:{lineno}: invalid JSON: {e}")
                bad += 1
                continue
            for e in check_line(obj, seen):
                print(f"{path}:{lineno} [{obj.get('id') if isinstance(obj, dict) else '?'}]: {e}")
                bad += 1
            if isinstance(obj, dict):
                fam_c[obj.get("family")] += 1
                style_c[obj.get("style")] += 1
                table_c[obj.get("table")] += 1
                for s in obj.get("statistic") or []:
                    stat_c[(obj.get("family"), s)] += 1
        print(f"\n{path}: {n} questions, {bad} problems")
        print("families:", dict(sorted(fam_c.items(), key=lambda x: str(x[0]))))
        print("styles:  ", dict(sorted(style_c.items(), key=lambda x: str(x[0]))))
        print("tables:  ", dict(sorted(table_c.items(), key=lambda x: str(x[0]))))
        print("statistics:", dict(sorted(stat_c.items(), key=lambda x: str(x))))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
