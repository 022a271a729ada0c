#include "jit/ModuleParts.h"

#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>
#include <llvm/Transforms/Utils/Cloning.h>
#include <llvm/Transforms/Utils/ValueMapper.h>

#include <string>
#include <vector>

#include "codegen/BatchCodegen.h"

namespace zc {

namespace {

// The code generator's parts, in the order the row loop calls them: the
// functions of this module the batch function calls that are marked never
// to be inlined (the runtime's helpers it links are always inlined).
std::vector<llvm::Function*> partsOf(llvm::Module& module) {
  std::vector<llvm::Function*> parts;
  llvm::Function* batch = module.getFunction(kBatchFunctionName);
  if (batch == nullptr) return parts;
  llvm::SmallPtrSet<llvm::Function*, 32> seen;
  for (llvm::Instruction& instruction : llvm::instructions(*batch)) {
    auto* call = llvm::dyn_cast<llvm::CallInst>(&instruction);
    llvm::Function* callee = call ? call->getCalledFunction() : nullptr;
    if (callee && !callee->isDeclaration() && callee->hasLocalLinkage() &&
        callee->hasFnAttribute(llvm::Attribute::NoInline) && seen.insert(callee).second)
      parts.push_back(callee);
  }
  return parts;
}

// One piece being made: its own value for each global of the whole module
// that its parts reach. What the whole module defines locally (a constant,
// an inlined helper) is copied, so each piece inlines its helpers and keeps
// its constants near its code; anything else is declared and linked.
class Piece {
 public:
  Piece(const llvm::Module& whole, unsigned number)
      : module_(std::make_unique<llvm::Module>("zhengce.piece." + std::to_string(number), whole.getContext())) {
    module_->setDataLayout(whole.getDataLayout());
    module_->setTargetTriple(whole.getTargetTriple());
  }

  llvm::Error addPart(llvm::Function& part) {
    auto copy = bring(part);
    if (!copy) return copy.takeError();
    (*copy)->setLinkage(llvm::GlobalValue::ExternalLinkage);
    return reachAll();
  }

  std::unique_ptr<llvm::Module> finish() {
    for (auto [from, to] : bodies_) {
      auto argument = to->arg_begin();
      for (llvm::Argument& a : from->args()) map_[&a] = &*argument++;
      llvm::SmallVector<llvm::ReturnInst*, 4> returns;
      llvm::CloneFunctionInto(to, from, map_, llvm::CloneFunctionChangeType::DifferentModule, returns);
    }
    for (auto [from, to] : initializers_) to->setInitializer(llvm::MapValue(from->getInitializer(), map_));
    return std::move(module_);
  }

 private:
  // The piece's value for a global, made the first time it is asked for; a
  // local definition's body or initializer is copied by finish().
  llvm::Expected<llvm::GlobalValue*> bring(llvm::GlobalValue& value) {
    if (auto it = map_.find(&value); it != map_.end()) return llvm::cast<llvm::GlobalValue>(it->second);
    bool copied = value.hasLocalLinkage() && !value.isDeclaration();
    auto linkage = copied ? value.getLinkage() : llvm::GlobalValue::ExternalLinkage;
    llvm::GlobalValue* made = nullptr;
    if (auto* function = llvm::dyn_cast<llvm::Function>(&value)) {
      auto* copy = llvm::Function::Create(function->getFunctionType(), linkage, function->getAddressSpace(),
                                          function->getName(), module_.get());
      copy->copyAttributesFrom(function);
      if (copied) bodies_.push_back({function, copy});
      made = copy;
    } else if (auto* variable = llvm::dyn_cast<llvm::GlobalVariable>(&value)) {
      auto* copy = new llvm::GlobalVariable(*module_, variable->getValueType(), variable->isConstant(), linkage,
                                            nullptr, variable->getName(), nullptr, variable->getThreadLocalMode(),
                                            variable->getAddressSpace());
      copy->copyAttributesFrom(variable);
      if (copied) initializers_.push_back({variable, copy});
      made = copy;
    } else {
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "internal error: a part of the module uses an alias: " + value.getName().str());
    }
    map_[&value] = made;
    if (copied) unread_.push_back(&value);
    return made;
  }

