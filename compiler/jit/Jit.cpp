#include "jit/Jit.h"

#include <llvm/Bitcode/BitcodeWriter.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/Support/MemoryBuffer.h>
#include <pthread.h>
#include <signal.h>

#include <system_error>

#include "codegen/BatchCodegen.h"
#include "codegen/ObjectEmitter.h"
#include "jit/ModuleParts.h"
#include "zc/batch.h"
#include "zc/runtime.h"

namespace zc {

namespace {

// A module of more LLVM instructions than this is compiled in pieces, with
// one tier (the seed ruleset lowers to about 2,700, 1,000 clauses of copies
// of it to 95,000). Compiled whole and tiered, code generation held two
// whole modules at once: past 9 GB for 100,000 clauses.
constexpr size_t kInPieces = 50'000;
// A piece: a dozen of the code generator's parts.
constexpr size_t kPieceInstructions = 50'000;

// Everything that decides the object code and what it calls: the lowered
// module, the runtime (its bitcode stands for the functions' ABI), the build
// of zc, LLVM, the pipeline and the host. Only the optimised code of a
// module compiled whole is cached, and a large module's pieces.
std::string cacheKey(const llvm::Module& module, const llvm::orc::JITTargetMachineBuilder& machine,
                     const std::string& pipeline) {
  llvm::SmallVector<char, 0> bitcode;
  llvm::raw_svector_ostream out(bitcode);
  llvm::WriteBitcodeToFile(module, out);
  std::string host =
      machine.getTargetTriple().str() + "\n" + machine.getCPU() + "\n" + machine.getFeatures().getString();
  return ObjectCache::key(llvm::StringRef(bitcode.data(), bitcode.size()), runtimeBitcode(),
                          CodeIdentity::current(pipeline, host));
}

// The objects of a module compiled in halves or in pieces as one cache entry: each
// object's size (8 bytes, little-endian), then its bytes.
std::string bundle(const std::vector<std::string>& objects) {
  std::string bytes;
  for (const std::string& object : objects) {
    uint64_t size = object.size();
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((size >> (8 * i)) & 0xff));
    bytes += object;
  }
  return bytes;
}

// None for bytes that are not such a bundle.
std::optional<std::vector<std::string>> unbundle(const std::string& bytes) {
  std::vector<std::string> objects;
  for (size_t at = 0; at < bytes.size();) {
    if (bytes.size() - at < 8) return std::nullopt;
    uint64_t size = 0;
    for (int i = 0; i < 8; ++i) size |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    at += 8;
    if (size > bytes.size() - at) return std::nullopt;
    objects.push_back(bytes.substr(at, size));
    at += size;
  }
  if (objects.empty()) return std::nullopt;
  return objects;
}

// A thread that starts with every signal blocked (it inherits this thread's
// mask): signals are for the program's threads, and zc serve waits for
// SIGTERM in one of its own, which a thread letting it through would turn
// into a kill. Throws std::system_error when there is no thread to be had.
template <typename Body>
std::thread quietThread(Body body) {
  sigset_t all, mask;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &mask);
  try {
    std::thread thread(std::move(body));
    pthread_sigmask(SIG_SETMASK, &mask, nullptr);
    return thread;
  } catch (...) {
    pthread_sigmask(SIG_SETMASK, &mask, nullptr);
    throw;
  }
}

// The runtime functions generated code calls, bound to zc's own copies: the
// JIT compiles only the ruleset's code, not the runtime again each time
// (that halved the cold compile, and the calls cost the loop about 1 %,
// as the hand-written C++ in bench/ pays them too).
llvm::orc::SymbolMap runtimeSymbols(llvm::orc::LLJIT& jit) {
  llvm::orc::SymbolMap symbols;
  auto add = [&](const char* name, auto* function) {
    symbols[jit.mangleAndIntern(name)] = {llvm::orc::ExecutorAddr::fromPtr(reinterpret_cast<void*>(function)),
                                          llvm::JITSymbolFlags::Exported | llvm::JITSymbolFlags::Callable};
  };
#define ZC_RUNTIME_FUNCTION(Name, symbol, Shape, canFail) add(#symbol, &symbol);
#include "zc/functions.def"
#undef ZC_RUNTIME_FUNCTION
  return symbols;
}

}  // namespace

