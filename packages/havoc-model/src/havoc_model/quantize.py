"""Int8 weight-only quantisation for inference (the gpt-fast recipe).

Every projection weight ``W`` ``[out, in]`` becomes int8 ``W_q = round(W / s)`` with one
symmetric scale per output channel, ``s = max|W[i, :]| / 127`` (fp32 scales; they follow
``model.to(dtype)``, so a bf16 model carries bf16 scales). Activations stay in the model's
dtype and a `QuantizedLinear` computes ``(x @ W_q.T) * s`` through
`havoc_model.kernels_int8` (int8 rows widened in registers, never written back;
``HAVOC_INT8_ACT=int16`` opts in to rounding a single input row to int16 on AVX2).

The tied head shares one int8 matrix with the token embedding: a `QuantizedEmbedding` holds
``[vocab, d_model]`` int8 plus one scale per vocabulary row. The head's product uses it like
any `QuantizedLinear` (one scale per output channel = per vocabulary row) and a lookup
dequantises only the rows it gathers, so the tied pair costs ``vocab * d_model`` bytes + 4 per
row, against 4 bytes per element in fp32 (2 in bf16). An untied model's embedding gets the same
per-row int8 storage and its ``lm_head`` becomes a `QuantizedLinear`. RMSNorm weights stay in
the model's dtype.

Projections that read the same input are fused after quantising: each block's q/k/v become one
int8 matrix ``[q_dim + 2 kv_dim, d_model]`` and gate/up one ``[2 ffn_hidden, d_model]``
(`FusedQuantizedLinear`: one kernel call, the output split), since at batch 1 a kernel call's
fixed cost is a large part of reading a 0.2-2 MB matrix. Per-row scales make the fused matrix
exactly the concatenation of the separate ones, and the separate modules stay: their buffers
become views of the fused storage, so ``state_dict()`` and checkpoints keep the unfused names
and a saved int8 checkpoint (from before or after fusion) loads and fuses again.

>>> import torch
>>> from havoc_model import HavocModel, ModelConfig, quantize
>>> torch.manual_seed(0) and None
>>> model = HavocModel(ModelConfig.from_preset("tiny")).eval()
>>> ids = torch.tensor([[1, 2, 3]])
>>> ref = model(ids)
>>> q = quantize(model, "int8")
>>> q is model, q.quantization
(True, 'int8')
>>> bool(((q(ids) - ref).abs().max() / ref.abs().max()) < 0.05)
True
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from havoc_model.config import ModelConfig
from havoc_model.kernels_int8 import available as kernel_available
from havoc_model.kernels_int8 import linear_int8

METHODS = ("int8",)
QMAX = 127


def quantize_weight(weight: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-row symmetric int8: ``(W_q int8 [n, k], scales fp32 [n])`` with
    ``W ~= W_q * scales[:, None]``; an all-zero row gets scale 1 (and zero weights)."""
    if weight.dim() != 2 or not weight.is_floating_point():
        raise ValueError(
            f"quantize_weight needs a 2-D floating-point weight, got {weight.dtype} "
            f"of shape {tuple(weight.shape)}"
        )
    w = weight.detach().float()
    amax = w.abs().amax(dim=1)
    scales = torch.where(amax > 0, amax / QMAX, torch.ones_like(amax))
    q = torch.round(w / scales[:, None]).clamp_(-QMAX, QMAX).to(torch.int8)
    return q, scales


class QuantizedLinear(nn.Module):
    """A bias-free linear layer with int8 ``weight`` ``[out, in]`` and per-output ``scales``.

    Both are buffers (saved in the state dict, not trained); ``forward(x)`` returns
    ``(x @ weight.T) * scales`` in ``x``'s dtype.
    """

    def __init__(self, in_features: int, out_features: int) -> None:
        super().__init__()
        self.in_features, self.out_features = in_features, out_features
        self.register_buffer("weight", torch.zeros(out_features, in_features, dtype=torch.int8))
        self.register_buffer("scales", torch.ones(out_features))
        self.register_state_dict_post_hook(_own_storage)

    @classmethod
    def from_linear(cls, linear: nn.Linear) -> QuantizedLinear:
        if linear.bias is not None:
            raise ValueError("QuantizedLinear has no bias; HAVOC's linear layers have none")
        out = cls(linear.in_features, linear.out_features)
        q, s = quantize_weight(linear.weight)
        out.weight, out.scales = q, s.to(linear.weight.dtype)
        return out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return linear_int8(x, self.weight, self.scales)

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, int8"


