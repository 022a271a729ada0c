// The embedded description as a tree (records are read by the runtime's
// reader, runtime/src/JsonRecordReader.cpp): every number kept as the text it
// was written with (rapidjson's kParseNumbersAsStringsFlag hands it
// over through a SAX handler), so a value is never read through a double.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zc::library {

struct JsonMember;

struct JsonNode {
  enum class Type { Null, Flag, Number, String, Array, Object } type = Type::Null;
  std::string text;  // a number's or a flag's own text, a string's value
  // Not pairs: a std::pair of a type still being defined is ill-formed, and
  // clang's libstdc++ checks reject it.
  std::vector<JsonMember> members;
  std::vector<JsonNode> items;
};

struct JsonMember {
  std::string key;
  JsonNode value;
};

struct JsonParse {
  bool ok = false;
  std::string error;      // "invalid JSON: …"
  bool trailing = false;  // text after the first value
};

// Parses the first JSON value of text into root.
JsonParse parseJson(std::string_view text, JsonNode& root);

}  // namespace zc::library
