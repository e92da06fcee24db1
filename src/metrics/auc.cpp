#include "gan/metrics/auc.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "gan/metrics/checks.h"

namespace gan::metrics {

double discriminator_auc(const std::vector<float>& real_scores, const std::vector<float>& fake_scores) {
  if (real_scores.empty() || fake_scores.empty()) {
    throw std::invalid_argument("discriminator_auc: real_scores and fake_scores must not be empty, got " +
                                std::to_string(real_scores.size()) + " and " +
                                std::to_string(fake_scores.size()) + " scores");
  }
  require_finite("discriminator_auc", "real_scores", real_scores);
  require_finite("discriminator_auc", "fake_scores", fake_scores);

  // The pooled sample, each score tagged with whether it is real, sorted by score.
  std::vector<std::pair<float, bool>> pooled;
  pooled.reserve(real_scores.size() + fake_scores.size());
  for (float s : real_scores) pooled.emplace_back(s, true);
  for (float s : fake_scores) pooled.emplace_back(s, false);
  std::sort(pooled.begin(), pooled.end());

  // Walk runs of equal scores; every member of a run gets the run's mean rank.
  double real_rank_sum = 0.0;
  size_t begin = 0;
  while (begin < pooled.size()) {
    size_t end = begin;
    int reals_in_run = 0;
    while (end < pooled.size() && pooled[end].first == pooled[begin].first) {
      reals_in_run += pooled[end].second;
      ++end;
    }
    double mean_rank = 0.5 * (static_cast<double>(begin + 1) + static_cast<double>(end));  // ranks begin+1..end
    real_rank_sum += reals_in_run * mean_rank;
    begin = end;
  }
  double n_r = static_cast<double>(real_scores.size());
  double n_f = static_cast<double>(fake_scores.size());
  double U = real_rank_sum - n_r * (n_r + 1.0) / 2.0;
  return U / (n_r * n_f);
}

}  // namespace gan::metrics
