"""A bf16 matrix-vector kernel for batch-1 decode on x86 CPUs with AVX512-BF16.

At batch 1 every projection is ``y = W x`` with ``W`` ``[n, k]`` in bf16: the cost is reading
``W``. On this project's CPU the library paths read bf16 weights at 10-23 GB/s (``torch.mv``,
``F.linear``, inductor's generated reduction; bench/model/bench_gemv.py) against ~26 GB/s for
fp32 weights. This kernel streams four rows at a time with ``vdpbf16ps`` (bf16 pairs
multiplied exactly and summed into fp32 lanes), splits rows over torch's intra-op threads and
rounds each output once to bf16.

It is compiled on first use with ``torch.utils.cpp_extension.load_inline`` (a C++ compiler and
ninja are needed; the build is cached under torch's extensions folder) and registered as the
dispatcher op ``havoc_kernels::gemv_bf16`` with a fake implementation, so ``torch.compile``
graphs call it directly. Where the CPU lacks AVX512-BF16, or the build fails, `gemv_bf16`
returns None and callers use ``torch.mv``; ``HAVOC_BF16_GEMV=0`` turns it off.

>>> import torch
>>> from havoc_model.kernels import gemv_bf16
>>> w, x = torch.randn(64, 96).bfloat16(), torch.randn(96).bfloat16()
>>> y = gemv_bf16(w, x)
>>> y is None or torch.allclose(y.float(), torch.mv(w, x).float(), rtol=2e-2, atol=2e-2)
True
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import torch

log = logging.getLogger(__name__)

_SOURCE = r"""
#include <torch/extension.h>
#include <ATen/Parallel.h>
#include <immintrin.h>
#include <cstring>

