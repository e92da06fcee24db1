#include "gan/metrics/gmm.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace gan::metrics {

namespace {

constexpr double kLog2Pi = 1.8378770664093454836;

double squared_distance(const double* a, const double* b, int D) {
  double sum = 0.0;
  for (int d = 0; d < D; ++d) sum += (a[d] - b[d]) * (a[d] - b[d]);
  return sum;
}

// log N(x_n | mu_m, Sigma_m) for every point n and component m -> (N, M), through the Cholesky
// factor: with L z = x - mu, log N = -(D log 2 pi + log det Sigma + ||z||^2) / 2.
Matrix component_log_densities(const GaussianMixture& gmm, const Matrix& x) {
  int N = x.rows, D = x.cols, M = static_cast<int>(gmm.weights.size());
  Matrix log_densities(N, M);
  std::vector<double> z(D);
  for (int m = 0; m < M; ++m) {
    double log_det = log_det_from_cholesky(gmm.choleskies[m]);
    for (int n = 0; n < N; ++n) {
      for (int d = 0; d < D; ++d) z[d] = x(n, d) - gmm.means[m][d];
      solve_lower(gmm.choleskies[m], z.data());
      double mahalanobis = 0.0;
      for (int d = 0; d < D; ++d) mahalanobis += z[d] * z[d];
      log_densities(n, m) = -0.5 * (D * kLog2Pi + log_det + mahalanobis);
    }
  }
  return log_densities;
}

// log sum_m exp(a_m), shifted by the largest term so that nothing overflows.
double log_sum_exp(const double* a, int count) {
  double largest = *std::max_element(a, a + count);
  if (largest == -std::numeric_limits<double>::infinity()) return largest;
  double sum = 0.0;
  for (int m = 0; m < count; ++m) sum += std::exp(a[m] - largest);
  return largest + std::log(sum);
}

// M step: weights, means and floored covariances from responsibilities r (N, M).
void maximisation_step(const Matrix& x, const Matrix& r, double floor, GaussianMixture& gmm) {
  int N = x.rows, D = x.cols, M = r.cols;
  for (int m = 0; m < M; ++m) {
    double N_m = 0.0;
    for (int n = 0; n < N; ++n) N_m += r(n, m);
    N_m = std::max(N_m, 1e-12);  // an emptied component: weight ~0, mean 0, covariance floor I
    gmm.weights[m] = N_m / N;
    std::vector<double>& mu = gmm.means[m];
    std::fill(mu.begin(), mu.end(), 0.0);
    for (int n = 0; n < N; ++n) {
      for (int d = 0; d < D; ++d) mu[d] += r(n, m) * x(n, d);
    }
    for (double& value : mu) value /= N_m;
    Matrix& sigma = gmm.covariances[m];
    sigma = Matrix(D, D);
    std::vector<double> centred(D);
    for (int n = 0; n < N; ++n) {
      double weight = r(n, m);
      if (weight == 0.0) continue;
      for (int d = 0; d < D; ++d) centred[d] = x(n, d) - mu[d];
      for (int i = 0; i < D; ++i) {
        for (int j = i; j < D; ++j) sigma(i, j) += weight * centred[i] * centred[j];
      }
    }
    for (int i = 0; i < D; ++i) {
      for (int j = i; j < D; ++j) sigma(j, i) = sigma(i, j) = sigma(i, j) / N_m;
      sigma(i, i) += floor;
    }
    gmm.choleskies[m] = cholesky(sigma);
  }
}

// k-means++ seeding then Lloyd iterations: the label of each point's nearest centre.
std::vector<int> kmeans_labels(const Matrix& x, int M, int iterations, Rng& rng) {
  int N = x.rows, D = x.cols;
  Matrix centres(M, D);
  // Seeding: the first centre uniform, each next one a point drawn with probability
  // proportional to its squared distance to the nearest centre chosen so far.
  std::vector<double> nearest(N, std::numeric_limits<double>::infinity());
  int chosen = rng.uniform_int(N);
  for (int m = 0; m < M; ++m) {
    std::copy_n(x.row(chosen), D, centres.row(m));
    double total = 0.0;
    for (int n = 0; n < N; ++n) {
      nearest[n] = std::min(nearest[n], squared_distance(x.row(n), centres.row(m), D));
      total += nearest[n];
    }
    if (m + 1 == M) break;
    if (total == 0.0) {  // every point sits on a centre: any point will do
      chosen = rng.uniform_int(N);
      continue;
    }
    double target = rng.uniform() * total;
    chosen = N - 1;  // in case rounding leaves target just above the last partial sum
    double cumulative = 0.0;
    for (int n = 0; n < N; ++n) {
      cumulative += nearest[n];
      if (cumulative > target) {
        chosen = n;
        break;
      }
    }
  }
  std::vector<int> labels(N, 0);
  for (int step = 0; step <= iterations; ++step) {
    for (int n = 0; n < N; ++n) {  // assign
      double best = std::numeric_limits<double>::infinity();
      for (int m = 0; m < M; ++m) {
        double distance = squared_distance(x.row(n), centres.row(m), D);
        if (distance < best) {
          best = distance;
          labels[n] = m;
        }
      }
    }
    if (step == iterations) break;
    Matrix sums(M, D);  // update; an empty cluster keeps its centre
    std::vector<int> counts(M, 0);
    for (int n = 0; n < N; ++n) {
      ++counts[labels[n]];
      for (int d = 0; d < D; ++d) sums(labels[n], d) += x(n, d);
    }
    for (int m = 0; m < M; ++m) {
      if (counts[m] == 0) continue;
      for (int d = 0; d < D; ++d) centres(m, d) = sums(m, d) / counts[m];
    }
  }
  return labels;
}

}  // namespace

