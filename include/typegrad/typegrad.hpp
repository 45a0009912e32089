// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// The one include. Area headers only.

#include <typegrad/version.hpp>
#include <typegrad/core/binding.hpp>
#include <typegrad/core/cmath.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/let.hpp>
#include <typegrad/ops/arithmetic.hpp>
#include <typegrad/ops/compare.hpp>
#include <typegrad/ops/exp_log.hpp>
#include <typegrad/ops/pow_sqrt.hpp>
#include <typegrad/ops/trig.hpp>
#include <typegrad/ops/hyperbolic.hpp>
#include <typegrad/ops/abs_minmax.hpp>
#include <typegrad/ops/activation.hpp>
#include <typegrad/ops/special.hpp>
#include <typegrad/tensor/tensor.hpp>
#include <typegrad/tensor/linalg.hpp>
#include <typegrad/tensor/reduce.hpp>
#include <typegrad/tensor/softmax.hpp>
#include <typegrad/tensor/index.hpp>
#include <typegrad/diff/eval.hpp>
#include <typegrad/diff/reverse.hpp>
#include <typegrad/diff/forward.hpp>
#include <typegrad/diff/hessian.hpp>
#include <typegrad/diff/symbolic.hpp>
#include <typegrad/diff/check_gradient.hpp>
#include <typegrad/ops/scan.hpp>
#include <typegrad/nn/nn.hpp>
#include <typegrad/optim/optim.hpp>
#include <typegrad/io/print.hpp>
#include <typegrad/io/csv.hpp>
#include <typegrad/io/checkpoint.hpp>
#include <typegrad/io/latex.hpp>
