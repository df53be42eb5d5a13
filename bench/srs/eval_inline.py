"""Score the corpus questions whose data are typed into the question (``table`` null).

Prints a summary per half and per corpus, and, for the tune half only, each miss with HAVOC's
status, first reasons and answer summary (the test half is only ever counted).

    uv run python bench/srs/eval_inline.py                      # all corpora
    uv run python bench/srs/eval_inline.py --files "questions_[lmn].jsonl" --show 50
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from eval_corpus import half, load, score  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", default="questions_*.jsonl")
    ap.add_argument("--half", choices=("tune", "test"), default=None)
    ap.add_argument("--show", type=int, default=0, help="print this many tune-half misses")
    ap.add_argument("--ids", default="", help="comma-separated tune ids to run only")
    ap.add_argument("--family", default="", help="only this family")
    ap.add_argument("--json", type=Path, default=None, help="write tune-half results here")
    args = ap.parse_args()
    from havoc_srs import Pipeline

    pipe = Pipeline(index=False)
    ids = {i for i in args.ids.split(",") if i}
    items = [
        it for it in load(args.files)
        if not it.get("table") and args.half in (None, half(it["id"]))
        and (not ids or (it["id"] in ids and half(it["id"]) == "tune"))
        and (not args.family or it["family"] == args.family)
    ]  # fmt: skip
    by: dict[str, Counter] = defaultdict(Counter)
    src: dict[tuple[str, str], Counter] = defaultdict(Counter)
    shown, rows = 0, []
    for it in items:
        h = half(it["id"])
        try:
            res = pipe.run(it["question"], data=None)
            why = score(it, res)
            status, ans = res.status, res.answer
        except Exception as e:  # a crash is a wrong answer
            why, status, ans = [f"crash {type(e).__name__}: {e}"], "crash", {}
        by[h]["n"] += 1
        by[h]["ok"] += not why
        src[(h, it["id"][0])]["n"] += 1
        src[(h, it["id"][0])]["ok"] += not why
        if why:
            by[h + "_why"][why[0].split()[0] + " " + (why[0].split() + [""])[1]] += 1
        if h != "tune":
            continue
        rows.append({"id": it["id"], "ok": not why, "why": why, "status": status})
        if why and shown < args.show:
            shown += 1
            miss = "; ".join(m.get("what", "") for m in ans.get("missing") or [])
            summ = (miss or str(ans.get("conclusion") or ""))[:200]
            print(f"- {it['id']} [{it['family']}/{it.get('statistic')}] {it['question']!r}")
            print(f"    cols={it.get('columns')} -> {status}: {'; '.join(why)}")
            print(f"    got fam={ans.get('family')} an={ans.get('analysis')} "
                  f"cols={ans.get('columns')} | {summ}")  # fmt: skip
    for h in ("tune", "test"):
        c = by[h]
        if c["n"]:
            print(f"{h}: {c['ok']}/{c['n']} = {c['ok'] / c['n']:.3f}  misses: "
                  f"{dict(by[h + '_why'].most_common())}")  # fmt: skip
            print("   by corpus:", ", ".join(
                f"{s} {cc['ok']}/{cc['n']}" for (hh, s), cc in sorted(src.items()) if hh == h))  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
