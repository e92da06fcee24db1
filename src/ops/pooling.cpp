#include "gan/ops/pooling.h"

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "gan/kernels/elementwise.h"

namespace gan {

namespace {

// A K x K window swept with a stride over the N*C planes of an (N, C, H, W) batch.
struct PoolGeometry {
  int planes, H, W, K, stride, H_out, W_out;
  int64_t in_plane() const { return int64_t{H} * W; }
  int64_t out_plane() const { return int64_t{H_out} * W_out; }
};

PoolGeometry checked_geometry(const char* op, const Variable& x, int kernel, int stride) {
  require_rank(op, "input", x.shape(), 4, "(N, C, H, W)");
  const Shape& xs = x.shape();
  if (kernel < 1 || stride < 1) {
    throw std::invalid_argument(std::string(op) + ": kernel and stride must be >= 1, got kernel " +
                                std::to_string(kernel) + ", stride " + std::to_string(stride));
  }
  if (kernel > xs[2] || kernel > xs[3]) {
    throw std::invalid_argument(std::string(op) + ": kernel K=" + std::to_string(kernel) +
                                " must fit the input (N, C, H, W), got " + xs.str());
  }
  return {xs[0] * xs[1], xs[2], xs[3], kernel, stride, (xs[2] - kernel) / stride + 1, (xs[3] - kernel) / stride + 1};
}

// body(plane) for each of the N*C planes, in parallel: a plane's outputs are written by one thread.
template <class Body>
void for_each_plane(const PoolGeometry& g, const Body& body) {
  kernels::for_each_chunk(g.planes, kernels::grain_for(g.in_plane()), [&](int64_t begin, int64_t end) {
    for (int64_t plane = begin; plane < end; ++plane) body(plane);
  });
}

}  // namespace

Variable max_pool2d(const Variable& x, int kernel, int stride) {
  const PoolGeometry g = checked_geometry("max_pool2d", x, kernel, stride);
  const Shape& xs = x.shape();
  Tensor y({xs[0], xs[1], g.H_out, g.W_out});
  // For each output, the offset of its window's maximum inside its plane of x.
  std::vector<int32_t> argmax(y.numel());
  const Scalar* xv = x.value().ptr();
  for_each_plane(g, [&](int64_t plane) {
    const Scalar* x_plane = xv + plane * g.in_plane();
    for (int i = 0; i < g.H_out; ++i) {
      for (int j = 0; j < g.W_out; ++j) {
        int32_t best = i * g.stride * g.W + j * g.stride;
        for (int u = 0; u < g.K; ++u) {
          for (int v = 0; v < g.K; ++v) {
            int32_t at = (i * g.stride + u) * g.W + j * g.stride + v;
            if (x_plane[at] > x_plane[best]) best = at;  // strict: the first maximum wins ties
          }
        }
        int64_t out = plane * g.out_plane() + int64_t{i} * g.W_out + j;
        y.data[out] = x_plane[best];
        argmax[out] = best;
      }
    }
  });
  return make_result(std::move(y), {x}, "max_pool2d", [x = x.node(), g, argmax = std::move(argmax)](const Tensor& dy) {
    Scalar* dx = grad_buffer(*x).ptr();
    for_each_plane(g, [&](int64_t plane) {  // (D.11.1)
      Scalar* dx_plane = dx + plane * g.in_plane();
      for (int64_t out = plane * g.out_plane(); out < (plane + 1) * g.out_plane(); ++out) {
        dx_plane[argmax[out]] += dy.data[out];
      }
    });
  });
}

Variable avg_pool2d(const Variable& x, int kernel, int stride) {
  const PoolGeometry g = checked_geometry("avg_pool2d", x, kernel, stride);
  const Shape& xs = x.shape();
  Tensor y({xs[0], xs[1], g.H_out, g.W_out});
  const Scalar scale = 1.0f / static_cast<Scalar>(g.K * g.K);
  const Scalar* xv = x.value().ptr();
  for_each_plane(g, [&](int64_t plane) {
    const Scalar* x_plane = xv + plane * g.in_plane();
    for (int i = 0; i < g.H_out; ++i) {
      for (int j = 0; j < g.W_out; ++j) {
        Scalar sum = 0.0f;
        for (int u = 0; u < g.K; ++u) {
          for (int v = 0; v < g.K; ++v) sum += x_plane[(i * g.stride + u) * g.W + j * g.stride + v];
        }
        y.data[plane * g.out_plane() + int64_t{i} * g.W_out + j] = sum * scale;
      }
    }
  });
  return make_result(std::move(y), {x}, "avg_pool2d", [x = x.node(), g, scale](const Tensor& dy) {
    Scalar* dx = grad_buffer(*x).ptr();
    for_each_plane(g, [&](int64_t plane) {  // (D.11.2)
      Scalar* dx_plane = dx + plane * g.in_plane();
      const Scalar* dy_plane = dy.ptr() + plane * g.out_plane();
      for (int i = 0; i < g.H_out; ++i) {
        for (int j = 0; j < g.W_out; ++j) {
          const Scalar share = dy_plane[i * g.W_out + j] * scale;
          for (int u = 0; u < g.K; ++u) {
            for (int v = 0; v < g.K; ++v) dx_plane[(i * g.stride + u) * g.W + j * g.stride + v] += share;
          }
        }
      }
    });
  });
}

}  // namespace gan
