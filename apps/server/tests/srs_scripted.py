"""Scripted SRS pipelines for the server tests, loaded by the SRS worker processes (by the
factory name ``/path/to/srs_scripted.py:<class>``), so no torch and nothing heavy is imported here.
A run that must wait uses the question as the path of a file whose creation releases it."""

from __future__ import annotations

import os
import time


def _answer() -> dict:
    return {
        "type": "answer",
        "id": "srs-test",
        "status": "answered",
        "markdown": "ok",
        "answer": {},
    }


class Scripted:
    """One stage event, then one per 0.05 s until the file named by the question exists (or
    at once if the question is not a path); the events carry the worker's PID."""

    def __init__(self, index=None, generator=None) -> None:
        self.generator = generator

    def stream(self, question, data=None, data_name=None):
        pid = os.getpid()
        yield {"type": "stage", "stage": "MODE", "index": 0, "id": "srs-test", "pid": pid}
        i = 0
        while question.startswith("/") and not os.path.exists(question):
            time.sleep(0.05)
            i += 1
            yield {"type": "stage", "stage": "PLAN", "index": i, "id": "srs-test", "pid": pid}
        yield _answer()


class Stuck(Scripted):
    """One stage event, then pure-Python work that never ends (only a kill stops it)."""

    def stream(self, question, data=None, data_name=None):
        yield {"type": "stage", "stage": "MODE", "index": 0, "id": "srs-test", "pid": os.getpid()}
        n = 0
        while True:
            n += 1


class Broken(Scripted):
    def stream(self, question, data=None, data_name=None):
        raise RuntimeError("secret path /home/x/data.csv")
        yield  # pragma: no cover


class Generating(Scripted):
    """Asks the server's model once (through the worker's generator) and answers with it."""

    def stream(self, question, data=None, data_name=None):
        text = self.generator.generate("The upper control limit", max_tokens=4)
        yield {"type": "stage", "stage": "MODE", "index": 0, "id": "srs-test", "text": text}
        yield _answer()


class Symbolic(Scripted):
    """Starts its symbolic worker (havoc-tools) when built, before the SRS worker is ready; each
    run reports the worker's PID, then starts an integral allowed to run for an hour."""

    def __init__(self, index=None, generator=None) -> None:
        super().__init__(index, generator)
        from havoc_tools.symbolic.operations import simplify

        simplify("x + x")

    def stream(self, question, data=None, data_name=None):
        from havoc_tools.symbolic.limits import SymbolicLimits
        from havoc_tools.symbolic.operations import integrate

        yield {"type": "stage", "stage": "MODE", "index": 0, "id": "srs-test", "pid": os.getpid()}
        hour = SymbolicLimits(timeout=3600.0, cpu_seconds=3600.0)
        integrate("exp(x^3)*sin(x^7)*log(x)", "x", limits=hour)
        yield _answer()
