"""An int8 weight-only matrix product for CPU decode: ``y = (x @ W_q.T) * scales``.

Weight-only int8 (`havoc_model.quantize`) halves the bytes a bf16 decode step reads and
quarters fp32's; at batch 1 those bytes are the whole cost. torch's own CPU path,
``torch._weight_int8pack_mm``, reads int8 weights at ~0.2-0.3 GB/s on this project's AVX2
machine and ``F.linear(x, W_q.to(x.dtype))`` first writes a dequantised copy (slower than the
fp32 product it replaces; measured in bench/model/bench_gemv.py), so this kernel streams the
int8 rows itself: four rows at a time, each 8 (AVX2) or 16 (AVX512) int8 values widened to
fp32 in registers and fused-multiply-added against fp32 ``x``; the per-row scale is applied once
to each dot product. Rows are split over torch's intra-op threads. The arithmetic is exact
int8 x fp32 products summed in fp32, so the result equals the dequantised fp32 product up to
summation order.

Both single-row AVX2 paths read the block of four contiguous rows as one stream and prefetch
8 KiB ahead of it, which doubled the read rate from memory (bench/model/bench_int8_kernel.py).

``HAVOC_INT8_ACT=int16`` (opt-in; ``fp32``, the exact path, is the default) gives one input
row on AVX2 a cheaper inner loop: the row is rounded once per call to int16 with one fp32 scale
``sx = max|x| / 32767`` (each element off by at most ``sx / 2``, i.e. 2^-16 of the row's
largest), the weights are widened int8 -> int16 (16 per ``vpmovsxbw``) and multiplied into
int32 lanes by ``vpmaddwd`` (16 weights per two instructions instead of three per 8), and the
exact integer dot product is scaled once. Still weight-only quantisation; the activation
rounding is a computation detail like bf16 autocast, ``|y - y_exact| <= s_i * sx / 2 *
sum_j |W_q[i, j]|`` (tested); a NaN or infinity in the row takes the fp32 path. It computes
~1.4x faster from cache, but on the busy machine where it was measured decode was bound by
memory and it did not beat the fp32 path, so it is not the default. Batched rows, the AVX512
path and the portable path are fp32 only.

For ``m`` input rows (batched decode) the AVX2 path widens each block of four weight rows to
fp32 once into a small buffer (1024 columns at a time, so it stays in L1) and reuses it for all
``m``, two input rows per pass (each weight load feeds two FMAs; the AVX512 path re-widens per
row);
past `GEMM_ROWS` rows (prefill) the caller dequantises once and uses torch's GEMM instead.

Built on first use with ``torch.utils.cpp_extension.load_inline`` (a C++ compiler and ninja
are needed; cached under torch's extensions folder) and registered as the dispatcher op
``havoc_int8::linear`` with a fake implementation, so ``torch.compile`` graphs call it
directly. The instruction set is picked at run time (AVX512F, else AVX2+FMA, else portable
C++); ``HAVOC_INT8_ISA=generic|avx2|avx512`` forces one (for tests), ``HAVOC_INT8_KERNEL=0``
turns the kernel off, ``HAVOC_INT8_ACT=fp32|int16`` picks the single-row AVX2 arithmetic. Where it cannot be built, `linear_int8` uses the dequantising torch path.

>>> import torch
>>> from havoc_model.kernels_int8 import linear_int8
>>> w = torch.randint(-127, 128, (64, 96), dtype=torch.int8)
>>> x, s = torch.randn(2, 96), torch.rand(64) / 100
>>> torch.allclose(linear_int8(x, w, s), (x @ w.float().T) * s, rtol=1e-4, atol=1e-4)
True
"""

from __future__ import annotations

import logging
import os
import threading

import torch
import torch.nn.functional as F

log = logging.getLogger(__name__)

GEMM_ROWS = 8  # more input rows than this: dequantise once and use torch's GEMM

