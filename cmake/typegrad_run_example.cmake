# SPDX-FileCopyrightText: 2026 typegrad authors
# SPDX-License-Identifier: MIT
# Runs one example for CTest and checks what it printed:
#   cmake -D EXE=<program> -D SOURCE=<its .cpp> -P typegrad_run_example.cmake
# The program must exit with 0, and its output (stdout and stderr) must match every regex
# given in the source on a line of its own as
#   // expect: <CMake regex>
# (read at test time, so editing the line needs no reconfigure). Unlike PASS_REGULAR_EXPRESSION
# alone, this also fails an example that prints the right line and then crashes or trips a
# sanitizer.
execute_process(COMMAND "${EXE}"
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE output ERROR_VARIABLE output
  ECHO_OUTPUT_VARIABLE ECHO_ERROR_VARIABLE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "typegrad: ${EXE} failed: ${rc}")
endif()
file(STRINGS "${SOURCE}" expect_lines REGEX "^[ \t]*//[ \t]*expect: ")
foreach(line IN LISTS expect_lines)
  string(REGEX REPLACE "^[ \t]*//[ \t]*expect: " "" regex "${line}")
  if(NOT output MATCHES "${regex}")
    message(FATAL_ERROR "typegrad: the output of ${EXE} does not match '// expect: ${regex}'")
  endif()
endforeach()
