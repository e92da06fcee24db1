// Embedding lookup: one learned row per class, e.g. the label embedding of a conditional GAN
// (Mirza and Osindero 2014), joined to z with concat. Derivations: docs/derivations/elementwise.md,
// section D.7.
//
//   Variable table(Tensor({10, 16}), true);             // 10 classes, 16 features each
//   Variable e = embedding({3, 1, 4}, table);           // (3, 16): rows 3, 1 and 4
#pragma once

#include <vector>

#include "gan/autograd/variable.h"

namespace gan {

// y[n, :] = table[indices[n], :].   table: (num_classes, D); y: (N, D), N = indices.size().
//   dL/dtable[c, :] = sum over n with indices[n] = c of dL/dy[n, :]     (D.7.2)
// requires: every index in [0, num_classes)
Variable embedding(const std::vector<int>& indices, const Variable& table);

}  // namespace gan
