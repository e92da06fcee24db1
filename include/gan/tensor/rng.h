// Rng: the one source of randomness in gan.cpp. It is passed in explicitly wherever randomness
// is needed (initialisation, z, shuffling, dropout, metrics' subsets); there is no global
// generator. A seed gives the same stream on every compiler and platform, because:
//   - the bits come from PCG32 (O'Neill 2014), fully specified by integer arithmetic;
//   - uniform floats are built from the top 24 bits, exactly;
//   - normals use Marsaglia's polar method with our own logarithm (rng_log), since std::log
//     and std::normal_distribution are allowed to differ between standard libraries.
//
//   Rng rng(42);
//   float z0 = rng.normal();          // N(0, 1)
//   int i = rng.uniform_int(10);      // uniform on {0, ..., 9}
#pragma once

#include <cstdint>

#include "gan/tensor/tensor.h"

namespace gan {

// Everything needed to continue a stream exactly (saved in checkpoints).
struct RngState {
  uint64_t state = 0;
  uint64_t increment = 0;
  bool has_spare_normal = false;  // the polar method makes normals in pairs
  float spare_normal = 0.0f;
};

class Rng {
 public:
  explicit Rng(uint64_t seed, uint64_t stream = 54);

  uint32_t next_u32();
  float uniform();                     // U[0, 1), multiples of 2^-24
  float uniform(float low, float high);
  float normal();                      // N(0, 1)
  float normal(float mean, float stddev);
  int uniform_int(int n);              // uniform on {0, ..., n-1}, no modulo bias; requires n > 0

  void fill_uniform(Tensor& tensor, float low, float high);
  void fill_normal(Tensor& tensor, float mean, float stddev);

  RngState state() const { return state_; }
  void set_state(const RngState& state) { state_ = state; }

 private:
  RngState state_;
};

// Natural logarithm of x > 0 using only IEEE-exact operations, so that it gives the same bits
// everywhere: x = m * 2^e with m in [sqrt(1/2), sqrt(2)), log x = e log 2 + 2 atanh((m-1)/(m+1)).
double rng_log(double x);

}  // namespace gan
