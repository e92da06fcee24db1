// The GAN objectives: what the discriminator D and the generator G each minimise.
// Derivations: docs/derivations/objectives.md, section D.12.
//
// Every function takes D's raw outputs, the logits l (D(x) = sigma(l) for the probabilistic
// objectives), and averages over the batch: real logits l_r = D's logits on real images x,
// fake logits l_f = D's logits on G(z). The minimax losses are binary_cross_entropy_with_logits
// (ops/loss_ops.h) with target 1 or 0; each other loss is one fused op, its backward written beside
// it. Every forward is finite for any finite logit. sigma(l) = 1 / (1 + e^-l), softplus(l) = ln(1 + e^l);
// the identities used throughout (D.12.1):
//   -ln sigma(l) = softplus(-l)        -ln(1 - sigma(l)) = softplus(l)
//
// Shapes: logits (N, 1), or any shape (every entry is one sample's score); each mean is over that
// argument's own entries, so real and fake batches may differ in size. Losses: () scalars.
//
//   Variable d_loss = d_loss_minimax(D.forward(real, labels), D.forward(fake.detach(), labels));
//   Variable g_loss = g_loss_nonsaturating(D.forward(fake, labels));
#pragma once

#include <string>
#include <vector>

#include "gan/autograd/variable.h"
#include "gan/nn/module.h"

namespace gan {

// ---- The minimax game (Goodfellow et al. 2014, Eq. 1) ----
// D maximises E_x[ln D(x)] + E_z[ln(1 - D(G(z)))], i.e. minimises
//   L_D = mean softplus(-l_r) + mean softplus(l_f)                                        (D.12.2)
//   dL_D/dl_r = -sigma(-l_r) / N_r        dL_D/dl_f = sigma(l_f) / N_f
// At l_r = l_f = 0 (D undecided, D = 1/2 everywhere): L_D = 2 ln 2.
Variable d_loss_minimax(const Variable& d_real_logits, const Variable& d_fake_logits);

// G minimises E_z[ln(1 - D(G(z)))] = -mean softplus(l_f).                                 (D.12.3)
//   dL_G/dl_f = -sigma(l_f) / N
// Saturates: when D confidently rejects the fakes (l_f << 0) the gradient sigma(l_f) -> 0.
Variable g_loss_minimax(const Variable& d_fake_logits);

// The non-saturating loss (Goodfellow et al. 2014, Sec. 3): G minimises -E_z[ln D(G(z))]
//   L_G = mean softplus(-l_f)          dL_G/dl_f = -sigma(-l_f) / N = -(1 - sigma(l_f)) / N   (D.12.4)
// The same fixed point as the minimax loss, but the gradient tends to -1/N, not 0, as l_f -> -inf.
Variable g_loss_nonsaturating(const Variable& d_fake_logits);

// ---- Least squares (Mao et al. 2017, LSGAN, with the 0-1 coding a = 0, b = c = 1) ----
// D's output is the raw logit l, with targets 1 for real and 0 for fake:
//   L_D = 1/2 mean (l_r - 1)^2 + 1/2 mean l_f^2                                           (D.12.5)
//   dL_D/dl_r = (l_r - 1) / N_r        dL_D/dl_f = l_f / N_f
Variable d_loss_least_squares(const Variable& d_real_logits, const Variable& d_fake_logits);

//   L_G = 1/2 mean (l_f - 1)^2         dL_G/dl_f = (l_f - 1) / N                          (D.12.5)
Variable g_loss_least_squares(const Variable& d_fake_logits);

// ---- Hinge (Lim & Ye 2017, Geometric GAN; Miyato et al. 2018, as used with spectral norm) ----
//   L_D = mean max(0, 1 - l_r) + mean max(0, 1 + l_f)                                     (D.12.6)
//   dL_D/dl_r = -[l_r < 1] / N_r       dL_D/dl_f = [l_f > -1] / N_f
// (at the kinks l = +-1 the gradient taken is 0, one of the subgradients).
Variable d_loss_hinge(const Variable& d_real_logits, const Variable& d_fake_logits);

//   L_G = -mean l_f                    dL_G/dl_f = -1 / N                                 (D.12.6)
Variable g_loss_hinge(const Variable& d_fake_logits);

// ---- Wasserstein (Arjovsky et al. 2017, Algorithm 1) ----
// The critic f (D without a sigmoid) maximises E_x[f(x)] - E_z[f(G(z))], so it minimises
//   L_D = mean l_f - mean l_r          dL_D/dl_r = -1 / N_r      dL_D/dl_f = 1 / N_f      (D.12.7)
// This estimates the Wasserstein-1 distance only while f stays Lipschitz: the paper clips the
// critic's weights to [-c, c] after every update (clip_weights below, c = 0.01).
Variable d_loss_wasserstein(const Variable& d_real_logits, const Variable& d_fake_logits);

//   L_G = -mean l_f                    dL_G/dl_f = -1 / N                                 (D.12.7)
Variable g_loss_wasserstein(const Variable& d_fake_logits);

// ---- Choosing an objective by name ----
// The two losses of one game. The generator and discriminator losses above are not freely
// combinable: each pair comes from one game (or, for "nonsaturating", from its Sec. 3 variant).
struct Objective {
  std::string name;
  Variable (*d_loss)(const Variable& d_real_logits, const Variable& d_fake_logits);
  Variable (*g_loss)(const Variable& d_fake_logits);
  bool clips_discriminator_weights;  // WGAN: clip D's weights after each D step
};

// "minimax"       d_loss_minimax + g_loss_minimax          (Goodfellow et al. 2014, Eq. 1)
// "nonsaturating" d_loss_minimax + g_loss_nonsaturating    (Goodfellow et al. 2014, Sec. 3)
// "lsgan"         d_loss_least_squares + g_loss_least_squares
// "hinge"         d_loss_hinge + g_loss_hinge
// "wgan"          d_loss_wasserstein + g_loss_wasserstein, with weight clipping
// Throws std::invalid_argument listing these names for any other.
Objective objective_named(const std::string& name);

// theta = min(max(theta, -limit), limit) for every entry of every parameter (Arjovsky et al. 2017,
// Algorithm 1, line 7). requires: limit > 0
// The clipping limit c of the WGAN paper (Arjovsky et al. 2017, Algorithm 1: c = 0.01).
constexpr float kWganClipLimit = 0.01f;

void clip_weights(const std::vector<nn::NamedParameter>& parameters, float limit);

}  // namespace gan
