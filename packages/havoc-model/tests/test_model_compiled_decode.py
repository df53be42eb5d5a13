"""The static-shape decode step and ``generate(compile=True)``."""

import torch
from havoc_model import GenerationConfig, KVCache, generate


def _events(events):
    return [(e.row, e.step, e.token_id, e.finish_reason) for e in events]


def test_decode_step_equals_cached_forward(make_sharp_model, gen_config) -> None:
    """Rows at different positions: decode_step's logits equal the dynamic cached forward."""
    model = make_sharp_model()
    prompts = [[1, 2, 3, 4, 5], [6, 7], [8, 9, 10]]
    with torch.inference_mode():
        caches = [KVCache.for_model(model, 3, 32) for _ in range(2)]
        for cache in caches:
            for row, p in enumerate(prompts):
                model(torch.tensor([p]), kv_cache=cache.slots([row]))
        tokens = torch.tensor([11, 12, 13])
        dynamic = model(tokens[:, None], kv_cache=caches[0])[:, -1]
        static_cache = caches[1]
        got = model.decode_step(tokens, static_cache.lengths.clone(), static_cache)
    torch.testing.assert_close(got, dynamic, rtol=1e-5, atol=1e-5)
    assert got.dtype == torch.float32 and got.shape == (3, gen_config.vocab_size)
    # the new entries were written where the dynamic path wrote them
    for layer in range(gen_config.n_layers):
        for row, p in enumerate(prompts):
            n = len(p) + 1
            torch.testing.assert_close(
                static_cache.keys[layer][row, :, :n], caches[0].keys[layer][row, :, :n]
            )


def test_compiled_generate_equals_eager(make_sharp_model) -> None:
    """Batched, left-padded prompts; one row stops early; a repetition penalty reads the
    history: the compiled path yields exactly the eager path's events."""
    model = make_sharp_model()
    prompts = [[3, 14, 15, 9, 26], [5], [35, 8, 9]]
    free = GenerationConfig(max_new_tokens=24, greedy=True)
    eager_free = _events(generate(model, prompts, free))
    stop = next(t for r, s, t, _ in eager_free if r == 1 and s == 3)
    cfg = GenerationConfig(
        max_new_tokens=24, greedy=True, repetition_penalty=1.3, stop_token_ids=[stop]
    )
    eager = _events(generate(model, prompts, cfg))
    compiled = _events(generate(model, prompts, cfg, compile=True))
    assert compiled == eager
    reasons = {r: reason for r, _, _, reason in eager if reason}
    assert "stop" in reasons.values() and "length" in reasons.values()
    # a second call reuses the compiled step (same batch size and cache bucket)
    again = _events(generate(model, prompts, free, compile=True))
    assert again == eager_free


def test_compiled_generate_bf16_weights_runs(make_sharp_model, gen_config) -> None:
    model = make_sharp_model().to(torch.bfloat16)
    cfg = GenerationConfig(max_new_tokens=8, greedy=True)
    events = list(generate(model, [[1, 2, 3]], cfg, compile=True))
    assert len(events) == 8 and events[-1].finish_reason == "length"
    assert all(0 <= e.token_id < gen_config.vocab_size for e in events)


def test_decode_step_has_no_graph_breaks(make_sharp_model) -> None:
    model = make_sharp_model()
    cache = KVCache.for_model(model, 2, 16)
    with torch.inference_mode():
        explained = torch._dynamo.explain(model.decode_step)(
            torch.tensor([1, 2]), torch.tensor([0, 3]), cache
        )
    assert explained.graph_break_count == 0, explained.break_reasons
    assert explained.graph_count == 1
