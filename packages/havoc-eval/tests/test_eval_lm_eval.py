"""The lm-eval adapter against the model's own computation and lm-eval's own window code."""

from __future__ import annotations

import json
import math

import pytest
import torch

lm_eval = pytest.importorskip("lm_eval")
from havoc_eval.errors import EvalError  # noqa: E402
from havoc_eval.lm_eval_adapter import HavocLM  # noqa: E402
from lm_eval.api.instance import Instance  # noqa: E402
from lm_eval.utils import get_rolling_token_windows, make_disjoint_window  # noqa: E402


@pytest.fixture(scope="module")
def lm(tiny_checkpoint):
    return HavocLM(checkpoint=str(tiny_checkpoint), batch_size=3, device="cpu")


def _req(kind, args, i=0):
    return Instance(request_type=kind, doc={}, arguments=args, idx=i)


def _direct_logprob(model, ids: list[int], n_cont: int) -> tuple[float, bool]:
    """log p(last n_cont tokens | the rest) from one full forward pass, no batching, no padding."""
    with torch.no_grad():
        logits = model(torch.tensor([ids[:-1]]))[0].double()
    logp = torch.log_softmax(logits, -1)[-n_cont:]
    target = torch.tensor(ids[-n_cont:])
    total = logp.gather(-1, target[:, None]).sum().item()
    return total, bool((logp.argmax(-1) == target).all())


PAIRS = [
    ("The control chart for subgroup means is the", " X-bar chart"),
    ("Welch's t-test does not assume ", "equal variances."),
    ("", "Cpk compares the process spread with the specification."),
    ("A p-value is", " the probability of data at least this extreme under H0"),
]


def test_loglikelihood_equals_model_computation(lm):
    results = lm.loglikelihood([_req("loglikelihood", p, i) for i, p in enumerate(PAIRS)])
    tok = lm.tokenizer
    for (context, continuation), (logprob, greedy) in zip(PAIRS, results, strict=True):
        # the reference encodes independently: BOS + whole text, continuation = what it adds
        ctx = context.rstrip()
        cont_text = context[len(ctx) :] + continuation
        whole = [tok.bos_id] + tok.encode(ctx + cont_text)
        n_cont = len(whole) - len([tok.bos_id] + tok.encode(ctx))
        ref, ref_greedy = _direct_logprob(lm.model, whole, n_cont)
        assert logprob == pytest.approx(ref, rel=1e-5, abs=1e-4)
        assert greedy == ref_greedy
        assert logprob < 0


def test_is_greedy_flags_the_argmax_token(lm):
    from havoc_eval.scoring import score_continuations

    tok = lm.tokenizer
    ids = [tok.bos_id] + tok.encode("The range chart")
    with torch.no_grad():
        logits = lm.model(torch.tensor([ids]))[0, -1]
    best, worst = int(logits.argmax()), int(logits.argmin())
    (lp_best, g_best), (lp_worst, g_worst) = score_continuations(
        lm.model, [(ids, [best]), (ids, [worst])]
    )
    assert g_best and not g_worst
    assert lp_best == pytest.approx(torch.log_softmax(logits.double(), -1)[best].item(), rel=1e-6)
    assert lp_worst < lp_best


def test_loglikelihood_rolling_matches_lm_eval_windows(lm, tiny_checkpoint):
    text = (
        "Gauge bias is the average reading minus the reference value. A linearity study fits "
        "bias against the reference across the range; a non-zero slope means the error "
        "changes with size. Repeat each part twelve times in random order. " * 3
    )
    tok = lm.tokenizer
    tokens = tok.encode(text)
    small = HavocLM(model=lm.model, tokenizer=tok, max_length=16, batch_size=4)
    assert len(tokens) > 3 * 16  # several windows
    (rolling,) = small.loglikelihood_rolling([_req("loglikelihood_rolling", (text,))])
    reference = 0.0
    for window in get_rolling_token_windows(tokens, tok.bos_id, 16, 1):
        context, pred = make_disjoint_window(window)
        reference += _direct_logprob(lm.model, (context + pred)[-17:], len(pred))[0]
    assert rolling == pytest.approx(reference, rel=1e-5)
    # with the model's full 128-token context a short text is a single forward pass
    short = "Bits per byte normalise the loss by the text length."
    (one,) = lm.loglikelihood_rolling([_req("loglikelihood_rolling", (short,))])
    ids = [tok.bos_id] + tok.encode(short)
    assert one == pytest.approx(_direct_logprob(lm.model, ids, len(ids) - 1)[0], rel=1e-5)


