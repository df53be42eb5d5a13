"""AdamW groups, accumulation equivalence, clipping, precision selection."""

import pytest
import torch
import torch.nn.functional as F
from havoc_model import HavocModel, ModelConfig
from havoc_train.optim import build_adamw, param_groups
from havoc_train.parallel import DistInfo, apply_activation_checkpointing
from havoc_train.precision import Precision
from havoc_train.step import train_step

MICRO = dict(
    vocab_size=97,
    d_model=64,
    n_layers=2,
    n_heads=4,
    n_kv_heads=2,
    head_dim=16,
    ffn_hidden=128,
    max_seq_len=64,
)


def micro_model(seed=0, **changes):
    torch.manual_seed(seed)
    return HavocModel(ModelConfig(**{**MICRO, **changes}))


def batch(rows=8, seq=16, seed=1):
    g = torch.Generator().manual_seed(seed)
    tokens = torch.randint(0, MICRO["vocab_size"], (rows, seq + 1), generator=g)
    return tokens[:, :-1].contiguous(), tokens[:, 1:].contiguous()


def test_no_decay_on_norms_and_embeddings():
    model = micro_model(tie_embeddings=False)
    decay, keep = param_groups(model, 0.1)
    names = {id(p): n for n, p in model.named_parameters()}
    keep_names = {names[id(p)] for p in keep["params"]}
    decay_names = {names[id(p)] for p in decay["params"]}
    assert "embed.weight" in keep_names
    assert all("norm" in n or n == "embed.weight" for n in keep_names)
    assert "lm_head.weight" in decay_names  # an untied head is a matmul: decayed
    assert all(model.get_parameter(n).ndim == 2 for n in decay_names)
    assert len(keep_names) + len(decay_names) == len(list(model.parameters()))
    assert keep["weight_decay"] == 0.0 and decay["weight_decay"] == 0.1


def test_tied_embedding_counted_once():
    model = micro_model(tie_embeddings=True)
    groups = param_groups(model, 0.1)
    total = sum(len(g["params"]) for g in groups)
    assert total == len(list(model.parameters()))


def test_fused_choice():
    model = micro_model()
    assert build_adamw(model, 1e-3, fused="off").defaults["fused"] in (None, False)
    with pytest.raises(ValueError, match="optim.fused"):
        build_adamw(model, 1e-3, fused="maybe")


def _reference_step(model, x, y, lr, wd, clip):
    """One plain step written out by hand: mean CE over the full batch, clip, torch AdamW."""
    opt = torch.optim.AdamW(
        [
            {
                "params": [
                    p for p in model.parameters() if p.ndim >= 2 and p is not model.embed.weight
                ],
                "weight_decay": wd,
            },
            {
                "params": [p for p in model.parameters() if p.ndim < 2 or p is model.embed.weight],
                "weight_decay": 0.0,
            },
        ],
        lr=lr,
        betas=(0.9, 0.95),
        eps=1e-8,
        foreach=False,
    )
    # The model's own fused loss (tested against F.cross_entropy in havoc-model): Adam's first
    # step is ~lr * sign(g), so near-zero gradients must round the same way as train_step's.
    loss = model(x, targets=y) / y.numel()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
    opt.step()
    return loss.item()


def test_adamw_step_matches_hand_written_reference():
    x, y = batch(rows=8)
    ref = micro_model()
    ref_loss = _reference_step(ref, x, y, lr=1e-2, wd=0.1, clip=0.5)
    model = micro_model()
    opt = build_adamw(model, 1e-2, weight_decay=0.1, fused="auto")
    prec = Precision.resolve("fp32", torch.device("cpu"))
    loss, _, _ = train_step(model, [(x, y)], opt, prec.grad_scaler(), prec, 0.5, DistInfo())
    assert loss == pytest.approx(ref_loss, rel=1e-5)
    for (n, a), b in zip(model.named_parameters(), ref.parameters()):
        torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6, msg=n)


@pytest.mark.parametrize("accum", [2, 4, 8])
def test_accumulation_equals_one_big_batch(accum):
    # SGD keeps the update linear in the gradient, so weights compare at fp32 tolerance
    # (Adam's first step is ~lr * sign(g) and would amplify rounding in near-zero gradients).
    x, y = batch(rows=8)
    ref = micro_model()
    ref_opt = torch.optim.SGD(ref.parameters(), lr=0.5)
    logits = ref(x)
    ref_loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
    ref_loss.backward()
    torch.nn.utils.clip_grad_norm_(ref.parameters(), 0.5)
    ref_opt.step()
    ref_loss = ref_loss.item()

    model = micro_model()
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    prec = Precision.resolve("fp32", torch.device("cpu"))
    rows = 8 // accum
    micro = [(x[i : i + rows], y[i : i + rows]) for i in range(0, 8, rows)]
    loss, grad_norm, tokens = train_step(
        model, micro, opt, prec.grad_scaler(), prec, 0.5, DistInfo()
    )
    assert tokens == x.numel()
    assert loss == pytest.approx(ref_loss, rel=1e-5)
    for (n, a), b in zip(model.named_parameters(), ref.parameters()):
        torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6, msg=n)


def test_masked_labels_normalise_by_global_token_count():
    # SFT: micro-batches with different numbers of target tokens still equal the big batch.
    x, y = batch(rows=4)
    y = y.clone()
    y[0, :12] = -100
    y[3, :3] = -100
    ref = micro_model()
    logits = ref(x)
    ref_loss = F.cross_entropy(logits.reshape(-1, 97), y.reshape(-1), ignore_index=-100)
    ref_loss.backward()
    model = micro_model()
    opt = torch.optim.SGD(model.parameters(), lr=0.0)
    prec = Precision.resolve("fp32", torch.device("cpu"))
    micro = [(x[:1], y[:1]), (x[1:], y[1:])]
    loss, _, tokens = train_step(model, micro, opt, prec.grad_scaler(), prec, 0.0, DistInfo())
    assert tokens == int((y != -100).sum())
    assert loss == pytest.approx(ref_loss.item(), rel=1e-5)


def test_activation_checkpointing_same_gradients():
    x, y = batch(rows=2)
    a, b = micro_model(), micro_model()
    apply_activation_checkpointing(b)
    assert set(a.state_dict()) == set(b.state_dict())  # parameter names unchanged
    for m in (a, b):
        logits = m(x)
        F.cross_entropy(logits.reshape(-1, 97), y.reshape(-1)).backward()
    for (n, pa), pb in zip(a.named_parameters(), b.parameters()):
        torch.testing.assert_close(pa.grad, pb.grad, rtol=1e-5, atol=1e-7, msg=n)


def test_bf16_autocast_step_runs_and_keeps_fp32_weights():
    x, y = batch(rows=2)
    model = micro_model()
    opt = build_adamw(model, 1e-3)
    prec = Precision.resolve("bf16", torch.device("cpu"))
    loss, _, _ = train_step(model, [(x, y)], opt, prec.grad_scaler(), prec, 1.0, DistInfo())
    assert abs(loss - torch.log(torch.tensor(97.0)).item()) < 0.5  # near uniform at init
    assert all(p.dtype == torch.float32 for p in model.parameters())


def test_precision_resolution():
    cpu = torch.device("cpu")
    assert Precision.resolve("auto", cpu).name == "fp32"
    assert Precision.resolve("fp16", cpu).grad_scaler().is_enabled()
    assert not Precision.resolve("bf16", cpu).grad_scaler().is_enabled()
    with pytest.raises(ValueError, match="train.precision"):
        Precision.resolve("fp8", cpu)
