import pytest
import torch
from havoc_model import (
    GenerationConfig,
    HavocModel,
    KVCache,
    generate,
    generate_text,
    stream_text,
)


@pytest.fixture(scope="module")
def model(make_sharp_model) -> HavocModel:
    return make_sharp_model()


def _greedy_full_forward(model, prompt, n):
    ids = list(prompt)
    with torch.no_grad():
        for _ in range(n):
            ids.append(int(model(torch.tensor([ids]))[0, -1].argmax()))
    return ids[len(prompt) :]


def _tokens(events, rows):
    out = [[] for _ in range(rows)]
    for e in events:
        out[e.row].append(e.token_id)
    return out


def test_greedy_with_cache_equals_full_forward(model) -> None:
    prompt = [3, 14, 15, 9, 26]
    got = _tokens(generate(model, [prompt], GenerationConfig(max_new_tokens=20, greedy=True)), 1)[0]
    assert got == _greedy_full_forward(model, prompt, 20)
    assert len(set(got)) > 1


def test_batched_left_padding_equals_one_by_one(model) -> None:
    prompts = [[1, 2, 3, 4, 5, 6, 7], [8], [9, 10, 11]]
    cfg = GenerationConfig(max_new_tokens=12, greedy=True)
    batched = _tokens(generate(model, prompts, cfg), 3)
    single = [_tokens(generate(model, [p], cfg), 1)[0] for p in prompts]
    assert batched == single


def test_forward_left_padding_equals_unpadded(model) -> None:
    a = torch.tensor([[5, 6, 7, 8, 9, 10]])
    b = torch.tensor([[11, 12, 13]])
    padded = torch.tensor([[5, 6, 7, 8, 9, 10], [0, 0, 0, 11, 12, 13]])
    mask = torch.tensor([[1] * 6, [0, 0, 0, 1, 1, 1]])
    with torch.no_grad():
        out = model(padded, attention_mask=mask)
        torch.testing.assert_close(out[0], model(a)[0], atol=1e-5, rtol=1e-5)
        torch.testing.assert_close(out[1, 3:], model(b)[0], atol=1e-5, rtol=1e-5)
    assert torch.isfinite(out).all()


def test_continuous_batching_slots(model) -> None:
    """Prefill into free slots while others decode; each slot equals its own full forward."""
    cache = KVCache.for_model(model, batch_size=3, max_len=40)
    seqs = {0: [1, 2, 3, 4], 2: [7, 8]}
    with torch.no_grad():
        for slot in (0,):
            logits = model(torch.tensor([seqs[slot]]), kv_cache=cache.slots([slot]))[:, -1]
            seqs[slot].append(int(logits.argmax()))
        for _ in range(3):  # slot 0 decodes alone
            logits = model(torch.tensor([[seqs[0][-1]]]), kv_cache=cache.slots([0]))[:, -1]
            seqs[0].append(int(logits.argmax()))
        logits = model(torch.tensor([seqs[2]]), kv_cache=cache.slots([2]))[:, -1]  # late arrival
        seqs[2].append(int(logits.argmax()))
        for _ in range(4):  # decode both, different lengths, reversed row order
            active = [2, 0]
            ids = torch.tensor([[seqs[s][-1]] for s in active])
            pos = cache.lengths[active][:, None]
            logits = model(ids, position_ids=pos, kv_cache=cache.slots(active))[:, -1]
            for i, s in enumerate(active):
                ref = model(torch.tensor([seqs[s]]))[0, -1]
                torch.testing.assert_close(logits[i], ref, atol=1e-5, rtol=1e-5)
                seqs[s].append(int(logits[i].argmax()))
        assert cache.lengths.tolist() == [len(seqs[0]) - 1, 0, len(seqs[2]) - 1]
        cache.reset([0])  # free slot 0 and reuse it for a new request
        new = [20, 21, 22]
        out = model(torch.tensor([new]), kv_cache=cache.slots([0]))
        torch.testing.assert_close(out, model(torch.tensor([new])), atol=1e-5, rtol=1e-5)
        assert cache.lengths.tolist()[0] == 3


