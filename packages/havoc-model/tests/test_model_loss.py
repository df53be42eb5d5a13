"""linear_cross_entropy and ``model(x, targets=y)`` against the materialised-logits loss."""

import pytest
import torch
import torch.nn.functional as F
from havoc_model import HavocModel, ModelConfig, linear_cross_entropy
from havoc_model import loss as loss_mod


def _reference(hidden, weight, targets):
    logits = F.linear(hidden, weight).float()
    return F.cross_entropy(
        logits.reshape(-1, logits.shape[-1]),
        targets.reshape(-1),
        ignore_index=-100,
        reduction="sum",
    )


@pytest.mark.parametrize("chunk_elements", [1 << 23, 97 * 3])  # one chunk; many uneven ones
def test_loss_and_grads_equal_reference(monkeypatch, chunk_elements) -> None:
    monkeypatch.setattr(loss_mod, "_CHUNK_ELEMENTS", chunk_elements)
    g = torch.Generator().manual_seed(0)
    hidden = torch.randn(3, 11, 16, generator=g, dtype=torch.float64).requires_grad_()
    weight = torch.randn(97, 16, generator=g, dtype=torch.float64).requires_grad_()
    targets = torch.randint(0, 97, (3, 11), generator=g)
    targets[0, :4] = -100
    targets[2, -1] = -100
    got = linear_cross_entropy(hidden, weight, targets)
    (got * 2.5).backward()
    gh, gw = hidden.grad.clone(), weight.grad.clone()
    hidden.grad = weight.grad = None
    ref = _reference(hidden, weight, targets)
    (ref * 2.5).backward()
    torch.testing.assert_close(got, ref.float())
    # both take the softmax in fp32 (like .float() on the logits), so fp32 tolerances
    torch.testing.assert_close(gh, hidden.grad, rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(gw, weight.grad, rtol=1e-4, atol=1e-5)


def test_all_ignored_and_no_grad() -> None:
    hidden, weight = torch.randn(2, 5, 8), torch.randn(13, 8)
    targets = torch.full((2, 5), -100)
    assert float(linear_cross_entropy(hidden, weight, targets)) == 0.0
    targets = torch.randint(0, 13, (2, 5))
    with torch.no_grad():
        got = linear_cross_entropy(hidden, weight, targets)
    torch.testing.assert_close(got, _reference(hidden, weight, targets))


def test_errors() -> None:
    with pytest.raises(ValueError, match="targets shape"):
        linear_cross_entropy(torch.randn(2, 5, 8), torch.randn(13, 8), torch.zeros(2, 4).long())
    with pytest.raises(ValueError, match="int64 or int32"):
        linear_cross_entropy(torch.randn(2, 5, 8), torch.randn(13, 8), torch.zeros(2, 5))


@pytest.mark.parametrize("tie", [True, False])
def test_model_targets_equal_logits_loss(tie) -> None:
    cfg = ModelConfig(
        vocab_size=61,
        d_model=32,
        n_layers=2,
        n_heads=4,
        n_kv_heads=2,
        head_dim=8,
        ffn_hidden=64,
        max_seq_len=32,
        tie_embeddings=tie,
    )
    torch.manual_seed(0)
    a = HavocModel(cfg)
    b = HavocModel(cfg)
    b.load_state_dict(a.state_dict())
    x = torch.randint(0, 61, (2, 9))
    y = torch.randint(0, 61, (2, 9))
    y[1, :3] = -100
    fused = a(x, targets=y)
    fused.backward()
    ref = _reference_model(b, x, y)
    ref.backward()
    torch.testing.assert_close(fused, ref, rtol=1e-5, atol=1e-5)
    for (name, pa), pb in zip(a.named_parameters(), b.parameters(), strict=True):
        torch.testing.assert_close(pa.grad, pb.grad, rtol=1e-5, atol=1e-6, msg=name)
    with pytest.raises(ValueError, match="targets shape"):
        a(x, targets=y[:, :3])


def _reference_model(model, x, y):
    logits = model(x)
    return F.cross_entropy(logits.reshape(-1, 61), y.reshape(-1), reduction="sum")


def test_bf16_autocast_close_to_reference() -> None:
    g = torch.Generator().manual_seed(1)
    hidden = torch.randn(4, 33, 32, generator=g).requires_grad_()
    weight = (torch.randn(200, 32, generator=g) * 0.2).requires_grad_()
    targets = torch.randint(0, 200, (4, 33), generator=g)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        got = linear_cross_entropy(hidden, weight, targets)
        ref = _reference(hidden, weight, targets)
    assert got.dtype == torch.float32
    torch.testing.assert_close(got, ref, rtol=2e-3, atol=1e-2)
    (gh,) = torch.autograd.grad(got, hidden)
    (rh,) = torch.autograd.grad(ref, hidden)
    assert gh.dtype == torch.float32
    torch.testing.assert_close(gh, rh, rtol=0.05, atol=0.02)


def test_backward_twice_with_retained_graph() -> None:
    hidden = torch.randn(6, 8, requires_grad=True)
    weight = torch.randn(13, 8, requires_grad=True)
    targets = torch.randint(0, 13, (6,))
    loss = linear_cross_entropy(hidden, weight, targets)
    (g1,) = torch.autograd.grad(loss * 3.0, hidden, retain_graph=True)
    (g2,) = torch.autograd.grad(loss * 3.0, hidden)
    torch.testing.assert_close(g1, g2)
    (ref,) = torch.autograd.grad(_reference(hidden, weight, targets) * 3.0, hidden)
    torch.testing.assert_close(g1, ref, rtol=1e-5, atol=1e-6)
