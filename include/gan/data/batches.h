// Minibatches: a shuffled order of the data set each epoch, and batches gathered from it.
//
//   std::vector<int> order = shuffled_indices(N, rng);          // once per epoch
//   Tensor real = gather_images(data.images, order, b * B, B);  // batch b: (B, C, H, W)
//   std::vector<int> y = gather_labels(data.labels, order, b * B, B);
#pragma once

#include <vector>

#include "gan/tensor/rng.h"
#include "gan/tensor/tensor.h"

namespace gan {

// A uniformly random permutation of 0 .. count-1 (Fisher-Yates, Knuth TAOCP vol. 2, Alg. 3.4.2P):
// for i = count-1 down to 1, swap entry i with entry rng.uniform_int(i + 1). The same rng state
// gives the same order on every platform.
std::vector<int> shuffled_indices(int count, Rng& rng);

// images[indices[begin]], ..., images[indices[begin + count - 1]].
//   images: (N, C, H, W);  result: (count, C, H, W)
// Throws std::invalid_argument when begin .. begin + count - 1 is outside indices, or an index
// is outside 0 .. N-1.
Tensor gather_images(const Tensor& images, const std::vector<int>& indices, int begin, int count);
std::vector<int> gather_labels(const std::vector<int>& labels, const std::vector<int>& indices, int begin, int count);

}  // namespace gan
