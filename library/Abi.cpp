// The zhengce_* C ABI (zc/zhengce.h) over Evaluator and the embedded
// description. Every entry point catches everything: no C++ exception
// crosses into a C, Python or Java host.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

#include "Description.h"
#include "Evaluator.h"
#include "JsonlFile.h"
#include "zc/pool.h"
#include "zc/zhengce.h"

#define ZHENGCE_EXPORT extern "C" __attribute__((visibility("default")))

extern "C" const char zc_library_description[];

struct zhengce_evaluator {
  zc::library::Evaluator evaluator;
};

namespace {

using zc::library::embeddedDescription;

// A copy the caller frees with zhengce_free; NUL-terminated, with its length.
char* copyOut(std::string_view text, size_t* length) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  if (length != nullptr) *length = text.size();
  return copy;
}

zhengce_status fail(zhengce_status status, std::string_view message, char** error) {
  if (error != nullptr) *error = static_cast<char*>(std::malloc(message.size() + 1));
  if (error != nullptr && *error != nullptr) {
    std::memcpy(*error, message.data(), message.size());
    (*error)[message.size()] = '\0';
  }
  return status;
}

// Runs body, turning any exception into ZHENGCE_INTERNAL with its message.
template <typename Body>
zhengce_status guarded(char** error, Body body) {
  if (error != nullptr) *error = nullptr;
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(ZHENGCE_INTERNAL, "out of memory", error);
  } catch (const std::exception& e) {
    return fail(ZHENGCE_INTERNAL, std::string("internal error: ") + e.what(), error);
  } catch (...) {
    return fail(ZHENGCE_INTERNAL, "internal error", error);
  }
}

void describeValue(const zc::rt::FieldSchema& field, const std::string& defaultText, zhengce_value_info* out) {
  out->name = field.name.c_str();
  out->type = zc::rt::kindName(field.kind);
  out->unit = field.unit.c_str();
  out->default_text = defaultText.c_str();
}

}  // namespace

ZHENGCE_EXPORT int32_t zhengce_abi_version(void) { return ZHENGCE_ABI_VERSION; }
ZHENGCE_EXPORT const char* zhengce_description_json(void) { return zc_library_description; }

// The identity and description functions promise not to fail: if reading the
// embedded description ever threw, they give empty answers rather than crash.
#define ZHENGCE_DESCRIPTION_OR(fallback, expression) \
  try {                                              \
    return expression;                               \
  } catch (...) {                                    \
    return fallback;                                 \
  }

ZHENGCE_EXPORT const char* zhengce_ruleset_name(void){
    ZHENGCE_DESCRIPTION_OR("", embeddedDescription().name.c_str())} ZHENGCE_EXPORT const
    char* zhengce_source_hash(void){
        ZHENGCE_DESCRIPTION_OR("", embeddedDescription().sourceHash.c_str())} ZHENGCE_EXPORT const
    char* zhengce_zc_version(void){
        ZHENGCE_DESCRIPTION_OR("", embeddedDescription().zcVersion.c_str())} ZHENGCE_EXPORT int64_t
    zhengce_clause_count(void){
        ZHENGCE_DESCRIPTION_OR(0, static_cast<int64_t>(embeddedDescription().clauses.size()))} ZHENGCE_EXPORT int64_t
    zhengce_field_count(void){
        ZHENGCE_DESCRIPTION_OR(0,
                               static_cast<int64_t>(embeddedDescription().schema.fields.size()))} ZHENGCE_EXPORT int64_t
    zhengce_param_count(void){ZHENGCE_DESCRIPTION_OR(0, static_cast<int64_t>(embeddedDescription().params.size()))}

ZHENGCE_EXPORT zhengce_status zhengce_clause(int64_t index, zhengce_clause_info* out) {
  return guarded(nullptr, [&] {
    const auto& clauses = embeddedDescription().clauses;
    if (out == nullptr || index < 0 || index >= static_cast<int64_t>(clauses.size())) return ZHENGCE_BAD_ARGUMENT;
    *out = {clauses[index].id.c_str(), clauses[index].source.c_str(), clauses[index].beneficiary.c_str()};
    return ZHENGCE_OK;
  });
}

