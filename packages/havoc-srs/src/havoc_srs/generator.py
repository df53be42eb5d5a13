"""How a language model enters the pipeline: a small protocol, no torch here.

havoc-srs never imports a model. Anything with ``generate(prompt, *, max_tokens, stop) -> str``
can propose a MODE or a DSL program; the pipeline accepts a proposal only when it checks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable


@runtime_checkable
class Generator(Protocol):
    """A text generator: the continuation of ``prompt`` (without the prompt itself)."""

    def generate(self, prompt: str, *, max_tokens: int = 256, stop: Sequence[str] = ()) -> str: ...


class FunctionGenerator:
    """Wrap a plain function ``f(prompt, max_tokens, stop) -> str`` as a :class:`Generator`.

    >>> g = FunctionGenerator(lambda prompt, max_tokens, stop: "spc_chart")
    >>> g.generate("family?", max_tokens=4)
    'spc_chart'
    """

    def __init__(self, fn: Callable[[str, int, Sequence[str]], str], name: str = "function"):
        self.fn = fn
        self.name = name

    def generate(self, prompt: str, *, max_tokens: int = 256, stop: Sequence[str] = ()) -> str:
        out = self.fn(prompt, max_tokens, tuple(stop))
        if not isinstance(out, str):
            raise TypeError(f"the generator returned {type(out).__name__}, expected str")
        return out
