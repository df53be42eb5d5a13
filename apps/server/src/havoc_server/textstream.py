"""Incremental detokenisation with stop strings matched across token boundaries.

Each generated token goes through the tokenizer's incremental decoder (never a broken UTF-8
character, spaces kept). Text that could still become the start of a stop string is held back,
so a client never sees part of a stop string, and a stop string split over several tokens is
still found.

>>> class Bytes:  # a toy tokenizer: id = one byte
...     def incremental_decoder(self):
...         import codecs
...         d = codecs.getincrementaldecoder("utf-8")()
...         class D:
...             def add(self, i): return d.decode(bytes([i]))
...             def flush(self): return d.decode(b"", final=True)
...         return D()
>>> s = StopTextStream(Bytes(), stops=("END",))
>>> [s.add(b) for b in b"hi EN"], s.add(ord("D")), s.stopped
(['h', 'i', ' ', '', ''], '', True)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class StopTextStream:
    """Text of one generated sequence, released in safe pieces."""

    def __init__(
        self, tokenizer: Any, stops: Sequence[str] = (), skip_special_tokens: bool = False
    ) -> None:
        self._decoder = tokenizer.incremental_decoder(skip_special_tokens=skip_special_tokens)
        self.stops = tuple(s for s in stops if s)
        self._longest = max((len(s) for s in self.stops), default=0)
        self.text = ""  # everything decoded so far (cut at a stop string once one is found)
        self.emitted = 0  # characters already released
        self._searched = 0  # stop strings cannot start before this index
        self.stopped = False

    def add(self, token_id: int) -> str:
        """Feed one token; return the newly releasable text ('' while holding back)."""
        if self.stopped:
            return ""
        self.text += self._decoder.add(token_id)
        return self._release(final=False)

    def finish(self) -> str:
        """The sequence ended (stop token or length): release everything still held."""
        if self.stopped:
            return ""
        self.text += self._decoder.flush()
        return self._release(final=True)

    def _release(self, final: bool) -> str:
        if self.stops:
            start = max(0, self._searched - self._longest + 1)
            hits = [i for i in (self.text.find(s, start) for s in self.stops) if i >= 0]
            if hits:
                self.text = self.text[: min(hits)]
                self.stopped = True
                final = True
            self._searched = len(self.text)
        safe = len(self.text) if final else len(self.text) - self._held_suffix()
        piece = self.text[self.emitted : safe] if safe > self.emitted else ""
        self.emitted = max(self.emitted, safe)
        return piece

    def _held_suffix(self) -> int:
        """Length of the longest suffix of the text that is a proper prefix of a stop string."""
        best = 0
        tail = self.text[-self._longest :] if self._longest else ""
        for stop in self.stops:
            for k in range(min(len(stop) - 1, len(tail)), best, -1):
                if tail.endswith(stop[:k]):
                    best = k
                    break
        return best
