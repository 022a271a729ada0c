#include "source/Confusables.h"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/uspoof.h>

namespace zc {

namespace {

// One checker for the process: opening one loads ICU's data, and checking
// with a configured checker is safe from any thread.
const USpoofChecker* checker() {
  static USpoofChecker* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* c = uspoof_open(&status);
    if (U_FAILURE(status)) return static_cast<USpoofChecker*>(nullptr);
    uspoof_setChecks(c, USPOOF_RESTRICTION_LEVEL | USPOOF_CONFUSABLE, &status);
    uspoof_setRestrictionLevel(c, USPOOF_HIGHLY_RESTRICTIVE);
    return U_FAILURE(status) ? nullptr : c;
  }();
  return instance;
}

}  // namespace

std::string confusableSkeleton(std::string_view text) {
  const USpoofChecker* c = checker();
  if (c == nullptr) return std::string(text);
  std::string skeleton(text.size() * 2 + 16, '\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = uspoof_getSkeletonUTF8(c, 0, text.data(), static_cast<int32_t>(text.size()), skeleton.data(),
                                            static_cast<int32_t>(skeleton.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      skeleton.resize(static_cast<size_t>(length) + 1);
      continue;
    }
    if (U_FAILURE(status)) return std::string(text);
    skeleton.resize(static_cast<size_t>(length));
    return skeleton;
  }
  return std::string(text);
}

bool mixesScripts(std::string_view text) {
  const USpoofChecker* c = checker();
  if (c == nullptr) return false;
  UErrorCode status = U_ZERO_ERROR;
  int32_t result = uspoof_checkUTF8(c, text.data(), static_cast<int32_t>(text.size()), nullptr, &status);
  return U_SUCCESS(status) && (result & USPOOF_RESTRICTION_LEVEL) != 0;
}

std::string describeCodePoint(char32_t code) {
  char name[128];
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = u_charName(static_cast<UChar32>(code), U_UNICODE_CHAR_NAME, name, sizeof name, &status);
  std::string shown = fmt::format("U+{:04X}", static_cast<uint32_t>(code));
  if (U_SUCCESS(status) && length > 0) shown += " " + std::string(name, static_cast<size_t>(length));
  return shown;
}

}  // namespace zc
