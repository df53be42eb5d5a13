"""The HAVOC decoder: a Llama-family transformer, read top to bottom.

embed -> n_layers x [x + attn(rmsnorm(x)); x + swiglu(rmsnorm(x))] -> rmsnorm -> lm_head.
Attention is grouped-query (n_kv_heads <= n_heads) through `scaled_dot_product_attention`,
with RoPE in the half-split (Hugging Face) convention. No biases anywhere.

>>> import torch
>>> from havoc_model import HavocModel, ModelConfig
>>> model = HavocModel(ModelConfig.from_preset("tiny"))
>>> model(torch.tensor([[1, 2, 3]])).shape
torch.Size([1, 3, 8192])
"""

from __future__ import annotations

import math
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from havoc_model import kernels, lowp_gemm
from havoc_model.config import ModelConfig
from havoc_model.kv_cache import CacheStep, KVCache, KVCacheView, StaticStep
from havoc_model.loss import linear_cross_entropy


def _rms_norm(
    x: torch.Tensor, weight: torch.Tensor, eps: float, out_dtype: torch.dtype | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """``weight * (x32 * rstd).to(x.dtype)`` with ``rstd = rsqrt(mean(x32^2) + eps)`` in fp32.

    The sum of squares is one fp32 reduction straight from ``x`` (no upcast copy, no ``x^2``
    temporary); the scale is applied in two passes. ``out_dtype`` rounds the result once on
    write (what autocast would do to it before the next matmul). Returns output and ``rstd``.
    """
    d = x.shape[-1]
    acc = torch.promote_types(x.dtype, torch.float32)  # fp32, or fp64 for fp64 inputs
    norm = torch.linalg.vector_norm(x, dim=-1, keepdim=True, dtype=acc)
    rstd = norm.square_().div_(d).add_(eps).rsqrt_()
    normed = x * rstd  # fp32 (type promotion), like x.float() * rstd
    if x.dtype != acc:
        normed = normed.to(x.dtype)
    result = torch.promote_types(normed.dtype, weight.dtype)
    if out_dtype is not None and out_dtype != result:
        out = torch.empty(normed.shape, dtype=out_dtype, device=normed.device)
        return torch.mul(normed, weight, out=out), rstd
    if normed.dtype == result:
        return normed.mul_(weight), rstd
    return weight * normed, rstd


class _RMSNormFunction(torch.autograd.Function):
    """RMSNorm with a hand-written backward: 3 element-wise passes forward and 7 backward,
    against ~17 for autograd's decomposition, and only ``x`` and ``rstd`` saved."""

    @staticmethod
    def forward(ctx, x, weight, eps: float, out_dtype: torch.dtype | None) -> torch.Tensor:
        with torch.autocast(x.device.type, enabled=False):
            out, rstd = _rms_norm(x, weight, eps, out_dtype)
        ctx.save_for_backward(x, weight, rstd)
        return out

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        x, weight, rstd = ctx.saved_tensors
        with torch.autocast(x.device.type, enabled=False):
            xhat = x * rstd  # fp32
            # y = w * round(xhat): dL/dw = sum(g * round(xhat)), dL/dxhat = g * w.
            xhat_r = xhat if x.dtype == xhat.dtype else xhat.to(x.dtype)
            g_xhat = grad * xhat_r  # fp32 whatever grad's dtype
            grad_weight = None
            if ctx.needs_input_grad[1]:
                grad_weight = g_xhat.reshape(-1, x.shape[-1]).sum(0).to(weight.dtype)
            grad_x = None
            if ctx.needs_input_grad[0]:
                # dL/dx = rstd * (g*w - xhat * mean(g*w*xhat))
                dot = (g_xhat * weight).sum(-1, keepdim=True)
                coef = dot.mul_(rstd).div_(-x.shape[-1])
                grad_x = (grad * weight).mul_(rstd).addcmul_(xhat, coef).to(x.dtype)
        return grad_x, grad_weight, None, None


class RMSNorm(nn.Module):
    """Root-mean-square norm, computed in fp32 whatever the input dtype.

    ``out_dtype`` (optional) is the dtype of the result, rounded once; the blocks pass the
    autocast dtype, so the q/k/v (or gate/up) projections share one cast of the normed input.
    """

    def __init__(self, dim: int, eps: float) -> None:
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: torch.Tensor, out_dtype: torch.dtype | None = None) -> torch.Tensor:
        if torch.is_grad_enabled() and (x.requires_grad or self.weight.requires_grad):
            return _RMSNormFunction.apply(x, self.weight, self.eps, out_dtype)
        return _rms_norm(x, self.weight, self.eps, out_dtype)[0]


