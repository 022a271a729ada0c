#include "driver/RankedInput.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "driver/HeldRecord.h"

namespace zc {

namespace {
constexpr size_t kBatch = 4096;

void put(std::string& out, uint64_t value) { out.append(reinterpret_cast<const char*>(&value), sizeof value); }
void put(std::string& out, std::string_view text) {
  put(out, static_cast<uint64_t>(text.size()));
  out.append(text);
}
}  // namespace

RankedInput::RankedInput(RecordSource& source, const rt::RecordSchema& schema, const std::string& inputName,
                         rt::RankTable& ranks)
    : source_(source), held_(std::tmpfile(), &std::fclose) {
  if (!held_)
    throw std::runtime_error(fmt::format("cannot make a temporary file for the 排名: {}", std::strerror(errno)));
  note_ = source.note();
  rt::JsonRecordReader reader(schema);
  rt::Record record;
  RawRecords batch;
  std::set<int> warned;
  uint64_t ordinal = 0;
  for (bool more = true; more;) {
    batch.clear();
    size_t count = 0;
    while (count < kBatch && (more = source_.next(batch))) ++count;
    batch.pad();
    buffer_.clear();
    for (size_t i = 0; i < count; ++i, ++ordinal) {
      const RawRecord& raw = batch[i];
      rt::DecodeOutcome decoded;
      if (raw.problem.empty()) decoded = reader.decodeInPlace(batch.json(raw), record);
      bool ok = raw.problem.empty() && decoded.ok;
      hold(raw, ok ? &record : nullptr, decoded, batch.json(raw));
      if (ok)
        for (const rt::RankingSpec& ranking : ranks.rankings())
          if (record.fields[ranking.rankField].present && warned.insert(ranking.rankField).second)
            fmt::print(stderr,
                       "{}: warning: field '{}' is the rank zc run computes; the input's values are replaced (reported "
                       "once)\n",
                       source_.where(inputName, raw.line, ""), ranking.name);
      ranks.add(ordinal, ok ? &record : nullptr);
    }
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), held_.get()) != buffer_.size())
      throw std::runtime_error(fmt::format("cannot hold the records back for the 排名: {}", std::strerror(errno)));
  }
  ranks.rank();
  if (std::fflush(held_.get()) != 0 || std::fseek(held_.get(), 0, SEEK_SET) != 0)
    throw std::runtime_error(fmt::format("cannot read back the records held for the 排名: {}", std::strerror(errno)));
}

// Each record as line, problem, id and what HeldRecord.h holds of it: the
// record decoded, or where it could not be, its JSON text.
void RankedInput::hold(const RawRecord& raw, const rt::Record* record, const rt::DecodeOutcome& decoded,
                       std::string_view json) {
  put(buffer_, static_cast<uint64_t>(raw.line));
  put(buffer_, raw.problem);
  put(buffer_, raw.id);
  heldRecord_.clear();
  if (record != nullptr)
    holdDecoded(*record, decoded, heldRecord_);
  else
    holdText(json, heldRecord_);
  put(buffer_, heldRecord_);
}

bool RankedInput::read(void* to, size_t size) {
  if (size == 0) return true;
  if (std::fread(to, 1, size, held_.get()) == size) return true;
  throw std::runtime_error("the records held back for the 排名 were cut short");
}

bool RankedInput::next(RawRecords& records) {
  uint64_t line = 0;
  if (std::fread(&line, 1, sizeof line, held_.get()) != sizeof line) return false;
  auto text = [&](std::string& out) {
    uint64_t size = 0;
    read(&size, sizeof size);
    out.resize(size);
    read(out.data(), size);
  };
  RawRecord& raw = records.add();
  raw.line = line;
  text(raw.problem);
  text(raw.id);
  uint64_t size = 0;
  read(&size, sizeof size);
  std::string& all = records.text();
  size_t at = all.size();
  all.resize(at + size);
  read(all.data() + at, size);
  return true;
}

}  // namespace zc
