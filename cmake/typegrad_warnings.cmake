# SPDX-FileCopyrightText: 2026 typegrad authors
# SPDX-License-Identifier: MIT
include_guard(GLOBAL)

option(TYPEGRAD_WARNINGS_AS_ERRORS "Turn warnings into errors in typegrad's own targets" ON)

# typegrad_target_warnings(<target>)
#   Strict warnings for one of typegrad's own targets (tests, benchmarks, examples). Always
#   PRIVATE: the library target itself never carries them, so consumers never inherit them.
function(typegrad_target_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 /permissive-
      $<$<BOOL:${TYPEGRAD_WARNINGS_AS_ERRORS}>:/WX>)
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
      $<$<BOOL:${TYPEGRAD_WARNINGS_AS_ERRORS}>:-Werror>)
  endif()
endfunction()
