#include "Description.h"

#include "JsonTree.h"
#include "zc/library.h"

extern "C" const char zc_library_description[];

namespace zc::library {

namespace {

// Read with the library's own JSON tree: rapidjson's DOM header does not
// compile with clang 19 (the fuzz and sanitizer builds).
const JsonNode* member(const JsonNode& object, std::string_view key) {
  for (const auto& [name, value] : object.members)
    if (name == key) return &value;
  return nullptr;
}

std::string text(const JsonNode& object, const char* key) {
  const JsonNode* m = member(object, key);
  return m != nullptr && m->type == JsonNode::Type::String ? m->text : std::string();
}

bool flag(const JsonNode& object, const char* key) {
  const JsonNode* m = member(object, key);
  return m != nullptr && m->type == JsonNode::Type::Flag && m->text == "true";
}

const JsonNode* array(const JsonNode& object, const char* key) {
  const JsonNode* m = member(object, key);
  return m != nullptr && m->type == JsonNode::Type::Array ? m : nullptr;
}

bool integer128(const std::string& digits, __int128& out) {
  zc_dec parsed;
  if (zc_dec_parse(digits.data(), digits.size(), &parsed) != ZC_OK || parsed.den != 1) return false;
  out = parsed.num;
  return true;
}

bool readExact(const JsonNode* value, rt::Scalar& out) {
  const JsonNode* i = value != nullptr ? member(*value, "i") : nullptr;
  __int128 whole, num, den;
  if (i == nullptr || i->type != JsonNode::Type::Number || !integer128(i->text, whole) || whole > INT64_MAX ||
      whole < INT64_MIN)
    return false;
  out.i = static_cast<int64_t>(whole);
  if (!integer128(text(*value, "num"), num) || !integer128(text(*value, "den"), den)) return false;
  if (zc_dec_make(num, den, &out.d) != ZC_OK) return false;
  out.text = text(*value, "text");
  return true;
}

bool readRange(const JsonNode& param, std::optional<rt::ValueRange>& out);

bool readField(const JsonNode& value, rt::FieldSchema& out, std::string* defaultText) {
  if (value.type != JsonNode::Type::Object || !rt::kindFromName(text(value, "type"), out.kind)) return false;
  out.name = text(value, "name");
  out.unit = text(value, "unit");
  out.list = flag(value, "list");
  out.optional = flag(value, "optional");
  out.required = flag(value, "required");
  out.key = flag(value, "key");
  out.nonNegative = flag(value, "non_negative");
  const JsonNode* enums = array(value, "enum");
  const JsonNode* fields = array(value, "fields");
  if (enums == nullptr || fields == nullptr) return false;
  for (const JsonNode& e : enums->items) {
    if (e.type != JsonNode::Type::String) return false;
    out.enumValues.push_back(e.text);
  }
  for (const JsonNode& sub : fields->items)
    if (!readField(sub, out.subFields.emplace_back(), nullptr) || !readRange(sub, out.subFields.back().range))
      return false;
  if (defaultText != nullptr) *defaultText = text(value, "default");
  // An optional field has no default: absent is its own state.
  const JsonNode* exact = member(value, "value");
  if (out.optional && exact != nullptr && exact->type == JsonNode::Type::Null) return true;
  return readExact(exact, out.defaultValue);
}

// A parameter's or field's range, if it declares one: false only if it cannot be read.
bool readRange(const JsonNode& param, std::optional<rt::ValueRange>& out) {
  const JsonNode* bounds = member(param, "bounds");
  if (bounds == nullptr) return true;
  if (bounds->type != JsonNode::Type::Object) return false;
  rt::ValueRange range{
      .loClosed = flag(*bounds, "lo_closed"), .hiClosed = flag(*bounds, "hi_closed"), .text = text(param, "range")};
  for (auto [key, bound] : {std::pair{"lo", &range.lo}, std::pair{"hi", &range.hi}}) {
    const JsonNode* value = member(*bounds, key);
    if (value == nullptr) return false;
    if (value->type == JsonNode::Type::Null) continue;
    if (!readExact(value, bound->emplace())) return false;
  }
  out = std::move(range);
  return true;
}

}  // namespace

bool readDescription(const char* json, RulesetDescription& out) {
  JsonNode document;
  if (!parseJson(json, document).ok || document.type != JsonNode::Type::Object) return false;
  out.name = text(document, "name");
  out.sourceHash = text(document, "source_hash");
  out.zcVersion = text(document, "zc_version");
  out.schema.name = text(document, "record");
  const JsonNode* key = member(document, "key_field");
  __int128 keyField;
  if (key == nullptr || key->type != JsonNode::Type::Number || !integer128(key->text, keyField) ||
      keyField > INT32_MAX || keyField < INT32_MIN)
    return false;
  out.schema.keyField = static_cast<int>(keyField);
  const JsonNode* clauses = array(document, "clauses");
  const JsonNode* fields = array(document, "fields");
  const JsonNode* params = array(document, "params");
  if (clauses == nullptr || fields == nullptr || params == nullptr) return false;
  for (const JsonNode& c : clauses->items)
    out.clauses.push_back({text(c, "id"), text(c, "source"), text(c, "beneficiary")});
  for (const JsonNode& f : fields->items)
    if (!readField(f, out.schema.fields.emplace_back(), &out.fieldDefaults.emplace_back()) ||
        !readRange(f, out.schema.fields.back().range))
      return false;
  for (const JsonNode& p : params->items)
    if (!readField(p, out.params.emplace_back(), &out.paramDefaults.emplace_back()) ||
        !readRange(p, out.paramRanges.emplace_back()))
      return false;
  if (const JsonNode* pools = array(document, "pools")) {
    for (const JsonNode& p : pools->items) {
      PoolDescription& pool = out.pools.emplace_back();
      pool.name = text(p, "name");
      if (const JsonNode* clauses = array(p, "clauses"))
        for (const JsonNode& c : clauses->items) pool.clauses.push_back(c.text);
      rt::Scalar amount, scale;
      __int128 param, orderField;
      const JsonNode* paramNode = member(p, "param");
      const JsonNode* orderNode = member(p, "order_field");
      if (!readExact(member(p, "amount"), amount) || !readExact(member(p, "param_scale"), scale) ||
          paramNode == nullptr || orderNode == nullptr || !integer128(paramNode->text, param) ||
          !integer128(orderNode->text, orderField) || param >= static_cast<__int128>(out.params.size()) ||
          orderField >= static_cast<__int128>(out.schema.fields.size()))
        return false;
      pool.amount = amount.d;
      pool.paramScale = scale.d;
      pool.param = static_cast<int>(param);
      pool.orderField = static_cast<int>(orderField);
      pool.proRata = flag(p, "pro_rata");
    }
  }
  if (const JsonNode* rankings = array(document, "rankings")) {
    auto fieldIndex = [&](const JsonNode* node, int& index) {
      __int128 value;
      if (node == nullptr || !integer128(node->text, value) || value < 0 ||
          value >= static_cast<__int128>(out.schema.fields.size()))
        return false;
      index = static_cast<int>(value);
      return true;
    };
    for (const JsonNode& r : rankings->items) {
      int rankField = -1;
      std::vector<int> keyFields;
      std::vector<uint8_t> descending;
      if (!fieldIndex(member(r, "rank_field"), rankField)) return false;
      const JsonNode* keys = array(r, "keys");
      if (keys == nullptr || keys->items.empty()) return false;
      for (const JsonNode& k : keys->items) {
        if (!fieldIndex(member(k, "field"), keyFields.emplace_back())) return false;
        descending.push_back(flag(k, "descending"));
      }
      out.rankings.push_back(rt::RankingSpec::of(out.schema, text(r, "name"), rankField, keyFields,
                                                 std::move(descending), flag(r, "ties_all_in")));
    }
  }
  out.ok = true;
  return true;
}

const RulesetDescription& embeddedDescription() {
  // Read once, thread-safely (a function-local static); the text never changes.
  static const RulesetDescription description = [] {
    RulesetDescription d;
    if (!readDescription(zc_library_description, d)) d = RulesetDescription{};
    return d;
  }();
  return description;
}

}  // namespace zc::library
