import pytest
import torch
from havoc_model.sampling import (
    apply_repetition_penalty,
    apply_temperature,
    min_p_filter,
    process_logits,
    sample,
    top_k_filter,
    top_p_filter,
)
from transformers.generation.logits_process import (
    MinPLogitsWarper,
    RepetitionPenaltyLogitsProcessor,
    TemperatureLogitsWarper,
    TopKLogitsWarper,
    TopPLogitsWarper,
)

NEG = float("-inf")


def _kept(logits: torch.Tensor) -> list[set[int]]:
    return [set(torch.nonzero(torch.isfinite(row)).flatten().tolist()) for row in logits]


def test_top_k_exact_set_and_ties() -> None:
    logits = torch.tensor([[1.0, 5.0, 3.0, 4.0, 2.0], [0.0, 1.0, 1.0, 1.0, -1.0]])
    assert _kept(top_k_filter(logits, 2)) == [{1, 3}, {1, 2, 3}]  # ties with the k-th stay
    assert _kept(top_k_filter(logits, 0)) == [set(range(5))] * 2
    assert _kept(top_k_filter(logits, torch.tensor([1, 5]))) == [{1}, set(range(5))]


def test_top_p_exact_set() -> None:
    probs = torch.tensor([[0.5, 0.25, 0.15, 0.1]])
    logits = probs.log()
    # mass above each token: 0, .5, .75, .9
    assert _kept(top_p_filter(logits, 0.5)) == [{0}]
    assert _kept(top_p_filter(logits, 0.6)) == [{0, 1}]
    assert _kept(top_p_filter(logits, 0.8)) == [{0, 1, 2}]
    assert _kept(top_p_filter(logits, 1.0)) == [{0, 1, 2, 3}]
    assert _kept(top_p_filter(logits, 0.01)) == [{0}]


def test_min_p_exact_set() -> None:
    logits = torch.tensor([[0.5, 0.25, 0.15, 0.1]]).log()
    # threshold = 0.3 * 0.5 = 0.15 -> keeps 0.5, 0.25, 0.15
    assert _kept(min_p_filter(logits, 0.3)) == [{0, 1, 2}]
    assert _kept(min_p_filter(logits, 0.0)) == [{0, 1, 2, 3}]
    assert _kept(min_p_filter(logits, 1.0)) == [{0}]


def test_repetition_penalty_signs() -> None:
    logits = torch.tensor([[2.0, -2.0, 1.0, -1.0]])
    out = apply_repetition_penalty(logits, torch.tensor([[0, 1, 1]]), 2.0)
    assert out.tolist() == [[1.0, -4.0, 1.0, -1.0]]
    masked = apply_repetition_penalty(
        logits, torch.tensor([[0, 3]]), 2.0, mask=torch.tensor([[True, False]])
    )
    assert masked.tolist() == [[1.0, -2.0, 1.0, -1.0]]


@pytest.mark.parametrize("seed", range(5))
def test_filters_match_transformers(seed) -> None:
    g = torch.Generator().manual_seed(seed)
    logits = torch.randn(4, 50, generator=g) * 3
    prev = torch.randint(0, 50, (4, 12), generator=g)
    ref = RepetitionPenaltyLogitsProcessor(1.3)(prev, logits.clone())
    torch.testing.assert_close(apply_repetition_penalty(logits, prev, 1.3), ref)
    ref = TemperatureLogitsWarper(0.7)(prev, logits.clone())
    torch.testing.assert_close(apply_temperature(logits, 0.7), ref)
    for k in (1, 5, 17):
        ref = TopKLogitsWarper(k)(prev, logits.clone())
        assert _kept(top_k_filter(logits, k)) == _kept(ref)
    for p in (0.1, 0.5, 0.9, 0.99):
        ref = TopPLogitsWarper(p)(prev, logits.clone())
        assert _kept(top_p_filter(logits, p)) == _kept(ref)
    for mp in (0.05, 0.2, 0.6):
        ref = MinPLogitsWarper(mp)(prev, logits.clone())
        assert _kept(min_p_filter(logits, mp)) == _kept(ref)


def test_per_row_parameters() -> None:
    logits = torch.tensor([[0.5, 0.25, 0.15, 0.1], [0.5, 0.25, 0.15, 0.1]]).log()
    assert _kept(top_p_filter(logits, torch.tensor([0.5, 0.8]))) == [{0}, {0, 1, 2}]
    out = apply_temperature(logits, torch.tensor([1.0, 2.0]))
    torch.testing.assert_close(out[1], logits[1] / 2)


def test_seeded_sampling_reproducible_and_follows_distribution() -> None:
    logits = torch.tensor([[0.0, 1.0, 2.0]]).repeat(4000, 1)
    a = sample(logits, generator=torch.Generator().manual_seed(7))
    b = sample(logits, generator=torch.Generator().manual_seed(7))
    assert torch.equal(a, b)
    freq = torch.bincount(a, minlength=3).float() / a.numel()
    torch.testing.assert_close(
        freq, torch.softmax(torch.tensor([0.0, 1.0, 2.0]), 0), atol=0.03, rtol=0
    )
    assert sample(torch.tensor([[0.0, 3.0, 1.0]]), greedy=True).tolist() == [1]


def test_filtered_tokens_never_sampled() -> None:
    logits = torch.zeros(2000, 10)
    out = process_logits(logits + torch.arange(10.0), top_k=3)
    draws = sample(out, generator=torch.Generator().manual_seed(0))
    assert set(draws.tolist()) <= {7, 8, 9}


@pytest.mark.parametrize(
    ("fn", "arg", "needle"),
    [
        (apply_temperature, 0.0, "temperature"),
        (top_k_filter, -1, "top_k"),
        (top_p_filter, 0.0, "top_p"),
        (min_p_filter, 1.5, "min_p"),
    ],
)
def test_bad_parameters(fn, arg, needle) -> None:
    with pytest.raises(ValueError, match=needle):
        fn(torch.zeros(1, 4), arg)
    with pytest.raises(ValueError, match="2-D"):
        fn(torch.zeros(4), 1)
