#include "diag/Diagnostic.h"

#include <algorithm>
#include <tuple>

namespace zc {

const std::vector<DiagKindInfo>& allDiagKinds() {
  static const std::vector<DiagKindInfo> kinds = {
#define DIAG(name, code, severity, summary) {#name, code, Severity::severity, summary},
#include "diag/DiagnosticKinds.def"
#undef DIAG
  };
  return kinds;
}

const DiagKindInfo& diagInfo(DiagKind kind) { return allDiagKinds()[static_cast<size_t>(kind)]; }

Diagnostic& Diagnostics::report(DiagKind kind, Span span, std::string message) {
  if (diagInfo(kind).severity == Severity::Error) ++errorCount_;
  diags_.push_back({kind, span, std::move(message), {}, {}});
  return diags_.back();
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = diags_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.span.file, a.span.begin) < std::tie(b.span.file, b.span.begin);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Diagnostic& a, const Diagnostic& b) {
                          return a.kind == b.kind && a.span.file == b.span.file && a.span.begin == b.span.begin &&
                                 a.span.end == b.span.end;
                        }),
            out.end());
  return out;
}

}  // namespace zc
