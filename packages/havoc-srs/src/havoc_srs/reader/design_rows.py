"""A two-level experiment typed as one line per factor combination, its replicates after it.

- Settings named on each line: ``power - , speed + : 198, 201`` / ``temp high, time low = 41``
  -> one coded -1/+1 column per factor name and the response ``y`` (or the measured quantity
  the caption line names: "Laser kerf (µm), 2^2 with two replicates:").
- Settings as the leading fields under a caption that names the factors with their two levels:
  ``mash temp (63/67 °C) x pitch rate (low/high), attenuation %:`` then ``63 low 74.1 74.8``
  -> the factor columns in their own units (words coded 0/1, low first) and the response the
  caption names after the factors.

Both need every combination of the 2^k settings, each on the same number of replicates.
"""

from __future__ import annotations

import re

import pandas as pd

_NUM = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"
_SIGN = r"(?:[-+−]1?|low|high|lo|hi)"
_NAMED_SETTING = re.compile(rf"([A-Za-z][\w ]{{0,30}}?)\s*[=:]?\s*({_SIGN})(?![\w.])", re.I)
_NAMED_ROW = re.compile(
    rf"^\s*((?:[A-Za-z][\w ]{{0,30}}?\s*[=:]?\s*{_SIGN}\s*[,;/]?\s*){{2,6}})\s*[:=]\s*"
    rf"({_NUM}(?:\s*[,;]?\s*{_NUM})*)\s*$",
    re.I,
)
_LOW = {"-", "−", "-1", "−1", "low", "lo"}
# a factor and its two settings in a caption: "mash temp (63/67 °C)", "pitch rate (low/high)"
_CAPTION_FACTOR = re.compile(
    r"([A-Za-z][A-Za-z\-]*(?:\s+[A-Za-z][A-Za-z\-]*){0,2})\s*\(\s*([^(),/]+?)\s*(?:/|,|\bto\b|\bvs\.?)"
    r"\s*([^(),/]+?)\s*\)"
)
_LEAD = {"and", "with", "the", "of", "at", "x", "by", "trial", "factors", "factor", "in"}


def _full_factorial(settings: list[tuple[float, ...]]) -> bool:
    k = len(settings[0])
    combos = pd.Series(settings).value_counts()
    return (
        len(combos) == 2**k
        and combos.nunique() == 1
        and all(len({s[j] for s in settings}) == 2 for j in range(k))
    )


def _caption_response(caption: str) -> str:
    """The measured quantity a caption line starts with ("Laser kerf (µm), 2^2 ...")."""
    m = re.match(r"\s*([A-Za-z][A-Za-z\- ]{0,30}?)\s*(?:\([^)]*\)|%)?\s*(?:[,:]|$)", caption)
    name = m.group(1).strip() if m else ""
    return name if name and not re.search(r"\d", name) else "y"


def named_rows_table(question: str) -> pd.DataFrame | None:
    """``power - , speed - : 212, 215`` lines: the factor names and signs on each line."""
    lines = question.splitlines()
    rows, names, first = [], None, None
    for i, line in enumerate(lines):
        m = _NAMED_ROW.match(line)
        if not m:
            if rows:
                break
            continue
        pairs = [(n.strip(), s) for n, s in _NAMED_SETTING.findall(m.group(1))]
        these = [n.lower() for n, _ in pairs]
        if names is None:
            names, first = [n for n, _ in pairs], i
        elif these != [n.lower() for n in names]:
            return None
        signs = tuple(-1.0 if s.lower() in _LOW else 1.0 for _, s in pairs)
        rows.append((signs, [float(x) for x in re.findall(_NUM, m.group(2))]))
    if len(rows) < 4 or not names or len(set(map(str.lower, names))) != len(names):
        return None
    reps = {len(y) for _, y in rows}
    if len(reps) != 1 or not _full_factorial([s for s, _ in rows]):
        return None
    response = _caption_response(lines[first - 1]) if first else "y"
    if response.lower() in {n.lower() for n in names}:
        response = "y"
    data = {n: [s[j] for s, y in rows for _ in y] for j, n in enumerate(names)}
    data[response] = [v for _, y in rows for v in y]
    return pd.DataFrame(data)


