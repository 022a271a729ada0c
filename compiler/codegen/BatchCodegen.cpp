#include "codegen/BatchCodegen.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "ir/IrQueries.h"
#include "ir/RuntimeFunction.h"
#include "zc/batch.h"
#include "zc/result_table.h"

namespace zc {

using ir::Op;

namespace {

// A program of up to this many IR instructions is one function (the seed
// ruleset has about 500); a larger one is split into parts of about
// kPartInstructions LLVM instructions each, the size of the seed's function.
constexpr size_t kOneFunction = 4000;
constexpr unsigned kPartInstructions = 4000;

// A program split in halves is cut between two policies' clauses (or
// gates), so that jump threading still skips a closed policy's clauses at
// once; a half below this share of the steps' instructions is not worth a
// second core.
constexpr double kSmallestHalf = 0.3;

// The gate a clause step reads first (its policy's), or -1.
int gateOf(const ir::Program& program, const ir::Step& step) {
  if (step.kind != ir::StepKind::Clause || step.conditions.empty()) return -1;
  const ir::Inst& first = program.insts[step.conditions.front()];
  return first.op == Op::Gate ? first.index : -1;
}

// Whether the program may be cut before step i: everything one step leaves
// for another is in memory (outcomes, item results) or passed on (gates),
// so any cut is correct; this one keeps a policy's clauses together.
bool policyBoundary(const ir::Program& program, size_t i) {
  const ir::Step& step = program.steps[i];
  if (step.kind == ir::StepKind::Gate) return true;
  if (step.kind != ir::StepKind::Clause) return false;
  int gate = gateOf(program, step);
  return gate < 0 || gate != gateOf(program, program.steps[i - 1]);
}

// About how many LLVM instructions a step lowers to: the IR instructions
// it reaches, each once.
size_t stepSize(const ir::Program& program, const ir::Step& step) {
  std::vector<ir::ValueId> pending(step.conditions);
  pending.insert(pending.end(), {step.value, step.amount, step.pays});
  std::unordered_set<ir::ValueId> seen;
  size_t size = 1;
  while (!pending.empty()) {
    ir::ValueId id = pending.back();
    pending.pop_back();
    if (id == ir::kNoValue || !seen.insert(id).second) continue;
    ++size;
    ir::pushOperands(program.insts[id], pending);
  }
  for (const ir::Step& inner : step.body) size += stepSize(program, inner);
  return size;
}

// The first step of the second half: the policy boundary nearest the
// middle of the steps' sizes, or 0 when the program does not split.
size_t secondHalfStart(const ir::Program& program) {
  if (program.insts.size() > kOneFunction) return 0;
  std::vector<size_t> before{0};  // the size of the steps before each step
  for (const ir::Step& step : program.steps) before.push_back(before.back() + stepSize(program, step));
  double total = static_cast<double>(before.back());
  size_t best = 0;
  double bestDistance = total;
  for (size_t i = 1; i < program.steps.size(); ++i) {
    if (!policyBoundary(program, i)) continue;
    double distance = std::abs(static_cast<double>(before[i]) - total / 2);
    if (distance < bestDistance) best = i, bestDistance = distance;
  }
  if (best == 0 || std::min(before[best], before.back() - before[best]) < kSmallestHalf * total) return 0;
  return best;
}

// Marks the gates a step reads; returns whether it reads what other steps
// leave (a gate, a clause's amount) rather than only the record.
bool gatesRead(const ir::Program& program, const ir::Step& step, std::vector<bool>& read) {
  std::vector<ir::ValueId> pending(step.conditions);
  pending.insert(pending.end(), {step.value, step.amount, step.pays});
  std::unordered_set<ir::ValueId> seen;
  bool readsSteps = false;
  while (!pending.empty()) {
    ir::ValueId id = pending.back();
    pending.pop_back();
    if (id == ir::kNoValue || !seen.insert(id).second) continue;
    const ir::Inst& inst = program.insts[id];
    if (inst.op == Op::Gate) read[inst.index] = true;
    readsSteps = readsSteps || inst.op == Op::Gate || inst.op == Op::ClauseAmount;
    ir::pushOperands(inst, pending);
  }
  for (const ir::Step& inner : step.body) readsSteps = gatesRead(program, inner, read) || readsSteps;
  return readsSteps;
}

// Which steps each half runs. A gate only the second half reads, whose
// conditions read only the record, is decided there, before its steps, so
// its value is a register there as in a whole program: read from memory,
// every clause of its policy would test it for an error again. The gates go
// from the first half to the second only when the second reads one the
// first decides.
struct Halves {
  std::vector<size_t> first, second;  // step indices, in order
  bool passGates = false;
};

Halves halvesOf(const ir::Program& program) {
  size_t start = secondHalfStart(program);
  size_t gates = static_cast<size_t>(std::max(program.gateCount, 1));
  std::vector<bool> readFirst(gates), readSecond(gates);
  std::vector<bool> recordOnly(program.steps.size());
  for (size_t i = 0; i < program.steps.size(); ++i)
    recordOnly[i] = !gatesRead(program, program.steps[i], i < start ? readFirst : readSecond);
  Halves halves;
  std::vector<size_t> moved;
  for (size_t i = 0; i < start; ++i) {
    const ir::Step& step = program.steps[i];
    bool onlySecond =
        step.kind == ir::StepKind::Gate && recordOnly[i] && readSecond[step.target] && !readFirst[step.target];
    if (onlySecond)
      moved.push_back(i);
    else
      halves.first.push_back(i);
    if (step.kind == ir::StepKind::Gate && !onlySecond && readSecond[step.target]) halves.passGates = true;
  }
  halves.second = moved;
  for (size_t i = start; i < program.steps.size(); ++i) halves.second.push_back(i);
  return halves;
}

// The members of a zc_column (zc/batch.h), by position.
enum class ColumnMember { Values, Present, Offsets, Fields, FieldPresent };

class BatchCodegen {
 public:
  BatchCodegen(const ir::Program& program, llvm::LLVMContext& context, const llvm::DataLayout& layout, Half half)
      : program_(program),
        half_(half),
        halves_(half == Half::Whole ? Halves{} : halvesOf(program)),
        ctx_(context),
        module_(std::make_unique<llvm::Module>("zhengce.ruleset", context)),
        b_(context),
        loopIndex_(program.loopCount, nullptr),
        loopField_(program.loopCount, -1) {
    // Before any alloca: a decimal slot must be aligned as the runtime's zc_dec
    // (16), which only the target's layout says.
    module_->setDataLayout(layout);
    i1_ = b_.getInt1Ty();
    i8_ = b_.getInt8Ty();
    i32_ = b_.getInt32Ty();
    i64_ = b_.getInt64Ty();
    i128_ = b_.getInt128Ty();
    ptr_ = b_.getPtrTy();
    dec_ = llvm::StructType::create(ctx_, {i128_, i128_}, "zc_dec");
    text_ = llvm::StructType::create(ctx_, {ptr_, i64_}, "zc_text");
    column_ = llvm::StructType::create(ctx_, {ptr_, ptr_, ptr_, ptr_, ptr_}, "zc_column");
    batch_ = llvm::StructType::create(ctx_, {i64_, ptr_}, "zc_batch");
    result_ = llvm::StructType::create(ctx_, {ptr_, ptr_, ptr_, ptr_, ptr_}, "zc_batch_result");
    outcomes_ = llvm::StructType::create(ctx_, {ptr_, ptr_, ptr_, ptr_}, "zc_outcomes");
    gate_ = llvm::StructType::create(ctx_, {i32_, i32_, i32_}, "zc_gate");
  }

