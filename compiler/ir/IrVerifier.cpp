#include "ir/IrVerifier.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "ir/IrPrinter.h"
#include "ir/RuntimeFunction.h"

namespace zc::ir {

namespace {

constexpr int kRuntimeFunctions = 0
#define ZC_RUNTIME_FUNCTION(Name, symbol, Shape, canFail) +1
#include "zc/functions.def"
#undef ZC_RUNTIME_FUNCTION
    ;

const char* typeName(Type type) {
  static const char* names[] = {"flag", "int", "dec", "date", "text", "enum"};
  return names[static_cast<int>(type)];
}

// The machine type a record field of this kind is read as.
Type typeOfKind(rt::Kind kind) {
  switch (kind) {
    case rt::Kind::Flag:
      return Type::Flag;
    case rt::Kind::Int:
    case rt::Kind::Count:
      return Type::Int;
    case rt::Kind::Dec:
      return Type::Dec;
    case rt::Kind::Date:
      return Type::Date;
    case rt::Kind::Text:
      return Type::Text;
    case rt::Kind::Enum:
    case rt::Kind::Record:
      return Type::Enum;
  }
  return Type::Flag;
}

// What a runtime function takes and gives, by its C shape.
struct Signature {
  std::vector<Type> args;
  Type result;
};

std::optional<Signature> signatureOf(CallShape shape) {
  switch (shape) {
    case CallShape::DecDecToDec:
    case CallShape::DecDecToDecChecked:
      return Signature{{Type::Dec, Type::Dec}, Type::Dec};
    case CallShape::IntIntToInt:
    case CallShape::IntIntToIntChecked:
      return Signature{{Type::Int, Type::Int}, Type::Int};
    case CallShape::DecToDecChecked:
      return Signature{{Type::Dec}, Type::Dec};
    case CallShape::DecIntToDecChecked:
      return Signature{{Type::Dec, Type::Int}, Type::Dec};
    case CallShape::IntToDecChecked:
      return Signature{{Type::Int}, Type::Dec};
    case CallShape::DateToInt:
      return Signature{{Type::Date}, Type::Int};
    case CallShape::DateDateToInt:
      return Signature{{Type::Date, Type::Date}, Type::Int};
    case CallShape::IntIntIntToDateChecked:
      return Signature{{Type::Int, Type::Int, Type::Int}, Type::Date};
    case CallShape::DateIntToDateChecked:
      return Signature{{Type::Date, Type::Int}, Type::Date};
    case CallShape::DecDecToInt:
      return Signature{{Type::Dec, Type::Dec}, Type::Int};
    // A text Compare, or a step's function that an engine calls with its
    // outcomes: never a Call.
    default:
      return std::nullopt;
  }
  return std::nullopt;
}

class Verifier {
 public:
  explicit Verifier(const Program& program) : p_(program) {}

  std::vector<std::string> run() {
    for (ValueId id = 0; id < p_.insts.size(); ++id) instruction(id);
    itemLoops(p_.steps);
    loops();
    steps();
    pools();
    explanations();
    rankings();
    return std::move(problems_);
  }

