// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// The nn area: parameters, the random generator, initialisation, activations,
// dense layers and MLPs, losses, training helpers.

#include <typegrad/nn/activation.hpp>
#include <typegrad/nn/dense.hpp>
#include <typegrad/nn/init.hpp>
#include <typegrad/nn/loss.hpp>
#include <typegrad/nn/parameters.hpp>
#include <typegrad/nn/random.hpp>
#include <typegrad/nn/train.hpp>
