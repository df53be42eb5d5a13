"""Alias algebra of regular two-level designs.

An effect is a bitmask over the k factors (bit j = factor j, letters A, B, ... skipping I). A
generator ``E = ABCD`` gives the defining word ABCDE with sign +1; the defining relation is the
group of all products of the generator words. The aliases of an effect are its products with the
words of the defining relation.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import combinations

from .._result import ToolResult
from .design import LETTERS

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX"}
ROMAN.update({10: "X", 11: "XI", 12: "XII", 13: "XIII", 14: "XIV", 15: "XV"})

_GEN_RE = re.compile(r"^\s*([A-Z])\s*=\s*([+-]?)\s*([A-Z]+)\s*$")


def word_name(mask: int) -> str:
    return "".join(LETTERS[j] for j in range(mask.bit_length()) if mask >> j & 1) or "I"


def word_mask(word: str, k: int, *, what: str = "generator") -> int:
    mask = 0
    for ch in word:
        j = LETTERS.find(ch)
        if j < 0:
            raise ValueError(f"{what}: {ch!r} is not a factor letter (use A-Z without I)")
        if j >= k:
            raise ValueError(f"{what}: letter {ch} names factor {j + 1} but the design has {k}")
        if mask >> j & 1:
            raise ValueError(f"{what}: letter {ch} appears twice in {word!r}")
        mask |= 1 << j
    return mask


def parse_generators(
    generators: str | list[str] | tuple[str, ...], k: int
) -> list[tuple[int, int, int]]:
    """Parse Minitab-style generators ("E = ABCD", "F = -BCD") into (factor, word, sign).

    Several generators may be given as a list or in one string separated by commas, semicolons
    or new lines. The right-hand side may use only base factors (factors not generated).
    """
    if isinstance(generators, str):
        parts = [p for p in re.split(r"[,;\n]+", generators.upper()) if p.strip()]
    else:
        parts = [str(g).upper() for g in generators]
    if not parts:
        raise ValueError("generators: none given")
    parsed = []
    for text in parts:
        m = _GEN_RE.match(text.replace("*", "").replace(" ", ""))
        if not m:
            raise ValueError(
                f"generators: cannot read {text.strip()!r}; expected the form 'E = ABCD' "
                "(or 'E = -ABCD')"
            )
        lhs, sign, rhs = m.groups()
        factor = word_mask(lhs, k)
        word = word_mask(rhs, k, what=f"generator {text.strip()!r}")
        if len(rhs) < 1:
            raise ValueError(f"generators: {text.strip()!r} has an empty right-hand side")
        parsed.append((factor.bit_length() - 1, word, -1 if sign == "-" else 1))
    generated = {f for f, _, _ in parsed}
    if len(generated) != len(parsed):
        raise ValueError("generators: a factor is generated twice")
    for f, word, _ in parsed:
        if word >> f & 1:
            raise ValueError(f"generators: factor {LETTERS[f]} appears on both sides")
        used_generated = [LETTERS[g] for g in generated if word >> g & 1]
        if used_generated:
            raise ValueError(
                f"generators: the word for {LETTERS[f]} uses generated factor(s) "
                f"{', '.join(used_generated)}; use base factors only"
            )
    if len(parsed) >= k:
        raise ValueError(f"generators: {len(parsed)} generators leave no base factors for k={k}")
    return parsed


def defining_group(words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """All 2^p products (word, sign) of the generator words, identity first."""
    group = [(0, 1)]
    for w, s in words:
        group = group + [(g ^ w, gs * s) for g, gs in group]
    return group


@dataclasses.dataclass
class AliasStructure(ToolResult):
    """Defining relation, word length pattern, resolution and aliases of a two-level fraction."""

    k: int
    p: int
    runs: int
    generators: list[str]
    defining_relation: list[str]
    word_length_pattern: list[int]  # A_1, A_2, ..., A_k: number of defining words of each length
    resolution: int | None  # None for a full factorial (no defining words)
    aliases: dict[str, list[str]]  # main effects and 2FIs -> signed aliases up to max_order
    max_order: int
    letters: dict[str, str]  # letter -> factor name

    @property
    def resolution_roman(self) -> str:
        return (
            "full" if self.resolution is None else ROMAN.get(self.resolution, str(self.resolution))
        )

    def summary(self) -> str:
        head = f"2^({self.k}-{self.p}) design, {self.runs} runs, resolution {self.resolution_roman}"
        lines = [head]
        if self.generators:
            lines.append("generators: " + ", ".join(self.generators))
            lines.append("defining relation: " + " = ".join(self.defining_relation))
            wlp = ", ".join(f"A{i + 1}={n}" for i, n in enumerate(self.word_length_pattern) if n)
            lines.append(f"word length pattern: {wlp}")
            lines.append(f"aliases (up to order {self.max_order}):")
            for eff, al in self.aliases.items():
                if al:
                    lines.append(f"  {eff} = " + " = ".join(al))
        if any(n != let for let, n in self.letters.items()):
            lines.append("factors: " + ", ".join(f"{let}={n}" for let, n in self.letters.items()))
        return "\n".join(lines)


def alias_structure(
    k: int, gens: list[tuple[int, int, int]], names: list[str], *, max_order: int = 3
) -> AliasStructure:
    words = [((1 << f) | w, s) for f, w, s in gens]
    group = defining_group(words)
    nonid = sorted(group[1:], key=lambda ws: (bin(ws[0]).count("1"), _letter_key(ws[0])))
    wlp = [0] * k
    for w, _ in nonid:
        wlp[bin(w).count("1") - 1] += 1
    resolution = min((bin(w).count("1") for w, _ in nonid), default=None)
    effects = [1 << j for j in range(k)] + [
        (1 << a) | (1 << b) for a, b in combinations(range(k), 2)
    ]
    aliases: dict[str, list[str]] = {}
    for e in effects:
        al = []
        for w, s in nonid:
            a = e ^ w
            if bin(a).count("1") <= max_order:
                al.append(("-" if s < 0 else "") + word_name(a))
        al.sort(key=lambda t: (len(t.lstrip("-")), t.lstrip("-")))
        aliases[word_name(e)] = al
    return AliasStructure(
        k=k,
        p=len(gens),
        runs=2 ** (k - len(gens)),
        generators=[f"{LETTERS[f]} = {'-' if s < 0 else ''}{word_name(w)}" for f, w, s in gens],
        defining_relation=["I"] + [("-" if s < 0 else "") + word_name(w) for w, s in nonid],
        word_length_pattern=wlp,
        resolution=resolution,
        aliases=aliases,
        max_order=max_order,
        letters={LETTERS[j]: names[j] for j in range(k)},
    )


def _letter_key(mask: int) -> list[int]:
    return [j for j in range(mask.bit_length()) if mask >> j & 1]
