#include "aot/LibraryHeader.h"

#include <fmt/format.h>

#include "ir/IrQueries.h"
#include "zc/results.h"
#include "zc/zhengce.h"

namespace zc {

extern const char kAbiHeaderText[];  // zc/zhengce.h, embedded by compiler/CMakeLists.txt

namespace {

// A comment must not end early: "*/" in a source sentence is broken up.
std::string commentSafe(std::string text) {
  for (size_t at = text.find("*/"); at != std::string::npos; at = text.find("*/", at)) text.replace(at, 2, "* /");
  return text;
}

std::string describeValue(const rt::FieldSchema& field, const rt::Scalar& value) {
  std::string type = rt::kindName(field.kind);
  if (field.list) type = "list of " + type;
  if (field.optional) type += ", optional";
  if (field.required) type += ", required (the key)";
  std::string out = fmt::format(" *   {}: {}", field.name, type);
  if (!field.unit.empty()) out += fmt::format(", in {}", field.unit);
  if (!field.enumValues.empty()) {
    std::string values;
    for (const auto& v : field.enumValues) values += (values.empty() ? "" : " | ") + v;
    out += fmt::format(", one of {}", values);
  }
  // A record field's declared range: the library refuses a value outside it.
  if (field.range) out += fmt::format(", in the range {}", field.range->text);
  if (!field.list && !field.required && !field.optional && field.kind != rt::Kind::Record) {
    std::string shown = rt::formatScalar(field, value);
    out += fmt::format(", default {}", field.kind == rt::Kind::Text ? rt::jsonString(shown) : shown);
  }
  return commentSafe(out) + "\n";
}

}  // namespace

std::string libraryHeader(const ir::Program& program, const RulesetIdentity& identity) {
  std::string out = fmt::format(
      "/* lib{0}.so: a Zhengce ruleset compiled by zc {1} (`zc build`).\n"
      " * Sources (SHA-256): {2}\n"
      " * ABI version: {3}. Load it, check zhengce_abi_version() == ZHENGCE_ABI_VERSION,\n"
      " * then evaluate records with an evaluator (below, and docs/embedding.md).\n *\n",
      identity.name, identity.zcVersion, identity.sourceHash, ZHENGCE_ABI_VERSION);
  out +=
      fmt::format(" * Clauses ({}), in the order of zhengce_clause() and of batch results:\n", program.clauses.size());
  for (const ir::Clause& c : program.clauses)
    out += commentSafe(fmt::format(" *   {} (受益方 {}): {}\n", c.id, c.beneficiary, c.source));
  out += fmt::format(" *\n * Record {}: fields of each JSON record\n", program.schema.name);
  for (const auto& f : program.schema.fields) out += describeValue(f, f.defaultValue);
  out += " *\n * Parameters (zhengce_evaluator_set_param):\n";
  for (const ir::Param& p : program.params) {
    rt::FieldSchema schema = p.schema;
    schema.name = p.name;
    // A dated parameter: an entry a date, each set by the one name.
    if (p.from) schema.name += fmt::format(" (the value from {})", ir::dateFrom(p));
    out += describeValue(schema, p.value);
  }
  out += " */\n\n";
  out += kAbiHeaderText;
  return out;
}

}  // namespace zc