ZHENGCE_EXPORT zhengce_status zhengce_field(int64_t index, zhengce_value_info* out) {
  return guarded(nullptr, [&] {
    const auto& d = embeddedDescription();
    if (out == nullptr || index < 0 || index >= static_cast<int64_t>(d.schema.fields.size()))
      return ZHENGCE_BAD_ARGUMENT;
    describeValue(d.schema.fields[index], d.fieldDefaults[index], out);
    return ZHENGCE_OK;
  });
}

ZHENGCE_EXPORT zhengce_status zhengce_param(int64_t index, zhengce_value_info* out) {
  return guarded(nullptr, [&] {
    const auto& d = embeddedDescription();
    if (out == nullptr || index < 0 || index >= static_cast<int64_t>(d.params.size())) return ZHENGCE_BAD_ARGUMENT;
    describeValue(d.params[index], d.paramDefaults[index], out);
    return ZHENGCE_OK;
  });
}

ZHENGCE_EXPORT zhengce_status zhengce_evaluator_create(zhengce_evaluator** out, char** error) {
  return guarded(error, [&] {
    if (out == nullptr) return fail(ZHENGCE_BAD_ARGUMENT, "no place for the evaluator (out is NULL)", error);
    *out = nullptr;
    const auto& description = embeddedDescription();
    if (!description.ok)
      return fail(ZHENGCE_INTERNAL, "internal error: the library's description cannot be read", error);
    *out = new zhengce_evaluator{zc::library::Evaluator(description)};
    return ZHENGCE_OK;
  });
}

ZHENGCE_EXPORT zhengce_status zhengce_evaluator_set_param(zhengce_evaluator* evaluator, const char* name,
                                                          const char* value, char** error) {
  return guarded(error, [&] {
    if (evaluator == nullptr || name == nullptr || value == nullptr)
      return fail(ZHENGCE_BAD_ARGUMENT, "the evaluator, name and value must not be NULL", error);
    std::string problem = evaluator->evaluator.setParam(name, value);
    return problem.empty() ? ZHENGCE_OK : fail(ZHENGCE_BAD_PARAM, problem, error);
  });
}

ZHENGCE_EXPORT void zhengce_evaluator_destroy(zhengce_evaluator* evaluator) { delete evaluator; }

ZHENGCE_EXPORT zhengce_status zhengce_evaluate_json(zhengce_evaluator* evaluator, const char* json, size_t length,
                                                    char** result, size_t* result_length, char** error) {
  return guarded(error, [&] {
    if (evaluator == nullptr || (json == nullptr && length > 0) || result == nullptr)
      return fail(ZHENGCE_BAD_ARGUMENT, "the evaluator, record and result must not be NULL", error);
    *result = nullptr;
    std::string_view record(json != nullptr ? json : "", length);
    // One record is one line: line breaks inside it are JSON whitespace.
    std::string oneLine(record);
    for (char& c : oneLine)
      if (c == '\n' || c == '\r') c = ' ';
    std::string out;
    zc::rt::JsonLinesTally tally = evaluator->evaluator.evaluateLines(oneLine, 1, out);
    if (out.empty()) return fail(ZHENGCE_BAD_RECORD, "the record is empty", error);
    out.pop_back();  // the newline
    *result = copyOut(out, result_length);
    return tally.unreadable > 0 ? ZHENGCE_BAD_RECORD : tally.clauseErrors > 0 ? ZHENGCE_CLAUSE_ERRORS : ZHENGCE_OK;
  });
}

ZHENGCE_EXPORT zhengce_status zhengce_evaluate_jsonl_at(zhengce_evaluator* evaluator, const char* data, size_t length,
                                                        uint64_t first_line, char** output, size_t* output_length,
                                                        char** error) {
  return guarded(error, [&] {
    if (evaluator == nullptr || (data == nullptr && length > 0) || output == nullptr)
      return fail(ZHENGCE_BAD_ARGUMENT, "the evaluator, input and output must not be NULL", error);
    if (first_line == 0) return fail(ZHENGCE_BAD_ARGUMENT, "lines are numbered from 1 (first_line is 0)", error);
    *output = nullptr;
    std::string out;
    zc::rt::JsonLinesTally tally =
        evaluator->evaluator.evaluateLines(std::string_view(data != nullptr ? data : "", length), first_line, out);
    *output = copyOut(out, output_length);
    return tally.unreadable + tally.clauseErrors == 0 ? ZHENGCE_OK : ZHENGCE_BAD_RECORD;
  });
}