def _autocast_dtype(x: torch.Tensor) -> torch.dtype | None:
    """The autocast dtype for ``x``'s device, or None when autocast is off."""
    if torch.is_autocast_enabled(x.device.type):
        return torch.get_autocast_dtype(x.device.type)
    return None


def rope_tables(head_dim: int, max_len: int, theta: float, device=None) -> torch.Tensor:
    """cos and sin tables ``[2, max_len, head_dim]`` (fp32) for the half-split convention."""
    inv_freq = 1.0 / (
        theta ** (torch.arange(0, head_dim, 2, dtype=torch.int64, device=device).float() / head_dim)
    )
    positions = torch.arange(max_len, device=device, dtype=torch.int64).float()
    freqs = positions[:, None] * inv_freq[None, :]
    angles = torch.cat((freqs, freqs), dim=-1)
    return torch.stack((angles.cos(), angles.sin()))


def _rotate(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, sign: float) -> torch.Tensor:
    """``x * cos + sign * rotate_half(x) * sin`` in three passes and no temporaries.

    Half-split: with ``x = [x1, x2]``, ``rotate_half(x) = [-x2, x1]``; the two halves of the
    tables are equal, so only ``sin``'s first half is read. ``sign=-1`` is the transpose
    (inverse rotation), which is the backward.
    """
    h = x.shape[-1] // 2
    out = x * cos
    s = sin[..., :h]
    out[..., :h].addcmul_(x[..., h:], s, value=-sign)
    out[..., h:].addcmul_(x[..., :h], s, value=sign)
    return out


class _RoPEFunction(torch.autograd.Function):
    """RoPE whose backward is the inverse rotation: saves no activations, only the tables."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
        ctx.save_for_backward(cos, sin)
        return _rotate(x, cos, sin, 1.0)

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        cos, sin = ctx.saved_tensors
        return _rotate(grad, cos, sin, -1.0), None, None


def apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Rotate ``x`` ``[B, H, T, D]`` by per-position angles ``cos``/``sin`` (broadcastable to
    ``x``; e.g. ``[B, 1, T, D]``). Equals ``x * cos + rotate_half(x) * sin``."""
    if torch.is_grad_enabled() and x.requires_grad:
        return _RoPEFunction.apply(x, cos, sin)
    return _rotate(x, cos, sin, 1.0)


def _gemv_ok(x: torch.Tensor, weight: torch.Tensor) -> bool:
    """A single-row, no-grad, non-fp32 product on CPU (batch-1 decode in bf16/fp16).

    There ``torch.mv`` reads the weights ~1.5x faster than the matmul path ``F.linear`` takes
    for a ``[1, k]`` input, and for bf16 `havoc_model.kernels` (AVX512-BF16) faster still
    (measured in bench/model); fp32 and every other case use F.linear.
    """
    return (
        x.device.type == "cpu"
        and x.dtype == weight.dtype
        and x.dtype != torch.float32
        and x.numel() == weight.shape[1]
        and not (torch.is_grad_enabled() and (x.requires_grad or weight.requires_grad))
        and not torch.is_autocast_enabled("cpu")
    )


