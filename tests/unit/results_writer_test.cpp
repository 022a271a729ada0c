// Tests of the result writers behind `zc run --format jsonl|csv|table`: a
// record's result with its clause errors, and the row of a record that has
// none (docs/results.md).
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "io/ResultSink.h"
#include "zc/results.h"

using namespace zc;

namespace {

zc_dec yuan(int64_t amount) { return {amount, 1}; }

rt::RecordResult paidResult() {
  rt::RecordResult result;
  result.id = "E1";
  result.awards = {{.clause = "CJ-B-3", .beneficiary = "企业", .hasAmount = true, .amount = yuan(300000)},
                   {.clause = "CJ-Q-6", .beneficiary = "园区", .hasAmount = true, .amount = yuan(12)}};
  result.totals = {{.key = "total_enterprise", .beneficiary = "企业", .amount = yuan(300000)},
                   {.key = "total_park", .beneficiary = "园区", .amount = yuan(12)}};
  return result;
}

// One clause paid, another failed at run time.
rt::RecordResult partlyFailedResult() {
  rt::RecordResult result;
  result.id = "E3";
  result.awards = {{.clause = "CJ-B-3", .beneficiary = "企业", .hasAmount = true, .amount = yuan(50000)}};
  result.totals = {{.key = "total_enterprise", .beneficiary = "企业", .amount = yuan(50000)},
                   {.key = "total_park", .beneficiary = "园区", .amount = 0}};
  result.errors = {{.clause = "CJ-B-6", .message = "rules.zc:12:5: division by zero"},
                   {.clause = "CJ-Q-6", .message = "rules.zc:30:9: arithmetic overflow, \"big\""}};
  return result;
}

const rt::FailedRecord kBadField{"E2", 12, "field 营业收入: expected a number in 万元, found the text \"a,b\""};
const rt::FailedRecord kUnreadable{"", 13, "invalid JSON: text after the object"};

// What `write` puts into a FILE.
template <typename Write>
std::string captured(Write write) {
  char* text = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&text, &size);
  write(out);
  std::fclose(out);
  std::string result(text, size);
  std::free(text);
  return result;
}

// Everything a sink writes for one chunk holding a result and two failures.
std::string written(std::string_view format) {
  return captured([&](std::FILE* out) {
    std::unique_ptr<ResultSink> sink = makeResultSink(format);
    sink->writeHeader(out);
    std::unique_ptr<ResultSink::Buffer> buffer = sink->newBuffer();
    sink->addResult(*buffer, paidResult());
    sink->addFailure(*buffer, kBadField);
    sink->addFailure(*buffer, kUnreadable);
    sink->write(out, *buffer);
    sink->writeEnd(out);
  });
}

// Everything a sink writes for a result with clause errors.
std::string writtenWithClauseErrors(std::string_view format) {
  return captured([&](std::FILE* out) {
    std::unique_ptr<ResultSink> sink = makeResultSink(format);
    sink->writeHeader(out);
    std::unique_ptr<ResultSink::Buffer> buffer = sink->newBuffer();
    sink->addResult(*buffer, partlyFailedResult());
    sink->write(out, *buffer);
    sink->writeEnd(out);
  });
}

}  // namespace

TEST_CASE("jsonl: a result, then one object a failed record, with its line and error", "[results]") {
  CHECK(written("jsonl") ==
        "{\"id\": \"E1\", \"awards\": [{\"clause\": \"CJ-B-3\", \"beneficiary\": \"企业\", \"amount\": \"300000.00\", "
        "\"manual\": false}, {\"clause\": \"CJ-Q-6\", \"beneficiary\": \"园区\", \"amount\": \"12.00\", \"manual\": "
        "false}], "
        "\"total_enterprise\": \"300000.00\", \"total_park\": \"12.00\"}\n"
        "{\"id\": \"E2\", \"line\": 12, \"error\": \"field 营业收入: expected a number in 万元, found the text "
        "\\\"a,b\\\"\"}\n"
        "{\"id\": null, \"line\": 13, \"error\": \"invalid JSON: text after the object\"}\n");
}