def test_right_padded_prefill_with_cache(model) -> None:
    cache = KVCache.for_model(model, batch_size=2, max_len=32)
    ids = torch.tensor([[1, 2, 3, 4], [5, 6, 0, 0]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]])
    with torch.no_grad():
        out = model(ids, attention_mask=mask, kv_cache=cache)
        assert cache.lengths.tolist() == [4, 2]
        torch.testing.assert_close(out[1, :2], model(torch.tensor([[5, 6]]))[0])
        step = model(torch.tensor([[9], [9]]), kv_cache=cache)[:, -1]
        torch.testing.assert_close(
            step[1], model(torch.tensor([[5, 6, 9]]))[0, -1], atol=1e-5, rtol=1e-5
        )
        torch.testing.assert_close(
            step[0], model(torch.tensor([[1, 2, 3, 4, 9]]))[0, -1], atol=1e-5, rtol=1e-5
        )
        with pytest.raises(ValueError, match="right padding"):
            model(ids, attention_mask=torch.tensor([[0, 1, 1, 1], [1, 1, 1, 1]]), kv_cache=cache)


def test_cache_errors(model) -> None:
    cache = KVCache.for_model(model, batch_size=2, max_len=4)
    with pytest.raises(ValueError, match="overflow"):
        model(torch.tensor([[1, 2, 3, 4, 5]]), kv_cache=cache.slots([0]))
    with pytest.raises(ValueError, match="slot"):
        model(torch.tensor([[1]]), kv_cache=cache)
    with pytest.raises(ValueError, match="out of range"):
        cache.slots([2])
    with pytest.raises(ValueError, match="distinct"):
        cache.slots([1, 1])
    with pytest.raises(ValueError, match="max_seq_len"):
        KVCache.for_model(model, 1, max_len=1000)


def test_seeded_sampling_reproducible(model) -> None:
    cfg = GenerationConfig(
        max_new_tokens=15, temperature=1.3, top_k=20, top_p=0.95, min_p=0.01, seed=123
    )
    a = _tokens(generate(model, [[1, 2], [3]], cfg), 2)
    b = _tokens(generate(model, [[1, 2], [3]], cfg), 2)
    c = _tokens(
        generate(
            model, [[1, 2], [3]], GenerationConfig(max_new_tokens=15, temperature=1.3, seed=124)
        ),
        2,
    )
    assert a == b
    assert a != c


def test_repetition_penalty_changes_greedy_path(model) -> None:
    plain = _tokens(
        generate(model, [[1, 2, 3]], GenerationConfig(max_new_tokens=30, greedy=True)), 1
    )[0]
    pen = _tokens(
        generate(
            model,
            [[1, 2, 3]],
            GenerationConfig(max_new_tokens=30, greedy=True, repetition_penalty=100.0),
        ),
        1,
    )[0]
    # with a huge penalty a seen token only wins if every unseen one is far behind
    assert len(set(pen)) >= len(set(plain))
    assert len(set(pen)) > 20


def test_stop_token_and_length_reasons(model) -> None:
    prompt = [3, 14, 15, 9, 26]
    free = _tokens(generate(model, [prompt], GenerationConfig(max_new_tokens=10, greedy=True)), 1)[
        0
    ]
    stop = free[4]
    events = list(
        generate(
            model, [prompt], GenerationConfig(max_new_tokens=10, greedy=True, stop_token_ids=[stop])
        )
    )
    first = free.index(stop)
    assert [e.token_id for e in events] == free[: first + 1]
    assert events[-1].finish_reason == "stop"
    assert all(e.finish_reason is None for e in events[:-1])
    events = list(generate(model, [prompt], GenerationConfig(max_new_tokens=3, greedy=True)))
    assert [e.finish_reason for e in events] == [None, None, "length"]


