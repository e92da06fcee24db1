#include "gan/ops/conv2d.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "gan/kernels/elementwise.h"
#include "gan/kernels/gemm.h"
#include "gan/kernels/im2col.h"
#include "gan/tensor/cache_line_allocator.h"

namespace gan {

namespace {

// The geometry of conv2d(x, weight, b, stride, padding), after checking every argument against it.
kernels::ConvGeometry checked_geometry(const Variable& x, const Variable& weight, const Variable& b,
                                       int stride, int padding) {
  require_rank("conv2d", "input", x.shape(), 4, "(N, C, H, W)");
  require_rank("conv2d", "weight", weight.shape(), 4, "(C_out, C_in, K, K)");
  const Shape& xs = x.shape();
  const Shape& ws = weight.shape();
  if (ws[2] != ws[3]) {
    throw std::invalid_argument("conv2d: weight must be (C_out, C_in, K, K) with a square K x K kernel, got " +
                                ws.str());
  }
  if (xs[1] != ws[1]) {
    throw std::invalid_argument("conv2d: input must be (N, C, H, W) with C=" + std::to_string(ws[1]) + ", got " +
                                xs.str());
  }
  if (b.defined()) require_shape("conv2d", "b", b.shape(), Shape{ws[0]});
  if (stride < 1) throw std::invalid_argument("conv2d: stride must be >= 1, got " + std::to_string(stride));
  if (padding < 0) throw std::invalid_argument("conv2d: padding must be >= 0, got " + std::to_string(padding));
  const int K = ws[2];
  if (K > xs[2] + 2 * padding || K > xs[3] + 2 * padding) {
    throw std::invalid_argument("conv2d: kernel K=" + std::to_string(K) + " must fit the padded input, got input " +
                                xs.str() + " with padding " + std::to_string(padding));
  }
  return {xs[0], xs[1], xs[2], xs[3], K, stride, padding};
}

}  // namespace

Variable conv2d(const Variable& x, const Variable& weight, const Variable& b, int stride, int padding) {
  const kernels::ConvGeometry g = checked_geometry(x, weight, b, stride, padding);
  const int N = g.N, C_out = weight.shape()[0], H_out = g.H_out(), W_out = g.W_out();
  const int64_t P = int64_t{H_out} * W_out;  // output pixels per plane
  const int rows = static_cast<int>(g.rows());        // C_in*K*K
  const int columns = static_cast<int>(g.columns());  // N*H_out*W_out

  // cols = im2col(x) (D.8.1), read in place by the product rather than written out
  auto patches = std::make_shared<const kernels::Patches>(g, x.value().ptr());
  // The product (D.8.2) taken transposed, y^T = cols^T weight^T: pixel-major, (N*H_out*W_out,
  // C_out), each row starting at the bias vector (the product's row_start: no pass that fills y^T
  // with it first). The same sums as weight cols, and the patch matrix is read where it lies as
  // the product's left operand (gemm_patches_left).
  CacheLineArray<Scalar> y_t = uninitialized_array<Scalar>(int64_t{columns} * C_out);
  kernels::gemm_patches_left(true, true, columns, C_out, rows, 1.0f, *patches, weight.value().ptr(), 0.0f, y_t.get(),
                             b.defined() ? b.value().ptr() : nullptr);
  Tensor y = Tensor::uninitialized({N, C_out, H_out, W_out});  // every element copied in below
  kernels::transpose_planes(N, static_cast<int>(P), C_out, y_t.get(), y.ptr(), false);
  y_t.reset();

  // cols is needed again only for dL/dweight; keep it (the padded copy of x) only when that will
  // be asked for. With padding 0 it points into x's value, which the node x below keeps alive.
  std::shared_ptr<const kernels::Patches> saved_patches;
  if (grad_enabled() && weight.requires_grad()) saved_patches = std::move(patches);
  std::vector<Variable> inputs = {x, weight};
  if (b.defined()) inputs.push_back(b);
  return make_result(std::move(y), inputs, "conv2d",
                     [x = x.node(), weight = weight.node(), b = b.node(), g, C_out, P, rows, columns,
                      patches = std::move(saved_patches)](const Tensor& dy) {
    // BEGIN TASK 2.2: conv2d backward
    // dL/dy as the channel-major (C_out, N*H_out*W_out) matrix of (D.8.2), read where it lies
    const kernels::ChannelMajor dy_cm{dy.ptr(), g.N, C_out, P};
    if (b && b->requires_grad) {  // (D.8.6): one row of dy_cm per channel, summed in a fixed order
      Scalar* db = grad_buffer(*b).ptr();
      kernels::for_each_chunk(C_out, kernels::grain_for(columns), [&](int64_t o0, int64_t o1) {  // rows in parallel
        for (int64_t o = o0; o < o1; ++o) {
          db[o] += static_cast<Scalar>(kernels::channel_sum(g.N, C_out, P, static_cast<int>(o), dy.ptr()));
        }
      });
    }
    if (weight->requires_grad) {  // (D.8.4): (C_out, N*H_out*W_out) (N*H_out*W_out, C_in*K*K)
      const GradientTarget dweight = gradient_target(*weight);
      kernels::gemm_patches(false, true, C_out, rows, columns, 1.0f, dy_cm, *patches, dweight.beta(), dweight.data);
    }
    if (x->requires_grad) {  // (D.8.5): (C_in*K*K, C_out) (C_out, N*H_out*W_out), then col2im
      CacheLineArray<Scalar> dcols = uninitialized_array<Scalar>(int64_t{rows} * columns);
      kernels::gemm(true, false, rows, columns, C_out, 1.0f, weight->value.ptr(), dy_cm, 0.0f, dcols.get());
      // into a fresh gradient, each plane started at 0 by col2im itself: no pass of zeros first
      const GradientTarget dx = gradient_target(*x);
      const std::vector<Scalar> zeros(dx.fresh ? g.C : 0, 0.0f);
      kernels::col2im(g, dcols.get(), dx.data, dx.fresh ? zeros.data() : nullptr);
    }
    // END TASK 2.2
  });
}

}  // namespace gan
