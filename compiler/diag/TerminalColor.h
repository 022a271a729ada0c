// Whether to colour what goes to a file descriptor: only a terminal, and
// never when NO_COLOR is set to anything but empty (https://no-color.org).
#pragma once

namespace zc {

bool wantsColor(int fd);

}  // namespace zc
