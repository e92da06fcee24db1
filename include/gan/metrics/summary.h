// MeanStd: how a metric computed on several subsets or splits is reported (Inception Score over
// splits, KID over subsets), "mean +- std" as in the papers that introduced them.
#pragma once

#include <vector>

namespace gan::metrics {

struct MeanStd {
  double mean = 0.0;
  double std = 0.0;  // population standard deviation: sqrt(mean of (value - mean)^2)
};

// The population std (divide by the count, not count - 1) is what the reference code of the
// Inception Score (Salimans et al. 2016) and KID (Binkowski et al. 2018) report (numpy's std).
// requires: values not empty
MeanStd mean_std(const std::vector<double>& values);

}  // namespace gan::metrics
