"""The grammar of engineering phrasing: slots (alpha, spec limits, factors, power, ...) and cue
phrases (paired, one-sided, pooled) read from a question with a lark Earley parser.

>>> s = read_phrasing("Is the mean different from 500 at the 1% level? LSL 498, USL 502")
>>> s.slots["mu"], s.slots["alpha"], s.slots["lsl"], s.slots["usl"]
(500.0, 0.01, 498.0, 502.0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from havoc_srs.errors import SRSError

MAX_QUESTION = 4000
_NUMWORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}


@dataclass
class Phrasing:
    """What the grammar found: slot values, cue phrases and the matched text of each."""

    slots: dict[str, Any] = field(default_factory=dict)
    cues: list[str] = field(default_factory=list)
    matches: list[dict[str, str]] = field(default_factory=list)
    levels: dict[str, tuple[float, float]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "slots": dict(self.slots),
            "cues": list(self.cues),
            "matches": list(self.matches),
            "levels": {k: list(v) for k, v in self.levels.items()},
        }


@lru_cache(maxsize=1)
def _parser() -> Any:
    from lark import Lark

    text = resources.files("havoc_srs").joinpath("phrasing.lark").read_text(encoding="utf-8")
    return Lark(
        text, parser="earley", lexer="dynamic", ambiguity="resolve", propagate_positions=True
    )


MAX_QUESTION_CHARS = 4000


def check_question(question: str) -> str:
    """Refuse an empty, non-text or over-long question before any work (SRSError)."""
    q = normalise(question)
    if len(q) > MAX_QUESTION_CHARS:
        raise SRSError(
            f"the question is {len(q)} characters long; the limit is {MAX_QUESTION_CHARS}: "
            "ask one question at a time and attach data as a file"
        )
    return q


def normalise(question: str) -> str:
    """Lower case, unified quotes/dashes/spaces; numbers keep their signs and decimals."""
    if not isinstance(question, str):
        raise SRSError(f"the question must be a string, got {type(question).__name__}")
    q = question.strip()
    if not q:
        raise SRSError(
            "the question is empty; ask something, e.g. 'Is line1 different from line2?'"
        )
    if len(q) > MAX_QUESTION:
        raise SRSError(f"the question has {len(q)} characters; the limit is {MAX_QUESTION}")
    q = q.lower().replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-")
    q = re.sub(r"(?<=\d),(?=\d{3}\b)", "", q)  # 1,000 -> 1000
    q = re.sub(r"(?<=\d)\s*%", "%", q)
    return re.sub(r"\s+", " ", q)


def _number(token: Any) -> float:
    text = str(token)
    if text.endswith("%"):
        return float(text[:-1]) / 100.0
    if text in _NUMWORDS:
        return float(_NUMWORDS[text])
    return float(text)


def _is_pct(token: Any) -> bool:
    return str(token).endswith("%")


def _tokens(tree: Any) -> list[Any]:
    return [c for c in tree.children if not hasattr(c, "data")]


def _text(tree: Any, source: str) -> str:
    meta = tree.meta
    if getattr(meta, "empty", True):
        return ""
    return source[meta.start_pos : meta.end_pos]


@lru_cache(maxsize=512)
def _read_cached(question: str) -> Phrasing:
    from lark.exceptions import LarkError

    q = normalise(question)
    parser = _parser()
    try:
        tree = parser.parse(q)
    except LarkError:
        # characters outside the grammar's alphabet: drop them and keep what can be read
        q = re.sub(r"[^\x20-\x7eα-ωµ°±–]", " ", q)
        try:
            tree = parser.parse(q)
        except LarkError as e:  # pragma: no cover - the filler rule accepts any text
            raise SRSError(f"cannot read the question: {e}") from None
    out = Phrasing()
    for node in tree.children:
        if not hasattr(node, "data"):
            continue
        kind = str(node.data)
        if kind.startswith("cue_"):
            out.cues.append(kind[4:])
            out.matches.append({"kind": kind, "text": _text(node, q)})
            continue
        toks = [t for t in _tokens(node) if t.type in ("NUMBER", "PERCENT", "NUMWORD")]
        names = [str(t) for t in _tokens(node) if t.type == "NAME"]
        nums = [_number(t) for t in toks]
        out.matches.append({"kind": kind, "text": _text(node, q)})
        _collect(out, kind, node, toks, nums, names, q)
    return out


WINDOW = (6, 12)  # words kept left and right of an anchor
MAX_WINDOW_WORDS = 30
_ANCHOR = re.compile(
    r"\d|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|one|half|quarter|"
    r"resolution|res|factors|variables|inputs|twice|replicated|second|third|wrt|respect|"
    r"paired|before|matched|same|greater|higher|larger|more|exceeds?|increased?|improved?|"
    r"less|lower|smaller|fewer|decreased?|reduced?|pooled|equal|student'?s?|welch'?s?|unequal)\b"
)
_DATA_LIST = re.compile(r"[-+]?\d*\.?\d+(?:\s*[,;]?\s+[-+]?\d*\.?\d+){3,}")


def _windows(q: str) -> list[str]:
    """Pieces of the question around the words a slot or cue can start from: the grammar's
    cost grows steeply with length, and text far from a number or cue word holds no slot."""
    words = list(re.finditer(r"\S+", q))
    keep = [False] * len(words)
    for i, w in enumerate(words):
        if _ANCHOR.search(w.group(0)):
            for j in range(max(0, i - WINDOW[0]), min(len(words), i + WINDOW[1] + 1)):
                keep[j] = True
    out, cur = [], []
    for w, k in zip(words, keep, strict=True):
        if k and len(cur) < MAX_WINDOW_WORDS:
            cur.append(w)
            continue
        if cur:
            out.append(q[cur[0].start() : cur[-1].end()])
        cur = [w] if k else []
    if cur:
        out.append(q[cur[0].start() : cur[-1].end()])
    return out


def read_phrasing(question: str) -> Phrasing:
    """Parse ``question`` with the phrasing grammar and collect its slots and cues.

    Pasted lists of numbers are data, not phrasing, and are left out; a question longer than a
    sentence is parsed in windows around its numbers and cue words (so the cost grows linearly
    with length). The first value found for a slot wins.
    """
    import copy

    q = _DATA_LIST.sub(" data ", normalise(question))
    if len(q) <= 100:
        out = copy.deepcopy(_read_cached(q))
        _alpha_before(q, out)
        return out
    out = Phrasing()
    for piece in _windows(q):
        try:
            part = _read_cached(piece)
        except SRSError:
            continue
        for k, v in part.slots.items():
            out.slots.setdefault(k, copy.deepcopy(v))
        out.cues += part.cues
        out.matches += part.matches
        for k, v in part.levels.items():
            out.levels.setdefault(k, v)
    _alpha_before(q, out)
    return out


# the significance level with its number first: "1% alpha", "a 5 % significance level",
# "0.01 level of significance", "10 percent significance"
_ALPHA_BEFORE = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?|\.\d+)\s*(%|percent|per cent)?\s*(?:two[- ]sided |one[- ]sided )?"
    r"(?:alpha|α|significance(?: level)?|level of significance|sig\.? level)\b"
)


def _alpha_before(q: str, out: Phrasing) -> None:
    """The significance level written number first (the grammar reads it after the word)."""
    if "alpha" in out.slots:
        return
    m = _ALPHA_BEFORE.search(q)
    if not m:
        return
    v = float(m.group(1)) / (100.0 if m.group(2) else 1.0)
    if 0 < v < 0.5:
        out.slots["alpha"] = round(v, 10)


def _collect(
    out: Phrasing, kind: str, node: Any, toks: list, nums: list, names: list, q: str
) -> None:
    s = out.slots
    if kind == "alpha" and nums:
        s.setdefault("alpha", nums[0])
    elif kind == "confidence" and nums:
        c = nums[0] if nums[0] <= 1 else nums[0] / 100.0
        s.setdefault("confidence", c)
    elif kind == "mu" and nums:
        s.setdefault("mu", nums[0])
        text = _text(node, q)
        if any(w in text for w in ("greater", "more", "exceed", "above", "higher")):
            s.setdefault("mu_direction", "greater")
        elif any(w in text for w in ("less", "below", "lower")):
            s.setdefault("mu_direction", "less")
    elif kind in ("lsl", "usl", "target", "tolerance") and nums:
        s.setdefault(kind, nums[0])
    elif kind == "spec_range" and len(nums) >= 2:
        s.setdefault("lsl", min(nums[:2]))
        s.setdefault("usl", max(nums[:2]))
    elif kind == "spec_pm" and len(nums) >= 2:
        s.setdefault("lsl", nums[0] - abs(nums[1]))
        s.setdefault("usl", nums[0] + abs(nums[1]))
        s.setdefault("target", nums[0])
    elif kind == "subgroup_size" and nums:
        s.setdefault("subgroup_size", int(nums[0]))
    elif kind == "factor_count" and nums:
        s.setdefault("factor_count", int(nums[0]))
    elif kind == "factor_list" and names:
        s.setdefault("factor_names", names)
    elif kind == "run_count" and nums:
        s.setdefault("runs", int(nums[0]))
    elif kind == "resolution":
        roman = [str(t) for t in _tokens(node) if t.type == "ROMAN"]
        s.setdefault("resolution", _ROMAN[roman[0]] if roman else int(nums[0]))
    elif kind == "fraction":
        text = _text(node, q)
        if "half" in text or "1/2" in text:
            s.setdefault("fraction_p", 1)
        elif "quarter" in text or "1/4" in text:
            s.setdefault("fraction_p", 2)
        elif len(nums) >= 2:
            s.setdefault("factor_count", int(nums[0]))
            s.setdefault("fraction_p", int(nums[1]))
    elif kind == "center_points" and nums:
        s.setdefault("center_points", int(nums[0]))
    elif kind == "replicates":
        s.setdefault("replicates", int(nums[0]) if nums else 2)
    elif kind == "level_range" and names and len(nums) >= 2:
        out.levels.setdefault(names[0], (nums[0], nums[1]))
    elif kind == "power_level" and nums:
        s.setdefault("power", nums[0] if nums[0] <= 1 else nums[0] / 100.0)
    elif kind == "effect_size" and nums:
        key = "effect_f" if re.search(r"\bf\b|cohen's f", _text(node, q)) else "effect"
        s.setdefault(key, nums[0])
    elif kind == "difference" and nums:
        s.setdefault("difference", abs(nums[0]))
    elif kind == "std_dev" and nums:
        s.setdefault("sd", nums[0])
    elif kind == "group_n" and nums:
        s.setdefault("n", nums[0])
    elif kind == "group_count" and nums:
        s.setdefault("k", int(nums[0]))
    elif kind == "prop_change" and len(nums) >= 2 and all(_is_pct(t) for t in toks[:2]):
        s.setdefault("p1", nums[0])
        s.setdefault("p2", nums[1])
    elif kind == "count_of" and len(nums) >= 2:
        s.setdefault("counts", []).append((int(nums[0]), int(nums[1])))
    elif kind == "deriv_order":
        s.setdefault("order", 3 if "third" in _text(node, q) or "3rd" in _text(node, q) else 2)
    elif kind == "with_respect" and names:
        s.setdefault("var", names[0])
