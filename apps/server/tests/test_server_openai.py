"""The official openai client against the app under uvicorn: chat and completions, sync and
async, streaming with and without usage, chunk-by-chunk stream invariants, and batching
equivalence against havoc_model.generate run one request at a time."""

from __future__ import annotations

import asyncio
import json

import httpx
import openai
import pytest
import torch
from havoc_model import GenerationConfig, generate

MODEL_ID = "havoc-test"  # the id the conftest server serves

PROMPTS = [
    "The control chart",
    "Cpk compares",
    "A two-sample t-test",
    "Regression fits a line",
    "Temperature 20 °C",
    "Fractional factorial designs",
    "The p-value is",
    "σ = 0.012",
    "Analysis of variance",
    "Response surface",
    "A full factorial design runs",
    "Welch's version",
    "tolerance ± 0.05 mm",
    "the nearest specification limit",
    "Box-Behnken",
    "Run 7, batch 3.",
]


def reference(model, tokenizer, ids, max_new_tokens):
    """Greedy tokens from havoc_model.generate for one prompt, cut at the tokenizer's stop ids."""
    config = GenerationConfig(
        max_new_tokens=max_new_tokens, greedy=True, stop_token_ids=tokenizer.stop_ids
    )
    out, reason = [], None
    for ev in generate(model, [ids], config):
        if ev.finish_reason == "stop" and ev.token_id in tokenizer.stop_ids:
            reason = "stop"
            break
        out.append(ev.token_id)
        reason = ev.finish_reason
    return out, reason


def client(url, **kw):
    return openai.OpenAI(base_url=url + "/v1", api_key="unused", max_retries=0, **kw)


def aclient(url, **kw):
    return openai.AsyncOpenAI(base_url=url + "/v1", api_key="unused", max_retries=0, **kw)


def test_models_and_health(server):
    url, _ = server
    models = client(url).models.list()
    assert [m.id for m in models.data] == [MODEL_ID]
    health = httpx.get(timeout=60, url=url + "/health").json()
    assert health["status"] == "ok" and health["max_batch"] == 16


def test_chat_sync_matches_reference(server, model, tokenizer):
    url, _ = server
    messages = [{"role": "system", "content": "Be exact."}, {"role": "user", "content": "Cpk?"}]
    r = client(url).chat.completions.create(
        model=MODEL_ID, messages=messages, max_tokens=24, temperature=0
    )
    ids = tokenizer.encode_chat(messages, add_generation_prompt=True)
    ref, reason = reference(model, tokenizer, ids, 24)
    assert r.object == "chat.completion" and r.id.startswith("chatcmpl-")
    assert r.choices[0].message.role == "assistant"
    assert r.choices[0].message.content == tokenizer.decode(ref)
    assert r.choices[0].finish_reason == reason
    assert r.usage.prompt_tokens == len(ids)
    assert r.usage.total_tokens == r.usage.prompt_tokens + r.usage.completion_tokens


def test_completion_sync_matches_reference(server, model, tokenizer):
    url, _ = server
    r = client(url).completions.create(
        model=MODEL_ID, prompt=PROMPTS[0], max_tokens=20, temperature=0
    )
    ids = tokenizer.encode(PROMPTS[0], add_bos=True)
    ref, reason = reference(model, tokenizer, ids, 20)
    assert r.object == "text_completion"
    assert r.choices[0].text == tokenizer.decode(ref)
    assert r.choices[0].finish_reason == reason
    assert r.usage.prompt_tokens == len(ids)


def check_chat_stream(chunks, n_choices, include_usage):
    """The OpenAI chunk invariants, chunk by chunk; returns the text of each choice."""
    assert chunks, "no chunks"
    ids = {c.id for c in chunks}
    created = {c.created for c in chunks}
    assert len(ids) == 1 and len(created) == 1
    texts = [""] * n_choices
    seen_role = [False] * n_choices
    finished = [None] * n_choices
    body = chunks[:-1] if include_usage else chunks
    for c in body:
        assert c.object == "chat.completion.chunk"
        assert len(c.choices) == 1
        ch = c.choices[0]
        i = ch.index
        assert finished[i] is None, "a chunk after the choice finished"
        if not seen_role[i]:
            assert ch.delta.role == "assistant", "first chunk of a choice must carry the role"
            seen_role[i] = True
        else:
            assert ch.delta.role is None
        if ch.finish_reason is not None:
            assert ch.finish_reason in ("stop", "length")
            assert not ch.delta.content
            finished[i] = ch.finish_reason
        texts[i] += ch.delta.content or ""
        if include_usage:
            assert c.usage is None
    assert all(f is not None for f in finished)
    if include_usage:
        last = chunks[-1]
        assert last.choices == [] and last.usage is not None
        assert last.usage.total_tokens == last.usage.prompt_tokens + last.usage.completion_tokens
    return texts, finished