ZHENGCE_EXPORT zhengce_status zhengce_evaluate_jsonl(zhengce_evaluator* evaluator, const char* data, size_t length,
                                                     char** output, size_t* output_length, char** error) {
  return zhengce_evaluate_jsonl_at(evaluator, data, length, 1, output, output_length, error);
}

namespace {

// How much of a file zhengce_evaluate_jsonl_file evaluates at a time: as the Python package's blocks.
constexpr size_t kFileBlockBytes = 4 << 20;

}  // namespace

ZHENGCE_EXPORT zhengce_status zhengce_jsonl_file_part(const char* path, uint64_t start, uint64_t end, uint64_t* begin,
                                                      uint64_t* finish, uint64_t* lines, char** error) {
  return guarded(error, [&] {
    if (path == nullptr || begin == nullptr || finish == nullptr || lines == nullptr)
      return fail(ZHENGCE_BAD_ARGUMENT, "the path, begin, finish and lines must not be NULL", error);
    zc::library::InputFile input(path);
    zc::library::InputFile::Part part;
    if (!input.findPart(start, end, part)) return fail(ZHENGCE_BAD_ARGUMENT, input.problem(), error);
    *begin = part.begin;
    *finish = part.end;
    *lines = part.lines;
    return ZHENGCE_OK;
  });
}

ZHENGCE_EXPORT zhengce_status zhengce_evaluate_jsonl_file(zhengce_evaluator* evaluator, const char* input_path,
                                                          uint64_t start, uint64_t end, uint64_t first_line,
                                                          const char* output_path, uint64_t* results, char** error) {
  return guarded(error, [&] {
    if (evaluator == nullptr || input_path == nullptr || output_path == nullptr)
      return fail(ZHENGCE_BAD_ARGUMENT, "the evaluator, input path and output path must not be NULL", error);
    if (first_line == 0) return fail(ZHENGCE_BAD_ARGUMENT, "lines are numbered from 1 (first_line is 0)", error);
    if (results != nullptr) *results = 0;
    zc::library::InputFile input(input_path);
    zc::library::InputFile::Part part;
    if (!input.findPart(start, end, part)) return fail(ZHENGCE_BAD_ARGUMENT, input.problem(), error);
    if (input.isSameFile(output_path))
      return fail(ZHENGCE_BAD_ARGUMENT, std::string(output_path) + ": the output would overwrite the input", error);
    zc::library::OutputFile output(output_path);
    if (!output.problem().empty()) return fail(ZHENGCE_BAD_ARGUMENT, output.problem(), error);
    std::string rows;
    size_t written = 0, failed = 0;
    bool wrote = true;
    bool read = input.forEachBlock(part, first_line, kFileBlockBytes, [&](std::string_view text, uint64_t line) {
      if (!wrote) return;
      rows.clear();
      zc::rt::JsonLinesTally tally = evaluator->evaluator.evaluateLines(text, line, rows);
      written += tally.records;
      failed += tally.unreadable + tally.clauseErrors;
      wrote = output.write(rows);
    });
    if (!read) return fail(ZHENGCE_BAD_ARGUMENT, input.problem(), error);
    if (!wrote || !output.close()) return fail(ZHENGCE_BAD_ARGUMENT, output.problem(), error);
    if (results != nullptr) *results = written;
    return failed == 0 ? ZHENGCE_OK : ZHENGCE_BAD_RECORD;
  });
}

ZHENGCE_EXPORT zhengce_status zhengce_evaluate_batch(zhengce_evaluator* evaluator, const struct zc_batch* batch,
                                                     struct zc_batch_result* result, char** error) {
  return guarded(error, [&] {
    if (evaluator == nullptr || batch == nullptr || result == nullptr)
      return fail(ZHENGCE_BAD_ARGUMENT, "the evaluator, batch and result must not be NULL", error);
    std::string refused = evaluator->evaluator.evaluateBatch(batch, result);
    return refused.empty() ? ZHENGCE_OK : fail(ZHENGCE_BAD_RECORD, refused, error);
  });
}

ZHENGCE_EXPORT int64_t zhengce_pool_count(void) { return static_cast<int64_t>(embeddedDescription().pools.size()); }

