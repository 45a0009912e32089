// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once
