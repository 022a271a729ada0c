// The page zc serve shows at /: compiler/serve/web/index.html, compiled into
// zc by compiler/CMakeLists.txt, so it needs no files and no network.
#pragma once

namespace zc::serve {

extern const char kWebPageText[];

}  // namespace zc::serve
