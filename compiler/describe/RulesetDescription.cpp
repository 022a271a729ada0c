#include "describe/RulesetDescription.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/SHA256.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "ir/Dependencies.h"
#include "ir/IrQueries.h"
#include "zc/zhengce.h"

namespace zc {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void writeString(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

std::string integerText(__int128 value) {
  char buf[ZC_DEC_FORMAT_SIZE];
  zc_dec whole{value, 1};
  zc_dec_format(&whole, 0, buf);
  return buf;
}

// A value exactly, for the library to read back: a decimal as its
// numerator and denominator, since 2000/3 has no finite decimal text.
void writeExact(Writer& w, const rt::Scalar& value) {
  w.StartObject();
  w.Key("i");
  w.Int64(value.i);
  writeString(w, "num", integerText(value.d.num));
  writeString(w, "den", integerText(value.d.den));
  writeString(w, "text", value.text);
  w.EndObject();
}

void writeValue(Writer& w, const rt::FieldSchema& field, const rt::Scalar& value) {
  // An optional field left out is absent, not a value: it has no default to show.
  if (field.optional) {
    w.Key("value");
    w.Null();
    w.Key("default");
    w.Null();
    return;
  }
  w.Key("value");
  writeExact(w, value);
  writeString(w, "default", field.kind == rt::Kind::Record || field.list ? "" : rt::formatScalar(field, value));
}

// A parameter's or field's declared range: as written ("range": "(0, ∞)"), and its
// bounds exactly, which the library checks a new value against.
void writeRange(Writer& w, const rt::ValueRange& range) {
  writeString(w, "range", range.text);
  w.Key("bounds");
  w.StartObject();
  for (auto [key, bound] : {std::pair{"lo", &range.lo}, std::pair{"hi", &range.hi}}) {
    w.Key(key);
    if (*bound)
      writeExact(w, **bound);
    else
      w.Null();
  }
  w.Key("lo_closed");
  w.Bool(range.loClosed);
  w.Key("hi_closed");
  w.Bool(range.hiClosed);
  w.EndObject();
}

// range: a parameter's declared values (a field's are its own); from: the date a dated parameter's value is in force
// from.
void writeField(Writer& w, const rt::FieldSchema& field, const rt::Scalar& value, const rt::ValueRange* range = nullptr,
                const std::string& from = "") {
  w.StartObject();
  writeString(w, "name", field.name);
  writeString(w, "type", rt::kindName(field.kind));
  writeString(w, "unit", field.unit);
  w.Key("list");
  w.Bool(field.list);
  w.Key("optional");
  w.Bool(field.optional);
  w.Key("required");
  w.Bool(field.required);
  w.Key("key");
  w.Bool(field.key);
  if (field.nonNegative) {
    w.Key("non_negative");
    w.Bool(true);
  }
  w.Key("enum");
  w.StartArray();
  for (const auto& v : field.enumValues) w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  w.EndArray();
  w.Key("fields");
  w.StartArray();
  for (const auto& sub : field.subFields) writeField(w, sub, sub.defaultValue);
  w.EndArray();
  writeValue(w, field, value);
  if (range != nullptr)
    writeRange(w, *range);
  else if (field.range)
    writeRange(w, *field.range);
  if (!from.empty()) writeString(w, "from", from);
  w.EndObject();
}

}  // namespace

RulesetIdentity identifyRuleset(std::string name, const std::vector<std::string_view>& sourceTexts) {
  llvm::SHA256 hash;
  for (std::string_view text : sourceTexts) {
    // Each text's length first, so moving bytes from one file to the next changes the hash.
    uint64_t length = text.size();
    hash.update(llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t*>(&length), sizeof length));
    hash.update(llvm::StringRef(text));
  }
  return {std::move(name), llvm::toHex(hash.final(), true), ZC_VERSION};
}

