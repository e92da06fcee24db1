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

}  // namespace gan::kernels
