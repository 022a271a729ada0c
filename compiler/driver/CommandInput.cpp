#include "driver/CommandInput.h"

#include <fmt/format.h>
#include <unistd.h>

namespace zc {

std::unique_ptr<RecordSource> openCommandInput(const InputOptions& options, const rt::RecordSchema& schema,
                                               std::string& name) {
  InputSpec spec{options.input.empty() ? "-" : options.input, options.inputFormat, options.encoding, options.sheet};
  // No --input: the records come on standard input, unless that is a terminal.
  if (options.input.empty() && ::isatty(STDIN_FILENO)) {
    fmt::print(
        stderr,
        "zc: no records: name a file with --input, or give them on standard input (zc run RULES < records.jsonl)\n");
    return nullptr;
  }
  name = spec.path == "-" ? "<stdin>" : spec.path;
  std::string problem;
  std::unique_ptr<RecordSource> source = openRecordSource(spec, schema, problem);
  if (!source) {
    fmt::print(stderr, "{}: {}\n", name, problem);
    return nullptr;
  }
  if (!source->note().empty()) fmt::print(stderr, "{}: note: {}\n", name, source->note());
  return source;
}

}  // namespace zc
