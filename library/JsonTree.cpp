#include "JsonTree.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace zc::library {

namespace {

class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  // simdjson's default limit, so zc run and a library refuse the same documents.
  static constexpr size_t kMaxDepth = 1024;

  TreeBuilder(JsonNode& root, const rapidjson::MemoryStream& bytes) : root_(root), bytes_(bytes) {}
  bool tooDeep() const { return tooDeep_; }
  // The member of the top-level object read last: its key, where its value
  // begins (after the key, before the colon) and whether the value ended.
  const std::string& memberKey() const { return memberKey_; }
  size_t memberStart() const { return memberStart_; }
  bool memberDone() const { return memberDone_; }

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
    if (open_.size() == 1) {
      memberKey_ = key_;
      memberStart_ = bytes_.Tell();
      memberDone_ = false;
    }
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
    memberDone_ = memberDone_ || open_.size() == 1;
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
    memberDone_ = memberDone_ || open_.size() == 1;
    return true;
  }

  JsonNode& root_;
  const rapidjson::MemoryStream& bytes_;
  std::string memberKey_;
  size_t memberStart_ = 0;
  bool memberDone_ = false;
  bool tooDeep_ = false;
  std::vector<JsonNode*> open_;  // each is the last child of the one before, so no push moves it
  std::string key_;
};

}  // namespace

JsonParse parseJson(std::string_view text, JsonNode& root) {
  root = JsonNode{};
  rapidjson::MemoryStream bytes(text.data(), text.size());
  TreeBuilder builder(root, bytes);
  rapidjson::Reader reader;
  constexpr unsigned kFlags =
      rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseValidateEncodingFlag |
      rapidjson::kParseIterativeFlag;  // no recursion: a deeply nested line cannot overflow the host's stack
  JsonParse out;
  rapidjson::ParseResult result = reader.Parse<kFlags>(bytes, builder);
  if (!result) {
    out.error = builder.tooDeep() ? "invalid JSON: nested more than 1024 levels deep"
                                  : std::string("invalid JSON: ") + rapidjson::GetParseError_En(result.Code());
    if (builder.tooDeep() || builder.memberKey().empty()) return out;
    // The value's text: after the colon, up to a delimiter. The parse failed
    // in it if the value had not ended, or if it stopped within that text
    // (0100: rapidjson reads 0, then finds no comma).
    size_t start = builder.memberStart();
    while (start < text.size() && (text[start] == ' ' || text[start] == '\t' || text[start] == ':')) ++start;
    size_t end = text.find_first_of(",}] \t\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    if (!builder.memberDone() || result.Offset() < end) {
      out.failedInMember = true;
      out.failedKey = builder.memberKey();
      out.failedValue = text.substr(start, end - start);
    }
    return out;
  }
  size_t at = bytes.Tell();
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n')) ++at;
  out.trailing = at < text.size();
  out.ok = true;
  return out;
}

}  // namespace zc::library
