"""Small helpers to build DSL syntax trees (havoc_tools.dsl.ast) from Python values."""

from __future__ import annotations

import re
from typing import Any

from havoc_tools.dsl import ast as A

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z][A-Za-z0-9_]*)*\Z")


def val(v: Any) -> A.Value:
    """A DSL value node: bool, number, word (a name), other text (a string) or a list."""
    if isinstance(v, A.VALUE_TYPES):
        return v
    if isinstance(v, bool):
        return A.Bool(value=v)
    if isinstance(v, int | float):
        return A.Number(value=int(v) if float(v).is_integer() and abs(v) < 1e15 else float(v))
    if isinstance(v, str):
        if _WORD.match(v) and v not in A.KEYWORDS:
            return A.Name(id=v)
        return A.String(value=v)
    if isinstance(v, list | tuple):
        return A.ListValue(items=tuple(val(i) for i in v))
    if hasattr(v, "item"):  # numpy scalars
        return val(v.item())
    raise TypeError(f"cannot write {type(v).__name__} as a DSL value")


def opts(**kw: Any) -> tuple[A.Option, ...]:
    """Options in the order given; ``None`` values are left out."""
    return tuple(A.Option(key=k, value=val(v)) for k, v in kw.items() if v is not None)


def name(x: str) -> A.Name:
    return A.Name(id=x)


def let(result: str, command: Any) -> A.Let:
    return A.Let(name=result, command=command)


def program(*statements: Any) -> A.Program:
    return A.Program(statements=tuple(s for s in statements if s is not None))


def comment(text: str) -> A.Comment:
    return A.Comment(text=" ".join(text.split()))
