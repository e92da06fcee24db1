// Runs each gradient check of a list (an op's, a layer's) inside one test case, and names the
// ones that fail with their shapes and errors.
//
//   TEST_CASE("pooling passes its gradient checks", "[ops][gradcheck]") { check_all(gan::pooling_checks()); }
#pragma once

#include <catch2/catch.hpp>

#include <vector>

#include "gan/ops/op_checks.h"

inline void check_all(const std::vector<gan::OpCheck>& checks) {
  for (const gan::OpCheck& check : checks) {
    auto result = check.run();
    INFO(check.op << " " << result.shapes << " max abs error " << result.max_abs_error << ", rel "
                  << result.max_rel_error);
    CHECK(result.passed);
  }
}
