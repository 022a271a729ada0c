#include "Description.h"

#include <rapidjson/document.h>

#include "zc/library.h"

extern "C" const char zc_library_description[];

namespace zc::library {

namespace {

using Value = rapidjson::Value;

std::string text(const Value& object, const char* key) {
  auto member = object.FindMember(key);
  return member != object.MemberEnd() && member->value.IsString()
             ? std::string(member->value.GetString(), member->value.GetStringLength())
             : std::string();
}

bool flag(const Value& object, const char* key) {
  auto member = object.FindMember(key);
  return member != object.MemberEnd() && member->value.IsBool() && member->value.GetBool();
}

bool integer128(const std::string& digits, __int128& out) {
  zc_dec parsed;
  if (zc_dec_parse(digits.data(), digits.size(), &parsed) != ZC_OK || parsed.den != 1) return false;
  out = parsed.num;
  return true;
}

bool readValue(const Value& value, rt::Scalar& out) {
  if (!value.IsObject() || !value.HasMember("i") || !value["i"].IsInt64()) return false;
  out.i = value["i"].GetInt64();
  __int128 num, den;
  if (!integer128(text(value, "num"), num) || !integer128(text(value, "den"), den)) return false;
  if (zc_dec_make(num, den, &out.d) != ZC_OK) return false;
  out.text = text(value, "text");
  return true;
}

bool readField(const Value& value, rt::FieldSchema& out, std::string* defaultText) {
  if (!value.IsObject() || !rt::kindFromName(text(value, "type"), out.kind)) return false;
  out.name = text(value, "name");
  out.unit = text(value, "unit");
  out.list = flag(value, "list");
  out.optional = flag(value, "optional");
  out.required = flag(value, "required");
  if (!value.HasMember("enum") || !value["enum"].IsArray() || !value.HasMember("fields") || !value["fields"].IsArray())
    return false;
  for (const Value& e : value["enum"].GetArray()) {
    if (!e.IsString()) return false;
    out.enumValues.emplace_back(e.GetString(), e.GetStringLength());
  }
  for (const Value& sub : value["fields"].GetArray())
    if (!readField(sub, out.subFields.emplace_back(), nullptr)) return false;
  if (defaultText != nullptr) *defaultText = text(value, "default");
  return value.HasMember("value") && readValue(value["value"], out.defaultValue);
}

}  // namespace

bool readDescription(const char* json, RulesetDescription& out) {
  rapidjson::Document document;
  if (document.Parse(json).HasParseError() || !document.IsObject()) return false;
  out.name = text(document, "name");
  out.sourceHash = text(document, "source_hash");
  out.zcVersion = text(document, "zc_version");
  out.schema.name = text(document, "record");
  if (!document.HasMember("key_field") || !document["key_field"].IsInt()) return false;
  out.schema.keyField = document["key_field"].GetInt();
  for (const char* list : {"clauses", "fields", "params"})
    if (!document.HasMember(list) || !document[list].IsArray()) return false;
  for (const Value& c : document["clauses"].GetArray())
    out.clauses.push_back({text(c, "id"), text(c, "source"), text(c, "beneficiary")});
  for (const Value& f : document["fields"].GetArray())
    if (!readField(f, out.schema.fields.emplace_back(), &out.fieldDefaults.emplace_back())) return false;
  for (const Value& p : document["params"].GetArray())
    if (!readField(p, out.params.emplace_back(), &out.paramDefaults.emplace_back())) return false;
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
