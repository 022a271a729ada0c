#include "codegen/BatchCodegen.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>

#include <cstring>
#include <unordered_map>

#include "sema/Builtins.h"
#include "zc/batch.h"

namespace zc {

using ir::Op;

namespace {

struct ColumnPointers {
  llvm::Value* values = nullptr;
  llvm::Value* present = nullptr;
  llvm::Value* offsets = nullptr;
  llvm::Value* fields = nullptr;
};

class BatchCodegen {
 public:
  BatchCodegen(const ir::Program& program, llvm::LLVMContext& context)
      : program_(program),
        ctx_(context),
        module_(std::make_unique<llvm::Module>("zhengce.ruleset", context)),
        b_(context),
        loopIndex_(program.loopCount, nullptr),
        loopField_(program.loopCount, -1) {
    i1_ = b_.getInt1Ty();
    i8_ = b_.getInt8Ty();
    i32_ = b_.getInt32Ty();
    i64_ = b_.getInt64Ty();
    i128_ = b_.getInt128Ty();
    ptr_ = b_.getPtrTy();
    text_ = llvm::StructType::create(ctx_, {ptr_, i64_}, "zc_text");
    column_ = llvm::StructType::create(ctx_, {ptr_, ptr_, ptr_, ptr_}, "zc_column");
    batch_ = llvm::StructType::create(ctx_, {i64_, ptr_}, "zc_batch");
    result_ = llvm::StructType::create(ctx_, {ptr_, ptr_, ptr_, ptr_, ptr_}, "zc_batch_result");
  }

  llvm::Expected<std::unique_ptr<llvm::Module>> run();

 private:
  llvm::Type* valueType(ir::Type type) const;
  llvm::Type* storageType(rt::Kind kind) const;
  llvm::Value* fromStorage(llvm::Value* stored, ir::Type type);
  llvm::Value* decConstant(zc_dec value) { return llvm::ConstantInt::get(ctx_, llvm::APInt(128, {static_cast<uint64_t>(value), static_cast<uint64_t>(value >> 64)})); }
  llvm::Value* textConstant(const std::string& text);
  llvm::AllocaInst* entryAlloca(llvm::Type* type, const char* name);
  llvm::FunctionCallee runtime(const std::string& name, llvm::Type* result, std::vector<llvm::Type*> params);

  void emitRow();
  llvm::Value* emitPolicy(const ir::Policy& policy);
  void emitClause(const ir::Clause& clause, int index, llvm::Value* applicable);

  llvm::Value* value(ir::ValueId id);
  llvm::Value* emit(ir::ValueId id);
  llvm::Value* emitArith(const ir::Inst& inst, ir::ValueId id);
  llvm::Value* emitCompare(const ir::Inst& inst);
  llvm::Value* emitLogic(const ir::Inst& inst);
  const std::string* constantText(ir::ValueId id) const;
  llvm::Value* textEqualsConstant(llvm::Value* text, const std::string& constant);
  llvm::Value* emitIf(const ir::Inst& inst);
  llvm::Value* emitLoop(const ir::Inst& inst);
  llvm::Value* emitCall(const ir::Inst& inst, ir::ValueId id);
  llvm::Value* loadField(int field, llvm::Value* index, ir::Type type);
  llvm::Value* loadSubField(int field, int sub, llvm::Value* index, ir::Type type);

  // Branches to the row's error exit when `failed` holds, recording why.
  void trapIf(llvm::Value* failed, llvm::Value* status, ir::ValueId site);
  void trapOnStatus(llvm::Value* status, ir::ValueId site);
  llvm::Value* checkedIntrinsic(llvm::Intrinsic::ID id, llvm::Value* a, llvm::Value* b, ir::ValueId site);

  void pushScope() { scopes_.emplace_back(); }
  void popScope() { scopes_.pop_back(); }
  llvm::BasicBlock* block(const char* name) { return llvm::BasicBlock::Create(ctx_, name, fn_); }

  const ir::Program& program_;
  llvm::LLVMContext& ctx_;
  std::unique_ptr<llvm::Module> module_;
  llvm::IRBuilder<> b_;
  llvm::Type *i1_, *i8_, *i32_, *i64_, *i128_, *ptr_;
  llvm::StructType *text_, *column_, *batch_, *result_;