  llvm::Expected<std::unique_ptr<llvm::Module>> run();

 private:
  // The module, once the verifier has nothing to say of it.
  llvm::Expected<std::unique_ptr<llvm::Module>> verified();
  // A decimal value is the address of its zc_dec, which runtime functions
  // take and fill in place: copying 32-byte values in and out of their
  // operand slots was most of the machine code, and of its compile time.
  llvm::Type* valueType(ir::Type type) const;
  llvm::Type* storageType(rt::Kind kind) const;
  // The value stored at `address`, as a value of `type`.
  llvm::Value* fromStorage(llvm::Value* address, rt::Kind kind, ir::Type type);
  llvm::Constant* decConstant(const zc_dec& value);
  llvm::Constant* decConstantAddress(const zc_dec& value);
  // Where the decimal instruction `id` leaves its result. One slot an
  // instruction: where it is computed again (another branch, another
  // iteration) its earlier result is no longer read.
  llvm::AllocaInst* decSlot(ir::ValueId id);
  llvm::Value* textConstant(const std::string& text);
  llvm::AllocaInst* entryAlloca(llvm::Type* type, const char* name);
  llvm::FunctionCallee runtime(const std::string& name, llvm::Type* result, std::vector<llvm::Type*> params);

  // Each step is calls of its runtime functions; `outcomes` is the address
  // of a zc_outcomes: the row's, or the item's at hand.
  void emitGate(const ir::Step& step);
  void emitClause(const ir::Step& step, llvm::Value* into);
  // Kleene's ∧ of a step's conditions (ir::Step::conditions): to `notHeld`
  // at the first that does not hold; past the last, to the step's error exit
  // `stepError` with the first error when one failed.
  void emitConditions(const std::vector<ir::ValueId>& conditions, llvm::BasicBlock* notHeld,
                      llvm::BasicBlock* stepError);
  void emitRule(const ir::Step& step, llvm::Value* outcomes);
  // 逐项: the body's steps for each item of the list, each clause's item
  // outcome then recorded and added into its slot of the row.
  void emitItems(const ir::Step& step);
  void emitSettle(const ir::Step& step);
  // The current step's error exit: calls `fail` with `args` and the error's
  // status and site, then goes on at `done`.
  void emitStepError(ir::RuntimeFn fail, std::vector<llvm::Value*> args, llvm::BasicBlock* done);
  // A rule's or an Items step's clauses: a constant array, and how many.
  std::pair<llvm::Value*, llvm::Value*> members(const ir::Step& step);
  void emitTable();
  void emitStep(const ir::Step& step);

  // A large program's steps go into functions of their own, the row loop
  // calling each in turn: LLVM's optimiser and register allocator take time
  // that grows faster than a function's size, so one function for 100,000
  // clauses took minutes where parts of a bounded size take time in
  // proportion to their number. beginPart starts such a function and its
  // call in the row loop (at `rowBody`); endPart returns to the row loop.
  void beginPart(llvm::BasicBlock* rowBody);
  void endPart();
  // The slots a function's steps write their errors and results through.
  void makeScratch();
  // The steps of these indices, one after another.
  void emitSteps(const std::vector<size_t>& steps);
  // The second half of a split program: a function of the row that runs the
  // rest of its steps (Half::Second's module holds nothing else).
  void emitSecondHalf();
  llvm::FunctionType* secondHalfType();
  llvm::ArrayType* gatesType();
  // A copy of the gates, made where the builder is, for the second half to
  // read: the gates themselves are never passed on, so they stay registers
  // (a pointer passed out is kept in memory across every call).
  llvm::Value* copyOfGates();
  // What a function reads from the batch and writes to the results (in
  // its entry), and the row's outcome arrays (at the start of each row).
  void beginBatch(llvm::Value* batch, llvm::Value* result);
  void beginRow();

  llvm::Value* value(ir::ValueId id);
  llvm::Value* emit(ir::ValueId id);
  llvm::Value* emitArith(const ir::Inst& inst, ir::ValueId id);
  llvm::Value* emitCompare(const ir::Inst& inst, ir::ValueId id);
  llvm::Value* emitLogic(const ir::Inst& inst);
  llvm::Value* emitIf(const ir::Inst& inst);
  llvm::Value* emitLoop(const ir::Inst& inst, ir::ValueId id);
  // A loop over the row's entries of a list field: begin leaves the builder
  // in the body, with `index` the entry at hand; end closes it after the body.
  struct ListLoop {
    llvm::AllocaInst* slot;
    llvm::Value* begin;  // the row's first entry
    llvm::Value* index;
    llvm::BasicBlock *header, *done;
  };
  ListLoop beginListLoop(int field, const char* name);
  void endListLoop(const ListLoop& loop);
  // A call of a runtime function; one that can fail traps at `site`.
  llvm::Value* emitRuntimeCall(ir::RuntimeFn fn, std::vector<llvm::Value*> args, ir::ValueId site);
  // A column's array, loaded where it is used: kept in registers across the
  // row loop, fifty of them made register allocation most of the compile.
  llvm::Value* column(int field, ColumnMember member);
  llvm::Value* loadField(int field, llvm::Value* index, ir::Type type);
  llvm::Value* loadSubField(int field, int sub, llvm::Value* index, ir::Type type);

  // Branches to the current step's error exit when `failed` holds, recording why.
  void trapIf(llvm::Value* failed, llvm::Value* status, llvm::Value* site);
  void trapOnStatus(llvm::Value* status, ir::ValueId site);
  llvm::GlobalVariable* constantGlobal(llvm::Constant* value, const char* name);
  llvm::Constant* cString(const std::string& text);

  void pushScope() { scopes_.emplace_back(); }
  void popScope() { scopes_.pop_back(); }
  llvm::BasicBlock* block(const char* name) { return llvm::BasicBlock::Create(ctx_, name, fn_); }

  const ir::Program& program_;
  Half half_;
  Halves halves_;  // when a half is lowered
  llvm::LLVMContext& ctx_;
  std::unique_ptr<llvm::Module> module_;
  llvm::IRBuilder<> b_;
  llvm::Type *i1_, *i8_, *i32_, *i64_, *i128_, *ptr_;
  llvm::FunctionType* partType_ = nullptr;
  int parts_ = 0;
  // The row loop's own values while a part is written.
  struct Saved {
    llvm::Function* fn;
    llvm::BasicBlock* entry;
    llvm::Value *row, *params, *columns, *items;
    llvm::Value *rowOutcomes, *itemOutcomes, *gates;
    llvm::AllocaInst *statusSlot, *siteSlot, *firstStatus, *firstSite, *intOut, *dateOut, *flagOut, *siteOut;
    std::unordered_map<ir::ValueId, llvm::AllocaInst*> decSlots;
    std::vector<std::unordered_map<ir::ValueId, llvm::Value*>> scopes;
  };
  std::optional<Saved> rowLoop_;
  llvm::StructType *dec_, *text_, *column_, *batch_, *result_, *outcomes_, *gate_;

