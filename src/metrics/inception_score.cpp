#include "gan/metrics/inception_score.h"

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "gan/metrics/checks.h"

namespace gan::metrics {

MeanStd inception_score(const Tensor& probabilities, int splits) {
  require_probabilities("inception_score", "probabilities", probabilities);
  int N = probabilities.size(0), K = probabilities.size(1);
  if (splits < 1 || splits > N) {
    throw std::invalid_argument("inception_score: splits must be in [1, N] with N=" + std::to_string(N) +
                                ", got " + std::to_string(splits));
  }
  std::vector<double> scores;
  for (int s = 0; s < splits; ++s) {
    int begin = static_cast<int>(static_cast<int64_t>(s) * N / splits);
    int end = static_cast<int>(static_cast<int64_t>(s + 1) * N / splits);
    std::vector<double> marginal(K, 0.0);  // p(y) over this split
    for (int n = begin; n < end; ++n) {
      for (int k = 0; k < K; ++k) marginal[k] += probabilities.at(n, k);
    }
    for (double& p : marginal) p /= end - begin;
    double kl_sum = 0.0;
    for (int n = begin; n < end; ++n) {
      for (int k = 0; k < K; ++k) {
        double p = probabilities.at(n, k);
        if (p > 0.0) kl_sum += p * std::log(p / marginal[k]);  // p > 0 implies marginal[k] > 0
      }
    }
    scores.push_back(std::exp(kl_sum / (end - begin)));
  }
  return mean_std(scores);
}

}  // namespace gan::metrics
