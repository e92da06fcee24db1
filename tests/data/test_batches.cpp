#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "gan/data/batches.h"

using gan::Rng;
using gan::Tensor;

TEST_CASE("shuffled_indices is a permutation fixed by the rng's state", "[data]") {
  Rng rng(11);
  std::vector<int> order = gan::shuffled_indices(1000, rng);
  std::vector<int> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 1000; ++i) REQUIRE(sorted[i] == i);
  CHECK(order != sorted);

  Rng same(11);
  CHECK(gan::shuffled_indices(1000, same) == order);
  CHECK(gan::shuffled_indices(1000, rng) != order);  // the next epoch draws a new order
  CHECK(gan::shuffled_indices(0, rng).empty());
  CHECK(gan::shuffled_indices(1, rng) == std::vector<int>{0});
}

TEST_CASE("shuffled_indices draws each of the 6 orders of 3 items equally often", "[data]") {
  Rng rng(5);
  std::map<std::vector<int>, int> seen;
  const int draws = 60000;
  for (int i = 0; i < draws; ++i) seen[gan::shuffled_indices(3, rng)]++;
  REQUIRE(seen.size() == 6);
  // Each count is Binomial(60000, 1/6): mean 10000, standard deviation 91; 5 sigma is 456.
  for (const auto& [order, count] : seen) CHECK(std::abs(count - draws / 6) < 456);
}

TEST_CASE("gather_images and gather_labels take the entries begin .. begin + count - 1", "[data]") {
  Tensor images({4, 1, 1, 2});
  for (int n = 0; n < 4; ++n) {
    images.at(n, 0, 0, 0) = static_cast<float>(10 * n);
    images.at(n, 0, 0, 1) = static_cast<float>(10 * n + 1);
  }
  std::vector<int> order = {3, 0, 2, 1};
  Tensor batch = gan::gather_images(images, order, 1, 2);  // entries 1 and 2: images 0 and 2
  CHECK(batch.shape == gan::Shape{2, 1, 1, 2});
  CHECK(batch.data == std::vector<float>{0, 1, 20, 21});
  CHECK(gan::gather_labels({7, 8, 9, 6}, order, 2, 2) == std::vector<int>{9, 8});

  CHECK_THROWS_WITH(gan::gather_images(images, order, 3, 2), "gather_images: entries 3 .. 4 are outside the 4 indices");
  CHECK_THROWS_WITH(gan::gather_images(images, {0, 4}, 0, 2),
                    "gather_images: index 4 (entry 1) is outside 0 .. N-1 with N = 4");
  CHECK_THROWS_WITH(gan::gather_images(Tensor({4, 2}), order, 0, 1),
                    "gather_images: images must be (N, C, H, W), got (4, 2)");
  CHECK_THROWS_WITH(gan::gather_labels({1, 2}, order, 0, 1),
                    "gather_labels: index 3 (entry 0) is outside 0 .. N-1 with N = 2");
}
