// Wasserstein-1 (earth mover's) distance between two empirical distributions: the least average
// distance that mass must travel to turn one sample into the other,
//
//   W1(P, Q) = inf over couplings pi of P and Q of E_pi ||x - y||.
//
// Three exact-or-sliced estimators, all plug-in (the W1 between the empirical distributions;
// biased upwards as an estimate of the W1 between the underlying distributions, much more so in
// high dimension, where the empirical W1 converges like N^(-1/D)):
//
//   - 1-D (exact, O(n log n)): W1 = integral over t in (0, 1) of |F^-1(t) - G^-1(t)| dt, the
//     area between the quantile functions (e.g. Ramdas, Garcia Trillos and Cuturi 2017, "On
//     Wasserstein two-sample testing"). For sorted samples the quantile functions are step
//     functions with steps at i/n and j/m, so the sizes may differ.
//   - point sets of equal size N in D dimensions (exact, O(N^3)): with uniform weights an
//     optimal coupling is a permutation, so W1 = min over sigma of (1/N) sum_i ||x_i - y_sigma(i)||,
//     found by the Hungarian method (assignment.h). N up to ~2000.
//   - sliced (Rabin et al. 2011; Bonneel et al. 2015): the mean of the 1-D W1 of the projections
//     onto `projections` random unit directions theta ~ uniform on the sphere,
//     SW1 = E_theta W1(theta.x, theta.y). A different distance (SW1 <= W1), cheap in any D and
//     any N: O(P N (D + log N)). The Monte Carlo error over directions shrinks like 1/sqrt(P).
//
//   double w = wasserstein1_1d(a, b);                        // std::vector<float> each
//   double w = wasserstein1_assignment(real, fake);           // (N, D) each
//   double w = sliced_wasserstein1(real, fake, rng);          // (N_r, D), (N_f, D)
#pragma once

#include <vector>

#include "gan/tensor/rng.h"
#include "gan/tensor/tensor.h"

namespace gan::metrics {

// a: n >= 1 values, b: m >= 1 values, finite.
double wasserstein1_1d(std::vector<float> a, std::vector<float> b);

// x, y: (N, D), the same N (1 <= N), Euclidean ground distance.
double wasserstein1_assignment(const Tensor& x, const Tensor& y);

struct SlicedSettings {
  int projections = 128;  // directions; error ~ std of the 1-D W1s / sqrt(projections)
};

// x: (N_x, D), y: (N_y, D), N_x, N_y >= 1.
double sliced_wasserstein1(const Tensor& x, const Tensor& y, Rng& rng, const SlicedSettings& settings = {});

}  // namespace gan::metrics
