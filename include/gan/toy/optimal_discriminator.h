// The two results of Goodfellow et al. (2014), Sec. 4, computed on a grid (density_estimate.h),
// for densities p_data and p_g known at the grid's points. The derivations, step by step, are in
// docs/theory.md; each step there names the function below that computes it.
//
//   Proposition 1 (Eq. 2): for a fixed G the optimal discriminator is
//     D*(x) = p_data(x) / (p_data(x) + p_g(x))
//   Eq. 3, the value of the game as an integral over x:
//     V(G, D) = integral p_data(x) log D(x) + p_g(x) log(1 - D(x)) dx
//   Theorem 1 (Eqs. 4-6): the virtual training criterion C(G) = max_D V(G, D) = V(G, D*) equals
//     C(G) = -log 4 + 2 JSD(p_data || p_g)
//   with JSD(P || Q) = 1/2 KL(P || M) + 1/2 KL(Q || M), M = (P + Q) / 2.
//
// Conventions, all in double: 0 log 0 = 0 and 0 log(0/0) = 0 (a point where a density is 0 adds
// nothing to its integrals), and D*(x) = 1/2 where both densities are 0 (any value would do: that
// point adds nothing to V). The theorem's identity is exact for densities that integrate to 1: on
// the grid that means sum_i p_i dx = 1, which normalise_on_grid ensures; then what is left of
// |C(G) - (2 JSD - log 4)| is rounding, about 1e-15.
//
//   std::vector<double> d_star = optimal_discriminator(p_data, p_g);
//   TheoremCheck check = check_theorem_1(p_data, p_g, grid);   // check.identity_error ~ 1e-16
#pragma once

#include <vector>

#include "gan/toy/density_estimate.h"

namespace gan::toy {

// D*(x_i) for every grid point (Proposition 1, Eq. 2). requires: p_data and p_g of one size, >= 0.
std::vector<double> optimal_discriminator(const std::vector<double>& p_data, const std::vector<double>& p_g);

// V(G, D) of Eq. 3 on the grid: sum_i [p_data_i log D_i + p_g_i log(1 - D_i)] dx, D_i in [0, 1].
// A D of exactly 0 where p_data > 0 (or 1 where p_g > 0) gives -inf, as the integral does.
double game_value(const std::vector<double>& D, const std::vector<double>& p_data, const std::vector<double>& p_g,
                  const Grid1d& grid);

// The same for a learned D given by its logits l_i (D = sigma(l)), using log D = -softplus(-l) and
// log(1 - D) = -softplus(l) (D.12.1), which stay finite for any logit.
double game_value_of_logits(const std::vector<double>& logits, const std::vector<double>& p_data,
                            const std::vector<double>& p_g, const Grid1d& grid);

// KL(P || Q) = sum_i p_i log(p_i / q_i) dx on the grid. requires: q_i > 0 wherever p_i > 0.
double kl_divergence(const std::vector<double>& p, const std::vector<double>& q, const Grid1d& grid);

// JSD(p_data || p_g) = 1/2 KL(p_data || m) + 1/2 KL(p_g || m), m = (p_data + p_g) / 2: in [0, log 2],
// 0 for equal densities and log 2 for densities that never overlap.
double jensen_shannon(const std::vector<double>& p_data, const std::vector<double>& p_g, const Grid1d& grid);

// C(G) = V(G, D*) in the last form of Eq. 4, with D* = p_data / (p_data + p_g) and
// 1 - D* = p_g / (p_data + p_g) written out:
//   C(G) = sum_i [p_data_i log(p_data_i / (p_data_i + p_g_i)) + p_g_i log(p_g_i / (p_data_i + p_g_i))] dx
// (not game_value(optimal_discriminator(...)): where p_g is 1e-17 of p_data, 1 - D* rounds to 0 in
// double, and p_g log 0 would give -inf for a term that is really about -4e-16).
double virtual_training_criterion(const std::vector<double>& p_data, const std::vector<double>& p_g,
                                  const Grid1d& grid);

// Theorem 1 checked: the two sides computed independently, C(G) by Eq. 4, the JSD from its
// definition.
struct TheoremCheck {
  double jsd = 0;             // JSD(p_data || p_g)
  double value_at_optimum = 0;  // C(G) = V(G, D*)
  double identity_error = 0;  // |V(G, D*) - (2 JSD - log 4)|
};
TheoremCheck check_theorem_1(const std::vector<double>& p_data, const std::vector<double>& p_g, const Grid1d& grid);

// How far a learned D is from D*, where the data are: with the mixture m = (p_data + p_g) / 2,
//   mean_gap = sum_i m_i |D_i - D*_i| dx        (the gap averaged over m: m sums to 1 on the grid)
//   max_gap  = max |D_i - D*_i| over the points with m_i >= 1% of max_i m_i
// (D* is whatever the learner makes of it where m is tiny, since no sample of either lands there).
struct DiscriminatorGap {
  double mean_gap = 0;
  double max_gap = 0;
};
DiscriminatorGap discriminator_gap(const std::vector<double>& D, const std::vector<double>& d_star,
                                   const std::vector<double>& p_data, const std::vector<double>& p_g,
                                   const Grid1d& grid);

}  // namespace gan::toy
