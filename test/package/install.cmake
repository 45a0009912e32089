# SPDX-FileCopyrightText: 2026 typegrad authors
# SPDX-License-Identifier: MIT
# Test fixture: install the build tree BUILD_DIR into a fresh PREFIX.
#   cmake -D BUILD_DIR=<build tree> -D PREFIX=<install prefix> -P install.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
  COMMAND_ERROR_IS_FATAL ANY)