TEST_CASE("csv: an error column, empty for awards, the only one filled besides the id for a failure", "[results]") {
  CHECK(written("csv") ==
        "id,clause,beneficiary,amount,manual,error\n"
        "E1,CJ-B-3,企业,300000.00,false,\n"
        "E1,CJ-Q-6,园区,12.00,false,\n"
        "E2,,,,,\"field 营业收入: expected a number in 万元, found the text \"\"a,b\"\"\"\n"
        ",,,,,invalid JSON: text after the object\n");
}

TEST_CASE("table: (error) in the clause column, and the failures counted in the totals line", "[results]") {
  CHECK(written("table") ==
        "id           clause     受益方        amount (元)\n"
        "E1           CJ-B-3     企业            300000.00\n"
        "E1           CJ-Q-6     园区                12.00\n"
        "E2           (error)\n"
        "             (error)\n"
        "合计 total: 1 records, 2 awards  企业 300000.00 元  园区 12.00 元, 2 records failed\n");
}

TEST_CASE("table: the totals add up over chunks", "[results]") {
  std::string written = captured([](std::FILE* out) {
    std::unique_ptr<ResultSink> sink = makeResultSink("table");
    for (int chunk = 0; chunk < 3; ++chunk) {
      std::unique_ptr<ResultSink::Buffer> buffer = sink->newBuffer();
      sink->addResult(*buffer, paidResult());
      sink->write(out, *buffer);
    }
    sink->writeEnd(out);
  });
  CHECK(written.substr(written.rfind("合计")) == "合计 total: 3 records, 6 awards  企业 900000.00 元  园区 36.00 元\n");
}

TEST_CASE("jsonl: clause errors after the totals, and no errors member when there are none", "[results]") {
  CHECK(rt::toJsonLine(partlyFailedResult()) ==
        "{\"id\": \"E3\", \"awards\": [{\"clause\": \"CJ-B-3\", \"beneficiary\": \"企业\", \"amount\": \"50000.00\", "
        "\"manual\": false}], \"total_enterprise\": \"50000.00\", \"total_park\": \"0.00\", \"errors\": ["
        "{\"clause\": \"CJ-B-6\", \"message\": \"rules.zc:12:5: division by zero\"}, "
        "{\"clause\": \"CJ-Q-6\", \"message\": \"rules.zc:30:9: arithmetic overflow, \\\"big\\\"\"}]}");
  CHECK(writtenWithClauseErrors("jsonl") == rt::toJsonLine(partlyFailedResult()) + "\n");
  CHECK(rt::toJsonLine(paidResult()).find("errors") == std::string::npos);
}

TEST_CASE("csv: a row a failed clause, with id, clause and error", "[results]") {
  CHECK(writtenWithClauseErrors("csv") ==
        "id,clause,beneficiary,amount,manual,error\n"
        "E3,CJ-B-3,企业,50000.00,false,\n"
        "E3,CJ-B-6,,,,rules.zc:12:5: division by zero\n"
        "E3,CJ-Q-6,,,,\"rules.zc:30:9: arithmetic overflow, \"\"big\"\"\"\n");
}

TEST_CASE("table: a row a failed clause, with (error) for its amount; the record still counts", "[results]") {
  CHECK(writtenWithClauseErrors("table") ==
        "id           clause     受益方        amount (元)\n"
        "E3           CJ-B-3     企业             50000.00\n"
        "E3           CJ-B-6                       (error)\n"
        "E3           CJ-Q-6                       (error)\n"
        "合计 total: 1 records, 1 awards  企业 50000.00 元  园区 0.00 元\n");
}

TEST_CASE("csv and table: a record with no award is a row of its own, so rows count records", "[results]") {
  rt::RecordResult none;
  none.id = "E4";
  auto writtenNone = [&](std::string_view format) {
    return captured([&](std::FILE* out) {
      std::unique_ptr<ResultSink> sink = makeResultSink(format);
      std::unique_ptr<ResultSink::Buffer> buffer = sink->newBuffer();
      sink->addResult(*buffer, none);
      sink->addResult(*buffer, paidResult());
      sink->write(out, *buffer);
    });
  };
  CHECK(writtenNone("csv") ==
        "E4,,,,,\n"
        "E1,CJ-B-3,企业,300000.00,false,\n"
        "E1,CJ-Q-6,园区,12.00,false,\n");
  CHECK(writtenNone("table") ==
        "E4           (no award)\n"
        "E1           CJ-B-3     企业            300000.00\n"
        "E1           CJ-Q-6     园区                12.00\n");
}