_SOURCE = r"""
#include <torch/extension.h>
#include <ATen/Parallel.h>
#include <immintrin.h>
#include <cmath>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace {

// Software prefetch distance of the single-row AVX2 paths: a block of 4 rows is contiguous, so
// the matrix is read as one linear stream and each step prefetches the line this many bytes
// ahead of it (the hardware prefetchers alone left the loads waiting on memory; measured in
// bench/model/bench_int8_kernel.py, where 8 KiB was best for the decode chain).
constexpr int64_t PREFETCH_BYTES = 8192;

// y[m, i] = s[i] * sum_j w[i, j] * x[m, j] for rows i in [begin, end).
using RowsFn = void (*)(const int8_t*, const float*, const float*, float*, int64_t, int64_t,
                        int64_t, int64_t, int64_t);

void rows_generic(const int8_t* w, const float* x, const float* s, float* y, int64_t k,
                  int64_t n, int64_t m_rows, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; ++i) {
    const int8_t* wi = w + i * k;
    for (int64_t m = 0; m < m_rows; ++m) {
      const float* xm = x + m * k;
      float acc = 0.f;
      for (int64_t j = 0; j < k; ++j) acc += static_cast<float>(wi[j]) * xm[j];
      y[m * n + i] = acc * s[i];
    }
  }
}

__attribute__((target("avx2,fma"))) inline float hsum256(__m256 v) {
  __m128 lo = _mm256_castps256_ps128(v), hi = _mm256_extractf128_ps(v, 1);
  lo = _mm_add_ps(lo, hi);
  lo = _mm_add_ps(lo, _mm_movehl_ps(lo, lo));
  lo = _mm_add_ss(lo, _mm_movehdup_ps(lo));
  return _mm_cvtss_f32(lo);
}

__attribute__((target("avx2,fma"))) inline __m256 widen8(const int8_t* p) {
  __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
  return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(b));
}

// Several input rows: widen each block of four int8 weight rows to fp32 once (in chunks of
// KC columns, so the 4 x KC floats stay in L1) and take fp32 dot products against every input
// row, two input rows at a time: each loaded weight vector feeds two FMAs (eight accumulators:
// 4 weight rows x 2 input rows), which halves the loads per FMA against one row at a time.
__attribute__((target("avx2,fma")))
void rows_avx2_multi(const int8_t* w, const float* x, const float* s, float* y, int64_t k,
                     int64_t n, int64_t m_rows, int64_t begin, int64_t end) {
  constexpr int64_t KC = 1024;
  const int64_t kcap = std::min(k, KC);
  std::vector<float> buf(4 * kcap);
  std::vector<float> part(4 * m_rows);
  int64_t i = begin;
  for (; i + 4 <= end; i += 4) {
    std::fill(part.begin(), part.end(), 0.f);
    for (int64_t k0 = 0; k0 < k; k0 += KC) {
      const int64_t kc = std::min(KC, k - k0);
      const int64_t full = kc / 8 * 8;
      for (int64_t r = 0; r < 4; ++r) {
        const int8_t* wr = w + (i + r) * k + k0;
        float* br = buf.data() + r * kc;
        int64_t j = 0;
        for (; j < full; j += 8) _mm256_storeu_ps(br + j, widen8(wr + j));
        for (; j < kc; ++j) br[j] = static_cast<float>(wr[j]);
      }
      const float* b0 = buf.data();
      const float* b1 = b0 + kc;
      const float* b2 = b1 + kc;
      const float* b3 = b2 + kc;
      int64_t m = 0;
      for (; m + 2 <= m_rows; m += 2) {
        const float* x0 = x + m * k + k0;
        const float* x1 = x0 + k;
        __m256 a00 = _mm256_setzero_ps(), a01 = _mm256_setzero_ps();
        __m256 a10 = _mm256_setzero_ps(), a11 = _mm256_setzero_ps();
        __m256 a20 = _mm256_setzero_ps(), a21 = _mm256_setzero_ps();
        __m256 a30 = _mm256_setzero_ps(), a31 = _mm256_setzero_ps();
        for (int64_t j = 0; j < full; j += 8) {
          const __m256 xa = _mm256_loadu_ps(x0 + j), xb = _mm256_loadu_ps(x1 + j);
          const __m256 v0 = _mm256_loadu_ps(b0 + j), v1 = _mm256_loadu_ps(b1 + j);
          a00 = _mm256_fmadd_ps(v0, xa, a00);
          a01 = _mm256_fmadd_ps(v0, xb, a01);
          a10 = _mm256_fmadd_ps(v1, xa, a10);
          a11 = _mm256_fmadd_ps(v1, xb, a11);
          const __m256 v2 = _mm256_loadu_ps(b2 + j), v3 = _mm256_loadu_ps(b3 + j);
          a20 = _mm256_fmadd_ps(v2, xa, a20);
          a21 = _mm256_fmadd_ps(v2, xb, a21);
          a30 = _mm256_fmadd_ps(v3, xa, a30);
          a31 = _mm256_fmadd_ps(v3, xb, a31);
        }
        float r00 = hsum256(a00), r10 = hsum256(a10), r20 = hsum256(a20), r30 = hsum256(a30);
        float r01 = hsum256(a01), r11 = hsum256(a11), r21 = hsum256(a21), r31 = hsum256(a31);
        for (int64_t j = full; j < kc; ++j) {
          r00 += b0[j] * x0[j];
          r10 += b1[j] * x0[j];
          r20 += b2[j] * x0[j];
          r30 += b3[j] * x0[j];
          r01 += b0[j] * x1[j];
          r11 += b1[j] * x1[j];
          r21 += b2[j] * x1[j];
          r31 += b3[j] * x1[j];
        }
        float* p0 = part.data() + m * 4;
        p0[0] += r00;
        p0[1] += r10;
        p0[2] += r20;
        p0[3] += r30;
        p0[4] += r01;
        p0[5] += r11;
        p0[6] += r21;
        p0[7] += r31;
      }
      for (; m < m_rows; ++m) {  // an odd last input row
        const float* xm = x + m * k + k0;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
        __m256 a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        for (int64_t j = 0; j < full; j += 8) {
          const __m256 xv = _mm256_loadu_ps(xm + j);
          a0 = _mm256_fmadd_ps(_mm256_loadu_ps(b0 + j), xv, a0);
          a1 = _mm256_fmadd_ps(_mm256_loadu_ps(b1 + j), xv, a1);
          a2 = _mm256_fmadd_ps(_mm256_loadu_ps(b2 + j), xv, a2);
          a3 = _mm256_fmadd_ps(_mm256_loadu_ps(b3 + j), xv, a3);
        }
        float r0 = hsum256(a0), r1 = hsum256(a1), r2 = hsum256(a2), r3 = hsum256(a3);
        for (int64_t j = full; j < kc; ++j) {
          r0 += b0[j] * xm[j];
          r1 += b1[j] * xm[j];
          r2 += b2[j] * xm[j];
          r3 += b3[j] * xm[j];
        }
        float* pm = part.data() + m * 4;
        pm[0] += r0;
        pm[1] += r1;
        pm[2] += r2;
        pm[3] += r3;
      }
    }
    for (int64_t m = 0; m < m_rows; ++m) {
      float* ym = y + m * n + i;
      const float* pm = part.data() + m * 4;
      for (int64_t r = 0; r < 4; ++r) ym[r] = pm[r] * s[i + r];
    }
  }
  if (i < end) rows_generic(w, x, s, y, k, n, m_rows, i, end);
}

__attribute__((target("avx2,fma")))
void rows_avx2(const int8_t* w, const float* x, const float* s, float* y, int64_t k, int64_t n,
               int64_t m_rows, int64_t begin, int64_t end) {
  if (m_rows > 1) return rows_avx2_multi(w, x, s, y, k, n, m_rows, begin, end);
  const int64_t full = k / 16 * 16;
  int64_t i = begin;
  for (; i + 4 <= end; i += 4) {
    const int8_t* w0 = w + i * k;
    const int8_t* w1 = w0 + k;
    const int8_t* w2 = w1 + k;
    const int8_t* w3 = w2 + k;
    for (int64_t m = 0; m < m_rows; ++m) {
      const float* xm = x + m * k;
      // Two accumulators per row: eight independent FMA chains hide the FMA latency.
      __m256 a0 = _mm256_setzero_ps(), b0 = _mm256_setzero_ps();
      __m256 a1 = _mm256_setzero_ps(), b1 = _mm256_setzero_ps();
      __m256 a2 = _mm256_setzero_ps(), b2 = _mm256_setzero_ps();
      __m256 a3 = _mm256_setzero_ps(), b3 = _mm256_setzero_ps();
      const char* pf = reinterpret_cast<const char*>(w0) + PREFETCH_BYTES;
      for (int64_t j = 0; j < full; j += 16) {
        _mm_prefetch(pf, _MM_HINT_T0);  // the block's 4 x 16 bytes: one line of the stream
        pf += 64;
        const __m256 xa = _mm256_loadu_ps(xm + j), xb = _mm256_loadu_ps(xm + j + 8);
        a0 = _mm256_fmadd_ps(widen8(w0 + j), xa, a0);
        b0 = _mm256_fmadd_ps(widen8(w0 + j + 8), xb, b0);
        a1 = _mm256_fmadd_ps(widen8(w1 + j), xa, a1);
        b1 = _mm256_fmadd_ps(widen8(w1 + j + 8), xb, b1);
        a2 = _mm256_fmadd_ps(widen8(w2 + j), xa, a2);
        b2 = _mm256_fmadd_ps(widen8(w2 + j + 8), xb, b2);
        a3 = _mm256_fmadd_ps(widen8(w3 + j), xa, a3);
        b3 = _mm256_fmadd_ps(widen8(w3 + j + 8), xb, b3);
      }
      float r0 = hsum256(_mm256_add_ps(a0, b0)), r1 = hsum256(_mm256_add_ps(a1, b1));
      float r2 = hsum256(_mm256_add_ps(a2, b2)), r3 = hsum256(_mm256_add_ps(a3, b3));
      for (int64_t j = full; j < k; ++j) {
        r0 += static_cast<float>(w0[j]) * xm[j];
        r1 += static_cast<float>(w1[j]) * xm[j];
        r2 += static_cast<float>(w2[j]) * xm[j];
        r3 += static_cast<float>(w3[j]) * xm[j];
      }
      float* ym = y + m * n + i;
      ym[0] = r0 * s[i];
      ym[1] = r1 * s[i + 1];
      ym[2] = r2 * s[i + 2];
      ym[3] = r3 * s[i + 3];
    }
  }
  if (i < end) rows_generic(w, x, s, y, k, n, m_rows, i, end);
}

// One input row, int16 activations (`HAVOC_INT8_ACT=int16`, the default on AVX2): the row
// is quantised once per call to int16 with one fp32 scale (`quantise_row_avx2`); each 16
// weights are widened int8 -> int16 by one vpmovsxbw and multiplied-and-pair-added into eight
// int32 lanes by one vpmaddwd (against three instructions per 8 weights on the fp32 path).
// Overflow bound: a vpmaddwd lane is |w0 x0 + w1 x1| <= 2 * 128 * 32767 = 8,388,352 (|xq| <=
// 32767 by construction, any int8 weight), so a lane may take 256 of them (2,147,418,112 <
// 2^31 - 1): the lanes are flushed to an int64 total every I16_CHUNK = 4096 columns (256 steps
// of 16). The total is exact, so y[i] = float(total) * (sx * s[i]) rounds once.
constexpr int64_t I16_CHUNK = 4096;

template <int R>
__attribute__((target("avx2,fma"))) void rows_i16_block(const int8_t* w, const int16_t* xq,
                                                        float sx, const float* s, float* y,
                                                        int64_t k, int64_t i) {
  int64_t tot[R] = {};
  const int8_t* w0 = w + i * k;
  const char* pf = reinterpret_cast<const char*>(w0) + PREFETCH_BYTES;
  for (int64_t c0 = 0; c0 < k; c0 += I16_CHUNK) {
    const int64_t c1 = std::min(k, c0 + I16_CHUNK), full = c0 + (c1 - c0) / 16 * 16;
    __m256i a[R];
    for (int r = 0; r < R; ++r) a[r] = _mm256_setzero_si256();
    for (int64_t j = c0; j < full; j += 16) {
      for (int q = 0; q < R / 4; ++q) _mm_prefetch(pf + q * 64, _MM_HINT_T0);
      pf += R * 16;
      const __m256i xv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xq + j));
      for (int r = 0; r < R; ++r) {
        const __m256i wv = _mm256_cvtepi8_epi16(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(w0 + r * k + j)));
        a[r] = _mm256_add_epi32(a[r], _mm256_madd_epi16(wv, xv));
      }
    }
    for (int r = 0; r < R; ++r) {
      alignas(32) int32_t lanes[8];
      _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), a[r]);
      for (int q = 0; q < 8; ++q) tot[r] += lanes[q];
      for (int64_t j = full; j < c1; ++j) tot[r] += int32_t(w0[r * k + j]) * xq[j];
    }
  }
  for (int r = 0; r < R; ++r) y[i + r] = static_cast<float>(tot[r]) * (sx * s[i + r]);
}

__attribute__((target("avx2,fma"))) void rows_i16(const int8_t* w, const int16_t* xq, float sx, const float* s, float* y, int64_t k,
              int64_t begin, int64_t end) {
  int64_t i = begin;
  for (; i + 4 <= end; i += 4) rows_i16_block<4>(w, xq, sx, s, y, k, i);
  for (; i < end; ++i) rows_i16_block<1>(w, xq, sx, s, y, k, i);
}

// xq[j] = round(x[j] / sx) with sx = max|x| / 32767 (|xq| <= 32767, round half to even), so
// |x[j] - sx * xq[j]| <= sx / 2 = max|x| / 65534 (plus fp32 rounding of x * (1 / sx)).
// Returns sx, or 0 when x holds a NaN or infinity (the caller then takes the fp32 path).
__attribute__((target("avx2,fma"))) float quantise_row_avx2(const float* x, int16_t* xq,
                                                            int64_t k) {
  const __m256 absmask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
  __m256 mx = _mm256_setzero_ps(), bad = _mm256_setzero_ps();
  const int64_t full8 = k / 8 * 8;
  for (int64_t j = 0; j < full8; j += 8) {
    const __m256 v = _mm256_loadu_ps(x + j);
    mx = _mm256_max_ps(mx, _mm256_and_ps(v, absmask));
    bad = _mm256_or_ps(bad, _mm256_cmp_ps(v, v, _CMP_UNORD_Q));  // NaN
  }
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, mx);
  float amax = 0.f;
  for (int q = 0; q < 8; ++q) amax = std::max(amax, lanes[q]);
  bool nan = _mm256_movemask_ps(bad) != 0;
  for (int64_t j = full8; j < k; ++j) {
    nan |= std::isnan(x[j]);
    amax = std::max(amax, std::fabs(x[j]));
  }
  if (nan || !std::isfinite(amax)) return 0.f;
  if (amax == 0.f) {
    std::fill(xq, xq + k, int16_t(0));
    return 1.f;
  }
  const float inv = 32767.f / amax;
  const __m256 vinv = _mm256_set1_ps(inv);
  const int64_t full16 = k / 16 * 16;
  for (int64_t j = 0; j < full16; j += 16) {
    const __m256i lo = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(x + j), vinv));
    const __m256i hi = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(x + j + 8), vinv));
    // packs works per 128-bit lane: [lo0-3 hi0-3 lo4-7 hi4-7] -> reorder the 64-bit quarters
    const __m256i packed = _mm256_permute4x64_epi64(_mm256_packs_epi32(lo, hi), 0xD8);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(xq + j), packed);
  }
  for (int64_t j = full16; j < k; ++j) xq[j] = static_cast<int16_t>(std::nearbyint(x[j] * inv));
  return amax / 32767.f;
}

__attribute__((target("avx512f"))) inline __m512 widen16(const int8_t* p) {
  __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(b));
}

__attribute__((target("avx512f")))
void rows_avx512(const int8_t* w, const float* x, const float* s, float* y, int64_t k, int64_t n,
                 int64_t m_rows, int64_t begin, int64_t end) {
  const int64_t full = k / 32 * 32;
  int64_t i = begin;
  for (; i + 4 <= end; i += 4) {
    const int8_t* w0 = w + i * k;
    const int8_t* w1 = w0 + k;
    const int8_t* w2 = w1 + k;
    const int8_t* w3 = w2 + k;
    for (int64_t m = 0; m < m_rows; ++m) {
      const float* xm = x + m * k;
      __m512 a0 = _mm512_setzero_ps(), b0 = _mm512_setzero_ps();
      __m512 a1 = _mm512_setzero_ps(), b1 = _mm512_setzero_ps();
      __m512 a2 = _mm512_setzero_ps(), b2 = _mm512_setzero_ps();
      __m512 a3 = _mm512_setzero_ps(), b3 = _mm512_setzero_ps();
      for (int64_t j = 0; j < full; j += 32) {
        _mm_prefetch(reinterpret_cast<const char*>(w0 + j + 1024), _MM_HINT_T0);
        _mm_prefetch(reinterpret_cast<const char*>(w1 + j + 1024), _MM_HINT_T0);
        _mm_prefetch(reinterpret_cast<const char*>(w2 + j + 1024), _MM_HINT_T0);
        _mm_prefetch(reinterpret_cast<const char*>(w3 + j + 1024), _MM_HINT_T0);
        const __m512 xa = _mm512_loadu_ps(xm + j), xb = _mm512_loadu_ps(xm + j + 16);
        a0 = _mm512_fmadd_ps(widen16(w0 + j), xa, a0);
        b0 = _mm512_fmadd_ps(widen16(w0 + j + 16), xb, b0);
        a1 = _mm512_fmadd_ps(widen16(w1 + j), xa, a1);
        b1 = _mm512_fmadd_ps(widen16(w1 + j + 16), xb, b1);
        a2 = _mm512_fmadd_ps(widen16(w2 + j), xa, a2);
        b2 = _mm512_fmadd_ps(widen16(w2 + j + 16), xb, b2);
        a3 = _mm512_fmadd_ps(widen16(w3 + j), xa, a3);
        b3 = _mm512_fmadd_ps(widen16(w3 + j + 16), xb, b3);
      }
      float r0 = _mm512_reduce_add_ps(_mm512_add_ps(a0, b0));
      float r1 = _mm512_reduce_add_ps(_mm512_add_ps(a1, b1));
      float r2 = _mm512_reduce_add_ps(_mm512_add_ps(a2, b2));
      float r3 = _mm512_reduce_add_ps(_mm512_add_ps(a3, b3));
      for (int64_t j = full; j < k; ++j) {
        r0 += static_cast<float>(w0[j]) * xm[j];
        r1 += static_cast<float>(w1[j]) * xm[j];
        r2 += static_cast<float>(w2[j]) * xm[j];
        r3 += static_cast<float>(w3[j]) * xm[j];
      }
      float* ym = y + m * n + i;
      ym[0] = r0 * s[i];
      ym[1] = r1 * s[i + 1];
      ym[2] = r2 * s[i + 2];
      ym[3] = r3 * s[i + 3];
    }
  }
  if (i < end) rows_generic(w, x, s, y, k, n, m_rows, i, end);
}

RowsFn pick() {
  const char* forced = std::getenv("HAVOC_INT8_ISA");
  std::string isa = forced ? forced : "";
  __builtin_cpu_init();
  const bool has512 = __builtin_cpu_supports("avx512f");
  const bool has2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (isa == "generic") return rows_generic;
  if (isa == "avx2") {
    TORCH_CHECK(has2, "HAVOC_INT8_ISA=avx2 but this CPU lacks AVX2/FMA");
    return rows_avx2;
  }
  if (isa == "avx512") {
    TORCH_CHECK(has512, "HAVOC_INT8_ISA=avx512 but this CPU lacks AVX512F");
    return rows_avx512;
  }
  if (has512) return rows_avx512;
  if (has2) return rows_avx2;
  return rows_generic;
}

// HAVOC_INT8_ACT: "fp32" (default) keeps the exact fp32-widening path; "int16" quantises a
// single input row to int16 on the AVX2 path. Read per call, so tests can switch it.
bool act_int16() {
  const char* v = std::getenv("HAVOC_INT8_ACT");
  if (v == nullptr || v[0] == '\0' || std::strcmp(v, "fp32") == 0) return false;
  TORCH_CHECK(std::strcmp(v, "int16") == 0,
              "HAVOC_INT8_ACT must be 'int16' or 'fp32', got '", v, "'");
  return true;
}

std::string isa_name() {
  RowsFn f = pick();
  return f == rows_avx512 ? "avx512" : f == rows_avx2 ? "avx2" : "generic";
}

at::Tensor linear_int8(const at::Tensor& x, const at::Tensor& w, const at::Tensor& s) {
  TORCH_CHECK(x.device().is_cpu() && w.device().is_cpu() && s.device().is_cpu(),
              "havoc_int8::linear: CPU tensors only");
  TORCH_CHECK(x.scalar_type() == at::kFloat && s.scalar_type() == at::kFloat,
              "havoc_int8::linear: x and scales must be float32");
  TORCH_CHECK(w.scalar_type() == at::kChar, "havoc_int8::linear: weights must be int8");
  TORCH_CHECK(x.dim() >= 1 && w.dim() == 2 && s.dim() == 1 && w.size(1) == x.size(-1) &&
                  s.size(0) == w.size(0),
              "havoc_int8::linear: expected x [..., k], w [n, k], scales [n]");
  const RowsFn rows = pick();  // per call (cheap), so HAVOC_INT8_ISA can change in tests
  // x [..., k] is read as [m, k]; y gets x's leading dimensions (no reshapes in Python)
  at::Tensor xc = x.contiguous(), wc = w.contiguous(), sc = s.contiguous();
  const int64_t k = xc.size(-1), n = wc.size(0), m = k > 0 ? xc.numel() / k : 0;
  std::vector<int64_t> shape(xc.sizes().begin(), xc.sizes().end());
  shape.back() = n;
  at::Tensor y = at::empty(shape, xc.options());
  const int8_t* wp = wc.data_ptr<int8_t>();
  const float* xp = xc.data_ptr<float>();
  const float* sp = sc.data_ptr<float>();
  float* yp = y.data_ptr<float>();
  // Grain: at least ~32 KB of weights per task, in whole blocks of 4 rows.
  const int64_t grain = std::max<int64_t>(1, (32768 / std::max<int64_t>(k, 1) + 3) / 4);
  if (m == 1 && k > 0 && rows == rows_avx2 && act_int16()) {
    std::vector<int16_t> xq(k);
    const float sx = quantise_row_avx2(xp, xq.data(), k);
    if (sx > 0.f) {  // else a NaN/inf in x: the fp32 path below propagates it
      at::parallel_for(0, (n + 3) / 4, grain, [&](int64_t b, int64_t e) {
        rows_i16(wp, xq.data(), sx, sp, yp, k, b * 4, std::min(n, e * 4));
      });
      return y;
    }
  }
  at::parallel_for(0, (n + 3) / 4, grain, [&](int64_t b, int64_t e) {
    rows(wp, xp, sp, yp, k, n, m, b * 4, std::min(n, e * 4));
  });
  return y;
}

}  // namespace

TORCH_LIBRARY(havoc_int8, m) {
  m.def("linear(Tensor x, Tensor w, Tensor scales) -> Tensor");  // x [..., k]
  m.def("isa() -> str", &isa_name);
}
TORCH_LIBRARY_IMPL(havoc_int8, CPU, m) { m.impl("linear", &linear_int8); }
"""

