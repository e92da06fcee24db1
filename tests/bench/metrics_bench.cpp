// Times every metric at the sizes a GAN evaluation uses: 10k real vs 10k generated samples of
// 128-d features, SSIM diversity on 28 x 28 images with its default pair count, and the exact
// assignment W1 separately at n = 1000 and 2000 (its O(n^3) keeps it out of the 10k run).
// Not a test: build with `cmake --build build --target metrics_bench` and run
//
//   build/bench/metrics_bench [threads]        (default 2)
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "gan/kernels/parallel.h"
#include "gan/metrics/auc.h"
#include "gan/metrics/dist_diff.h"
#include "gan/metrics/fid.h"
#include "gan/metrics/inception_score.h"
#include "gan/metrics/mmd.h"
#include "gan/metrics/mode_coverage.h"
#include "gan/metrics/precision_recall.h"
#include "gan/metrics/ssim.h"
#include "gan/metrics/wasserstein.h"
#include "gan/tensor/rng.h"

using namespace gan;
using namespace gan::metrics;

namespace {

// Runs `f` once, prints its time and result, returns the seconds.
double time_it(const char* name, const std::function<double()>& f) {
  auto start = std::chrono::steady_clock::now();
  double value = f();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%-42s %8.3f s   value %.6g\n", name, seconds, value);
  return seconds;
}

// N samples, D features: a Gaussian with a mean shift and a scale, so that the metrics see a
// real difference between the two sets.
Tensor features(int N, int D, float mean, float stddev, Rng& rng) {
  Tensor x({N, D});
  rng.fill_normal(x, mean, stddev);
  return x;
}

}  // namespace

int main(int argc, char** argv) {
  int threads = argc > 1 ? std::atoi(argv[1]) : 2;
  kernels::set_num_threads(threads);
  std::printf("metrics_bench: %d thread(s); 10k vs 10k samples of 128-d features\n\n", threads);

  Rng rng(2024);
  const int N = 10000, D = 128, K = 10;
  Tensor real = features(N, D, 0.0f, 1.0f, rng);
  Tensor fake = features(N, D, 0.05f, 1.1f, rng);
  std::vector<float> real_scores(N), fake_scores(N);
  for (float& s : real_scores) s = rng.normal(0.5f, 1.0f);
  for (float& s : fake_scores) s = rng.normal(-0.5f, 1.0f);
  Tensor probabilities({N, K});  // a softmax of random logits
  for (int n = 0; n < N; ++n) {
    double sum = 0.0;
    for (int k = 0; k < K; ++k) {
      probabilities.at(n, k) = std::exp(2.0f * rng.normal());
      sum += probabilities.at(n, k);
    }
    for (int k = 0; k < K; ++k) probabilities.at(n, k) = static_cast<float>(probabilities.at(n, k) / sum);
  }
  Tensor images({N, 1, 28, 28});
  rng.fill_uniform(images, -1.0f, 1.0f);

  double total = 0.0;
  total += time_it("FID", [&] { return fid(real, fake); });
  total += time_it("KID (100 subsets of 1000)", [&] { return kernel_inception_distance(real, fake, rng).mean; });
  total += time_it("Gaussian MMD^2 (all pairs, median bw)", [&] { return gaussian_mmd2(real, fake, rng).mmd2; });
  total += time_it("precision / recall (k = 3): precision", [&] { return precision_recall(real, fake).precision; });
  total += time_it("Dist-Diff (10 dims, 5 components)", [&] { return dist_diff(real, fake, rng).kl; });
  total += time_it("sliced W1 (128 projections)", [&] { return sliced_wasserstein1(real, fake, rng); });
  total += time_it("W1 1-D (discriminator scores)", [&] { return wasserstein1_1d(real_scores, fake_scores); });
  total += time_it("discriminator AUC", [&] { return discriminator_auc(real_scores, fake_scores); });
  total += time_it("Inception Score (10 splits)", [&] { return inception_score(probabilities).mean; });
  total += time_it("mode coverage: KL to uniform", [&] { return mode_coverage(probabilities).kl_to_uniform; });
  total += time_it("SSIM diversity (28x28, 2000 pairs)", [&] { return ssim_diversity(images, rng).diversity; });
  std::printf("%-42s %8.3f s\n\n", "total (all but the assignment W1)", total);

  for (int n : {1000, 2000}) {
    Tensor a = features(n, D, 0.0f, 1.0f, rng);
    Tensor b = features(n, D, 0.05f, 1.1f, rng);
    char name[64];
    std::snprintf(name, sizeof(name), "W1 by assignment (Hungarian), n = %d", n);
    time_it(name, [&] { return wasserstein1_assignment(a, b); });
  }
  return 0;
}
