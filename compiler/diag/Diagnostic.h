// Diagnostics are values: a kind from the registry, a span, a message, notes
// and an optional hint. They are collected, then sorted and rendered once.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "source/SourceManager.h"

namespace zc {

enum class Severity { Error, Warning };

enum class DiagKind {
#define DIAG(name, code, severity, summary) name,
#include "diag/DiagnosticKinds.def"
#undef DIAG
};

struct DiagKindInfo {
  std::string_view name;
  std::string_view code;
  Severity severity;
  std::string_view summary;
};

const DiagKindInfo& diagInfo(DiagKind kind);
const std::vector<DiagKindInfo>& allDiagKinds();

struct DiagNote {
  Span span;
  std::string message;
};

struct Diagnostic {
  DiagKind kind;
  Span span;
  std::string message;
  std::vector<DiagNote> notes;
  std::string hint;
};

class Diagnostics {
 public:
  Diagnostic& report(DiagKind kind, Span span, std::string message);
  bool hasErrors() const { return errorCount_ > 0; }
  size_t errorCount() const { return errorCount_; }
  const std::vector<Diagnostic>& all() const { return diags_; }
  // Sorted by file and position, duplicates (same kind and span) removed.
  std::vector<Diagnostic> sorted() const;
  void clear() {
    diags_.clear();
    errorCount_ = 0;
  }

 private:
  std::vector<Diagnostic> diags_;
  size_t errorCount_ = 0;
};

struct RenderOptions {
  bool color = false;
  size_t maxDiagnostics = 50;
};

std::string renderDiagnostic(const SourceManager& sources, const Diagnostic& diag, const RenderOptions& options);
std::string renderDiagnostics(const SourceManager& sources, const Diagnostics& diags, const RenderOptions& options);

// The closest candidate within a small edit distance, for "did you mean" hints.
std::string closestName(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace zc
