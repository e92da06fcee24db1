#include "gan/toy/toy_run.h"

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "gan/io/atomic_file.h"
#include "gan/io/csv.h"
#include "gan/kernels/math_functions_double.h"
#include "gan/kernels/parallel.h"
#include "gan/optim/adam.h"
#include "gan/toy/toy_measures.h"
#include "gan/toy/toy_models.h"
#include "gan/toy/toy_plots.h"
#include "gan/train/training_step.h"

namespace gan::toy {

namespace {

namespace fs = std::filesystem;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* const kEpochColumns =
    "epoch,steps,d_loss,g_loss,d_real,d_fake,d_g_z,grad_minimax,grad_nonsaturating,value_samples,value_samples_se,"
    "jsd,value_d,value_d_star,identity_error,two_jsd_minus_log4,bandwidth,p_g_mass,gap_mean,gap_max,"
    "modes_covered,modes_total,high_quality\n";
const char* const kDOnlyColumns =
    "step,d_loss,d_g_z,grad_minimax,grad_nonsaturating,value_samples,jsd,value_d,value_d_star,gap_mean,gap_max\n";

// A number as format_float writes it; NaN (a figure that does not apply) as a blank cell.
std::string cell(double value) { return std::isnan(value) ? "" : format_float(value); }

std::string row(const std::vector<double>& values) {
  std::string line;
  for (size_t i = 0; i < values.size(); ++i) line += (i ? "," : "") + cell(values[i]);
  return line + "\n";
}

void validate(const ToyConfig& c) {
  toy_distribution(c.dist);  // throws for an unknown name
  objective_named(c.loss);
  auto at_least = [](const char* name, double value, double minimum) {
    if (!(value >= minimum)) {
      throw std::invalid_argument(std::string("run_toy: ") + name + " must be >= " + format_float(minimum) +
                                  ", got " + format_float(value));
    }
  };
  at_least("epochs", c.epochs, 0);
  at_least("steps_per_epoch", c.steps_per_epoch, 1);
  at_least("batch", c.batch, 1);
  at_least("d_steps", c.d_steps, 1);
  at_least("z_dim", c.z_dim, 1);
  at_least("hidden", c.hidden, 1);
  at_least("layers", c.layers, 1);
  at_least("samples", c.samples, 2);
  at_least("bandwidth", c.bandwidth, 0);
  at_least("fields_every", c.fields_every, 1);
  at_least("train_d_only", c.train_d_only, 0);
  if (!(c.mode_share > 0 && c.mode_share <= 1)) {
    throw std::invalid_argument("run_toy: mode_share must be in (0, 1], got " + format_float(c.mode_share));
  }
}

// The run's state: distribution, players, optimisers, objective, random streams and fixed inputs.
struct Toy {
  ToyConfig config;
  ToyDistribution distribution;
  GanModels models;
  std::unique_ptr<Adam> g_optimizer, d_optimizer;
  Objective objective;
  Rng data_rng, noise_rng;
  Tensor z_fixed, data_fixed;  // (M, Z), (M, D): the same every epoch

