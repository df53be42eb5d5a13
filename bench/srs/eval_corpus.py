"""Score the SRS reader and families on the blind question corpus (bench/srs/corpus).

The corpus was written by people who had not read the reader's code. Its split is fixed by a
hash of each question's id (``half(id)``), decided before any tuning: the ``tune`` half may be
read and used to improve the reader, the ``test`` half is only ever scored (this script prints
failures for the tune half only).

A question counts as right when the status is ``answered``, the family matches, the statistic
matches (descriptive: the set of statistics asked; a named method: the method the conclusion
rests on; ``any``: any method of the family; a distribution target: a method testing it) and
``answer["columns"]`` equals the labelled columns exactly (header spelling included; for numbers
typed into the question, which have no headers, see ``columns_ok``).

    uv run python bench/srs/eval_corpus.py                 # both halves, summary
    uv run python bench/srs/eval_corpus.py --show-tune 40  # the first 40 tune-half failures
    uv run python bench/srs/eval_corpus.py --scope         # the scope set: precision/recall of answered

Each question has a wall-clock limit (`--time-limit`, 120 s): a question past it counts as a
miss with the reason "time limit", so one hang cannot stall a whole run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import signal
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

CORPUS = Path(__file__).parent / "corpus"
TARGETS = {
    "normal": {"shapiro_wilk", "anderson_darling", "ks_normal", "lilliefors"},
    "exponential": {"ks_exponential", "lilliefors"}, "uniform": {"ks_uniform"},
    "gamma": {"ks_gamma"}, "weibull": {"ks_weibull"}, "lognormal": {"ks_lognormal"},
    "same_distribution": {"ks_two_sample"},
}  # fmt: skip


class TimeLimit(BaseException):
    """A question ran past ``--time-limit`` (BaseException: the pipeline's own ``except
    Exception`` handlers must not swallow it)."""


def _over_time(signum, frame):  # noqa: ARG001 - signal handler signature
    raise TimeLimit


def run_limited(fn, seconds: float):
    """``fn()`` with a wall-clock limit (SIGALRM; no limit where it is missing or ``seconds``
    is 0). Code that holds the interpreter (a regex in C) is stopped when it returns: the caller
    also compares the elapsed time with the limit."""
    if not seconds or not hasattr(signal, "setitimer"):
        return fn()
    old = signal.signal(signal.SIGALRM, _over_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def half(qid: str) -> str:
    """The fixed split: sha1 of the id, even -> test, odd -> tune."""
    return "test" if int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 2 == 0 else "tune"


def load(pattern: str = "questions_*.jsonl") -> list[dict]:
    out = []
    for f in sorted(CORPUS.glob(pattern)):
        out += [
            json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
    return out


def read_table(name: str | None) -> pd.DataFrame | None:
    if not name:
        return None
    return pd.read_csv(CORPUS / "tables" / name)


def _norm_label(c: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", " ", str(c))).strip().lower()


def columns_ok(item: dict, got: list[str]) -> bool:
    """Exact header strings for a table. For numbers typed into the question there are no
    headers: an unlabelled gold list ([]) accepts any label, otherwise labels are compared
    without case and units in brackets ("Ad spend (k$)" = "Ad spend")."""
    want = item.get("columns") or []
    if item.get("table"):
        return sorted(got) == sorted(want)
    if not want:
        return True
    return sorted(map(_norm_label, got)) == sorted(map(_norm_label, want))


ENGINEERING = {
    "hypothesis_test", "regression", "doe_design", "doe_analysis", "spc_chart", "capability",
    "measurement_system", "power", "symbolic",
}  # fmt: skip
# gold statistic (corpus e) -> the plan analyses that run it
ANALYSES = {
    "one_sample_t": {"ttest_1samp"}, "two_sample_t": {"ttest_pooled"}, "welch_t": {"ttest_welch"},
    "paired_t": {"ttest_paired"}, "anova": {"anova", "welch_anova"},
    "mann_whitney": {"mannwhitney"}, "wilcoxon": {"wilcoxon", "wilcoxon_1samp"},
    "kruskal": {"kruskal"}, "one_proportion": {"proportion_1"}, "two_proportion": {"proportion_2"},
    "full_factorial": {"design_full"}, "fractional_factorial": {"design_fractional"},
    "plackett_burman": {"design_plackett_burman"}, "ccd": {"design_ccd"},
    "box_behnken": {"design_box_behnken"},
    "imr": {"chart_imr"}, "xbar_r": {"chart_xbar_r"}, "xbar_s": {"chart_xbar_s"},
    "p": {"chart_p"}, "np": {"chart_np"}, "c": {"chart_c"}, "u": {"chart_u"},
    "ewma": {"chart_ewma"}, "cusum": {"chart_cusum"},
    "derivative": {"derive"}, "integral": {"integrate"}, "solve": {"solve"},
    "simplify": {"simplify"}, "limit": {"limit"},
}  # fmt: skip


def _close(a, b) -> bool:
    try:
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))
    except (TypeError, ValueError):
        return False


def score_engineering(item: dict, res) -> list[str]:
    """Corpus e: status, family, the method asked (``ANALYSES``; a list = any of them), the
    columns used (tables only: the same set of headers) and the numbers the question states
    that the answer reports (spec limits, power settings, alpha, the alternative, a design's
    factor count)."""
    a = res.answer
    why = []
    if res.status != "answered":
        why.append(f"status {res.status}")
    if a.get("family") != item["family"]:
        why.append(f"family {a.get('family')} != {item['family']}")
        return why
    fam, want = item["family"], item.get("statistic") or ["any"]
    kn = a.get("key_numbers") or {}
    analysis = a.get("analysis")
    if "any" not in want:
        if fam == "power":
            solved = kn.get("solved_for")
            if (solved == "n") != (want[0] == "sample_size"):
                why.append(f"solved for {solved}, asked {want[0]}")
        elif fam == "regression":
            formula = str(kn.get("formula") or "")
            poly = (
                bool(re.search(r"\*\*|\^|I\(|poly", formula)) or a.get("analysis") == "polynomial"
            )
            if (want[0] == "polynomial") != poly:
                why.append(f"formula {formula!r} for {want[0]}")
        elif not any(analysis in ANALYSES.get(w, ()) for w in want):
            why.append(f"analysis {analysis} != {want}")
    if item.get("table"):
        got = a.get("columns") or []
        if sorted(got) != sorted(item.get("columns") or []):
            why.append(f"columns {got} != {item.get('columns')}")
    params = item.get("params") or {}
    for key in ("lsl", "usl", "alpha", "power", "n"):
        if key in params and key in kn and not _close(kn[key], params[key]):
            why.append(f"{key} {kn[key]} != {params[key]}")
        elif key in params and fam in ("capability",) and key not in kn:
            why.append(f"{key} not used")
    if (
        "effect_size" in params
        and fam == "power"
        and not _close(kn.get("effect_size"), params["effect_size"])
    ):
        why.append(f"effect size {kn.get('effect_size')} != {params['effect_size']}")
    if "alternative" in params and kn.get("alternative") not in (None, params["alternative"]):
        why.append(f"alternative {kn.get('alternative')} != {params['alternative']}")
    if "factors" in params and fam == "doe_design" and kn.get("k") != params["factors"]:
        why.append(f"{kn.get('k')} factors != {params['factors']}")
    return why


def score(item: dict, res) -> list[str]:
    if item["family"] in ENGINEERING:
        return score_engineering(item, res)
    a = res.answer
    why = []
    if res.status != "answered":
        why.append(f"status {res.status}")
    if a.get("family") != item["family"]:
        why.append(f"family {a.get('family')} != {item['family']}")
        return why
    want = item.get("statistic") or ["any"]
    if item["family"] == "descriptive":
        got = set((a.get("key_numbers") or {}).get("statistics") or [])
        if got != set(want):
            why.append(f"statistics {sorted(got)} != {sorted(want)}")
    else:
        rests = (a.get("rests_on") or {}).get("method") or a.get("method")
        w = want[0]
        if w in TARGETS:
            if rests not in TARGETS[w]:
                why.append(f"method {rests} does not test {w}")
        elif w != "any" and rests != w:
            why.append(f"method {rests} != {w}")
    if not columns_ok(item, a.get("columns") or []):
        why.append(f"columns {a.get('columns')} != {item.get('columns')}")
    return why


def score_reading(item: dict, frame: pd.DataFrame | None) -> list[str]:
    """Family and columns from MODE + the reader + the family's PLAN, without executing."""
    from havoc_srs.data import load_data
    from havoc_srs.families import REGISTRY
    from havoc_srs.mode import decide_mode
    from havoc_srs.phrasing import Phrasing
    from havoc_srs.reader import read
    from havoc_srs.reader.decide import choose_family

    q = item["question"]
    ds = load_data(frame)
    reading = read(q, ds)
    mode = choose_family(decide_mode(q, Phrasing(), ds), reading, ds)
    if mode.family != item["family"]:
        return [f"family {mode.family} != {item['family']}"]
    p = REGISTRY[mode.family].plan(reading, ds)
    if p.missing:
        return ["missing: " + "; ".join(m.what for m in p.missing)]
    cols = p.context.get("columns", [])
    if not columns_ok(item, cols):
        return [f"columns {cols} != {item.get('columns')}"]
    return []


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-tune", type=int, default=0)
    ap.add_argument("--scope", action="store_true")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--files", default="questions_*.jsonl", help="corpus files (glob)")
    ap.add_argument("--scope-files", default="scope_*.jsonl", help="--scope: scope files (glob)")
    ap.add_argument(
        "--quiet", action="store_true", help="--scope: print no tune-half misses (a blind run)"
    )
    ap.add_argument("--half", choices=("tune", "test"), default=None, help="score one half only")
    ap.add_argument(
        "--family", default=None, help="score these families only (comma-separated labels)"
    )
    ap.add_argument(
        "--mode-only", action="store_true", help="score family and columns only (no execution)"
    )
    ap.add_argument(
        "--time-limit",
        type=float,
        default=120.0,
        help="seconds per question; a question past it is a miss ('time limit'), 0 = none",
    )
    args = ap.parse_args()
    from havoc_srs import Pipeline

    pipe = Pipeline(index=False)
    if args.scope:
        # with the bundled handbook: explanations need their notes
        return scope(
            Pipeline(), args.scope_files, show=not args.quiet, only=args.half, limit=args.time_limit
        )
    items = [it for it in load(args.files) if args.half in (None, half(it["id"]))]
    if args.family:
        wanted = {f.strip() for f in args.family.split(",")}
        items = [it for it in items if it["family"] in wanted]
    kinds: dict[str, Counter] = defaultdict(Counter)
    by_src: dict[tuple[str, str], Counter] = defaultdict(Counter)
    by_half: dict[str, Counter] = defaultdict(Counter)
    by_fam: dict[tuple[str, str], Counter] = defaultdict(Counter)
    # warm-up outside the time limit: the first question loads the embedder and the classifier
    pipe.run("mean of 1 2 3 4")
    fails = []
    slowest: list[tuple[float, str]] = []
    t0 = time.perf_counter()
    for it in items:
        h = half(it["id"])
        started = time.perf_counter()
        try:
            if args.mode_only:
                why = run_limited(
                    lambda it=it: score_reading(it, read_table(it.get("table"))), args.time_limit
                )
            else:
                res = run_limited(
                    lambda it=it: pipe.run(it["question"], data=read_table(it.get("table"))),
                    args.time_limit,
                )
                why = score(it, res)
        except TimeLimit:
            why = ["time limit: stopped"]
        except Exception as e:  # a crash is a wrong answer, and is shown
            why = [f"crash {type(e).__name__}: {e}"]
        took = time.perf_counter() - started
        if args.time_limit and took > args.time_limit and why[:1] != ["time limit: stopped"]:
            # code that held the interpreter (a regex in C) ran past the limit, then returned
            why = [f"time limit: {took:.0f} s > {args.time_limit:g} s"] + why
        slowest.append((took, it["id"]))
        ok = not why
        by_half[h]["n"] += 1
        by_half[h]["ok"] += ok
        by_fam[(h, it["family"])]["n"] += 1
        by_fam[(h, it["family"])]["ok"] += ok
        by_src[(h, it["id"].split("-")[0])]["n"] += 1
        by_src[(h, it["id"].split("-")[0])]["ok"] += ok
        if not ok:
            kinds[h][why[0].split()[0]] += 1
        if not ok and h == "tune":
            fails.append((it, why))
    dt = time.perf_counter() - t0
    print(f"{len(items)} questions in {dt:.1f} s")
    for h in ("tune", "test"):
        c = by_half[h]
        if c["n"]:
            print(f"{h}: {c['ok']}/{c['n']} = {c['ok'] / c['n']:.3f}")
            for (hh, fam), cc in sorted(by_fam.items()):
                if hh == h:
                    print(f"   {fam:13s} {cc['ok']}/{cc['n']} = {cc['ok'] / cc['n']:.3f}")
            print("   first reason of each miss:", dict(kinds[h].most_common()))
            print("   by corpus:", ", ".join(
                f"{src} {cc['ok']}/{cc['n']} = {cc['ok'] / cc['n']:.3f}"
                for (hh, src), cc in sorted(by_src.items()) if hh == h))  # fmt: skip
    for it, why in fails[: args.show_tune]:
        print(
            f"- {it['id']} [{it['family']}] {it['question']!r} ({it.get('table')}): {'; '.join(why)}"
        )
    slowest.sort(reverse=True)
    print("   slowest:", ", ".join(f"{qid} {t:.1f} s" for t, qid in slowest[:5]))
    if args.json:
        report = {h: dict(c) for h, c in by_half.items()}
        report["by_family"] = {f"{h}/{fam}": dict(c) for (h, fam), c in sorted(by_fam.items())}
        report["by_corpus"] = {f"{h}/{src}": dict(c) for (h, src), c in sorted(by_src.items())}
        report["first_reason"] = {h: dict(c) for h, c in kinds.items()}
        report["seconds"] = round(dt, 1)
        args.json.write_text(json.dumps(report, indent=1))
    return 0


