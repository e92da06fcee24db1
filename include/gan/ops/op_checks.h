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
std::vector<OpCheck> conv2d_checks();
std::vector<OpCheck> conv_transpose2d_checks();
std::vector<OpCheck> batch_norm_checks();
std::vector<OpCheck> pooling_checks();
std::vector<OpCheck> arithmetic_checks();
std::vector<OpCheck> math_checks();
std::vector<OpCheck> activations_checks();
std::vector<OpCheck> reductions_checks();
std::vector<OpCheck> shape_ops_checks();
std::vector<OpCheck> loss_ops_checks();
std::vector<OpCheck> dropout_checks();
std::vector<OpCheck> embedding_checks();
std::vector<OpCheck> all_op_checks();

}  // namespace gan
