// The gradient checks of every op, as data: `gan gradcheck` prints them as a table and the
// tests in tests/ops/ require each to pass. Each family of ops lists its checks in
// src/ops/<family>_checks.cpp, beside the ops they check.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "gan/testing/gradcheck.h"

namespace gan {

struct OpCheck {
  std::string op;  // the name `gan gradcheck OP` selects it by
  std::function<testing::GradcheckResult()> run;
};

std::vector<OpCheck> matmul_checks();
std::vector<OpCheck> all_op_checks();

}  // namespace gan
