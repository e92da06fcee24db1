#include <catch2/catch.hpp>

#include <filesystem>

#include "../test_files.h"
#include "gan/report/report.h"
#include "gan/train/trainer.h"

namespace fs = std::filesystem;

namespace {

// A real run of 2 short epochs (about a second) in the folder `name`: each test case trains its
// own, since ctest runs the cases as parallel processes.
std::string tiny_run(const std::string& name) {
  gan::TrainConfig config;
  config.data_dir = GAN_SOURCE_DIR "/data";
  config.limit = 64;
  config.batch = 32;
  config.epochs = 2;
  config.eval_samples = 64;
  config.out = scratch_path("report", name);
  fs::remove_all(config.out);
  gan::TrainOptions options;
  options.show_progress = false;
  REQUIRE(gan::train_gan(config, options) == 0);
  return config.out;
}

// A copy of a run, to damage.
std::string copy_of_run(const std::string& run, const std::string& name) {
  const std::string copy = scratch_path("report", name);
  fs::remove_all(copy);
  fs::copy(run, copy, fs::copy_options::recursive);
  return copy;
}

}  // namespace

TEST_CASE("read_run_for_report gathers every record of every epoch", "[report]") {
  gan::JsonValue data = gan::read_run_for_report(tiny_run("tiny-run"));
  CHECK(data.at("run").as_string() == "tiny-run");
  CHECK(data.at("config").at("model").as_string() == "dcgan");
  REQUIRE(data.at("epoch_list").items().size() == 2);
  CHECK(data.at("epoch_list").items()[1].as_number() == 2);
  CHECK(data.at("steps").at("step").items().size() == 4);  // 2 epochs of 64 / 32 steps
  CHECK(data.at("steps").at("d_loss").items().size() == 4);
  CHECK(data.at("epochs").at("fid").items().size() == 2);
  CHECK(data.at("epochs").at("collapse").items().size() == 2);
  const gan::JsonValue& epoch = data.at("records").at("2");
  CHECK(epoch.at("probabilities").at("d_real").items().size() == 64);
  CHECK(epoch.at("projection").at("fake").at("pixel").items().size() == 2 * 64);
  REQUIRE(epoch.at("activations").items().size() == 2);
  CHECK(epoch.at("activations").items()[0].at("shape").as_string() == "64x14x14");
  CHECK(epoch.at("activations").items()[1].at("real").items().size() == 128);
  CHECK(epoch.at("tensorpath").items().size() == 2);
  for (const char* image : {"samples", "probes", "filters"}) {
    INFO(image);
    CHECK(epoch.at(image).as_string().rfind("data:image/png;base64,iVBORw0KGgo", 0) == 0);  // a PNG's magic
  }
  CHECK(data.at("real_probes").as_string().rfind("data:image/png;base64,", 0) == 0);
}

TEST_CASE("the report is one page with the six views, its data and script inline, and nothing fetched", "[report]") {
  const std::string run = tiny_run("tiny-run-page");
  const std::string path = gan::write_report(run);
  CHECK(path == run + "/report.html");
  const std::string page = gan::read_file(path);
  for (const char* view : {"metric", "probability", "distribution", "tensorpath", "activations", "samples"}) {
    INFO(view);
    CHECK(page.find(std::string("<section data-view=\"") + view + "\">") != std::string::npos);
  }
  CHECK(page.find("<script type=\"application/json\" id=\"run-data\">{\"run\": \"tiny-run-page\"") != std::string::npos);
  CHECK(page.find("@DATA@") == std::string::npos);
  CHECK(page.find("src=\"http") == std::string::npos);
  CHECK(page.find("href=\"http") == std::string::npos);
  CHECK(page.find("url(http") == std::string::npos);
  // The only address in the page is the SVG namespace, a name and not a fetch.
  size_t addresses = 0;
  for (size_t at = page.find("http"); at != std::string::npos; at = page.find("http", at + 1)) {
    CHECK(page.compare(at, 26, "http://www.w3.org/2000/svg") == 0);
    ++addresses;
  }
  CHECK(addresses == 1);
}

TEST_CASE("gan report names the file and what it expected when a run folder is missing or damaged", "[report]") {
  const std::string run = tiny_run("tiny-run-damaged");
  const std::string nowhere = scratch_path("report", "no-such-run");
  fs::remove_all(nowhere);
  CHECK_THROWS_WITH(gan::read_run_for_report(nowhere),
                    nowhere + ": expected a run folder (what gan train --out wrote), found nothing");

  const std::string no_config = copy_of_run(run, "no-config");
  fs::remove(no_config + "/config.json");
  CHECK_THROWS_WITH(gan::read_run_for_report(no_config), Catch::StartsWith(no_config + "/config.json: expected the run's settings"));

  const std::string bad_epochs = copy_of_run(run, "bad-epochs");
  gan::write_file_atomically(bad_epochs + "/epochs.csv", gan::read_file(bad_epochs + "/epochs.csv") + "3,1\n");
  CHECK_THROWS_WITH(gan::read_run_for_report(bad_epochs), Catch::StartsWith(bad_epochs + "/epochs.csv: line 4: expected "));

  const std::string bad_cell = copy_of_run(run, "bad-cell");
  gan::write_file_atomically(bad_cell + "/probabilities/epoch_0001.csv", "index,d_real,d_fake\n0,high,0.5\n");
  CHECK_THROWS_WITH(gan::read_run_for_report(bad_cell),
                    bad_cell + "/probabilities/epoch_0001.csv: line 2, d_real: expected a number, found 'high'");

  // A run from before the report: its views say what is missing, the page is still written.
  const std::string old_run = copy_of_run(run, "old-run");
  for (const char* folder : {"activations", "projection", "probes", "tensorpath", "filters"}) fs::remove_all(old_run + "/" + folder);
  gan::JsonValue data = gan::read_run_for_report(old_run);
  CHECK(data.at("records").at("1").find("activations") == nullptr);
  CHECK(data.at("records").at("1").find("samples") != nullptr);
  CHECK(gan::write_report(old_run) == old_run + "/report.html");
}
