// Thread control for the kernels. Every kernel splits its work into chunks whose boundaries depend
// only on the problem's size, never on the number of threads, and each output element is produced
// by exactly one chunk (no float atomics, no thread-count-dependent reductions). So results are
// bit-identical for any thread count: threads change the speed, never the numbers.
#pragma once

#include <cstdint>

namespace gan::kernels {

// Sets the OpenMP team size used by every kernel (from --threads or OMP_NUM_THREADS).
// requires: threads >= 1
void set_num_threads(int threads);
int num_threads();

// The calling thread's part [begin, end) of `count` items cut into equal runs, one for each thread of
// the team that runs it (all of them outside a parallel region). Only for work whose result does
// not depend on who does it, such as a copy: the GEMM's packing, where each thread packs the
// slivers of B under its own tiles.
struct TeamShare {
  int begin, end;
};
TeamShare team_share(int count);

// The number of fixed-size chunks of `grain` items that cover `count` items.
inline int64_t chunk_count(int64_t count, int64_t grain) { return (count + grain - 1) / grain; }

}  // namespace gan::kernels
