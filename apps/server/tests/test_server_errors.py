"""Error objects for the catalogue of bad inputs, queue limits, timeouts, disconnects, auth and
CORS."""

from __future__ import annotations

import json
import time

import httpx
import openai
import pytest

CHAT = "/v1/chat/completions"
COMPLETIONS = "/v1/completions"
USER = [{"role": "user", "content": "hello"}]


def assert_error(r, status, param=None, code=None):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"message", "type", "param", "code"}
    assert isinstance(err["message"], str) and err["message"]
    if param is not None:
        assert err["param"] == param, err
        assert param.split("[")[0].split(".")[0] in err["message"] or status == 400
    if code is not None:
        assert err["code"] == code, err
    return err


@pytest.mark.parametrize(
    "path, body, status, param",
    [
        (CHAT, {"messages": USER, "temperature": 2.5}, 422, "temperature"),
        (CHAT, {"messages": USER, "top_p": 0}, 422, "top_p"),
        (CHAT, {"messages": USER, "n": 0}, 422, "n"),
        (CHAT, {"messages": USER, "n": 17}, 422, "n"),
        (CHAT, {"messages": USER, "top_k": -1}, 422, "top_k"),
        (CHAT, {"messages": USER, "min_p": 1.5}, 422, "min_p"),
        (CHAT, {"messages": USER, "repetition_penalty": 0}, 422, "repetition_penalty"),
        (CHAT, {"messages": USER, "presence_penalty": 3}, 422, "presence_penalty"),
        (CHAT, {"messages": USER, "frequency_penalty": -2.1}, 422, "frequency_penalty"),
        (CHAT, {"messages": USER, "max_tokens": 0}, 422, "max_tokens"),
        (CHAT, {"messages": USER, "seed": -1}, 422, "seed"),
        (CHAT, {"messages": USER, "stop": ["a", "b", "c", "d", "e"]}, 422, "stop"),
        (CHAT, {"messages": USER, "stop": [""]}, 422, "stop"),
        (CHAT, {"messages": USER, "top_logprobs": 21, "logprobs": True}, 422, "top_logprobs"),
        (CHAT, {"messages": [{"role": "wizard", "content": "hi"}]}, 422, "messages[0].role"),
        (CHAT, {"messages": [{"role": "user", "content": 5}]}, 422, "messages[0].content"),
        (CHAT, {"messages": []}, 422, "messages"),
        (CHAT, {}, 422, "messages"),
        (CHAT, {"messages": USER, "stream": "yes please"}, 422, "stream"),
        (COMPLETIONS, {"prompt": "x", "logprobs": 21}, 422, "logprobs"),
        (COMPLETIONS, {"prompt": [-1, 5]}, 422, "prompt"),
        (COMPLETIONS, {"prompt": [10**9]}, 422, "prompt"),
        (COMPLETIONS, {"prompt": []}, 422, "prompt"),
        (COMPLETIONS, {}, 422, "prompt"),
    ],
)
def test_bad_parameters_are_422_naming_the_field(server, path, body, status, param):
    url, _ = server
    assert_error(httpx.post(timeout=60, url=url + path, json=body), status, param=param)


def test_context_window(server, tokenizer):
    url, app = server
    max_len = app.state.havoc.engine.max_len
    r = httpx.post(timeout=60, url=url + CHAT, json={"messages": USER, "max_tokens": max_len})
    err = assert_error(r, 400, param="max_tokens", code="context_length_exceeded")
    assert str(max_len) in err["message"]
    long_prompt = "control chart " * max_len
    r = httpx.post(timeout=60, url=url + COMPLETIONS, json={"prompt": long_prompt, "max_tokens": 1})
    assert_error(r, 400, param="prompt", code="context_length_exceeded")
    # the openai client raises BadRequestError
    c = openai.OpenAI(base_url=url + "/v1", api_key="x", max_retries=0)
    with pytest.raises(openai.BadRequestError):
        c.chat.completions.create(model="havoc-test", messages=USER, max_tokens=max_len)


