"""torchrun worker for test_train_distributed.py: one DDP step and one FSDP2 step on gloo.

Each rank takes its slice of the same global batch; rank 0 writes the loss and the gathered,
updated weights, and the FSDP run also saves a training checkpoint through CheckpointManager.
"""

import json
import sys
from pathlib import Path

import torch
import torch.distributed as dist
from havoc_model import HavocModel, ModelConfig
from havoc_train.checkpoint import CheckpointManager, full_model_state
from havoc_train.optim import build_adamw
from havoc_train.parallel import DistInfo, parallelize
from havoc_train.precision import Precision
from havoc_train.schedule import LrScheduler, make_schedule
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
ROWS, SEQ, MICRO_ROWS = 8, 16, 2


def global_batch():
    g = torch.Generator().manual_seed(1)
    tokens = torch.randint(0, MICRO["vocab_size"], (ROWS, SEQ + 1), generator=g)
    return tokens[:, :-1].contiguous(), tokens[:, 1:].contiguous()


def main(out: Path) -> None:
    dist.init_process_group("gloo")
    rank, world = dist.get_rank(), dist.get_world_size()
    info = DistInfo(rank, world, rank)
    x, y = global_batch()
    per = ROWS // world
    x, y = x[rank * per : (rank + 1) * per], y[rank * per : (rank + 1) * per]
    micro = [(x[i : i + MICRO_ROWS], y[i : i + MICRO_ROWS]) for i in range(0, per, MICRO_ROWS)]
    prec = Precision.resolve("fp32", torch.device("cpu"))
    results = {}
    for strategy in ("ddp", "fsdp"):
        torch.manual_seed(0)
        raw = HavocModel(ModelConfig(**MICRO))
        model = parallelize(raw, strategy, torch.device("cpu"))
        opt = build_adamw(model, 1e-2, weight_decay=0.1, eps=1e-6)
        sched = LrScheduler(opt, make_schedule("constant", 0, 10))
        scaler = prec.grad_scaler()
        loss, _, tokens = train_step(model, micro, opt, scaler, prec, 0.5, info)
        sched.step()
        state = full_model_state(model)
        if strategy == "fsdp":
            CheckpointManager(out / "ckpt").save(
                step=1,
                model=model,
                raw_model=raw,
                optimizer=opt,
                scheduler=sched,
                scaler=scaler,
                tokenizer_dir=None,
                trainer_state={"step": 1, "tokens_seen": tokens},
                dist_info=info,
            )
        if rank == 0:
            torch.save(state, out / f"{strategy}.pt")
            results[strategy] = {"loss": loss, "tokens": tokens}
    if rank == 0:
        (out / "results.json").write_text(json.dumps(results))
    dist.barrier()
    dist.destroy_process_group()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