  // The side tables an explanation reads (Bracket, Choice, Minimum,
  // YearsLimit): each names instructions that exist and are what it says they are.
  void explanations() {
    auto value = [&](const char* table, size_t i, ValueId id, std::optional<Type> type) {
      if (id >= p_.insts.size())
        problems_.push_back(fmt::format("{} {}: %{} is not an instruction", table, i, id));
      else if (type && p_.insts[id].type != *type)
        problems_.push_back(
            fmt::format("{} {}: %{} is {}, not {}", table, i, id, typeName(p_.insts[id].type), typeName(*type)));
    };
    for (size_t i = 0; i < p_.brackets.size(); ++i) {
      const Bracket& b = p_.brackets[i];
      value("bracket", i, b.reached, Type::Flag);
      value("bracket", i, b.part, std::nullopt);
      value("bracket", i, b.earned, std::nullopt);
      if (b.base != kNoValue) value("bracket", i, b.base, Type::Dec);
    }
    for (size_t i = 0; i < p_.choices.size(); ++i) {
      const Choice& c = p_.choices[i];
      value("choice", i, c.result, std::nullopt);
      if (c.result < p_.insts.size() && p_.insts[c.result].op != Op::If)
        problems_.push_back(fmt::format("choice {}: %{} is not an If", i, c.result));
      if (c.subject != kNoValue) value("choice", i, c.subject, std::nullopt);
      if (c.arms.empty()) problems_.push_back(fmt::format("choice {}: no arm", i));
      for (const Choice::Arm& arm : c.arms)
        if (arm.test != kNoValue) value("choice", i, arm.test, Type::Flag);
    }
    for (size_t i = 0; i < p_.minimums.size(); ++i) {
      const Minimum& m = p_.minimums[i];
      value("minimum", i, m.start, std::nullopt);
      value("minimum", i, m.result, std::nullopt);
    }
    for (size_t i = 0; i < p_.yearsLimits.size(); ++i) {
      const YearsLimit& l = p_.yearsLimits[i];
      value("years limit", i, l.test, Type::Flag);
      value("years limit", i, l.years, Type::Dec);
      if (l.test >= p_.insts.size() || l.years >= p_.insts.size()) continue;
      const Inst& test = p_.insts[l.test];
      if (test.op != Op::Compare || test.a != l.years)
        problems_.push_back(fmt::format("years limit {}: %{} does not compare the years %{}", i, l.test, l.years));
      const Inst& sum = p_.insts[l.years];
      bool overHistory = sum.op == Op::Sum && p_.history >= 0 &&
                         static_cast<size_t>(p_.history) < p_.schema.fields.size() && sum.index2 == p_.history;
      if (!overHistory) {
        problems_.push_back(fmt::format("years limit {}: %{} is not a Sum over the history", i, l.years));
        continue;
      }
      const rt::FieldSchema& history = p_.schema.fields[p_.history];
      if (l.yearField < 0 || static_cast<size_t>(l.yearField) >= history.subFields.size() ||
          history.subFields[l.yearField].kind != rt::Kind::Int)
        problems_.push_back(fmt::format("years limit {}: sub-field {} of the history is not its 年度", i, l.yearField));
    }
  }

 private:
  void problem(ValueId id, const std::string& what) {
    problems_.push_back(fmt::format("%{} = {}: {}", id, opName(p_.insts[id].op), what));
  }

  // An operand defined before its use, of the expected type.
  bool operand(ValueId id, ValueId used, std::optional<Type> expected, const char* role) {
    if (used == kNoValue || used >= id) {
      problem(id, fmt::format("{} operand {} is not an earlier instruction", role,
                              used == kNoValue ? "-" : "%" + std::to_string(used)));
      return false;
    }
    if (expected && p_.insts[used].type != *expected) {
      problem(id, fmt::format("{} operand %{} is {}, not {}", role, used, typeName(p_.insts[used].type),
                              typeName(*expected)));
      return false;
    }
    return true;
  }

  void result(ValueId id, Type expected) {
    if (p_.insts[id].type != expected)
      problem(id, fmt::format("gives {}, not {}", typeName(p_.insts[id].type), typeName(expected)));
  }

  const rt::FieldSchema* field(ValueId id, int index) {
    if (index < 0 || static_cast<size_t>(index) >= p_.schema.fields.size()) {
      problem(id, fmt::format("reads field {}, which the record does not have", index));
      return nullptr;
    }
    return &p_.schema.fields[index];
  }

  bool loop(ValueId id, int index) {
    if (index >= 0 && index < p_.loopCount) return true;
    problem(id, fmt::format("names loop {}, of {}", index, p_.loopCount));
    return false;
  }