_lock = threading.Lock()
_state: dict[str, object] = {}
READY = False  # True once the op is registered (read by traced code, which must not build)


def _load() -> bool:
    """Build and register the op once per process; False when unavailable."""
    if "ok" in _state:  # decided already: no lock on the hot path
        return bool(_state["ok"])
    with _lock:
        if "ok" in _state:
            return bool(_state["ok"])
        ok = False
        if os.environ.get("HAVOC_INT8_KERNEL", "1") != "0":
            try:
                from torch.utils.cpp_extension import load_inline

                load_inline(
                    name="havoc_kernels_int8_v5",
                    cpp_sources=_SOURCE,
                    extra_cflags=["-O3", "-fopenmp"],
                    extra_ldflags=["-fopenmp"],
                    is_python_module=False,
                    verbose=False,
                )

                @torch.library.register_fake("havoc_int8::linear")
                def _fake(x: torch.Tensor, w: torch.Tensor, s: torch.Tensor) -> torch.Tensor:
                    return x.new_empty(*x.shape[:-1], w.shape[0])

                ok = True
                global READY
                READY = True
            except Exception as exc:  # no compiler / ninja / headers: dequantising torch path
                log.warning("havoc int8 kernel unavailable, using the torch path: %s", exc)
        _state["ok"] = ok
        return ok


