// The page zc serve shows at / (compiler/serve/web/index.html) and its API's
// OpenAPI description (web/openapi.json), compiled into zc by
// compiler/CMakeLists.txt, so they need no files and no network.
#pragma once

namespace zc::serve {

extern const char kWebPageText[];
extern const char kOpenApiText[];

}  // namespace zc::serve
