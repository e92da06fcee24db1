#include <catch2/catch.hpp>

#include <filesystem>

#include "../test_files.h"
#include "gan/io/atomic_file.h"
#include "gan/report/report.h"
#include "gan/toy/toy_run.h"

namespace fs = std::filesystem;

namespace {

// A real toy run of 3 short epochs with fields at epochs 0, 2 and 3, in a folder of the test
// case's own (`name`): ctest runs the cases as parallel processes.
std::string toy_run(const std::string& dist, const std::string& name) {
  const std::string out = scratch_path("report", "toy-" + dist + "-" + name);
  fs::remove_all(out);
  gan::toy::ToyConfig config;
  config.dist = dist;
  config.epochs = 3;
  config.steps_per_epoch = 5;
  config.batch = 64;
  config.samples = 300;
  config.hidden = 16;
  config.fields_every = 2;
  config.out = out;
  gan::toy::run_toy(config, false);
  return out;
}

}  // namespace

TEST_CASE("a 1-D toy run's report data: the epochs, p_data once, and p_g, D, D* of each fields epoch", "[report]") {
  gan::JsonValue data = gan::read_run_for_report(toy_run("mixture1d", "data"));
  CHECK(data.at("kind").as_string() == "toy");
  CHECK(data.at("run").as_string() == "toy-mixture1d-data");
  CHECK(data.at("dim").as_number() == 1);
  CHECK(data.at("config").at("dist").as_string() == "mixture1d");
  REQUIRE(data.at("epoch_list").items().size() == 4);  // epoch 0, the untrained models, and 1 to 3
  CHECK(data.at("epochs").at("identity_error").items()[3].as_number() < 1e-9);
  const gan::JsonValue& grid = data.at("grid");
  CHECK(grid.at("x_lo").as_number() == -5);
  CHECK(grid.at("x_hi").as_number() == 5);
  CHECK(grid.at("p_data").items().size() == 1001);
  const gan::JsonValue& fields = data.at("fields");
  REQUIRE(fields.members().size() == 3);
  CHECK(fields.find("0") != nullptr);
  CHECK(fields.find("1") == nullptr);  // fields every 2 epochs, and at the last
  CHECK(fields.find("3") != nullptr);
  for (const char* curve : {"p_g", "d", "d_star"}) CHECK(fields.at("2").at(curve).items().size() == 1001);
}

TEST_CASE("a 2-D toy run's report data: D's field, the data once, G's samples and their arrows", "[report]") {
  gan::JsonValue data = gan::read_run_for_report(toy_run("ring8", "data"));
  CHECK(data.at("dim").as_number() == 2);
  CHECK(data.at("epochs").at("modes_total").items()[0].as_number() == 8);
  const gan::JsonValue& plane = data.at("plane");
  CHECK(plane.at("extent").as_number() == 3);
  CHECK(plane.at("size").as_number() == 64);
  CHECK(plane.at("data").items().size() == 2 * 300);
  const gan::JsonValue& epoch = data.at("fields").at("3");
  CHECK(epoch.at("d").items().size() == 64 * 64);
  CHECK(epoch.at("g").items().size() == 2 * 300);
  CHECK(epoch.at("descent").items().size() == 2 * 300);
}

TEST_CASE("a toy run's page has the toy's views and script, and nothing of a training run's", "[report]") {
  for (const std::string& run : {toy_run("mixture1d", "page"), toy_run("ring8", "page")}) {
    INFO(run);
    const std::string page = gan::read_file(gan::write_report(run));
    for (const char* view : {"density", "field", "value", "modes", "training"}) {
      INFO(view);
      CHECK(page.find(std::string("<section data-view=\"") + view + "\">") != std::string::npos);
    }
    CHECK(page.find("<section data-view=\"tensorpath\">") == std::string::npos);
    CHECK(page.find("function renderToy()") != std::string::npos);  // toy_report.js
    CHECK(page.find("function lineChart(") != std::string::npos);   // report.js, whose helpers it uses
    CHECK(page.find("{\"kind\": \"toy\"") != std::string::npos);
    CHECK(page.size() < 2 * 1024 * 1024);
  }
}

TEST_CASE("gan report names the file and what it expected in a damaged toy run", "[report]") {
  const std::string damaged = scratch_path("report", "toy-damaged");
  fs::remove_all(damaged);
  fs::copy(toy_run("ring8", "damaged"), damaged, fs::copy_options::recursive);
  gan::write_file_atomically(damaged + "/fields/epoch_0002.csv", "x,y,d\n-3,-3,0.5\n0,-3,0.5\n");
  CHECK_THROWS_WITH(gan::read_run_for_report(damaged),
                    damaged + "/fields/epoch_0002.csv: expected 64 x 64 field points, found 2");
  gan::write_file_atomically(damaged + "/fields/epoch_0000_samples.csv", "source,x,y\ng,1,2\n");
  CHECK_THROWS_WITH(gan::read_run_for_report(damaged), Catch::StartsWith(damaged + "/fields/epoch_0000_samples.csv: "));
}