def test_top_logprobs_without_logprobs(server):
    url, _ = server
    r = httpx.post(timeout=60, url=url + CHAT, json={"messages": USER, "top_logprobs": 2})
    assert_error(r, 400, param="top_logprobs")


def test_malformed_json_and_non_object(server):
    url, _ = server
    headers = {"content-type": "application/json"}
    r = httpx.post(timeout=60, url=url + CHAT, content=b'{"messages": [', headers=headers)
    assert_error(r, 400, code="invalid_json")
    r = httpx.post(timeout=60, url=url + CHAT, content=b"[1, 2]", headers=headers)
    assert_error(r, 400, code="invalid_request_body")
    r = httpx.post(timeout=60, url=url + CHAT, content=b"\xff\xfe", headers=headers)
    assert r.status_code == 400


def test_unknown_model_path_and_method(server):
    url, _ = server
    err = assert_error(
        httpx.post(timeout=60, url=url + CHAT, json={"model": "gpt-9", "messages": USER}),
        404,
        code="model_not_found",
    )
    assert "gpt-9" in err["message"]
    assert_error(httpx.get(timeout=60, url=url + "/v1/models/gpt-9"), 404, code="model_not_found")
    assert_error(httpx.get(timeout=60, url=url + "/v1/nothing-here"), 404)
    assert_error(httpx.get(timeout=60, url=url + CHAT), 405)


def test_body_too_large(make_server):
    with make_server(max_body_bytes=2000) as (url, _):
        big = {"messages": [{"role": "user", "content": "x" * 5000}]}
        assert_error(
            httpx.post(timeout=60, url=url + CHAT, json=big), 413, code="request_too_large"
        )

        def chunked():  # no Content-Length: the limit is enforced while reading
            yield b'{"messages": [{"role": "user", "content": "'
            for _ in range(10):
                yield b"y" * 500
            yield b'"}]}'

        r = httpx.post(
            timeout=60,
            url=url + CHAT,
            content=chunked(),
            headers={"content-type": "application/json"},
        )
        assert_error(r, 413, code="request_too_large")
        small = httpx.post(timeout=60, url=url + CHAT, json={"messages": USER, "max_tokens": 2})
        assert small.status_code == 200


def test_queue_full_is_429(make_server):
    with make_server(slow=True, max_batch=1, max_queue=1) as (url, app):
        chat_body = {"messages": USER, "max_tokens": 200, "stream": True, "temperature": 0}
        with httpx.Client(timeout=30) as a, httpx.Client(timeout=30) as b:
            with a.stream("POST", url + CHAT, json=chat_body) as ra:
                assert ra.status_code == 200
                _wait_until(lambda: app.state.havoc.engine.running == 1)  # holds the only slot
                with b.stream("POST", url + CHAT, json=chat_body) as rb:
                    assert rb.status_code == 200
                    assert app.state.havoc.engine.waiting == 1  # queued behind it
                    r = httpx.post(
                        timeout=60, url=url + CHAT, json={"messages": USER, "max_tokens": 2}
                    )
                    err = assert_error(r, 429, code="queue_full")
                    assert "queue" in err["message"] and r.headers["retry-after"] == "1"
                    c = openai.OpenAI(base_url=url + "/v1", api_key="x", max_retries=0)
                    with pytest.raises(openai.RateLimitError):
                        c.chat.completions.create(model="havoc-test", messages=USER, max_tokens=2)
        _wait_idle(app)


def test_timeout(make_server):
    # the slow model needs about 2 s for 200 tokens; the per-request limit is 0.3 s
    with make_server(slow=True, request_timeout=0.3) as (url, app):
        body = {"prompt": "x", "max_tokens": 200, "temperature": 0}
        r = httpx.post(url + COMPLETIONS, json=body, timeout=30)
        err = assert_error(r, 503, code="timeout")
        assert "timed out" in err["message"]
        with httpx.stream(
            "POST", url + COMPLETIONS, json={**body, "stream": True}, timeout=60
        ) as rs:
            events = [line for line in rs.iter_lines() if line]
        assert events[-1] == "data: [DONE]"
        err = json.loads(events[-2][len("data: ") :])
        assert err["error"]["code"] == "timeout"
        assert len(events) < 200  # stopped early
        _wait_idle(app)


