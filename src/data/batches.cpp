#include "gan/data/batches.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace gan {

namespace {

void check_range(const char* where, const std::vector<int>& indices, int begin, int count, int N) {
  if (begin < 0 || count < 0 || static_cast<size_t>(begin) + count > indices.size()) {
    throw std::invalid_argument(std::string(where) + ": entries " + std::to_string(begin) + " .. " +
                                std::to_string(int64_t{begin} + count - 1) + " are outside the " +
                                std::to_string(indices.size()) + " indices");
  }
  for (int i = begin; i < begin + count; ++i) {
    if (indices[i] < 0 || indices[i] >= N) {
      throw std::invalid_argument(std::string(where) + ": index " + std::to_string(indices[i]) + " (entry " +
                                  std::to_string(i) + ") is outside 0 .. N-1 with N = " + std::to_string(N));
    }
  }
}

}  // namespace

std::vector<int> shuffled_indices(int count, Rng& rng) {
  std::vector<int> order(std::max(count, 0));
  for (int i = 0; i < count; ++i) order[i] = i;
  for (int i = count - 1; i > 0; --i) std::swap(order[i], order[rng.uniform_int(i + 1)]);
  return order;
}

Tensor gather_images(const Tensor& images, const std::vector<int>& indices, int begin, int count) {
  require_rank("gather_images", "images", images.shape, 4, "(N, C, H, W)");
  check_range("gather_images", indices, begin, count, images.size(0));
  const int64_t image_size = images.numel() / std::max(images.size(0), 1);
  Tensor batch({count, images.size(1), images.size(2), images.size(3)});
  for (int i = 0; i < count; ++i) {
    const float* source = images.ptr() + indices[begin + i] * image_size;
    std::copy(source, source + image_size, batch.ptr() + i * image_size);
  }
  return batch;
}

std::vector<int> gather_labels(const std::vector<int>& labels, const std::vector<int>& indices, int begin, int count) {
  check_range("gather_labels", indices, begin, count, static_cast<int>(labels.size()));
  std::vector<int> batch(count);
  for (int i = 0; i < count; ++i) batch[i] = labels[indices[begin + i]];
  return batch;
}

}  // namespace gan
