#include "gan/train/training_step.h"

#include <cmath>
#include <limits>

#include "gan/autograd/variable.h"
#include "gan/kernels/elementwise.h"
#include "gan/ops/activations.h"

namespace gan {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// mean over the batch of D = sigmoid(logit), summed in double in kernels::sum's fixed order
double mean_probability(const Tensor& logits) {
  return kernels::sum(logits.numel(), [](float logit) { return sigmoid_value(logit); }, logits.ptr()) /
         static_cast<double>(logits.numel());
}

// Batch norm layers update their running statistics on every training-mode forward pass. The
// extra measuring pass must leave the models exactly as training left them, so it saves and
// restores those buffers around itself.
std::vector<Tensor> save_buffers(const std::vector<nn::NamedBuffer>& buffers) {
  std::vector<Tensor> saved;
  for (const nn::NamedBuffer& buffer : buffers) saved.push_back(*buffer.tensor);
  return saved;
}

void restore_buffers(const std::vector<nn::NamedBuffer>& buffers, const std::vector<Tensor>& saved) {
  for (size_t i = 0; i < buffers.size(); ++i) *buffers[i].tensor = saved[i];
}

}  // namespace

double gradient_norm(const std::vector<nn::NamedParameter>& parameters, std::string* first_non_finite) {
  double sum_of_squares = 0.0;
  for (const nn::NamedParameter& parameter : parameters) {
    const Tensor& grad = parameter.variable.grad();
    double parameter_sum = kernels::sum(grad.numel(), [](float g) { return static_cast<double>(g) * g; }, grad.ptr());
    if (!std::isfinite(parameter_sum) && first_non_finite != nullptr && first_non_finite->empty()) {
      *first_non_finite = "grad of " + parameter.name;
    }
    sum_of_squares += parameter_sum;
  }
  return std::sqrt(sum_of_squares);
}

StepStatistics training_step(GanModels& models, Optimizer& d_optimizer, Optimizer& g_optimizer,
                             const Objective& objective, const Tensor& real, const std::vector<int>& labels,
                             Rng& noise_rng, const StepSettings& settings) {
  Generator& G = *models.generator;
  Discriminator& D = *models.discriminator;
  const int N = real.size(0);
  StepStatistics stats;

  // z ~ N(0, I): (N, Z). Conditional models draw G's labels with the real batch's labels, so that
  // D compares real and fake images of the same classes.
  Tensor z_values({N, settings.z_dim});
  noise_rng.fill_normal(z_values, 0.0f, 1.0f);
  Variable z(z_values);
  Variable fake = G.forward(z, labels);                      // (N, C, H, W)

  // 1. Discriminator step: minimise objective.d_loss; G(z) is detached so only D learns here.
  Variable d_real_logits = D.forward(Variable(real), labels);  // (N, 1)
  Variable d_fake_logits = D.forward(fake.detach(), labels);   // (N, 1)
  Variable d_loss = objective.d_loss(d_real_logits, d_fake_logits);
  stats.d_loss = d_loss.value().data[0];
  stats.d_real = mean_probability(d_real_logits.value());
  stats.d_fake = mean_probability(d_fake_logits.value());
  std::vector<nn::NamedParameter> d_parameters = D.parameters();
  d_optimizer.zero_grad();
  d_loss.backward();
  stats.grad_norm_d = gradient_norm(d_parameters, &stats.non_finite);
  if (!std::isfinite(stats.d_loss)) stats.non_finite = "d_loss";
  if (!stats.non_finite.empty()) {
    stats.skipped = true;
    d_optimizer.zero_grad();
    return stats;
  }
  d_optimizer.step();
  if (objective.clips_discriminator_weights) clip_weights(d_parameters, settings.clip_limit);

  stats.g_loss = stats.d_fake_after = stats.grad_norm_g = kNaN;
  if (!settings.update_generator) return stats;

  // 2. Generator step: minimise objective.g_loss on the updated D's view of the same fake batch.
  g_optimizer.zero_grad();
  {
    // D is only the path from G(z) to the loss here: gradient flows through D's layers to G, but
    // D's own parameters are held fixed, which skips the products of D's weight gradients.
    nn::FrozenParameters frozen(d_parameters);
    Variable g_loss = objective.g_loss(D.forward(fake, labels));
    stats.g_loss = g_loss.value().data[0];
    g_loss.backward();
  }
  std::vector<nn::NamedParameter> g_parameters = G.parameters();
  stats.grad_norm_g = gradient_norm(g_parameters, &stats.non_finite);
  if (!std::isfinite(stats.g_loss)) stats.non_finite = "g_loss";
  if (!stats.non_finite.empty()) {
    stats.skipped = true;
    g_optimizer.zero_grad();
    return stats;
  }
  g_optimizer.step();
  stats.generator_updated = true;

  if (settings.measure_after) {  // D(G(z)) for the same z, after both players moved
    NoGradGuard no_grad;
    std::vector<nn::NamedBuffer> g_buffers = G.buffers(), d_buffers = D.buffers();
    std::vector<Tensor> saved_g = save_buffers(g_buffers), saved_d = save_buffers(d_buffers);
    stats.d_fake_after = mean_probability(D.forward(G.forward(z, labels), labels).value());
    restore_buffers(g_buffers, saved_g);
    restore_buffers(d_buffers, saved_d);
  }
  return stats;
}

}  // namespace gan
