#include "gan/kernels/elementwise.h"

#include <algorithm>

#include "gan/kernels/math_functions.h"

#if defined(__AVX512F__) && !defined(GAN_DOUBLE_PRECISION)
#include <immintrin.h>
#endif

namespace gan::kernels {

namespace {

#if defined(__AVX512F__) && !defined(GAN_DOUBLE_PRECISION)
// The terms of values i, ..., i + 7 where `mask` has a bit, 0 in the other lanes, computed as the
// scalar term computes each: the same operations in float, each rounded once.
__m256 centred_products(const CentredProduct& term, int64_t i, __mmask8 mask) {
  __m256 left = _mm256_maskz_loadu_ps(mask, term.a + i);
  if (term.a_centred) left = _mm256_sub_ps(left, _mm256_set1_ps(term.a_centre));
  if (!term.b) return left;
  __m256 right = _mm256_maskz_loadu_ps(mask, term.b + i);
  if (term.b_centred) right = _mm256_sub_ps(right, _mm256_set1_ps(term.b_centre));
  return _mm256_mul_ps(left, right);
}

// 8 floats to 8 doubles, exactly. Written masked: GCC 12's unmasked _mm512_cvtps_pd warns
// (-Wmaybe-uninitialized) inside its own header.
__m512d widen(__m256 values) { return _mm512_maskz_cvtps_pd(0xff, values); }
#endif

}  // namespace

void add_ranges_to_lanes(int ranges, int64_t first, int64_t stride, int64_t length, const CentredProduct& term,
                         double* lanes) {
#if defined(__AVX512F__) && !defined(GAN_DOUBLE_PRECISION)
  static_assert(kLanes == 8, "one register of 8 doubles holds the lanes");
  const int64_t whole = length / kLanes * kLanes;
  const __mmask8 all = 0xff, tail = static_cast<__mmask8>((1u << (length - whole)) - 1);
  __m512d partial = _mm512_loadu_pd(lanes);
  for (int r = 0; r < ranges; ++r) {
    const int64_t start = first + r * stride;
    for (int64_t j = 0; j < whole; j += kLanes) {
      partial = _mm512_add_pd(partial, widen(centred_products(term, start + j, all)));
    }
    // Only the lanes of the last terms add, as in add_to_lanes.
    if (tail) {
      partial = _mm512_mask_add_pd(partial, tail, partial, widen(centred_products(term, start + whole, tail)));
    }
  }
  _mm512_storeu_pd(lanes, partial);
#else
  for (int r = 0; r < ranges; ++r) {
    const int64_t start = first + r * stride;
    add_to_lanes(length, [&](int64_t j) { return term(start + j); }, lanes);
  }
#endif
}

void add_ranges_to_lanes_ref(int ranges, int64_t first, int64_t stride, int64_t length, const CentredProduct& term,
                             double* lanes) {
  for (int r = 0; r < ranges; ++r) {
    for (int64_t j = 0; j < length; ++j) lanes[j % kLanes] += term(first + r * stride + j);
  }
}

void for_each_chunk(int64_t count, int64_t grain, ChunkBody body, const void* context) {
  const int64_t chunks = chunk_count(count, grain);
  // Static schedule over a chunk list fixed by (count, grain): which thread runs a chunk changes
  // with the thread count, what the chunk computes does not. Small loops run the same chunks on
  // the calling thread: starting a team costs more than they take.
#pragma omp parallel for schedule(static) if (chunks >= kParallelMinChunks)
  for (int64_t chunk = 0; chunk < chunks; ++chunk) {
    body(context, chunk * grain, std::min(count, (chunk + 1) * grain));
  }
}

BroadcastView broadcast_view(const Shape& a, const Shape& b) {
  // Walk a's axes left to right, b aligned on the right, dropping axes of size 1 and merging
  // neighbours of the same kind (kept: b's size equals a's; repeated: b's size is 1) into groups.
  int64_t group_size[4];
  bool group_kept[4];
  int groups = 0;
  for (int axis = 0; axis < a.rank; ++axis) {
    if (a[axis] == 1) continue;
    int b_axis = axis - (a.rank - b.rank);
    bool kept = b_axis >= 0 && b[b_axis] != 1;
    if (groups > 0 && group_kept[groups - 1] == kept) {
      group_size[groups - 1] *= a[axis];
    } else {
      group_size[groups] = a[axis];
      group_kept[groups] = kept;
      ++groups;
    }
  }
  // Place the groups right-aligned in (K0, R1, K2, R3, K4): the last slot is kept, so a last
  // repeated group goes to R3 and K4 stays 1. The groups alternate, so each lands on its kind.
  int64_t slot[5] = {1, 1, 1, 1, 1};
  int position = 4;
  for (int g = groups - 1; g >= 0; --g) {
    if (group_kept[g] != (position % 2 == 0)) --position;  // a repeated group skips the K slot
    slot[position--] = group_size[g];
  }
  return BroadcastView{slot[0], slot[1], slot[2], slot[3], slot[4]};
}

namespace {
// One row of logsumexp_rows: the shift by the maximum makes the largest term exp(0) = 1, so the
// sum lies in [1, D] and neither overflows nor loses the row to underflow. The terms are our
// exp (math_functions.h), added in double in the order d = 0, 1, ...; the sum, rounded to Scalar,
// has a relative error of 2^-24 at most, which its log turns into an absolute one of the same size.
Scalar logsumexp_row(int D, const Scalar* x) {
  Scalar m = x[0];
  for (int d = 1; d < D; ++d) m = std::max(m, x[d]);
  double total = 0.0;
  for (int d = 0; d < D; ++d) total += exp(x[d] - m);
  return m + log(static_cast<Scalar>(total));
}
}  // namespace

void logsumexp_rows(int N, int D, const Scalar* x, Scalar* out) {
  for_each_chunk(N, grain_for(D), [&](int64_t begin, int64_t end) {
    for (int64_t n = begin; n < end; ++n) out[n] = logsumexp_row(D, x + n * D);
  });
}

void logsumexp_rows_ref(int N, int D, const Scalar* x, Scalar* out) {
  for (int n = 0; n < N; ++n) {
    Scalar m = x[int64_t{n} * D];
    for (int d = 1; d < D; ++d) m = std::max(m, x[int64_t{n} * D + d]);
    double total = 0.0;
    for (int d = 0; d < D; ++d) total += exp(x[int64_t{n} * D + d] - m);
    out[n] = m + log(static_cast<Scalar>(total));
  }
}

double channel_sum(int N, int C, int64_t P, int c, const Scalar* x) {
  const int64_t count = int64_t{N} * P;
  double total = 0.0;
  Scalar row[kChunkElements];  // one of sum's chunks of the row, gathered from its image blocks
  for (int64_t begin = 0; begin < count; begin += kChunkElements) {
    const int64_t end = std::min(count, begin + kChunkElements);
    for (int64_t j = begin; j < end;) {
      const int64_t n = j / P, p = j % P, run = std::min(end - j, P - p);
      const Scalar* block = x + (n * C + c) * P;
      std::copy(block + p, block + p + run, row + (j - begin));
      j += run;
    }
    double lanes[kLanes] = {};
    add_to_lanes(end - begin, [&row](int64_t t) { return row[t]; }, lanes);
    total += lanes_total(lanes);
  }
  return total;
}

}  // namespace gan::kernels
