#include "gan/ops/embedding.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace gan {

Variable embedding(const std::vector<int>& indices, const Variable& table) {
  require_rank("embedding", "table", table.shape(), 2, "(num_classes, D)");
  int classes = table.shape()[0], D = table.shape()[1];
  int N = static_cast<int>(indices.size());
  for (int n = 0; n < N; ++n) {
    if (indices[n] < 0 || indices[n] >= classes) {
      throw std::invalid_argument("embedding: indices[" + std::to_string(n) + "] must be in [0, " +
                                  std::to_string(classes) + ") for table " + table.shape().str() + ", got " +
                                  std::to_string(indices[n]));
    }
  }
  Tensor y({N, D});
  for (int n = 0; n < N; ++n) {
    std::copy_n(table.value().ptr() + int64_t{indices[n]} * D, D, y.ptr() + int64_t{n} * D);
  }
  return make_result(std::move(y), {table}, "embedding",
                     [table = table.node(), indices, N, D](const Tensor& dy) {
    // (D.7.2): rows of dy scattered into their class's row, n in order, so that a class used
    // several times sums its gradients in the same order every time.
    Scalar* dtable = grad_buffer(*table).ptr();
    for (int n = 0; n < N; ++n) {
      Scalar* row = dtable + int64_t{indices[n]} * D;
      const Scalar* dy_row = dy.ptr() + int64_t{n} * D;
      for (int d = 0; d < D; ++d) row[d] += dy_row[d];
    }
  });
}

}  // namespace gan
