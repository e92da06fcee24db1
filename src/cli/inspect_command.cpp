// gan inspect: look inside a trained GAN's networks (docs/inspect.md). The first argument names
// the tool; each tool declares only its own options, so --help lists exactly those.
#include <cstdio>
#include <filesystem>

#include "command_line.h"
#include "commands.h"
#include "gan/inspect/ablation.h"
#include "gan/inspect/dissection.h"
#include "gan/inspect/latent_arithmetic.h"
#include "gan/inspect/max_activation.h"
#include "gan/inspect/occlusion.h"
#include "gan/io/checkpoint.h"
#include "gan/kernels/parallel.h"
#include "gan/train/evaluation.h"

namespace gan::cli {

namespace {

using namespace gan::inspect;

const char* const kTools = "layers|occlusion|maxact|dissect|ablate|latent";

// "3,5,9" -> {3, 5, 9}; a usage error names the option and what it expects.
std::vector<int> parse_list(const std::string& command, const std::string& option, const std::string& text) {
  std::vector<int> values;
  size_t begin = 0;
  while (begin <= text.size() && !text.empty()) {
    const size_t end = std::min(text.find(',', begin), text.size());
    const std::string item = text.substr(begin, end - begin);
    size_t used = 0;
    long value = -1;
    try {
      value = std::stol(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (item.empty() || used != item.size() || value < 0 || value > (1 << 30)) {
      throw UsageError(command + ": " + option + " must be a comma-separated list of whole numbers >= 0, got '" +
                       text + "'");
    }
    values.push_back(static_cast<int>(value));
    begin = end + 1;
  }
  return values;
}

void require_units(const std::string& command, const std::vector<int>& units, const LayerInfo& layer) {
  for (int unit : units) {
    if (unit >= layer.units) {
      throw UsageError(command + ": --units: unit " + std::to_string(unit) + " is out of range: " + layer.name +
                       " has " + std::to_string(layer.units) + " units, 0.." + std::to_string(layer.units - 1));
    }
  }
}

// The layer --layer names, or the tool's default; a usage error lists the valid names.
LayerInfo chosen_layer(const std::string& command, const InspectContext& context, const std::string& name,
                       const std::string& player) {
  if (name.empty()) return default_layer(context.layers, player);
  try {
    return find_layer(context.layers, name, player);
  } catch (const std::invalid_argument& error) {
    throw UsageError(command + ": " + error.what());
  }
}

}  // namespace

int inspect_command(const Arguments& arguments) {
  const std::string tool = arguments.empty() ? "" : arguments[0];
  if (tool.empty() || tool == "--help" || tool == "-h") {
    std::printf("usage: gan inspect TOOL --checkpoint FILE --out DIR [options]\n"
                "Look inside a trained GAN (docs/inspect.md). TOOL is one of %s;\n"
                "`gan inspect TOOL --help` lists its options.\n", kTools);
    return tool.empty() ? 2 : 0;
  }
  const std::string tools = std::string("|") + kTools + "|";
  if (tool[0] == '-' || tools.find("|" + tool + "|") == std::string::npos) {
    throw UsageError("gan inspect: TOOL must be one of " + std::string(kTools) + ", got '" + tool + "'");
  }
  const std::string command = "gan inspect " + tool;
  CommandLine args(command, "See docs/inspect.md.", Arguments(arguments.begin() + 1, arguments.end()));
  const std::string checkpoint_path = args.option("--checkpoint", "", "checkpoint file (run folder/checkpoints/latest.ckpt)");
  const std::string out = args.option("--out", "", tool == "layers" ? "also write DIR/result.json" : "output folder: PNGs and result.json");
  const uint64_t seed = static_cast<uint64_t>(args.option_int("--seed", 0, "seed of z and every random draw", 0));
  const std::string classifier_path = args.option("--classifier", "", "classifier weights (default: the shipped one for MNIST)");
  const std::string data_dir = args.option("--data-dir", GAN_SOURCE_DIR "/data", "folder of the shipped data");
  const int batch = static_cast<int>(args.option_int("--batch", 64, "samples per forward pass", 1, 1 << 16));
  std::string layer_name;
  if (tool == "maxact" || tool == "dissect" || tool == "ablate") {
    layer_name = args.option("--layer", "", tool == "maxact" ? "a discriminator layer (default: D's last feature map)"
                                                              : "a generator layer (default: G's last hidden feature map)");
  }
  OcclusionSettings occlusion;
  std::string images_text;
  int fake = 0;
  if (tool == "occlusion") {
    images_text = args.option("--images", "0,1,2,3", "real images: indices into the data set");
    fake = static_cast<int>(args.option_int("--fake", 0, "occlude this many generated images instead", 0, 256));
    occlusion.patch = static_cast<int>(args.option_int("--patch", occlusion.patch, "patch side in pixels", 1, 4096));
    occlusion.stride = static_cast<int>(args.option_int("--stride", occlusion.stride, "patch step in pixels", 1, 4096));
    occlusion.fill = static_cast<float>(args.option_double("--fill", occlusion.fill, "patch value in [-1, 1] (-1: background)", -1, 1));
  }
  MaximisationSettings maximisation;
  std::string units_text;
  int top = 4, samples = 500;
  if (tool == "maxact") {
    units_text = args.option("--units", "0,1,2,3,4,5,6,7", "units to show");
    top = static_cast<int>(args.option_int("--top", 6, "k: top-k real and top-k generated images per unit", 1, 64));
    samples = static_cast<int>(args.option_int("--n", 1000, "real and generated images searched, each", 1, 1 << 20));
    maximisation.steps = static_cast<int>(args.option_int("--steps", maximisation.steps, "gradient ascent steps", 0, 100000));
    maximisation.lr = static_cast<float>(args.option_double("--lr", maximisation.lr, "ascent step size", 0, 10));
    maximisation.l2 = static_cast<float>(args.option_double("--l2", maximisation.l2, "weight of the L2 penalty", 0, 100));
    maximisation.tv = static_cast<float>(args.option_double("--tv", maximisation.tv, "weight of the total-variation penalty", 0, 100));
  }
  DissectionSettings dissection;
  if (tool == "dissect") {
    dissection.samples = static_cast<int>(args.option_int("--n", dissection.samples, "generated images", 10, 1 << 20));
    dissection.min_confidence = args.option_double("--min-confidence", dissection.min_confidence,
                                                   "classifier confidence for an image to hold its class's concept", 0, 1);
    top = static_cast<int>(args.option_int("--top", 5, "units listed per concept on stdout and in the picture", 1, 4096));
  }
  AblationSettings ablation;
  std::string region_text;
  if (tool == "ablate") {
    units_text = args.option("--units", "", "units to ablate, in order (or --concept with --top)");
    ablation.concept_class = static_cast<int>(args.option_int("--concept", -1, "a class: ablate its top units by IoU", -1, 4096));
    ablation.top = static_cast<int>(args.option_int("--top", 8, "how many units (--concept, --artifacts)", 1, 4096));
    ablation.samples = static_cast<int>(args.option_int("--n", ablation.samples, "z's, the same for every measurement", 10, 1 << 20));
    ablation.fid = args.flag("--fid", "also FID on the same z's, against as many real images");
    ablation.insert = args.flag("--insert", "set the units to their 99th percentile in --region instead");
    region_text = args.option("--region", "", "insertion region r0,c0,r1,c1 of the feature map (default: the middle half)");
    ablation.artifacts = args.flag("--artifacts", "rank units by how much ablating each raises D's logit");
    dissection.min_confidence = args.option_double("--min-confidence", dissection.min_confidence, "as in dissect", 0, 1);
  }
  ArithmeticSettings arithmetic;
  int steps = 8;
  if (tool == "latent") {
    arithmetic.from_class = static_cast<int>(args.option_int("--from", arithmetic.from_class, "class a of thick a - thin a", 0, 4096));
    arithmetic.to_class = static_cast<int>(args.option_int("--to", arithmetic.to_class, "class b of + thin b", 0, 4096));
    arithmetic.samples = static_cast<int>(args.option_int("--samples", arithmetic.samples, "z's drawn to form the groups", 10, 1 << 20));
    arithmetic.share = args.option_double("--share", arithmetic.share, "thick/thin: top/bottom share of a class by ink", 0.01, 0.5);
    arithmetic.min_confidence = args.option_double("--min-confidence", arithmetic.min_confidence, "classifier confidence to join a group", 0, 1);
    steps = static_cast<int>(args.option_int("--steps", steps, "images per walk", 2, 64));
  }
  const int threads = args.option_threads();
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  if (checkpoint_path.empty()) throw UsageError(command + ": --checkpoint is required (see " + command + " --help)");
  if (out.empty() && tool != "layers") throw UsageError(command + ": --out is required: the folder for the PNGs and result.json");
  if (threads > 0) kernels::set_num_threads(threads);
  std::vector<int> real_indices, units;
  if (tool == "occlusion") real_indices = parse_list(command, "--images", images_text);
  if (!units_text.empty()) units = parse_list(command, "--units", units_text);
  if (!region_text.empty()) {
    std::vector<int> region = parse_list(command, "--region", region_text);
    if (region.size() != 4 || region[0] >= region[2] || region[1] >= region[3]) {
      throw UsageError(command + ": --region must be r0,c0,r1,c1 with r0 < r1 and c0 < c1, got '" + region_text + "'");
    }
    std::copy(region.begin(), region.end(), ablation.region);
  }
  if (tool == "ablate" && units.empty() && ablation.concept_class < 0 && !ablation.artifacts) {
    throw UsageError(command + ": give --units, --concept C (with --top N) or --artifacts");
  }

  InspectContext context;
  context.seed = seed;
  context.batch = batch;
  context.state = from_checkpoint(load_checkpoint(checkpoint_path), checkpoint_path);
  ModelSettings settings;
  settings.z_dim = context.state.config.z_dim;
  settings.conditional = context.state.config.conditional;
  context.layers = list_layers(context.state.models, settings);
  const int K = context.num_classes();
  for (const auto& [option, value] : {std::pair<const char*, int>{"--concept", ablation.concept_class},
                                      {"--from", arithmetic.from_class}, {"--to", arithmetic.to_class}}) {
    if (value >= K) {
      throw UsageError(command + ": " + option + " must be a class in [0, " + std::to_string(K - 1) + "], got " +
                       std::to_string(value));
    }
  }
  if (tool == "layers") {
    JsonValue listed = JsonValue::array();
    for (const LayerInfo& layer : context.layers) {
      std::printf("%-18s %-16s %-14s %d units\n", layer.name.c_str(), layer.kind.c_str(), layer.shape.str().c_str(), layer.units);
      JsonValue item = JsonValue::object();
      item.set("name", layer.name);
      item.set("kind", layer.kind);
      item.set("shape", layer.shape.str());
      item.set("units", layer.units);
      listed.push_back(item);
    }
    if (!out.empty()) {
      std::filesystem::create_directories(out);
      context.out = out;
      JsonValue body = JsonValue::object();
      body.set("layers", listed);
      write_result(context, tool, checkpoint_path, body);
    }
    return 0;
  }
  LayerInfo layer;
  if (tool == "maxact") layer = chosen_layer(command, context, layer_name, "discriminator");
  if (tool == "dissect" || tool == "ablate") layer = chosen_layer(command, context, layer_name, "generator");
  if (tool == "maxact" || tool == "ablate") require_units(command, units, layer);
  context.data = load_dataset(context.state.config.data, data_dir);
  for (int index : real_indices) {
    if (index >= context.data.images.size(0)) {
      throw UsageError(command + ": --images: index " + std::to_string(index) + " is out of range: " +
                       context.data.source + " holds " + std::to_string(context.data.images.size(0)) + " images");
    }
  }
  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error || !std::filesystem::is_directory(out)) {
    throw std::runtime_error("--out " + out + ": cannot create the output folder" +
                             (error ? ": " + error.message() : std::string()) + "; expected a folder that can be created and written");
  }
  context.out = out;
  const std::string classifier_file = classifier_path.empty() ? default_classifier_path(context.state.config.data, data_dir)
                                                              : classifier_path;
  if (!classifier_file.empty()) context.classifier = load_classifier(classifier_file);

  ToolReport report;
  if (tool == "occlusion") report = run_occlusion_tool(context, occlusion, real_indices, fake);
  if (tool == "maxact") report = run_max_activation_tool(context, layer, units, top, samples, maximisation);
  if (tool == "dissect") report = run_dissection_tool(context, layer, dissection, top);
  if (tool == "ablate") {
    if (ablation.concept_class >= 0 && units.empty() && !ablation.artifacts) {
      dissection.samples = ablation.samples;
      ToolReport dissected = run_dissection_tool(context, layer, dissection, ablation.top);
      for (const JsonValue& unit : dissected.body.at("concepts").items()[ablation.concept_class].at("top_units").items()) {
        units.push_back(static_cast<int>(unit.at("unit").as_number()));
      }
    }
    report = run_ablation_tool(context, layer, units, ablation);
  }
  if (tool == "latent") report = run_latent_tool(context, arithmetic, steps);
  write_result(context, tool, checkpoint_path, report.body);
  std::printf("%s; wrote %s/result.json\n", report.summary.c_str(), out.c_str());
  return 0;
}

}  // namespace gan::cli
