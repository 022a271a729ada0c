#include <string.h>

#include "zc/runtime.h"

int32_t zc_text_equal(const char* a, int64_t a_length, const char* b, int64_t b_length) {
  return a_length == b_length && (a_length == 0 || memcmp(a, b, (size_t)a_length) == 0);
}
