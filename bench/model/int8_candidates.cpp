// Candidate single-row int8 GEMV inner loops for bench_int8_kernel.py (AVX2 + FMA only).
// Each computes y[i] = s[i] * sum_j w[i, j] * x[j] for one input row; rows are split over
// torch's intra-op threads in blocks of R rows (or, for the k split, the columns are split).
//
//   f32w<R, PF>: int8 -> int32 -> fp32 widening and one FMA per 8 weights (the kernel as it was),
//                R rows per pass sharing each activation load, PF = prefetch on/off.
//   i16<R, PF>:  the activation row quantised once to int16 (one fp32 scale); weights widened
//                int8 -> int16 (vpmovsxbw, 16 per instruction) and vpmaddwd into int32 lanes,
//                flushed to int64 every 4096 columns (2 * 127 * 32767 per lane per step,
//                256 steps < 2^31).
//   i16k:        i16<4,1> with k split in two halves over two threads (int64 partials added).
//   read:        a pure read of the same bytes (OR over 32-byte loads), the bandwidth reference.
#include <torch/extension.h>
#include <ATen/Parallel.h>
#include <immintrin.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace {

__attribute__((target("avx2,fma"))) inline float hsum256(__m256 v) {
  __m128 lo = _mm256_castps256_ps128(v), hi = _mm256_extractf128_ps(v, 1);
  lo = _mm_add_ps(lo, hi);
  lo = _mm_add_ps(lo, _mm_movehl_ps(lo, lo));
  lo = _mm_add_ss(lo, _mm_movehdup_ps(lo));
  return _mm_cvtss_f32(lo);
}

__attribute__((target("avx2,fma"))) inline int64_t hsum_epi32(__m256i v) {
  alignas(32) int32_t t[8];
  _mm256_store_si256(reinterpret_cast<__m256i*>(t), v);
  int64_t r = 0;
  for (int q = 0; q < 8; ++q) r += t[q];
  return r;
}

__attribute__((target("avx2,fma"))) inline __m256 widen8(const int8_t* p) {
  __m128i b = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
  return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(b));
}

template <int R, bool PF>
__attribute__((target("avx2,fma"))) void f32w_rows(const int8_t* w, const float* x,
                                                   const float* s, float* y, int64_t k,
                                                   int64_t begin, int64_t end) {
  const int64_t full = k / 16 * 16;
  for (int64_t i = begin; i < end; i += R) {
    __m256 a[R], b[R];
    for (int r = 0; r < R; ++r) a[r] = b[r] = _mm256_setzero_ps();
    const int8_t* w0 = w + i * k;
    for (int64_t j = 0; j < full; j += 16) {
      if (PF)
        for (int r = 0; r < R; ++r)
          _mm_prefetch(reinterpret_cast<const char*>(w0 + r * k + j + 512), _MM_HINT_T0);
      const __m256 xa = _mm256_loadu_ps(x + j), xb = _mm256_loadu_ps(x + j + 8);
      for (int r = 0; r < R; ++r) {
        a[r] = _mm256_fmadd_ps(widen8(w0 + r * k + j), xa, a[r]);
        b[r] = _mm256_fmadd_ps(widen8(w0 + r * k + j + 8), xb, b[r]);
      }
    }
    for (int r = 0; r < R; ++r) {
      float acc = hsum256(_mm256_add_ps(a[r], b[r]));
      for (int64_t j = full; j < k; ++j) acc += static_cast<float>(w0[r * k + j]) * x[j];
      y[i + r] = acc * s[i + r];
    }
  }
}

// f32w<R> with the linear prefetch stream of i16p_rows
template <int R>
__attribute__((target("avx2,fma"))) void f32wp_rows(const int8_t* w, const float* x,
                                                    const float* s, float* y, int64_t k,
                                                    int64_t begin, int64_t end, int64_t dist) {
  const int64_t full = k / 16 * 16;
  for (int64_t i = begin; i < end; i += R) {
    __m256 a[R], b[R];
    for (int r = 0; r < R; ++r) a[r] = b[r] = _mm256_setzero_ps();
    const int8_t* w0 = w + i * k;
    const char* pf = reinterpret_cast<const char*>(w0) + dist;
    for (int64_t j = 0; j < full; j += 16) {
      for (int q = 0; q < R / 4; ++q) _mm_prefetch(pf + q * 64, _MM_HINT_T0);
      pf += R * 16;
      const __m256 xa = _mm256_loadu_ps(x + j), xb = _mm256_loadu_ps(x + j + 8);
      for (int r = 0; r < R; ++r) {
        a[r] = _mm256_fmadd_ps(widen8(w0 + r * k + j), xa, a[r]);
        b[r] = _mm256_fmadd_ps(widen8(w0 + r * k + j + 8), xb, b[r]);
      }
    }
    for (int r = 0; r < R; ++r) {
      float acc = hsum256(_mm256_add_ps(a[r], b[r]));
      for (int64_t j = full; j < k; ++j) acc += static_cast<float>(w0[r * k + j]) * x[j];
      y[i + r] = acc * s[i + r];
    }
  }
}

