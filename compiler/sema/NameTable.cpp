#include "sema/NameTable.h"

namespace zc::sema {

namespace {

bool contains(Span span, FileId file, uint32_t offset) {
  return span.file == file && span.begin <= offset && offset < span.end;
}

}  // namespace

const NameUse* NameTable::useAt(FileId file, uint32_t offset) const {
  for (const NameUse& u : uses)
    if (contains(u.use, file, offset)) return &u;
  return nullptr;
}

const TypedSpan* NameTable::typeAt(FileId file, uint32_t offset) const {
  const TypedSpan* best = nullptr;
  for (const TypedSpan& t : types)
    if (contains(t.span, file, offset) &&
        (best == nullptr || t.span.end - t.span.begin < best->span.end - best->span.begin))
      best = &t;
  return best;
}

}  // namespace zc::sema
