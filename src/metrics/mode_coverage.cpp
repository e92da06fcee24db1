#include "gan/metrics/mode_coverage.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "gan/metrics/checks.h"

namespace gan::metrics {

ModeCoverage mode_coverage(const std::vector<int>& labels, int classes, double threshold) {
  if (labels.empty() || classes < 1 || !(threshold > 0.0 && threshold <= 1.0)) {
    throw std::invalid_argument(
        "mode_coverage: needs N >= 1 labels, classes K >= 1 and threshold in (0, 1], got N=" +
        std::to_string(labels.size()) + ", K=" + std::to_string(classes) + ", threshold " +
        std::to_string(threshold));
  }
  ModeCoverage result;
  result.histogram.assign(classes, 0);
  for (size_t n = 0; n < labels.size(); ++n) {
    if (labels[n] < 0 || labels[n] >= classes) {
      throw std::invalid_argument("mode_coverage: labels must be in [0, K) with K=" + std::to_string(classes) +
                                  ", got " + std::to_string(labels[n]) + " at index " + std::to_string(n));
    }
    ++result.histogram[labels[n]];
  }
  double N = static_cast<double>(labels.size());
  for (int count : result.histogram) {
    double q = count / N;
    if (q >= threshold) ++result.covered_modes;
    if (count > 0) result.kl_to_uniform += q * std::log(q * classes);
  }
  return result;
}

ModeCoverage mode_coverage(const Tensor& probabilities, double threshold) {
  require_probabilities("mode_coverage", "probabilities", probabilities);
  int N = probabilities.size(0), K = probabilities.size(1);
  std::vector<int> labels(N);
  for (int n = 0; n < N; ++n) {
    int best = 0;
    for (int k = 1; k < K; ++k) {
      if (probabilities.at(n, k) > probabilities.at(n, best)) best = k;
    }
    labels[n] = best;
  }
  return mode_coverage(labels, K, threshold);
}

}  // namespace gan::metrics