class CharTokenizer:
    """A duck-typed tokenizer: one id per character of a small alphabet; id 1 is eos."""

    alphabet = "\x00\x01abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,"
    eos_id = 1

    def encode(self, text):
        return [self.alphabet.index(c) for c in text]

    def decode(self, ids):
        return "".join(self.alphabet[i] for i in ids if i != self.eos_id)


def test_text_helpers_and_stop_strings(model) -> None:
    tok = CharTokenizer()
    cfg = GenerationConfig(max_new_tokens=25, greedy=True)
    full = generate_text(model, tok, "abc", cfg)
    ids = _tokens(generate(model, [tok.encode("abc")], cfg), 1)[0]
    expected = tok.decode(ids[: ids.index(1)] if 1 in ids else ids)
    assert full == expected
    assert "".join(stream_text(model, tok, "abc", cfg)) == full
    assert generate_text(model, tok, ["abc", "hello"], cfg)[0] == full
    assert len(full) >= 6
    stop = full[3:5]
    stop_cfg = GenerationConfig(max_new_tokens=25, greedy=True, stop_strings=[stop])
    cut = generate_text(model, tok, "abc", stop_cfg)
    assert cut == full[: full.index(stop)]
    assert "".join(stream_text(model, tok, "abc", stop_cfg)) == cut


def test_generation_errors(model) -> None:
    with pytest.raises(ValueError, match="max_seq_len"):
        list(generate(model, [[1] * 90], GenerationConfig(max_new_tokens=10)))
    with pytest.raises(ValueError, match="outside"):
        list(generate(model, [[1, 999]], GenerationConfig()))
    with pytest.raises(ValueError, match="non-empty"):
        list(generate(model, [[]], GenerationConfig()))
    with pytest.raises(ValueError, match="decode"):
        list(generate(model, [[1]], GenerationConfig(stop_strings=["x"])))
    with pytest.raises(ValueError, match="top_p"):
        GenerationConfig(top_p=0)
    with pytest.raises(ValueError, match="unknown generation"):
        GenerationConfig.from_dict({"topk": 3})


def test_forward_errors(model) -> None:
    with pytest.raises(ValueError, match="token ids"):
        model(torch.tensor([[1, 61]]))
    with pytest.raises(ValueError, match="2-D"):
        model(torch.tensor([1, 2]))
    with pytest.raises(ValueError, match="max_seq_len"):
        model(torch.zeros(1, 97, dtype=torch.long))
    with pytest.raises(ValueError, match="attention_mask shape"):
        model(torch.tensor([[1, 2]]), attention_mask=torch.tensor([[1]]))
    with pytest.raises(ValueError, match="position_ids"):
        model(torch.tensor([[1, 2]]), position_ids=torch.tensor([[0, 500]]))


def test_bf16_autocast_forward_and_generate(model) -> None:
    ids = torch.tensor([[1, 2, 3, 4, 5, 6]])
    with torch.no_grad():
        ref = model(ids)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            out = model(ids)
    assert out.dtype == torch.float32 and torch.isfinite(out).all()
    assert (out - ref).abs().max() < 0.1 * ref.abs().max()
    with torch.autocast("cpu", dtype=torch.bfloat16):
        events = list(generate(model, [[1, 2, 3]], GenerationConfig(max_new_tokens=4, greedy=True)))
    assert len(events) == 4


def test_bf16_weights_generate(gen_config) -> None:
    torch.manual_seed(1)
    m = HavocModel(gen_config).to(torch.bfloat16).eval()
    with torch.no_grad():
        out = m(torch.tensor([[1, 2, 3]]))
    assert out.dtype == torch.float32
    cache = KVCache.for_model(m, 1, 16)
    assert cache.keys[0].dtype == torch.bfloat16
    assert len(list(generate(m, [[1, 2, 3]], GenerationConfig(max_new_tokens=3, greedy=True)))) == 3