@pytest.mark.parametrize("include_usage", [False, True])
def test_chat_stream_invariants(server, include_usage):
    url, _ = server
    c = client(url)
    messages = [{"role": "user", "content": "What is a control chart?"}]
    kw = {"stream_options": {"include_usage": True}} if include_usage else {}
    chunks = list(
        c.chat.completions.create(
            model=MODEL_ID, messages=messages, max_tokens=30, temperature=0, stream=True, **kw
        )
    )
    texts, finished = check_chat_stream(chunks, 1, include_usage)
    full = c.chat.completions.create(
        model=MODEL_ID, messages=messages, max_tokens=30, temperature=0
    )
    assert texts[0] == full.choices[0].message.content
    assert finished[0] == full.choices[0].finish_reason
    if include_usage:
        assert chunks[-1].usage.completion_tokens == full.usage.completion_tokens


def test_chat_stream_n_choices_seeded(server):
    url, _ = server
    c = client(url)
    kw = dict(
        model=MODEL_ID,
        messages=[{"role": "user", "content": "Welch?"}],
        max_tokens=16,
        temperature=1.0,
        n=3,
        seed=1234,
    )
    chunks = list(c.chat.completions.create(stream=True, **kw))
    texts, _ = check_chat_stream(chunks, 3, False)
    again = c.chat.completions.create(**kw)
    assert [ch.message.content for ch in again.choices] == texts  # the seed repeats
    assert len(set(texts)) > 1  # choices use different seeds


def test_raw_sse_format(server):
    url, _ = server
    body = {"prompt": "Cpk", "max_tokens": 5, "stream": True, "temperature": 0}
    with httpx.stream("POST", url + "/v1/completions", json=body, timeout=60) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        raw = r.read().decode()
    events = raw.split("\n\n")
    assert events[-1] == "" and events[-2] == "data: [DONE]"
    for ev in events[:-2]:
        assert ev.startswith("data: ") and "\n" not in ev
        obj = json.loads(ev[len("data: ") :])
        assert obj["object"] == "text_completion"