def test_generate_until_is_greedy_and_stops(lm):
    tok, model = lm.tokenizer, lm.model
    context = "An X-bar chart"
    (free,) = lm.generate_until([_req("generate_until", (context, {"max_gen_toks": 12}))])
    ids = [tok.bos_id] + tok.encode(context)
    new: list[int] = []
    with torch.no_grad():
        for _ in range(12):
            nxt = int(model(torch.tensor([ids + new]))[0, -1].argmax())
            if nxt in tok.stop_ids:
                break
            new.append(nxt)
    assert free == tok.decode(new)
    if len(free) > 3:  # a stop string taken from the greedy text cuts it right there
        stop = free[2:4]
        (cut,) = lm.generate_until(
            [_req("generate_until", (context, {"until": [stop], "max_gen_toks": 12}))]
        )
        assert cut == free[: free.find(stop)]


def test_bad_generation_arguments(lm):
    with pytest.raises(EvalError, match="unsupported"):
        lm.generate_until([_req("generate_until", ("x", {"beam_width": 4}))])
    with pytest.raises(EvalError, match="max_gen_toks"):
        lm.generate_until([_req("generate_until", ("x", {"max_gen_toks": 0}))])
    with pytest.raises(EvalError, match="checkpoint"):
        HavocLM()


def test_local_yaml_task_through_simple_evaluate(lm, tmp_path):
    """A multiple-choice task from a local YAML + JSONL file: lm-eval's accuracy must equal the
    argmax of the adapter's own log-likelihoods."""
    from lm_eval.tasks import TaskManager

    docs = [
        {
            "question": "Which chart plots subgroup means?",
            "choices": [" X-bar", " p chart"],
            "answer": 0,
        },
        {"question": "Pooled variances assume", "choices": [" equal", " unequal"], "answer": 0},
        {"question": "Cpk below 1 means", "choices": [" capable", " not capable"], "answer": 1},
    ]
    data = tmp_path / "data.jsonl"
    data.write_text("".join(json.dumps(d) + "\n" for d in docs))
    (tmp_path / "havoc_local_mc.yaml").write_text(
        "task: havoc_local_mc\n"
        "dataset_path: json\n"
        "dataset_kwargs:\n"
        f"  data_files:\n    test: {data}\n"
        f"  cache_dir: {tmp_path / 'hf-cache'}\n"
        "test_split: test\n"
        "output_type: multiple_choice\n"
        'doc_to_text: "{{question}}"\n'
        'doc_to_choice: "{{choices}}"\n'
        'doc_to_target: "{{answer}}"\n'
        "metric_list:\n  - metric: acc\n    aggregation: mean\n    higher_is_better: true\n"
    )
    tm = TaskManager(include_path=str(tmp_path), include_defaults=False)
    out = lm_eval.simple_evaluate(model=lm, tasks=["havoc_local_mc"], task_manager=tm)
    acc = out["results"]["havoc_local_mc"]["acc,none"]
    correct = 0
    for d in docs:
        scores = lm.loglikelihood(
            [_req("loglikelihood", (d["question"], c), i) for i, c in enumerate(d["choices"])]
        )
        correct += max(range(len(scores)), key=lambda i: scores[i][0]) == d["answer"]
    assert acc == pytest.approx(correct / len(docs))
    assert math.isfinite(acc)
