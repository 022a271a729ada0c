// file:// URIs, as editors name documents, and the paths they stand for.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace zc::lsp {

// The path of a file:// URI, percent-decoded; nothing for another scheme.
std::optional<std::string> pathOfUri(std::string_view uri);

// A file:// URI for an absolute path, every byte outside the unreserved
// characters and / percent-encoded (as VS Code writes them).
std::string uriOfPath(std::string_view path);

}  // namespace zc::lsp
