#include "gan/train/collapse_alarm.h"

#include <cmath>
#include <cstdio>

namespace gan {

std::string collapse_alarm(const Evaluation& evaluation, int real_classes, double real_diversity) {
  std::string signs;
  char text[160];
  const int covered = evaluation.modes.covered_modes;
  if (real_classes > 0 && !evaluation.modes.histogram.empty() && covered < kCollapseClassShare * real_classes) {
    std::snprintf(text, sizeof text, "G's samples cover %d of %d classes", covered, real_classes);
    signs += text;
  }
  const double diversity = evaluation.diversity.diversity;
  if (!std::isnan(real_diversity) && diversity < kCollapseDiversityShare * real_diversity) {
    std::snprintf(text, sizeof text, "%sdiversity %.2f, under %.0f%% of the real images' %.2f", signs.empty() ? "" : "; ",
                  diversity, 100 * kCollapseDiversityShare, real_diversity);
    signs += text;
  }
  return signs;
}

}  // namespace gan
