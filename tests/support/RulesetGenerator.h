// Random rulesets of well-typed money expressions over one record: the
// differential test draws them from a seeded engine, the structure-aware fuzz
// target from the bytes of its input, so a mutation changes the program.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace zc::testing {

// Where the generator's decisions come from: any source of numbers.
using Choices = std::function<uint64_t()>;

// The enum, record and parameter the random rulesets are over.
const char* sampleDeclarations();
// A ruleset of `clauses` clauses, each a random condition and award, and
// 就高 and 封顶 rules over runs of them.
std::string randomRuleset(const Choices& choices, int clauses);
// The same from a seeded std::mt19937_64.
std::string randomRuleset(uint64_t seed, int clauses);

}  // namespace zc::testing
