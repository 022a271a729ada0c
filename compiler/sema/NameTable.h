// What each name in the source refers to and what each expression is: the
// checker records it as it resolves, for hover and go-to-definition in an
// editor and for tools that must not re-run the checker to find out.
#pragma once

#include <string>
#include <vector>

#include "source/SourceManager.h"

namespace zc::sema {

enum class NameKind : unsigned char { Field, Parameter, Let, EnumValue, Set };

struct NameUse {
  Span use;
  Span declaration;
  NameKind kind;
};

struct TypedSpan {
  Span span;
  std::string type;  // as messages name it: 万元, 标志, 日期?, …
};

struct NameTable {
  std::vector<NameUse> uses;
  std::vector<TypedSpan> types;

  // The name used at a byte offset of a file, if any.
  const NameUse* useAt(FileId file, uint32_t offset) const;
  // The innermost expression at a byte offset of a file, if any.
  const TypedSpan* typeAt(FileId file, uint32_t offset) const;
};

}  // namespace zc::sema
