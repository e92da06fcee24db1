// Every example runs in its --smoke mode, so that the examples cannot rot.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "gan/io/atomic_file.h"
#include "../test_files.h"

namespace {

int run_example(const std::string& name, const std::string& extra = "") {
  std::string out = scratch_path("examples", name);
  std::filesystem::remove_all(out);
  std::string command = GAN_BINARY_DIR "/examples/" + name + " --smoke " + extra + " > " + out + ".log 2>&1";
  int status = std::system(command.c_str());
  INFO("log: " << out << ".log");
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("01 autodiff tour", "[examples][smoke]") { CHECK(run_example("01_autodiff_tour") == 0); }

TEST_CASE("02 MLP GAN on MNIST", "[examples][smoke]") {
  std::string out = scratch_path("examples", "02_out");
  CHECK(run_example("02_mlp_gan_mnist", "--out " + out) == 0);
  CHECK(std::filesystem::exists(out + "/epoch_0001.png"));
}

TEST_CASE("03 DCGAN on MNIST", "[examples][smoke]") {
  std::string out = scratch_path("examples", "03_out");
  CHECK(run_example("03_dcgan_mnist", "--out " + out) == 0);
  CHECK(std::filesystem::exists(out + "/checkpoints/latest.ckpt"));
}

TEST_CASE("04 minimax vs non-saturating", "[examples][smoke]") {
  CHECK(run_example("04_minimax_vs_nonsaturating") == 0);
}

TEST_CASE("05 conditional DCGAN", "[examples][smoke]") {
  std::string out = scratch_path("examples", "05_out");
  CHECK(run_example("05_conditional_dcgan", "--out " + out) == 0);
  CHECK(std::filesystem::exists(out + "/samples/epoch_0001.png"));
}

TEST_CASE("06 DCGAN on QuickDraw", "[examples][smoke]") {
  std::string out = scratch_path("examples", "06_out");
  CHECK(run_example("06_dcgan_quickdraw", "--out " + out) == 0);
  CHECK(std::filesystem::exists(out + "/samples/epoch_0001.png"));
  // Trained on the drawings shipped in data/quickdraw, with no path given.
  CHECK_THAT(gan::read_file(out + "/config.json"), Catch::Contains("\"data\": \"quickdraw\""));
}
