# SPDX-FileCopyrightText: 2026 typegrad authors
# SPDX-License-Identifier: MIT
include_guard(GLOBAL)

include(typegrad_warnings)

# typegrad_add_compile_fail(<file>)
#   Registers test/compile_fail/<mistake>.cpp, a file holding one misuse that must be rejected
#   by a static_assert. The expected message is read from the file itself, from a comment line
#   of its own:
#
#     // expected-error: typegrad: <the message, or its beginning>
#
#   Two CTest tests are added, both building through `cmake --build --target`, because a
#   compile failure cannot be expressed as an ordinary target:
#     compile_fail.<mistake>     builds the file; passes only if the build output has a compiler
#                                "error:" line containing the expected text (the exit code is
#                                ignored, so the text must be ours: it must start "typegrad:").
#     compile_fail.<mistake>_ok  builds it again with TYPEGRAD_COMPILE_FAIL_OK defined, under
#                                which the file #ifndef-s out the misuse; must succeed, which
#                                proves the failure above comes from the misuse alone.
#   The targets are left out of `all`. The tests share one RESOURCE_LOCK, since they all run
#   the build tool in the same build tree. They use whatever compiler the build uses.
function(typegrad_add_compile_fail file)
  cmake_path(ABSOLUTE_PATH file BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}")
  cmake_path(GET file STEM mistake)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")

  file(STRINGS "${file}" markers REGEX "^[ \t]*//[ \t]*expected-error:")
  list(LENGTH markers count)
  if(NOT count EQUAL 1)
    message(FATAL_ERROR "typegrad: ${file}: expected exactly one line "
      "'// expected-error: typegrad: ...', found ${count}")
  endif()
  string(REGEX REPLACE "^[ \t]*//[ \t]*expected-error:[ \t]*" "" expected "${markers}")
  string(STRIP "${expected}" expected)
  if(NOT expected MATCHES "^typegrad: .")
    message(FATAL_ERROR "typegrad: ${file}: the expected message must start with 'typegrad: ' "
      "so that it cannot match an unrelated error; found '${expected}'")
  endif()

  # Escape CMake regex metacharacters, then require the text on a compiler "error:" line (GCC:
  # "error: static assertion failed: typegrad: ..."; Clang: "error: static_assert failed due
  # to requirement '...' "typegrad: ..."). Requiring "error:" on the same line keeps source
  # lines the compiler echoes (comments included) from matching.
  string(REGEX REPLACE "([][.*+?^$()|\\])" "\\\\\\1" escaped "${expected}")
  set(regex "error: [^\n]*${escaped}")

  set(target typegrad_cf_${mistake})
  foreach(variant IN ITEMS "" "_ok")
    add_library(${target}${variant} OBJECT EXCLUDE_FROM_ALL "${file}")
    set_target_properties(${target}${variant} PROPERTIES EXCLUDE_FROM_DEFAULT_BUILD ON)
    target_link_libraries(${target}${variant} PRIVATE typegrad::typegrad)
    typegrad_target_warnings(${target}${variant})
    # Colour escapes would split the "error: ... typegrad: ..." line.
    target_compile_options(${target}${variant} PRIVATE
      $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-fdiagnostics-color=never>)
  endforeach()
  target_compile_definitions(${target}_ok PRIVATE TYPEGRAD_COMPILE_FAIL_OK)

  get_property(multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  set(config_args "")
  if(multi_config)
    set(config_args --config $<CONFIG>)
  endif()

  add_test(NAME compile_fail.${mistake}
    COMMAND "${CMAKE_COMMAND}" --build "${CMAKE_BINARY_DIR}" --target ${target} ${config_args})
  add_test(NAME compile_fail.${mistake}_ok
    COMMAND "${CMAKE_COMMAND}" --build "${CMAKE_BINARY_DIR}" --target ${target}_ok ${config_args})
  set_tests_properties(compile_fail.${mistake} PROPERTIES PASS_REGULAR_EXPRESSION "${regex}")
  set_tests_properties(compile_fail.${mistake} compile_fail.${mistake}_ok PROPERTIES
    RESOURCE_LOCK typegrad_build_tree
    LABELS compile_fail)
endfunction()
