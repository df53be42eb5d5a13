"""The live training display: step, loss, learning rate, tokens/s, MFU and ETA (rich)."""

from __future__ import annotations

from typing import Any


class TrainProgress:
    """A rich progress bar with the run's live numbers; a no-op when ``enabled`` is False."""

    def __init__(self, total: int, start: int = 0, enabled: bool = True) -> None:
        self.enabled = enabled
        self.total = total
        self.start = start
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> TrainProgress:
        if not self.enabled:
            return self
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]train"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("loss [cyan]{task.fields[loss]}"),
            TextColumn("lr {task.fields[lr]}"),
            TextColumn("{task.fields[tps]} tok/s"),
            TextColumn("MFU {task.fields[mfu]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
        )
        self._progress.__enter__()
        self._task = self._progress.add_task(
            "train", total=self.total, completed=self.start, loss="-", lr="-", tps="-", mfu="-"
        )
        return self

    def update(self, step: int, *, loss: float, lr: float, tokens_per_s: float, mfu: float) -> None:
        if self._progress is None:
            return
        self._progress.update(
            self._task,
            completed=step,
            loss=f"{loss:.4f}",
            lr=f"{lr:.2e}",
            tps=f"{tokens_per_s:,.0f}",
            mfu=f"{mfu:.0%}",
        )

    def note(self, message: str) -> None:
        if self._progress is not None:
            self._progress.console.print(message)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)