  void instruction(ValueId id) {
    const Inst& in = p_.insts[id];
    switch (in.op) {
      case Op::Const:
        if (in.type == Type::Text && in.text >= p_.texts.size()) problem(id, "a text constant out of the text table");
        break;
      case Op::Field:
        if (const rt::FieldSchema* f = field(id, in.index)) {
          if (f->list)
            problem(id, fmt::format("reads the list field {} as one value", f->name));
          else
            result(id, typeOfKind(f->kind));
        }
        break;
      case Op::FieldPresent:
        if (const rt::FieldSchema* f = field(id, in.index); f && !f->optional)
          problem(id, fmt::format("tests the presence of {}, which is never absent", f->name));
        result(id, Type::Flag);
        break;
      case Op::Param:
        if (in.index < 0 || static_cast<size_t>(in.index) >= p_.params.size())
          problem(id, "reads a parameter that does not exist");
        else
          result(id, p_.params[in.index].type);
        break;
      case Op::Elem:
      case Op::ElemField:
      case Op::ElemFieldPresent:
        if (loop(id, in.index)) elemUses_[in.index].push_back(id);
        if (in.op == Op::ElemFieldPresent) result(id, Type::Flag);
        break;
      case Op::ClauseAmount:
        if (in.index < 0 || static_cast<size_t>(in.index) >= p_.clauses.size() ||
            p_.clauses[in.index].kind != rt::ResultKind::Award)
          problem(id, "reads the award of a clause that does not exist or pays none");
        result(id, Type::Dec);
        break;
      case Op::IntToDec:
        operand(id, in.a, Type::Int, "the");
        result(id, Type::Dec);
        break;
      case Op::IntNeg:
        operand(id, in.a, Type::Int, "the");
        result(id, Type::Int);
        break;
      case Op::DecNeg:
        operand(id, in.a, Type::Dec, "the");
        result(id, Type::Dec);
        break;
      case Op::IntAdd:
      case Op::IntSub:
      case Op::IntMul:
        operand(id, in.a, Type::Int, "the first");
        operand(id, in.b, Type::Int, "the second");
        result(id, Type::Int);
        break;
      case Op::DecAdd:
      case Op::DecSub:
      case Op::DecMul:
      case Op::DecDiv:
        operand(id, in.a, Type::Dec, "the first");
        operand(id, in.b, Type::Dec, "the second");
        result(id, Type::Dec);
        break;
      case Op::DecScale:
        operand(id, in.a, Type::Dec, "the");
        if (in.dec.den <= 0) problem(id, "scales by a factor that is not in lowest terms");
        result(id, Type::Dec);
        break;
      case Op::Compare: {
        operand(id, in.a, in.operandType, "the first");
        operand(id, in.b, in.operandType, "the second");
        bool ordered = in.pred != Pred::Eq && in.pred != Pred::Ne;
        Type t = in.operandType;
        if (ordered && t != Type::Int && t != Type::Dec && t != Type::Date)
          problem(id, fmt::format("orders {} values, which only = and ≠ compare", typeName(t)));
        result(id, Type::Flag);
        break;
      }
      case Op::Not:
        operand(id, in.a, Type::Flag, "the");
        result(id, Type::Flag);
        break;
      case Op::And:
      case Op::Or:
        operand(id, in.a, Type::Flag, "the first");
        operand(id, in.b, Type::Flag, "the second");
        result(id, Type::Flag);
        break;
      case Op::If:
        operand(id, in.a, Type::Flag, "the condition");
        operand(id, in.b, in.type, "the then");
        operand(id, in.c, in.type, "the else");
        break;
      case Op::Sum:
      case Op::Count: {
        if (in.op == Op::Sum) {
          operand(id, in.a, in.type, "the body");
          if (in.type != Type::Int && in.type != Type::Dec)
            problem(id, fmt::format("sums {} values", typeName(in.type)));
        } else {
          result(id, Type::Int);
        }
        if (in.b != kNoValue) operand(id, in.b, Type::Flag, "the filter");
        const rt::FieldSchema* list = field(id, in.index2);
        if (list && !list->list) problem(id, fmt::format("loops over {}, which is not a list", list->name));
        if (loop(id, in.index)) {
          if (!loopBinder_.emplace(in.index, id).second) problem(id, fmt::format("binds loop {} again", in.index));
        }
        break;
      }
      case Op::Call: {
        if (in.index < 0 || in.index >= kRuntimeFunctions) {
          problem(id, "calls a runtime function that does not exist");
          break;
        }
        auto signature = signatureOf(runtimeFunction(in.index).shape);
        if (!signature) {
          problem(id, fmt::format("calls {}, which no Call instruction calls", runtimeFunction(in.index).symbol));
          break;
        }
        if (in.args.size() != signature->args.size()) {
          problem(id, fmt::format("passes {} arguments to {}, which takes {}", in.args.size(),
                                  runtimeFunction(in.index).symbol, signature->args.size()));
          break;
        }
        for (size_t i = 0; i < in.args.size(); ++i) operand(id, in.args[i], signature->args[i], "an argument");
        result(id, signature->result);
        break;
      }
      case Op::Gate:
        if (in.index < 0 || in.index >= p_.gateCount)
          problem(id, fmt::format("reads gate {}, of {}", in.index, p_.gateCount));
        result(id, Type::Flag);
        break;
    }
  }