  // Brings every global the copied definitions use, and what those use.
  llvm::Error reachAll() {
    while (!unread_.empty()) {
      llvm::GlobalValue* value = unread_.back();
      unread_.pop_back();
      if (auto* function = llvm::dyn_cast<llvm::Function>(value)) {
        for (llvm::Instruction& instruction : llvm::instructions(*function))
          for (llvm::Value* operand : instruction.operands())
            if (auto* constant = llvm::dyn_cast<llvm::Constant>(operand))
              if (auto error = reach(*constant)) return error;
      } else if (auto error = reach(*llvm::cast<llvm::GlobalVariable>(value)->getInitializer())) {
        return error;
      }
    }
    return llvm::Error::success();
  }

  // The globals inside a constant (an address, a constant expression over one).
  llvm::Error reach(llvm::Constant& root) {
    std::vector<llvm::Constant*> stack{&root};
    while (!stack.empty()) {
      llvm::Constant* constant = stack.back();
      stack.pop_back();
      if (auto* global = llvm::dyn_cast<llvm::GlobalValue>(constant)) {
        if (auto made = bring(*global); !made) return made.takeError();
      } else if (read_.insert(constant).second) {
        for (llvm::Value* operand : constant->operands()) stack.push_back(llvm::cast<llvm::Constant>(operand));
      }
    }
    return llvm::Error::success();
  }

  std::unique_ptr<llvm::Module> module_;
  llvm::ValueToValueMapTy map_;
  std::vector<std::pair<llvm::Function*, llvm::Function*>> bodies_;
  std::vector<std::pair<llvm::GlobalVariable*, llvm::GlobalVariable*>> initializers_;
  std::vector<llvm::GlobalValue*> unread_;
  llvm::SmallPtrSet<const llvm::Constant*, 32> read_;
};

// Drops the local globals nothing uses any longer (a constant only moved
// parts used), and what only they used.
void dropUnused(llvm::Module& module) {
  for (bool dropped = true; dropped;) {
    dropped = false;
    auto drop = [&](llvm::GlobalValue& value) {
      if (!value.hasLocalLinkage()) return;
      value.removeDeadConstantUsers();
      if (!value.use_empty()) return;
      value.eraseFromParent();
      dropped = true;
    };
    for (llvm::GlobalVariable& variable : llvm::make_early_inc_range(module.globals())) drop(variable);
    for (llvm::Function& function : llvm::make_early_inc_range(module.functions())) drop(function);
  }
}

}  // namespace

size_t instructionCount(const llvm::Module& module) {
  size_t count = 0;
  for (const llvm::Function& function : module) count += function.getInstructionCount();
  return count;
}

llvm::Error takeParts(llvm::Module& module, size_t instructions,
                      llvm::function_ref<llvm::Error(std::unique_ptr<llvm::Module>)> take) {
  std::vector<llvm::Function*> parts = partsOf(module);
  unsigned number = 0;
  for (size_t next = 0; next < parts.size();) {
    Piece piece(module, number++);
    size_t first = next;
    for (size_t size = 0; next < parts.size() && (next == first || size < instructions); ++next) {
      size += parts[next]->getInstructionCount();
      if (auto error = piece.addPart(*parts[next])) return error;
    }
    std::unique_ptr<llvm::Module> made = piece.finish();
    // The whole module's copy goes before the piece is compiled: only one is held.
    for (size_t i = first; i < next; ++i) parts[i]->deleteBody();
    if (auto error = take(std::move(made))) return error;
  }
  dropUnused(module);
  return llvm::Error::success();
}

}  // namespace zc