TEST_CASE("json strings: escapes where they are needed, the bytes between them as they are", "[results]") {
  CHECK(rt::jsonString("") == "\"\"");
  CHECK(rt::jsonString("企业E1") == "\"企业E1\"");
  CHECK(rt::jsonString("\"a\\b\"") == "\"\\\"a\\\\b\\\"\"");
  CHECK(rt::jsonString("甲\n乙\r\t丙\x01") == "\"甲\\n乙\\r\\t丙\\u0001\"");
  CHECK(rt::jsonString(std::string("x\0y", 3)) == "\"x\\u0000y\"");
  std::string out = "[";
  rt::appendJsonString(out, "a\x1f");
  CHECK(out == "[\"a\\u001f\"");
}

TEST_CASE("csv: a cell a spreadsheet would run as a formula is written as text", "[results]") {
  for (const char* id : {"=HYPERLINK(\"http://x\",\"E1\")", "+1+1", "-2+3", "@SUM(1)", "\tE1"}) {
    rt::RecordResult result;
    result.id = id;
    std::string out;
    rt::appendCsvRows(out, result, false);
    INFO(out);
    CHECK((out.starts_with("'") || out.starts_with("\"'")));
  }
  rt::RecordResult plain;
  plain.id = std::string("E\0001", 3);
  std::string out;
  rt::appendCsvRows(out, plain, false);
  CHECK(out ==
        "E\xEF\xBF\xBD"
        "1,,,,,\n");
}

TEST_CASE("payer: a member of the award, a column and totals by payer where a clause names one", "[results]") {
  rt::RecordResult result;
  result.id = "E5";
  result.awards = {{.clause = "P-1", .beneficiary = "企业", .hasAmount = true, .amount = yuan(100), .payer = "市级"},
                   {.clause = "P-2", .beneficiary = "企业", .hasAmount = true, .amount = yuan(30)},
                   {.clause = "P-3", .beneficiary = "企业", .hasAmount = true, .amount = yuan(20), .payer = "市级"}};
  result.totals = {{.key = "total_enterprise", .beneficiary = "企业", .amount = yuan(150)}};
  CHECK(
      rt::toJsonLine(result) ==
      "{\"id\": \"E5\", \"awards\": [{\"clause\": \"P-1\", \"beneficiary\": \"企业\", \"payer\": \"市级\", \"amount\": "
      "\"100.00\", \"manual\": false}, {\"clause\": \"P-2\", \"beneficiary\": \"企业\", \"amount\": \"30.00\", "
      "\"manual\": "
      "false}, {\"clause\": \"P-3\", \"beneficiary\": \"企业\", \"payer\": \"市级\", \"amount\": \"20.00\", "
      "\"manual\": "
      "false}], \"total_enterprise\": \"150.00\"}");
  auto writtenWithPayers = [&](std::string_view format) {
    return captured([&](std::FILE* out) {
      std::unique_ptr<ResultSink> sink = makeResultSink(format, false, true);
      sink->writeHeader(out);
      std::unique_ptr<ResultSink::Buffer> buffer = sink->newBuffer();
      sink->addResult(*buffer, result);
      sink->addFailure(*buffer, kUnreadable);
      sink->write(out, *buffer);
      sink->writeEnd(out);
    });
  };
  CHECK(writtenWithPayers("csv") ==
        "id,clause,beneficiary,payer,amount,manual,error\n"
        "E5,P-1,企业,市级,100.00,false,\n"
        "E5,P-2,企业,,30.00,false,\n"
        "E5,P-3,企业,市级,20.00,false,\n"
        ",,,,,,invalid JSON: text after the object\n");
  CHECK(
      writtenWithPayers("table") ==
      "id           clause     受益方 出资方        amount (元)\n"
      "E5           P-1        企业   市级               100.00\n"
      "E5           P-2        企业   未注明              30.00\n"
      "E5           P-3        企业   市级                20.00\n"
      "             (error)\n"
      "合计 total: 1 records, 3 awards  企业 150.00 元;  出资方  市级 120.00 元  未注明 30.00 元, 1 records failed\n");
}
