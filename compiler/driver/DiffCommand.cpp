// zc diff: the records evaluated under the old rules and the new, through
// the one evaluation core zc run uses (a RecordEvaluator a side), and their
// awards compared clause by clause. Nothing is computed here but sums.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "driver/CommandInput.h"
#include "driver/Commands.h"
#include "driver/Provenance.h"
#include "io/DiffReport.h"
#include "io/OutputFile.h"
#include "load/Ruleset.h"
#include "zc/record_evaluator.h"

namespace zc {

namespace {

constexpr size_t kChunkRecords = 4096;

// One side's result for a record, copied out of the core before the next chunk.
struct SideAward {
  std::string clause, item, beneficiary, payer;
  bool hasAmount = false;
  zc_dec amount{0, 1};
};
struct SideResult {
  std::string id, error;  // error: the record, or one of its clauses, failed
  std::vector<SideAward> awards;
  zc_dec total{0, 1};
};

std::vector<SideResult> evaluateSide(rt::RecordEvaluator& core, const std::vector<rt::RecordInput>& inputs) {
  std::vector<SideResult> results;
  core.evaluate(inputs.data(), inputs.size(), false, [&](const rt::RecordRow& row) {
    SideResult& side = results.emplace_back();
    side.id = std::string(row.id);
    if (row.result == nullptr) {
      side.error = std::string(row.error);
      return;
    }
    for (const rt::ClauseError& e : row.result->errors)
      side.error += (side.error.empty() ? "" : "; ") + e.message + " (in clause " + std::string(e.clause) + ")";
    for (const rt::Award& a : row.result->awards) {
      side.awards.push_back({std::string(a.clause), a.item.value_or(""), std::string(a.beneficiary),
                             std::string(a.payer), a.hasAmount, a.amount});
      if (a.hasAmount && zc_dec_add(&side.total, &a.amount, &side.total) != ZC_OK)
        side.error = "the record's total is too large";
    }
  });
  return results;
}

// Totals kept in first-seen order.
class Totals {
 public:
  void add(const std::string& key, const std::string& label, const zc_dec* before, const zc_dec* after) {
    auto [it, fresh] = index_.try_emplace(key, totals_.size());
    if (fresh) totals_.push_back({key, label});
    DiffTotal& t = totals_[it->second];
    if (before != nullptr) t.fits = zc_dec_add(&t.before, before, &t.before) == ZC_OK && t.fits;
    if (after != nullptr) t.fits = zc_dec_add(&t.after, after, &t.after) == ZC_OK && t.fits;
  }
  std::vector<DiffTotal> take() { return std::move(totals_); }

 private:
  std::map<std::string, size_t> index_;
  std::vector<DiffTotal> totals_;
};

class Comparison {
 public:
  Comparison(const ir::Program& before, const ir::Program& after) : before_(before), after_(after) {
    auto named = [](const ir::Program& p) {
      return std::any_of(p.clauses.begin(), p.clauses.end(), [](const ir::Clause& c) { return !c.payer.empty(); });
    };
    payers_ = named(before) || named(after);
  }

  void compare(const SideResult& before, const SideResult& after, size_t line, RulesetDiff& diff) {
    ++diff.records;
    if (!before.error.empty() || !after.error.empty()) {
      ++diff.failed;
      diff.changed.push_back({after.id.empty() ? before.id : after.id, line, {}, {}, {}, before.error, after.error});
      return;
    }
    RecordChange change{after.id, line, before.total, after.total, {}, {}, {}};
    for (const SideAward& a : before.awards) pair(change, a).before = amount(a);
    for (const SideAward& a : after.awards) pair(change, a).after = amount(a);
    std::erase_if(change.clauses, [](const ClauseChange& c) {
      return c.before.awarded == c.after.awarded && c.before.hasAmount == c.after.hasAmount &&
             zc_dec_compare(&c.before.amount, &c.after.amount) == 0;
    });
    for (const SideAward& a : before.awards)
      if (a.hasAmount) add(a, &a.amount, nullptr);
    for (const SideAward& a : after.awards)
      if (a.hasAmount) add(a, nullptr, &a.amount);
    zc_dec zero{0, 1};
    bool paidBefore = zc_dec_compare(&before.total, &zero) > 0, paidAfter = zc_dec_compare(&after.total, &zero) > 0;
    int order = zc_dec_compare(&after.total, &before.total);
    if (!paidBefore && paidAfter)
      ++diff.starting;
    else if (paidBefore && !paidAfter)
      ++diff.stopping;
    else if (order > 0)
      ++diff.gaining;
    else if (order < 0)
      ++diff.losing;
    else
      ++diff.unchanged;
    if (!change.clauses.empty()) diff.changed.push_back(std::move(change));
  }

  void finish(RulesetDiff& diff) {
    diff.byClause = byClause_.take();
    diff.byPolicy = byPolicy_.take();
    diff.byBeneficiary = byBeneficiary_.take();
    diff.byPayer = byPayer_.take();
  }

 private:
  static DiffAmount amount(const SideAward& a) { return {true, a.hasAmount, a.amount}; }

  static ClauseChange& pair(RecordChange& change, const SideAward& a) {
    for (ClauseChange& c : change.clauses)
      if (c.clause == a.clause && c.item == a.item && c.beneficiary == a.beneficiary) return c;
    return change.clauses.emplace_back(ClauseChange{a.clause, a.item, a.beneficiary, {}, {}});
  }