def _level_value(text: str, low: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return 0.0 if text.lower() == low.lower() else 1.0


def captioned_rows_table(question: str) -> pd.DataFrame | None:
    """A caption naming k factors with their two settings (and then the response), followed by
    lines of k settings and the replicate responses."""
    lines = question.splitlines()
    for i, caption in enumerate(lines[:-4]):
        factors = []
        for m in _CAPTION_FACTOR.finditer(caption):
            words = m.group(1).split()
            while words and words[0].lower() in _LEAD:
                words = words[1:]
            if words:
                factors.append((" ".join(words), m.group(2).strip(), m.group(3).strip(), m.end()))
        k = len(factors)
        if k < 2:
            continue
        lows = [f[1].split()[0] for f in factors]
        highs = [f[2].split()[0] for f in factors]
        rows = []
        for line in lines[i + 1 :]:
            fields = re.split(r"[\s,;]+", line.strip())
            if len(fields) < k + 1:
                break
            lv = fields[:k]
            if not all(
                v.lower() in (lo.lower(), hi.lower())
                for v, lo, hi in zip(lv, lows, highs, strict=True)
            ):
                break
            try:
                ys = [float(x) for x in fields[k:]]
            except ValueError:
                break
            rows.append((tuple(_level_value(v, lo) for v, lo in zip(lv, lows, strict=True)), ys))
        if len(rows) < 4 or len({len(y) for _, y in rows}) != 1:
            continue
        if not _full_factorial([s for s, _ in rows]):
            continue
        tail = caption[factors[-1][3] :]
        resp = re.match(r"\s*[,;]\s*([A-Za-z][A-Za-z\- ]{0,30}?)\s*(?:\([^)]*\)|%)?\s*:?\s*$", tail)
        response = resp.group(1).strip() if resp else "y"
        names = [f[0] for f in factors]
        if response.lower() in {n.lower() for n in names} or len(set(names)) != k:
            response = "y"
        data = {n: [s[j] for s, y in rows for _ in y] for j, n in enumerate(names)}
        data[response] = [v for _, y in rows for v in y]
        return pd.DataFrame(data)
    return None


_ASSIGNED = re.compile(r"([A-Za-z]\w{0,15})\s*=\s*([-+−]?1(?:\.0)?|[-+−])(?![\d.])")
_RESPONSE_AT = re.compile(rf"([A-Za-z]\w{{0,15}})\s*=\s*({_NUM})\b")
_CENTRE = (
    r"\bcent(?:er|re)(?:\s+(?:points?|runs?))?\s*[:(]?\s*(?:{y}\s*=\s*)?"
    rf"({_NUM}(?:\s*(?:,|and)\s*{_NUM})*)"
)


def assigned_runs_table(question: str) -> pd.DataFrame | None:
    """Runs typed as settings and the response, one run per ``;``: ``A=-1 B=+1 y=47.1; A=+1
    B=+1 y=58.9; ...`` with centre runs after "center" (``center y=51.6, 52.0, 51.3``) at 0 on
    every factor. The corner runs must hold every combination equally often."""
    runs, names, response = [], None, None
    for seg in re.split(r"[;\n]", question):
        settings = _ASSIGNED.findall(seg)
        if len(settings) < 2:
            continue
        rest = seg[seg.rfind(settings[-1][1]) + len(settings[-1][1]) :] if settings else seg
        y = _RESPONSE_AT.search(rest)
        these = [n for n, _ in settings]
        if not y or (names is not None and these != names) or len(set(these)) != len(these):
            return None
        names, response = these, y.group(1)
        runs.append(
            (tuple(-1.0 if v.strip().startswith(("-", "−")) else 1.0 for _, v in settings),
             float(y.group(2)))
        )  # fmt: skip
    if len(runs) < 4 or not names or not _full_factorial([s for s, _ in runs]):
        return None
    centre = re.search(_CENTRE.format(y=re.escape(response or "y")), question, re.I)
    centres = [float(x) for x in re.findall(_NUM, centre.group(1))] if centre else []
    if response in names:
        response = "y"
    data = {n: [s[j] for s, _ in runs] + [0.0] * len(centres) for j, n in enumerate(names)}
    data[response] = [y for _, y in runs] + centres
    return pd.DataFrame(data)
