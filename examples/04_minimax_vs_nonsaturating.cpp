// 04 — Why G minimises -log D(G(z)) instead of log(1 - D(G(z))).
//
// In the minimax game (Goodfellow et al. 2014, Eq. 1) G minimises E_z[log(1 - D(G(z)))]. Early in
// training D rejects G's samples easily: D(G(z)) = sigmoid(l) ~ 0. There, with l the logit,
//   d/dl  log(1 - sigmoid(l)) = -sigmoid(l)       -> 0  (the gradient vanishes: G "saturates")
//   d/dl -log(sigmoid(l))     = -(1 - sigmoid(l)) -> -1 (the gradient stays strong)
// Both losses are minimised by the same G; only the second gives G something to learn from when
// it is losing (Sec. 3 of the paper). This example measures it: it trains D alone against a
// fixed, untrained G until D(G(z)) ~ 0, and prints the mean |dL_G/dlogit| of both losses on the way.
//
//   build/examples/04_minimax_vs_nonsaturating [--smoke]
#include <cmath>
#include <cstdio>
#include <cstring>

#include "gan/data/batches.h"
#include "gan/data/dataset.h"
#include "gan/losses/objectives.h"
#include "gan/models/gan_models.h"
#include "gan/ops/activations.h"
#include "gan/optim/adam.h"

using namespace gan;

namespace {

// Mean over the batch of the per-sample |dL/dlogit| of a generator loss at the given logits.
double mean_gradient_magnitude(Variable (*g_loss)(const Variable&), const Tensor& d_fake_logits) {
  Variable logits(d_fake_logits, /*requires_grad=*/true);
  g_loss(logits).backward();
  double sum = 0;
  for (float g : logits.grad().data) sum += std::fabs(g);
  // The losses are means over N, so each logit's gradient carries a factor 1/N: the sum of the
  // magnitudes is the mean per-sample gradient.
  return sum;
}

double mean_probability(const Tensor& logits) {
  double sum = 0;
  for (float l : logits.data) sum += sigmoid_value(l);  // D = sigmoid(logit)
  return sum / logits.numel();
}

}  // namespace

int main(int argc, char** argv) {
  bool smoke = argc > 1 && !std::strcmp(argv[1], "--smoke");
  const int batch = 64;
  const int d_steps = smoke ? 4 : 200;

  Dataset mnist = load_dataset("mnist", GAN_SOURCE_DIR "/data");
  Rng init_rng(1), data_rng(2), noise_rng(3);
  ModelSettings settings;
  settings.architecture = "mlp";
  GanModels models = make_gan(settings, init_rng);
  Generator& G = *models.generator;
  Discriminator& D = *models.discriminator;
  Adam d_optimizer(D.parameters(), AdamSettings{});

  // One fixed batch of fakes from the untrained G: it never moves in this experiment.
  Tensor z({batch, settings.z_dim});
  noise_rng.fill_normal(z, 0.0f, 1.0f);
  Tensor fake;
  {
    NoGradGuard no_grad;
    fake = G.forward(Variable(z), {}).value();
  }

  std::printf("%8s %10s %26s %26s\n", "D steps", "D(G(z))", "|dL/dl| minimax log(1-D)", "|dL/dl| non-saturating");
  std::vector<int> order = shuffled_indices(mnist.images.size(0), data_rng);
  for (int step = 0; step <= d_steps; ++step) {
    if (step == 0 || step == d_steps || (step & (step - 1)) == 0) {  // at 0, 1, 2, 4, 8, ... and the end
      Tensor d_fake_logits;
      {
        NoGradGuard no_grad;
        d_fake_logits = D.forward(Variable(fake), {}).value();
      }
      std::printf("%8d %10.5f %26.6f %26.6f\n", step, mean_probability(d_fake_logits),
                  mean_gradient_magnitude(g_loss_minimax, d_fake_logits),
                  mean_gradient_magnitude(g_loss_nonsaturating, d_fake_logits));
    }
    if (step == d_steps) break;
    // D learns to tell real digits from this fixed batch of fakes: minimise d_loss_minimax.
    Variable real(gather_images(mnist.images, order, (step * batch) % (mnist.images.size(0) - batch), batch));
    Variable d_loss = d_loss_minimax(D.forward(real, {}), D.forward(Variable(fake), {}));
    d_optimizer.zero_grad();
    d_loss.backward();
    d_optimizer.step();
  }
  std::printf("\nAs D(G(z)) -> 0 the minimax loss's gradient vanishes with it; the non-saturating one tends to 1.\n");
  return 0;
}