def _own_storage(module: nn.Module, state_dict: dict, prefix: str, local_metadata) -> None:
    """state_dict hook: a part of a fused matrix saves a copy of its rows, not a view that
    shares the fused storage (safetensors refuses tensors that share memory)."""
    for name in ("weight", "scales"):
        key = prefix + name
        t = state_dict.get(key)
        if t is None or t.device.type == "meta":
            continue
        if t.untyped_storage().nbytes() != t.numel() * t.element_size():
            state_dict[key] = t.clone()


class FusedQuantizedLinear(nn.Module):
    """Several `QuantizedLinear` layers that read the same input, as one int8 matrix (their
    rows stacked; non-persistent buffers) whose product is split back into the parts' outputs.

    The parts keep working (and keep the state-dict names): their ``weight``/``scales`` become
    views of the fused buffers. After a device or dtype move, or a load that assigns new
    tensors to the parts, the fused matrix is rebuilt from the parts and the views are renewed.
    """

    def __init__(self, parts: list[QuantizedLinear]) -> None:
        super().__init__()
        if len({p.in_features for p in parts}) != 1:
            raise ValueError("fused projections must read inputs of one width")
        self.in_features = parts[0].in_features
        self.sizes = [p.out_features for p in parts]
        self._parts = list(parts)  # a plain list: not submodules, no extra state-dict keys
        self.register_buffer("weight", torch.empty(0, dtype=torch.int8), persistent=False)
        self.register_buffer("scales", torch.empty(0), persistent=False)
        self.register_load_state_dict_post_hook(_refuse_after_load)
        self.refuse()

    @torch.no_grad()
    def refuse(self) -> None:
        """Stack the parts' current buffers into the fused ones; the parts become views."""
        self.weight = torch.cat([p.weight for p in self._parts])
        self.scales = torch.cat([p.scales for p in self._parts])
        self._share()

    def _share(self) -> None:
        start = 0
        for part, size in zip(self._parts, self.sizes, strict=True):
            part.weight = self.weight[start : start + size]
            part.scales = self.scales[start : start + size]
            start += size

    def _apply(self, fn, recurse: bool = True):  # .to(), .cpu(), ...: parts were moved apart
        out = super()._apply(fn, recurse)
        self._share()
        return out

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, ...]:
        return linear_int8(x, self.weight, self.scales).split(self.sizes, dim=-1)

    def extra_repr(self) -> str:
        return (
            f"in_features={self.in_features}, out_features={'+'.join(map(str, self.sizes))}, int8"
        )


def _refuse_after_load(module: FusedQuantizedLinear, _incompatible_keys) -> None:
    """load_state_dict post-hook (a module-level function, so the model stays picklable)."""
    module.refuse()


def fuse_projections(model: nn.Module) -> nn.Module:
    """Fuse each block's q/k/v and gate/up `QuantizedLinear`s (in place; idempotent)."""
    for block in model.layers:
        att, mlp = block.attention, block.mlp
        if att.qkv_proj is None:
            att.qkv_proj = FusedQuantizedLinear([att.q_proj, att.k_proj, att.v_proj])
        if mlp.gate_up_proj is None:
            mlp.gate_up_proj = FusedQuantizedLinear([mlp.gate_proj, mlp.up_proj])
    return model


class QuantizedEmbedding(nn.Module):
    """Token embedding stored as int8 rows with one scale each (``weight`` ``[vocab, d]``).

    ``forward(ids)`` gathers and dequantises only the looked-up rows; `project` is the tied
    output head ``hidden @ (weight * scales).T`` from the same storage.
    """

    def __init__(self, num_embeddings: int, embedding_dim: int) -> None:
        super().__init__()
        self.num_embeddings, self.embedding_dim = num_embeddings, embedding_dim
        self.register_buffer("weight", torch.zeros(num_embeddings, embedding_dim, dtype=torch.int8))
        self.register_buffer("scales", torch.ones(num_embeddings))

    @classmethod
    def from_embedding(cls, embedding: nn.Embedding) -> QuantizedEmbedding:
        out = cls(embedding.num_embeddings, embedding.embedding_dim)
        q, s = quantize_weight(embedding.weight)
        out.weight, out.scales = q, s.to(embedding.weight.dtype)
        return out

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        rows = F.embedding(ids, self.weight).to(self.scales.dtype)
        return rows * F.embedding(ids, self.scales[:, None])

    def project(self, hidden: torch.Tensor) -> torch.Tensor:
        return linear_int8(hidden, self.weight, self.scales)

    def extra_repr(self) -> str:
        return f"{self.num_embeddings}, {self.embedding_dim}, int8"


