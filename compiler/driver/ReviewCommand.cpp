// zc review: the 兑现审核表 of every enterprise a batch pays, one HTML file
// to print, one sheet a page. Records are read as zc run reads them; each is
// evaluated and explained by the interpreter, as zc eval --explain does (only
// the interpreter records the trace a sheet's 计算依据 comes from).
#include <fmt/format.h>

#include <filesystem>

#include "driver/CommandInput.h"
#include "driver/Commands.h"
#include "driver/Provenance.h"
#include "interp/Interpreter.h"
#include "interp/ReviewSheet.h"
#include "io/OutputFile.h"
#include "load/Ruleset.h"
#include "zc/json_reader.h"

namespace zc {

namespace {

constexpr const char* kStyle = R"(<style>
  body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 2em; color: #111; }
  .sheet { break-after: page; page-break-after: always; margin-bottom: 3em; }
  .meta { display: grid; grid-template-columns: 1fr 1fr; gap: .3em 2em; margin-bottom: 1em; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #444; padding: .35em .5em; vertical-align: top; text-align: left; }
  .money { text-align: right; white-space: nowrap; }
  .basis { color: #444; font-size: .9em; margin-top: .3em; }
  .signatures { display: flex; justify-content: space-between; margin-top: 3em; }
  .note, .errors { font-size: .9em; }
  tr { break-inside: avoid; }
  @media print { body { margin: 0; } }
</style>
)";

}  // namespace

int runReview(const ReviewOptions& options) {
  auto compilation = loadPolicyRuleset(options.ruleset);
  if (!compilation) return 1;
  const ir::Program& program = compilation->ruleset.program;
  Interpreter interpreter(program);
  if (!applyParams(program, options.params, [&](int i, const rt::Scalar& v) { interpreter.setParam(i, v); })) return 1;
  std::string inputName;
  std::unique_ptr<RecordSource> source = openCommandInput(options.input, program.schema, inputName);
  if (!source) return 1;
  std::vector<ReadFile> reads;
  if (!options.input.input.empty() && options.input.input != "-")
    reads.push_back({options.input.input, "the input file"});
  for (ReadFile& file : rulesetFiles(compilation->sources)) reads.push_back(std::move(file));
  std::string problem;
  std::unique_ptr<OutputFile> out = OutputFile::open(options.output, reads, problem);
  if (!out) {
    fmt::print(stderr, "zc: {}\n", problem);
    return 1;
  }
  Provenance provenance = provenanceOf(*compilation);
  ReviewHeading heading{std::filesystem::path(options.ruleset).filename().string(), provenance.sourceHash,
                        provenance.zcVersion, provenance.runDate};
  int nameField = -1;
  for (size_t i = 0; i < program.schema.fields.size(); ++i) {
    const rt::FieldSchema& f = program.schema.fields[i];
    if (f.kind == rt::Kind::Text && !f.list && (f.name == "名称" || f.name == "企业名称"))
      nameField = static_cast<int>(i);
  }

  std::FILE* file = out->stream();
  fmt::print(file,
             "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>政策奖励兑现审核表 · "
             "{}</title>\n{}</head>\n<body>\n",
             htmlText(heading.rulesetName), kStyle);
  rt::JsonRecordReader reader(program.schema);
  RawRecords raw;
  std::string failures;
  size_t records = 0, sheets = 0, failed = 0;
  for (bool more = true; more;) {
    raw.clear();
    size_t count = 0;
    while (count < 1024 && (more = source->next(raw))) ++count;
    raw.pad();
    for (size_t i = 0; i < raw.size(); ++i) {
      ++records;
      // The terminal reads zc run's English; the sheet's table of failures Chinese where the problem is a value.
      std::string error = raw[i].problem, id = raw[i].id, sheetError = error;
      rt::Record record;
      if (error.empty()) {
        rt::DecodeOutcome decoded = reader.decode(raw.json(raw[i]), record);
        id = decoded.id;
        if (!decoded.ok) {
          error = decoded.describe();
          sheetError = decoded.describeInChinese();
        }
      }
      std::optional<Evaluation> evaluation;
      if (error.empty()) {
        evaluation = interpreter.evaluate(record, true);
        if (evaluation->error) {
          error = rt::formatEvalError(interpreter.resultTable(), *evaluation->error);
          sheetError = rt::chineseEvalError(interpreter.resultTable(), *evaluation->error);
        }
      }
      if (!error.empty()) {
        ++failed;
        fmt::print(stderr, "{}: {}{}\n", source->where(inputName, raw[i].line, error),
                   id.empty() ? "" : fmt::format("record {}: ", rt::printable(id)), rt::printable(error));
        failures += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", htmlText(id), raw[i].line,
                                htmlText(sheetError));
        continue;
      }
      // Only enterprises with an award, or a clause that needs a person, get a sheet.
      if (evaluation->result->awards.empty() && evaluation->result->errors.empty()) continue;
      ++sheets;
      std::string_view name = nameField >= 0 ? std::string_view(record.fields[nameField].scalar.text) : "";
      fmt::print(file, "{}", renderReviewSheet(compilation->sources, program, *evaluation, name, heading));
    }
  }
  if (!failures.empty())
    fmt::print(file,
               "<section class=\"failed\">\n<h2>未能计算的记录</h2>\n<table>\n<thead><tr><th>企业编号</th><th>行</th>"
               "<th>原因</th></tr></thead>\n<tbody>\n{}</tbody>\n</table>\n</section>\n",
               failures);
  fmt::print(file, "</body>\n</html>\n");
  if (!out->commit(problem)) {
    fmt::print(stderr, "zc: {}\n", problem);
    return 1;
  }
  fmt::print(stderr, "zc: {} review sheets for {} records{}\n", sheets, records,
             failed > 0 ? fmt::format(", {} records could not be evaluated", failed) : "");
  return failed > 0 ? 2 : 0;
}

}  // namespace zc