  llvm::Function* fn_ = nullptr;
  llvm::BasicBlock* entry_ = nullptr;
  llvm::BasicBlock* errorBlock_ = nullptr;
  llvm::Value* row_ = nullptr;
  llvm::Value* params_ = nullptr;
  llvm::Value* fired_ = nullptr;
  llvm::Value* amounts_ = nullptr;
  llvm::AllocaInst *statusSlot_ = nullptr, *siteSlot_ = nullptr, *clauseSlot_ = nullptr;
  llvm::AllocaInst *decOut_ = nullptr, *dateOut_ = nullptr;
  std::vector<ColumnPointers> columns_;
  // Values already computed where the current block is: one map per open
  // region, so a value is reused only where its definition dominates.
  std::vector<std::unordered_map<ir::ValueId, llvm::Value*>> scopes_;
  std::vector<llvm::Value*> loopIndex_;
  std::vector<int> loopField_;
  std::unordered_map<std::string, llvm::Value*> texts_;
};

llvm::Type* BatchCodegen::valueType(ir::Type type) const {
  switch (type) {
    case ir::Type::Flag: return i1_;
    case ir::Type::Dec: return i128_;
    case ir::Type::Text: return text_;
    default: return i64_;
  }
}

llvm::Type* BatchCodegen::storageType(rt::Kind kind) const {
  switch (kind) {
    case rt::Kind::Dec: return i128_;
    case rt::Kind::Text: return text_;
    default: return i64_;
  }
}

llvm::Value* BatchCodegen::fromStorage(llvm::Value* stored, ir::Type type) {
  return type == ir::Type::Flag ? b_.CreateICmpNE(stored, b_.getInt64(0)) : stored;
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

llvm::FunctionCallee BatchCodegen::runtime(const std::string& name, llvm::Type* result, std::vector<llvm::Type*> params) {
  return module_->getOrInsertFunction(name, llvm::FunctionType::get(result, params, false));
}

void BatchCodegen::trapIf(llvm::Value* failed, llvm::Value* status, ir::ValueId site) {
  llvm::BasicBlock* fail = block("trap");
  llvm::BasicBlock* ok = block("ok");
  b_.CreateCondBr(failed, fail, ok, llvm::MDBuilder(ctx_).createBranchWeights(1, 1 << 20));
  b_.SetInsertPoint(fail);
  b_.CreateStore(status, statusSlot_);
  b_.CreateStore(b_.getInt32(static_cast<int32_t>(site)), siteSlot_);
  b_.CreateBr(errorBlock_);
  b_.SetInsertPoint(ok);
}

void BatchCodegen::trapOnStatus(llvm::Value* status, ir::ValueId site) {
  trapIf(b_.CreateICmpNE(status, b_.getInt32(ZC_OK)), status, site);
}

llvm::Value* BatchCodegen::checkedIntrinsic(llvm::Intrinsic::ID id, llvm::Value* a, llvm::Value* b, ir::ValueId site) {
  llvm::Function* f = llvm::Intrinsic::getDeclaration(module_.get(), id, {a->getType()});
  llvm::Value* pair = b_.CreateCall(f, {a, b});
  trapIf(b_.CreateExtractValue(pair, 1), b_.getInt32(ZC_ERR_OVERFLOW), site);
  return b_.CreateExtractValue(pair, 0);
}

llvm::Value* BatchCodegen::loadField(int field, llvm::Value* index, ir::Type type) {
  llvm::Type* storage = storageType(program_.schema.fields[field].kind);
  llvm::Value* address = b_.CreateInBoundsGEP(storage, columns_[field].values, index);
  return fromStorage(b_.CreateLoad(storage, address), type);
}

llvm::Value* BatchCodegen::loadSubField(int field, int sub, llvm::Value* index, ir::Type type) {
  llvm::Type* storage = storageType(program_.schema.fields[field].subFields[sub].kind);
  llvm::Value* array = b_.CreateLoad(ptr_, b_.CreateConstInBoundsGEP1_64(ptr_, columns_[field].fields, sub));
  return fromStorage(b_.CreateLoad(storage, b_.CreateInBoundsGEP(storage, array, index)), type);
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
        case ir::Type::Flag: return b_.getInt1(inst.imm != 0);
        case ir::Type::Dec: return decConstant(inst.dec);
        case ir::Type::Text: return textConstant(program_.texts[inst.text]);
        default: return b_.getInt64(inst.imm);
      }
    case Op::Field: return loadField(inst.index, row_, inst.type);
    case Op::FieldPresent: {
      llvm::Value* address = b_.CreateInBoundsGEP(i8_, columns_[inst.index].present, row_);
      return b_.CreateICmpNE(b_.CreateLoad(i8_, address), b_.getInt8(0));
    }
    case Op::Param: {
      llvm::Value* slot = b_.CreateLoad(ptr_, b_.CreateConstInBoundsGEP1_64(ptr_, params_, inst.index));
      return fromStorage(b_.CreateLoad(storageType(program_.params[inst.index].schema.kind), slot), inst.type);
    }
    case Op::Elem: return loadField(loopField_[inst.index], loopIndex_[inst.index], inst.type);
    case Op::ElemField: return loadSubField(loopField_[inst.index], inst.index2, loopIndex_[inst.index], inst.type);
    case Op::IntToDec:
      return b_.CreateMul(b_.CreateSExt(value(inst.a), i128_), decConstant(static_cast<zc_dec>(1000000000000000000LL)), "", false, true);
    case Op::Compare: return emitCompare(inst);
    case Op::Not: return b_.CreateNot(value(inst.a));
    case Op::And:
    case Op::Or: return emitLogic(inst);
    case Op::If: return emitIf(inst);
    case Op::Sum:
    case Op::Count: return emitLoop(inst);
    case Op::Call: return emitCall(inst, id);
    default: return emitArith(inst, id);
  }
}

llvm::Value* BatchCodegen::emitArith(const ir::Inst& inst, ir::ValueId id) {
  using llvm::Intrinsic::ID;
  auto outCall = [&](const char* name, std::vector<llvm::Value*> args) {
    std::vector<llvm::Type*> types;
    for (llvm::Value* a : args) types.push_back(a->getType());
    types.push_back(ptr_);
    args.push_back(decOut_);
    trapOnStatus(b_.CreateCall(runtime(name, i32_, types), args), id);
    return b_.CreateLoad(i128_, decOut_);
  };
  switch (inst.op) {
    case Op::IntAdd:
    case Op::DecAdd: return checkedIntrinsic(llvm::Intrinsic::sadd_with_overflow, value(inst.a), value(inst.b), id);
    case Op::IntSub:
    case Op::DecSub: return checkedIntrinsic(llvm::Intrinsic::ssub_with_overflow, value(inst.a), value(inst.b), id);
    case Op::IntMul: return checkedIntrinsic(llvm::Intrinsic::smul_with_overflow, value(inst.a), value(inst.b), id);
    case Op::IntNeg:
      return checkedIntrinsic(llvm::Intrinsic::ssub_with_overflow, b_.getInt64(0), value(inst.a), id);
    case Op::DecNeg:
      return checkedIntrinsic(llvm::Intrinsic::ssub_with_overflow, decConstant(0), value(inst.a), id);
    case Op::DecMul: return outCall("zc_dec_mul", {value(inst.a), value(inst.b)});
    case Op::DecDiv: return outCall("zc_dec_div", {value(inst.a), value(inst.b)});
    case Op::DecScale: return outCall("zc_dec_scale", {value(inst.a), decConstant(inst.dec), decConstant(inst.dec2)});
    default: return nullptr;
  }
}

llvm::Value* BatchCodegen::emitCompare(const ir::Inst& inst) {
  llvm::Value* a = value(inst.a);
  llvm::Value* b = value(inst.b);
  if (inst.operandType == ir::Type::Text && (constantText(inst.a) || constantText(inst.b))) {
    llvm::Value* same = textEqualsConstant(constantText(inst.a) ? b : a, *(constantText(inst.a) ? constantText(inst.a) : constantText(inst.b)));
    return inst.pred == ir::Pred::Eq ? same : b_.CreateNot(same);
  }
  if (inst.operandType == ir::Type::Text) {
    llvm::FunctionCallee equal = runtime("zc_text_equal", i32_, {ptr_, i64_, ptr_, i64_});
    llvm::Value* same = b_.CreateICmpNE(
        b_.CreateCall(equal, {b_.CreateExtractValue(a, 0), b_.CreateExtractValue(a, 1), b_.CreateExtractValue(b, 0),
                              b_.CreateExtractValue(b, 1)}),
        b_.getInt32(0));
    return inst.pred == ir::Pred::Eq ? same : b_.CreateNot(same);
  }
  switch (inst.pred) {
    case ir::Pred::Eq: return b_.CreateICmpEQ(a, b);
    case ir::Pred::Ne: return b_.CreateICmpNE(a, b);
    case ir::Pred::Lt: return b_.CreateICmpSLT(a, b);
    case ir::Pred::Le: return b_.CreateICmpSLE(a, b);
    case ir::Pred::Gt: return b_.CreateICmpSGT(a, b);
    case ir::Pred::Ge: return b_.CreateICmpSGE(a, b);
  }
  return nullptr;
}

const std::string* BatchCodegen::constantText(ir::ValueId id) const {
  const ir::Inst& inst = program_.insts[id];
  return inst.op == Op::Const && inst.type == ir::Type::Text ? &program_.texts[inst.text] : nullptr;
}

// Equality with a known text: the lengths first, then memcmp of a constant
// size, which LLVM turns into a few loads and compares.
llvm::Value* BatchCodegen::textEqualsConstant(llvm::Value* text, const std::string& constant) {
  llvm::Value* sameLength = b_.CreateICmpEQ(b_.CreateExtractValue(text, 1), b_.getInt64(static_cast<int64_t>(constant.size())));
  if (constant.empty()) return sameLength;
  llvm::BasicBlock* from = b_.GetInsertBlock();
  llvm::BasicBlock* compare = block("text.compare");
  llvm::BasicBlock* done = block("text.done");
  b_.CreateCondBr(sameLength, compare, done);
  b_.SetInsertPoint(compare);
  llvm::FunctionCallee memcmp = runtime("memcmp", i32_, {ptr_, ptr_, i64_});
  llvm::Value* bytes = b_.CreateExtractValue(textConstant(constant), 0);
  llvm::Value* equal = b_.CreateICmpEQ(
      b_.CreateCall(memcmp, {b_.CreateExtractValue(text, 0), bytes, b_.getInt64(static_cast<int64_t>(constant.size()))}),
      b_.getInt32(0));
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(i1_, 2);
  phi->addIncoming(b_.getInt1(false), from);
  phi->addIncoming(equal, compare);
  return phi;
}

llvm::Value* BatchCodegen::emitLogic(const ir::Inst& inst) {
  bool isAnd = inst.op == Op::And;
  llvm::Value* a = value(inst.a);
  llvm::BasicBlock* from = b_.GetInsertBlock();
  llvm::BasicBlock* rhs = block(isAnd ? "and.rhs" : "or.rhs");
  llvm::BasicBlock* done = block(isAnd ? "and.done" : "or.done");
  if (isAnd) b_.CreateCondBr(a, rhs, done);
  else b_.CreateCondBr(a, done, rhs);
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

llvm::Value* BatchCodegen::emitLoop(const ir::Inst& inst) {
  bool isCount = inst.op == Op::Count;
  llvm::Type* accType = isCount || inst.type == ir::Type::Int ? i64_ : i128_;
  llvm::AllocaInst* acc = entryAlloca(accType, "acc");
  llvm::AllocaInst* index = entryAlloca(i64_, "i");
  llvm::Value* offsets = columns_[inst.index2].offsets;
  llvm::Value* begin = b_.CreateLoad(i64_, b_.CreateInBoundsGEP(i64_, offsets, row_));
  llvm::Value* end = b_.CreateLoad(i64_, b_.CreateInBoundsGEP(i64_, offsets, b_.CreateAdd(row_, b_.getInt64(1))));
  b_.CreateStore(llvm::ConstantInt::get(accType, 0), acc);
  b_.CreateStore(begin, index);
  llvm::BasicBlock* header = block("loop.header");
  llvm::BasicBlock* body = block("loop.body");
  llvm::BasicBlock* take = block("loop.take");
  llvm::BasicBlock* latch = block("loop.latch");
  llvm::BasicBlock* done = block("loop.done");
  b_.CreateBr(header);
  b_.SetInsertPoint(header);
  llvm::Value* i = b_.CreateLoad(i64_, index);
  b_.CreateCondBr(b_.CreateICmpSLT(i, end), body, done);
  b_.SetInsertPoint(body);
  pushScope();
  loopIndex_[inst.index] = i;
  loopField_[inst.index] = inst.index2;
  if (inst.b != ir::kNoValue) b_.CreateCondBr(value(inst.b), take, latch);
  else b_.CreateBr(take);
  b_.SetInsertPoint(take);
  pushScope();
  llvm::Value* item = isCount ? llvm::ConstantInt::get(accType, 1) : value(inst.a);
  llvm::Value* sum = checkedIntrinsic(llvm::Intrinsic::sadd_with_overflow, b_.CreateLoad(accType, acc), item,
                                      static_cast<ir::ValueId>(&inst - program_.insts.data()));
  b_.CreateStore(sum, acc);
  popScope();
  b_.CreateBr(latch);
  popScope();
  b_.SetInsertPoint(latch);
  b_.CreateStore(b_.CreateAdd(i, b_.getInt64(1)), index);
  b_.CreateBr(header);
  b_.SetInsertPoint(done);
  return b_.CreateLoad(accType, acc);
}

llvm::Value* BatchCodegen::emitCall(const ir::Inst& inst, ir::ValueId id) {
  const RuntimeFunction& f = runtimeFunctions()[inst.index];
  std::string name(f.symbol);
  std::vector<llvm::Value*> args;
  for (ir::ValueId a : inst.args) args.push_back(value(a));
  auto asDate = [&](llvm::Value* v) { return b_.CreateTrunc(v, i32_); };
  switch (f.shape) {
    case CallShape::DecDecToDec: return b_.CreateCall(runtime(name, i128_, {i128_, i128_}), args);
    case CallShape::IntIntToInt: return b_.CreateCall(runtime(name, i64_, {i64_, i64_}), args);
    case CallShape::DecToDecChecked:
      trapOnStatus(b_.CreateCall(runtime(name, i32_, {i128_, ptr_}), {args[0], decOut_}), id);
      return b_.CreateLoad(i128_, decOut_);
    case CallShape::DecIntToDecChecked:
      trapOnStatus(b_.CreateCall(runtime(name, i32_, {i128_, i32_, ptr_}), {args[0], b_.CreateTrunc(args[1], i32_), decOut_}), id);
      return b_.CreateLoad(i128_, decOut_);
    case CallShape::DateToInt: return b_.CreateCall(runtime(name, i64_, {i32_}), {asDate(args[0])});
    case CallShape::DateDateToInt:
      return b_.CreateCall(runtime(name, i64_, {i32_, i32_}), {asDate(args[0]), asDate(args[1])});
    case CallShape::IntIntIntToDateChecked:
      trapOnStatus(b_.CreateCall(runtime(name, i32_, {i64_, i64_, i64_, ptr_}), {args[0], args[1], args[2], dateOut_}), id);
      return b_.CreateSExt(b_.CreateLoad(i32_, dateOut_), i64_);
  }
  return nullptr;
}

llvm::Value* BatchCodegen::emitPolicy(const ir::Policy& policy) {
  // Mirrors the interpreter: 适用 in order while they hold, then 排除 in order
  // while they fail.
  std::vector<std::pair<ir::ValueId, bool>> tests;
  for (ir::ValueId a : policy.applies) tests.push_back({a, true});
  for (ir::ValueId e : policy.excludes) tests.push_back({e, false});
  if (tests.empty()) return b_.getInt1(true);
  llvm::BasicBlock* done = block("policy.done");
  std::vector<std::pair<llvm::BasicBlock*, llvm::Value*>> incoming;
  for (size_t i = 0; i < tests.size(); ++i) {
    pushScope();
    llvm::Value* holds = value(tests[i].first);
    popScope();
    llvm::Value* passes = tests[i].second ? holds : b_.CreateNot(holds);
    if (i + 1 == tests.size()) {
      incoming.push_back({b_.GetInsertBlock(), passes});
      b_.CreateBr(done);
      break;
    }
    llvm::BasicBlock* next = block("policy.next");
    incoming.push_back({b_.GetInsertBlock(), b_.getInt1(false)});
    b_.CreateCondBr(passes, next, done);
    b_.SetInsertPoint(next);
  }
  b_.SetInsertPoint(done);
  llvm::PHINode* phi = b_.CreatePHI(i1_, static_cast<unsigned>(incoming.size()));
  for (auto& [from, v] : incoming) phi->addIncoming(v, from);
  return phi;
}

void BatchCodegen::emitClause(const ir::Clause& clause, int index, llvm::Value* applicable) {
  b_.CreateStore(b_.getInt32(index), clauseSlot_);
  llvm::Value* slot = b_.CreateAdd(b_.CreateMul(row_, b_.getInt64(static_cast<int64_t>(program_.clauses.size()))),
                                   b_.getInt64(index));
  llvm::Value* firedAddress = b_.CreateInBoundsGEP(i8_, fired_, slot);
  llvm::BasicBlock* notFired = block("clause.no");
  llvm::BasicBlock* done = block("clause.done");
  llvm::BasicBlock* evaluate = block("clause.eval");
  b_.CreateCondBr(applicable, evaluate, notFired);
  b_.SetInsertPoint(evaluate);
  pushScope();
  for (ir::ValueId condition : clause.conditions) {
    llvm::BasicBlock* next = block("clause.cond");
    b_.CreateCondBr(value(condition), next, notFired);
    b_.SetInsertPoint(next);
  }
  if (clause.kind == ir::ResultKind::Award) {
    llvm::Value* amount = value(clause.amount);
    b_.CreateStore(amount, b_.CreateInBoundsGEP(i128_, amounts_, slot));
    b_.CreateStore(b_.CreateZExt(b_.CreateICmpNE(amount, decConstant(0)), i8_), firedAddress);
  } else {
    b_.CreateStore(b_.getInt8(1), firedAddress);
  }
  popScope();
  b_.CreateBr(done);
  b_.SetInsertPoint(notFired);
  b_.CreateStore(b_.getInt8(0), firedAddress);
  b_.CreateBr(done);
  b_.SetInsertPoint(done);
}

llvm::Expected<std::unique_ptr<llvm::Module>> BatchCodegen::run() {
  auto* type = llvm::FunctionType::get(b_.getVoidTy(), {ptr_, ptr_, ptr_}, false);
  fn_ = llvm::Function::Create(type, llvm::Function::ExternalLinkage, kBatchFunctionName, module_.get());
  llvm::Value* batch = fn_->getArg(0);
  params_ = fn_->getArg(1);
  llvm::Value* result = fn_->getArg(2);
  for (unsigned i = 0; i < 3; ++i) fn_->addParamAttr(i, llvm::Attribute::NoAlias);

  entry_ = block("entry");
  b_.SetInsertPoint(entry_);
  statusSlot_ = b_.CreateAlloca(i32_, nullptr, "status");
  siteSlot_ = b_.CreateAlloca(i32_, nullptr, "site");
  clauseSlot_ = b_.CreateAlloca(i32_, nullptr, "clause");
  decOut_ = b_.CreateAlloca(i128_, nullptr, "dec.out");
  dateOut_ = b_.CreateAlloca(i32_, nullptr, "date.out");
  llvm::Value* rows = b_.CreateLoad(i64_, b_.CreateStructGEP(batch_, batch, 0));
  llvm::Value* columns = b_.CreateLoad(ptr_, b_.CreateStructGEP(batch_, batch, 1));
  for (size_t f = 0; f < program_.schema.fields.size(); ++f) {
    llvm::Value* column = b_.CreateConstInBoundsGEP1_64(column_, columns, f);
    ColumnPointers p;
    p.values = b_.CreateLoad(ptr_, b_.CreateStructGEP(column_, column, 0));
    p.present = b_.CreateLoad(ptr_, b_.CreateStructGEP(column_, column, 1));
    p.offsets = b_.CreateLoad(ptr_, b_.CreateStructGEP(column_, column, 2));
    p.fields = b_.CreateLoad(ptr_, b_.CreateStructGEP(column_, column, 3));
    columns_.push_back(p);
  }
  fired_ = b_.CreateLoad(ptr_, b_.CreateStructGEP(result_, result, 0));
  amounts_ = b_.CreateLoad(ptr_, b_.CreateStructGEP(result_, result, 1));
  llvm::Value* errorStatus = b_.CreateLoad(ptr_, b_.CreateStructGEP(result_, result, 2));
  llvm::Value* errorSite = b_.CreateLoad(ptr_, b_.CreateStructGEP(result_, result, 3));
  llvm::Value* errorClause = b_.CreateLoad(ptr_, b_.CreateStructGEP(result_, result, 4));

  llvm::BasicBlock* header = block("row.header");
  llvm::BasicBlock* body = block("row.body");
  llvm::BasicBlock* latch = block("row.latch");
  llvm::BasicBlock* exit = block("exit");
  errorBlock_ = block("row.error");
  b_.CreateBr(header);

  b_.SetInsertPoint(header);
  llvm::PHINode* row = b_.CreatePHI(i64_, 2, "row");
  row_ = row;
  b_.CreateCondBr(b_.CreateICmpSLT(row, rows), body, exit);

  b_.SetInsertPoint(body);
  b_.CreateStore(b_.getInt32(ZC_OK), b_.CreateInBoundsGEP(i32_, errorStatus, row));
  b_.CreateStore(b_.getInt32(-1), clauseSlot_);
  pushScope();
  std::vector<llvm::Value*> applicable;
  for (const ir::Policy& policy : program_.policies) applicable.push_back(emitPolicy(policy));
  for (size_t c = 0; c < program_.clauses.size(); ++c)
    emitClause(program_.clauses[c], static_cast<int>(c), applicable[program_.clauses[c].policy]);
  popScope();
  b_.CreateBr(latch);

  b_.SetInsertPoint(errorBlock_);
  b_.CreateStore(b_.CreateLoad(i32_, statusSlot_), b_.CreateInBoundsGEP(i32_, errorStatus, row));
  b_.CreateStore(b_.CreateLoad(i32_, siteSlot_), b_.CreateInBoundsGEP(i32_, errorSite, row));
  b_.CreateStore(b_.CreateLoad(i32_, clauseSlot_), b_.CreateInBoundsGEP(i32_, errorClause, row));
  b_.CreateBr(latch);

  b_.SetInsertPoint(latch);
  llvm::Value* next = b_.CreateAdd(row, b_.getInt64(1));
  b_.CreateBr(header);
  row->addIncoming(b_.getInt64(0), entry_);
  row->addIncoming(next, latch);

  b_.SetInsertPoint(exit);
  b_.CreateRetVoid();

  std::string problems;
  llvm::raw_string_ostream stream(problems);
  if (llvm::verifyModule(*module_, &stream))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "internal error: invalid LLVM IR: " + problems);
  return std::move(module_);
}

}  // namespace

llvm::Expected<std::unique_ptr<llvm::Module>> lowerToLlvm(const ir::Program& program, llvm::LLVMContext& context) {
  return BatchCodegen(program, context).run();
}

std::vector<std::pair<std::string, void*>> runtimeSymbols() {
  std::vector<std::pair<std::string, void*>> symbols = {
      {"zc_dec_mul", reinterpret_cast<void*>(&zc_dec_mul)},
      {"zc_dec_div", reinterpret_cast<void*>(&zc_dec_div)},
      {"zc_dec_scale", reinterpret_cast<void*>(&zc_dec_scale)},
      {"zc_text_equal", reinterpret_cast<void*>(&zc_text_equal)},
      {"memcmp", reinterpret_cast<void*>(&std::memcmp)},
  };
  for (const RuntimeFunction& f : runtimeFunctions()) symbols.push_back({std::string(f.symbol), f.address});
  return symbols;
}

}  // namespace zc
