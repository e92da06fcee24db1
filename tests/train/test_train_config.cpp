#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "gan/train/train_config.h"
#include "gan/train/training_state.h"

TEST_CASE("config_to_json and config_from_json carry the per-epoch metric settings", "[train]") {
  gan::TrainConfig config;
  config.eval_every = 3;
  config.eval_samples = 250;
  config.classifier = "weights.ckpt";
  gan::TrainConfig back = gan::config_from_json(gan::config_to_json(config), "config.json");
  CHECK(back.eval_every == 3);
  CHECK(back.eval_samples == 250);
  CHECK(back.classifier == "weights.ckpt");
  CHECK(gan::to_json(gan::config_to_json(back)) == gan::to_json(gan::config_to_json(config)));
}

TEST_CASE("config_from_json reads configs written before the per-epoch metrics, with their defaults", "[train]") {
  gan::JsonValue current = gan::config_to_json(gan::TrainConfig{});
  gan::JsonValue old = gan::JsonValue::object();
  for (const gan::JsonMember& member : current.members()) {
    if (member.key != "eval_every" && member.key != "eval_samples" && member.key != "classifier") {
      old.set(member.key, member.value);
    }
  }
  gan::TrainConfig config = gan::config_from_json(old, "old/config.json");
  CHECK(config.eval_every == 1);
  CHECK(config.eval_samples == 1000);
  CHECK(config.classifier.empty());

  old.set("eval_samples", 1);
  CHECK_THROWS_WITH(gan::config_from_json(old, "old/config.json"),
                    "old/config.json: fields 'eval_every' >= 0 and 'eval_samples' >= 2 expected, got 1 and 1");
}

TEST_CASE("the init scheme goes through config.json and a checkpoint, and old configs get the old schemes", "[train]") {
  gan::TrainConfig config;
  config.init = "dcgan-zero-bias";
  CHECK(gan::config_from_json(gan::config_to_json(config), "config.json").init == "dcgan-zero-bias");

  gan::TrainingState state = gan::new_training_state(config, 10);
  gan::TrainingState back = gan::from_checkpoint(gan::to_checkpoint(state), "latest.ckpt");
  CHECK(back.config.init == "dcgan-zero-bias");
  // D's first convolution has a bias: zero under this scheme, PyTorch's U(+-1/4) under "dcgan"
  const gan::Tensor& bias = back.models.discriminator->parameters()[1].variable.value();
  REQUIRE(back.models.discriminator->parameters()[1].name == "0.bias");
  CHECK(bias.data == std::vector<float>(64, 0.0f));
  config.init = "dcgan";
  gan::TrainingState pytorch_bias = gan::new_training_state(config, 10);
  const gan::Tensor& drawn = pytorch_bias.models.discriminator->parameters()[1].variable.value();
  float largest = 0;
  for (float v : drawn.data) largest = std::max(largest, std::fabs(v));
  CHECK(largest <= 0.25f);  // fan_in 1 * 4 * 4
  CHECK(largest > 0.2f);

  gan::JsonValue old = gan::JsonValue::object();
  const gan::JsonValue defaults = gan::config_to_json(gan::TrainConfig{});  // named: members() refers into it
  for (const gan::JsonMember& member : defaults.members()) {
    if (member.key != "init") old.set(member.key, member.value);
  }
  CHECK(gan::config_from_json(old, "old/config.json").init == "dcgan-zero-bias");
  old.set("model", "mlp");
  CHECK(gan::config_from_json(old, "old/config.json").init == "pytorch-default");
}