std::string describeRuleset(const ir::Program& program, const RulesetIdentity& identity) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  writeString(w, "name", identity.name);
  writeString(w, "source_hash", identity.sourceHash);
  writeString(w, "zc_version", identity.zcVersion);
  w.Key("abi_version");
  w.Int(ZHENGCE_ABI_VERSION);
  w.Key("clauses");
  w.StartArray();
  ir::DependencyAnalysis dependencies(program);
  for (const ir::Clause& c : program.clauses) {
    w.StartObject();
    writeString(w, "id", c.id);
    writeString(w, "source", c.source);
    writeString(w, "beneficiary", c.beneficiary);
    writeString(w, "kind", ir::resultKindName(c.kind));
    writeString(w, "policy", program.policies[c.policy].id);
    // A per-item clause (逐项): the list field whose items it pays.
    w.Key("item_list");
    if (c.itemList < 0)
      w.Null();
    else
      w.String(program.schema.fields[c.itemList].name.data(),
               static_cast<rapidjson::SizeType>(program.schema.fields[c.itemList].name.size()));
    // What its outcome reads (zc deps): the page groups the fields by it.
    const ir::ClauseDependencies& reads = dependencies.clause(static_cast<int>(&c - program.clauses.data()));
    for (auto [key, fields] :
         {std::pair{"fields", &reads.fields}, std::pair{"condition_fields", &reads.conditionFields}}) {
      w.Key(key);
      w.StartArray();
      for (int f : *fields) {
        const std::string& name = program.schema.fields[f].name;
        w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
      }
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("beneficiaries");
  w.StartArray();
  for (const rt::Beneficiary& b : program.beneficiaries) {
    w.StartObject();
    writeString(w, "name", b.name);
    writeString(w, "total_key", b.totalKey);
    w.EndObject();
  }
  w.EndArray();
  w.Key("policies");
  w.StartArray();
  for (const ir::Policy& p : program.policies) {
    w.StartObject();
    writeString(w, "id", p.id);
    writeString(w, "title", p.title);
    w.EndObject();
  }
  w.EndArray();
  // 资金池: what a library's settle phase needs (zhengce_pool_*).
  w.Key("pools");
  w.StartArray();
  for (const ir::Pool& pool : program.pools) {
    w.StartObject();
    writeString(w, "name", pool.name);
    writeString(w, "policy", program.policies[pool.policy].id);
    w.Key("clauses");
    w.StartArray();
    for (int32_t c : pool.members)
      w.String(program.clauses[c].id.data(), static_cast<rapidjson::SizeType>(program.clauses[c].id.size()));
    w.EndArray();
    w.Key("amount");
    writeExact(w, rt::Scalar{.d = pool.amount});
    w.Key("param");
    w.Int(pool.param);
    w.Key("param_scale");
    writeExact(w, rt::Scalar{.d = pool.paramScale});
    w.Key("pro_rata");
    w.Bool(pool.proRata);
    w.Key("order_field");
    w.Int(pool.orderField);
    w.EndObject();
  }
  w.EndArray();
  // 排名: what a library's ranking phase needs (zhengce_rank_*).
  w.Key("rankings");
  w.StartArray();
  for (const ir::Ranking& ranking : program.rankings) {
    w.StartObject();
    writeString(w, "name", ranking.name);
    writeString(w, "policy", program.policies[ranking.policy].id);
    w.Key("rank_field");
    w.Int(ranking.rankField);
    w.Key("keys");
    w.StartArray();
    for (size_t k = 0; k < ranking.keyFields.size(); ++k) {
      w.StartObject();
      w.Key("field");
      w.Int(ranking.keyFields[k]);
      w.Key("descending");
      w.Bool(ranking.descending[k] != 0);
      w.EndObject();
    }
    w.EndArray();
    w.Key("ties_all_in");
    w.Bool(ranking.tiesAllIn);
    w.EndObject();
  }
  w.EndArray();
  w.Key("fields");
  w.StartArray();
  for (const auto& field : program.schema.fields) writeField(w, field, field.defaultValue);
  w.EndArray();
  w.Key("key_field");
  w.Int(program.schema.keyField);
  writeString(w, "record", program.schema.name);
  w.Key("params");
  w.StartArray();
  for (const ir::Param& p : program.params) {
    rt::FieldSchema schema = p.schema;
    schema.name = p.name;
    writeField(w, schema, p.value, p.range ? &*p.range : nullptr, ir::dateFrom(p));
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace zc
