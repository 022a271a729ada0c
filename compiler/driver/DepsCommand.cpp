// zc deps: what each clause's outcome reads (ir/Dependencies.h), for people
// and, with --json, for programs (the page of zc serve groups its fields by it).
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "diag/Diagnostic.h"
#include "driver/Commands.h"
#include "driver/Provenance.h"
#include "ir/Dependencies.h"
#include "load/Ruleset.h"
#include "zc/results.h"

namespace zc {

namespace {

std::string names(const std::vector<int>& indices, const std::function<const std::string&(int)>& nameOf, bool json) {
  std::string out;
  for (int i : indices) {
    if (!out.empty()) out += json ? ", " : "、";
    out += json ? rt::jsonString(nameOf(i)) : nameOf(i);
  }
  return json ? "[" + out + "]" : out.empty() ? "—" : out;
}

}  // namespace

int runDeps(const DepsOptions& options) {
  auto compilation = loadPolicyRuleset(options.ruleset);
  if (!compilation) return 1;
  const ir::Program& program = compilation->ruleset.program;
  std::vector<std::string> ids;
  for (const ir::Clause& c : program.clauses) ids.push_back(c.id);
  for (const std::string& wanted : options.clauses) {
    if (std::find(ids.begin(), ids.end(), wanted) != ids.end()) continue;
    std::string closest = closestName(wanted, ids);
    fmt::print(stderr, "zc: the ruleset has no clause '{}'{}\n", wanted,
               closest.empty() ? "" : fmt::format("; did you mean '{}'?", closest));
    return 1;
  }
  ir::DependencyAnalysis dependencies(program);
  auto field = [&](int i) -> const std::string& { return program.schema.fields[i].name; };
  auto param = [&](int i) -> const std::string& { return program.params[i].name; };
  auto clause = [&](int i) -> const std::string& { return program.clauses[i].id; };
  Provenance provenance = provenanceOf(*compilation);
  std::string out;
  for (size_t c = 0; c < program.clauses.size(); ++c) {
    const ir::Clause& shown = program.clauses[c];
    bool wanted = options.clauses.empty() ||
                  std::find(options.clauses.begin(), options.clauses.end(), shown.id) != options.clauses.end();
    if (!wanted) continue;
    const ir::ClauseDependencies& d = dependencies.clause(static_cast<int>(c));
    const std::string& policy = program.policies[shown.policy].id;
    if (options.json) {
      out += fmt::format(
          "{}{{\"clause\": {}, \"policy\": {}, \"fields\": {}, \"condition_fields\": {}, "
          "\"params\": {}, \"clauses\": {}}}",
          out.empty() ? "" : ", ", rt::jsonString(shown.id), rt::jsonString(policy), names(d.fields, field, true),
          names(d.conditionFields, field, true), names(d.params, param, true), names(d.clauses, clause, true));
      continue;
    }
    out += fmt::format("条款 {}（政策 {}）\n", shown.id, policy);
    out += fmt::format("  字段 (fields): {}\n", names(d.fields, field, false));
    out += fmt::format("  其中决定是否适用 (in its conditions): {}\n", names(d.conditionFields, field, false));
    out += fmt::format("  参数 (parameters): {}\n", names(d.params, param, false));
    if (!d.clauses.empty())
      out += fmt::format("  经由条款 (through the clauses it names or shares a rule with): {}\n",
                         names(d.clauses, clause, false));
  }
  if (options.json)
    out = fmt::format("{{\"source_hash\": \"{}\", \"zc_version\": \"{}\", \"clauses\": [{}]}}\n", provenance.sourceHash,
                      provenance.zcVersion, out);
  fmt::print("{}", out);
  return 0;
}

}  // namespace zc