@pytest.mark.asyncio
async def test_completion_stream_async_with_usage(server, tokenizer):
    url, _ = server
    c = aclient(url)
    stream = await c.completions.create(
        model=MODEL_ID,
        prompt=PROMPTS[1],
        max_tokens=25,
        temperature=0,
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = [ch async for ch in stream]
    assert len({ch.id for ch in chunks}) == 1
    assert chunks[-1].choices == [] and chunks[-1].usage.prompt_tokens == len(
        tokenizer.encode(PROMPTS[1], add_bos=True)
    )
    text = "".join(ch.choices[0].text for ch in chunks[:-1])
    reasons = [ch.choices[0].finish_reason for ch in chunks[:-1]]
    assert reasons[-1] in ("stop", "length") and all(r is None for r in reasons[:-1])
    full = await c.completions.create(
        model=MODEL_ID, prompt=PROMPTS[1], max_tokens=25, temperature=0
    )
    assert text == full.choices[0].text


@pytest.mark.asyncio
async def test_chat_stream_async(server):
    url, _ = server
    c = aclient(url)
    stream = await c.chat.completions.create(
        model=MODEL_ID,
        messages=[{"role": "user", "content": "p-value?"}],
        max_tokens=12,
        stream=True,
        seed=5,
    )
    chunks = [ch async for ch in stream]
    check_chat_stream(chunks, 1, False)


@pytest.mark.asyncio
async def test_16_concurrent_streams_equal_one_at_a_time(server, model, tokenizer):
    url, app = server
    c = aclient(url)

    async def one(prompt):
        stream = await c.completions.create(
            model=MODEL_ID, prompt=prompt, max_tokens=24, temperature=0, stream=True
        )
        parts, reason = [], None
        async for ch in stream:
            parts.append(ch.choices[0].text)
            reason = ch.choices[0].finish_reason or reason
        return "".join(parts), reason

    steps_before = app.state.havoc.engine.steps
    together = await asyncio.gather(*(one(p) for p in PROMPTS))
    steps_together = app.state.havoc.engine.steps - steps_before
    alone = [await one(p) for p in PROMPTS]
    assert together == alone
    # and both equal havoc_model.generate, prompt by prompt
    for prompt, (text, reason) in zip(PROMPTS, alone, strict=True):
        ref, ref_reason = reference(model, tokenizer, tokenizer.encode(prompt, add_bos=True), 24)
        assert text == tokenizer.decode(ref) and reason == ref_reason
    # the concurrent run really was batched: far fewer forward steps than 16 x 24
    assert steps_together < 4 * 24


def _boundary_stop(model, tokenizer, prompt):
    """A stop string made of the last character of token k and the first of token k + 1."""
    ref, _ = reference(model, tokenizer, tokenizer.encode(prompt, add_bos=True), 30)
    pieces = [tokenizer.decode(ref[:k]) for k in range(len(ref) + 1)]
    for k in range(1, len(ref)):
        a, b = pieces[k], pieces[k + 1]
        if len(a) > len(pieces[k - 1]) and len(b) > len(a):
            stop = a[-1] + b[len(a)]
            if "\ufffd" not in stop and not any(ch.isspace() for ch in stop):
                return stop, pieces[-1]
    return None


def test_stop_string_across_token_boundary(server, model, tokenizer):
    url, _ = server
    found = [(p, _boundary_stop(model, tokenizer, p)) for p in PROMPTS]
    prompt, (stop, full) = next((p, f) for p, f in found if f is not None)
    expected = full[: full.find(stop)]
    c = client(url)
    r = c.completions.create(
        model=MODEL_ID, prompt=prompt, max_tokens=30, temperature=0, stop=[stop, "never-xyz"]
    )
    assert r.choices[0].text == expected and r.choices[0].finish_reason == "stop"
    streamed = "".join(
        ch.choices[0].text
        for ch in c.completions.create(
            model=MODEL_ID, prompt=prompt, max_tokens=30, temperature=0, stop=stop, stream=True
        )
    )
    assert streamed == expected


def test_logprobs_match_model(server, model, tokenizer):
    url, _ = server
    r = client(url).completions.create(
        model=MODEL_ID, prompt=PROMPTS[3], max_tokens=3, temperature=0, logprobs=2
    )
    ids = tokenizer.encode(PROMPTS[3], add_bos=True)
    with torch.no_grad():
        lsm = model(torch.tensor([ids]))[0, -1].log_softmax(-1)
    lp = r.choices[0].logprobs
    assert lp.token_logprobs[0] == pytest.approx(float(lsm.max()), abs=1e-4)
    assert len(lp.tokens) == len(lp.token_logprobs) == 3
    chat = client(url).chat.completions.create(
        model=MODEL_ID,
        messages=[{"role": "user", "content": "x"}],
        max_tokens=3,
        temperature=0,
        logprobs=True,
        top_logprobs=3,
    )
    content = chat.choices[0].logprobs.content
    assert len(content) >= 1 and len(content[0].top_logprobs) == 3
    assert content[0].logprob == pytest.approx(content[0].top_logprobs[0].logprob)


def test_completion_prompt_list_and_echo(server, tokenizer):
    url, _ = server
    c = client(url)
    r = c.completions.create(
        model=MODEL_ID, prompt=PROMPTS[:2], n=2, max_tokens=4, temperature=0, echo=True
    )
    assert [ch.index for ch in r.choices] == [0, 1, 2, 3]
    assert r.choices[0].text.startswith(PROMPTS[0]) and r.choices[2].text.startswith(PROMPTS[1])
    assert r.choices[0].text == r.choices[1].text  # greedy: both choices agree
    ids = tokenizer.encode(PROMPTS[0], add_bos=True)
    by_ids = c.completions.create(model=MODEL_ID, prompt=ids, max_tokens=4, temperature=0)
    assert by_ids.choices[0].text == r.choices[0].text[len(PROMPTS[0]) :]


def test_penalties_and_filters_accepted(server):
    url, _ = server
    r = client(url).chat.completions.create(
        model=MODEL_ID,
        messages=[{"role": "user", "content": "x"}],
        max_tokens=12,
        temperature=0.7,
        top_p=0.9,
        presence_penalty=1.0,
        frequency_penalty=0.5,
        extra_body={"top_k": 5, "min_p": 0.05, "repetition_penalty": 1.3},
        seed=3,
    )
    assert r.choices[0].finish_reason in ("stop", "length")


def test_metrics_count_tokens(server):
    url, _ = server
    text = httpx.get(timeout=60, url=url + "/metrics").text
    for name in (
        "havoc_requests_running",
        "havoc_requests_waiting",
        "havoc_generation_tokens_total",
        "havoc_time_to_first_token_seconds_bucket",
        "havoc_inter_token_latency_seconds_count",
    ):
        assert name in text
    before = _metric(text, "havoc_generation_tokens_total")
    client(url).completions.create(model=MODEL_ID, prompt="x", max_tokens=7, temperature=0)
    after = _metric(
        httpx.get(timeout=60, url=url + "/metrics").text, "havoc_generation_tokens_total"
    )
    assert 1 <= after - before <= 7


def _metric(text, name):
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    raise AssertionError(f"{name} not in metrics")