llvm::Expected<std::unique_ptr<Jit>> Jit::create(std::optional<ObjectCache> cache) {
  initializeNativeTarget();
  auto machine = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!machine) return machine.takeError();
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(*machine).create();
  if (!jit) return jit.takeError();
  auto process =
      llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess((*jit)->getDataLayout().getGlobalPrefix());
  if (!process) return process.takeError();
  (*jit)->getMainJITDylib().addGenerator(std::move(*process));
  if (auto error = (*jit)->getMainJITDylib().define(llvm::orc::absoluteSymbols(runtimeSymbols(**jit)))) return error;
  return std::unique_ptr<Jit>(new Jit(std::move(*jit), std::move(*machine), std::move(cache)));
}

Jit::~Jit() {
  if (optimizer_.joinable()) optimizer_.join();
}

llvm::Expected<zc_batch_function> Jit::load(std::vector<std::string> objects, const char* name,
                                            const zc_ruleset_table** table) {
  // Each tier's code in a JITDylib of its own, as both define the same
  // symbols; the runtime and libc come from the main one.
  auto dylib = jit_->createJITDylib(name);
  if (!dylib) return dylib.takeError();
  dylib->addToLinkOrder(jit_->getMainJITDylib());
  for (std::string& object : objects) {
    if (auto error = jit_->addObjectFile(*dylib, llvm::MemoryBuffer::getMemBufferCopy(object, name))) return error;
    std::string().swap(object);
  }
  auto function = jit_->lookup(*dylib, kBatchFunctionName);
  if (!function) return function.takeError();
  if (table) {
    auto found = jit_->lookup(*dylib, ZC_RULESET_TABLE_SYMBOL);
    if (!found) return found.takeError();
    *table = found->toPtr<const zc_ruleset_table*>();
  }
  return function->toPtr<zc_batch_function>();
}

llvm::Expected<std::unique_ptr<llvm::Module>> Jit::lower(const ir::Program& program, llvm::LLVMContext& context,
                                                         Half half) {
  auto module = lowerToLlvm(program, context, jit_->getDataLayout(), half);
  if (!module) return module.takeError();
  (*module)->setTargetTriple(jit_->getTargetTriple().str());
  if (auto error = linkStepSlots(**module)) return error;
  return module;
}

llvm::Expected<std::string> Jit::emit(llvm::Module& module, Pipeline pipeline) {
  auto machine = machine_.createTargetMachine();
  if (!machine) return machine.takeError();
  return emitObject(module, **machine, pipeline);
}

llvm::Expected<std::string> Jit::optimizeHalf(const ir::Program& program, Half half) {
  llvm::LLVMContext context;
  context.setDiscardValueNames(true);
  auto module = lower(program, context, half);
  if (!module) return module.takeError();
  return emit(**module, Pipeline::Light);
}

llvm::Expected<std::vector<std::string>> Jit::optimize(const ir::Program& program, const std::string& key) {
  std::vector<std::string> objects;
  if (!splitsInHalves(program)) {
    auto object = optimizeHalf(program, Half::Whole);
    if (!object) return object.takeError();
    objects.push_back(std::move(*object));
  } else {
    // The second half on another thread (no thread to be had: on this one,
    // after the first).
    std::optional<llvm::Expected<std::string>> second;
    std::thread other;
    try {
      other = quietThread([&] { second.emplace(optimizeHalf(program, Half::Second)); });
    } catch (const std::system_error&) {
    }
    auto first = optimizeHalf(program, Half::First);
    if (other.joinable())
      other.join();
    else
      second.emplace(optimizeHalf(program, Half::Second));
    if (!first) {
      if (!*second) llvm::consumeError(second->takeError());
      return first.takeError();
    }
    if (!*second) return second->takeError();
    objects = {std::move(*first), std::move(**second)};
  }
  if (cache_) cache_->store(key, bundle(objects));
  return objects;
}

llvm::Error Jit::install(std::vector<std::string> objects, const zc_ruleset_table** table) {
  auto function = load(std::move(objects), "ruleset.optimized", table);
  if (!function) return function.takeError();
  code_.store(*function, std::memory_order_release);
  return llvm::Error::success();
}

