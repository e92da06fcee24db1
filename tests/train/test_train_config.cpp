#include <catch2/catch.hpp>

#include "gan/train/train_config.h"

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
