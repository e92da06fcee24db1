// Improved precision and recall (Kynkaanniemi, Karras, Laine, Lehtinen and Aila 2019,
// "Improved Precision and Recall Metric for Assessing Generative Models", Sec. 2): estimate the
// support ("manifold") of each feature set as the union of balls around its points, each ball's
// radius the distance from its centre to its k-th nearest neighbour within the same set
// (k = 3), and ask how much of the other set falls inside:
//
//   f(phi, Phi) = 1 if ||phi - phi'|| <= ||phi' - NN_k(phi', Phi)|| for some phi' in Phi, else 0
//   precision   = (1/|Phi_g|) sum over fake phi_g of f(phi_g, Phi_r)   (fakes that look real)
//   recall      = (1/|Phi_r|) sum over real phi_r of f(phi_r, Phi_g)   (reals the generator covers)
//
// Precision measures quality (fidelity), recall coverage (diversity); a mode-collapsed
// generator has high precision and low recall. Identical sets give 1 and 1; sets far apart, 0
// and 0.
//
// Estimator: plug-in. The k-NN balls grow as the sample shrinks, so both numbers depend on N
// and are only comparable at equal sizes; the paper uses 50k vs 50k, 10k vs 10k is the usual
// cheap setting. Cost: three N x N distance matrices through GEMM (real-real, fake-fake,
// real-fake), computed in blocks of rows, never stored whole: O(N^2 D) time, O(N) memory.
//
//   PrecisionRecall pr = precision_recall(real, fake);  // (N_r, D), (N_f, D)
#pragma once

#include "gan/tensor/tensor.h"

namespace gan::metrics {

struct PrecisionRecall {
  double precision = 0.0;
  double recall = 0.0;
};

// real: (N_r, D), fake: (N_f, D), both with N > k (each point needs k neighbours besides itself).
PrecisionRecall precision_recall(const Tensor& real, const Tensor& fake, int k = 3);

}  // namespace gan::metrics
