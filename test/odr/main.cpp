// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Links a.cpp and b.cpp, which both include <typegrad/typegrad.hpp>, and checks that they agree.
int typegrad_odr_a();
int typegrad_odr_b();

int main() {
  return typegrad_odr_a() == typegrad_odr_b() ? 0 : 1;
}
