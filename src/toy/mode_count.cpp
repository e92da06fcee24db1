#include "gan/toy/mode_count.h"

#include <stdexcept>
#include <string>

namespace gan::toy {

ModeCount count_modes(const Tensor& samples, const std::vector<Point2>& modes, double sigma, double share) {
  require_rank("count_modes", "samples", samples.shape, 2, "(N, D)");
  const int N = samples.size(0), D = samples.size(1);
  if (N < 1 || (D != 1 && D != 2) || modes.empty() || !(sigma > 0) || !(share > 0 && share <= 1)) {
    throw std::invalid_argument("count_modes: requires samples (N >= 1, D = 1 or 2), modes, sigma > 0 and share in "
                                "(0, 1], got " + samples.shape.str() + ", " + std::to_string(modes.size()) +
                                " modes, sigma " + std::to_string(sigma) + ", share " + std::to_string(share));
  }
  ModeCount count;
  count.per_mode.assign(modes.size(), 0);
  const double radius_squared = 9 * sigma * sigma;  // (3 sigma)^2
  int high_quality = 0;
  for (int n = 0; n < N; ++n) {
    const double x = samples.data[n * D], y = D == 2 ? samples.data[n * D + 1] : 0.0;
    size_t nearest = 0;
    double nearest_squared = 0;
    for (size_t k = 0; k < modes.size(); ++k) {
      const double distance_squared = (x - modes[k].x) * (x - modes[k].x) + (y - modes[k].y) * (y - modes[k].y);
      if (k == 0 || distance_squared < nearest_squared) nearest = k, nearest_squared = distance_squared;
    }
    if (nearest_squared <= radius_squared) {
      ++count.per_mode[nearest];
      ++high_quality;
    }
  }
  for (int k_count : count.per_mode) count.covered += k_count >= share * N ? 1 : 0;
  count.high_quality = static_cast<double>(high_quality) / N;
  return count;
}

}  // namespace gan::toy
