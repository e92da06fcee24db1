#include "gan/metrics/summary.h"

#include <cmath>
#include <stdexcept>

namespace gan::metrics {

MeanStd mean_std(const std::vector<double>& values) {
  if (values.empty()) throw std::invalid_argument("mean_std: values must not be empty");
  double sum = 0.0;
  for (double value : values) sum += value;
  MeanStd result;
  result.mean = sum / values.size();
  double squares = 0.0;  // two passes: the textbook one-pass formula cancels badly
  for (double value : values) squares += (value - result.mean) * (value - result.mean);
  result.std = std::sqrt(squares / values.size());
  return result;
}

}  // namespace gan::metrics
