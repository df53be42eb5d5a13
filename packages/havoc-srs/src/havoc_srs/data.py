"""The user's data: a CSV text, a path or a DataFrame, read into a :class:`Dataset`.

Wide tables may have unequal column lengths (blank cells at the bottom, as in a spreadsheet);
each column's values are taken without its blanks. Long tables have one value column and a
group column. Nothing here fills in missing values.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from havoc_tools.dsl.ast import KEYWORDS as _DSL_KEYWORDS

from havoc_srs.errors import SRSError

MAX_ROWS = 1_000_000
_KEYWORDS = (
    frozenset(
        "data let design spec chart power regress logistic analyze plot derive integrate limit "
        "solve simplify series csv table vs by in wrt from to as for at true false".split()
    )
    | _DSL_KEYWORDS
)  # every reserved word of the DSL ("goal" of a crowdfunding table included)


def ident(name: str, taken: set[str] | None = None, keep_case: bool = False) -> str:
    """A DSL-safe identifier for a column name (``"Line 1"`` -> ``line_1``)."""
    base = re.sub(r"[^0-9a-zA-Z_]+", "_", str(name).strip()).strip("_") or "col"
    base = base if keep_case else base.lower()
    if base[0].isdigit():
        base = "c_" + base
    if base in _KEYWORDS:
        base += "_"
    out, i = base, 2
    while taken is not None and out in taken:
        out, i = f"{base}_{i}", i + 1
    if taken is not None:
        taken.add(out)
    return out


@dataclass
class Dataset:
    """A table with its numeric and label columns classified."""

    frame: pd.DataFrame
    name: str = "data.csv"
    numeric: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    idents: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # column -> header exactly as in the file

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, name: str = "data.csv") -> Dataset:
        if not isinstance(frame, pd.DataFrame):
            raise SRSError(f"data must be a pandas DataFrame, got {type(frame).__name__}")
        frame = frame.copy()
        raw = [str(c) for c in frame.columns]
        frame.columns = [str(c).strip() for c in frame.columns]
        headers = {c.strip(): c for c in raw}
        frame = frame.dropna(how="all").dropna(axis=1, how="all")
        frame = frame.loc[:, [c for c in frame.columns if not c.lower().startswith("unnamed:")]]
        if frame.shape[0] == 0 or frame.shape[1] == 0:
            raise SRSError(f"{name} has no data (no non-empty rows and columns)")
        if len(set(frame.columns)) != len(frame.columns):
            raise SRSError(f"{name} has duplicate column names: {list(frame.columns)}")
        if frame.shape[0] > MAX_ROWS:
            raise SRSError(f"{name} has {frame.shape[0]} rows; the limit is {MAX_ROWS}")
        numeric, labels = [], []
        for c in frame.columns:
            col = frame[c]
            if pd.api.types.is_bool_dtype(col):
                labels.append(c)
            elif pd.api.types.is_numeric_dtype(col):
                if not np.isfinite(col.dropna().to_numpy(dtype=float)).all():
                    raise SRSError(f"column {c!r} of {name} has infinite values")
                numeric.append(c)
            else:
                labels.append(c)
        taken: set[str] = set()
        idents = {c: ident(c, taken) for c in frame.columns}
        return cls(frame, name, numeric, labels, idents, headers)

    def values(self, column: str) -> np.ndarray:
        """The column's numbers without blanks (wide tables with unequal lengths)."""
        return self.frame[column].dropna().to_numpy(dtype=float)

    def header(self, column: str) -> str:
        """The column's header spelled exactly as in the file (trailing spaces kept)."""
        return self.headers.get(column, column)

    def lengths(self) -> dict[str, int]:
        return {c: int(self.frame[c].notna().sum()) for c in self.frame.columns}

    def n_levels(self, column: str) -> int:
        return int(self.frame[column].dropna().nunique())

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "rows": int(self.frame.shape[0]),
            "columns": list(self.frame.columns),
            "numeric": list(self.numeric),
            "labels": list(self.labels),
            "non_blank": self.lengths(),
        }


def load_data(data: Any, name: str | None = None) -> Dataset | None:
    """``None``, a DataFrame, CSV text or a path to a CSV file -> :class:`Dataset` (or None)."""
    if data is None:
        return None
    if isinstance(data, Dataset):
        return data
    if isinstance(data, pd.DataFrame):
        return Dataset.from_frame(data, name or "data.csv")
    if isinstance(data, Path):
        if not data.is_file():
            raise SRSError(f"data file {str(data)!r} does not exist")
        if data.suffix.lower() in (".xlsx", ".xls"):
            raise SRSError(f"{data.name}: save the sheet as CSV first (Excel files are not read)")
        return _read_csv(data.read_text(encoding="utf-8-sig"), name or data.name)
    if isinstance(data, str):
        if not data.strip():
            raise SRSError("the attached CSV text is empty")
        return _read_csv(data, name or "data.csv")
    raise SRSError(f"data must be None, a DataFrame, CSV text or a Path, got {type(data).__name__}")


def _read_csv(text: str, name: str) -> Dataset:
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    sep = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, skipinitialspace=True)
    except (ValueError, pd.errors.ParserError) as e:
        raise SRSError(f"cannot read {name} as CSV: {e}") from None
    return Dataset.from_frame(frame, name)
