#include "gan/ops/batch_norm.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "gan/kernels/elementwise.h"

namespace gan {

namespace {

using Term = kernels::CentredProduct;  // what channel_sums adds: values, or products of deviations

// x seen as (N, C, P): P = H*W for images, 1 for feature vectors. Element (n, c, p) is at
// (n*C + c)*P + p, so channel c is N blocks of P contiguous values.
struct ChannelLayout {
  int N, C;
  int64_t P;
  int64_t m() const { return int64_t{N} * P; }  // values per channel
  int64_t block(int n, int c) const { return (int64_t{n} * C + c) * P; }
};

// For each channel c in [c0, c1): sums[c - c0] = the sum of term(c)(i) over the indices i of its m
// values, in one order fixed by the sizes: images n ascending, each image's block of P values
// lane-summed (kernels::add_ranges_to_lanes, add_to_lanes block after block). term(c) is channel
// c's kernels::CentredProduct: its values, or products of deviations from its mean.
//
// Feature vectors (P = 1) take another path to the same bits. There a channel is a column of the
// (N, D) matrix, and a block has one value, which add_to_lanes puts in lane 0, so each channel's sum
// is the plain sum over n in increasing order (lanes_total then adds seven +0s, which change
// nothing: a sum that starts at +0 never becomes -0). Adding row after row, along the contiguous
// channels, makes the same sums with the same rounding, but as (c1 - c0) independent chains that
// vectorise, instead of one chain per column that strides through memory.
template <class TermOf>
void channel_sums(const ChannelLayout& v, int c0, int c1, const TermOf& term, double* sums) {
  if (v.P == 1) {
    for (int c = c0; c < c1; ++c) sums[c - c0] = 0.0;
    for (int n = 0; n < v.N; ++n) {
      for (int c = c0; c < c1; ++c) sums[c - c0] += term(c)(v.block(n, c));
    }
    return;
  }
  for (int c = c0; c < c1; ++c) {
    double lanes[kernels::kLanes] = {};
    const int64_t image_stride = int64_t{v.C} * v.P;  // from a channel's block in image n to n + 1
    kernels::add_ranges_to_lanes(v.N, v.block(0, c), image_stride, v.P, term(c), lanes);
    sums[c - c0] = kernels::lanes_total(lanes);
  }
}

// f(i, c) for the index i of each value of the channels c in [c0, c1). Each value is visited once;
// row after row for feature vectors, as in channel_sums.
template <class F>
void for_channels(const ChannelLayout& v, int c0, int c1, const F& f) {
  if (v.P == 1) {
    for (int n = 0; n < v.N; ++n) {
      for (int c = c0; c < c1; ++c) f(v.block(n, c), c);
    }
    return;
  }
  for (int c = c0; c < c1; ++c) {
    for (int n = 0; n < v.N; ++n) {
      for (int64_t i = v.block(n, c), last = i + v.P; i < last; ++i) f(i, c);
    }
  }
}

// body(c0, c1) on chunks of channels, in parallel. A channel belongs to one chunk, so each of its
// sums has one order for any thread count; a chunk holds about kernels::kChunkElements values, so
// a channel's data stays in cache between the passes that body makes over it.
template <class Body>
void for_each_channel_chunk(const ChannelLayout& v, const Body& body) {
  kernels::for_each_chunk(v.C, kernels::grain_for(v.m()), [&](int64_t begin, int64_t end) {
    body(static_cast<int>(begin), static_cast<int>(end));
  });
}

ChannelLayout checked_layout(const Variable& x, const Variable& gamma, const Variable& beta,
                             const BatchNormStatistics& running, bool training) {
  const Shape& xs = x.shape();
  if (xs.rank != 2 && xs.rank != 4) {
    throw std::invalid_argument("batch_norm: input must be (N, D) or (N, C, H, W), got " + xs.str());
  }
  const int C = xs[1];
  require_shape("batch_norm", "gamma", gamma.shape(), Shape{C});
  require_shape("batch_norm", "beta", beta.shape(), Shape{C});
  require_shape("batch_norm", "running.mean", running.mean.shape, Shape{C});
  require_shape("batch_norm", "running.variance", running.variance.shape, Shape{C});
  ChannelLayout v{xs[0], C, xs.rank == 4 ? int64_t{xs[2]} * xs[3] : 1};
  if (training && v.m() < 2) {
    throw std::invalid_argument("batch_norm: training needs at least 2 values per channel for a variance, got " +
                                std::to_string(v.m()) + " from input " + xs.str());
  }
  return v;
}

}  // namespace

Variable batch_norm(const Variable& x, const Variable& gamma, const Variable& beta, BatchNormStatistics& running,
                    bool training, float momentum, float eps) {
  const ChannelLayout v = checked_layout(x, gamma, beta, running, training);
  const Scalar* xv = x.value().ptr();
  const Scalar* g = gamma.value().ptr();
  const Scalar* bt = beta.value().ptr();
  // mu_c and 1 / sqrt(var_c + eps), the two numbers per channel that the backward needs.
  std::vector<Scalar> mean(v.C), inv_std(v.C), batch_variance(training ? v.C : 0);
  std::vector<double> sums(training ? v.C : 0);  // each channel's sum, of x then of (x - mu)^2
  Tensor y = Tensor::uninitialized(x.shape());  // every element written by (D.10.1) below
  Scalar* yv = y.ptr();
  for_each_channel_chunk(v, [&](int c0, int c1) {
    if (training) {  // two passes, mean then variance: no cancellation from E[x^2] - E[x]^2
      channel_sums(v, c0, c1, [&](int) { return Term::values(xv); }, sums.data() + c0);
      for (int c = c0; c < c1; ++c) mean[c] = static_cast<Scalar>(sums[c] / v.m());
      // (x - mu)^2
      channel_sums(v, c0, c1, [&](int c) { return Term::deviations(xv, xv, mean[c]); }, sums.data() + c0);
      for (int c = c0; c < c1; ++c) {
        const double var = sums[c] / v.m();
        batch_variance[c] = static_cast<Scalar>(var);
        inv_std[c] = static_cast<Scalar>(1.0 / std::sqrt(var + eps));
      }
    } else {
      for (int c = c0; c < c1; ++c) {
        mean[c] = running.mean.data[c];
        inv_std[c] = static_cast<Scalar>(1.0 / std::sqrt(static_cast<double>(running.variance.data[c]) + eps));
      }
    }
    for_channels(v, c0, c1, [&](int64_t i, int c) { yv[i] = g[c] * ((xv[i] - mean[c]) * inv_std[c]) + bt[c]; });  // (D.10.1)
  });
  if (training) {
    const double unbiased = static_cast<double>(v.m()) / (v.m() - 1);
    for (int c = 0; c < v.C; ++c) {
      running.mean.data[c] = (1.0f - momentum) * running.mean.data[c] + momentum * mean[c];
      running.variance.data[c] = (1.0f - momentum) * running.variance.data[c] +
                                 momentum * static_cast<Scalar>(batch_variance[c] * unbiased);
    }
  }

  return make_result(std::move(y), {x, gamma, beta}, "batch_norm",
                     [x = x.node(), gamma = gamma.node(), beta = beta.node(), v, training,
                      mean = std::move(mean), inv_std = std::move(inv_std)](const Tensor& dy) {
    // BEGIN TASK 2.3: batch-norm backward
    const Scalar* xv = x->value.ptr();
    const Scalar* dyv = dy.ptr();
    const Scalar* g = gamma->value.ptr();
    const GradientTarget dx = x->requires_grad ? gradient_target(*x) : GradientTarget{nullptr, false};
    Scalar* dgamma = gamma->requires_grad ? grad_buffer(*gamma).ptr() : nullptr;
    Scalar* dbeta = beta->requires_grad ? grad_buffer(*beta).ptr() : nullptr;
    const bool need_sums = training ? dx.data != nullptr || dgamma || dbeta : dgamma || dbeta;
    // Per channel: dL/dbeta = sum of dy, dL/dgamma = sum of dy x_hat, and from them the two means
    // in (D.10.3). x - mu = sigma x_hat, so the second sum is taken over dy (x - mu), times 1/sigma.
    std::vector<double> sum_dy(v.C), sum_dy_xhat(v.C);
    std::vector<Scalar> mean_dy(v.C), mean_dy_xhat(v.C);
    for_each_channel_chunk(v, [&](int c0, int c1) {
      if (need_sums) {
        channel_sums(v, c0, c1, [&](int) { return Term::values(dyv); }, sum_dy.data() + c0);
        channel_sums(v, c0, c1, [&](int c) { return Term::times_deviation(dyv, xv, mean[c]); },
                     sum_dy_xhat.data() + c0);
      }
      for (int c = c0; c < c1; ++c) {
        sum_dy_xhat[c] *= inv_std[c];
        if (dbeta) dbeta[c] += static_cast<Scalar>(sum_dy[c]);
        if (dgamma) dgamma[c] += static_cast<Scalar>(sum_dy_xhat[c]);
        mean_dy[c] = static_cast<Scalar>(sum_dy[c] / v.m());
        mean_dy_xhat[c] = static_cast<Scalar>(sum_dy_xhat[c] / v.m());
      }
      if (!dx.data) return;
      // dx += term(i, c); into a fresh gradient 0 + term, the sum a zero-filled one would get, so
      // it needs no pass of zeros first (as kernels::accumulate_map)
      auto add_to_dx = [&](const auto& term) {
        if (dx.fresh) {
          for_channels(v, c0, c1, [&](int64_t i, int c) { dx.data[i] = Scalar{0} + term(i, c); });
        } else {
          for_channels(v, c0, c1, [&](int64_t i, int c) { dx.data[i] += term(i, c); });
        }
      };
      if (training) {  // (D.10.3), as gamma / sigma (dy - mean of dy - x_hat mean of dy x_hat)
        add_to_dx([&](int64_t i, int c) {
          const Scalar x_hat = (xv[i] - mean[c]) * inv_std[c];
          return g[c] * inv_std[c] * (dyv[i] - mean_dy[c] - x_hat * mean_dy_xhat[c]);
        });
      } else {  // (D.10.4)
        add_to_dx([&](int64_t i, int c) { return g[c] * inv_std[c] * dyv[i]; });
      }
    });
    // END TASK 2.3
  });
}

}  // namespace gan