template <int R, bool PF>
__attribute__((target("avx2,fma"))) void i16_rows(const int8_t* w, const int16_t* xq, float sx,
                                                  const float* s, float* y, int64_t k,
                                                  int64_t begin, int64_t end, int64_t* part,
                                                  int64_t k0, int64_t k1) {
  constexpr int64_t CH = 4096;
  for (int64_t i = begin; i < end; i += R) {
    int64_t tot[R] = {};
    const int8_t* w0 = w + i * k;
    for (int64_t c0 = k0; c0 < k1; c0 += CH) {
      const int64_t c1 = std::min(k1, c0 + CH), full = c0 + (c1 - c0) / 16 * 16;
      __m256i a[R];
      for (int r = 0; r < R; ++r) a[r] = _mm256_setzero_si256();
      for (int64_t j = c0; j < full; j += 16) {
        if (PF)
          for (int r = 0; r < R; ++r)
            _mm_prefetch(reinterpret_cast<const char*>(w0 + r * k + j + 512), _MM_HINT_T0);
        const __m256i xv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xq + j));
        for (int r = 0; r < R; ++r) {
          const __m256i wv = _mm256_cvtepi8_epi16(
              _mm_loadu_si128(reinterpret_cast<const __m128i*>(w0 + r * k + j)));
          a[r] = _mm256_add_epi32(a[r], _mm256_madd_epi16(wv, xv));
        }
      }
      for (int r = 0; r < R; ++r) {
        tot[r] += hsum_epi32(a[r]);
        for (int64_t j = full; j < c1; ++j) tot[r] += int32_t(w0[r * k + j]) * xq[j];
      }
    }
    for (int r = 0; r < R; ++r) {
      if (part)
        part[i + r] = tot[r];
      else
        y[i + r] = static_cast<float>(tot[r]) * (sx * s[i + r]);
    }
  }
}

// int16 by shifts: one 32-byte load of 32 weights; the even bytes sign-extended by
// (v << 8) >> 8 and the odd ones by v >> 8 (arithmetic, in 16-bit lanes, no lane crossing),
// against the activations stored per 32 columns as [16 even | 16 odd].
template <int R, bool PF>
__attribute__((target("avx2,fma"))) void i16s_rows(const int8_t* w, const int16_t* xq, float sx,
                                                   const float* s, float* y, int64_t k,
                                                   int64_t begin, int64_t end) {
  constexpr int64_t CH = 4096;
  for (int64_t i = begin; i < end; i += R) {
    int64_t tot[R] = {};
    const int8_t* w0 = w + i * k;
    for (int64_t c0 = 0; c0 < k; c0 += CH) {
      const int64_t c1 = std::min(k, c0 + CH), full = c0 + (c1 - c0) / 32 * 32;
      __m256i a[R];
      for (int r = 0; r < R; ++r) a[r] = _mm256_setzero_si256();
      for (int64_t j = c0; j < full; j += 32) {
        if (PF)
          for (int r = 0; r < R; ++r)
            _mm_prefetch(reinterpret_cast<const char*>(w0 + r * k + j + 512), _MM_HINT_T0);
        const __m256i xe = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xq + j));
        const __m256i xo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xq + j + 16));
        for (int r = 0; r < R; ++r) {
          const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w0 + r * k + j));
          const __m256i we = _mm256_srai_epi16(_mm256_slli_epi16(v, 8), 8);
          const __m256i wo = _mm256_srai_epi16(v, 8);
          a[r] = _mm256_add_epi32(a[r], _mm256_madd_epi16(we, xe));
          a[r] = _mm256_add_epi32(a[r], _mm256_madd_epi16(wo, xo));
        }
      }
      for (int r = 0; r < R; ++r) {
        tot[r] += hsum_epi32(a[r]);
        for (int64_t j = full; j < c1; ++j) tot[r] += int32_t(w0[r * k + j]) * xq[j];
      }
    }
    for (int r = 0; r < R; ++r) y[i + r] = static_cast<float>(tot[r]) * (sx * s[i + r]);
  }
}

