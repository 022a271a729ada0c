#include "driver/ResultSpill.h"

#include <cstring>
#include <stdexcept>

namespace zc {

namespace {

enum Tag : uint8_t { kResult = 1, kFailure = 2 };

template <typename T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}
void putText(std::string& out, std::string_view text) {
  put(out, static_cast<uint64_t>(text.size()));
  out.append(text);
}
void putOptional(std::string& out, const std::optional<std::string>& text) {
  put(out, static_cast<uint8_t>(text.has_value()));
  if (text) putText(out, *text);
}

template <typename T>
T get(std::FILE* in) {
  T value;
  if (std::fread(&value, sizeof value, 1, in) != 1) throw std::runtime_error("the results held back for the 资金池 were cut short");
  return value;
}
void getText(std::FILE* in, std::string& text) {
  text.resize(get<uint64_t>(in));
  if (!text.empty() && std::fread(text.data(), 1, text.size(), in) != text.size())
    throw std::runtime_error("the results held back for the 资金池 were cut short");
}
std::optional<std::string> getOptional(std::FILE* in) {
  if (get<uint8_t>(in) == 0) return std::nullopt;
  std::string text;
  getText(in, text);
  return text;
}

}  // namespace

void spillResult(std::string& out, const rt::RecordResult& result) {
  put(out, kResult);
  putText(out, result.id);
  put(out, static_cast<uint32_t>(result.awards.size()));
  for (const rt::Award& a : result.awards) {
    putText(out, a.clause);
    putText(out, a.beneficiary);
    put(out, static_cast<uint8_t>(a.hasAmount | a.manual << 1));
    put(out, a.amount);
    putOptional(out, a.item);
  }
  put(out, static_cast<uint32_t>(result.totals.size()));
  for (const rt::Total& t : result.totals) {
    putText(out, t.key);
    putText(out, t.beneficiary);
    put(out, t.amount);
  }
  put(out, static_cast<uint32_t>(result.errors.size()));
  for (const rt::ClauseError& e : result.errors) {
    putText(out, e.clause);
    putText(out, e.message);
    putOptional(out, e.item);
  }
}

void spillFailure(std::string& out, const rt::FailedRecord& failed) {
  put(out, kFailure);
  putText(out, failed.id);
  put(out, static_cast<uint64_t>(failed.line));
  putText(out, failed.error);
}

SpillReader::SpillReader(std::FILE* in, const rt::ResultTable& table) : in_(in) {
  for (const auto& c : table.clauses) {
    names_.emplace(c.id, c.id);
    names_.emplace(c.beneficiary, c.beneficiary);
  }
  for (const auto& b : table.beneficiaries) {
    names_.emplace(b.name, b.name);
    names_.emplace(b.totalKey, b.totalKey);
  }
}

std::string_view SpillReader::name(std::string_view text) const {
  auto found = names_.find(text);
  if (found == names_.end()) throw std::runtime_error("the results held back for the 资金池 name what the ruleset does not");
  return found->second;
}

SpillReader::Row SpillReader::next() {
  int tag = std::fgetc(in_);
  if (tag == EOF) return Row::End;
  if (tag == kFailure) {
    getText(in_, failedId_);
    failedLine_ = get<uint64_t>(in_);
    getText(in_, failedError_);
    return Row::Failure;
  }
  getText(in_, result_.id);
  result_.awards.resize(get<uint32_t>(in_));
  for (rt::Award& a : result_.awards) {
    getText(in_, text_);
    a.clause = name(text_);
    getText(in_, text_);
    a.beneficiary = name(text_);
    auto flags = get<uint8_t>(in_);
    a.hasAmount = flags & 1;
    a.manual = flags & 2;
    a.amount = get<zc_dec>(in_);
    a.item = getOptional(in_);
  }
  result_.totals.resize(get<uint32_t>(in_));
  for (rt::Total& t : result_.totals) {
    getText(in_, text_);
    t.key = name(text_);
    getText(in_, text_);
    t.beneficiary = name(text_);
    t.amount = get<zc_dec>(in_);
  }
  result_.errors.resize(get<uint32_t>(in_));
  for (rt::ClauseError& e : result_.errors) {
    getText(in_, text_);
    e.clause = name(text_);
    getText(in_, e.message);
    e.item = getOptional(in_);
  }
  return Row::Result;
}

}  // namespace zc
