"""Grounding: turn search hits into a cited context block and keep the citations with the answer.

The context block numbers each passage ``[1]..[k]`` in rank order; the source list maps each
number to ``path:start-end`` and its heading. Passages are added while they fit the token budget
(counted with :func:`~havoc_rag.text.count_tokens`); the first passage is truncated rather than
dropped, so a non-empty hit list always yields at least one citation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from havoc_rag.errors import RagError
from havoc_rag.index import Hit
from havoc_rag.text import count_tokens, truncate_tokens

_CITATION = re.compile(r"\[(\d+(?:\s*[,–-]\s*\d+)*)\]")


@dataclass(frozen=True)
class Source:
    """One numbered source of a grounding."""

    number: int
    source: str
    heading: str
    line_start: int
    line_end: int
    score: float

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line_start}-{self.line_end}"

    def format(self) -> str:
        heading = f" — {self.heading}" if self.heading else ""
        return f"[{self.number}] {self.location}{heading}"

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "source": self.source,
            "heading": self.heading,
            "line_start": self.line_start,
            "line_end": self.line_end,
            "score": self.score,
        }


@dataclass(frozen=True)
class Grounding:
    """A question with its cited context: ``context`` for the prompt, ``sources`` for the reader."""

    question: str
    context: str
    sources: list[Source] = field(default_factory=list)
    tokens: int = 0
    budget_tokens: int = 0
    dropped: int = 0  #: hits left out because the budget was used up
    truncated: bool = False  #: whether the first passage was cut to fit

    def sources_block(self, numbers: Sequence[int] | None = None) -> str:
        """The source list, one ``[n] path:lines — heading`` per line (optionally only ``numbers``)."""
        wanted = set(numbers) if numbers is not None else None
        return "\n".join(s.format() for s in self.sources if wanted is None or s.number in wanted)

    def prompt(self, instructions: str | None = None) -> str:
        """A prompt that asks a model to answer from the context and cite it as ``[n]``."""
        lead = instructions or (
            "Answer the question using only the numbered context below. Cite every claim with "
            "the number of its passage in square brackets, like [1]. If the context does not "
            "contain the answer, say so."
        )
        return f"{lead}\n\nContext:\n{self.context}\n\nQuestion: {self.question}\nAnswer:"

    def cite(self, answer: str) -> str:
        """Append the sources an ``answer`` cites (all sources if it cites none).

        Raises :class:`RagError` if the answer cites a number that is not in this grounding, so a
        made-up citation never reaches the reader.
        """
        cited = extract_citations(answer)
        unknown = sorted(set(cited) - {s.number for s in self.sources})
        if unknown:
            raise RagError(
                f"the answer cites {', '.join(f'[{n}]' for n in unknown)}, but the context only "
                f"has [1]..[{len(self.sources)}]"
            )
        block = self.sources_block(cited or None)
        return f"{answer.rstrip()}\n\nSources:\n{block}" if block else answer

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "context": self.context,
            "sources": [s.to_dict() for s in self.sources],
            "tokens": self.tokens,
            "budget_tokens": self.budget_tokens,
            "dropped": self.dropped,
            "truncated": self.truncated,
        }


def extract_citations(answer: str) -> list[int]:
    """Citation numbers in ``answer`` in order of first use: ``[2]``, ``[1, 3]`` and ``[2-4]``.

    >>> extract_citations("Use Welch [2], not Student [1-2]; see [3, 1].")
    [2, 1, 3]
    """
    seen: dict[int, None] = {}
    for group in _CITATION.findall(answer):
        for part in re.split(r"\s*,\s*", group):
            bounds = [int(x) for x in re.split(r"\s*[–-]\s*", part)]
            lo, hi = bounds[0], bounds[-1]
            if hi < lo or hi - lo > 100:
                lo = hi = bounds[0]
            for n in range(lo, hi + 1):
                seen.setdefault(n, None)
    return list(seen)


def _passage(number: int, hit: Hit, text: str) -> str:
    head = f" {hit.chunk.heading}" if hit.chunk.heading else ""
    loc = f"{hit.chunk.source}:{hit.chunk.line_start}-{hit.chunk.line_end}"
    return f"[{number}]{head} ({loc})\n{text}"


def ground(question: str, hits: Sequence[Hit], budget_tokens: int = 1500) -> Grounding:
    """Build the cited context for ``question`` from ``hits`` (in rank order) within a budget.

    >>> from havoc_rag import Chunk, Hit
    >>> hit = Hit(Chunk("Welch does not pool variances.", "welch.md", ("Welch",), 3, 3), 1.0, 1,
    ...           "hybrid")
    >>> print(ground("Why Welch?", [hit]).context)
    [1] Welch (welch.md:3-3)
    Welch does not pool variances.
    """
    if not isinstance(budget_tokens, int) or budget_tokens < 16:
        raise RagError(f"budget_tokens must be an integer >= 16, got {budget_tokens!r}")
    if not isinstance(question, str) or not question.strip():
        raise RagError("the question is empty")
    passages: list[str] = []
    sources: list[Source] = []
    used = 0
    truncated = False
    seen: set[str] = set()
    unique = []
    for hit in hits:
        if hit.chunk.chunk_id not in seen:
            seen.add(hit.chunk.chunk_id)
            unique.append(hit)
    for hit in unique:
        number = len(sources) + 1
        passage = _passage(number, hit, hit.chunk.text)
        cost = count_tokens(passage)  # the blank line between passages holds no tokens
        if used + cost > budget_tokens:
            if passages:
                break
            header = count_tokens(_passage(number, hit, ""))
            room = budget_tokens - header - 1  # one token for the ellipsis mark
            if room < 1:
                break
            passage = _passage(number, hit, truncate_tokens(hit.chunk.text, room))
            cost = count_tokens(passage)
            truncated = True
        passages.append(passage)
        used += cost
        c = hit.chunk
        sources.append(Source(number, c.source, c.heading, c.line_start, c.line_end, hit.score))
    return Grounding(
        question=question,
        context="\n\n".join(passages),
        sources=sources,
        tokens=used,
        budget_tokens=budget_tokens,
        dropped=len(unique) - len(sources),
        truncated=truncated,
    )