ZHENGCE_EXPORT zhengce_status zhengce_pool(int64_t index, zhengce_pool_info* out) {
  const auto& pools = embeddedDescription().pools;
  if (out == nullptr || index < 0 || index >= static_cast<int64_t>(pools.size())) return ZHENGCE_BAD_ARGUMENT;
  out->name = pools[index].name.c_str();
  out->pro_rata = pools[index].proRata;
  out->ordered = pools[index].orderField >= 0;
  return ZHENGCE_OK;
}

ZHENGCE_EXPORT zhengce_status zhengce_pool_amount(zhengce_evaluator* evaluator, int64_t pool, int64_t* cents,
                                                  char** error) {
  return guarded(error, [&] {
    if (evaluator == nullptr || cents == nullptr || pool < 0 || pool >= zhengce_pool_count())
      return fail(ZHENGCE_BAD_ARGUMENT, "the evaluator and cents must not be NULL, and the pool must exist", error);
    zc_status status = evaluator->evaluator.poolCents(static_cast<size_t>(pool), *cents);
    if (status != ZC_OK)
      return fail(ZHENGCE_BAD_PARAM, std::string("the pool's amount cannot be paid out: ") + zc_status_message(status),
                  error);
    return ZHENGCE_OK;
  });
}

namespace {

// Whether places given for `records` records are given: a ruleset without a 排名 needs none.
bool placesGiven(const int64_t* places, size_t records) {
  return places != nullptr || records == 0 || zhengce_ranking_count() == 0;
}

zhengce_status poolClaims(zhengce_evaluator* evaluator, const char* data, size_t length, uint64_t first_line,
                          const int64_t* places, size_t records, int64_t** claims, size_t* count, char** error) {
  if (evaluator == nullptr || (data == nullptr && length > 0) || claims == nullptr || count == nullptr ||
      !placesGiven(places, records))
    return fail(ZHENGCE_BAD_ARGUMENT, "the evaluator, input, places, claims and count must not be NULL", error);
  if (first_line == 0) return fail(ZHENGCE_BAD_ARGUMENT, "lines are numbered from 1 (first_line is 0)", error);
  *claims = nullptr;
  *count = 0;
  std::vector<zc::rt::PoolClaim> found;
  std::string problem;
  if (evaluator->evaluator.poolClaims(std::string_view(data != nullptr ? data : "", length), first_line, places,
                                      records, found, problem) != zc::library::Evaluator::Part::Done)
    return fail(ZHENGCE_BAD_ARGUMENT, "the places given are not for as many records as these lines hold", error);
  if (!problem.empty()) return fail(ZHENGCE_BAD_RECORD, problem, error);
  auto* flat = static_cast<int64_t*>(std::malloc(sizeof(int64_t) * 3 * (found.size() > 0 ? found.size() : 1)));
  if (flat == nullptr) throw std::bad_alloc();
  for (size_t i = 0; i < found.size(); ++i) {
    flat[3 * i] = found[i].pool;
    flat[3 * i + 1] = found[i].cents;
    flat[3 * i + 2] = found[i].key;
  }
  *claims = flat;
  *count = found.size();
  return ZHENGCE_OK;
}

}  // namespace

ZHENGCE_EXPORT zhengce_status zhengce_pool_claims_at(zhengce_evaluator* evaluator, const char* data, size_t length,
                                                     uint64_t first_line, int64_t** claims, size_t* count,
                                                     char** error) {
  return guarded(error,
                 [&] { return poolClaims(evaluator, data, length, first_line, nullptr, 0, claims, count, error); });
}

ZHENGCE_EXPORT zhengce_status zhengce_pool_claims_ranked_at(zhengce_evaluator* evaluator, const char* data,
                                                            size_t length, uint64_t first_line, const int64_t* places,
                                                            size_t records, int64_t** claims, size_t* count,
                                                            char** error) {
  return guarded(
      error, [&] { return poolClaims(evaluator, data, length, first_line, places, records, claims, count, error); });
}

ZHENGCE_EXPORT zhengce_status zhengce_pool_claims(zhengce_evaluator* evaluator, const char* data, size_t length,
                                                  int64_t** claims, size_t* count, char** error) {
  return zhengce_pool_claims_at(evaluator, data, length, 1, claims, count, error);
}

