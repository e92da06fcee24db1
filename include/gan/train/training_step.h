// One step of adversarial training: the two updates of Goodfellow et al. (2014), Algorithm 1.
//
//   discriminator step: ascend  E_x[log D(x)] + E_z[log(1 - D(G(z)))]   (Eq. 1, as a loss to minimise:
//                       objective.d_loss(d_real_logits, d_fake_logits))
//   generator step:     descend objective.g_loss(D(G(z))), e.g. the non-saturating -E_z[log D(G(z))]
//
// The same fake batch G(z) serves both steps (as in the PyTorch reference): detached for the
// discriminator step, so that G receives no gradient there, and re-scored by the updated D for the
// generator step. With --d-steps k, the generator step runs after every k-th discriminator step
// (the "n_critic" of WGAN, Arjovsky et al. 2017, Algorithm 1).
#pragma once

#include <string>
#include <vector>

#include "gan/losses/objectives.h"
#include "gan/models/gan_models.h"
#include "gan/optim/optimizer.h"
#include "gan/tensor/rng.h"

namespace gan {

// What one step measured: the columns of steps.csv.
struct StepStatistics {
  double d_loss = 0;
  double g_loss = 0;          // NaN when no generator step ran
  double d_real = 0;          // mean D(x)
  double d_fake = 0;          // mean D(G(z)) scored by D before either update
  double d_fake_after = 0;    // mean D(G(z)) after both updates (same z), NaN when no G step ran
  double grad_norm_d = 0;     // ||dL_D/dtheta_D||_2 before D's update
  double grad_norm_g = 0;     // ||dL_G/dtheta_G||_2 before G's update, NaN when no G step ran
  bool generator_updated = false;
  // A non-finite value was found, and the player whose step found it applied no update. When that
  // is G's step, D's update earlier in the same step stands (and batch norm's running statistics
  // of both players have seen this batch), so a skipped step is "G did not move", not a rollback.
  bool skipped = false;
  std::string non_finite;     // which value was non-finite, e.g. "d_loss" or "grad of g.3.weight"
};

struct StepSettings {
  int z_dim = ModelSettings{}.z_dim;
  bool update_generator = true;  // false on the first k-1 of every k discriminator steps
  bool measure_after = true;     // score the new G(z) with the new D (costs one more forward pass of each)
  float clip_limit = kWganClipLimit;  // WGAN weight clipping, when the objective asks for it
};

// requires: real (N, C, H, W) in [-1, 1]; labels empty, or N class indices for conditional models.
// z is drawn from noise_rng, so a run is reproducible from the seed.
StepStatistics training_step(GanModels& models, Optimizer& d_optimizer, Optimizer& g_optimizer,
                             const Objective& objective, const Tensor& real, const std::vector<int>& labels,
                             Rng& noise_rng, const StepSettings& settings);

// ||grad||_2 over all parameters, summed in a fixed order in double; NaN/inf propagate.
// `first_non_finite` receives the name of the first parameter whose gradient is not finite.
double gradient_norm(const std::vector<nn::NamedParameter>& parameters, std::string* first_non_finite);

}  // namespace gan
