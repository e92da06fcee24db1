// 02 — An MLP GAN learns MNIST digits, with the training loop written out.
//
// Goodfellow et al. (2014) set two networks against each other:
//   D(x) is the probability that x came from the data rather than from G;
//   G(z) turns noise z ~ N(0, I) into an image.
// They play  min_G max_D  E_x[log D(x)] + E_z[log(1 - D(G(z)))]   (Eq. 1).
// Each step below makes one move for each player. `gan train` runs the same loop (with logging
// and checkpoints) through gan::training_step; here every line of it is in view.
//
//   build/examples/02_mlp_gan_mnist [--epochs N] [--out DIR] [--smoke]
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "gan/data/batches.h"
#include "gan/data/dataset.h"
#include "gan/io/png.h"
#include "gan/losses/objectives.h"
#include "gan/models/gan_models.h"
#include "gan/ops/activations.h"
#include "gan/optim/adam.h"

using namespace gan;

int main(int argc, char** argv) {
  int epochs = 3;
  int limit = 10000;
  std::string out = "runs/example_02";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--smoke")) {  // a few steps on a few images: proves the example runs
      epochs = 1;
      limit = 256;
    } else if (!std::strcmp(argv[i], "--epochs") && i + 1 < argc) {
      epochs = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--out") && i + 1 < argc) {
      out = argv[++i];
    }
  }
  std::filesystem::create_directories(out);

  // 1. Data: 10,000 MNIST digits shipped in data/, scaled to [-1, 1] to match G's tanh output.
  Dataset mnist = load_dataset("mnist", GAN_SOURCE_DIR "/data");
  const int N = std::min(limit, mnist.images.size(0));
  const int batch = 64;

  // 2. Models: the MLP GAN of include/gan/models/mlp_gan.h.
  //    G: z (N, 100) -> 256 -> 512 -> 1024 -> 784 -> (N, 1, 28, 28), tanh
  //    D: (N, 1, 28, 28) -> 784 -> 512 -> 256 -> 1 logit
  Rng init_rng(1);
  ModelSettings settings;
  settings.architecture = "mlp";
  GanModels models = make_gan(settings, init_rng);
  Generator& G = *models.generator;
  Discriminator& D = *models.discriminator;

  // 3. Optimisers: Adam with Radford et al.'s (2015) lr 2e-4 and beta1 0.5, one per player.
  Adam d_optimizer(D.parameters(), AdamSettings{});
  Adam g_optimizer(G.parameters(), AdamSettings{});

  Rng data_rng(2), noise_rng(3);
  Tensor fixed_z({64, settings.z_dim});  // the same z every epoch, so the grids are comparable
  Rng(4).fill_normal(fixed_z, 0.0f, 1.0f);

  for (int epoch = 1; epoch <= epochs; ++epoch) {
    std::vector<int> order = shuffled_indices(N, data_rng);
    double d_real_sum = 0, d_fake_sum = 0;
    int steps = N / batch;
    for (int step = 0; step < steps; ++step) {
      Variable x(gather_images(mnist.images, order, step * batch, batch));  // (N, 1, 28, 28)
      Tensor z_values({batch, settings.z_dim});
      noise_rng.fill_normal(z_values, 0.0f, 1.0f);
      Variable fake = G.forward(Variable(z_values), {});                    // G(z): (N, 1, 28, 28)

      // 4. Discriminator step: maximise log D(x) + log(1 - D(G(z))), i.e. minimise d_loss_minimax.
      //    G(z) is detached: this move belongs to D alone.
      Variable d_real_logits = D.forward(x, {});                            // (N, 1)
      Variable d_fake_logits = D.forward(fake.detach(), {});                // (N, 1)
      Variable d_loss = d_loss_minimax(d_real_logits, d_fake_logits);
      d_optimizer.zero_grad();
      d_loss.backward();
      d_optimizer.step();

      // 5. Generator step: the non-saturating loss, minimise -log D(G(z)) (Goodfellow et al. 2014,
      //    Sec. 3). It has the same fixed point as the minimax loss but strong gradients early,
      //    when D easily rejects G's samples (see example 04).
      Variable g_loss = g_loss_nonsaturating(D.forward(fake, {}));
      g_optimizer.zero_grad();
      g_loss.backward();
      g_optimizer.step();

      for (int i = 0; i < batch; ++i) {
        d_real_sum += sigmoid_value(d_real_logits.value().data[i]);  // D = sigmoid(logit)
        d_fake_sum += sigmoid_value(d_fake_logits.value().data[i]);
      }
    }
    // 6. Artefacts: D's average beliefs (at equilibrium both tend to 1/2) and a grid from fixed z.
    std::printf("epoch %d: D(x) %.3f  D(G(z)) %.3f\n", epoch, d_real_sum / (steps * batch),
                d_fake_sum / (steps * batch));
    NoGradGuard no_grad;
    G.set_training(false);
    char path[256];
    std::snprintf(path, sizeof path, "%s/epoch_%04d.png", out.c_str(), epoch);
    write_png_grid(path, G.forward(Variable(fixed_z), {}).value(), 8);
    G.set_training(true);
    std::printf("  samples: %s\n", path);
  }
  return 0;
}