ZHENGCE_EXPORT zhengce_status zhengce_pool_settle(const int64_t* asked, const int64_t* keys, size_t count, int64_t pool,
                                                  int32_t pro_rata, int64_t* granted) {
  if ((asked == nullptr || granted == nullptr) && count > 0) return ZHENGCE_BAD_ARGUMENT;
  zc_status status = zc_pool_settle(asked, keys, count, pool, pro_rata, granted);
  return status == ZC_OK ? ZHENGCE_OK : status == ZC_ERR_NO_MEMORY ? ZHENGCE_INTERNAL : ZHENGCE_BAD_ARGUMENT;
}

namespace {

zhengce_status evaluateSettled(zhengce_evaluator* evaluator, const char* data, size_t length, uint64_t first_line,
                               const int64_t* places, size_t records, const int64_t* const* granted,
                               const size_t* counts, size_t* used, char** output, size_t* output_length, char** error) {
  int64_t pools = zhengce_pool_count();
  if (evaluator == nullptr || (data == nullptr && length > 0) || output == nullptr ||
      ((granted == nullptr || counts == nullptr) && pools > 0) || !placesGiven(places, records))
    return fail(ZHENGCE_BAD_ARGUMENT,
                "the evaluator, input, places, granted amounts, their counts and output must not be NULL", error);
  if (first_line == 0) return fail(ZHENGCE_BAD_ARGUMENT, "lines are numbered from 1 (first_line is 0)", error);
  *output = nullptr;
  zc::rt::PoolLayout::Shares shares;
  for (int64_t p = 0; p < pools; ++p) {
    if (granted[p] == nullptr && counts[p] > 0) return fail(ZHENGCE_BAD_ARGUMENT, "a pool's shares are NULL", error);
    shares.emplace_back(granted[p], counts[p]);
  }
  std::string out;
  std::vector<size_t> taken;
  zc::rt::JsonLinesTally tally;
  switch (evaluator->evaluator.evaluateSettled(std::string_view(data != nullptr ? data : "", length), first_line,
                                               places, records, shares, taken, out, tally)) {
    case zc::library::Evaluator::Part::PlacesMismatch:
      return fail(ZHENGCE_BAD_ARGUMENT, "the places given are not for as many records as these lines hold", error);
    case zc::library::Evaluator::Part::SharesShort:
      return fail(ZHENGCE_BAD_ARGUMENT, "these records claim more of a pool than the shares given for them", error);
    case zc::library::Evaluator::Part::Done:
      break;
  }
  if (used != nullptr) std::copy(taken.begin(), taken.end(), used);
  *output = copyOut(out, output_length);
  return tally.unreadable + tally.clauseErrors == 0 ? ZHENGCE_OK : ZHENGCE_BAD_RECORD;
}

}  // namespace

ZHENGCE_EXPORT zhengce_status zhengce_evaluate_jsonl_settled_at(zhengce_evaluator* evaluator, const char* data,
                                                                size_t length, uint64_t first_line,
                                                                const int64_t* const* granted, const size_t* counts,
                                                                size_t* used, char** output, size_t* output_length,
                                                                char** error) {
  return guarded(error, [&] {
    return evaluateSettled(evaluator, data, length, first_line, nullptr, 0, granted, counts, used, output,
                           output_length, error);
  });
}

ZHENGCE_EXPORT zhengce_status zhengce_evaluate_jsonl_ranked_settled_at(
    zhengce_evaluator* evaluator, const char* data, size_t length, uint64_t first_line, const int64_t* places,
    size_t records, const int64_t* const* granted, const size_t* counts, size_t* used, char** output,
    size_t* output_length, char** error) {
  return guarded(error, [&] {
    return evaluateSettled(evaluator, data, length, first_line, places, records, granted, counts, used, output,
                           output_length, error);
  });
}

ZHENGCE_EXPORT zhengce_status zhengce_evaluate_jsonl_settled(zhengce_evaluator* evaluator, const char* data,
                                                             size_t length, const int64_t* const* granted,
                                                             const size_t* counts, char** output, size_t* output_length,
                                                             char** error) {
  return zhengce_evaluate_jsonl_settled_at(evaluator, data, length, 1, granted, counts, nullptr, output, output_length,
                                           error);
}

ZHENGCE_EXPORT int64_t zhengce_ranking_count(void) {
  return static_cast<int64_t>(embeddedDescription().rankings.size());
}

