#include "JsonTree.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace zc::library {

namespace {

class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  // simdjson's default limit.
  static constexpr size_t kMaxDepth = 1024;

  explicit TreeBuilder(JsonNode& root) : root_(root) {}
  bool tooDeep() const { return tooDeep_; }
  bool Null() { return add(JsonNode::Type::Null, {}); }
  bool Bool(bool b) { return add(JsonNode::Type::Flag, b ? "true" : "false"); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    return add(JsonNode::Type::Number, std::string_view(text, length));
  }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    return add(JsonNode::Type::String, std::string_view(text, length));
  }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    key_.assign(text, length);
    return true;
  }
  bool StartObject() { return open(JsonNode::Type::Object); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(JsonNode::Type::Array); }
  bool EndArray(rapidjson::SizeType) { return close(); }

 private:
  // The new node, in its parent (an object under the last key) or as the root.
  JsonNode& place() {
    if (open_.empty()) return root_;
    JsonNode& parent = *open_.back();
    if (parent.type == JsonNode::Type::Array) return parent.items.emplace_back();
    return parent.members.emplace_back(JsonMember{std::move(key_), JsonNode{}}).value;
  }
  bool add(JsonNode::Type type, std::string_view text) {
    JsonNode& node = place();
    node.type = type;
    node.text.assign(text);
    return true;
  }
  bool open(JsonNode::Type type) {
    if (open_.size() >= kMaxDepth) {
      tooDeep_ = true;
      return false;
    }
    JsonNode& node = place();
    node.type = type;
    open_.push_back(&node);
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  JsonNode& root_;
  bool tooDeep_ = false;
  std::vector<JsonNode*> open_;  // each is the last child of the one before, so no push moves it
  std::string key_;
};

}  // namespace

JsonParse parseJson(std::string_view text, JsonNode& root) {
  root = JsonNode{};
  rapidjson::MemoryStream bytes(text.data(), text.size());
  TreeBuilder builder(root);
  rapidjson::Reader reader;
  constexpr unsigned kFlags =
      rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseStopWhenDoneFlag |
      rapidjson::kParseValidateEncodingFlag |
      rapidjson::kParseIterativeFlag;  // no recursion: a deeply nested line cannot overflow the host's stack
  JsonParse out;
  rapidjson::ParseResult result = reader.Parse<kFlags>(bytes, builder);
  if (!result) {
    out.error = builder.tooDeep() ? "invalid JSON: nested more than 1024 levels deep"
                                  : std::string("invalid JSON: ") + rapidjson::GetParseError_En(result.Code());
    return out;
  }
  size_t at = bytes.Tell();
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n')) ++at;
  out.trailing = at < text.size();
  out.ok = true;
  return out;
}

}  // namespace zc::library
