#include "driver/RecordSource.h"

#include <fmt/format.h>

#include "zc/csv.h"

namespace zc {

namespace {

class JsonLinesSource : public RecordSource {
 public:
  explicit JsonLinesSource(std::istream& in) : in_(in) {}
  bool next(std::string& json, size_t& line, std::string&) override {
    while (std::getline(in_, json)) {
      bytes_ += json.size() + 1;
      line = ++line_;
      if (json.find_first_not_of(" \t\r") != std::string::npos) return true;
    }
    return false;
  }
  uint64_t bytesRead() const override { return bytes_; }

 private:
  std::istream& in_;
  size_t line_ = 0;
  uint64_t bytes_ = 0;
};

class CsvSource : public RecordSource {
 public:
  CsvSource(std::istream& in, const rt::RecordSchema& schema) : in_(in), reader_(in), schema_(schema) {}
  bool readHeader(std::string& problem) {
    size_t line;
    if (!reader_.readRow(header_, line, problem) || !problem.empty()) {
      if (problem.empty()) problem = "the CSV input has no header row of field names";
      return false;
    }
    return true;
  }
  bool next(std::string& json, size_t& line, std::string& problem) override {
    if (!reader_.readRow(cells_, line, problem)) return false;
    if (problem.empty() && cells_.size() > header_.size())
      problem = fmt::format("the row has {} cells, the header {}", cells_.size(), header_.size());
    if (problem.empty()) json = rt::csvRowToJson(schema_, header_, cells_);
    return true;
  }
  uint64_t bytesRead() const override {
    auto position = in_.tellg();
    return position < 0 ? 0 : static_cast<uint64_t>(position);
  }

 private:
  std::istream& in_;
  rt::CsvReader reader_;
  const rt::RecordSchema& schema_;
  std::vector<std::string> header_, cells_;
};

}  // namespace

std::unique_ptr<RecordSource> jsonLinesSource(std::istream& in) { return std::make_unique<JsonLinesSource>(in); }

std::unique_ptr<RecordSource> csvSource(std::istream& in, const rt::RecordSchema& schema, std::string& problem) {
  auto source = std::make_unique<CsvSource>(in, schema);
  if (!source->readHeader(problem)) return nullptr;
  return source;
}

}  // namespace zc