GaussianMixture fit_gmm(const Matrix& x, Rng& rng, const GmmSettings& settings) {
  int N = x.rows, D = x.cols, M = settings.components;
  if (M < 1 || N < M || D < 1) {
    throw std::invalid_argument("fit_gmm: x must be (N, D) with N >= components >= 1, got (" + std::to_string(N) +
                                ", " + std::to_string(D) + ") and " + std::to_string(M) + " components");
  }
  for (size_t k = 0; k < x.data.size(); ++k) {
    if (!std::isfinite(x.data[k])) {
      throw std::invalid_argument("fit_gmm: x has a non-finite value at (" + std::to_string(k / D) + ", " +
                                  std::to_string(k % D) + ")");
    }
  }
  // The covariance floor, scaled to the data: regularisation times the mean per-dimension variance.
  double mean_variance = 0.0;
  for (int d = 0; d < D; ++d) {
    double mean = 0.0, squares = 0.0;
    for (int n = 0; n < N; ++n) mean += x(n, d);
    mean /= N;
    for (int n = 0; n < N; ++n) squares += (x(n, d) - mean) * (x(n, d) - mean);
    mean_variance += squares / N / D;
  }
  double floor = settings.regularisation * (mean_variance > 0.0 ? mean_variance : 1.0);

  GaussianMixture gmm;
  gmm.weights.assign(M, 0.0);
  gmm.means.assign(M, std::vector<double>(D, 0.0));
  gmm.covariances.assign(M, Matrix(D, D));
  gmm.choleskies.assign(M, Matrix(D, D));
  // Start from the k-means partition: responsibilities 1 for the own cluster, then one M step.
  Matrix r(N, M);
  std::vector<int> labels = kmeans_labels(x, M, settings.kmeans_iterations, rng);
  for (int n = 0; n < N; ++n) r(n, labels[n]) = 1.0;
  maximisation_step(x, r, floor, gmm);

  double previous = -std::numeric_limits<double>::infinity();
  for (int step = 0; step < settings.max_iterations; ++step) {
    // E step: r_nm = exp(log w_m + log N_nm - log p(x_n)); the mean of log p(x_n) is what EM raises.
    Matrix log_r = component_log_densities(gmm, x);
    double log_likelihood = 0.0;
    for (int n = 0; n < N; ++n) {
      double* row = log_r.row(n);
      for (int m = 0; m < M; ++m) row[m] += std::log(gmm.weights[m]);
      double log_p = log_sum_exp(row, M);
      log_likelihood += log_p;
      for (int m = 0; m < M; ++m) r(n, m) = std::exp(row[m] - log_p);
    }
    log_likelihood /= N;
    maximisation_step(x, r, floor, gmm);
    ++gmm.em_steps;
    if (log_likelihood - previous < settings.tolerance) break;
    previous = log_likelihood;
  }
  return gmm;
}

std::vector<double> gmm_log_density(const GaussianMixture& gmm, const Matrix& x) {
  int M = static_cast<int>(gmm.weights.size());
  if (M == 0 || x.cols != static_cast<int>(gmm.means[0].size())) {
    throw std::invalid_argument("gmm_log_density: x must be (N, D) with the mixture's D");
  }
  Matrix log_terms = component_log_densities(gmm, x);
  std::vector<double> result(x.rows);
  for (int n = 0; n < x.rows; ++n) {
    double* row = log_terms.row(n);
    for (int m = 0; m < M; ++m) row[m] += std::log(gmm.weights[m]);
    result[n] = log_sum_exp(row, M);
  }
  return result;
}

Matrix sample_gmm(const GaussianMixture& gmm, int count, Rng& rng) {
  int M = static_cast<int>(gmm.weights.size());
  int D = M > 0 ? static_cast<int>(gmm.means[0].size()) : 0;
  Matrix samples(count, D);
  std::vector<double> z(D);
  for (int s = 0; s < count; ++s) {
    // The component by inverting the cumulative weights, then mu + L z with z ~ N(0, I).
    double target = rng.uniform();
    int m = M - 1;
    double cumulative = 0.0;
    for (int c = 0; c < M; ++c) {
      cumulative += gmm.weights[c];
      if (target < cumulative) {
        m = c;
        break;
      }
    }
    for (int d = 0; d < D; ++d) z[d] = rng.normal();
    const Matrix& L = gmm.choleskies[m];
    for (int i = 0; i < D; ++i) {
      double sum = gmm.means[m][i];
      for (int k = 0; k <= i; ++k) sum += L(i, k) * z[k];
      samples(s, i) = sum;
    }
  }
  return samples;
}

}  // namespace gan::metrics
