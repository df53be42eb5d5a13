"""Check the question corpora and scope sets in this folder and print their counts.

Checks every ``questions_*.jsonl`` (schema, vocabulary, table files, exact headers, column types,
group values; for the engineering families also the ``params`` keys and values) and every ``scope_*.jsonl`` (schema, kinds, status consistency, tables), plus the
size and encoding of every table in ``tables/``. Exits 1 when anything is wrong.

Run:  uv run python bench/srs/corpus/validate.py [file.jsonl ...]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
TABLES = HERE / "tables"
MAX_ROWS = 600
MAX_BYTES = 120 * 1024

FAMILIES = ("correlation", "contingency", "variance", "distribution", "descriptive")
DESCRIPTIVE = {
    "mean", "median", "mode", "range", "quartiles", "std", "variance", "skewness", "kurtosis",
    "iqr", "cv", "min", "max", "count",
}  # fmt: skip
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
# Engineering analysis families (corpus e): the method vocabulary and the `params` keys each
# family may carry (only the numbers and choices the question states).
ENGINEERING_METHODS = {
    "hypothesis_test": {
        "one_sample_t", "two_sample_t", "welch_t", "paired_t", "anova", "mann_whitney",
        "wilcoxon", "kruskal", "one_proportion", "two_proportion", "any",
    },
    "regression": {"linear", "multiple", "polynomial", "any"},
    "doe_design": {"full_factorial", "fractional_factorial", "plackett_burman", "ccd", "box_behnken"},
    "doe_analysis": {"any"},
    "spc_chart": {"imr", "xbar_r", "xbar_s", "p", "np", "c", "u", "ewma", "cusum", "any"},
    "capability": {"any"},
    "measurement_system": {"any"},
    "power": {"sample_size", "power"},
    "symbolic": {"derivative", "integral", "solve", "simplify", "limit"},
}  # fmt: skip
PARAM_KEYS = {
    "hypothesis_test": {"mu", "p0", "alternative", "alpha", "groups"},
    "regression": {"alpha", "predict_at"},
    "doe_design": {"factors", "runs", "resolution", "center_points"},
    "doe_analysis": {"alpha"},
    "spc_chart": {"subgroup_size", "lambda"},
    "capability": {"lsl", "usl", "target", "subgroup_size"},
    "measurement_system": {"tolerance"},
    "power": {"effect_size", "delta", "sd", "alpha", "power", "n", "p1", "p2", "k"},
    "symbolic": {"expression", "variable", "lower", "upper", "point"},
}
NUMERIC_PARAMS = {
    "mu", "p0", "alpha", "lsl", "usl", "target", "tolerance", "effect_size", "delta", "sd",
    "power", "p1", "p2", "lambda",
}  # fmt: skip
INT_PARAMS = {"subgroup_size", "factors", "runs", "resolution", "center_points", "n", "k"}
PROBABILITY_PARAMS = {"p0", "alpha", "power", "p1", "p2", "lambda"}
ALTERNATIVES = {"less", "greater", "two-sided"}
NO_TABLE_FAMILIES = {"doe_design", "symbolic"}
DOE_MAX_LEVELS = 5  # low, high, centre (and axial) settings of a factor in a run sheet
ALL_FAMILIES = FAMILIES + tuple(ENGINEERING_METHODS)

STYLES = {
    "terse", "chatty", "indirect", "misspelled", "described", "formal", "imperative",
    "question_from_manager", "with_inline_data", "non_native",
}  # fmt: skip
QUESTION_KEYS = {"id", "question", "table", "family", "statistic", "columns", "style"}
OPTIONAL_QUESTION_KEYS = {"groups"}  # the five description families
ENGINEERING_QUESTION_KEYS = QUESTION_KEYS | {"params"}

STATUSES = {"answered", "explained", "needs_input", "out_of_scope"}
UNANSWERABLE_KINDS = {
    "general_knowledge", "chit_chat", "prompt_injection", "missing_column",
    "computation_without_data", "off_topic_technical", "nonsense", "unsupported_stats",
    "missing_parameter",
}  # fmt: skip
ANSWERABLE_KINDS = set(ALL_FAMILIES) | {
    "ttest", "anova", "regression", "control_chart", "capability", "gage_rr", "doe_design",
    "doe_analysis", "power", "symbolic", "conceptual",
}  # fmt: skip
NO_TABLE_KINDS = {"doe_design", "power", "symbolic", "conceptual", "computation_without_data"}
SCOPE_KEYS = {"id", "question", "table", "answerable", "expected_status", "family", "kind"}
# a categorical column: text, or a few distinct codes (0/1 flags, ratings, kids, test load levels)
MAX_CODES = 12


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"{where}: {msg}")


_table_cache: dict[str, pd.DataFrame | None] = {}


def load_table(name: str) -> pd.DataFrame | None:
    if name not in _table_cache:
        path = TABLES / name
        _table_cache[name] = pd.read_csv(path, encoding="utf-8") if path.is_file() else None
    return _table_cache[name]


def is_numeric(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def is_categorical(s: pd.Series) -> bool:
    if not is_numeric(s):
        return True
    return s.dropna().nunique() <= MAX_CODES


def check_tables(rep: Report) -> None:
    for path in sorted(TABLES.glob("*")):
        where = f"tables/{path.name}"
        if path.suffix != ".csv":
            rep.error(where, "not a .csv file")
            continue
        raw = path.read_bytes()
        if len(raw) > MAX_BYTES:
            rep.error(where, f"{len(raw)} bytes > {MAX_BYTES}")
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            rep.error(where, f"not UTF-8 ({exc})")
            continue
        df = load_table(path.name)
        if df is None or df.empty:
            rep.error(where, "empty table")
        elif len(df) > MAX_ROWS:
            rep.error(where, f"{len(df)} rows > {MAX_ROWS}")
        elif any(str(c).startswith("Unnamed:") for c in df.columns):
            rep.error(where, "header has an empty column name")


def _check_types(rep: Report, where: str, rec: dict, df: pd.DataFrame) -> None:
    fam, cols = rec["family"], rec["columns"]
    groups = rec.get("groups") or []
    if fam == "correlation":
        for c in cols:
            if not is_numeric(df[c]):
                rep.error(where, f"correlation on non-numeric column {c!r}")
        if len(cols) < 2:
            rep.error(where, "correlation needs at least two columns")
        if "partial_correlation" in rec["statistic"] and len(cols) < 3:
            rep.error(where, "partial correlation needs a control column")
    elif fam == "contingency":
        for c in cols:
            if not is_categorical(df[c]):
                rep.error(where, f"contingency on a continuous column {c!r}")
        need = 3 if "mantel_haenszel" in rec["statistic"] else 2
        if len(cols) != need:
            rep.error(where, f"expected {need} categorical columns, got {len(cols)}")
        if "fisher_exact" in rec["statistic"] and any(df[c].nunique() != 2 for c in cols[:2]):
            rep.error(where, "Fisher's exact test needs two binary columns")
    elif fam in ("variance", "distribution", "descriptive"):
        numeric = [c for c in cols if is_numeric(df[c]) and not is_categorical(df[c])]
        if fam == "descriptive" and set(rec["statistic"]) <= {"count", "mode"}:
            numeric = cols  # counting or the mode works on any column
        if not cols:
            rep.error(where, "no columns")
        elif not is_numeric(df[cols[0]]) and not numeric:
            rep.error(where, f"first column {cols[0]!r} is not numeric")
        elif cols[0] not in numeric and fam != "descriptive":
            rep.warn(where, f"value column {cols[0]!r} looks discrete")
        for c in cols[1:]:
            if not is_numeric(df[c]) or is_categorical(df[c]):
                continue
            if fam == "descriptive" or not groups:
                continue  # wide form: several numeric columns compared with each other
            rep.error(where, f"group column {c!r} is continuous")
    for g in groups:
        found = any(
            str(g) in set(df[c].astype(str)) or _numeric_level(g, df[c])
            for c in cols
            if not is_numeric(df[c]) or g.isdigit() or _numeric_level(g, df[c])
        )
        if not found:
            rep.error(where, f"group value {g!r} is in none of the listed columns")


def _numeric_level(g: str, s: pd.Series) -> bool:
    """A group named by a number, such as the 12.5 kN load level of a numeric column."""
    try:
        value = float(g)
    except ValueError:
        return False
    return is_numeric(s) and bool((s.dropna() == value).any())


def _check_params(rep: Report, where: str, rec: dict) -> None:
    fam, params = rec["family"], rec["params"]
    if not isinstance(params, dict):
        rep.error(where, "params must be an object")
        return
    unknown = set(params) - PARAM_KEYS[fam]
    if unknown:
        rep.error(where, f"params keys {sorted(unknown)} not allowed for {fam}")
    for key, value in params.items():
        if key in NUMERIC_PARAMS and (
            isinstance(value, bool) or not isinstance(value, (int, float))
        ):
            rep.error(where, f"param {key!r} should be a number, got {value!r}")
        elif key in INT_PARAMS and (isinstance(value, bool) or not isinstance(value, int)):
            rep.error(where, f"param {key!r} should be an integer, got {value!r}")
        elif key in PROBABILITY_PARAMS and not 0 < value < 1:
            rep.error(where, f"param {key!r} = {value} is not a probability")
    if "alternative" in params and params["alternative"] not in ALTERNATIVES:
        rep.error(where, f"alternative {params['alternative']!r} not in {sorted(ALTERNATIVES)}")
    if "groups" in params and not (
        isinstance(params["groups"], list)
        and params["groups"]
        and all(isinstance(g, str) for g in params["groups"])
    ):
        rep.error(where, "params.groups must be a non-empty list of strings")
    if "predict_at" in params and not (
        isinstance(params["predict_at"], dict)
        and all(isinstance(v, (int, float)) for v in params["predict_at"].values())
    ):
        rep.error(where, "params.predict_at must map column labels to numbers")
    if fam == "symbolic":
        expr = params.get("expression")
        if not isinstance(expr, str) or not expr.strip():
            rep.error(where, "a symbolic question needs params.expression")
        for key in ("variable", "lower", "upper", "point"):
            if key in params and not isinstance(params[key], str):
                rep.error(where, f"symbolic param {key!r} should be text, e.g. '0' or 'oo'")
        if ("lower" in params) != ("upper" in params):
            rep.error(where, "a definite integral needs both lower and upper")
    if "lsl" in params and "usl" in params and not params["lsl"] < params["usl"]:
        rep.error(where, "lsl must be below usl")
    if fam == "capability" and not {"lsl", "usl"} & set(params):
        rep.error(where, "a capability question must state at least one specification limit")
    if fam == "power" and "delta" in params and "sd" not in params and "effect_size" not in params:
        rep.warn(where, "delta without sd")
    if fam == "doe_design" and "factors" not in params:
        rep.error(where, "a design question must state the number of factors")


def _check_engineering_columns(rep: Report, where: str, rec: dict, df: pd.DataFrame) -> None:
    fam, cols, stats = rec["family"], rec["columns"], rec["statistic"]
    continuous = [c for c in cols if is_numeric(df[c]) and not is_categorical(df[c])]
    proportion = {"one_proportion", "two_proportion"} & set(stats)
    counts = {"p", "np", "c", "u"} & set(stats)
    if fam in ("hypothesis_test", "capability", "regression") and not proportion:
        if not is_numeric(df[cols[0]]):
            rep.error(where, f"first column {cols[0]!r} should be the numeric response")
    if fam == "regression":
        if not [c for c in cols[1:] if is_numeric(df[c])]:
            rep.error(where, "a regression needs at least one numeric predictor after the response")
    elif fam == "doe_analysis":
        # a small run sheet has few distinct responses, so only the factors must be few-levelled
        response, factors = df[cols[-1]], [df[c] for c in cols[:-1]]
        if not is_numeric(response) or response.nunique() <= DOE_MAX_LEVELS:
            rep.error(where, f"last column {cols[-1]!r} should be the measured response")
        if len(factors) < 2 or any(f.nunique() > DOE_MAX_LEVELS for f in factors):
            rep.error(
                where, f"expected two or more factor columns of at most {DOE_MAX_LEVELS} levels"
            )
    elif fam == "measurement_system":
        if len(continuous) != 1 or len(cols) < 3:
            rep.error(where, "gage R&R needs part, operator and one continuous measurement column")
    elif fam == "spc_chart":
        if not all(is_numeric(df[c]) for c in cols):
            rep.error(where, "a control chart takes numeric measurement, count or size columns")
        elif not counts and "any" not in stats and not continuous:
            rep.error(where, "a variables chart needs a continuous measurement column")
    groups = rec["params"].get("groups") or []
    for g in groups:
        if not any(str(g) in set(df[c].astype(str)) or _numeric_level(g, df[c]) for c in cols):
            rep.error(where, f"group value {g!r} is in none of the listed columns")


def _check_engineering(rep: Report, where: str, rec: dict) -> bool:
    """Schema, vocabulary, params and table checks of one engineering-family question."""
    fam = rec["family"]
    keys = set(rec)
    if keys != ENGINEERING_QUESTION_KEYS:
        missing, extra = ENGINEERING_QUESTION_KEYS - keys, keys - ENGINEERING_QUESTION_KEYS
        rep.error(where, f"keys: missing {sorted(missing)}, unknown {sorted(extra)}")
        return False
    stats = rec["statistic"]
    if not isinstance(stats, list) or not stats:
        rep.error(where, "statistic must be a non-empty list")
        return False
    bad = [s for s in stats if s not in ENGINEERING_METHODS[fam]]
    if bad:
        rep.error(where, f"statistic {bad} not in the {fam} vocabulary")
    if rec["style"] not in STYLES:
        rep.error(where, f"unknown style {rec['style']!r}")
    if not isinstance(rec["columns"], list):
        rep.error(where, "columns must be a list")
        return False
    _check_params(rep, where, rec)
    if fam in NO_TABLE_FAMILIES:
        if rec["table"] is not None or rec["columns"]:
            rep.error(where, f"{fam} questions carry no table and no columns")
        return True
    if rec["table"] is None:
        if fam not in ("power",) and len(re.findall(r"\d", rec["question"])) < 6:
            rep.error(where, "inline data question without its numbers")
        if "groups" in rec["params"]:
            rep.error(where, "groups given for inline data")
        return True
    if fam == "power":
        rep.error(where, "power questions here carry no table")
    df = load_table(rec["table"])
    if df is None:
        rep.error(where, f"table {rec['table']!r} not found in tables/")
        return True
    missing = [c for c in rec["columns"] if c not in df.columns]
    if missing:
        rep.error(where, f"columns {missing} are not headers of {rec['table']}")
    elif not rec["columns"]:
        rep.error(where, "a table question must name its columns")
    else:
        _check_engineering_columns(rep, where, rec, df)
    return True


def check_questions(rep: Report, path: Path) -> list[dict]:
    records = []
    seen: set[str] = set()
    tag = path.stem.split("_", 1)[1]
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{n}"
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            rep.error(where, f"bad JSON ({exc})")
            continue
        where = f"{path.name}:{rec.get('id', n)}"
        keys = set(rec)
        if QUESTION_KEYS - keys:
            rep.error(where, f"missing keys {sorted(QUESTION_KEYS - keys)}")
            continue
        engineering = rec["family"] in ENGINEERING_METHODS  # params checked by _check_engineering
        if not engineering and keys - QUESTION_KEYS - OPTIONAL_QUESTION_KEYS:
            rep.error(
                where, f"unknown keys {sorted(keys - QUESTION_KEYS - OPTIONAL_QUESTION_KEYS)}"
            )
        if not re.fullmatch(rf"{re.escape(tag)}-\d{{4}}", str(rec["id"])):
            rep.error(where, f"id should look like {tag}-0001")
        if rec["id"] in seen:
            rep.error(where, "duplicate id")
        seen.add(rec["id"])
        if not isinstance(rec["question"], str) or len(rec["question"].strip()) < 3:
            rep.error(where, "empty question")
        fam = rec["family"]
        if engineering:
            if _check_engineering(rep, where, rec):
                records.append(rec)
            continue
        if fam not in FAMILIES:
            rep.error(where, f"unknown family {fam!r}")
            continue
        stats = rec["statistic"]
        if not isinstance(stats, list) or not stats:
            rep.error(where, "statistic must be a non-empty list")
            continue
        bad = [s for s in stats if s not in METHODS[fam]]
        if bad:
            rep.error(where, f"statistic {bad} not in the {fam} vocabulary")
        if rec["style"] not in STYLES:
            rep.error(where, f"unknown style {rec['style']!r}")
        if not isinstance(rec["columns"], list):
            rep.error(where, "columns must be a list")
            continue
        groups = rec.get("groups")
        if groups is not None and not (isinstance(groups, list) and groups):
            rep.error(where, "groups must be a non-empty list when present")
        records.append(rec)
        if rec["table"] is None:
            if not re.search(r"\d", rec["question"]):
                rep.error(where, "inline question without numbers")
            if groups:
                rep.error(where, "groups given for inline data")
            continue
        df = load_table(rec["table"])
        if df is None:
            rep.error(where, f"table {rec['table']!r} not found in tables/")
            continue
        missing = [c for c in rec["columns"] if c not in df.columns]
        if missing:
            rep.error(where, f"columns {missing} are not headers of {rec['table']}")
            continue
        if not rec["columns"]:
            rep.error(where, "a table question must name its columns")
            continue
        _check_types(rep, where, rec, df)
    return records


def check_scope(rep: Report, path: Path) -> list[dict]:
    records = []
    seen: set[str] = set()
    tag = path.stem.split("_", 1)[1]
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{n}"
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            rep.error(where, f"bad JSON ({exc})")
            continue
        where = f"{path.name}:{rec.get('id', n)}"
        if set(rec) != SCOPE_KEYS:
            rep.error(where, f"keys {sorted(set(rec))} != {sorted(SCOPE_KEYS)}")
            continue
        if not re.fullmatch(rf"s({re.escape(tag)})?-\d{{4}}", str(rec["id"])):
            rep.error(where, f"id should look like s-0001 or s{tag}-0001")
        if rec["id"] in seen:
            rep.error(where, "duplicate id")
        seen.add(rec["id"])
        kind, status, ok = rec["kind"], rec["expected_status"], rec["answerable"]
        if not isinstance(ok, bool):
            rep.error(where, "answerable must be true or false")
        if status not in STATUSES:
            rep.error(where, f"unknown expected_status {status!r}")
        if ok and kind not in ANSWERABLE_KINDS:
            rep.error(where, f"answerable question with kind {kind!r}")
        if not ok and kind not in UNANSWERABLE_KINDS:
            rep.error(where, f"unanswerable question with kind {kind!r}")
        if ok != (status in {"answered", "explained"}):
            rep.error(where, f"answerable={ok} contradicts expected_status={status!r}")
        if (kind == "conceptual") != (status == "explained"):
            rep.error(where, "conceptual questions, and only they, expect 'explained'")
        if kind == "computation_without_data" and status != "needs_input":
            rep.error(where, "computation without data should expect needs_input")
        fam = rec["family"]
        if kind in FAMILIES and fam != kind:
            rep.error(where, f"family {fam!r} should be {kind!r}")
        if fam is not None and fam not in ALL_FAMILIES:
            rep.error(where, f"unknown family {fam!r}")
        if kind in NO_TABLE_KINDS and rec["table"] is not None:
            rep.error(where, f"{kind} questions carry no table")
        if kind == "missing_column" and rec["table"] is None:
            rep.error(where, "missing_column needs the table it refers to")
        if rec["table"] is not None and load_table(rec["table"]) is None:
            rep.error(where, f"table {rec['table']!r} not found in tables/")
        records.append(rec)
    return records


def _not_verbatim(rec: dict) -> bool:
    return rec["table"] is not None and any(c not in rec["question"] for c in rec["columns"])


def summarise_questions(path: Path, recs: list[dict]) -> None:
    n = len(recs)
    print(f"\n== {path.name}: {n} questions")
    print("  families:", dict(Counter(r["family"] for r in recs)))
    print("  styles:  ", dict(Counter(r["style"] for r in recs)))
    print("  tables:  ", dict(Counter(r["table"] or "<inline>" for r in recs)))
    stats = Counter(s for r in recs for s in r["statistic"])
    print("  statistics:", dict(sorted(stats.items())))
    per_family = Counter(
        (r["family"], s) for r in recs if r["family"] in ENGINEERING_METHODS for s in r["statistic"]
    )
    if per_family:
        print("  statistics per family:", dict(sorted(per_family.items())))
        params = Counter(k for r in recs for k in r.get("params", {}))
        print("  params keys:", dict(sorted(params.items())))
    # questions that need no data (a design to generate, a power or symbolic calculation)
    tableless = sum(r["family"] in NO_TABLE_FAMILIES | {"power"} for r in recs)
    inline = sum(r["table"] is None for r in recs) - tableless
    other = sum(_not_verbatim(r) for r in recs)
    if tableless:
        print(f"  questions that need no data: {tableless}")
    print(f"  inline data: {inline} ({inline / max(n - tableless, 1):.0%} of the data questions)")
    print(f"  a column not named by its exact header: {other} ({other / max(n, 1):.0%})")


def summarise_scope(path: Path, recs: list[dict]) -> None:
    print(f"\n== {path.name}: {len(recs)} questions")
    ok = sum(r["answerable"] for r in recs)
    print(f"  answerable: {ok}, not answerable: {len(recs) - ok}")
    print("  expected_status:", dict(Counter(r["expected_status"] for r in recs)))
    print("  kinds (answerable):", dict(Counter(r["kind"] for r in recs if r["answerable"])))
    print("  kinds (not):", dict(Counter(r["kind"] for r in recs if not r["answerable"])))


def main(argv: list[str]) -> int:
    rep = Report()
    check_tables(rep)
    files = [Path(a).resolve() for a in argv] or sorted(HERE.glob("*.jsonl"))
    for path in files:
        if path.name.startswith("questions_"):
            summarise_questions(path, check_questions(rep, path))
        elif path.name.startswith("scope_"):
            summarise_scope(path, check_scope(rep, path))
        else:
            rep.error(path.name, "neither questions_<tag>.jsonl nor scope_<tag>.jsonl")
    for w in rep.warnings:
        print("WARNING", w)
    for e in rep.errors:
        print("ERROR", e)
    print(f"\n{len(rep.errors)} error(s), {len(rep.warnings)} warning(s)")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
