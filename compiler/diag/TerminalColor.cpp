#include "diag/TerminalColor.h"

#include <unistd.h>

#include <cstdlib>

namespace zc {

bool wantsColor(int fd) {
  const char* noColor = std::getenv("NO_COLOR");
  if (noColor != nullptr && noColor[0] != '\0') return false;
  return isatty(fd) != 0;
}

}  // namespace zc
