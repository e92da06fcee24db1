#include "gan/ops/dropout.h"

#include <stdexcept>
#include <string>

#include "gan/kernels/elementwise.h"

namespace gan {

Variable dropout(const Variable& x, float p, Rng& rng, bool training) {
  if (!(p >= 0.0f && p < 1.0f)) {
    throw std::invalid_argument("dropout: p must be in [0, 1), got " + std::to_string(p));
  }
  if (!training || p == 0.0f) return x;
  // The mask holds m_i itself (0 or 1/(1-p)), so forward and backward are one multiply each.
  // It is drawn on one thread, in element order: the Rng is a single sequential stream.
  Scalar keep_scale = Scalar{1} / (Scalar{1} - p);
  Tensor mask(x.shape());
  for (Scalar& m : mask.data) m = rng.uniform() < p ? 0.0f : keep_scale;
  Tensor y(x.shape());
  kernels::map(y.numel(), y.ptr(), [](Scalar& y, Scalar x, Scalar m) { y = m * x; }, x.value().ptr(),
               mask.ptr());
  return make_result(std::move(y), {x}, "dropout", [x = x.node(), mask = std::move(mask)](const Tensor& dy) {
    kernels::map(dy.numel(), grad_buffer(*x).ptr(),  // (D.7.1)
                 [](Scalar& dx, Scalar dy, Scalar m) { dx += m * dy; }, dy.ptr(), mask.ptr());
  });
}

}  // namespace gan