  explicit Toy(const ToyConfig& c)
      : config(c), distribution(toy_distribution(c.dist)), objective(objective_named(c.loss)),
        data_rng(c.seed, 2), noise_rng(c.seed, 3) {
    Rng model_rng(c.seed, 1), fixed_rng(c.seed, 4);
    models = make_toy_gan(ToyModelSettings{distribution.dim, c.z_dim, c.hidden, c.layers}, model_rng);
    g_optimizer = std::make_unique<Adam>(models.generator->parameters(), AdamSettings{c.lr_g, c.beta1, c.beta2});
    d_optimizer = std::make_unique<Adam>(models.discriminator->parameters(), AdamSettings{c.lr_d, c.beta1, c.beta2});
    z_fixed = Tensor({c.samples, c.z_dim});
    fixed_rng.fill_normal(z_fixed, 0.0f, 1.0f);
    data_fixed = distribution.sample(c.samples, fixed_rng);
  }
};

// The first `count` rows of points (N, D).
Tensor first_rows(const Tensor& points, int count) {
  count = std::min(count, points.size(0));
  const int D = points.size(1);
  return Tensor({count, D}, ScalarStorage(points.data.begin(), points.data.begin() + count * D));
}

std::string uppercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

void write_fields_1d(const std::string& stem, const std::string& title, const Measures1d& m) {
  std::string csv = "x,p_data,p_g,d,d_star\n";
  for (int i = 0; i < m.grid.points; ++i) csv += row({m.grid.x(i), m.p_data[i], m.p_g[i], m.d[i], m.d_star[i]});
  write_file_atomically(stem + ".csv", csv);
  plot_densities_1d(stem + ".png", {title, m.grid, m.p_data, m.p_g, m.d, m.d_star});
}

void write_fields_2d(const std::string& stem, const std::string& title, const Toy& toy, const Measures2d& m) {
  const int F = kField2dSize;
  const double e = toy.distribution.extent;
  std::string csv = "x,y,d\n";
  for (int i = 0; i < F; ++i) {
    for (int j = 0; j < F; ++j) csv += row({-e + 2 * e * j / (F - 1), -e + 2 * e * i / (F - 1), m.field[i * F + j]});
  }
  write_file_atomically(stem + ".csv", csv);
  FieldPlot2d plot;
  plot.title = title;
  plot.extent = e;
  plot.field_size = F;
  plot.d = m.field;
  plot.data = first_rows(toy.data_fixed, kPlotSamples);
  plot.fake = first_rows(m.fake, kPlotSamples);
  plot.descent = first_rows(m.pull.descent, kPlotSamples);
  std::string samples = "source,x,y,descent_x,descent_y\n";
  for (int n = 0; n < plot.data.size(0); ++n) {
    samples += "data," + cell(plot.data.at(n, 0)) + "," + cell(plot.data.at(n, 1)) + ",,\n";
  }
  for (int n = 0; n < plot.fake.size(0); ++n) {
    samples += "g," + row({plot.fake.at(n, 0), plot.fake.at(n, 1), plot.descent.at(n, 0), plot.descent.at(n, 1)});
  }
  write_file_atomically(stem + "_samples.csv", samples);
  plot_field_2d(stem + ".png", plot);
}

// Epoch means of training_step's statistics.
struct EpochMeans {
  double d_loss = 0, g_loss = 0, d_real = 0, d_fake = 0;
  int steps = 0, g_steps = 0;
};

EpochMeans train_epoch(Toy& toy, int epoch) {
  const ToyConfig& c = toy.config;
  EpochMeans means;
  StepSettings settings;
  settings.z_dim = c.z_dim;
  settings.measure_after = false;
  for (int step = 0; step < c.steps_per_epoch; ++step) {
    settings.update_generator = (step + 1) % c.d_steps == 0;
    const Tensor real = toy.distribution.sample(c.batch, toy.data_rng);  // (N, D)
    StepStatistics s = training_step(toy.models, *toy.d_optimizer, *toy.g_optimizer, toy.objective, real, {},
                                     toy.noise_rng, settings);
    if (s.skipped) {
      throw std::runtime_error("epoch " + std::to_string(epoch) + ", step " + std::to_string(step + 1) + ": " +
                               s.non_finite + " is not finite; lower --lr-d and --lr-g");
    }
    means.d_loss += s.d_loss, means.d_real += s.d_real, means.d_fake += s.d_fake;
    if (s.generator_updated) means.g_loss += s.g_loss, ++means.g_steps;
    ++means.steps;
  }
  means.d_loss /= means.steps, means.d_real /= means.steps, means.d_fake /= means.steps;
  means.g_loss = means.g_steps > 0 ? means.g_loss / means.g_steps : kNaN;
  return means;
}

// One epoch's measures: the epochs.csv row, the console line, and the fields when due.
struct EpochRecord {
  std::string csv_row, line;
};

EpochRecord measure_epoch(Toy& toy, int epoch, const EpochMeans& means, bool fields_due, ToySummary& summary) {
  const ToyConfig& c = toy.config;
  char text[512];
  std::vector<double> values = {static_cast<double>(epoch), static_cast<double>(means.steps),
                                means.steps ? means.d_loss : kNaN, means.steps ? means.g_loss : kNaN,
                                means.steps ? means.d_real : kNaN, means.steps ? means.d_fake : kNaN};
  char stem[64];
  std::snprintf(stem, sizeof stem, "/fields/epoch_%04d", epoch);
  if (toy.distribution.dim == 1) {
    const Measures1d m = measure_1d(toy.distribution, toy.models, toy.z_fixed, toy.data_fixed, toy.objective, c.bandwidth);
    const double two_jsd_minus_log4 = 2 * m.theorem.jsd - kernels::log(4.0);
    values.insert(values.end(), {m.pull.d_fake, m.pull.minimax, m.pull.nonsaturating, m.value_samples,
                                 m.value_samples_se, m.theorem.jsd, m.value, m.theorem.value_at_optimum,
                                 m.theorem.identity_error, two_jsd_minus_log4, m.bandwidth, m.p_g_mass,
                                 m.gap.mean_gap, m.gap.max_gap, kNaN, kNaN, kNaN});
    summary.jsd = m.theorem.jsd;
    summary.value_d_star = m.theorem.value_at_optimum;
    summary.identity_error = m.theorem.identity_error;
    summary.max_identity_error = std::max(summary.max_identity_error, m.theorem.identity_error);
    std::snprintf(text, sizeof text,
                  "epoch %3d/%d  JSD %.5f  V(D,G) %.5f  V(D*,G) %.5f  2JSD-log4 %.5f  identity error %.1e  "
                  "D(G(z)) %.3f\n",
                  epoch, c.epochs, m.theorem.jsd, m.value, m.theorem.value_at_optimum, two_jsd_minus_log4,
                  m.theorem.identity_error, m.pull.d_fake);
    if (fields_due) {
      char title[128];
      std::snprintf(title, sizeof title, "%s, %s, EPOCH %d: JSD %.4f", uppercase(c.dist).c_str(),
                    uppercase(c.loss).c_str(), epoch, m.theorem.jsd);
      write_fields_1d(c.out + stem, title, m);
    }
  } else {
    const Measures2d m = measure_2d(toy.distribution, toy.models, toy.z_fixed, toy.data_fixed, toy.objective,
                                    c.mode_share);
    const double covered = m.has_modes ? m.modes.covered : kNaN;
    const double total = m.has_modes ? static_cast<double>(toy.distribution.modes.size()) : kNaN;
    const double quality = m.has_modes ? m.modes.high_quality : kNaN;
    values.insert(values.end(), {m.pull.d_fake, m.pull.minimax, m.pull.nonsaturating, m.value_samples,
                                 m.value_samples_se, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, covered,
                                 total, quality});
    summary.modes_covered = m.has_modes ? m.modes.covered : 0;
    summary.modes_total = static_cast<int>(toy.distribution.modes.size());
    summary.high_quality = quality;
    std::string modes = m.has_modes ? "modes " + std::to_string(m.modes.covered) + "/" +
                                          std::to_string(toy.distribution.modes.size()) + "  high quality " +
                                          format_float(std::round(m.modes.high_quality * 1000) / 1000) + "  "
                                    : "";
    std::snprintf(text, sizeof text, "epoch %3d/%d  %sD(G(z)) %.3f  |dl/dx| minimax %.4f nonsaturating %.4f\n",
                  epoch, c.epochs, modes.c_str(), m.pull.d_fake, m.pull.minimax, m.pull.nonsaturating);
    if (fields_due) {
      std::string title = uppercase(c.dist + ", " + c.loss + ", epoch " + std::to_string(epoch));
      if (m.has_modes) {
        title += ": " + std::to_string(m.modes.covered) + "/" + std::to_string(toy.distribution.modes.size()) + " MODES";
      }
      write_fields_2d(c.out + stem, title, toy, m);
    }
  }
  return {row(values), text};
}

// G frozen, D alone: minimise the minimax D loss (Eq. 1) on fresh batches, whose optimum is D*.
void train_d_only(Toy& toy, ToySummary& summary, bool print) {
  const ToyConfig& c = toy.config;
  Discriminator& D = *toy.models.discriminator;
  const int report_every = std::max(1, c.train_d_only / 10);
  std::string csv = kDOnlyColumns;
  double d_loss = kNaN;
  for (int step = 0; step <= c.train_d_only; ++step) {
    if (step > 0) {
      const Tensor real = toy.distribution.sample(c.batch, toy.data_rng);
      Tensor z({c.batch, c.z_dim});
      toy.noise_rng.fill_normal(z, 0.0f, 1.0f);
      const Tensor fake = generate(*toy.models.generator, z);
      toy.d_optimizer->zero_grad();
      Variable loss = d_loss_minimax(D.forward(Variable(real), {}), D.forward(Variable(fake), {}));
      d_loss = loss.value().data[0];
      loss.backward();
      toy.d_optimizer->step();
    }
    if (step % report_every != 0 && step != c.train_d_only) continue;
    const bool last = step == c.train_d_only;
    const std::string stem = c.out + "/fields/d_only";
    char title[128];
    std::snprintf(title, sizeof title, "%s, G FROZEN, D ALONE AFTER %d STEPS", uppercase(c.dist).c_str(), step);
    if (toy.distribution.dim == 1) {
      const Measures1d m = measure_1d(toy.distribution, toy.models, toy.z_fixed, toy.data_fixed, toy.objective,
                                      c.bandwidth);
      csv += row({static_cast<double>(step), d_loss, m.pull.d_fake, m.pull.minimax, m.pull.nonsaturating,
                  m.value_samples, m.theorem.jsd, m.value, m.theorem.value_at_optimum, m.gap.mean_gap, m.gap.max_gap});
      summary.d_only_gap_mean = m.gap.mean_gap;
      summary.d_only_gap_max = m.gap.max_gap;
      if (print) {
        std::printf("D alone, step %6d  V(D,G) %.5f  V(D*,G) %.5f  |D - D*| mean %.4f max %.4f  D(G(z)) %.3f  "
                    "|dl/dx| minimax %.4f nonsaturating %.4f\n",
                    step, m.value, m.theorem.value_at_optimum, m.gap.mean_gap, m.gap.max_gap, m.pull.d_fake,
                    m.pull.minimax, m.pull.nonsaturating);
      }
      if (last) write_fields_1d(stem, title, m);
    } else {
      const Measures2d m = measure_2d(toy.distribution, toy.models, toy.z_fixed, toy.data_fixed, toy.objective,
                                      c.mode_share);
      csv += row({static_cast<double>(step), d_loss, m.pull.d_fake, m.pull.minimax, m.pull.nonsaturating,
                  m.value_samples, kNaN, kNaN, kNaN, kNaN, kNaN});
      if (print) {
        std::printf("D alone, step %6d  D(G(z)) %.3f  |dl/dx| minimax %.4f nonsaturating %.4f\n", step,
                    m.pull.d_fake, m.pull.minimax, m.pull.nonsaturating);
      }
      if (last) write_fields_2d(stem, title, toy, m);
    }
    write_file_atomically(c.out + "/d_only.csv", csv);
  }
}

}  // namespace

void prepare_toy_folder(const std::string& out) {
  for (const char* sub : {"", "/fields"}) {
    std::error_code error;
    fs::create_directories(out + sub, error);
    if (error) throw std::runtime_error(out + sub + ": cannot create the output folder: " + error.message());
  }
  write_file_atomically(out + "/fields/.write-test", "ok");
  fs::remove(out + "/fields/.write-test");
}

JsonValue toy_config_to_json(const ToyConfig& c) {
  JsonValue json = JsonValue::object();
  json.set("engine", "gan.cpp");
  json.set("command", "toy");
  json.set("dist", c.dist);
  json.set("loss", c.loss);
  json.set("epochs", c.epochs);
  json.set("steps_per_epoch", c.steps_per_epoch);
  json.set("batch", c.batch);
  json.set("optimizer", "adam");
  json.set("lr_g", static_cast<double>(c.lr_g));
  json.set("lr_d", static_cast<double>(c.lr_d));
  json.set("beta1", static_cast<double>(c.beta1));
  json.set("beta2", static_cast<double>(c.beta2));
  json.set("d_steps", c.d_steps);
  json.set("z_dim", c.z_dim);
  json.set("hidden", c.hidden);
  json.set("layers", c.layers);
  json.set("samples", c.samples);
  json.set("bandwidth", c.bandwidth > 0 ? JsonValue(c.bandwidth) : JsonValue("silverman"));
  json.set("mode_share", c.mode_share);
  json.set("fields_every", c.fields_every);
  json.set("train_d_only", c.train_d_only);
  json.set("grid_1d_points", kGrid1dPoints);
  json.set("field_2d_size", kField2dSize);
  json.set("seed", std::to_string(c.seed));  // a string: JSON numbers are exact only up to 2^53
  json.set("out", c.out);
  return json;
}

ToySummary run_toy(const ToyConfig& config, bool print) {
  validate(config);
  prepare_toy_folder(config.out);
  if (config.threads > 0) kernels::set_num_threads(config.threads);
  const auto start = std::chrono::steady_clock::now();
  Toy toy(config);
  JsonValue json = toy_config_to_json(config);
  const double floor = toy.distribution.dim == 1 ? estimator_floor_jsd(toy.distribution, toy.data_fixed, config.bandwidth)
                                                 : kNaN;
  if (toy.distribution.dim == 1) json.set("jsd_of_data_kde", floor);
  write_file_atomically(config.out + "/config.json", to_json(json, 2) + "\n");
  if (print) {
    std::printf("gan toy: %s (%dD), loss %s, %d epochs of %d steps, batch %d, Adam lr %g/%g (G/D), "
                "G and D %d x %d units, z %d, seed %llu, %d threads\n",
                config.dist.c_str(), toy.distribution.dim, config.loss.c_str(), config.epochs,
                config.steps_per_epoch, config.batch, config.lr_g, config.lr_d, config.layers, config.hidden,
                config.z_dim, static_cast<unsigned long long>(config.seed), kernels::num_threads());
    if (toy.distribution.dim == 1) {
      std::printf("p_g: Gaussian KDE of %d samples of G, bandwidth %s; the same estimate of %d data samples is "
                  "JSD %.5f from p_data (the estimator's floor)\n",
                  config.samples, config.bandwidth > 0 ? format_float(config.bandwidth).c_str() : "by Silverman's rule",
                  config.samples, floor);
    }
  }
  ToySummary summary;
  summary.jsd = summary.value_d_star = summary.identity_error = summary.high_quality = kNaN;
  summary.d_only_gap_mean = summary.d_only_gap_max = kNaN;
  std::string epochs_csv = kEpochColumns;
  for (int epoch = 0; epoch <= config.epochs; ++epoch) {
    const EpochMeans means = epoch > 0 ? train_epoch(toy, epoch) : EpochMeans{};
    const bool fields_due = epoch % config.fields_every == 0 || epoch == config.epochs;
    const EpochRecord record = measure_epoch(toy, epoch, means, fields_due, summary);
    epochs_csv += record.csv_row;
    write_file_atomically(config.out + "/epochs.csv", epochs_csv);
    if (print) {
      std::fputs(record.line.c_str(), stdout);
      std::fflush(stdout);
    }
  }
  if (config.train_d_only > 0) train_d_only(toy, summary, print);
  if (print) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("wrote %s (%.1f s)\n", config.out.c_str(), seconds);
  }
  return summary;
}

}  // namespace gan::toy
