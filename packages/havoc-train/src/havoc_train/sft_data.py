"""A bundled chat set for SFT demos: statistics drills whose answers are computed exactly.

havoc-data's bundled corpus is prose (docstrings, docs) with no dialogues, so ``sft-tiny`` needs
conversations from somewhere that is not a download. These are generated from a seed: small
samples and questions about them (mean, median, standard deviation, range, z-scores, percent
change, unit conversions, X-bar chart limits), each answered with the method and a value
computed by Python's ``statistics`` module. Deterministic: same seed, same file.
"""

from __future__ import annotations

import json
import random
import statistics
from pathlib import Path

SYSTEM = "You are HAVOC, an engineering statistics assistant. Show the method, then the number."
# A2 factors for X-bar chart limits from the mean range (Montgomery, Appendix Table VI)
A2 = {2: 1.880, 3: 1.023, 4: 0.729, 5: 0.577}


def _fmt(x: float) -> str:
    return f"{x:.4g}"


def _sample(rng: random.Random) -> list[int]:
    n = rng.randint(4, 9)
    center = rng.randint(5, 95)
    return [center + rng.randint(-9, 9) for _ in range(n)]


def _conversation(rng: random.Random) -> tuple[str, str]:
    kind = rng.randrange(8)
    xs = _sample(rng)
    data = ", ".join(map(str, xs))
    if kind == 0:
        m = statistics.fmean(xs)
        return (
            f"What is the mean of {data}?",
            f"The mean is the sum divided by the count: {sum(xs)} / {len(xs)} = {_fmt(m)}.",
        )
    if kind == 1:
        s = sorted(xs)
        return (
            f"Find the median of {data}.",
            f"Sorted: {', '.join(map(str, s))}. With n = {len(xs)} the median is "
            f"{_fmt(statistics.median(xs))}.",
        )
    if kind == 2:
        sd = statistics.stdev(xs)
        return (
            f"Compute the sample standard deviation of {data}.",
            f"Mean = {_fmt(statistics.fmean(xs))}; sum of squared deviations divided by n - 1 = "
            f"{len(xs) - 1} gives variance {_fmt(statistics.variance(xs))}, so s = {_fmt(sd)}.",
        )
    if kind == 3:
        return (
            f"What is the range of {data}?",
            f"Range = max - min = {max(xs)} - {min(xs)} = {max(xs) - min(xs)}.",
        )
    if kind == 4:
        mu, sigma = rng.randint(20, 80), rng.randint(2, 12)
        x = mu + rng.randint(-3 * sigma, 3 * sigma)
        z = (x - mu) / sigma
        return (
            f"A process has mean {mu} and standard deviation {sigma}. What is the z-score of {x}?",
            f"z = (x - mean) / sd = ({x} - {mu}) / {sigma} = {_fmt(z)}.",
        )
    if kind == 5:
        a, b = rng.randint(20, 400), rng.randint(20, 400)
        return (
            f"A yield went from {a} to {b} units. What is the percent change?",
            f"Percent change = (new - old) / old x 100 = ({b} - {a}) / {a} x 100 = "
            f"{_fmt((b - a) / a * 100)}%.",
        )
    if kind == 6:
        c = rng.randint(-40, 250)
        return (
            f"Convert {c} °C to °F.",
            f"°F = °C x 9/5 + 32 = {c} x 1.8 + 32 = {_fmt(c * 1.8 + 32)} °F.",
        )
    n = rng.choice(sorted(A2))
    subgroups = [[rng.randint(40, 60) for _ in range(n)] for _ in range(5)]
    means = [statistics.fmean(g) for g in subgroups]
    ranges = [max(g) - min(g) for g in subgroups]
    xbar, rbar = statistics.fmean(means), statistics.fmean(ranges)
    text = "; ".join(", ".join(map(str, g)) for g in subgroups)
    return (
        f"Five subgroups of size {n}: {text}. What are the X-bar chart control limits?",
        f"Grand mean = {_fmt(xbar)}, mean range R-bar = {_fmt(rbar)}, A2 = {A2[n]} for n = {n}. "
        f"UCL = {_fmt(xbar + A2[n] * rbar)}, center line = {_fmt(xbar)}, "
        f"LCL = {_fmt(xbar - A2[n] * rbar)}.",
    )


def statistics_chats(n: int = 4000, seed: int = 0) -> list[dict]:
    """``n`` chat records ``{"messages": [...]}`` (system, user, assistant)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        question, answer = _conversation(rng)
        out.append(
            {
                "messages": [
                    {"role": "system", "content": SYSTEM},
                    {"role": "user", "content": question},
                    {"role": "assistant", "content": answer},
                ],
                "source": "havoc-train/statistics-drills",
            }
        )
    return out


def bundled_chat_file(directory: str | Path, n: int = 4000, seed: int = 0) -> Path:
    """Write (once) and return ``<directory>/statistics_chats.jsonl``."""
    path = Path(directory) / f"statistics_chats-{n}-{seed}.jsonl"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in statistics_chats(n, seed)),
            encoding="utf-8",
        )
        tmp.replace(path)
    return path
