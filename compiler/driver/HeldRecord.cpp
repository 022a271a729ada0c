#include "driver/HeldRecord.h"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace zc {

namespace {

// The first byte of a held record: which form follows.
constexpr char kDecoded = 'R', kText = 'J';

// A scalar's members that differ from a fresh Scalar's, so that most take a
// byte and the member their kind uses; and a field's parts that are there,
// so that a field takes a byte and its scalar.
enum : uint8_t { kHasInt = 1, kHasDec = 2, kHasText = 4 };
enum : uint8_t { kPresent = 1, kHasList = 2, kHasRows = 4 };

void put(std::string& out, const void* value, size_t size) { out.append(static_cast<const char*>(value), size); }
// Seven bits a byte, the last byte's high bit clear: a count below 128 is a byte.
void putCount(std::string& out, uint64_t count) {
  for (; count >= 0x80; count >>= 7) out += static_cast<char>(count | 0x80);
  out += static_cast<char>(count);
}
void putText(std::string& out, std::string_view text) {
  putCount(out, text.size());
  out.append(text);
}

void putScalar(std::string& out, const rt::Scalar& value) {
  const zc_dec fresh{};
  uint8_t has = (value.i != 0 ? kHasInt : 0) | (value.d.num != fresh.num || value.d.den != fresh.den ? kHasDec : 0) |
                (!value.text.empty() ? kHasText : 0);
  put(out, &has, 1);
  if (has & kHasInt) put(out, &value.i, sizeof value.i);
  if (has & kHasDec) put(out, &value.d, sizeof value.d);
  if (has & kHasText) putText(out, value.text);
}

void putScalars(std::string& out, const std::vector<rt::Scalar>& values) {
  putCount(out, values.size());
  for (const rt::Scalar& v : values) putScalar(out, v);
}

// Reads what put wrote, in order; a held record is this process's own bytes,
// so running short is a logic error.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}
  void get(void* to, size_t size) {
    if (size > bytes_.size()) throw std::logic_error("a record held for the 排名 was cut short");
    std::memcpy(to, bytes_.data(), size);
    bytes_.remove_prefix(size);
  }
  uint64_t count() {
    uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
      uint8_t byte = 0;
      get(&byte, 1);
      if (shift > 63) throw std::logic_error("a record held for the 排名 is not one this process wrote");
      value |= static_cast<uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
  }
  void text(std::string& out) {
    uint64_t size = count();
    if (size > bytes_.size()) throw std::logic_error("a record held for the 排名 was cut short");
    out.assign(bytes_.data(), size);
    bytes_.remove_prefix(size);
  }
  void scalar(rt::Scalar& out) {
    uint8_t has = 0;
    get(&has, 1);
    out.i = 0;
    out.d = zc_dec{};
    out.text.clear();
    if (has & kHasInt) get(&out.i, sizeof out.i);
    if (has & kHasDec) get(&out.d, sizeof out.d);
    if (has & kHasText) text(out.text);
  }
  void scalars(std::vector<rt::Scalar>& out) {
    out.resize(count());
    for (rt::Scalar& v : out) scalar(v);
  }

 private:
  std::string_view bytes_;
};

}  // namespace

void holdDecoded(const rt::Record& record, const rt::DecodeOutcome& outcome, std::string& out) {
  out += kDecoded;
  putText(out, outcome.id);
  putCount(out, outcome.unknownFields.size());
  for (const std::string& field : outcome.unknownFields) putText(out, field);
  putText(out, record.id);
  putCount(out, record.fields.size());
  for (const rt::FieldValue& field : record.fields) {
    uint8_t has =
        (field.present ? kPresent : 0) | (!field.list.empty() ? kHasList : 0) | (!field.rows.empty() ? kHasRows : 0);
    put(out, &has, 1);
    putScalar(out, field.scalar);
    if (has & kHasList) putScalars(out, field.list);
    if (!(has & kHasRows)) continue;
    putCount(out, field.rows.size());
    for (const rt::SubRecord& row : field.rows) {
      putScalars(out, row.values);
      putCount(out, row.present.size());
      put(out, row.present.data(), row.present.size());
    }
  }
}

void holdText(std::string_view json, std::string& out) {
  out += kText;
  out.append(json);
}

rt::DecodeOutcome HeldRecordReader::read(std::string_view held, rt::Record& out) {
  if (held.empty() || held[0] != kDecoded) return json_.decode(held.empty() ? held : held.substr(1), out);
  Cursor in(held.substr(1));
  rt::DecodeOutcome outcome;
  outcome.ok = true;
  in.text(outcome.id);
  outcome.unknownFields.resize(in.count());
  for (std::string& field : outcome.unknownFields) in.text(field);
  in.text(out.id);
  out.fields.resize(in.count());
  for (rt::FieldValue& field : out.fields) {
    uint8_t has = 0;
    in.get(&has, 1);
    field.present = (has & kPresent) != 0;
    in.scalar(field.scalar);
    if (has & kHasList)
      in.scalars(field.list);
    else
      field.list.clear();
    field.rows.resize(has & kHasRows ? in.count() : 0);
    for (rt::SubRecord& row : field.rows) {
      in.scalars(row.values);
      row.present.resize(in.count());
      in.get(row.present.data(), row.present.size());
    }
  }
  return outcome;
}

}  // namespace zc