  llvm::Function* fn_ = nullptr;
  llvm::BasicBlock* entry_ = nullptr;
  llvm::BasicBlock* errorBlock_ = nullptr;
  llvm::Value* row_ = nullptr;
  llvm::Value* params_ = nullptr;
  llvm::Value *fired_ = nullptr, *amounts_ = nullptr, *statuses_ = nullptr, *sites_ = nullptr, *items_ = nullptr;
  llvm::Value *rowOutcomes_ = nullptr, *itemOutcomes_ = nullptr, *gates_ = nullptr;
  llvm::AllocaInst *statusSlot_ = nullptr, *siteSlot_ = nullptr;
  llvm::AllocaInst *firstStatus_ = nullptr, *firstSite_ = nullptr;  // the first error among a step's conditions
  llvm::AllocaInst *intOut_ = nullptr, *dateOut_ = nullptr, *flagOut_ = nullptr, *siteOut_ = nullptr;
  std::unordered_map<ir::ValueId, llvm::AllocaInst*> decSlots_;
  std::map<std::pair<__int128, __int128>, llvm::Constant*> decConstants_;
  llvm::Value* columns_ = nullptr;
  // Values already computed where the current block is: one map per open
  // region, so a value is reused only where its definition dominates.
  std::vector<std::unordered_map<ir::ValueId, llvm::Value*>> scopes_;
  std::vector<llvm::Value*> loopIndex_;
  std::vector<int> loopField_;
  std::unordered_map<std::string, llvm::Value*> texts_;
  std::unordered_map<std::string, llvm::Constant*> cStrings_;
};

llvm::Type* BatchCodegen::valueType(ir::Type type) const {
  switch (type) {
    case ir::Type::Flag:
      return i1_;
    case ir::Type::Dec:
      return ptr_;
    case ir::Type::Text:
      return text_;
    default:
      return i64_;
  }
}

llvm::Type* BatchCodegen::storageType(rt::Kind kind) const {
  switch (kind) {
    case rt::Kind::Dec:
      return dec_;
    case rt::Kind::Text:
      return text_;
    default:
      return i64_;
  }
}

llvm::Value* BatchCodegen::fromStorage(llvm::Value* address, rt::Kind kind, ir::Type type) {
  if (kind == rt::Kind::Dec) return address;
  llvm::Value* stored = b_.CreateLoad(storageType(kind), address);
  return type == ir::Type::Flag ? b_.CreateICmpNE(stored, b_.getInt64(0)) : stored;
}

llvm::Constant* BatchCodegen::decConstant(const zc_dec& value) {
  auto wide = [&](__int128 v) {
    auto bits = static_cast<unsigned __int128>(v);
    return llvm::ConstantInt::get(ctx_,
                                  llvm::APInt(128, {static_cast<uint64_t>(bits), static_cast<uint64_t>(bits >> 64)}));
  };
  return llvm::ConstantStruct::get(dec_, {wide(value.num), wide(value.den)});
}

llvm::Constant* BatchCodegen::decConstantAddress(const zc_dec& value) {
  auto key = std::make_pair(value.num, value.den);
  auto it = decConstants_.find(key);
  if (it != decConstants_.end()) return it->second;
  llvm::GlobalVariable* global = constantGlobal(decConstant(value), "dec");
  global->setAlignment(module_->getDataLayout().getABITypeAlign(dec_));
  global->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
  return decConstants_[key] = global;
}

llvm::AllocaInst* BatchCodegen::decSlot(ir::ValueId id) {
  auto it = decSlots_.find(id);
  if (it != decSlots_.end()) return it->second;
  return decSlots_[id] = entryAlloca(dec_, "dec");
}

llvm::Value* BatchCodegen::textConstant(const std::string& text) {
  auto it = texts_.find(text);
  if (it != texts_.end()) return it->second;
  llvm::Constant* data = b_.CreateGlobalString(text, "text", 0, module_.get());
  llvm::Value* value = llvm::ConstantStruct::get(text_, {data, b_.getInt64(static_cast<int64_t>(text.size()))});
  texts_[text] = value;
  return value;
}

llvm::AllocaInst* BatchCodegen::entryAlloca(llvm::Type* type, const char* name) {
  llvm::IRBuilder<> entry(entry_, entry_->begin());
  return entry.CreateAlloca(type, nullptr, name);
}

llvm::FunctionCallee BatchCodegen::runtime(const std::string& name, llvm::Type* result,
                                           std::vector<llvm::Type*> params) {
  return module_->getOrInsertFunction(name, llvm::FunctionType::get(result, params, false));
}

void BatchCodegen::trapIf(llvm::Value* failed, llvm::Value* status, llvm::Value* site) {
  llvm::BasicBlock* fail = block("trap");
  llvm::BasicBlock* ok = block("ok");
  b_.CreateCondBr(failed, fail, ok, llvm::MDBuilder(ctx_).createBranchWeights(1, 1 << 20));
  b_.SetInsertPoint(fail);
  b_.CreateStore(status, statusSlot_);
  b_.CreateStore(site, siteSlot_);
  b_.CreateBr(errorBlock_);
  b_.SetInsertPoint(ok);
}

void BatchCodegen::trapOnStatus(llvm::Value* status, ir::ValueId site) {
  trapIf(b_.CreateICmpNE(status, b_.getInt32(ZC_OK)), status, b_.getInt32(static_cast<int32_t>(site)));
}

llvm::Value* BatchCodegen::column(int field, ColumnMember member) {
  llvm::Value* c = b_.CreateConstInBoundsGEP1_64(column_, columns_, field);
  return b_.CreateLoad(ptr_, b_.CreateStructGEP(column_, c, static_cast<unsigned>(member)));
}

llvm::Value* BatchCodegen::loadField(int field, llvm::Value* index, ir::Type type) {
  rt::Kind kind = program_.schema.fields[field].kind;
  return fromStorage(b_.CreateInBoundsGEP(storageType(kind), column(field, ColumnMember::Values), index), kind, type);
}

llvm::Value* BatchCodegen::loadSubField(int field, int sub, llvm::Value* index, ir::Type type) {
  rt::Kind kind = program_.schema.fields[field].subFields[sub].kind;
  llvm::Value* array =
      b_.CreateLoad(ptr_, b_.CreateConstInBoundsGEP1_64(ptr_, column(field, ColumnMember::Fields), sub));
  return fromStorage(b_.CreateInBoundsGEP(storageType(kind), array, index), kind, type);
}

llvm::Value* BatchCodegen::value(ir::ValueId id) {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    auto found = it->find(id);
    if (found != it->end()) return found->second;
  }
  llvm::Value* v = emit(id);
  scopes_.back()[id] = v;
  return v;
}

llvm::Value* BatchCodegen::emit(ir::ValueId id) {
  const ir::Inst& inst = program_.insts[id];
  switch (inst.op) {
    case Op::Const:
      switch (inst.type) {
        case ir::Type::Flag:
          return b_.getInt1(inst.imm != 0);
        case ir::Type::Dec:
          return decConstantAddress(inst.dec);
        case ir::Type::Text:
          return textConstant(program_.texts[inst.text]);
        default:
          return b_.getInt64(inst.imm);
      }
    case Op::Field:
      return loadField(inst.index, row_, inst.type);
    case Op::FieldPresent: {
      llvm::Value* address = b_.CreateInBoundsGEP(i8_, column(inst.index, ColumnMember::Present), row_);
      return b_.CreateICmpNE(b_.CreateLoad(i8_, address), b_.getInt8(0));
    }
    case Op::Param: {
      llvm::Value* slot = b_.CreateLoad(ptr_, b_.CreateConstInBoundsGEP1_64(ptr_, params_, inst.index));
      return fromStorage(slot, program_.params[inst.index].schema.kind, inst.type);
    }
    case Op::Elem:
      return loadField(loopField_[inst.index], loopIndex_[inst.index], inst.type);
    case Op::ElemField:
      return loadSubField(loopField_[inst.index], inst.index2, loopIndex_[inst.index], inst.type);
    case Op::ElemFieldPresent: {
      llvm::Value* fieldPresent = column(loopField_[inst.index], ColumnMember::FieldPresent);
      llvm::Value* array = b_.CreateLoad(ptr_, b_.CreateConstInBoundsGEP1_64(ptr_, fieldPresent, inst.index2));
      llvm::Value* address = b_.CreateInBoundsGEP(i8_, array, loopIndex_[inst.index]);
      return b_.CreateICmpNE(b_.CreateLoad(i8_, address), b_.getInt8(0));
    }
    case Op::Compare:
      return emitCompare(inst, id);
    case Op::Not:
      return b_.CreateNot(value(inst.a));
    case Op::And:
    case Op::Or:
      return emitLogic(inst);
    case Op::If:
      return emitIf(inst);
    case Op::Sum:
    case Op::Count:
      return emitLoop(inst, id);
    case Op::Call: {
      std::vector<llvm::Value*> args;
      for (ir::ValueId a : inst.args) args.push_back(value(a));
      llvm::Value* result = emitRuntimeCall(static_cast<ir::RuntimeFn>(inst.index), args, id);
      return inst.type == ir::Type::Date ? b_.CreateSExt(result, i64_) : result;
    }
    case Op::Gate:
      return emitRuntimeCall(ir::RuntimeFn::GateRead, {gates_, b_.getInt32(inst.index)}, id);
    case Op::ClauseAmount:
      return emitRuntimeCall(ir::RuntimeFn::ClauseAmount,
                             {inst.index2 == 1 ? itemOutcomes_ : rowOutcomes_, b_.getInt32(inst.index)}, id);
    default:
      return emitArith(inst, id);
  }
}

llvm::Value* BatchCodegen::emitArith(const ir::Inst& inst, ir::ValueId id) {
  ir::RuntimeFn fn = *ir::runtimeFunctionOf(inst.op);
  switch (inst.op) {
    case Op::IntNeg:
      return emitRuntimeCall(fn, {b_.getInt64(0), value(inst.a)}, id);
    case Op::DecScale:
      return emitRuntimeCall(fn, {value(inst.a), decConstantAddress(inst.dec)}, id);
    case Op::IntToDec:
    case Op::DecNeg:
      return emitRuntimeCall(fn, {value(inst.a)}, id);
    default:
      return emitRuntimeCall(fn, {value(inst.a), value(inst.b)}, id);
  }
}

llvm::Value* BatchCodegen::emitRuntimeCall(ir::RuntimeFn fn, std::vector<llvm::Value*> args, ir::ValueId site) {
  const ir::RuntimeFunctionInfo& f = ir::runtimeFunction(fn);
  std::string name(f.symbol);
  auto call = [&](llvm::Type* resultType) {
    std::vector<llvm::Type*> types;
    for (llvm::Value* a : args) types.push_back(a->getType());
    return b_.CreateCall(runtime(name, resultType, types), args);
  };
  auto checked = [&](llvm::Type* resultType, llvm::AllocaInst* out) -> llvm::Value* {
    args.push_back(out);
    // A function that cannot fail always returns ZC_OK: a test of it would be
    // one more block to compile for nothing.
    llvm::Value* status = call(i32_);
    if (f.canFail) trapOnStatus(status, site);
    if (resultType == dec_) return out;
    return b_.CreateLoad(resultType, out);
  };
  auto asDate = [&](llvm::Value* v) { return b_.CreateTrunc(v, i32_); };
  switch (f.shape) {
    case ir::CallShape::DecDecToDec:
      args.push_back(decSlot(site));
      call(b_.getVoidTy());
      return args.back();
    case ir::CallShape::DecDecToInt:
      return call(i32_);
    case ir::CallShape::IntIntToInt:
      return call(i64_);
    case ir::CallShape::TextTextToInt:
      args = {b_.CreateExtractValue(args[0], 0), b_.CreateExtractValue(args[0], 1), b_.CreateExtractValue(args[1], 0),
              b_.CreateExtractValue(args[1], 1)};
      return call(i32_);
    case ir::CallShape::DecToDecChecked:
    case ir::CallShape::DecDecToDecChecked:
    case ir::CallShape::IntToDecChecked:
      return checked(dec_, decSlot(site));
    case ir::CallShape::DecIntToDecChecked:
      args[1] = b_.CreateTrunc(args[1], i32_);
      return checked(dec_, decSlot(site));
    case ir::CallShape::IntIntToIntChecked:
      return checked(i64_, intOut_);
    case ir::CallShape::DateToInt:
      return b_.CreateCall(runtime(name, i64_, {i32_}), {asDate(args[0])});
    case ir::CallShape::DateDateToInt:
      return b_.CreateCall(runtime(name, i64_, {i32_, i32_}), {asDate(args[0]), asDate(args[1])});
    case ir::CallShape::IntIntIntToDateChecked:
      return checked(i32_, dateOut_);
    case ir::CallShape::DateIntToDateChecked:
      args[0] = asDate(args[0]);
      return checked(i32_, dateOut_);
    case ir::CallShape::GateDecide:
    case ir::CallShape::GateFail:
    case ir::CallShape::OutcomeSlot:
    case ir::CallShape::PaySlot:
    case ir::CallShape::FailSlot:
    case ir::CallShape::Members:
    case ir::CallShape::CapMembers:
    case ir::CallShape::FailMembers:
    case ir::CallShape::RecordItems:
    case ir::CallShape::SettleItems:
      return call(b_.getVoidTy());
    case ir::CallShape::MembersToInt:
      return call(i32_);
    case ir::CallShape::SlotToDecChecked:
      return checked(dec_, decSlot(site));
    case ir::CallShape::GateRead: {
      // A failed gate fails its reader with the gate's own error and site.
      args.insert(args.end(), {flagOut_, siteOut_});
      llvm::Value* status = call(i32_);
      trapIf(b_.CreateICmpNE(status, b_.getInt32(ZC_OK)), status, b_.CreateLoad(i32_, siteOut_));
      return b_.CreateICmpNE(b_.CreateLoad(i32_, flagOut_), b_.getInt32(0));
    }
  }
  return nullptr;
}

llvm::Value* BatchCodegen::emitCompare(const ir::Inst& inst, ir::ValueId id) {
  llvm::Value* a = value(inst.a);
  llvm::Value* b = value(inst.b);
  if (inst.operandType == ir::Type::Text) {
    llvm::Value* same = b_.CreateICmpNE(emitRuntimeCall(ir::RuntimeFn::TextEqual, {a, b}, id), b_.getInt32(0));
    return inst.pred == ir::Pred::Eq ? same : b_.CreateNot(same);
  }
  // Decimals compare through the runtime; its -1, 0 or 1 then compares with 0.
  if (inst.operandType == ir::Type::Dec) {
    a = emitRuntimeCall(ir::RuntimeFn::DecCompare, {a, b}, id);
    b = b_.getInt32(0);
  }
  switch (inst.pred) {
    case ir::Pred::Eq:
      return b_.CreateICmpEQ(a, b);
    case ir::Pred::Ne:
      return b_.CreateICmpNE(a, b);
    case ir::Pred::Lt:
      return b_.CreateICmpSLT(a, b);
    case ir::Pred::Le:
      return b_.CreateICmpSLE(a, b);
    case ir::Pred::Gt:
      return b_.CreateICmpSGT(a, b);
    case ir::Pred::Ge:
      return b_.CreateICmpSGE(a, b);
  }
  return nullptr;
}

llvm::Value* BatchCodegen::emitLogic(const ir::Inst& inst) {
  bool isAnd = inst.op == Op::And;
  llvm::Value* a = value(inst.a);
  llvm::BasicBlock* from = b_.GetInsertBlock();
  llvm::BasicBlock* rhs = block(isAnd ? "and.rhs" : "or.rhs");
  llvm::BasicBlock* done = block(isAnd ? "and.done" : "or.done");
  if (isAnd)
    b_.CreateCondBr(a, rhs, done);
  else
    b_.CreateCondBr(a, done, rhs);
  b_.SetInsertPoint(rhs);
  pushScope();
  llvm::Value* bv = value(inst.b);
  popScope();
  llvm::BasicBlock* rhsEnd = b_.GetInsertBlock();
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(i1_, 2);
  phi->addIncoming(b_.getInt1(!isAnd), from);
  phi->addIncoming(bv, rhsEnd);
  return phi;
}

llvm::Value* BatchCodegen::emitIf(const ir::Inst& inst) {
  llvm::Value* condition = value(inst.a);
  llvm::BasicBlock* thenBlock = block("if.then");
  llvm::BasicBlock* elseBlock = block("if.else");
  llvm::BasicBlock* done = block("if.done");
  b_.CreateCondBr(condition, thenBlock, elseBlock);
  b_.SetInsertPoint(thenBlock);
  pushScope();
  llvm::Value* thenValue = value(inst.b);
  popScope();
  llvm::BasicBlock* thenEnd = b_.GetInsertBlock();
  b_.CreateBr(done);
  b_.SetInsertPoint(elseBlock);
  pushScope();
  llvm::Value* elseValue = value(inst.c);
  popScope();
  llvm::BasicBlock* elseEnd = b_.GetInsertBlock();
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(valueType(inst.type), 2);
  phi->addIncoming(thenValue, thenEnd);
  phi->addIncoming(elseValue, elseEnd);
  return phi;
}

llvm::Value* BatchCodegen::emitLoop(const ir::Inst& inst, ir::ValueId id) {
  bool isCount = inst.op == Op::Count;
  llvm::Type* accType = isCount || inst.type == ir::Type::Int ? i64_ : dec_;
  bool isDec = accType == dec_;
  // A decimal total is added up in place in the loop's own slot.
  llvm::AllocaInst* acc = isDec ? decSlot(id) : entryAlloca(accType, "acc");
  b_.CreateStore(isDec ? decConstant({}) : llvm::ConstantInt::get(accType, 0), acc);
  ListLoop loop = beginListLoop(inst.index2, "loop");
  llvm::BasicBlock* take = block("loop.take");
  llvm::BasicBlock* latch = block("loop.latch");
  pushScope();
  loopIndex_[inst.index] = loop.index;
  loopField_[inst.index] = inst.index2;
  if (inst.b != ir::kNoValue)
    b_.CreateCondBr(value(inst.b), take, latch);
  else
    b_.CreateBr(take);
  b_.SetInsertPoint(take);
  pushScope();
  llvm::Value* item = isCount ? llvm::ConstantInt::get(accType, 1) : value(inst.a);
  ir::RuntimeFn add = ir::accumulatorOf(inst);
  if (isDec)
    emitRuntimeCall(add, {acc, item}, id);
  else
    b_.CreateStore(emitRuntimeCall(add, {b_.CreateLoad(accType, acc), item}, id), acc);
  popScope();
  b_.CreateBr(latch);
  popScope();
  b_.SetInsertPoint(latch);
  endListLoop(loop);
  if (isDec) return acc;
  return b_.CreateLoad(accType, acc);
}

BatchCodegen::ListLoop BatchCodegen::beginListLoop(int field, const char* name) {
  ListLoop loop;
  loop.slot = entryAlloca(i64_, name);
  llvm::Value* offsets = column(field, ColumnMember::Offsets);
  loop.begin = b_.CreateLoad(i64_, b_.CreateInBoundsGEP(i64_, offsets, row_));
  llvm::Value* end = b_.CreateLoad(i64_, b_.CreateInBoundsGEP(i64_, offsets, b_.CreateAdd(row_, b_.getInt64(1))));
  b_.CreateStore(loop.begin, loop.slot);
  std::string prefix(name);
  loop.header = block((prefix + ".header").c_str());
  llvm::BasicBlock* body = block((prefix + ".body").c_str());
  loop.done = block((prefix + ".done").c_str());
  b_.CreateBr(loop.header);
  b_.SetInsertPoint(loop.header);
  loop.index = b_.CreateLoad(i64_, loop.slot);
  b_.CreateCondBr(b_.CreateICmpSLT(loop.index, end), body, loop.done);
  b_.SetInsertPoint(body);
  return loop;
}

void BatchCodegen::endListLoop(const ListLoop& loop) {
  b_.CreateStore(b_.CreateAdd(loop.index, b_.getInt64(1)), loop.slot);
  b_.CreateBr(loop.header);
  b_.SetInsertPoint(loop.done);
}

void BatchCodegen::emitStepError(ir::RuntimeFn fail, std::vector<llvm::Value*> args, llvm::BasicBlock* done) {
  b_.SetInsertPoint(errorBlock_);
  args.insert(args.end(), {b_.CreateLoad(i32_, statusSlot_), b_.CreateLoad(i32_, siteSlot_)});
  emitRuntimeCall(fail, args, ir::kNoValue);
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
}

std::pair<llvm::Value*, llvm::Value*> BatchCodegen::members(const ir::Step& step) {
  std::vector<llvm::Constant*> ids;
  for (int32_t c : step.members) ids.push_back(b_.getInt32(c));
  llvm::Constant* array =
      constantGlobal(llvm::ConstantArray::get(llvm::ArrayType::get(i32_, ids.size()), ids), "members");
  return {array, b_.getInt32(static_cast<int32_t>(step.members.size()))};
}

void BatchCodegen::emitConditions(const std::vector<ir::ValueId>& conditions, llvm::BasicBlock* notHeld,
                                  llvm::BasicBlock* stepError) {
  b_.CreateStore(b_.getInt32(ZC_OK), firstStatus_);
  b_.CreateStore(b_.getInt32(-1), firstSite_);
  for (ir::ValueId condition : conditions) {
    llvm::BasicBlock* next = block("cond.next");
    errorBlock_ = block("cond.error");
    // A scope each: what one condition computed is not there after another trapped.
    pushScope();
    b_.CreateCondBr(value(condition), next, notHeld);
    popScope();
    b_.SetInsertPoint(errorBlock_);
    llvm::Value* earlier = b_.CreateLoad(i32_, firstStatus_);
    llvm::Value* first = b_.CreateICmpEQ(earlier, b_.getInt32(ZC_OK));
    b_.CreateStore(b_.CreateSelect(first, b_.CreateLoad(i32_, statusSlot_), earlier), firstStatus_);
    b_.CreateStore(b_.CreateSelect(first, b_.CreateLoad(i32_, siteSlot_), b_.CreateLoad(i32_, firstSite_)), firstSite_);
    b_.CreateBr(next);
    b_.SetInsertPoint(next);
  }
  errorBlock_ = stepError;
  llvm::Value* status = b_.CreateLoad(i32_, firstStatus_);
  trapIf(b_.CreateICmpNE(status, b_.getInt32(ZC_OK)), status, b_.CreateLoad(i32_, firstSite_));
}

void BatchCodegen::emitGate(const ir::Step& step) {
  llvm::Value* gate = b_.getInt32(step.target);
  llvm::BasicBlock* done = block("gate.done");
  llvm::BasicBlock* notHeld = block("gate.no");
  llvm::BasicBlock* error = block("gate.error");
  emitConditions(step.conditions, notHeld, error);
  emitRuntimeCall(ir::RuntimeFn::GateDecide, {gates_, gate, b_.getInt32(1)}, ir::kNoValue);
  b_.CreateBr(done);
  b_.SetInsertPoint(notHeld);
  emitRuntimeCall(ir::RuntimeFn::GateDecide, {gates_, gate, b_.getInt32(0)}, ir::kNoValue);
  b_.CreateBr(done);
  emitStepError(ir::RuntimeFn::GateFail, {gates_, gate}, done);
}

void BatchCodegen::emitClause(const ir::Step& step, llvm::Value* into) {
  llvm::Value* clause = b_.getInt32(step.target);
  llvm::BasicBlock* notHeld = block("clause.no");
  llvm::BasicBlock* done = block("clause.done");
  llvm::BasicBlock* error = block("clause.error");
  emitConditions(step.conditions, notHeld, error);
  pushScope();
  llvm::Value* amount = step.amount != ir::kNoValue ? value(step.amount) : decConstantAddress({});
  llvm::Value* pays = b_.CreateZExt(value(step.pays), i32_);
  emitRuntimeCall(ir::RuntimeFn::ClausePay,
                  {into, clause, amount, b_.getInt32(static_cast<int32_t>(step.amount)), pays}, ir::kNoValue);
  popScope();
  b_.CreateBr(done);
  b_.SetInsertPoint(notHeld);
  emitRuntimeCall(ir::RuntimeFn::ClauseReset, {into, clause}, ir::kNoValue);
  b_.CreateBr(done);
  emitStepError(ir::RuntimeFn::ClauseFail, {into, clause}, done);
}

void BatchCodegen::emitRule(const ir::Step& step, llvm::Value* outcomes) {
  auto [list, count] = members(step);
  if (step.kind == ir::StepKind::Highest) {
    emitRuntimeCall(ir::RuntimeFn::ApplyHighest, {outcomes, list, count}, ir::kNoValue);
    return;
  }
  llvm::Value* any = emitRuntimeCall(ir::RuntimeFn::AnyFired, {outcomes, list, count}, ir::kNoValue);
  llvm::BasicBlock* cut = block("cap.cut");
  llvm::BasicBlock* done = block("cap.done");
  errorBlock_ = block("cap.error");
  b_.CreateCondBr(b_.CreateICmpNE(any, b_.getInt32(0)), cut, done);
  b_.SetInsertPoint(cut);
  pushScope();
  llvm::Value* limit = value(step.value);
  popScope();
  emitRuntimeCall(
      ir::RuntimeFn::ApplyCap,
      {outcomes, list, count, limit, b_.getInt32(static_cast<int32_t>(step.value)), b_.getInt32(step.proRata)},
      ir::kNoValue);
  b_.CreateBr(done);
  emitStepError(ir::RuntimeFn::FailRule, {outcomes, list, count}, done);
}

void BatchCodegen::emitItems(const ir::Step& step) {
  auto [list, count] = members(step);
  emitRuntimeCall(ir::RuntimeFn::ItemsBegin, {rowOutcomes_, list, count}, ir::kNoValue);
  ListLoop loop = beginListLoop(step.target, "items");
  pushScope();
  for (int32_t l : step.loops) {
    loopIndex_[l] = loop.index;
    loopField_[l] = step.target;
  }
  for (const ir::Step& inner : step.body) {
    if (inner.kind == ir::StepKind::Clause)
      emitClause(inner, itemOutcomes_);
    else
      emitRule(inner, itemOutcomes_);
  }
  emitRuntimeCall(ir::RuntimeFn::ItemRecord,
                  {items_, row_, b_.CreateSub(loop.index, loop.begin), list, count, itemOutcomes_, rowOutcomes_},
                  ir::kNoValue);
  popScope();
  endListLoop(loop);
}

void BatchCodegen::emitSettle(const ir::Step& step) {
  emitRuntimeCall(ir::RuntimeFn::SettleItems,
                  {items_, row_, b_.getInt32(step.target), rowOutcomes_, b_.getInt32(step.proRata)}, ir::kNoValue);
}

llvm::Constant* BatchCodegen::cString(const std::string& text) {
  auto it = cStrings_.find(text);
  if (it != cStrings_.end()) return it->second;
  return cStrings_[text] = b_.CreateGlobalString(text, "str", 0, module_.get());
}

llvm::GlobalVariable* BatchCodegen::constantGlobal(llvm::Constant* value, const char* name) {
  return new llvm::GlobalVariable(*module_, value->getType(), true, llvm::GlobalValue::PrivateLinkage, value, name);
}

// The zc_ruleset_table of zc/batch.h, so a compiled ruleset can assemble its
// results without the compiler.
void BatchCodegen::emitTable() {
  auto* clauseType = llvm::StructType::get(ctx_, {ptr_, ptr_, i32_, i32_, i32_, i32_, ptr_});
  rt::ResultTable entries = ir::resultTable(program_);
  auto* beneficiaryType = llvm::StructType::get(ctx_, {ptr_, ptr_});
  std::vector<llvm::Constant*> clauses, beneficiaries, locations;
  for (const rt::ResultTable::ClauseEntry& c : entries.clauses)
    clauses.push_back(llvm::ConstantStruct::get(
        clauseType, {cString(c.id), cString(c.beneficiary), b_.getInt32(static_cast<int32_t>(c.kind)),
                     b_.getInt32(c.itemList), b_.getInt32(c.itemKey), b_.getInt32(c.itemKeyIsText), cString(c.payer)}));
  for (const rt::Beneficiary& b : program_.beneficiaries)
    beneficiaries.push_back(llvm::ConstantStruct::get(beneficiaryType, {cString(b.name), cString(b.totalKey)}));
  for (const std::string& location : program_.locations) locations.push_back(cString(location));
  auto array = [&](llvm::Type* type, const std::vector<llvm::Constant*>& items, const char* name) -> llvm::Constant* {
    return constantGlobal(llvm::ConstantArray::get(llvm::ArrayType::get(type, items.size()), items), name);
  };
  auto* tableType = llvm::StructType::get(ctx_, {i64_, ptr_, i64_, ptr_, i64_, ptr_});
  llvm::Constant* table = llvm::ConstantStruct::get(
      tableType,
      {b_.getInt64(static_cast<int64_t>(clauses.size())), array(clauseType, clauses, "clauses"),
       b_.getInt64(static_cast<int64_t>(beneficiaries.size())), array(beneficiaryType, beneficiaries, "beneficiaries"),
       b_.getInt64(static_cast<int64_t>(locations.size())), array(ptr_, locations, "locations")});
  new llvm::GlobalVariable(*module_, tableType, true, llvm::GlobalValue::ExternalLinkage, table,
                           ZC_RULESET_TABLE_SYMBOL);
}

void BatchCodegen::emitStep(const ir::Step& step) {
  switch (step.kind) {
    case ir::StepKind::Gate:
      emitGate(step);
      break;
    case ir::StepKind::Clause:
      emitClause(step, rowOutcomes_);
      break;
    case ir::StepKind::Highest:
    case ir::StepKind::Cap:
      emitRule(step, rowOutcomes_);
      break;
    case ir::StepKind::Items:
      emitItems(step);
      break;
    case ir::StepKind::Settle:
      emitSettle(step);
      break;
  }
}

void BatchCodegen::makeScratch() {
  statusSlot_ = b_.CreateAlloca(i32_, nullptr, "status");
  siteSlot_ = b_.CreateAlloca(i32_, nullptr, "site");
  firstStatus_ = b_.CreateAlloca(i32_, nullptr, "first.status");
  firstSite_ = b_.CreateAlloca(i32_, nullptr, "first.site");
  intOut_ = b_.CreateAlloca(i64_, nullptr, "int.out");
  dateOut_ = b_.CreateAlloca(i32_, nullptr, "date.out");
  flagOut_ = b_.CreateAlloca(i32_, nullptr, "flag.out");
  siteOut_ = b_.CreateAlloca(i32_, nullptr, "site.out");
}

void BatchCodegen::beginPart(llvm::BasicBlock* rowBody) {
  // What the steps read of the row loop comes in as arguments: the row, the
  // batch's columns and parameters, the row's outcomes and gates.
  if (partType_ == nullptr)
    partType_ = llvm::FunctionType::get(b_.getVoidTy(), {ptr_, ptr_, i64_, ptr_, ptr_, ptr_, ptr_}, false);
  auto* part = llvm::Function::Create(partType_, llvm::Function::InternalLinkage,
                                      "zc_steps." + std::to_string(parts_++), module_.get());
  // Inlined back, the parts would be the one large function again.
  part->addFnAttr(llvm::Attribute::NoInline);
  part->addFnAttr(llvm::Attribute::NoUnwind);
  llvm::IRBuilder<> call(rowBody);
  call.CreateCall(part, {columns_, params_, row_, rowOutcomes_, itemOutcomes_, gates_, items_});
  rowLoop_ = Saved{fn_,
                   entry_,
                   row_,
                   params_,
                   columns_,
                   items_,
                   rowOutcomes_,
                   itemOutcomes_,
                   gates_,
                   statusSlot_,
                   siteSlot_,
                   firstStatus_,
                   firstSite_,
                   intOut_,
                   dateOut_,
                   flagOut_,
                   siteOut_,
                   std::move(decSlots_),
                   std::move(scopes_)};
  fn_ = part;
  columns_ = part->getArg(0);
  params_ = part->getArg(1);
  row_ = part->getArg(2);
  rowOutcomes_ = part->getArg(3);
  itemOutcomes_ = part->getArg(4);
  gates_ = part->getArg(5);
  items_ = part->getArg(6);
  entry_ = block("entry");
  b_.SetInsertPoint(entry_);
  makeScratch();
  decSlots_.clear();
  scopes_.clear();
  pushScope();
}

void BatchCodegen::endPart() {
  b_.CreateRetVoid();
  Saved& s = *rowLoop_;
  fn_ = s.fn;
  entry_ = s.entry;
  row_ = s.row;
  params_ = s.params;
  columns_ = s.columns;
  items_ = s.items;
  rowOutcomes_ = s.rowOutcomes;
  itemOutcomes_ = s.itemOutcomes;
  gates_ = s.gates;
  statusSlot_ = s.statusSlot;
  siteSlot_ = s.siteSlot;
  firstStatus_ = s.firstStatus;
  firstSite_ = s.firstSite;
  intOut_ = s.intOut;
  dateOut_ = s.dateOut;
  flagOut_ = s.flagOut;
  siteOut_ = s.siteOut;
  decSlots_ = std::move(s.decSlots);
  scopes_ = std::move(s.scopes);
  rowLoop_.reset();
}

void BatchCodegen::emitSteps(const std::vector<size_t>& steps) {
  for (size_t i : steps) emitStep(program_.steps[i]);
}

llvm::FunctionType* BatchCodegen::secondHalfType() {
  // zc_eval_batch's batch, parameters and results, the row, and the gates
  // the first half decided (null when the second reads none of them).
  return llvm::FunctionType::get(b_.getVoidTy(), {ptr_, ptr_, ptr_, i64_, ptr_}, false);
}

llvm::ArrayType* BatchCodegen::gatesType() {
  return llvm::ArrayType::get(gate_, static_cast<uint64_t>(std::max(program_.gateCount, 1)));
}

llvm::Value* BatchCodegen::copyOfGates() {
  llvm::AllocaInst* copy = entryAlloca(gatesType(), "gates.out");
  const llvm::DataLayout& layout = module_->getDataLayout();
  b_.CreateMemCpy(copy, copy->getAlign(), gates_, copy->getAlign(), layout.getTypeAllocSize(gatesType()));
  return copy;
}

void BatchCodegen::beginBatch(llvm::Value* batch, llvm::Value* result) {
  columns_ = b_.CreateLoad(ptr_, b_.CreateStructGEP(batch_, batch, 1));
  fired_ = b_.CreateLoad(ptr_, b_.CreateStructGEP(result_, result, 0));
  amounts_ = b_.CreateLoad(ptr_, b_.CreateStructGEP(result_, result, 1));
  statuses_ = b_.CreateLoad(ptr_, b_.CreateStructGEP(result_, result, 2));
  sites_ = b_.CreateLoad(ptr_, b_.CreateStructGEP(result_, result, 3));
  items_ = b_.CreateLoad(ptr_, b_.CreateStructGEP(result_, result, 4));
  size_t clauseCount = program_.clauses.size();
  std::vector<llvm::Value*> itemArrays = {b_.CreateAlloca(i8_, b_.getInt64(clauseCount), "item.fired"),
                                          b_.CreateAlloca(dec_, b_.getInt64(clauseCount), "item.amounts"),
                                          b_.CreateAlloca(i32_, b_.getInt64(clauseCount), "item.status"),
                                          b_.CreateAlloca(i32_, b_.getInt64(clauseCount), "item.site")};
  itemOutcomes_ = b_.CreateAlloca(outcomes_, nullptr, "item.outcomes");
  for (unsigned i = 0; i < itemArrays.size(); ++i)
    b_.CreateStore(itemArrays[i], b_.CreateStructGEP(outcomes_, itemOutcomes_, i));
  rowOutcomes_ = b_.CreateAlloca(outcomes_, nullptr, "outcomes");
}

void BatchCodegen::beginRow() {
  llvm::Value* first = b_.CreateMul(row_, b_.getInt64(static_cast<int64_t>(program_.clauses.size())));
  std::vector<llvm::Value*> rowArrays = {
      b_.CreateInBoundsGEP(i8_, fired_, first), b_.CreateInBoundsGEP(dec_, amounts_, first),
      b_.CreateInBoundsGEP(i32_, statuses_, first), b_.CreateInBoundsGEP(i32_, sites_, first)};
  for (unsigned i = 0; i < rowArrays.size(); ++i)
    b_.CreateStore(rowArrays[i], b_.CreateStructGEP(outcomes_, rowOutcomes_, i));
}

void BatchCodegen::emitSecondHalf() {
  fn_ = llvm::Function::Create(secondHalfType(), llvm::Function::ExternalLinkage, kSecondHalfName, module_.get());
  fn_->addFnAttr(llvm::Attribute::NoUnwind);
  for (unsigned i = 0; i < 3; ++i) fn_->addParamAttr(i, llvm::Attribute::NoAlias);
  entry_ = block("entry");
  b_.SetInsertPoint(entry_);
  makeScratch();
  params_ = fn_->getArg(1);
  row_ = fn_->getArg(3);
  beginBatch(fn_->getArg(0), fn_->getArg(2));
  beginRow();
  // The gates the first half decided, copied in: this function's own, they
  // are registers here as there.
  gates_ = b_.CreateAlloca(gatesType(), nullptr, "gates");
  if (halves_.passGates) {
    const llvm::DataLayout& layout = module_->getDataLayout();
    b_.CreateMemCpy(gates_, llvm::cast<llvm::AllocaInst>(gates_)->getAlign(), fn_->getArg(4),
                    layout.getABITypeAlign(i32_), layout.getTypeAllocSize(gatesType()));
  }
  pushScope();
  emitSteps(halves_.second);
  popScope();
  b_.CreateRetVoid();
}

llvm::Expected<std::unique_ptr<llvm::Module>> BatchCodegen::run() {
  if (half_ == Half::Second) {
    emitSecondHalf();
    return verified();
  }
  auto* type = llvm::FunctionType::get(b_.getVoidTy(), {ptr_, ptr_, ptr_}, false);
  fn_ = llvm::Function::Create(type, llvm::Function::ExternalLinkage, kBatchFunctionName, module_.get());
  llvm::Value* batch = fn_->getArg(0);
  params_ = fn_->getArg(1);
  llvm::Value* result = fn_->getArg(2);
  for (unsigned i = 0; i < 3; ++i) fn_->addParamAttr(i, llvm::Attribute::NoAlias);

  entry_ = block("entry");
  b_.SetInsertPoint(entry_);
  makeScratch();
  gates_ = b_.CreateAlloca(gatesType(), nullptr, "gates");
  llvm::Value* rows = b_.CreateLoad(i64_, b_.CreateStructGEP(batch_, batch, 0));
  beginBatch(batch, result);

  llvm::BasicBlock* header = block("row.header");
  llvm::BasicBlock* body = block("row.body");
  llvm::BasicBlock* exit = block("exit");
  b_.CreateBr(header);

  b_.SetInsertPoint(header);
  llvm::PHINode* row = b_.CreatePHI(i64_, 2, "row");
  row_ = row;
  b_.CreateCondBr(b_.CreateICmpSLT(row, rows), body, exit);

  b_.SetInsertPoint(body);
  pushScope();
  beginRow();
  if (half_ == Half::First) {
    emitSteps(halves_.first);
    b_.CreateCall(
        module_->getOrInsertFunction(kSecondHalfName, secondHalfType()),
        {batch, params_, result, row_,
         halves_.passGates ? copyOfGates() : llvm::ConstantPointerNull::get(llvm::PointerType::get(ctx_, 0))});
  } else if (program_.insts.size() <= kOneFunction) {
    for (const ir::Step& step : program_.steps) emitStep(step);
  } else {
    llvm::BasicBlock* rowBody = b_.GetInsertBlock();
    for (const ir::Step& step : program_.steps) {
      if (rowLoop_ && fn_->getInstructionCount() >= kPartInstructions) endPart();
      if (!rowLoop_) beginPart(rowBody);
      emitStep(step);
    }
    if (rowLoop_) endPart();
    b_.SetInsertPoint(rowBody);
  }
  popScope();
  llvm::Value* next = b_.CreateAdd(row, b_.getInt64(1));
  row->addIncoming(b_.getInt64(0), entry_);
  row->addIncoming(next, b_.GetInsertBlock());
  b_.CreateBr(header);

  b_.SetInsertPoint(exit);
  b_.CreateRetVoid();
  emitTable();
  return verified();
}

llvm::Expected<std::unique_ptr<llvm::Module>> BatchCodegen::verified() {
  std::string problems;
  llvm::raw_string_ostream stream(problems);
  if (llvm::verifyModule(*module_, &stream))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "internal error: invalid LLVM IR: " + problems);
  return std::move(module_);
}

}  // namespace

bool splitsInHalves(const ir::Program& program) { return secondHalfStart(program) > 0; }

llvm::Expected<std::unique_ptr<llvm::Module>> lowerToLlvm(const ir::Program& program, llvm::LLVMContext& context,
                                                          const llvm::DataLayout& layout, Half half) {
  if (half != Half::Whole && !splitsInHalves(program))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "internal error: the program does not split in halves");
  return BatchCodegen(program, context, layout, half).run();
}

}  // namespace zc
