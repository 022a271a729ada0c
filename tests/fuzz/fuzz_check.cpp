// libFuzzer target: any bytes as a ruleset file, through parse, check and
// lowering, and the diagnostics rendered. Anything but a crash, or IR that
// does not verify from a program the checker accepted, is fine.
#include <cstddef>
#include <cstdint>
#include <string>

#include "frontend/Frontend.h"
#include "ir/IrVerifier.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  zc::SourceOverlay overlay;
  overlay["fuzz.zc"] = std::string(reinterpret_cast<const char*>(data), size);
  zc::frontend::Compilation compilation = zc::frontend::compile({.paths = {"fuzz.zc"}, .overlay = &overlay});
  std::string rendered = zc::renderDiagnostics(compilation.sources, compilation.diagnostics, {});
  if (compilation.diagnostics.hasErrors() && rendered.empty()) __builtin_trap();  // an error is always shown
  // The front end verifies only in debug builds; the fuzzers are built for speed.
  if (compilation.ok() && !zc::ir::verify(compilation.ruleset.program).empty()) __builtin_trap();
  return 0;
}
