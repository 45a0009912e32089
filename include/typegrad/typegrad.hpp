// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#include <typegrad/version.hpp>
#include <typegrad/core/binding.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/let.hpp>
#include <typegrad/ops/arithmetic.hpp>
#include <typegrad/diff/eval.hpp>
#include <typegrad/diff/reverse.hpp>
#include <typegrad/diff/forward.hpp>
#include <typegrad/diff/hessian.hpp>
#include <typegrad/diff/symbolic.hpp>