ZHENGCE_EXPORT zhengce_status zhengce_ranking(int64_t index, zhengce_ranking_info* out) {
  const auto& rankings = embeddedDescription().rankings;
  if (out == nullptr || index < 0 || index >= static_cast<int64_t>(rankings.size())) return ZHENGCE_BAD_ARGUMENT;
  out->name = rankings[index].name.c_str();
  out->key_count = static_cast<int32_t>(rankings[index].keyFields.size());
  out->ties_all_in = rankings[index].tiesAllIn;
  return ZHENGCE_OK;
}

ZHENGCE_EXPORT size_t zhengce_rank_key_size(void) { return zc::rt::rankKeyBytes(embeddedDescription().rankings); }

ZHENGCE_EXPORT zhengce_status zhengce_rank_keys_at(zhengce_evaluator* evaluator, const char* data, size_t length,
                                                   uint64_t first_line, unsigned char** keys, size_t* records,
                                                   char** error) {
  return guarded(error, [&] {
    if (evaluator == nullptr || (data == nullptr && length > 0) || keys == nullptr || records == nullptr)
      return fail(ZHENGCE_BAD_ARGUMENT, "the evaluator, input, keys and records must not be NULL", error);
    if (first_line == 0) return fail(ZHENGCE_BAD_ARGUMENT, "lines are numbered from 1 (first_line is 0)", error);
    *keys = nullptr;
    *records = 0;
    std::string found;
    size_t count =
        evaluator->evaluator.rankKeys(std::string_view(data != nullptr ? data : "", length), first_line, found);
    size_t ignored = 0;
    *keys = reinterpret_cast<unsigned char*>(copyOut(found, &ignored));
    *records = count;
    return ZHENGCE_OK;
  });
}

ZHENGCE_EXPORT zhengce_status zhengce_rank_keys(zhengce_evaluator* evaluator, const char* data, size_t length,
                                                unsigned char** keys, size_t* records, char** error) {
  return zhengce_rank_keys_at(evaluator, data, length, 1, keys, records, error);
}

ZHENGCE_EXPORT zhengce_status zhengce_rank_settle(const unsigned char* keys, size_t records, int64_t* places) {
  if ((keys == nullptr || places == nullptr) && records > 0) return ZHENGCE_BAD_ARGUMENT;
  try {
    zc::rt::placesOfRankKeys(embeddedDescription().rankings, keys, records, places);
  } catch (const std::bad_alloc&) {
    return ZHENGCE_INTERNAL;
  }
  return ZHENGCE_OK;
}

ZHENGCE_EXPORT zhengce_status zhengce_evaluate_jsonl_ranked_at(zhengce_evaluator* evaluator, const char* data,
                                                               size_t length, uint64_t first_line,
                                                               const int64_t* places, size_t records, char** output,
                                                               size_t* output_length, char** error) {
  return guarded(error, [&] {
    if (evaluator == nullptr || (data == nullptr && length > 0) || output == nullptr ||
        (places == nullptr && records > 0 && zhengce_ranking_count() > 0))
      return fail(ZHENGCE_BAD_ARGUMENT, "the evaluator, input, places and output must not be NULL", error);
    if (first_line == 0) return fail(ZHENGCE_BAD_ARGUMENT, "lines are numbered from 1 (first_line is 0)", error);
    *output = nullptr;
    std::string out;
    zc::rt::JsonLinesTally tally;
    if (!evaluator->evaluator.evaluateRanked(std::string_view(data != nullptr ? data : "", length), first_line, places,
                                             records, out, tally))
      return fail(ZHENGCE_BAD_ARGUMENT, "the places given are not for as many records as these lines hold", error);
    *output = copyOut(out, output_length);
    return tally.unreadable + tally.clauseErrors == 0 ? ZHENGCE_OK : ZHENGCE_BAD_RECORD;
  });
}

ZHENGCE_EXPORT zhengce_status zhengce_evaluate_jsonl_ranked(zhengce_evaluator* evaluator, const char* data,
                                                            size_t length, const int64_t* places, size_t records,
                                                            char** output, size_t* output_length, char** error) {
  return zhengce_evaluate_jsonl_ranked_at(evaluator, data, length, 1, places, records, output, output_length, error);
}

ZHENGCE_EXPORT void zhengce_free(void* pointer) { std::free(pointer); }
