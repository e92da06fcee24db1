#include "gan/ops/conv_transpose2d.h"

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

// The geometry of the convolution that maps the OUTPUT (N, C_out, H_out, W_out) back to x's H x W
// window positions (D.9.2), after checking every argument.
kernels::ConvGeometry checked_geometry(const Variable& x, const Variable& weight, const Variable& b, int stride,
                                       int padding, int output_padding) {
  require_rank("conv_transpose2d", "input", x.shape(), 4, "(N, C, H, W)");
  require_rank("conv_transpose2d", "weight", weight.shape(), 4, "(C_in, C_out, K, K)");
  const Shape& xs = x.shape();
  const Shape& ws = weight.shape();
  if (ws[2] != ws[3]) {
    throw std::invalid_argument(
        "conv_transpose2d: weight must be (C_in, C_out, K, K) with a square K x K kernel, got " + ws.str());
  }
  if (xs[1] != ws[0]) {
    throw std::invalid_argument("conv_transpose2d: input must be (N, C, H, W) with C=" + std::to_string(ws[0]) + ", got " +
                                xs.str());
  }
  if (b.defined()) require_shape("conv_transpose2d", "b", b.shape(), Shape{ws[1]});
  if (stride < 1) {
    throw std::invalid_argument("conv_transpose2d: stride must be >= 1, got " + std::to_string(stride));
  }
  if (padding < 0) {
    throw std::invalid_argument("conv_transpose2d: padding must be >= 0, got " + std::to_string(padding));
  }
  if (output_padding < 0 || output_padding >= stride) {
    throw std::invalid_argument("conv_transpose2d: output_padding must be in [0, stride) = [0, " +
                                std::to_string(stride) + "), got " + std::to_string(output_padding));
  }
  const int K = ws[2];
  const int H_out = (xs[2] - 1) * stride - 2 * padding + K + output_padding;
  const int W_out = (xs[3] - 1) * stride - 2 * padding + K + output_padding;
  if (H_out < 1 || W_out < 1) {
    throw std::invalid_argument("conv_transpose2d: output must be at least 1 x 1, got " + std::to_string(H_out) +
                                " x " + std::to_string(W_out) + " for input " + xs.str() + ", K=" +
                                std::to_string(K) + ", stride " + std::to_string(stride) + ", padding " +
                                std::to_string(padding));
  }
  // With output_padding < stride, this convolution has exactly H x W window positions (D.9.2).
  return {xs[0], ws[1], H_out, W_out, K, stride, padding};
}

}  // namespace

Variable conv_transpose2d(const Variable& x, const Variable& weight, const Variable& b, int stride, int padding,
                          int output_padding) {
  const kernels::ConvGeometry g = checked_geometry(x, weight, b, stride, padding, output_padding);
  const int N = g.N, C_in = x.shape()[1], C_out = g.C;
  const int64_t P_in = int64_t{x.shape()[2]} * x.shape()[3];  // pixels per input plane
  const int rows = static_cast<int>(g.rows());                 // C_out*K*K
  const int columns = static_cast<int>(g.columns());           // N*H*W

  // cols = weight^T x: (C_out*K*K, N*H*W), with x read where it lies as the channel-major
  // (C_in, N*H*W) matrix.
  CacheLineArray<Scalar> cols = uninitialized_array<Scalar>(int64_t{rows} * columns);
  kernels::gemm(true, false, rows, columns, C_in, 1.0f, weight.value().ptr(),
                kernels::ChannelMajor{x.value().ptr(), N, C_in, P_in}, 0.0f, cols.get());
  // y = b + col2im(cols) (D.9.2): col2im starts each (n, o) plane at its bias (or 0) as it comes to it.
  Tensor y = Tensor::uninitialized({N, C_out, g.H, g.W});
  const std::vector<Scalar> no_bias(b.defined() ? 0 : C_out, 0.0f);
  kernels::col2im(g, cols.get(), y.ptr(), b.defined() ? b.value().ptr() : no_bias.data());
  cols.reset();

  std::vector<Variable> inputs = {x, weight};
  if (b.defined()) inputs.push_back(b);
  return make_result(std::move(y), inputs, "conv_transpose2d",
                     [x = x.node(), weight = weight.node(), b = b.node(), g, C_in, P_in, rows,
                      columns](const Tensor& dy) {
    if (b && b->requires_grad) {  // (D.9.3): each (n, o) plane summed in a fixed order
      // The planes' sums in parallel, then added into dL/db plane after plane, n ascending: the
      // same order for any thread count.
      const int64_t P_out = int64_t{g.H} * g.W, planes = int64_t{g.N} * g.C;
      std::vector<double> plane_sums(planes);
      kernels::for_each_chunk(planes, kernels::grain_for(P_out), [&](int64_t p0, int64_t p1) {
        for (int64_t plane = p0; plane < p1; ++plane) {
          plane_sums[plane] = kernels::sum(P_out, [](Scalar v) { return v; }, dy.ptr() + plane * P_out);
        }
      });
      Scalar* db = grad_buffer(*b).ptr();
      for (int64_t plane = 0; plane < planes; ++plane) db[plane % g.C] += static_cast<Scalar>(plane_sums[plane]);
    }
    if (!x->requires_grad && !weight->requires_grad) return;
    const kernels::Patches dcols(g, dy.ptr());  // im2col(dL/dy), read in place by both products
    if (weight->requires_grad) {  // (D.9.2): dL/dweight = x dcols^T, (C_in, N*H*W) (N*H*W, C_out*K*K)
      const kernels::ChannelMajor x_cm{x->value.ptr(), g.N, C_in, P_in};
      const GradientTarget dweight = gradient_target(*weight);
      kernels::gemm_patches(false, true, C_in, rows, columns, 1.0f, x_cm, dcols, dweight.beta(), dweight.data);
    }
    if (x->requires_grad) {  // (D.9.2): dL/dx = weight dcols, (C_in, C_out*K*K) (C_out*K*K, N*H*W)
      // Taken transposed, as conv2d's forward is: (dL/dx)^T = dcols^T weight^T, pixel-major
      // (N*H*W, C_in), with the patch matrix read in place as the left operand; then one move of
      // its (H*W, C_in) planes into x's (C_in, H*W). The same sums, each from +0 in k order.
      CacheLineArray<Scalar> dx_t = uninitialized_array<Scalar>(int64_t{columns} * C_in);
      kernels::gemm_patches_left(true, true, columns, C_in, rows, 1.0f, dcols, weight->value.ptr(), 0.0f,
                                 dx_t.get());
      // A fresh gradient takes the values as they are: each is a product's sum started at +0,
      // which is never -0 (+0 plus a -0 product rounds to +0), so 0 + v would be v, bit for bit.
      const GradientTarget dx = gradient_target(*x);
      kernels::transpose_planes(g.N, static_cast<int>(P_in), C_in, dx_t.get(), dx.data, !dx.fresh);
    }
  });
}

}  // namespace gan
