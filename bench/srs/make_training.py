"""Write the SRS reader's training questions (packages/havoc-srs/.../reader/data/training.jsonl).

Sources: the hand-written seeds (reader/data/seeds.jsonl), the task set's questions (the ten
engineering families), and the TUNE half only of the blind corpus and scope set
(bench/srs/corpus; the split is ``eval_corpus.half``). The test half never enters training.

    uv run python bench/srs/make_training.py [--tags a-q,aa]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eval_corpus import CORPUS, half

PKG = Path(__file__).resolve().parents[2] / "packages/havoc-srs/src/havoc_srs"
OUT = PKG / "reader/data/training.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--tags",
        default=None,
        help=(
            "corpus tags whose tune halves enter training: single letters, a letter range or a "
            "comma-separated list, e.g. 'a-q' or 'a-z,aa,ab' (default: every corpus)"
        ),
    )
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    tags = None
    if args.tags:
        tags = set()
        for part in filter(None, (p.strip() for p in args.tags.split(","))):
            lo, _, hi = part.partition("-")
            if hi and len(lo) == len(hi) == 1:
                tags |= {chr(c) for c in range(ord(lo), ord(hi) + 1)}
            elif hi:
                raise SystemExit(f"--tags: a range must join two single letters, not {part!r}")
            else:
                tags.add(lo)

    def wanted(f: Path) -> bool:
        return tags is None or f.stem.split("_")[-1] in tags

    rows: list[dict] = []
    for line in (PKG / "reader/data/seeds.jsonl").read_text().splitlines():
        if line.strip():
            rows.append(json.loads(line) | {"source": "seed"})
    for line in (PKG / "tasks/tasks.jsonl").read_text().splitlines():
        if line.strip():
            t = json.loads(line)
            rows.append({"q": t["question"], "family": t["family"], "source": "tasks"})
    for f in filter(wanted, sorted(CORPUS.glob("questions_*.jsonl"))):
        for line in f.read_text().splitlines():
            it = json.loads(line)
            if half(it["id"]) == "tune":
                rows.append({"q": it["question"], "family": it["family"], "source": f.stem})
    for f in filter(wanted, sorted(CORPUS.glob("scope_*.jsonl"))):
        for line in f.read_text().splitlines():
            it = json.loads(line)
            if half(it["id"]) != "tune":
                continue
            if it["expected_status"] == "out_of_scope":
                fam = "out_of_scope"
            elif it["expected_status"] == "explained":
                fam = "general"
            elif it.get("family"):
                fam = it["family"]
            else:
                continue
            rows.append({"q": it["question"], "family": fam, "source": f.stem})
    seen, uniq = set(), []
    for r in rows:
        if r["q"] not in seen:
            seen.add(r["q"])
            uniq.append(r)
    args.out.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in uniq), encoding="utf-8"
    )
    counts: dict[str, int] = {}
    for r in uniq:
        counts[r["family"]] = counts.get(r["family"], 0) + 1
    print(f"{len(uniq)} questions -> {args.out}")
    print(json.dumps(counts, indent=1))


if __name__ == "__main__":
    main()
