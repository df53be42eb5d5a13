"""Metamorphic robustness of the SRS reader on the TUNE half of the blind corpora.

A reader that has learnt phrasings rather than meaning breaks when the same question is
written a little differently. This rewrites each tune-half question in ways that keep its
meaning and its labels (family, method, columns, stated numbers) and scores every rewrite with
the same scorer as ``eval_corpus.py``:

- ``typo``: two letters swapped inside one or two longer lower-case words ("varaince", "contorl");
- ``lower``: all lower case, end punctuation dropped;
- ``chatty``: wrapped in greeting and sign-off ("Hi all, quick one: ... Thanks in advance!");
- ``blunt``: politeness and framing removed ("could you please", "I'd like to know");
- ``headers``: every exact column header in the question written as a person would type it
  (``MonthlyIncome`` -> "monthly income", ``temp_C`` -> "temp", ``Diameter (mm)`` -> "diameter").

Only tune-half questions are ever rewritten (``half(id) == "tune"``): the test half stays a
blind measurement. The report gives, per rewrite, how many questions the reader got right
before and stayed right after (robustness), and prints the ones that broke.

    uv run python bench/srs/perturb.py --files questions_e.jsonl --show 40
    uv run python bench/srs/perturb.py --files "questions_[abcdf].jsonl" --transforms headers typo
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from eval_corpus import half, load, read_table, score  # noqa: E402

_WORD = re.compile(r"[A-Za-z]{6,}")
_GREETINGS = (
    "Hi all, quick one: ",
    "Hello! I was asked this by my supervisor. ",
    "Sorry if this is a basic question, but ",
    "Morning team - ",
    "Need some help here. ",
)
_SIGNOFFS = (" Thanks in advance!", " Cheers.", " Much appreciated.", " Thank you!", " thx")
_POLITE = re.compile(
    r"\b(?:could|can|would) you (?:please |kindly )?|\bplease\b,?\s*|\bi(?:'d| would) like to know\s*"
    r"|\bi want to know\s*|\bi was wondering\s*(?:if|whether)?\s*|\bkindly\s+",
    re.IGNORECASE,
)


def _rng(qid: str, name: str) -> random.Random:
    return random.Random(f"{qid}/{name}")


def typo(q: str, item: dict) -> str | None:
    words = [m for m in _WORD.finditer(q) if m.group().islower()]  # not names or codes
    if not words:
        return None
    rng = _rng(item["id"], "typo")
    out = q
    for m in sorted(rng.sample(words, min(2, len(words))), key=lambda m: -m.start()):
        w = m.group()
        i = rng.randrange(1, len(w) - 2)
        w2 = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        out = out[: m.start()] + w2 + out[m.end() :]
    return out if out != q else None


def lower(q: str, item: dict) -> str | None:
    out = q.lower().rstrip(" ?.!")
    return out if out != q else None


def chatty(q: str, item: dict) -> str | None:
    rng = _rng(item["id"], "chatty")
    greeting = rng.choice(_GREETINGS)
    run_on = greeting.endswith((": ", "but "))  # the question continues the greeting's sentence
    body = q[0].lower() + q[1:] if run_on and q[:1].isupper() and not q[:2].isupper() else q
    return greeting + body + rng.choice(_SIGNOFFS)


def blunt(q: str, item: dict) -> str | None:
    out = _POLITE.sub("", q)
    out = re.sub(r"\s+([.?!,])", r"\1", re.sub(r"\s{2,}", " ", out)).strip()
    out = re.sub(r"([.?!]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
    if out and out != q:
        return out[0].upper() + out[1:]
    return None


def _humanise(header: str) -> str:
    h = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", header)
    h = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", h)
    h = re.sub(r"_(?:c|f|k|mm|cm|m|kg|g|s|ms|pct|usd|um|nm)$", "", h, flags=re.IGNORECASE)
    h = re.sub(r"[_\-/]+|(?<!\d)\.|\.(?!\d)", " ", h)
    return re.sub(r"\s+", " ", h).strip().lower()


def headers(q: str, item: dict) -> str | None:
    frame = read_table(item.get("table"))
    if frame is None:
        return None
    out = q
    for col in sorted(map(str, frame.columns), key=len, reverse=True):
        name = col.strip()
        human = _humanise(name)
        if len(name) < 4 or not human or human == name or human == name.lower():
            continue
        out = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", human, out)
    return out if out != q else None


TRANSFORMS = {"typo": typo, "lower": lower, "chatty": chatty, "blunt": blunt, "headers": headers}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", default="questions_*.jsonl", help="corpus files (glob)")
    ap.add_argument("--transforms", nargs="+", choices=sorted(TRANSFORMS), default=None)
    ap.add_argument("--families", nargs="+", default=None, help="only these gold families")
    ap.add_argument("--show", type=int, default=30, help="print this many broken rewrites")
    args = ap.parse_args()
    from havoc_srs import Pipeline

    pipe = Pipeline(index=False)
    names = args.transforms or list(TRANSFORMS)
    items = [
        it
        for it in load(args.files)
        if half(it["id"]) == "tune" and (not args.families or it["family"] in args.families)
    ]

    def run(q: str, it: dict) -> list[str]:
        try:
            return score(it, pipe.run(q, data=read_table(it.get("table"))))
        except Exception as e:  # a crash is a wrong answer
            return [f"crash {type(e).__name__}: {e}"]

    stats = {n: Counter() for n in names}
    broken = []
    t0 = time.perf_counter()
    for it in items:
        base_ok = not run(it["question"], it)
        for n in names:
            q2 = TRANSFORMS[n](it["question"], it)
            if q2 is None:
                continue
            why = run(q2, it)
            c = stats[n]
            c["n"] += 1
            c["base_ok"] += base_ok
            c["kept"] += base_ok and not why
            c["gained"] += (not base_ok) and not why
            if base_ok and why:
                broken.append((n, it, q2, why))
    print(f"{len(items)} tune-half questions, {time.perf_counter() - t0:.0f} s")
    print("| rewrite | rewritten | right before | still right | robustness | newly right |")
    print("| --- | --- | --- | --- | --- | --- |")
    for n in names:
        c = stats[n]
        rob = c["kept"] / c["base_ok"] if c["base_ok"] else float("nan")
        print(f"| {n} | {c['n']} | {c['base_ok']} | {c['kept']} | {rob:.3f} | {c['gained']} |")
    for n, it, q2, why in broken[: args.show]:
        print(f"- [{n}] {it['id']} [{it['family']}] {q2!r} ({it.get('table')}): {'; '.join(why)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