// [x0..x31] -> [x0 x2 .. x30 | x1 x3 .. x31] per whole 32-column block (tail unchanged)
void deinterleave32(std::vector<int16_t>& xq, int64_t k) {
  int16_t t[32];
  for (int64_t j = 0; j + 32 <= k; j += 32) {
    for (int q = 0; q < 16; ++q) t[q] = xq[j + 2 * q], t[16 + q] = xq[j + 2 * q + 1];
    std::copy(t, t + 32, xq.begin() + j);
  }
}

// i16<R> with a linear software-prefetch stream `dist` bytes ahead of the byte being read
// (the block of R rows is contiguous, so the matrix is one stream of R * 16 bytes per step).
template <int R>
__attribute__((target("avx2,fma"))) void i16p_rows(const int8_t* w, const int16_t* xq, float sx,
                                                   const float* s, float* y, int64_t k,
                                                   int64_t begin, int64_t end, int64_t dist) {
  constexpr int64_t CH = 4096;
  for (int64_t i = begin; i < end; i += R) {
    int64_t tot[R] = {};
    const int8_t* w0 = w + i * k;
    const char* pf = reinterpret_cast<const char*>(w0) + dist;
    for (int64_t c0 = 0; c0 < k; c0 += CH) {
      const int64_t c1 = std::min(k, c0 + CH), full = c0 + (c1 - c0) / 16 * 16;
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
        tot[r] += hsum_epi32(a[r]);
        for (int64_t j = full; j < c1; ++j) tot[r] += int32_t(w0[r * k + j]) * xq[j];
      }
    }
    for (int r = 0; r < R; ++r) y[i + r] = static_cast<float>(tot[r]) * (sx * s[i + r]);
  }
}

__attribute__((target("avx2,fma"))) float quantise_row(const float* x, int16_t* xq, int64_t k) {
  float amax = 0.f;
  for (int64_t j = 0; j < k; ++j) amax = std::max(amax, std::fabs(x[j]));
  if (amax == 0.f) {
    std::fill(xq, xq + k, int16_t(0));
    return 1.f;
  }
  const float inv = 32767.f / amax;
  for (int64_t j = 0; j < k; ++j) xq[j] = static_cast<int16_t>(std::nearbyint(x[j] * inv));
  return amax / 32767.f;
}

