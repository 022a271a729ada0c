#include "driver/ResultSpill.h"

#include <algorithm>
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

}  // namespace

void spillResult(std::string& out, const rt::RecordResult& result) {
  put(out, kResult);
  putText(out, result.id);
  put(out, static_cast<uint32_t>(result.awards.size()));
  for (const rt::Award& a : result.awards) {
    putText(out, a.clause);
    putText(out, a.beneficiary);
    putText(out, a.payer);
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

SpillReader::SpillReader(std::FILE* in, const rt::ResultTable& table) : in_(in), buffer_(kBlock) {
  for (const auto& c : table.clauses) {
    names_.emplace(c.id, c.id);
    names_.emplace(c.beneficiary, c.beneficiary);
    if (!c.payer.empty()) names_.emplace(c.payer, c.payer);
  }
  for (const auto& b : table.beneficiaries) {
    names_.emplace(b.name, b.name);
    names_.emplace(b.totalKey, b.totalKey);
  }
}

std::string_view SpillReader::name(std::string_view text) const {
  auto found = names_.find(text);
  if (found == names_.end())
    throw std::runtime_error("the results held back for the 资金池 name what the ruleset does not");
  return found->second;
}

// Bytes from the file a block at a time: the rows are read back in many
// small pieces, which a read each would make the slowest part of the run.
bool SpillReader::read(void* to, size_t size) {
  auto* out = static_cast<char*>(to);
  while (size > 0) {
    if (at_ == end_) {
      at_ = 0;
      end_ = std::fread(buffer_.data(), 1, buffer_.size(), in_);
      if (end_ == 0) return false;
    }
    size_t n = std::min(size, end_ - at_);
    std::memcpy(out, buffer_.data() + at_, n);
    at_ += n;
    out += n;
    size -= n;
  }
  return true;
}

template <typename T>
T SpillReader::get() {
  T value;
  if (!read(&value, sizeof value)) throw std::runtime_error("the results held back for the 资金池 were cut short");
  return value;
}

void SpillReader::getText(std::string& text) {
  text.resize(get<uint64_t>());
  if (!read(text.data(), text.size())) throw std::runtime_error("the results held back for the 资金池 were cut short");
}

std::optional<std::string> SpillReader::getOptional() {
  if (get<uint8_t>() == 0) return std::nullopt;
  std::string text;
  getText(text);
  return text;
}

SpillReader::Row SpillReader::next() {
  uint8_t tag;
  if (!read(&tag, 1)) return Row::End;
  if (tag == kFailure) {
    getText(failedId_);
    failedLine_ = get<uint64_t>();
    getText(failedError_);
    return Row::Failure;
  }
  getText(result_.id);
  result_.awards.resize(get<uint32_t>());
  for (rt::Award& a : result_.awards) {
    getText(text_);
    a.clause = name(text_);
    getText(text_);
    a.beneficiary = name(text_);
    getText(text_);
    a.payer = text_.empty() ? std::string_view() : name(text_);  // empty: the clause names no 出资方
    auto flags = get<uint8_t>();
    a.hasAmount = flags & 1;
    a.manual = flags & 2;
    a.amount = get<zc_dec>();
    a.item = getOptional();
  }
  result_.totals.resize(get<uint32_t>());
  for (rt::Total& t : result_.totals) {
    getText(text_);
    t.key = name(text_);
    getText(text_);
    t.beneficiary = name(text_);
    t.amount = get<zc_dec>();
  }
  result_.errors.resize(get<uint32_t>());
  for (rt::ClauseError& e : result_.errors) {
    getText(text_);
    e.clause = name(text_);
    getText(e.message);
    e.item = getOptional();
  }
  return Row::Result;
}

}  // namespace zc
