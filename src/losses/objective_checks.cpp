#include "gan/losses/objective_checks.h"

#include "gan/losses/objectives.h"

namespace gan {

namespace {

// Logits from a rejected fake (-30) to a confident real (+30): the checks must hold where a naive
// log(sigmoid(l)) would give -inf or exp(l) would overflow. None lies within the step h = 0.01 of
// the hinge's kinks at +-1.
Tensor wide_logits(int N, Scalar shift) {
  const Scalar values[] = {-30.0f, -8.0f, -2.5f, -0.3f, 0.4f, 1.7f, 6.0f, 30.0f};
  Tensor logits({N, 1});
  for (int n = 0; n < N; ++n) logits.data[n] = values[n % 8] + shift;
  return logits;
}

OpCheck d_check(const char* name, Variable (*d_loss)(const Variable&, const Variable&)) {
  return {name, [name, d_loss] {
    Variable real(wide_logits(8, 0.0f), true), fake(wide_logits(5, 0.15f), true);
    return testing::gradcheck(name, [d_loss](const std::vector<Variable>& in) { return d_loss(in[0], in[1]); },
                              {real, fake});
  }};
}

OpCheck g_check(const char* name, Variable (*g_loss)(const Variable&)) {
  return {name, [name, g_loss] {
    Variable fake(wide_logits(8, 0.0f), true);
    return testing::gradcheck(name, [g_loss](const std::vector<Variable>& in) { return g_loss(in[0]); }, {fake});
  }};
}

}  // namespace

std::vector<OpCheck> objective_checks() {
  return {
      d_check("d_loss_minimax", d_loss_minimax),
      g_check("g_loss_minimax", g_loss_minimax),
      g_check("g_loss_nonsaturating", g_loss_nonsaturating),
      d_check("d_loss_least_squares", d_loss_least_squares),
      g_check("g_loss_least_squares", g_loss_least_squares),
      d_check("d_loss_hinge", d_loss_hinge),
      g_check("g_loss_hinge", g_loss_hinge),
      d_check("d_loss_wasserstein", d_loss_wasserstein),
      g_check("g_loss_wasserstein", g_loss_wasserstein),
  };
}

}  // namespace gan
