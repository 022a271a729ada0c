#include "ParseFloor.h"

#include <simdjson.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace zc::bench {
namespace {

double processCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Every scalar is decoded as zc would need it (numbers as numbers, strings
// unescaped), so the floor does the parsing work and only that.
simdjson::error_code visit(simdjson::ondemand::value value, size_t& sink) {
  simdjson::ondemand::json_type type;
  if (auto error = value.type().get(type)) return error;
  switch (type) {
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object object;
      if (auto error = value.get_object().get(object)) return error;
      for (auto field : object) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) return error;
        sink += key.size();
        if (auto error = visit(field.value(), sink)) return error;
      }
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::array: {
      simdjson::ondemand::array array;
      if (auto error = value.get_array().get(array)) return error;
      for (auto element : array) {
        simdjson::ondemand::value inner;
        if (auto error = element.get(inner)) return error;
        if (auto error = visit(inner, sink)) return error;
      }
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::number: {
      simdjson::ondemand::number number;
      if (auto error = value.get_number().get(number)) return error;
      sink += static_cast<size_t>(number.get_number_type());
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::string: {
      std::string_view text;
      if (auto error = value.get_string().get(text)) return error;
      sink += text.size();
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::boolean: {
      bool flag = false;
      if (auto error = value.get_bool().get(flag)) return error;
      sink += flag;
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::null:
      sink += value.is_null().value_unsafe();
      return simdjson::SUCCESS;
  }
  return simdjson::INCORRECT_TYPE;
}

}  // namespace

std::optional<ParseFloor> measureParseFloor(const std::string& path, unsigned threads) {
  auto start = std::chrono::steady_clock::now();
  double cpuStart = processCpuSeconds();
  simdjson::padded_string text;
  if (simdjson::padded_string::load(path).get(text)) return std::nullopt;
  // Each thread takes a slice that ends at a line's end, as zc run's workers do.
  std::vector<size_t> cuts{0};
  for (unsigned t = 1; t < threads; ++t) {
    size_t at = text.size() * t / threads;
    while (at < text.size() && text.data()[at] != '\n') ++at;
    cuts.push_back(std::max(at, cuts.back()));
  }
  cuts.push_back(text.size());
  std::atomic<size_t> records{0};
  std::atomic<bool> failed{false};
  // What the visits read, kept so the compiler cannot drop them.
  std::atomic<size_t> checksum{0};
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      simdjson::ondemand::parser parser;
      simdjson::ondemand::document_stream stream;
      size_t from = cuts[t], size = cuts[t + 1] - from, sink = 0, count = 0;
      // iterate_many reads past the slice's end only into the padding that
      // the whole file's buffer has.
      if (parser.iterate_many(text.data() + from, size, 1 << 20).get(stream)) {
        failed = true;
        return;
      }
      for (auto document : stream) {
        simdjson::ondemand::value root;
        if (document.get_value().get(root) || visit(root, sink)) {
          failed = true;
          return;
        }
        ++count;
      }
      records += count;
      checksum += sink;
    });
  }
  for (std::thread& worker : workers) worker.join();
  if (failed) return std::nullopt;
  return ParseFloor{std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                    processCpuSeconds() - cpuStart, records.load(), checksum.load()};
}

}  // namespace zc::bench