  // The loops an Items step binds, and what its clauses evaluate.
  void itemLoops(const std::vector<Step>& steps) {
    for (const Step& step : steps) {
      if (step.kind != StepKind::Items) continue;
      if (step.target < 0 || static_cast<size_t>(step.target) >= p_.schema.fields.size() ||
          !p_.schema.fields[step.target].list) {
        problems_.push_back(fmt::format("an Items step over field {}, which is not a list", step.target));
        continue;
      }
      std::vector<ValueId> roots;
      for (const Step& inner : step.body) {
        roots.insert(roots.end(), {inner.value, inner.amount, inner.pays});
        roots.insert(roots.end(), inner.conditions.begin(), inner.conditions.end());
      }
      if (step.loops.size() != step.members.size())
        problems_.push_back(
            fmt::format("an Items step of {} clauses binds {} loops", step.members.size(), step.loops.size()));
      for (size_t i = 0; i < step.members.size() && i < step.loops.size(); ++i) {
        int32_t clause = step.members[i];
        int loop = clause >= 0 && static_cast<size_t>(clause) < p_.clauses.size() &&
                           p_.clauses[clause].itemLoop == step.loops[i]
                       ? step.loops[i]
                       : -1;
        if (loop < 0 || loop >= p_.loopCount || loopBinder_.count(loop) ||
            !itemBinder_.emplace(loop, std::pair{step.target, roots}).second)
          problems_.push_back(
              fmt::format("an Items step binds loop {}, which is bound already or does not exist", loop));
      }
    }
  }

  // Each loop's current element is read only inside the Sum, Count or
  // Items step that binds the loop, and a sub-record's fields are those of
  // its list.
  void loops() {
    for (const auto& [loopIndex, uses] : elemUses_) {
      auto binder = loopBinder_.find(loopIndex);
      auto items = itemBinder_.find(loopIndex);
      if (binder == loopBinder_.end() && items == itemBinder_.end()) {
        problem(uses.front(), fmt::format("reads loop {}, which no sum, count or Items step binds", loopIndex));
        continue;
      }
      std::set<ValueId> inside;
      int listField = 0;
      if (binder != loopBinder_.end()) {
        const Inst& binding = p_.insts[binder->second];
        inside = reachableFrom({binding.a, binding.b});
        listField = binding.index2;
      } else {
        inside = reachableFrom(items->second.second);
        listField = items->second.first;
      }
      const rt::FieldSchema& list = p_.schema.fields[listField];
      for (ValueId use : uses) {
        const Inst& in = p_.insts[use];
        if (!inside.count(use)) problem(use, fmt::format("reads loop {} outside what binds it", loopIndex));
        if (in.op == Op::Elem) {
          if (list.kind == rt::Kind::Record)
            problem(use, "reads a whole sub-record as one value");
          else
            result(use, typeOfKind(list.kind));
          continue;
        }
        if (in.index2 < 0 || static_cast<size_t>(in.index2) >= list.subFields.size()) {
          problem(use,
                  fmt::format("reads sub-field {} of {}, which has {}", in.index2, list.name, list.subFields.size()));
          continue;
        }
        const rt::FieldSchema& sub = list.subFields[in.index2];
        if (in.op == Op::ElemField)
          result(use, typeOfKind(sub.kind));
        else if (!sub.optional)
          problem(use, fmt::format("tests the presence of {}, which is never absent", sub.name));
      }
    }
  }

