// Element-wise kernels: the loops under every op of ops/arithmetic.h, math.h, activations.h,
// reductions.h, loss_ops.h and batch_norm.h. Five general kernels instead of one per op, and the
// lane sum that orders the long sums:
//
//   map               out[i] (op)= f(in[i]...)                  unary and binary ops, backwards
//   accumulate_map    dx[i] += term(in[i]...)                   backwards into fresh or used buffers
//   broadcast_map     out[i] (op)= f(b[j(i)], in[i]...)         ops whose b broadcasts to a
//   broadcast_reduce  db[j] += sum over i with j(i) = j of f(in[i]...)   the backward of broadcasting
//   sum               sum over i of f(in[i]...)                  losses, sum, mean
//   channel_sum       sum over one channel of (N, C, P)          a convolution's dL/db
//   add_to_lanes      lanes[j % kLanes] += f(j)                  the one order of every long sum
//   add_ranges_to_lanes  add_to_lanes range after range          batch norm's channel sums
//   logsumexp_rows    out[n] = log sum_d exp(x[n, d])            softmax, cross-entropy
//
// Lambdas. The op passes its formula as a lambda, so the math stays in the op and the loop here is
// inlined around it, where the compiler can vectorise it. The lambda gets `out[i]` by reference and
// either assigns it (a forward) or adds to it (a backward adding into a gradient buffer). Each chunk
// runs a local copy of the lambda: read through a reference, a captured Scalar (a slope, a scale)
// might be changed by any store to out[i], so it would be reloaded every step and the loop would
// not vectorise. (A select such as `x > 0 ? x : slope * x` vectorises only because the build
// passes -fno-trapping-math; see CMakeLists.txt.)
//
// Parallelism. Work is cut into fixed chunks of kChunkElements elements, whose boundaries depend on
// the sizes only; chunks run in parallel (OpenMP, in elementwise.cpp) only when there are at least
// kParallelMinChunks of them, since starting a team costs more than a small tensor saves. Chunks
// are small, so that a batch-64 activation of the MLP GAN (64 x 1024) still offers 64 of them to
// 16 cores; one chunk is still thousands of cycles of work, far more than handing it out. Each output
// element is written by one chunk and every sum is taken in an order fixed by the sizes, so the
// results are bit-identical for any thread count.
//
// Every kernel has a `_ref` twin: the same formula as a plain loop, which the tests compare with.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "gan/kernels/parallel.h"
#include "gan/tensor/scalar.h"
#include "gan/tensor/shape.h"

namespace gan::kernels {

constexpr int64_t kChunkElements = 1024;   // 4 KB of floats per chunk
constexpr int64_t kParallelMinChunks = 32;  // 32K elements: below that, one thread is faster

// Runs body(context, begin, end) on the chunks [c * grain, min(count, (c + 1) * grain)) of
// [0, count), in parallel when there are at least kParallelMinChunks of them, else one after
// another on the calling thread. Either way the split depends on (count, grain) only.
// The templates below call it; ops call the templates.
using ChunkBody = void (*)(const void* context, int64_t begin, int64_t end);
void for_each_chunk(int64_t count, int64_t grain, ChunkBody body, const void* context);

template <class Body>
void for_each_chunk(int64_t count, int64_t grain, const Body& body) {
  for_each_chunk(count, grain, [](const void* context, int64_t begin, int64_t end) {
    (*static_cast<const Body*>(context))(begin, end);
  }, &body);
}

// Items per chunk when each item (a row, a block) covers `elements` elements.
inline int64_t grain_for(int64_t elements) {
  return std::max<int64_t>(1, kChunkElements / std::max<int64_t>(1, elements));
}

// ---- Lane sums: the one order of every long sum here (and in batch_norm) ----
// add_to_lanes adds f(j) for j in [0, count) to kLanes interleaved double partial sums: term j goes
// to lane j % kLanes, and each lane adds its terms in increasing j. The kLanes sums are independent,
// so the compiler vectorises the loop without reordering any one of them, and the order depends on
// count alone, never on the vector width. Called once per range, it continues the same partial sums
// over several ranges (a channel's image blocks), each range starting again at lane 0;
// lanes_total then adds the lanes in the order 0, 1, ..., kLanes - 1.
//   double lanes[kLanes] = {};
//   for (int n = 0; n < N; ++n) add_to_lanes(P, [&](int64_t p) { return x[n * P + p]; }, lanes);
//   double total = lanes_total(lanes);
constexpr int kLanes = 8;

template <class F>
void add_to_lanes(int64_t count, const F& f, double* lanes) {
  // A local copy that every loop indexes by a lane known at compile time, so that the compiler
  // keeps it in registers: a tail loop with a running lane index kept `lanes` in memory.
  double partial[kLanes];
  std::copy_n(lanes, kLanes, partial);
  int64_t j = 0;
  for (; j + kLanes <= count; j += kLanes) {
    for (int l = 0; l < kLanes; ++l) partial[l] += f(j + l);
  }
  for (int l = 0; l < kLanes; ++l) {
    if (j + l < count) partial[l] += f(j + l);  // the last count % kLanes terms
  }
  std::copy_n(partial, kLanes, lanes);
}

template <class F>
void add_to_lanes_ref(int64_t count, const F& f, double* lanes) {
  for (int64_t j = 0; j < count; ++j) lanes[j % kLanes] += f(j);
}

inline double lanes_total(const double* lanes) {
  double total = 0.0;
  for (int l = 0; l < kLanes; ++l) total += lanes[l];
  return total;
}

// ---- Lane sums of centred products over evenly spaced ranges: batch norm's channel sums ----
// The term of value i: (a[i] - a_centre) * (b[i] - b_centre), evaluated in Scalar as that one
// expression and added in double. An operand that is not centred has nothing subtracted at all,
// and b = nullptr stands for the factor 1: values(x) gives the values themselves (a mean),
// deviations(x, x, mu) a squared deviation (a variance), times_deviation(dy, x, mu) batch norm's
// dy (x - mu).
struct CentredProduct {
  const Scalar* a;
  const Scalar* b = nullptr;
  bool a_centred = false, b_centred = false;
  Scalar a_centre = 0, b_centre = 0;

