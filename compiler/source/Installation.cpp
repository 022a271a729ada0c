#include "source/Installation.h"

#include <system_error>

namespace zc {

namespace fs = std::filesystem;

std::filesystem::path ownFile(std::string_view installed, std::string_view built) {
  std::error_code ec;
  // The binary itself, through any link to it (/usr/local/bin/zc → /opt/zhengce/bin/zc).
  fs::path binary = fs::canonical("/proc/self/exe", ec);
  if (!ec) {
    fs::path file = binary.parent_path().parent_path() / installed;
    if (fs::exists(file, ec)) return file;
  }
  return fs::path(built);
}

}  // namespace zc
