// W0603: two names that look the same but are different text — Latin "C-1"
// and Cyrillic "С-1" as clause ids, a field 规上 beside one spelled with a
// look-alike — or one name mixing alphabets that look alike. Unicode's TR39
// decides what looks alike (source/Confusables.h). Names of ASCII alone are
// not compared with each other: "l1" and "ll" are told apart by their font.
#include <fmt/format.h>

#include <unordered_map>

#include "sema/Checker.h"
#include "source/Confusables.h"
#include "source/Utf8.h"

namespace zc {

namespace {

struct Named {
  const char* what;
  std::string text;
  Span span;
};

bool isAscii(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// The first characters at which the two texts differ, as "С is U+0421 …, not U+0043 …".
std::string firstDifference(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    size_t si = i;
    char32_t x = decodeUtf8(a, i), y = decodeUtf8(b, j);
    if (x != y)
      return fmt::format("{} is {}, not {}", a.substr(si, i - si), describeCodePoint(x), describeCodePoint(y));
  }
  return "one is longer";
}

}  // namespace

void Checker::warnConfusableNames(const std::vector<const ast::Module*>& modules) {
  std::vector<Named> names;
  for (const auto* module : modules)
    for (const auto& policy : module->policies) names.push_back({"policy", policy.id, policy.idSpan});
  for (const auto& clause : out_.program.clauses) names.push_back({"clause", clause.id, clause.span});
  for (const auto& record : out_.symbols.records) {
    names.push_back({"record", record.name, record.span});
    for (const auto& field : record.fields) names.push_back({"field", field.name, field.span});
  }
  for (const auto& param : out_.symbols.params) names.push_back({"parameter", param.name, param.span});
  for (const auto& e : out_.symbols.enums) names.push_back({"enum", e.name, e.span});

  std::unordered_map<std::string, size_t> bySkeleton;
  std::unordered_map<std::string, size_t> byText;
  for (size_t i = 0; i < names.size(); ++i) {
    const Named& name = names[i];
    // The same text again (a dated parameter, a field of two records) is no look-alike.
    if (!byText.emplace(name.text, i).second) continue;
    bool ascii = isAscii(name.text);
    auto [found, added] = bySkeleton.emplace(confusableSkeleton(name.text), i);
    if (!added) {
      const Named& earlier = names[found->second];
      if (ascii && isAscii(earlier.text)) continue;
      auto& d = diags_.report(DiagKind::ConfusableName, name.span,
                              fmt::format("{} '{}' looks like {} '{}' but is other text: {}", name.what, name.text,
                                          earlier.what, earlier.text, firstDifference(name.text, earlier.text)));
      d.notes.push_back({earlier.span, "the one it looks like"});
      d.hint = "write both with the same characters, or make them differ visibly";
      continue;
    }
    if (!ascii && mixesScripts(name.text))
      diags_
          .report(DiagKind::ConfusableName, name.span,
                  fmt::format("{} '{}' mixes alphabets whose letters look alike (such as Latin and Cyrillic)",
                              name.what, name.text))
          .hint = "write it in one alphabet: a reader cannot see which letters are which";
  }
}

}  // namespace zc