  void stepValue(size_t step, ValueId value, Type expected, const char* role) {
    if (value == kNoValue || value >= p_.insts.size()) {
      problems_.push_back(fmt::format("step {}: {} is not an instruction", step, role));
    } else if (p_.insts[value].type != expected) {
      problems_.push_back(fmt::format("step {}: {} %{} is {}, not {}", step, role, value,
                                      typeName(p_.insts[value].type), typeName(expected)));
    }
  }

  // 资金池: what the settlement takes for granted — each member a clause
  // that pays an amount, of its policy, claiming this pool and no other; an
  // amount of whole 分 at least 0 or a parameter; an order field that is a
  // date or a whole number.
  void pools() {
    for (size_t p = 0; p < p_.pools.size(); ++p) {
      const Pool& pool = p_.pools[p];
      auto bad = [&](const std::string& what) { problems_.push_back(fmt::format("pool {}: {}", pool.name, what)); };
      if (pool.members.empty()) bad("no clause claims it");
      for (int32_t c : pool.members) {
        if (c < 0 || static_cast<size_t>(c) >= p_.clauses.size()) {
          bad(fmt::format("no clause {}", c));
          continue;
        }
        const Clause& clause = p_.clauses[c];
        if (clause.kind != rt::ResultKind::Award || clause.pool != static_cast<int>(p) || clause.policy != pool.policy)
          bad(fmt::format("clause {} cannot claim it", clause.id));
      }
      if (pool.param >= static_cast<int>(p_.params.size())) bad("no such parameter");
      if (pool.param < 0 && (pool.amount.num < 0 || (pool.amount.num * 100) % pool.amount.den != 0))
        bad("an amount that is not a whole number of 分 at least 0");
      if (pool.orderField >= static_cast<int>(p_.schema.fields.size()) ||
          (pool.orderField >= 0 && p_.schema.fields[pool.orderField].kind != rt::Kind::Date &&
           p_.schema.fields[pool.orderField].kind != rt::Kind::Int &&
           p_.schema.fields[pool.orderField].kind != rt::Kind::Count))
        bad("an order field that is not a date or a whole number");
    }
    for (const Clause& clause : p_.clauses)
      if (clause.pool >= static_cast<int>(p_.pools.size()))
        problems_.push_back(fmt::format("clause {}: claims no pool the program has", clause.id));
  }

  // 排名: what ranking takes for granted — a rank field that is an optional
  // whole number no other ranking writes, and keys that are scalar fields a
  // ranking can compare (numbers, quantities, whole numbers, dates).
  void rankings() {
    std::vector<int> written(p_.schema.fields.size(), 0);
    for (const Ranking& ranking : p_.rankings) {
      auto bad = [&](const std::string& what) {
        problems_.push_back(fmt::format("ranking {}: {}", ranking.name, what));
      };
      auto field = [&](int f) -> const rt::FieldSchema* {
        return f >= 0 && static_cast<size_t>(f) < p_.schema.fields.size() ? &p_.schema.fields[f] : nullptr;
      };
      const rt::FieldSchema* rank = field(ranking.rankField);
      if (rank == nullptr || rank->kind != rt::Kind::Int || !rank->optional || rank->list)
        bad("a rank field that is not an optional whole number");
      else if (written[ranking.rankField]++ > 0)
        bad("a rank field another ranking writes too");
      if (ranking.keyFields.empty() || ranking.keyFields.size() != ranking.descending.size())
        bad("no key, or a key without its order");
      for (int32_t f : ranking.keyFields) {
        const rt::FieldSchema* key = field(f);
        if (key == nullptr || key->list || f == ranking.rankField ||
            (key->kind != rt::Kind::Dec && key->kind != rt::Kind::Int && key->kind != rt::Kind::Count &&
             key->kind != rt::Kind::Date))
          bad(fmt::format("key field {} cannot be ranked by", f));
      }
    }
  }