llvm::Error Jit::compileInPieces(std::unique_ptr<llvm::Module> module, Pipeline pipeline, const std::string& key,
                                 CompiledProgram& compiled) {
  std::vector<std::string> objects;
  if (std::optional<std::string> cached = cache_ ? cache_->load(key) : std::nullopt)
    if (auto found = unbundle(*cached)) objects = std::move(*found);
  compiled.fromCache = !objects.empty();
  if (objects.empty()) {
    auto emitInto = [&](llvm::Module& piece) -> llvm::Error {
      auto object = emit(piece, pipeline);
      if (!object) return object.takeError();
      objects.push_back(std::move(*object));
      return llvm::Error::success();
    };
    auto takePiece = [&](std::unique_ptr<llvm::Module> piece) { return emitInto(*piece); };
    if (auto error = takeParts(*module, kPieceInstructions, takePiece)) return error;
    if (auto error = emitInto(*module)) return error;
    if (cache_) cache_->store(key, bundle(objects));
  }
  // Compiled or found, the module is no longer needed: it goes before the objects are loaded.
  module.reset();
  auto function = load(std::move(objects), "ruleset.pieces", &compiled.table);
  if (!function) return function.takeError();
  code_.store(*function, std::memory_order_release);
  return llvm::Error::success();
}

llvm::Expected<CompiledProgram> Jit::compile(const ir::Program& program, Tiering tiering) {
  llvm::LLVMContext context;
  // Names of values are for reading IR, which the JIT does not: kept, they
  // cost memory for each instruction of a large module.
  context.setDiscardValueNames(true);
  auto module = lower(program, context);
  if (!module) return module.takeError();
  CompiledProgram compiled;
  compiled.code_ = &code_;
  if (instructionCount(**module) > kInPieces) {
    // One tier: a second module as large, beside the first, is what the
    // memory cannot afford. The quick code unless the optimised was asked for.
    Pipeline pipeline = tiering == Tiering::Optimized ? Pipeline::Light : Pipeline::Quick;
    std::string key =
        cache_ ? cacheKey(**module, machine_, pipeline == Pipeline::Light ? "light, in pieces" : "quick, in pieces")
               : "";
    if (auto error = compileInPieces(std::move(*module), pipeline, key, compiled)) return error;
    return compiled;
  }
  // The key of the optimised code, the only code cached: from the module as
  // lowered, before any pass changes it.
  std::string key = cache_ ? cacheKey(**module, machine_, "light; runtime called, not linked; in halves, bundled") : "";
  std::optional<std::string> cached = cache_ ? cache_->load(key) : std::nullopt;
  if (std::optional<std::vector<std::string>> objects = cached ? unbundle(*cached) : std::nullopt) {
    if (auto error = install(std::move(*objects), &compiled.table)) return error;
    compiled.fromCache = true;
    return compiled;
  }
  if (tiering == Tiering::Optimized) {
    auto objects = optimize(program, key);
    if (!objects) return objects.takeError();
    if (auto error = install(std::move(*objects), &compiled.table)) return error;
    return compiled;
  }
  // The optimised code on another core (a module of its own, in a context of
  // its own) while this one compiles the quick code.
  if (tiering == Tiering::Tiered) {
    try {
      optimizer_ = quietThread([this, &program, key] {
        llvm::Error error = [&]() -> llvm::Error {
          auto objects = optimize(program, key);
          if (!objects) return objects.takeError();
          return install(std::move(*objects), nullptr);
        }();
        if (error) optimizeError_ = llvm::toString(std::move(error));
      });
    } catch (const std::system_error& e) {
      // No thread to be had: the quick code runs alone, correct but slower.
      optimizeError_ = std::string("no thread for the optimised compile: ") + e.what();
    }
  }
  auto object = emit(**module, Pipeline::Quick);
  if (!object) return object.takeError();
  auto function = load({std::move(*object)}, "ruleset.quick", &compiled.table);
  if (!function) return function.takeError();
  // The optimised code may already be there: it stays.
  zc_batch_function none = nullptr;
  code_.compare_exchange_strong(none, *function, std::memory_order_acq_rel);
  return compiled;
}

llvm::Error Jit::waitForOptimized() {
  if (optimizer_.joinable()) optimizer_.join();
  if (!optimizeError_.empty()) return llvm::createStringError(llvm::inconvertibleErrorCode(), optimizeError_);
  return llvm::Error::success();
}

}  // namespace zc
