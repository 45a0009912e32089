// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// The optimizers (sgd, adam, adamw), gradient clipping and learning-rate schedules.

#include <typegrad/optim/adam.hpp>
#include <typegrad/optim/clip.hpp>
#include <typegrad/optim/schedule.hpp>
#include <typegrad/optim/sgd.hpp>
