// The losses of image-to-image translation, on images in [-1, 1]; each returns a () scalar.
// The adversarial terms are the objectives of losses/objectives.h, applied to D's patch logits.
//
// pix2pix (Isola et al. 2017, Eqs. 1-4), G maps input x to output G(x), target y:
//   L_cGAN(G, D) = E_{x,y}[log D(x, y)] + E_x[log(1 - D(x, G(x)))]                        (Eq. 1)
//   L_L1(G)      = E_{x,y}[ ||y - G(x)||_1 ]                                               (Eq. 3)
//   G* = arg min_G max_D L_cGAN(G, D) + lambda L_L1(G),  lambda = 100 in the paper          (Eq. 4)
// CycleGAN (Zhu et al. 2017, Eqs. 1-3), G: A -> B, F: B -> A, D_B judges B, D_A judges A:
//   L_GAN(G, D_B, A, B) = E_b[log D_B(b)] + E_a[log(1 - D_B(G(a)))]   (least squares in Sec. 4)
//   L_cyc(G, F) = E_a[ ||F(G(a)) - a||_1 ] + E_b[ ||G(F(b)) - b||_1 ]                      (Eq. 2)
//   L = L_GAN(G, D_B) + L_GAN(F, D_A) + lambda L_cyc,  lambda = 10                          (Eq. 3)
//   optional identity term (Sec. 5.2, after Taigman et al. 2017):
//   L_identity(G, F) = E_b[ ||G(b) - b||_1 ] + E_a[ ||F(a) - a||_1 ]
// The norms ||.||_1 are averaged per pixel (as the reference code's nn.L1Loss does), so lambda
// weighs a mean absolute difference in [0, 2].
//
//   Variable loss = add(objective.g_loss(D.forward(concat({x, fake}, 1))), mul_scalar(l1_loss(fake, y), 100));
#pragma once

#include "gan/autograd/variable.h"

namespace gan::translate {

// L = mean |a - b| over all M entries.   a, b: the same shape -> ()
//   dL/da = sign(a - b) / M     dL/db = -sign(a - b) / M     (sign(0) = 0, a subgradient)
Variable l1_loss(const Variable& a, const Variable& b);

// L_cyc (Eq. 2): l1_loss(F(G(a)), a) + l1_loss(G(F(b)), b).   All four (N, C, H, W).
Variable cycle_loss(const Variable& a, const Variable& f_g_a, const Variable& b, const Variable& g_f_b);

// L_identity (Zhu et al. 2017, Sec. 5.2): l1_loss(G(b), b) + l1_loss(F(a), a).
Variable identity_loss(const Variable& a, const Variable& f_a, const Variable& b, const Variable& g_b);

}  // namespace gan::translate
