// The IR verifier: checks a program for what every engine takes for granted
// (operands defined before use and of the right machine type, fields, loops,
// gates and steps that exist), so a lowering bug shows as a message naming
// the instruction, not as a wrong number on one engine. Run on every checked
// program in debug builds and in the tests.
#pragma once

#include <string>
#include <vector>

#include "ir/Ir.h"

namespace zc::ir {

// One line per problem ("%12 = dec.add: operand %9 is int, not dec"); empty
// for a well-formed program.
std::vector<std::string> verify(const Program& program);

}  // namespace zc::ir
