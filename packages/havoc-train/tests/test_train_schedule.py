"""Schedule values at key steps, checked against closed forms and torch's own schedulers."""

import math

import pytest
import torch
from havoc_train.schedule import LrScheduler, make_schedule


def test_cosine_key_steps_match_closed_form():
    f = make_schedule("cosine", warmup_steps=10, max_steps=110, min_lr_ratio=0.1)
    assert f(0) == pytest.approx(0.1)  # (0 + 1) / 10
    assert f(4) == pytest.approx(0.5)
    assert f(9) == pytest.approx(1.0)  # peak at the end of warmup
    assert f(59) == pytest.approx(0.55)  # halfway through the cosine: (1 + 0.1) / 2
    assert f(109) == pytest.approx(0.1)  # last step at the floor
    assert f(500) == pytest.approx(0.1)  # and it stays there


def test_cosine_matches_torch_cosine_annealing():
    # torch's CosineAnnealingLR is an independent implementation of the same decay.
    warmup, max_steps, peak, floor = 5, 45, 1e-3, 0.2
    f = make_schedule("cosine", warmup, max_steps, floor)
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=peak)
    ref = torch.optim.lr_scheduler.CosineAnnealingLR(
        opt, T_max=max_steps - warmup, eta_min=peak * floor
    )
    for k in range(max_steps - warmup + 1):
        assert peak * f(warmup - 1 + k) == pytest.approx(opt.param_groups[0]["lr"], rel=1e-9)
        opt.step()
        ref.step()


def test_linear_and_constant():
    lin = make_schedule("linear", warmup_steps=4, max_steps=104, min_lr_ratio=0.0)
    assert lin(3) == pytest.approx(1.0)
    assert lin(53) == pytest.approx(0.5)
    assert lin(103) == pytest.approx(0.0)
    const = make_schedule("constant", warmup_steps=4, max_steps=104)
    assert [const(s) for s in (0, 1, 3, 50, 103)] == pytest.approx([0.25, 0.5, 1, 1, 1])


def test_linear_matches_torch_linear_lr():
    warmup, max_steps, floor = 3, 23, 0.1
    f = make_schedule("linear", warmup, max_steps, floor)
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=1.0)
    ref = torch.optim.lr_scheduler.LinearLR(
        opt, start_factor=1.0, end_factor=floor, total_iters=max_steps - warmup
    )
    for k in range(max_steps - warmup + 1):
        assert f(warmup - 1 + k) == pytest.approx(opt.param_groups[0]["lr"], rel=1e-9)
        opt.step()
        ref.step()


def test_warmup_stable_decay():
    f = make_schedule("wsd", warmup_steps=10, max_steps=100, min_lr_ratio=0.0, decay_fraction=0.2)
    assert f(9) == pytest.approx(1.0)
    assert f(50) == pytest.approx(1.0)
    assert f(79) == pytest.approx(1.0)  # decay starts at step 100 - 20 = 80
    assert f(80) == pytest.approx(1.0)
    assert f(80 + 19 / 2) == pytest.approx(0.5)
    assert f(99) == pytest.approx(0.0)


def test_no_warmup_starts_at_peak():
    f = make_schedule("cosine", warmup_steps=0, max_steps=11, min_lr_ratio=0.0)
    assert f(0) == pytest.approx(1.0)
    assert f(5) == pytest.approx(0.5 * (1 + math.cos(math.pi * 0.5)))
    assert f(10) == pytest.approx(0.0)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown schedule kind 'step'"):
        make_schedule("step", 1, 10)


def test_scheduler_state_round_trips():
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.AdamW([p], lr=0.01)
    sched = LrScheduler(opt, make_schedule("cosine", 2, 10))
    for _ in range(4):
        sched.step()
    opt2 = torch.optim.AdamW([p], lr=0.01)
    sched2 = LrScheduler(opt2, make_schedule("cosine", 2, 10))
    sched2.load_state_dict(sched.state_dict())
    assert sched2.get_last_lr() == sched.get_last_lr()