namespace {

constexpr int64_t PF = 1024;  // prefetch distance in elements (2 KB ahead on each row)

inline float bf16_to_float(uint16_t v) {
  uint32_t bits = static_cast<uint32_t>(v) << 16;
  float out;
  std::memcpy(&out, &bits, sizeof(out));
  return out;
}

inline uint16_t float_to_bf16(float f) {  // round to nearest even, NaN kept quiet
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof(bits));
  if ((bits & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((bits >> 16) | 0x40u);
  bits += 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<uint16_t>(bits >> 16);
}

__attribute__((target("avx512f,avx512bw,avx512bf16")))
void rows(const uint16_t* w, const uint16_t* x, uint16_t* y, int64_t k, int64_t begin,
          int64_t end) {
  const int64_t full = k / 32 * 32;
  const int64_t tail = k - full;
  const __mmask32 tail_mask = tail ? static_cast<__mmask32>((1ull << tail) - 1) : 0;
  int64_t i = begin;
  for (; i + 4 <= end; i += 4) {
    const uint16_t* w0 = w + i * k;
    const uint16_t* w1 = w0 + k;
    const uint16_t* w2 = w1 + k;
    const uint16_t* w3 = w2 + k;
    __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
    __m512 a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
    for (int64_t j = 0; j < full; j += 32) {
      __m512bh xv = (__m512bh)_mm512_loadu_si512(x + j);
      _mm_prefetch(reinterpret_cast<const char*>(w0 + j + PF), _MM_HINT_T0);
      _mm_prefetch(reinterpret_cast<const char*>(w1 + j + PF), _MM_HINT_T0);
      _mm_prefetch(reinterpret_cast<const char*>(w2 + j + PF), _MM_HINT_T0);
      _mm_prefetch(reinterpret_cast<const char*>(w3 + j + PF), _MM_HINT_T0);
      a0 = _mm512_dpbf16_ps(a0, (__m512bh)_mm512_loadu_si512(w0 + j), xv);
      a1 = _mm512_dpbf16_ps(a1, (__m512bh)_mm512_loadu_si512(w1 + j), xv);
      a2 = _mm512_dpbf16_ps(a2, (__m512bh)_mm512_loadu_si512(w2 + j), xv);
      a3 = _mm512_dpbf16_ps(a3, (__m512bh)_mm512_loadu_si512(w3 + j), xv);
    }
    if (tail) {
      __m512bh xv = (__m512bh)_mm512_maskz_loadu_epi16(tail_mask, x + full);
      a0 = _mm512_dpbf16_ps(a0, (__m512bh)_mm512_maskz_loadu_epi16(tail_mask, w0 + full), xv);
      a1 = _mm512_dpbf16_ps(a1, (__m512bh)_mm512_maskz_loadu_epi16(tail_mask, w1 + full), xv);
      a2 = _mm512_dpbf16_ps(a2, (__m512bh)_mm512_maskz_loadu_epi16(tail_mask, w2 + full), xv);
      a3 = _mm512_dpbf16_ps(a3, (__m512bh)_mm512_maskz_loadu_epi16(tail_mask, w3 + full), xv);
    }
    y[i] = float_to_bf16(_mm512_reduce_add_ps(a0));
    y[i + 1] = float_to_bf16(_mm512_reduce_add_ps(a1));
    y[i + 2] = float_to_bf16(_mm512_reduce_add_ps(a2));
    y[i + 3] = float_to_bf16(_mm512_reduce_add_ps(a3));
  }
  for (; i < end; ++i) {
    const uint16_t* w0 = w + i * k;
    __m512 a0 = _mm512_setzero_ps();
    for (int64_t j = 0; j < full; j += 32) {
      a0 = _mm512_dpbf16_ps(a0, (__m512bh)_mm512_loadu_si512(w0 + j),
                            (__m512bh)_mm512_loadu_si512(x + j));
    }
    if (tail) {
      a0 = _mm512_dpbf16_ps(a0, (__m512bh)_mm512_maskz_loadu_epi16(tail_mask, w0 + full),
                            (__m512bh)_mm512_maskz_loadu_epi16(tail_mask, x + full));
    }
    y[i] = float_to_bf16(_mm512_reduce_add_ps(a0));
  }
}

at::Tensor gemv_bf16(const at::Tensor& w, const at::Tensor& x) {
  TORCH_CHECK(w.device().is_cpu() && x.device().is_cpu(), "gemv_bf16: CPU tensors only");
  TORCH_CHECK(w.scalar_type() == at::kBFloat16 && x.scalar_type() == at::kBFloat16,
              "gemv_bf16: bf16 tensors only");
  TORCH_CHECK(w.dim() == 2 && x.dim() == 1 && w.size(1) == x.size(0),
              "gemv_bf16: expected w [n, k] and x [k]");
  at::Tensor wc = w.contiguous();
  at::Tensor xc = x.contiguous();
  const int64_t n = wc.size(0), k = wc.size(1);
  at::Tensor y = at::empty({n}, wc.options());
  const uint16_t* wp = reinterpret_cast<const uint16_t*>(wc.data_ptr());
  const uint16_t* xp = reinterpret_cast<const uint16_t*>(xc.data_ptr());
  uint16_t* yp = reinterpret_cast<uint16_t*>(y.data_ptr());
  // Grain: at least ~64 KB of weights per task, in whole blocks of 4 rows.
  const int64_t grain = std::max<int64_t>(4, (32768 / std::max<int64_t>(k, 1) + 3) / 4 * 4);
  at::parallel_for(0, (n + 3) / 4, std::max<int64_t>(1, grain / 4), [&](int64_t b, int64_t e) {
    rows(wp, xp, yp, k, b * 4, std::min(n, e * 4));
  });
  return y;
}

}  // namespace

TORCH_LIBRARY(havoc_kernels, m) { m.def("gemv_bf16(Tensor w, Tensor x) -> Tensor"); }
TORCH_LIBRARY_IMPL(havoc_kernels, CPU, m) { m.impl("gemv_bf16", &gemv_bf16); }
"""

_lock = threading.Lock()
_state: dict[str, object] = {}
READY = False  # True once the op is registered (read by traced code, which must not build)


def cpu_has_avx512_bf16() -> bool:
    """True when /proc/cpuinfo lists avx512_bf16 (Linux x86; False elsewhere)."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return any(
        line.startswith("flags") and "avx512_bf16" in line.split() for line in text.splitlines()
    )


def _load() -> bool:
    """Build and register the op once per process; False when unavailable."""
    if "ok" in _state:  # decided already: no lock on the hot path
        return bool(_state["ok"])
    with _lock:
        if "ok" in _state:
            return bool(_state["ok"])
        ok = False
        if os.environ.get("HAVOC_BF16_GEMV", "1") != "0" and cpu_has_avx512_bf16():
            try:
                from torch.utils.cpp_extension import load_inline

                load_inline(
                    name="havoc_kernels_gemv_v1",
                    cpp_sources=_SOURCE,
                    extra_cflags=["-O3", "-fopenmp"],
                    extra_ldflags=["-fopenmp"],
                    is_python_module=False,
                    verbose=False,
                )

                @torch.library.register_fake("havoc_kernels::gemv_bf16")
                def _fake(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
                    return w.new_empty(w.shape[0])

                ok = True
                global READY
                READY = True
            except Exception as exc:  # no compiler / ninja / headers: fall back to torch.mv
                log.warning("havoc bf16 GEMV kernel unavailable, using torch.mv: %s", exc)
        _state["ok"] = ok
        return ok


def available() -> bool:
    """Whether `gemv_bf16` runs the kernel here (builds it on the first call)."""
    return _load()


def gemv_bf16(w: torch.Tensor, x: torch.Tensor) -> torch.Tensor | None:
    """``w @ x`` for bf16 CPU ``w`` ``[n, k]`` and ``x`` ``[k]``, or None when the kernel is
    unavailable (the caller then uses ``torch.mv``)."""
    if not _load():
        return None
    return torch.ops.havoc_kernels.gemv_bf16(w, x)