  // The clause's policy in the new rules, or in the old where the new have no such clause.
  std::pair<std::string, std::string> policyOf(const std::string& clause) const {
    for (const ir::Program* program : {&after_, &before_})
      for (const ir::Clause& c : program->clauses)
        if (c.id == clause) return {program->policies[c.policy].id, program->policies[c.policy].title};
    return {"?", ""};
  }

  void add(const SideAward& a, const zc_dec* before, const zc_dec* after) {
    byClause_.add(a.clause, "", before, after);
    auto [policy, title] = policyOf(a.clause);
    byPolicy_.add(policy, title, before, after);
    byBeneficiary_.add(a.beneficiary, "", before, after);
    // An award of a clause naming no payer is totalled under 未注明, as in zc run's summary.
    if (payers_) byPayer_.add(a.payer.empty() ? "未注明" : a.payer, "", before, after);
  }

  const ir::Program &before_, &after_;
  bool payers_ = false;
  Totals byClause_, byPolicy_, byBeneficiary_, byPayer_;
};

}  // namespace

int runDiff(const DiffOptions& options) {
  if (options.rulesets.size() == 1 && options.params.empty()) {
    fmt::print(stderr, "zc: zc diff compares two rulesets (OLD.zc NEW.zc), or one with --param NAME=VALUE changed\n");
    return 1;
  }
  auto oldCompilation = loadPolicyRuleset(options.rulesets.front());
  if (!oldCompilation) return 1;
  std::optional<frontend::Compilation> newCompilation;
  if (options.rulesets.size() == 2) {
    newCompilation = loadPolicyRuleset(options.rulesets.back());
    if (!newCompilation) return 1;
  }
  const frontend::Compilation& after = newCompilation ? *newCompilation : *oldCompilation;
  const ir::Program& oldProgram = oldCompilation->ruleset.program;
  const ir::Program& newProgram = after.ruleset.program;
  std::unique_ptr<rt::Engine> oldEngine = makeEngine(oldProgram, options.engine, options.rulesets.front());
  std::unique_ptr<rt::Engine> newEngine =
      makeEngine(newProgram, options.engine, newCompilation ? options.rulesets.back() : "");
  if (!oldEngine || !newEngine) return 1;
  if (!applyParams(newProgram, options.params, [&](int i, const rt::Scalar& v) { newEngine->setParam(i, v); }))
    return 1;

  std::string inputName;
  std::unique_ptr<RecordSource> source = openCommandInput(options.input, newProgram.schema, inputName);
  if (!source) return 1;
  std::vector<ReadFile> reads;
  if (!options.input.input.empty() && options.input.input != "-")
    reads.push_back({options.input.input, "the input file"});
  for (const frontend::Compilation* c : {static_cast<const frontend::Compilation*>(&*oldCompilation), &after})
    for (ReadFile& file : rulesetFiles(c->sources)) reads.push_back(std::move(file));
  std::string format = options.format;
  if (format.empty()) format = std::filesystem::path(options.output).extension() == ".xlsx" ? "xlsx" : "table";
  if (format == "xlsx" && options.output.empty() && stdoutIsTerminal()) {
    fmt::print(stderr, "zc: a workbook is not for a terminal: name it with --output 变化.xlsx\n");
    return 1;
  }
  std::string problem;
  std::unique_ptr<OutputFile> out = OutputFile::open(options.output, reads, problem);
  if (!out) {
    fmt::print(stderr, "zc: {}\n", problem);
    return 1;
  }

  RulesetDiff diff;
  diff.before = provenanceOf(*oldCompilation);
  diff.after = provenanceOf(after);
  diff.beforeName = options.rulesets.front();
  diff.afterName = options.rulesets.back();
  for (const std::string& p : options.params) diff.afterName += " --param " + p;
  rt::RecordEvaluator oldCore(oldProgram.schema, std::move(oldEngine)),
      newCore(newProgram.schema, std::move(newEngine));
  Comparison comparison(oldProgram, newProgram);
  RawRecords raw;
  std::vector<rt::RecordInput> inputs;
  for (bool more = true; more;) {
    raw.clear();
    size_t count = 0;
    while (count < kChunkRecords && (more = source->next(raw))) ++count;
    raw.pad();
    inputs.clear();
    for (size_t i = 0; i < raw.size(); ++i)
      inputs.push_back({raw.json(raw[i]), raw[i].line, raw[i].problem, raw[i].id});
    std::vector<SideResult> before = evaluateSide(oldCore, inputs), afterResults = evaluateSide(newCore, inputs);
    for (size_t i = 0; i < inputs.size(); ++i) {
      comparison.compare(before[i], afterResults[i], inputs[i].line, diff);
      for (const auto& [side, result] : {std::pair{"old", &before[i]}, {"new", &afterResults[i]}})
        if (!result->error.empty())
          fmt::print(stderr, "{}: {}under the {} rules: {}\n", source->where(inputName, inputs[i].line, result->error),
                     result->id.empty() ? "" : fmt::format("record {}: ", rt::printable(result->id)), side,
                     rt::printable(result->error));
    }
  }
  comparison.finish(diff);
  try {
    if (format == "json")
      writeDiffJson(out->stream(), diff);
    else if (format == "xlsx")
      writeDiffXlsx(out->stream(), diff);
    else
      writeDiffTable(out->stream(), diff);
  } catch (const std::runtime_error& e) {
    fmt::print(stderr, "zc: {}\n", e.what());
    return 1;
  }
  if (!out->commit(problem)) {
    fmt::print(stderr, "zc: {}\n", problem);
    return 1;
  }
  return diff.failed > 0 ? 2 : 0;
}

}  // namespace zc
