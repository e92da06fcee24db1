// Discriminator AUC: how well the discriminator's scores separate real from generated samples,
// as the area under the ROC curve. It is the probability that a random real sample scores higher
// than a random fake one, ties counting half, which is the Mann-Whitney U statistic divided by
// the number of (real, fake) pairs (Hanley and McNeil 1982, "The meaning and use of the area
// under a ROC curve"):
//
//   AUC = U / (n_r n_f),   U = sum over pairs of [s_real > s_fake] + 1/2 [s_real = s_fake]
//       = R_real - n_r (n_r + 1) / 2,   R_real = sum of the real scores' ranks in the pooled
//                                        sample (1-based, tied scores share their mean rank)
//
// 1: the discriminator separates the sets perfectly; 0.5: it cannot tell them apart (the goal of
// the generator); below 0.5: it has the sign backwards. Higher scores must mean "more real"
// (logits or probabilities both work: AUC only uses the order).
//
// Estimator: the exact, unbiased estimate of P(s_real > s_fake) + P(tie)/2 for the given
// samples, by sorting, O(n log n) instead of the O(n_r n_f) pair count. Standard error about
// 0.5 / sqrt(min(n_r, n_f)) near AUC = 0.5, so a few hundred scores per side resolve +-0.03.
//
//   double auc = discriminator_auc(real_scores, fake_scores);  // std::vector<float> each
#pragma once

#include <vector>

namespace gan::metrics {

// requires: both non-empty and finite.
double discriminator_auc(const std::vector<float>& real_scores, const std::vector<float>& fake_scores);

}  // namespace gan::metrics
