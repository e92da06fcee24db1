#include "gan/metrics/checks.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace gan::metrics {

namespace {

// The flat index of a row-major tensor written as its (n, d) or (n, c, h, w) coordinates.
std::string coordinates(const Shape& shape, int64_t flat) {
  std::string text;
  for (int axis = shape.rank - 1; axis >= 0; --axis) {
    std::string coordinate = std::to_string(flat % shape[axis]);
    text = axis == shape.rank - 1 ? coordinate : coordinate + ", " + text;
    flat /= shape[axis];
  }
  return "(" + text + ")";
}

void throw_not_finite(const char* where, const char* what, float value, const std::string& at) {
  throw std::invalid_argument(std::string(where) + ": " + what + " has a non-finite value (" +
                              std::to_string(value) + ") at " + at);
}

}  // namespace

void require_finite(const char* where, const char* what, const Tensor& values) {
  for (int64_t i = 0; i < values.numel(); ++i) {
    if (!std::isfinite(values.data[i])) {
      throw_not_finite(where, what, values.data[i], coordinates(values.shape, i));
    }
  }
}

void require_finite(const char* where, const char* what, const std::vector<float>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) throw_not_finite(where, what, values[i], "index " + std::to_string(i));
  }
}

void require_features(const char* where, const char* what, const Tensor& x, int min_samples) {
  require_rank(where, what, x.shape, 2, "(N, D)");
  if (x.size(0) < min_samples || x.size(1) < 1) {
    throw std::invalid_argument(std::string(where) + ": " + what + " must be (N, D) with N >= " +
                                std::to_string(min_samples) + " and D >= 1, got " + x.shape.str());
  }
  require_finite(where, what, x);
}

void require_same_features(const char* where, const char* what_a, const Tensor& a,
                           const char* what_b, const Tensor& b) {
  if (a.size(1) != b.size(1)) {
    throw std::invalid_argument(std::string(where) + ": " + what_a + " and " + what_b +
                                " must have the same D, got " + a.shape.str() + " and " +
                                b.shape.str());
  }
}

void require_probabilities(const char* where, const char* what, const Tensor& p) {
  require_rank(where, what, p.shape, 2, "(N, K)");
  require_finite(where, what, p);
  int N = p.size(0), K = p.size(1);
  for (int n = 0; n < N; ++n) {
    double row_sum = 0.0;
    for (int k = 0; k < K; ++k) {
      float value = p.at(n, k);
      if (value < 0.0f) {
        throw std::invalid_argument(std::string(where) + ": " + what + " must be probabilities >= 0, got " +
                                    std::to_string(value) + " at (" + std::to_string(n) + ", " +
                                    std::to_string(k) + ")");
      }
      row_sum += value;
    }
    if (std::abs(row_sum - 1.0) > 1e-3) {
      throw std::invalid_argument(std::string(where) + ": " + what + " rows must sum to 1, row " +
                                  std::to_string(n) + " sums to " + std::to_string(row_sum));
    }
  }
}

}  // namespace gan::metrics
