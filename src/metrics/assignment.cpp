#include "gan/metrics/assignment.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace gan::metrics {

Assignment solve_assignment(const Matrix& cost) {
  int n = cost.rows;
  if (n < 1 || cost.cols != n) {
    throw std::invalid_argument("solve_assignment: cost must be square (n, n) with n >= 1, got (" +
                                std::to_string(cost.rows) + ", " + std::to_string(cost.cols) + ")");
  }
  for (size_t k = 0; k < cost.data.size(); ++k) {
    if (!std::isfinite(cost.data[k])) {
      throw std::invalid_argument("solve_assignment: cost has a non-finite value at (" + std::to_string(k / n) +
                                  ", " + std::to_string(k % n) + ")");
    }
  }
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  // Columns are numbered 1..n; column 0 is a virtual column "matched" to the row being added,
  // the root of each search. row_of_column[j] = -1 marks a free column.
  std::vector<double> u(n, 0.0), v(n + 1, 0.0);  // dual potentials of rows and columns
  std::vector<int> row_of_column(n + 1, -1);
  std::vector<double> slack(n + 1);   // shortest reduced-cost path length to each column so far
  std::vector<int> previous(n + 1);   // the column before each column on its shortest path
  std::vector<char> visited(n + 1);   // columns whose shortest path is final (Dijkstra's set)

  for (int new_row = 0; new_row < n; ++new_row) {
    row_of_column[0] = new_row;
    std::fill(slack.begin(), slack.end(), kInfinity);
    std::fill(visited.begin(), visited.end(), 0);
    int column = 0;  // the column whose matched row is expanded next
    do {
      visited[column] = 1;
      int row = row_of_column[column];
      const double* cost_row = cost.row(row);
      double delta = kInfinity;
      int next_column = 0;
      for (int j = 1; j <= n; ++j) {
        if (visited[j]) continue;
        double reduced = cost_row[j - 1] - u[row] - v[j];
        if (reduced < slack[j]) {
          slack[j] = reduced;
          previous[j] = column;
        }
        if (slack[j] < delta) {
          delta = slack[j];
          next_column = j;
        }
      }
      // Shift the potentials by delta: the tree of visited columns and their rows moves as one,
      // so its edges stay tight, and the cheapest edge leaving it becomes tight (reduced cost 0).
      for (int j = 0; j <= n; ++j) {
        if (visited[j]) {
          u[row_of_column[j]] += delta;
          v[j] -= delta;
        } else {
          slack[j] -= delta;
        }
      }
      column = next_column;
    } while (row_of_column[column] != -1);
    // `column` is free: flip the matching along the path back to the virtual column 0.
    while (column != 0) {
      int before = previous[column];
      row_of_column[column] = row_of_column[before];
      column = before;
    }
  }

  Assignment result;
  result.column_of_row.assign(n, -1);
  for (int j = 1; j <= n; ++j) result.column_of_row[row_of_column[j]] = j - 1;
  for (int i = 0; i < n; ++i) result.total_cost += cost(i, result.column_of_row[i]);
  return result;
}

}  // namespace gan::metrics