def _metric(url, name):
    for line in httpx.get(timeout=60, url=url + "/metrics").text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(name)


def _wait_until(condition, timeout=10.0):
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "condition not reached"
        time.sleep(0.005)


def _wait_idle(app, timeout=10.0):
    engine = app.state.havoc.engine
    end = time.monotonic() + timeout
    while (engine.running or engine.waiting) and time.monotonic() < end:
        time.sleep(0.01)
    assert engine.running == 0 and engine.waiting == 0


def test_disconnect_stops_generation(make_server):
    with make_server(slow=True, max_batch=2) as (url, app):
        engine = app.state.havoc.engine
        max_tokens = 240
        body = {"prompt": "x", "max_tokens": max_tokens, "temperature": 0, "stream": True}
        before = _metric(url, "havoc_generation_tokens_total")
        with httpx.Client(timeout=30) as c:
            with c.stream("POST", url + COMPLETIONS, json=body) as r:
                lines = r.iter_lines()
                got = 0
                while got < 3:
                    if next(lines).startswith("data: {"):
                        got += 1
                assert engine.running == 1
        # the client is gone: the slot is freed at the next step and no more tokens appear
        _wait_idle(app)
        stopped_at = _metric(url, "havoc_generation_tokens_total")
        time.sleep(0.3)
        assert _metric(url, "havoc_generation_tokens_total") == stopped_at
        assert stopped_at - before < max_tokens / 2
        # the server keeps serving
        r = httpx.post(timeout=60, url=url + COMPLETIONS, json={"prompt": "x", "max_tokens": 3})
        assert r.status_code == 200


def test_api_key(make_server):
    with make_server(api_key="s3cret") as (url, _):
        ok = openai.OpenAI(base_url=url + "/v1", api_key="s3cret", max_retries=0)
        assert ok.models.list().data[0].id == "havoc-test"
        bad = openai.OpenAI(base_url=url + "/v1", api_key="wrong", max_retries=0)
        with pytest.raises(openai.AuthenticationError):
            bad.models.list()
        assert_error(httpx.get(timeout=60, url=url + "/v1/models"), 401, code="invalid_api_key")
        assert_error(httpx.get(timeout=60, url=url + "/metrics"), 401, code="invalid_api_key")
        r = httpx.post(
            timeout=60,
            url=url + CHAT,
            json={"messages": USER, "max_tokens": 2},
            headers={"authorization": "Bearer s3cret"},
        )
        assert r.status_code == 200
        assert httpx.get(timeout=60, url=url + "/health").status_code == 200  # liveness stays open


def test_cors(make_server, server):
    origin = "http://ui.example:5173"
    with make_server(cors_origins=(origin,), api_key="k") as (url, _):
        pre = httpx.options(
            timeout=60,
            url=url + CHAT,
            headers={
                "origin": origin,
                "access-control-request-method": "POST",
                "access-control-request-headers": "authorization, content-type",
            },
        )
        assert pre.status_code == 200
        assert pre.headers["access-control-allow-origin"] == origin
        r = httpx.get(
            timeout=60,
            url=url + "/v1/models",
            headers={"origin": origin, "authorization": "Bearer k"},
        )
        assert r.headers["access-control-allow-origin"] == origin
        other = httpx.get(
            timeout=60, url=url + "/health", headers={"origin": "http://evil.example"}
        )
        assert "access-control-allow-origin" not in other.headers
    default_url, _ = server  # CORS is off unless origins are given
    r = httpx.get(timeout=60, url=default_url + "/v1/models", headers={"origin": origin})
    assert "access-control-allow-origin" not in r.headers