  static CentredProduct values(const Scalar* a) { return {a}; }
  static CentredProduct deviations(const Scalar* a, const Scalar* b, Scalar mu) { return {a, b, true, true, mu, mu}; }
  static CentredProduct times_deviation(const Scalar* a, const Scalar* b, Scalar mu) {
    return {a, b, false, true, 0, mu};
  }
  Scalar operator()(int64_t i) const {
    const Scalar left = a_centred ? a[i] - a_centre : a[i];
    if (!b) return left;
    return left * (b_centred ? b[i] - b_centre : b[i]);
  }
};

// add_to_lanes(length, term(first + r * stride + p)) for the ranges r = 0, 1, ..., ranges - 1 in
// turn: a channel's N image blocks of P values, each starting again at lane 0. The same sums in the
// same order; with AVX-512 the kLanes = 8 lanes are one register for all the ranges, and each
// range's last length % 8 terms one masked add, where the plain loop's scalar tail and the lanes'
// trip through memory for every range had cost more than the additions (batch norm's blocks are
// 49 values at DCGAN's 7 x 7).
void add_ranges_to_lanes(int ranges, int64_t first, int64_t stride, int64_t length, const CentredProduct& term,
                         double* lanes);
void add_ranges_to_lanes_ref(int ranges, int64_t first, int64_t stride, int64_t length, const CentredProduct& term,
                             double* lanes);

// ---- map: f(out[i], in[i]...) for i in [0, count) ----
//   map(n, y, [](Scalar& y, Scalar x) { y = x * x; }, x);          // y = x^2
//   map(n, dx, [](Scalar& dx, Scalar dy, Scalar x) { dx += 2 * x * dy; }, dy, x);
template <class F, class... Inputs>
void map(int64_t count, Scalar* out, const F& f, const Inputs*... in) {
  for_each_chunk(count, kChunkElements, [&](int64_t begin, int64_t end) {
    F op = f;  // a local copy, see "Lambdas" above
    for (int64_t i = begin; i < end; ++i) op(out[i], in[i]...);
  });
}

template <class F, class... Inputs>
void map_ref(int64_t count, Scalar* out, const F& f, const Inputs*... in) {
  for (int64_t i = 0; i < count; ++i) f(out[i], in[i]...);
}

// ---- accumulate_map: dx[i] += term(in[i]...), the backward of an element-wise op ----
// When `fresh` (autograd's gradient_target: a buffer made just now, holding no values), each
// element is written as 0 + term instead, the very sum it would get on a zero-filled buffer
// (+0 + -0 is +0 there too), so the buffer never needs its zeros.
//   accumulate_map(n, dx.data, dx.fresh, [](Scalar dy, Scalar x) { return x > 0 ? dy : 0; }, dy, x);
template <class Term, class... Inputs>
void accumulate_map(int64_t count, Scalar* dx, bool fresh, const Term& term, const Inputs*... in) {
  if (fresh) {
    map(count, dx, [term](Scalar& out, Inputs... v) { out = Scalar{0} + term(v...); }, in...);
  } else {
    map(count, dx, [term](Scalar& out, Inputs... v) { out += term(v...); }, in...);
  }
}

// ---- Broadcasting (docs/derivations/elementwise.md, D.2.2) ----
// An array a and an array b that broadcasts to it, seen as
//   a: (K0, R1, K2, R3, K4)     b: (K0, K2, K4)
// where b varies along the K ("kept") axes and is repeated along the R axes: element
// (k0, r1, k2, r3, k4) of a meets element (k0, k2, k4) of b. Any NumPy broadcast of rank <= 4
// collapses to this form; for example
//   a (N, D)       b (D)            -> (1, 1, 1, N, D)
//   a (N, C, H, W) b (1, C, 1, 1)   -> (1, N, C, H*W, 1)
//   a (N, D)       b (N, D)         -> (1, 1, 1, 1, N*D)
//   x (A, L, B) summed over L       -> (1, 1, A, L, B)   (reductions along an axis)
struct BroadcastView {
  int64_t K0 = 1, R1 = 1, K2 = 1, R3 = 1, K4 = 1;
};

// The view of a against b. requires: b broadcasts to a (aligned on the right, each size of b
// equal to a's or 1); the ops check this and report errors in their own names.
BroadcastView broadcast_view(const Shape& a, const Shape& b);

// f(out[i], b[j(i)], in[i]...) for every element i of a. out and in have a's shape; b has b's.
//   broadcast_map(v, y, b, [](Scalar& y, Scalar b, Scalar a) { y = a + b; }, a);
template <class F, class... Inputs>
void broadcast_map(const BroadcastView& v, Scalar* out, const Scalar* b, const F& f,
                   const Inputs*... in) {
  int64_t count = v.K0 * v.R1 * v.K2 * v.R3 * v.K4;
  // Walk each chunk in runs of consecutive elements that meet either a contiguous row of b
  // (K4 > 1) or a single entry of b (K4 == 1), so the inner loop is a plain vectorisable loop.
  for_each_chunk(count, kChunkElements, [&](int64_t begin, int64_t end) {
    F op = f;
    for (int64_t i = begin; i < end;) {
      if (v.K4 > 1) {
        int64_t row = i / v.K4;  // row index over (k0, r1, k2, r3)
        int64_t k0 = row / (v.R1 * v.K2 * v.R3), k2 = row / v.R3 % v.K2;
        int64_t shift = (k0 * v.K2 + k2) * v.K4 - row * v.K4;  // b index minus a index in this row
        int64_t stop = std::min(end, (row + 1) * v.K4);
        for (; i < stop; ++i) op(out[i], b[i + shift], in[i]...);
      } else {
        int64_t block = i / v.R3;  // block index over (k0, r1, k2)
        Scalar b_value = b[block / (v.R1 * v.K2) * v.K2 + block % v.K2];
        int64_t stop = std::min(end, (block + 1) * v.R3);
        for (; i < stop; ++i) op(out[i], b_value, in[i]...);
      }
    }
  });
}

template <class F, class... Inputs>
void broadcast_map_ref(const BroadcastView& v, Scalar* out, const Scalar* b, const F& f,
                       const Inputs*... in) {
  int64_t i = 0;
  for (int64_t k0 = 0; k0 < v.K0; ++k0)
    for (int64_t r1 = 0; r1 < v.R1; ++r1)
      for (int64_t k2 = 0; k2 < v.K2; ++k2)
        for (int64_t r3 = 0; r3 < v.R3; ++r3)
          for (int64_t k4 = 0; k4 < v.K4; ++k4, ++i) f(out[i], b[(k0 * v.K2 + k2) * v.K4 + k4], in[i]...);
}

// db[j] += sum over the elements i of a with j(i) = j of f(in[i]...): the sum over the broadcast
// axes R1 and R3. db has b's shape; in has a's. Each db[j] is summed by one chunk in the order
// (r1, r3), the same for any thread count.
//   broadcast_reduce(v, db, [](Scalar dy, Scalar a) { return dy * a; }, dy, a);
template <class F, class... Inputs>
void broadcast_reduce(const BroadcastView& v, Scalar* db, const F& f, const Inputs*... in) {
  if (v.K4 > 1) {
    // Each item owns one (k0, k2) and a block of up to kBlock columns k4; it adds the rows (r1, r3)
    // one after another into double sums, the inner loop running along k4.
    constexpr int64_t kBlock = 1024;
    int64_t blocks = (v.K4 + kBlock - 1) / kBlock;
    for_each_chunk(v.K0 * v.K2 * blocks, grain_for(v.R1 * v.R3 * std::min(v.K4, kBlock)),
                   [&](int64_t begin, int64_t end) {
      F op = f;
      for (int64_t item = begin; item < end; ++item) {
        int64_t k0 = item / (v.K2 * blocks), k2 = item / blocks % v.K2;
        int64_t first = item % blocks * kBlock, last = std::min(v.K4, first + kBlock);
        double total[kBlock];  // total[c] for column first + c
        std::fill_n(total, last - first, 0.0);
        for (int64_t r1 = 0; r1 < v.R1; ++r1) {
          for (int64_t r3 = 0; r3 < v.R3; ++r3) {
            int64_t start = (((k0 * v.R1 + r1) * v.K2 + k2) * v.R3 + r3) * v.K4 + first;  // a's index
            for (int64_t c = 0; c < last - first; ++c) total[c] += op(in[start + c]...);
          }
        }
        Scalar* db_row = db + (k0 * v.K2 + k2) * v.K4 + first;
        for (int64_t c = 0; c < last - first; ++c) db_row[c] += static_cast<Scalar>(total[c]);
      }
    });
  } else {
    // Each item owns one entry db[k0, k2]; it lane-sums R1 contiguous blocks of R3 elements.
    for_each_chunk(v.K0 * v.K2, grain_for(v.R1 * v.R3), [&](int64_t begin, int64_t end) {
      F op = f;
      for (int64_t j = begin; j < end; ++j) {
        int64_t k0 = j / v.K2, k2 = j % v.K2;
        double lanes[kLanes] = {};
        for (int64_t r1 = 0; r1 < v.R1; ++r1) {
          const int64_t start = ((k0 * v.R1 + r1) * v.K2 + k2) * v.R3;
          add_to_lanes(v.R3, [&](int64_t r3) { return op(in[start + r3]...); }, lanes);
        }
        db[j] += static_cast<Scalar>(lanes_total(lanes));
      }
    });
  }
}

template <class F, class... Inputs>
void broadcast_reduce_ref(const BroadcastView& v, Scalar* db, const F& f, const Inputs*... in) {
  int64_t i = 0;
  for (int64_t k0 = 0; k0 < v.K0; ++k0)
    for (int64_t r1 = 0; r1 < v.R1; ++r1)
      for (int64_t k2 = 0; k2 < v.K2; ++k2)
        for (int64_t r3 = 0; r3 < v.R3; ++r3)
          for (int64_t k4 = 0; k4 < v.K4; ++k4, ++i) db[(k0 * v.K2 + k2) * v.K4 + k4] += f(in[i]...);
}

// ---- sum: sum over i in [0, count) of f(in[i]...), accumulated in double ----
// Each chunk is lane-summed, then the chunks are added in their fixed order.
//   double total = sum(n, [](Scalar a, Scalar b) { return (a - b) * (a - b); }, a, b);
template <class F, class... Inputs>
double sum(int64_t count, const F& f, const Inputs*... in) {
  std::vector<double> chunk_total((count + kChunkElements - 1) / kChunkElements);
  for_each_chunk(count, kChunkElements, [&](int64_t begin, int64_t end) {
    F op = f;
    double lanes[kLanes] = {};
    add_to_lanes(end - begin, [&](int64_t j) { return op(in[begin + j]...); }, lanes);
    chunk_total[begin / kChunkElements] = lanes_total(lanes);
  });
  double total = 0.0;
  for (double partial : chunk_total) total += partial;
  return total;
}

// sum(N * P, identity) over channel c of an (N, C, P) tensor x, its N blocks of P values taken as
// if they lay end to end (the channel's row of the channel-major matrix that a convolution's
// products read, gemm.h's ChannelMajor): the bits of sum over that row written out, without
// writing it out whole: each of sum's chunks of kChunkElements values is gathered from its image
// blocks into a small array (4 KB, in L1) and lane-summed as sum would, so value j of the row goes
// to lane j % kLanes of its chunk. Serial: callers run their channels in parallel.
double channel_sum(int N, int C, int64_t P, int c, const Scalar* x);

template <class F, class... Inputs>
double sum_ref(int64_t count, const F& f, const Inputs*... in) {
  double total = 0.0;
  for (int64_t i = 0; i < count; ++i) total += f(in[i]...);
  return total;
}

// ---- logsumexp_rows: out[n] = m_n + log sum_d exp(x[n, d] - m_n), m_n = max_d x[n, d] ----
// x: (N, D), out: (N); requires D >= 1. Subtracting the row's maximum keeps every exp in (0, 1]
// (D.4.6).
void logsumexp_rows(int N, int D, const Scalar* x, Scalar* out);
void logsumexp_rows_ref(int N, int D, const Scalar* x, Scalar* out);

}  // namespace gan::kernels