def _linear(x: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    low = _autocast_dtype(x)
    if low is not None and not lowp_gemm.native_gemm(x.device.type, low):
        # Autocast on a CPU without a bf16 GEMM: the same roundings, fp32 products.
        with torch.autocast(x.device.type, enabled=False):
            return lowp_gemm.linear(x, weight, low)
    if _gemv_ok(x, weight):
        flat = x.reshape(-1)
        if x.dtype == torch.bfloat16 and (
            kernels.READY or (not torch.compiler.is_compiling() and kernels.available())
        ):
            y = torch.ops.havoc_kernels.gemv_bf16(weight, flat)
        else:
            y = torch.mv(weight, flat)
        return y.view(*x.shape[:-1], weight.shape[0])
    return F.linear(x, weight)


class Linear(nn.Linear):
    """``nn.Linear`` without bias whose batch-1 low-precision decode call is a GEMV."""

    def __init__(self, in_features: int, out_features: int) -> None:
        super().__init__(in_features, out_features, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return _linear(x, self.weight)


class Attention(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.n_heads = config.n_heads
        self.n_kv_heads = config.n_kv_heads
        self.head_dim = config.head_dim
        self.q_proj = Linear(config.d_model, config.q_dim)
        self.k_proj = Linear(config.d_model, config.kv_dim)
        self.v_proj = Linear(config.d_model, config.kv_dim)
        self.o_proj = Linear(config.q_dim, config.d_model)
        self.qkv_proj: nn.Module | None = None  # q/k/v as one int8 call (havoc_model.quantize)

    def forward(
        self,
        x: torch.Tensor,
        cos: torch.Tensor,
        sin: torch.Tensor,
        mask: torch.Tensor | None,
        causal: bool,
        cache: CacheStep | None = None,
        layer: int = 0,
    ) -> torch.Tensor:
        b, t, _ = x.shape
        if self.qkv_proj is not None:
            q, k, v = self.qkv_proj(x)
        else:
            q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        q = q.view(b, t, self.n_heads, self.head_dim).transpose(1, 2)
        k = k.view(b, t, self.n_kv_heads, self.head_dim).transpose(1, 2)
        v = v.view(b, t, self.n_kv_heads, self.head_dim).transpose(1, 2)
        if cos.dtype != q.dtype:  # the model casts once per forward; this is for direct calls
            cos, sin = cos.to(q.dtype), sin.to(q.dtype)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        if cache is not None:
            k, v = cache.update(layer, k, v)
        y = self._attend(q, k.to(q.dtype), v.to(q.dtype), mask, causal)
        return self.o_proj(y.transpose(1, 2).reshape(b, t, self.n_heads * self.head_dim))

    def _attend(self, q, k, v, mask, causal) -> torch.Tensor:
        rep = self.n_heads // self.n_kv_heads
        if mask is None and causal:
            # Training / plain prefill: the fused causal kernel, which reads each KV head for its
            # whole query group itself (no repeated copies of K and V).
            return F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=rep > 1)
        # Masked or cached: fold each KV head's query group into the sequence axis, so the
        # cache is read once per KV head instead of being copied n_heads / n_kv_heads times.
        b, _, t, d = q.shape
        qg = q.reshape(b, self.n_kv_heads, rep * t, d)
        if mask is not None and rep > 1:
            mask = mask[:, :, None].expand(-1, -1, rep, -1, -1).reshape(b, 1, rep * t, -1)
        y = F.scaled_dot_product_attention(qg, k, v, attn_mask=mask)
        return y.reshape(b, self.n_heads, t, d)


class SwiGLU(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.gate_proj = Linear(config.d_model, config.ffn_hidden)
        self.up_proj = Linear(config.d_model, config.ffn_hidden)
        self.down_proj = Linear(config.ffn_hidden, config.d_model)
        self.gate_up_proj: nn.Module | None = None  # gate/up as one int8 call (quantize)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.gate_up_proj is not None:
            gate, up = self.gate_up_proj(x)
            return self.down_proj(F.silu(gate) * up)
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Block(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.attention_norm = RMSNorm(config.d_model, config.norm_eps)
        self.attention = Attention(config)
        self.mlp_norm = RMSNorm(config.d_model, config.norm_eps)
        self.mlp = SwiGLU(config)

    def forward(self, x, cos, sin, mask, causal, cache=None, layer=0) -> torch.Tensor:
        low = _autocast_dtype(x)
        x = x + self.attention(self.attention_norm(x, low), cos, sin, mask, causal, cache, layer)
        return x + self.mlp(self.mlp_norm(x, low))


class HavocModel(nn.Module):
    """The HAVOC decoder. ``model(input_ids) -> fp32 logits [batch, seq, vocab]``."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        if not isinstance(config, ModelConfig):
            raise ValueError(f"HavocModel needs a ModelConfig, got {type(config).__name__}")
        self.config = config
        self.embed = nn.Embedding(config.vocab_size, config.d_model)
        self.layers = nn.ModuleList(Block(config) for _ in range(config.n_layers))
        self.norm = RMSNorm(config.d_model, config.norm_eps)
        self.lm_head = None if config.tie_embeddings else Linear(config.d_model, config.vocab_size)
        self.register_buffer("rope", torch.empty(0), persistent=False)
        self.quantization: str | None = None  # "int8" after `havoc_model.quantize`
        self.init_weights()

    # -- initialisation -------------------------------------------------------------------------
    def init_weights(self) -> None:
        """Normal(0, init_std) weights, residual projections scaled by 1/sqrt(2 n_layers).

        Also rebuilds the RoPE tables, so a model built on the meta device and moved with
        ``to_empty(device=...)`` becomes usable after calling this.
        """
        std = self.config.init_std
        residual_std = std / math.sqrt(2 * self.config.n_layers)
        nn.init.normal_(self.embed.weight, mean=0.0, std=std)
        for block in self.layers:
            for lin in (block.attention.q_proj, block.attention.k_proj, block.attention.v_proj):
                nn.init.normal_(lin.weight, mean=0.0, std=std)
            nn.init.normal_(block.attention.o_proj.weight, mean=0.0, std=residual_std)
            nn.init.normal_(block.mlp.gate_proj.weight, mean=0.0, std=std)
            nn.init.normal_(block.mlp.up_proj.weight, mean=0.0, std=std)
            nn.init.normal_(block.mlp.down_proj.weight, mean=0.0, std=residual_std)
            nn.init.ones_(block.attention_norm.weight)
            nn.init.ones_(block.mlp_norm.weight)
        nn.init.ones_(self.norm.weight)
        if self.lm_head is not None:
            nn.init.normal_(self.lm_head.weight, mean=0.0, std=std)
        self.reset_rope()

    def reset_rope(self) -> None:
        """(Re)compute the RoPE cos/sin tables on the embedding's device."""
        cfg = self.config
        self.rope = rope_tables(
            cfg.head_dim, cfg.max_seq_len, cfg.rope_theta, self.embed.weight.device
        )

    # -- forward --------------------------------------------------------------------------------
    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        position_ids: torch.Tensor | None = None,
        kv_cache: KVCache | KVCacheView | None = None,
        targets: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Logits ``[B, T, vocab]`` in fp32 or, with ``targets``, the summed loss.

        - ``attention_mask`` ``[B, T]`` (1 = token, 0 = padding). Without a cache, padding may be
          on either side (left padding for batched prompts); positions then count real tokens
          only. With a cache it must be right padding: each row's real tokens come first.
        - ``position_ids`` ``[B, T]``: RoPE positions; by default the running position (the
          row's cache length + offset, or the count of real tokens before it).
        - ``kv_cache``: a `KVCache` (all rows) or ``cache.slots(rows)``; new keys/values are
          written at each row's current length and the lengths advance.
        - ``targets`` ``[B, T]`` (the token each position should predict; -100 = ignore):
          returns the summed fp32 cross-entropy instead of logits, through
          `havoc_model.loss.linear_cross_entropy` (chunked; the logits are never materialised).
        """
        hidden = self.hidden_states(input_ids, attention_mask, position_ids, kv_cache)
        if targets is not None:
            if targets.shape != input_ids.shape:
                raise ValueError(
                    f"targets shape {tuple(targets.shape)} must equal input_ids shape "
                    f"{tuple(input_ids.shape)}"
                )
            if self.quantization is not None:  # int8 head: no float weight to chunk over
                return F.cross_entropy(
                    self.logits(hidden).flatten(0, 1), targets.flatten(), reduction="sum"
                )
            weight = self.embed.weight if self.lm_head is None else self.lm_head.weight
            return linear_cross_entropy(hidden, weight, targets)
        return self.logits(hidden)

    def logits(self, hidden: torch.Tensor) -> torch.Tensor:
        """Project final hidden states to fp32 vocabulary logits."""
        if self.lm_head is not None:
            return self.lm_head(hidden).float()
        if self.quantization is not None:  # the tied int8 table (havoc_model.quantize)
            return self.embed.project(hidden).float()
        return _linear(hidden, self.embed.weight).float()

    def hidden_states(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        position_ids: torch.Tensor | None = None,
        kv_cache: KVCache | KVCacheView | None = None,
    ) -> torch.Tensor:
        """The final-norm hidden states ``[B, T, d_model]`` (same arguments as ``forward``)."""
        cfg = self.config
        if not isinstance(input_ids, torch.Tensor) or input_ids.dim() != 2:
            raise ValueError("input_ids must be a 2-D tensor [batch, seq] of token ids")
        if input_ids.dtype not in (torch.int64, torch.int32):
            raise ValueError(f"input_ids must be int64 or int32, got {input_ids.dtype}")
        b, t = input_ids.shape
        if t == 0 or b == 0:
            raise ValueError(f"input_ids must be non-empty, got shape {tuple(input_ids.shape)}")
        lo, hi = torch.aminmax(input_ids)
        if int(lo) < 0 or int(hi) >= cfg.vocab_size:
            raise ValueError(
                f"token ids must be in [0, {cfg.vocab_size}), got min {int(lo)} max {int(hi)}"
            )
        if t > cfg.max_seq_len:
            raise ValueError(f"sequence length {t} exceeds max_seq_len {cfg.max_seq_len}")
        device = input_ids.device
        mask_bool = None
        if attention_mask is not None:
            if attention_mask.shape != input_ids.shape:
                raise ValueError(
                    f"attention_mask shape {tuple(attention_mask.shape)} must equal input_ids "
                    f"shape {tuple(input_ids.shape)}"
                )
            mask_bool = attention_mask.to(device=device, dtype=torch.bool)
            if not bool(mask_bool.any(dim=1).all()):
                raise ValueError("attention_mask has a row with no tokens")

        cache_step = None
        if kv_cache is not None:
            if mask_bool is not None:
                # Right padding only: a row's mask must be ones then zeros.
                if bool((mask_bool[:, 1:] & ~mask_bool[:, :-1]).any()):
                    raise ValueError(
                        "with a kv_cache the attention_mask must be right padding "
                        "(each row's tokens first, then padding)"
                    )
                n_new = mask_bool.sum(dim=1).cpu()
            else:
                n_new = torch.full((b,), t, dtype=torch.long)
            cache_step = CacheStep(kv_cache, b, t, n_new, device)
            positions = cache_step.positions
            if cache_step.start is not None:  # rows at one position: slice the tables
                offset, positions = cache_step.start, None
            mask, causal = cache_step.mask, cache_step.causal
        elif mask_bool is not None and not bool(mask_bool.all()):
            positions = (mask_bool.long().cumsum(dim=1) - 1).clamp(min=0)
            idx = torch.arange(t, device=device)
            allowed = (idx[None, :, None] >= idx[None, None, :]) & mask_bool[:, None, :]
            # A padding query sees only itself, so no row of the mask is empty (no NaNs).
            allowed = allowed | torch.eye(t, dtype=torch.bool, device=device)
            mask, causal = allowed[:, None], False
        else:
            positions = None  # 0..t-1 in every row: a slice of the tables, no gather
            offset = 0
            mask, causal = None, True

        if position_ids is not None:
            if position_ids.shape != input_ids.shape:
                raise ValueError(
                    f"position_ids shape {tuple(position_ids.shape)} must equal input_ids "
                    f"shape {tuple(input_ids.shape)}"
                )
            plo, phi = torch.aminmax(position_ids)
            if int(plo) < 0 or int(phi) >= cfg.max_seq_len:
                raise ValueError(
                    f"position_ids must be in [0, {cfg.max_seq_len}), got {int(plo)}..{int(phi)}"
                )
            positions = position_ids.to(device=device, dtype=torch.long)

        x = self.embed(input_ids)
        # cos/sin [B or 1, 1, T, D], cast once to the dtype attention computes in.
        if positions is None:
            rope = self.rope[:, None, offset : offset + t]
        else:
            rope = self.rope[:, positions]
        rope = rope.to(self._compute_dtype(x))
        cos, sin = rope[0][:, None], rope[1][:, None]
        for i, block in enumerate(self.layers):
            x = block(x, cos, sin, mask, causal, cache_step, i)
        if cache_step is not None:
            cache_step.commit()
        return self.norm(x)

    def decode_step(
        self, tokens: torch.Tensor, positions: torch.Tensor, kv_cache: KVCache
    ) -> torch.Tensor:
        """One new token for every row of ``kv_cache``: fp32 logits ``[slots, vocab]``.

        ``tokens`` ``[slots]`` are written at ``positions`` ``[slots]`` (int64, on the model's
        device) and attend to the row's entries ``0..positions[b]``. Shapes depend only on the
        cache, never on its contents, so ``torch.compile(model.decode_step, fullgraph=True)``
        traces it once per cache shape (what `generate(..., compile=True)` does). No input
        checks and no length bookkeeping: the caller owns ``kv_cache.lengths``.
        """
        step = StaticStep(kv_cache, positions)
        x = self.embed(tokens[:, None])
        rope = self.rope[:, positions].to(self._compute_dtype(x))  # [2, B, D]
        cos, sin = rope[0][:, None, None], rope[1][:, None, None]  # [B, 1, 1, D]
        for i, block in enumerate(self.layers):
            x = block(x, cos, sin, step.mask, False, step, i)
        return self.logits(self.norm(x)[:, -1])

    def _compute_dtype(self, x: torch.Tensor) -> torch.dtype:
        """The dtype the projections produce: autocast's if it is on, else the activations'."""
        return _autocast_dtype(x) or x.dtype

    # -- utilities ------------------------------------------------------------------------------
    def num_parameters(self, exclude_embeddings: bool = False) -> int:
        """Number of parameters (tied embeddings counted once)."""
        total = sum(p.numel() for p in self.parameters())
        if exclude_embeddings:
            total -= self.embed.weight.numel()
            if self.lm_head is not None:
                total -= self.lm_head.weight.numel()
        return total

    def save_pretrained(
        self, directory: str | Path, extra_files: dict[str, str | Path | bytes] | None = None
    ) -> Path:
        """Write ``config.json`` + ``model.safetensors`` (+ extra files) atomically."""
        from havoc_model.checkpoint import save_checkpoint

        return save_checkpoint(self, directory, extra_files=extra_files)

    @classmethod
    def from_pretrained(
        cls,
        directory: str | Path,
        device: torch.device | str | None = None,
        dtype: torch.dtype | None = None,
        quantize: str | None = None,
    ) -> HavocModel:
        """Load a checkpoint directory written by `save_pretrained` (or a training run);
        ``quantize="int8"`` quantises float weights on load (see `havoc_model.quantize`)."""
        from havoc_model.checkpoint import load_model_files

        return load_model_files(directory, device=device, dtype=dtype, quantize=quantize)