  // Gates are decided before a step reads them; each clause has one step;
  // a 就高 or 封顶 comes after the steps of the clauses it names, which pay
  // amounts; an Items step holds clause steps and rules over them only; a
  // rule over whole clauses is followed at once by the settling of each
  // per-item clause it names, cut as it cuts; and a clause reads another's
  // award only after every rule over that one (per item: every rule 逐项).
  void steps() {
    for (const Step& step : p_.steps) countRules(step);
    std::set<int> gatesDecided, clausesDone;
    stepList(p_.steps, nullptr, gatesDecided, clausesDone);
    if (!toSettle_.empty()) problems_.push_back("the last rule: a per-item clause it names is not settled after it");
    for (const Clause& clause : p_.clauses)
      for (ValueId condition : clause.conditions)
        if (condition >= p_.insts.size() || p_.insts[condition].type != Type::Flag)
          problems_.push_back(fmt::format("clause {}: a 条件 that is not a flag", clause.id));
    for (const Policy& policy : p_.policies)
      for (const auto* conditions : {&policy.applies, &policy.excludes})
        for (ValueId condition : *conditions)
          if (condition >= p_.insts.size() || p_.insts[condition].type != Type::Flag)
            problems_.push_back(fmt::format("policy {}: a condition that is not a flag", policy.id));
    if (clausesDone.size() != p_.clauses.size())
      problems_.push_back(fmt::format("{} clauses, but {} clause steps", p_.clauses.size(), clausesDone.size()));
  }

  void countRules(const Step& step) {
    if (step.kind == StepKind::Items)
      for (const Step& inner : step.body) countRules(inner);
    if (step.kind != StepKind::Highest && step.kind != StepKind::Cap) return;
    for (int32_t m : step.members) rulesOver_[{m, step.perItem}]++;
  }

