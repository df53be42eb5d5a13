"""Family accuracy of the reader alone (MODE + reader + ``choose_family``, nothing executed), per
half and corpus: how often the request family is read right, apart from columns and execution.

    uv run python bench/srs/family_accuracy.py [--files "questions_[lmn].jsonl"]
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from eval_corpus import half, load, read_table


def main() -> None:
    from havoc_srs.data import load_data
    from havoc_srs.mode import decide_mode
    from havoc_srs.phrasing import Phrasing
    from havoc_srs.reader import read
    from havoc_srs.reader.decide import choose_family

    ap = argparse.ArgumentParser()
    ap.add_argument("--files", default="questions_*.jsonl", help="corpus files (glob)")
    ap.add_argument("--half", choices=("tune", "test"), default=None, help="one half only")
    args = ap.parse_args()
    res: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for it in load(args.files):
        if args.half not in (None, half(it["id"])):
            continue
        key = (half(it["id"]), it["id"].split("-")[0])
        try:
            ds = load_data(read_table(it.get("table")))
            q = it["question"]
            mode = choose_family(decide_mode(q, Phrasing(), ds), read(q, ds), ds)
            ok = mode.family == it["family"]
        except Exception:  # a crash is a wrong reading
            ok = False
        res[key]["n"] += 1
        res[key]["ok"] += ok
    for h in ("tune", "test"):
        total, parts = Counter(), []
        for (hh, src), c in sorted(res.items()):
            if hh == h:
                total.update(c)
                parts.append(f"{src} {c['ok']}/{c['n']}")
        if total["n"]:
            rate = total["ok"] / total["n"]
            print(f"{h}: {total['ok']}/{total['n']} = {rate:.3f} | " + ", ".join(parts))


if __name__ == "__main__":
    main()
