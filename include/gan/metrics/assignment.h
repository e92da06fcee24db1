// The linear assignment problem: given an n x n cost matrix c, find the permutation sigma
// (row i -> column sigma(i)) that minimises sum_i c(i, sigma(i)). Optimal transport between two
// equal-size point sets with uniform weights is exactly this problem (an optimal plan can always
// be taken to be a permutation, by Birkhoff's theorem), which is how wasserstein.h uses it.
//
// Method: the Hungarian method (Kuhn 1955) in its shortest-augmenting-path form (Jonker and
// Volgenant 1987, without their initialisation heuristics). Dual potentials u (rows) and v
// (columns) keep every reduced cost c(i, j) - u_i - v_j >= 0, with equality on matched pairs.
// Rows are added one at a time: a
// Dijkstra search over reduced costs from the new row finds the cheapest alternating path to a
// free column, the matching is flipped along it, and the potentials are shifted so that the
// reduced costs stay >= 0. After n rows the matching is optimal (complementary slackness).
// O(n^3) time in the worst case, O(n^2) memory: n = 1000 in well under a second, n = 2000 in a
// few seconds.
//
//   Matrix cost(n, n);  ...                       // cost(i, j): row i assigned to column j
//   Assignment a = solve_assignment(cost);        // a.column_of_row[i], a.total_cost
#pragma once

#include <vector>

#include "gan/metrics/linear_algebra.h"

namespace gan::metrics {

struct Assignment {
  std::vector<int> column_of_row;  // (n): the column assigned to each row, a permutation
  double total_cost = 0.0;         // sum_i cost(i, column_of_row[i])
};

// cost: (n, n), n >= 1, finite.
Assignment solve_assignment(const Matrix& cost);

}  // namespace gan::metrics
