#include "gan/kernels/parallel.h"

#include <omp.h>

#include <stdexcept>
#include <string>

namespace gan::kernels {

void set_num_threads(int threads) {
  if (threads < 1) {
    throw std::invalid_argument("set_num_threads: threads must be >= 1, got " + std::to_string(threads));
  }
  omp_set_num_threads(threads);
}

int num_threads() { return omp_get_max_threads(); }

TeamShare team_share(int count) {
  const int64_t team = omp_get_num_threads(), me = omp_get_thread_num();
  return {static_cast<int>(count * me / team), static_cast<int>(count * (me + 1) / team)};
}

}  // namespace gan::kernels