def scope(
    pipe,
    pattern: str = "scope_*.jsonl",
    show: bool = True,
    only: str | None = None,
    limit: float = 120.0,
) -> int:
    items = []
    for f in sorted(CORPUS.glob(pattern)):
        items += [
            json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
    items = [it for it in items if only in (None, half(it["id"]))]
    res = defaultdict(Counter)
    for it in items:
        h = half(it["id"])
        try:
            r = run_limited(
                lambda it=it: pipe.run(it["question"], data=read_table(it.get("table"))), limit
            )
            status = r.status
        except TimeLimit:
            status = "time limit"
        except Exception as e:
            status = f"error:{type(e).__name__}"
        answered = status in ("answered", "explained")
        res[h]["tp"] += answered and it["answerable"]
        res[h]["fp"] += answered and not it["answerable"]
        res[h]["fn"] += (not answered) and it["answerable"]
        res[h]["tn"] += (not answered) and not it["answerable"]
        res[h]["agree"] += status == it["expected_status"]
        if show and h == "tune" and answered != it["answerable"]:
            print(
                f"- {it['id']} [{it.get('kind')}] {it['question'][:90]!r}: got {status}, want {it['expected_status']}"
            )
    for h, c in res.items():
        prec = c["tp"] / max(1, c["tp"] + c["fp"])
        rec = c["tp"] / max(1, c["tp"] + c["fn"])
        n = c["tp"] + c["fp"] + c["fn"] + c["tn"]
        print(
            f"{h}: answered precision {prec:.3f}, recall {rec:.3f}; unanswerable answered {c['fp']}; "
            f"expected status {c['agree']}/{n}; {dict(c)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