def available() -> bool:
    """Whether `linear_int8` runs the kernel here (builds it on the first call)."""
    return _load()


def isa() -> str:
    """The instruction set the kernel uses here: avx512, avx2, generic, or none (no kernel)."""
    return str(torch.ops.havoc_int8.isa()) if _load() else "none"


def linear_int8(x: torch.Tensor, weight: torch.Tensor, scales: torch.Tensor) -> torch.Tensor:
    """``(x @ weight.T) * scales`` for int8 ``weight`` ``[n, k]`` and ``x`` ``[..., k]``, in
    ``x``'s dtype (accumulated in fp32 on the kernel path)."""
    k, n = weight.shape[1], weight.shape[0]
    rows = x.numel() // k if k else 0
    if (
        READY
        and x.dtype == torch.float32
        and scales.dtype == torch.float32
        and 0 < rows <= GEMM_ROWS
        and x.device.type == "cpu"
        and not (x.requires_grad and torch.is_grad_enabled())
    ):
        # The common decode call (fp32, op built): no Python-side tensor ops (the op takes
        # x [..., k]), since a base-sized model makes ~50 of these calls per token.
        return torch.ops.havoc_int8.linear.default(x, weight, scales)
    use_kernel = (
        x.device.type == "cpu"
        and 0 < rows <= GEMM_ROWS
        and not (torch.is_grad_enabled() and x.requires_grad)
        and (READY or (not torch.compiler.is_compiling() and _load()))
    )
    if use_kernel:
        flat = x.reshape(rows, k).float()
        y = torch.ops.havoc_int8.linear(flat, weight, scales.float())
        return y.to(x.dtype).view(*x.shape[:-1], n)
    dtype = x.dtype
    return F.linear(x, weight.to(dtype)) * scales.to(dtype)
