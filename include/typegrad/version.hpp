// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#define TYPEGRAD_VERSION_MAJOR 0
#define TYPEGRAD_VERSION_MINOR 1
#define TYPEGRAD_VERSION_PATCH 0
