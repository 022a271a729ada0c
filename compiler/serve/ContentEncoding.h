// A request body's Content-Encoding undone (gzip, deflate, identity) within
// the body limit, counted as it inflates, so a small compressed body cannot
// grow past --max-body.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "serve/HttpRequestParser.h"

namespace zc::serve {

// Whether zc serve reads bodies of this Content-Encoding ("" is identity).
bool isReadableEncoding(std::string_view encoding);

// The body as sent, without its encoding; an error (400, 413) when it does not inflate within `maxBytes`.
std::optional<HttpError> decodeContent(std::string_view encoding, std::string& body, size_t maxBytes);

}  // namespace zc::serve
