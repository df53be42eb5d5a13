"""One request can never hold the server: /v1/srs admission (429), whole-run deadline,
cancellation on disconnect; the prompts x n cap; round-robin generation slots; internal error
text never reaches a client. The SRS pipeline is replaced by a scripted one where a test needs
a run that is slow or stuck (the real pipeline is a black box that may be slow)."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import httpx
import pytest
import torch

SRS = "/v1/srs"


def _wait_until(predicate, seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > end:
            raise AssertionError("condition not reached")
        time.sleep(0.02)


class ScriptedPipeline:
    """``stream()`` yields one stage event, then one event per ``tick`` until ``release`` is
    set (a run that would go on for ever); records that it was closed (told to stop)."""

    def __init__(self, tick: float = 0.05) -> None:
        self.tick = tick
        self.release = threading.Event()
        self.closed = threading.Event()
        self.started = threading.Event()

    def stream(self, question, data=None, data_name=None):
        self.started.set()
        try:
            i = 0
            yield {"type": "stage", "stage": "MODE", "index": 0, "id": "srs-test"}
            while not self.release.wait(self.tick):
                i += 1
                yield {"type": "stage", "stage": "PLAN", "index": i, "id": "srs-test"}
            yield {
                "type": "answer",
                "id": "srs-test",
                "status": "answered",
                "markdown": "ok",
                "answer": {},
            }
        finally:
            self.closed.set()


class StuckPipeline(ScriptedPipeline):
    """Blocks inside a stage (no events) until released: only the deadline can end the wait."""

    def stream(self, question, data=None, data_name=None):
        self.started.set()
        try:
            yield {"type": "stage", "stage": "MODE", "index": 0, "id": "srs-test"}
            self.release.wait(60)
            yield {"type": "answer", "id": "srs-test", "status": "answered", "markdown": "",
                   "answer": {}}  # fmt: skip
        finally:
            self.closed.set()


def _install(app, pipeline):
    from havoc_server.srs_api import SrsService

    state = app.state.havoc
    state.srs = SrsService(state)
    state.srs._pipes[False] = state.srs._pipes[True] = pipeline
    return state.srs


def test_srs_busy_is_429_with_retry_after(make_server):
    with make_server(srs_max_concurrent=1) as (url, app):
        pipe = ScriptedPipeline()
        service = _install(app, pipe)
        holder = threading.Thread(
            target=lambda: httpx.post(url + SRS, json={"question": "q"}, timeout=60)
        )
        holder.start()
        _wait_until(lambda: service.active == 1)
        r = httpx.post(url + SRS, json={"question": "another"}, timeout=30)
        assert r.status_code == 429
        assert r.headers["retry-after"] == "1"
        err = r.json()["error"]
        assert err["type"] == "rate_limit_error" and err["code"] == "srs_busy"
        assert "limit is 1" in err["message"]
        assert httpx.get(url + "/health", timeout=10).status_code == 200
        pipe.release.set()
        holder.join(30)
        _wait_until(lambda: service.active == 0 and service.running == 0)


def test_srs_deadline_answers_and_frees_the_slot(make_server):
    with make_server(srs_timeout=1.0, srs_max_concurrent=1) as (url, app):
        pipe = StuckPipeline()
        service = _install(app, pipe)
        r = httpx.post(url + SRS, json={"question": "q"}, timeout=30)
        assert r.status_code == 503
        err = r.json()["error"]
        assert err["code"] == "srs_timeout" and "within 1 s" in err["message"]
        assert service.active == 0  # the slot is free although the run is still stuck
        assert service.running == 1
        # streaming: an error event at the deadline, then [DONE]
        with httpx.stream("POST", url + SRS, json={"question": "q", "stream": True}) as rs:
            lines = [line for line in rs.iter_lines() if line]
        assert lines[-1] == "data: [DONE]"
        assert json.loads(lines[-2][6:])["error"]["code"] == "srs_timeout"
        # two runs are stuck now; the pool keeps room for them, then refuses new ones
        assert service.running == 2 and service.max_threads == 2
        assert httpx.post(url + SRS, json={"question": "q"}, timeout=30).status_code == 429
        pipe.release.set()
        _wait_until(lambda: service.running == 0)
        assert pipe.closed.is_set()


@pytest.mark.parametrize("stream", [False, True])
def test_srs_client_disconnect_stops_the_run(make_server, stream):
    with make_server() as (url, app):
        pipe = ScriptedPipeline()
        service = _install(app, pipe)
        body = {"question": "q", "stream": stream}
        if stream:
            with httpx.Client(timeout=30) as c, c.stream("POST", url + SRS, json=body) as r:
                lines = r.iter_lines()
                assert next(lines).startswith("data: {")
        else:
            with pytest.raises(httpx.ReadTimeout):
                httpx.post(url + SRS, json=body, timeout=0.5)
        # the run is told to stop and closed; the slot and the thread come back
        _wait_until(pipe.closed.is_set)
        _wait_until(lambda: service.active == 0 and service.running == 0)
        assert not pipe.release.is_set()


def test_srs_threads_stay_bounded(make_server):
    with make_server(srs_max_concurrent=2) as (url, app):
        pipe = ScriptedPipeline(tick=0.01)
        service = _install(app, pipe)
        pipe.release.set()  # every run answers at once
        before = threading.active_count()

        def ask(_):
            return httpx.post(url + SRS, json={"question": "q"}, timeout=60).status_code

        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(12) as ex:
            codes = list(ex.map(ask, range(24)))
        assert set(codes) <= {200, 429} and 200 in codes
        assert service._pool._threads <= service.max_threads == 4
        assert threading.active_count() - before <= service.max_threads


def test_srs_reproducer_9_9_9_does_not_freeze(server):
    url, _ = server
    done = {}

    def ask():
        done["r"] = httpx.post(url + SRS, json={"question": "simplify 9^9^9"}, timeout=120)

    t = threading.Thread(target=ask)
    t.start()
    # /health keeps answering while the question is handled
    while t.is_alive():
        assert httpx.get(url + "/health", timeout=10).status_code == 200
        time.sleep(0.1)
    r = done["r"]
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] != "answered"
    assert "limit is 10000 digits" in body["markdown"]
    assert "set_int_max_str_digits" not in r.text


def test_srs_internal_error_is_generic_with_an_id(make_server, caplog):
    class Broken:
        def stream(self, question, data=None, data_name=None):
            raise RuntimeError("secret path /home/x/data.csv")
            yield  # pragma: no cover

    with make_server() as (url, app):
        _install(app, Broken())
        r = httpx.post(url + SRS, json={"question": "q"}, timeout=30)
    assert r.status_code == 503
    err = r.json()["error"]
    assert err["code"] == "srs_failed" and "secret" not in r.text
    assert err["message"].startswith("the reasoning stack failed (error id ")


def test_prompts_times_n_cap(make_server):
    with make_server(max_choices=8) as (url, _):
        r = httpx.post(
            url + "/v1/completions",
            json={"prompt": ["a"] * 4, "n": 3, "max_tokens": 2},
            timeout=30,
        )
        assert r.status_code == 400
        err = r.json()["error"]
        assert err["code"] == "too_many_choices" and err["param"] == "n"
        assert "4 prompt(s) x n=3 = 12" in err["message"] and "limit is 8" in err["message"]
        r = httpx.post(
            url + "/v1/chat/completions",
            json={"messages": [{"role": "user", "content": "hi"}], "n": 9, "max_tokens": 2},
            timeout=30,
        )
        assert r.status_code == 400 and r.json()["error"]["code"] == "too_many_choices"
        ok = httpx.post(
            url + "/v1/completions", json={"prompt": ["a"] * 4, "n": 2, "max_tokens": 2}, timeout=60
        )
        assert ok.status_code == 200 and len(ok.json()["choices"]) == 8


def _texts(engine, prompts, n, max_tokens, chat=None, chat_after_steps=3):
    """Run a big greedy request (and optionally a short one submitted once it runs);
    return the big request's texts and, for the short one, how many decode steps it waited."""

    async def main():
        from havoc_server.engine import SamplingParams

        big = engine.submit(prompts, SamplingParams(max_tokens=max_tokens, temperature=0), n=n)
        waited = None
        if chat is not None:
            while engine.steps < chat_after_steps:
                await asyncio.sleep(0.001)
            small = engine.submit([chat], SamplingParams(max_tokens=8, temperature=0))
            at = engine.steps
            stream = small.stream()
            await stream.__anext__()
            waited = engine.steps - at
            async for _ in stream:
                pass
        outputs, done = await big.collect()
        assert done.error is None
        texts = [""] * (len(prompts) * n)
        for o in outputs:
            texts[o.index] += o.text
        return texts, waited

    return asyncio.run(main())


def test_round_robin_slots_and_preemption_keep_outputs(model, tokenizer):
    from havoc_server.engine import Engine

    prompts = [
        tokenizer.encode(t, add_bos=True) for t in ("A control", "The p-value", "Regression")
    ]
    chat = tokenizer.encode("hello", add_bos=True)
    with torch.no_grad():
        alone = Engine(model, tokenizer, max_batch=4).start()
        try:
            reference, _ = _texts(alone, prompts, n=4, max_tokens=40)
        finally:
            alone.shutdown(0)
        shared = Engine(model, tokenizer, max_batch=4).start()
        try:
            texts, waited = _texts(shared, prompts, n=4, max_tokens=40, chat=chat)
        finally:
            shared.shutdown(0)
    # the 12-sequence request held every slot; the chat started within a couple of steps
    assert waited is not None and waited <= 2
    assert shared.preemptions >= 1
    # a preempted sequence is prefilled again with what it had generated: same greedy text
    assert texts == reference
