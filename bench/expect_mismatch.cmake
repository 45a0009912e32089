# SPDX-FileCopyrightText: 2026 typegrad authors
# SPDX-License-Identifier: MIT
# cmake -DEXE=<benchmark> -DFILTER=<regex> -P expect_mismatch.cmake
# Runs the benchmark with TYPEGRAD_BENCH_INJECT_MISMATCH=1 (every checked gradient perturbed)
# and passes only if it exits non-zero, reports the case as an error and names the
# disagreement: a wrong gradient must fail the smoke run.
if(NOT EXE OR NOT FILTER)
  message(FATAL_ERROR "expect_mismatch.cmake: give -DEXE=<benchmark> and -DFILTER=<regex>")
endif()
set(ENV{TYPEGRAD_BENCH_INJECT_MISMATCH} 1)
execute_process(
  COMMAND "${EXE}" "--benchmark_filter=${FILTER}" --benchmark_min_time=0.001
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
set(all "${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "${EXE}: exit status 0 although every gradient was perturbed:\n${all}")
endif()
if(NOT all MATCHES "disagrees with the hand-written gradient")
  message(FATAL_ERROR "${EXE}: exit status ${rc}, but no message names the disagreement:\n${all}")
endif()
if(NOT all MATCHES "ERROR OCCURRED")
  message(FATAL_ERROR "${EXE}: exit status ${rc}, but the case is not reported as an error:\n${all}")
endif()
message(STATUS "${EXE} ${FILTER}: the perturbed gradient failed the run (exit status ${rc}), as it must")
