#include "gan/losses/objectives.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "gan/kernels/elementwise.h"
#include "gan/ops/arithmetic.h"
#include "gan/ops/loss_ops.h"

namespace gan {

namespace {

void require_entries(const char* where, const char* what, const Variable& logits) {
  if (logits.value().numel() == 0) {
    throw std::invalid_argument(std::string(where) + ": " + what + " must hold at least one logit, got " +
                                logits.shape().str());
  }
}

// The other objectives are each a mean of a per-logit term phi(l), or a sum of two such means (one
// over the real logits, one over the fake ones). These two builders make that one fused op:
//   forward   L = (1/N) sum_i phi(l_i), summed in double in a fixed order
//   backward  dL/dl_i = dL * phi'(l_i) / N
// so that each objective below states only its phi and phi', side by side.
template <class Phi, class DPhi>
Variable mean_term(const char* name, const Variable& logits, Phi phi, DPhi dphi) {
  require_entries(name, "d_fake_logits", logits);
  int64_t N = logits.value().numel();
  Tensor L(Shape{});
  L.data[0] = static_cast<Scalar>(kernels::sum(N, phi, logits.value().ptr()) / static_cast<double>(N));
  return make_result(std::move(L), {logits}, name, [l = logits.node(), N, dphi](const Tensor& dL) {
    Scalar scale = dL.data[0] / static_cast<Scalar>(N);
    kernels::map(N, grad_buffer(*l).ptr(), [scale, dphi](Scalar& dl, Scalar l) { dl += scale * dphi(l); },
                 l->value.ptr());
  });
}

template <class PhiReal, class DPhiReal, class PhiFake, class DPhiFake>
Variable real_fake_terms(const char* name, const Variable& real, const Variable& fake, PhiReal phi_real,
                         DPhiReal dphi_real, PhiFake phi_fake, DPhiFake dphi_fake) {
  require_entries(name, "d_real_logits", real);
  require_entries(name, "d_fake_logits", fake);
  int64_t N_r = real.value().numel(), N_f = fake.value().numel();
  Tensor L(Shape{});
  L.data[0] = static_cast<Scalar>(kernels::sum(N_r, phi_real, real.value().ptr()) / static_cast<double>(N_r) +
                                 kernels::sum(N_f, phi_fake, fake.value().ptr()) / static_cast<double>(N_f));
  return make_result(std::move(L), {real, fake}, name,
                     [r = real.node(), f = fake.node(), N_r, N_f, dphi_real, dphi_fake](const Tensor& dL) {
    if (r->requires_grad) {
      Scalar scale = dL.data[0] / static_cast<Scalar>(N_r);
      kernels::map(N_r, grad_buffer(*r).ptr(), [scale, dphi_real](Scalar& dl, Scalar l) { dl += scale * dphi_real(l); },
                   r->value.ptr());
    }
    if (f->requires_grad) {
      Scalar scale = dL.data[0] / static_cast<Scalar>(N_f);
      kernels::map(N_f, grad_buffer(*f).ptr(), [scale, dphi_fake](Scalar& dl, Scalar l) { dl += scale * dphi_fake(l); },
                   f->value.ptr());
    }
  });
}

}  // namespace

// The minimax game is binary cross-entropy with target 1 for real images and 0 for fakes (D.12.2),
// so its three losses are the loss op, whose forward is finite for any finite logit, however
// confident D is. With a hard target it computes exactly softplus(-l) or softplus(l) (D.6.1).

Variable d_loss_minimax(const Variable& d_real_logits, const Variable& d_fake_logits) {
  require_entries("d_loss_minimax", "d_real_logits", d_real_logits);
  require_entries("d_loss_minimax", "d_fake_logits", d_fake_logits);
  // BEGIN TASK 3.2: discriminator loss (minimax)
  // -ln D(x) = softplus(-l_r), -ln(1 - D(G(z))) = softplus(l_f)                        (D.12.2)
  return add(binary_cross_entropy_with_logits(d_real_logits, Tensor(d_real_logits.shape(), 1.0f)),
             binary_cross_entropy_with_logits(d_fake_logits, Tensor(d_fake_logits.shape(), 0.0f)));
  // END TASK 3.2
}

Variable g_loss_minimax(const Variable& d_fake_logits) {
  require_entries("g_loss_minimax", "d_fake_logits", d_fake_logits);
  // BEGIN TASK 3.3: generator loss (minimax)
  // ln(1 - D(G(z))) = -softplus(l_f)                                                  (D.12.3)
  return neg(binary_cross_entropy_with_logits(d_fake_logits, Tensor(d_fake_logits.shape(), 0.0f)));
  // END TASK 3.3
}

Variable g_loss_nonsaturating(const Variable& d_fake_logits) {
  require_entries("g_loss_nonsaturating", "d_fake_logits", d_fake_logits);
  // BEGIN TASK 3.4: generator loss (non-saturating)
  // -ln D(G(z)) = softplus(-l_f): the fakes scored against the real label             (D.12.4)
  return binary_cross_entropy_with_logits(d_fake_logits, Tensor(d_fake_logits.shape(), 1.0f));
  // END TASK 3.4
}

Variable d_loss_least_squares(const Variable& d_real_logits, const Variable& d_fake_logits) {
  return real_fake_terms("d_loss_least_squares", d_real_logits, d_fake_logits,
      [](Scalar l) { return 0.5f * (l - 1.0f) * (l - 1.0f); },  // real: target b = 1    (D.12.5)
      [](Scalar l) { return l - 1.0f; },
      [](Scalar l) { return 0.5f * l * l; },                    // fake: target a = 0
      [](Scalar l) { return l; });
}

Variable g_loss_least_squares(const Variable& d_fake_logits) {
  return mean_term("g_loss_least_squares", d_fake_logits,
      [](Scalar l) { return 0.5f * (l - 1.0f) * (l - 1.0f); },  // G's target c = 1     (D.12.5)
      [](Scalar l) { return l - 1.0f; });
}

Variable d_loss_hinge(const Variable& d_real_logits, const Variable& d_fake_logits) {
  return real_fake_terms("d_loss_hinge", d_real_logits, d_fake_logits,
      [](Scalar l) { return std::max(Scalar{0}, 1.0f - l); },  // real: a margin of 1 above 0  (D.12.6)
      [](Scalar l) { return l < 1.0f ? -1.0f : 0.0f; },
      [](Scalar l) { return std::max(Scalar{0}, 1.0f + l); },  // fake: a margin of 1 below 0
      [](Scalar l) { return l > -1.0f ? 1.0f : 0.0f; });
}

Variable g_loss_hinge(const Variable& d_fake_logits) {
  return mean_term("g_loss_hinge", d_fake_logits,
      [](Scalar l) { return -l; },  // raise D's score of the fakes, without a margin      (D.12.6)
      [](Scalar) { return -1.0f; });
}

Variable d_loss_wasserstein(const Variable& d_real_logits, const Variable& d_fake_logits) {
  return real_fake_terms("d_loss_wasserstein", d_real_logits, d_fake_logits,
      [](Scalar l) { return -l; },  // - E_x[f(x)]                                         (D.12.7)
      [](Scalar) { return -1.0f; },
      [](Scalar l) { return l; },   // + E_z[f(G(z))]
      [](Scalar) { return 1.0f; });
}

Variable g_loss_wasserstein(const Variable& d_fake_logits) {
  return mean_term("g_loss_wasserstein", d_fake_logits,
      [](Scalar l) { return -l; },  // - E_z[f(G(z))]                                      (D.12.7)
      [](Scalar) { return -1.0f; });
}

Objective objective_named(const std::string& name) {
  if (name == "minimax") return {name, d_loss_minimax, g_loss_minimax, false};
  if (name == "nonsaturating") return {name, d_loss_minimax, g_loss_nonsaturating, false};
  if (name == "lsgan") return {name, d_loss_least_squares, g_loss_least_squares, false};
  if (name == "hinge") return {name, d_loss_hinge, g_loss_hinge, false};
  if (name == "wgan") return {name, d_loss_wasserstein, g_loss_wasserstein, true};
  throw std::invalid_argument("objective_named: name must be one of minimax|nonsaturating|lsgan|hinge|wgan, got '" +
                              name + "'");
}

void clip_weights(const std::vector<nn::NamedParameter>& parameters, float limit) {
  if (!(limit > 0.0f)) {
    throw std::invalid_argument("clip_weights: limit must be > 0, got " + std::to_string(limit));
  }
  for (const nn::NamedParameter& parameter : parameters) {
    Variable theta = parameter.variable;
    for (Scalar& value : theta.value().data) value = std::clamp<Scalar>(value, -limit, limit);
  }
}

}  // namespace gan