// variant: 0 f32w, 1 i16, 2 i16 with the k split; rows: rows per pass (4 or 8); pf: prefetch
at::Tensor gemv(const at::Tensor& x, const at::Tensor& w, const at::Tensor& s, int64_t variant,
                int64_t rows, int64_t pf) {
  const int64_t n = w.size(0), k = w.size(1);
  TORCH_CHECK(n % rows == 0, "n must be a multiple of rows");
  at::Tensor y = at::empty({n}, x.options());
  const int8_t* wp = w.data_ptr<int8_t>();
  const float* xp = x.data_ptr<float>();
  const float* sp = s.data_ptr<float>();
  float* yp = y.data_ptr<float>();
  const int64_t grain = std::max<int64_t>(1, (32768 / k + rows - 1) / rows);
  const int64_t blocks = n / rows;
  if (variant == 0) {
    at::parallel_for(0, blocks, grain, [&](int64_t b, int64_t e) {
      if (rows == 8 && pf) f32w_rows<8, true>(wp, xp, sp, yp, k, b * 8, e * 8);
      if (rows == 8 && !pf) f32w_rows<8, false>(wp, xp, sp, yp, k, b * 8, e * 8);
      if (rows == 4 && pf) f32w_rows<4, true>(wp, xp, sp, yp, k, b * 4, e * 4);
      if (rows == 4 && !pf) f32w_rows<4, false>(wp, xp, sp, yp, k, b * 4, e * 4);
    });
    return y;
  }
  if (variant == 5) {  // pf = prefetch distance in bytes
    at::parallel_for(0, blocks, grain, [&](int64_t b, int64_t e) {
      if (rows == 8) f32wp_rows<8>(wp, xp, sp, yp, k, b * 8, e * 8, pf);
      if (rows == 4) f32wp_rows<4>(wp, xp, sp, yp, k, b * 4, e * 4, pf);
    });
    return y;
  }
  std::vector<int16_t> xq(k + 16);
  const float sx = quantise_row(xp, xq.data(), k);
  if (variant == 1) {
    at::parallel_for(0, blocks, grain, [&](int64_t b, int64_t e) {
      if (rows == 8 && pf) i16_rows<8, true>(wp, xq.data(), sx, sp, yp, k, b * 8, e * 8, nullptr, 0, k);
      if (rows == 8 && !pf) i16_rows<8, false>(wp, xq.data(), sx, sp, yp, k, b * 8, e * 8, nullptr, 0, k);
      if (rows == 4 && pf) i16_rows<4, true>(wp, xq.data(), sx, sp, yp, k, b * 4, e * 4, nullptr, 0, k);
      if (rows == 4 && !pf) i16_rows<4, false>(wp, xq.data(), sx, sp, yp, k, b * 4, e * 4, nullptr, 0, k);
    });
    return y;
  }
  if (variant == 4) {  // pf = prefetch distance in bytes
    at::parallel_for(0, blocks, grain, [&](int64_t b, int64_t e) {
      if (rows == 8) i16p_rows<8>(wp, xq.data(), sx, sp, yp, k, b * 8, e * 8, pf);
      if (rows == 4) i16p_rows<4>(wp, xq.data(), sx, sp, yp, k, b * 4, e * 4, pf);
    });
    return y;
  }
  if (variant == 3) {
    deinterleave32(xq, k);
    at::parallel_for(0, blocks, grain, [&](int64_t b, int64_t e) {
      if (rows == 8 && pf) i16s_rows<8, true>(wp, xq.data(), sx, sp, yp, k, b * 8, e * 8);
      if (rows == 8 && !pf) i16s_rows<8, false>(wp, xq.data(), sx, sp, yp, k, b * 8, e * 8);
      if (rows == 4 && pf) i16s_rows<4, true>(wp, xq.data(), sx, sp, yp, k, b * 4, e * 4);
      if (rows == 4 && !pf) i16s_rows<4, false>(wp, xq.data(), sx, sp, yp, k, b * 4, e * 4);
    });
    return y;
  }
  // k split: each of two tasks sums half of the columns (a multiple of 16) for all rows
  std::vector<int64_t> part(2 * n);
  const int64_t half = (k / 2) / 16 * 16;
  at::parallel_for(0, 2, 1, [&](int64_t b, int64_t e) {
    for (int64_t t = b; t < e; ++t)
      i16_rows<4, true>(wp, xq.data(), sx, sp, yp, k, 0, n, part.data() + t * n,
                        t == 0 ? 0 : half, t == 0 ? half : k);
  });
  for (int64_t i = 0; i < n; ++i)
    yp[i] = static_cast<float>(part[i] + part[n + i]) * (sx * sp[i]);
  return y;
}

__attribute__((target("avx2,fma"))) int64_t read_range(const uint8_t* p, int64_t b, int64_t e) {
  __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
  for (int64_t q = b; q < e; ++q) {
    const __m256i* v = reinterpret_cast<const __m256i*>(p + q * 128);
    a0 = _mm256_or_si256(a0, _mm256_loadu_si256(v));
    a1 = _mm256_or_si256(a1, _mm256_loadu_si256(v + 1));
    a2 = _mm256_or_si256(a2, _mm256_loadu_si256(v + 2));
    a3 = _mm256_or_si256(a3, _mm256_loadu_si256(v + 3));
  }
  return hsum_epi32(_mm256_or_si256(_mm256_or_si256(a0, a1), _mm256_or_si256(a2, a3)));
}

// Pure read of w's bytes (OR of 32-byte loads, four independent chains), rows-like split.
int64_t read_bytes(const at::Tensor& w) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(w.data_ptr<int8_t>());
  const int64_t blocks = w.numel() / 128;
  std::vector<int64_t> out(at::get_num_threads() + 1, 0);
  at::parallel_for(0, blocks, 256, [&](int64_t b, int64_t e) {
    out[at::get_thread_num()] |= read_range(p, b, e);
  });
  int64_t r = 0;
  for (int64_t v : out) r |= v;
  return r;
}

}  // namespace

TORCH_LIBRARY(havoc_int8_bench, m) {
  m.def("gemv(Tensor x, Tensor w, Tensor s, int variant, int rows, int pf) -> Tensor", &gemv);
  m.def("read_bytes(Tensor w) -> int", &read_bytes);
}
