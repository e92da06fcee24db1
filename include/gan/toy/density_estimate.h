// Densities on a grid: the 1-D toy's p_g, which has no closed form, estimated from G's samples.
//
// The grid: G points x_i = lo + i dx, i = 0 .. G-1, dx = (hi - lo) / (G - 1). Integrals over the
// grid are Riemann sums, sum_i f(x_i) dx, taken in i order in double (one order, the same bytes on
// every thread count).
//
// The estimator: a Gaussian kernel density estimate (Rosenblatt 1956, Parzen 1962) with the
// bandwidth of Silverman's rule of thumb (Silverman 1986, Eq. 3.31):
//   p_g(x) ~ (1 / (N h)) sum_n phi((x - s_n) / h)
//   h = 0.9 min(sd, IQR / 1.34) N^(-1/5)
// where s_n are N samples of G, sd their standard deviation and IQR their interquartile range.
// The rule is near-optimal for a Gaussian; for a p_g with two far-apart modes it over-smooths
// (it sees the spread between the modes), which fills the gap between them with mass p_g lacks.
// docs/theory.md says what that does to D* and the JSD. On a grid, h is held at least 2 dx
// (kde_bandwidth): a narrower kernel falls between the grid's points, and its Riemann sum is no
// longer its integral.
//
//   Grid1d grid{-5, 5, 1001};
//   std::vector<double> p_g = kde_on_grid(samples, silverman_bandwidth(samples), grid);
//   double mass = normalise_on_grid(p_g, grid);   // the mass the grid held, before rescaling
#pragma once

#include <vector>

namespace gan::toy {

struct Grid1d {
  double lo = -1, hi = 1;
  int points = 2;  // G >= 2
  double dx() const { return (hi - lo) / (points - 1); }
  double x(int i) const { return lo + i * dx(); }
};

// h by Silverman's rule above. requires: N >= 2 samples. When sd or IQR is 0 (a collapsed G) the
// other is used; when both are 0, h = 1e-3, so that p_g is a narrow spike rather than a division by 0.
double silverman_bandwidth(const std::vector<double>& samples);

// The bandwidth used on `grid`: max(h, 2 dx), with h = `requested` when > 0, else Silverman's rule.
double kde_bandwidth(const std::vector<double>& samples, double requested, const Grid1d& grid);

// The Gaussian kernel density estimate at every grid point: (G). requires: h > 0.
// Samples farther than 8 h from a grid point add less than 1e-14 of a kernel's peak there and are
// skipped; the result does not depend on the order of `samples` beyond the rounding of the sum.
std::vector<double> kde_on_grid(const std::vector<double>& samples, double h, const Grid1d& grid);

// sum_i density_i dx: the mass the grid holds.
double mass_on_grid(const std::vector<double>& density, const Grid1d& grid);

// Divides density by its mass on the grid, so that it sums to 1 there (a probability distribution
// on the grid's points, weights density_i dx); returns the mass before. requires: mass > 0.
double normalise_on_grid(std::vector<double>& density, const Grid1d& grid);

}  // namespace gan::toy
