#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

#include "gan/metrics/assignment.h"
#include "gan/tensor/rng.h"

using namespace gan::metrics;

TEST_CASE("solve_assignment finds the optimum of a hand matrix", "[metrics][golden]") {
  // Rows -> columns 1, 0, 2 cost 1 + 2 + 2 = 5; the two nearest rivals cost 6.
  Matrix cost(3, 3);
  cost.data = {4, 1, 3,
               2, 0, 5,
               3, 2, 2};
  Assignment a = solve_assignment(cost);
  CHECK(a.column_of_row == std::vector<int>{1, 0, 2});
  CHECK(a.total_cost == 5.0);
  Matrix single(1, 1, 7.5);
  CHECK(solve_assignment(single).total_cost == 7.5);
}

TEST_CASE("solve_assignment matches brute force over all permutations for n = 6", "[metrics]") {
  gan::Rng rng(13);
  for (int trial = 0; trial < 30; ++trial) {
    int n = 6;
    Matrix cost(n, n);
    // Integer costs make ties (several optima) common; negative costs are allowed too.
    for (double& c : cost.data) c = trial % 2 == 0 ? rng.uniform(-5.0f, 5.0f) : rng.uniform_int(4);
    std::vector<int> permutation(n);
    std::iota(permutation.begin(), permutation.end(), 0);
    double best = 1e300;
    do {
      double total = 0.0;
      for (int i = 0; i < n; ++i) total += cost(i, permutation[i]);
      best = std::min(best, total);
    } while (std::next_permutation(permutation.begin(), permutation.end()));
    Assignment a = solve_assignment(cost);
    std::vector<int> columns = a.column_of_row;
    std::sort(columns.begin(), columns.end());
    for (int i = 0; i < n; ++i) CHECK(columns[i] == i);  // a permutation
    CHECK(a.total_cost == Approx(best).margin(1e-9));
  }
}

TEST_CASE("solve_assignment rejects non-square or non-finite costs", "[metrics]") {
  CHECK_THROWS_WITH(solve_assignment(Matrix(2, 3)), Catch::Contains("square (n, n)"));
  Matrix bad(2, 2);
  bad(1, 0) = 1.0 / 0.0;
  CHECK_THROWS_WITH(solve_assignment(bad), Catch::Contains("non-finite value at (1, 0)"));
}
