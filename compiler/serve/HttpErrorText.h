// A request the HTTP layer cannot read or answer (HttpRequestParser,
// HttpServer), as zc serve says it: a code by the answer's status
// ("bad_request", "line_too_long", "headers_too_large", …) and why, in
// Chinese. Apart from the rest of serve so the parser's fuzz target takes it
// alone.
#pragma once

#include <string>
#include <string_view>

#include "serve/HttpRequestParser.h"

namespace zc::serve {

std::string_view httpErrorCode(const HttpError& error);
std::string httpErrorWords(const HttpError& error);

}  // namespace zc::serve