  void stepList(const std::vector<Step>& steps, const Step* items, std::set<int>& gatesDecided,
                std::set<int>& clausesDone) {
    for (size_t s = 0; s < steps.size(); ++s) {
      const Step& step = steps[s];
      bool inItems = items != nullptr;
      if (step.kind == StepKind::Settle) {
        bool ok = !inItems && toSettle_.erase(step.target) > 0 && step.proRata == settleProRata_;
        if (!ok)
          problems_.push_back(fmt::format(
              "step {}: settles clause {}, not a per-item clause of the rule just before it, or not as it cuts", s,
              step.target));
        continue;
      }
      if (!toSettle_.empty()) {
        problems_.push_back(fmt::format("step {}: comes before the rule just before it is settled", s));
        toSettle_.clear();
      }
      if (step.kind == StepKind::Items) {
        if (inItems)
          problems_.push_back(fmt::format("step {}: an Items step inside another", s));
        else
          stepList(step.body, &step, gatesDecided, clausesDone);
        continue;
      }
      if (inItems && step.kind == StepKind::Gate)
        problems_.push_back(fmt::format("step {}: a gate inside an Items step", s));
      if (step.kind == StepKind::Highest || step.kind == StepKind::Cap) {
        if (step.perItem != inItems)
          problems_.push_back(
              fmt::format("step {}: a per-item rule outside its Items step, or another rule inside one", s));
        if (step.kind == StepKind::Cap) stepValue(s, step.value, Type::Dec, "its limit");
        for (int32_t m : step.members)
          if (m < 0 || static_cast<size_t>(m) >= p_.clauses.size() || !clausesDone.count(m) ||
              p_.clauses[m].kind != rt::ResultKind::Award)
            problems_.push_back(
                fmt::format("step {}: a rule over clause {}, which is not an award decided before it", s, m));
          else
            rulesApplied_[{m, step.perItem}]++;
        if (!inItems)
          for (int32_t m : step.members)
            if (m >= 0 && static_cast<size_t>(m) < p_.clauses.size() && p_.clauses[m].itemList >= 0)
              toSettle_.insert(m);
        settleProRata_ = step.proRata;
        continue;
      }
      if (step.value != kNoValue) problems_.push_back(fmt::format("step {}: a value, where its conditions decide", s));
      for (ValueId condition : step.conditions) stepValue(s, condition, Type::Flag, "a condition");
      for (ValueId id : reachableFrom(step.conditions))
        if (p_.insts[id].op == Op::Gate && !gatesDecided.count(p_.insts[id].index))
          problems_.push_back(fmt::format("step {}: reads gate {} before it is decided", s, p_.insts[id].index));
      if (step.kind == StepKind::Gate) {
        if (!gatesDecided.insert(step.target).second || step.target >= p_.gateCount)
          problems_.push_back(
              fmt::format("step {}: decides gate {} again, or a gate that does not exist", s, step.target));
        continue;
      }
      if (step.target < 0 || static_cast<size_t>(step.target) >= p_.clauses.size() ||
          !clausesDone.insert(step.target).second) {
        problems_.push_back(
            fmt::format("step {}: is for clause {}, which does not exist or has a step already", s, step.target));
        continue;
      }
      stepValue(s, step.pays, Type::Flag, "whether it pays");
      std::vector<ValueId> evaluated{step.amount, step.pays};
      evaluated.insert(evaluated.end(), step.conditions.begin(), step.conditions.end());
      for (ValueId id : reachableFrom(evaluated)) {
        const Inst& read = p_.insts[id];
        if (read.op != Op::ClauseAmount) continue;
        std::pair<int, bool> over{read.index, read.index2 == 1};
        if (!clausesDone.count(read.index) || rulesApplied_[over] != rulesOver_[over])
          problems_.push_back(
              fmt::format("step {}: reads the award of clause {} before its step or a rule over it", s, read.index));
      }
      if (step.amount != kNoValue) stepValue(s, step.amount, Type::Dec, "its amount");
      if ((step.amount != kNoValue) != (p_.clauses[step.target].kind == rt::ResultKind::Award))
        problems_.push_back(
            fmt::format("step {}: clause {} has an amount only if it is an award", s, p_.clauses[step.target].id));
      const Clause& clause = p_.clauses[step.target];
      bool member = inItems && std::count(items->members.begin(), items->members.end(), step.target) > 0 &&
                    clause.itemList == items->target;
      if ((clause.itemList >= 0) != member)
        problems_.push_back(
            fmt::format("step {}: clause {} pays per item only inside the Items step of its list", s, clause.id));
    }
  }

  // The instructions evaluating the roots may evaluate.
  std::set<ValueId> reachableFrom(std::vector<ValueId> roots) {
    std::set<ValueId> seen;
    std::vector<ValueId> pending = std::move(roots);
    while (!pending.empty()) {
      ValueId id = pending.back();
      pending.pop_back();
      if (id == kNoValue || id >= p_.insts.size() || !seen.insert(id).second) continue;
      const Inst& in = p_.insts[id];
      for (ValueId next : {in.a, in.b, in.c}) pending.push_back(next);
      for (ValueId next : in.args) pending.push_back(next);
    }
    return seen;
  }

  const Program& p_;
  std::vector<std::string> problems_;
  std::map<int, ValueId> loopBinder_;
  std::map<std::pair<int, bool>, int> rulesOver_, rulesApplied_;  // by clause and whether the rule is 逐项
  std::set<int> toSettle_;  // the per-item clauses of the rule just passed, not yet settled
  bool settleProRata_ = false;
  std::map<int, std::vector<ValueId>> elemUses_;
  std::map<int, std::pair<int, std::vector<ValueId>>>
      itemBinder_;  // loop → its Items step's list, and what its clauses evaluate
};

}  // namespace

std::vector<std::string> verify(const Program& program) { return Verifier(program).run(); }

}  // namespace zc::ir
