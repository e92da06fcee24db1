#include "gan/ops/batch_norm.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "gan/kernels/elementwise.h"

namespace gan {

namespace {

// x seen as (N, C, P): P = H*W for images, 1 for feature vectors. Element (n, c, p) is at
// (n*C + c)*P + p, so channel c is N blocks of P contiguous values.
struct ChannelLayout {
  int N, C;
  int64_t P;
  int64_t m() const { return int64_t{N} * P; }  // values per channel
  int64_t block(int n, int c) const { return (int64_t{n} * C + c) * P; }
};

// The sum over channel c's m values of f(i), i the value's index in x, in one order fixed by the
// sizes: images n ascending, each image's block of P values lane-summed (kernels::add_to_lanes).
template <class F>
double channel_sum(const ChannelLayout& v, int c, const F& f) {
  double lanes[kernels::kLanes] = {};
  for (int n = 0; n < v.N; ++n) {
    const int64_t block = v.block(n, c);
    kernels::add_to_lanes(v.P, [&](int64_t p) { return f(block + p); }, lanes);
  }
  return kernels::lanes_total(lanes);
}

// f(i) for the index i of each of channel c's m values.
template <class F>
void for_channel(const ChannelLayout& v, int c, const F& f) {
  for (int n = 0; n < v.N; ++n) {
    for (int64_t i = v.block(n, c), last = i + v.P; i < last; ++i) f(i);
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
  Tensor y = Tensor::uninitialized(x.shape());  // every element written by (D.10.1) below
  Scalar* yv = y.ptr();
  for_each_channel_chunk(v, [&](int c0, int c1) {
    for (int c = c0; c < c1; ++c) {
      if (training) {  // two passes, mean then variance: no cancellation from E[x^2] - E[x]^2
        mean[c] = static_cast<Scalar>(channel_sum(v, c, [&](int64_t i) { return xv[i]; }) / v.m());
        const double var = channel_sum(v, c, [&](int64_t i) { return (xv[i] - mean[c]) * (xv[i] - mean[c]); }) / v.m();
        batch_variance[c] = static_cast<Scalar>(var);
        inv_std[c] = static_cast<Scalar>(1.0 / std::sqrt(var + eps));
      } else {
        mean[c] = running.mean.data[c];
        inv_std[c] = static_cast<Scalar>(1.0 / std::sqrt(static_cast<double>(running.variance.data[c]) + eps));
      }
      for_channel(v, c, [&](int64_t i) { yv[i] = g[c] * ((xv[i] - mean[c]) * inv_std[c]) + bt[c]; });  // (D.10.1)
    }
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
    Scalar* dx = x->requires_grad ? grad_buffer(*x).ptr() : nullptr;
    Scalar* dgamma = gamma->requires_grad ? grad_buffer(*gamma).ptr() : nullptr;
    Scalar* dbeta = beta->requires_grad ? grad_buffer(*beta).ptr() : nullptr;
    const bool need_sums = training ? dx != nullptr || dgamma || dbeta : dgamma || dbeta;
    for_each_channel_chunk(v, [&](int c0, int c1) {
      for (int c = c0; c < c1; ++c) {
        // Per channel: dL/dbeta, dL/dgamma, and the two coefficients of (D.10.3). xc = x - mu = sigma x_hat.
        double sum_dy = 0.0, sum_dy_xhat = 0.0;
        if (need_sums) {
          sum_dy = channel_sum(v, c, [&](int64_t i) { return dyv[i]; });
          sum_dy_xhat = inv_std[c] * channel_sum(v, c, [&](int64_t i) { return dyv[i] * (xv[i] - mean[c]); });
        }
        if (dbeta) dbeta[c] += static_cast<Scalar>(sum_dy);
        if (dgamma) dgamma[c] += static_cast<Scalar>(sum_dy_xhat);
        if (!dx) continue;
        if (training) {  // (D.10.3), as gamma / sigma (dy - mean of dy - x_hat mean of dy x_hat)
          const Scalar mean_dy = static_cast<Scalar>(sum_dy / v.m());
          const Scalar mean_dy_xhat = static_cast<Scalar>(sum_dy_xhat / v.m());
          for_channel(v, c, [&](int64_t i) {
            const Scalar x_hat = (xv[i] - mean[c]) * inv_std[c];
            dx[i] += g[c] * inv_std[c] * (dyv[i] - mean_dy - x_hat * mean_dy_xhat);
          });
        } else {  // (D.10.4)
          for_channel(v, c, [&](int64_t i) { dx[i] += g[c] * inv_std[c] * dyv[i]; });
        }
      }
    });
    // END TASK 2.3
  });
}

}  // namespace gan