def quantize(model: nn.Module, method: str = "int8") -> nn.Module:
    """Quantise a `HavocModel` in place (and return it): every linear layer, the head and the
    embedding become int8 (see the module docstring). Inference only; the model is put in
    eval mode. Idempotent for a model already quantised with the same method."""
    from havoc_model.model import HavocModel

    if method not in METHODS:
        raise ValueError(f"quantization method {method!r} is not one of {', '.join(METHODS)}")
    model = getattr(model, "_orig_mod", model)
    if not isinstance(model, HavocModel):
        raise ValueError(f"quantize needs a HavocModel, got {type(model).__name__}")
    if model.quantization == method:
        return model
    if model.embed.weight.device.type == "meta":
        raise ValueError("quantize needs real weights; the model is on the meta device")
    with torch.no_grad():
        for module in list(model.modules()):
            for name, child in list(module.named_children()):
                if isinstance(child, nn.Linear):
                    setattr(module, name, QuantizedLinear.from_linear(child))
        model.embed = QuantizedEmbedding.from_embedding(model.embed)
        fuse_projections(model)
    model.quantization = method
    model.__dict__.pop("_havoc_compiled_decode_step", None)  # traced for the old modules
    kernel_available()  # build the kernel now, never inside a torch.compile trace
    return model.eval()


def make_quantized_skeleton(model: nn.Module, method: str) -> nn.Module:
    """Swap a (meta-device) `HavocModel`'s modules for empty quantised ones with the same
    shapes, so a quantised state dict loads into it without re-quantising (the fused q/k/v and
    gate/up matrices are rebuilt from the loaded parts by `FusedQuantizedLinear`'s load hook)."""
    if method not in METHODS:
        raise ValueError(f"quantization method {method!r} is not one of {', '.join(METHODS)}")
    for module in list(model.modules()):
        for name, child in list(module.named_children()):
            if isinstance(child, nn.Linear):
                setattr(module, name, QuantizedLinear(child.in_features, child.out_features))
    emb = model.embed
    model.embed = QuantizedEmbedding(emb.num_embeddings, emb.embedding_dim)
    fuse_projections(model)
    model.quantization = method
    return model


def quantized_weight_bytes(
    config: ModelConfig, method: str = "int8", scale_bytes: int = 4, norm_bytes: int = 4
) -> int:
    """Bytes of a quantised model's tensors, in closed form (no model is built).

    int8 for every projection, the head and the embedding (tied: one matrix), one scale per
    output row of each, RMSNorm weights in ``norm_bytes``. The 7B preset is checked against
    this without materialising it.
    """
    if method not in METHODS:
        raise ValueError(f"quantization method {method!r} is not one of {', '.join(METHODS)}")
    d, L, v = config.d_model, config.n_layers, config.vocab_size
    matrices = [  # (rows, cols) per layer
        (config.q_dim, d),
        (config.kv_dim, d),
        (config.kv_dim, d),
        (d, config.q_dim),
        (config.ffn_hidden, d),
        (config.ffn_hidden, d),
        (d, config.ffn_hidden),
    ]
    per_layer = sum(r * c + r * scale_bytes for r, c in matrices) + 2 * d * norm_bytes
    tables = 1 if config.tie_embeddings else 2  # embedding (+ untied head)
    return L * per_layer + tables * (v * d + v * scale_bytes) + d * norm_bytes


def decode_weight_bytes(model: nn.Module) -> int:
    """Bytes a batch-1 decode step reads from the weights: every tensor except the embedding
    (only one row of it is gathered), counting a tied head once as the head."""
    model = getattr(model, "_orig_mod", model)
    total = 0
    for name, t in model.state_dict().items():
        if name.startswith("embed.") and model.lm_head is not None:
            continue  # untied: the lookup reads one row
        total += t.numel() * t.element_size()
    return total
