// Input checks shared by every metric. A metric fed a NaN returns a NaN (or, worse, a plausible
// number) far from where the NaN was made, so each metric checks its inputs first and names the
// array and the first bad entry:
//
//   fid: real has a non-finite value (nan) at (17, 3)
//
// Every check throws std::invalid_argument, with `where` the metric's function name and `what`
// the argument's name, in the shape legend (N samples, D features, K classes).
#pragma once

#include <vector>

#include "gan/tensor/tensor.h"

namespace gan::metrics {

// Throws unless every value is finite (no NaN, no infinity); names the first bad index,
// as (n, d) or (n, c, h, w) for a tensor.
void require_finite(const char* where, const char* what, const Tensor& values);
void require_finite(const char* where, const char* what, const std::vector<float>& values);

// A feature matrix: rank 2 (N, D), at least `min_samples` rows, D >= 1, every value finite.
void require_features(const char* where, const char* what, const Tensor& x, int min_samples);

// Two feature matrices that live in the same space: the same D.
void require_same_features(const char* where, const char* what_a, const Tensor& a,
                           const char* what_b, const Tensor& b);

// Class probabilities (N, K): finite, >= 0, each row summing to 1 within 1e-3.
void require_probabilities(const char* where, const char* what, const Tensor& p);

}  // namespace gan::metrics
