// Where zc finds its own files (the standard library, the runtime zc build
// links): beside an installed binary first, so an installed zc needs nothing
// of the tree it was built in, else where the build tree keeps them.
#pragma once

#include <filesystem>
#include <string_view>

namespace zc {

// PREFIX/`installed` when zc runs as PREFIX/bin/zc and that file exists;
// else `built`.
std::filesystem::path ownFile(std::string_view installed, std::string_view built);

}  // namespace zc
