// An explanation may never disagree with the payment. For every explained
// record of the eval goldens, and for random records over the seed ruleset
// and random rulesets, the JSON explanation (the same trace the text one is
// rendered from) is read back and held against what the engine paid:
//  - each formula's shown value, read in its unit and rounded half up to the
//    分 in 元 as an award is, is the amount the clause computed (or, where a
//    最小's limit lowered it, the amount before that limit);
//  - each paid amount is the award of that clause (and item) in the result,
//    and each award of the result is some clause's paid amount;
//  - an award no rule changed pays the amount its formula computed, and an
//    award a 封顶 cut stays within the limit it shows.
#include <rapidjson/document.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "RecordGenerator.h"
#include "RulesetGenerator.h"
#include "frontend/Frontend.h"
#include "interp/ExplanationJson.h"
#include "interp/Interpreter.h"
#include "zc/json_reader.h"

namespace {

using namespace zc;
namespace fs = std::filesystem;

std::unique_ptr<frontend::Compilation> load(const std::string& path, const std::string& text = "") {
  SourceOverlay overlay;
  if (!text.empty()) overlay[path] = text;
  auto loaded = std::make_unique<frontend::Compilation>(frontend::compile({.paths = {path}, .overlay = &overlay}));
  REQUIRE(loaded->ok());
  return loaded;
}

std::string money(const zc_dec& d) { return rt::formatMoney(d); }

std::optional<zc_dec> parse(const std::string& text) {
  zc_dec d;
  if (zc_dec_parse(text.data(), text.size(), &d) != ZC_OK) return std::nullopt;
  return d;
}

// The 分 a value shown as "7000 元" or "29.14 万元" rounds to, half up, in 元;
// where the value's decimals do not end and it is shown cut off
// ("33.333333333333333333… 万元"), the roundings of the ends of the interval
// it lies in (the digits shown, and one more in their last place), between
// which its own rounding lies.
std::vector<zc_dec> roundedInYuan(const sema::Symbols& symbols, const std::string& shown) {
  size_t space = shown.find(' ');
  if (space == std::string::npos) return {};
  std::string number = shown.substr(0, space);
  const NamedUnit* unit = symbols.units.find(shown.substr(space + 1));
  const NamedUnit* yuan = symbols.yuan();
  if (unit == nullptr || yuan == nullptr || !unit->unit.sameDimension(yuan->unit)) return {};
  const std::string cut = "…";
  std::vector<zc_dec> ends;
  if (number.ends_with(cut)) {
    number.resize(number.size() - cut.size());
    // Near 38 digits the interval's ends do not fit: fewer places, a wider interval.
    for (; number.find('.') != std::string::npos && number.back() != '.'; number.pop_back()) {
      auto low = parse(number);
      if (!low) continue;
      size_t places = number.size() - number.find('.') - 1;
      zc_dec ulp{low->num < 0 ? -1 : 1, 1};
      for (size_t i = 0; i < places; ++i) ulp.den *= 10;
      zc_dec high;
      if (zc_dec_add(&*low, &ulp, &high) != ZC_OK) continue;
      ends = {*low, high};
      break;
    }
  } else if (auto exact = parse(number)) {
    ends = {*exact};
  }
  auto ratio = divide(unit->unit.scale, yuan->unit.scale);
  if (!ratio) return {};
  zc_dec factor = ratio->toDec();
  std::vector<zc_dec> out;
  for (const zc_dec& value : ends) {
    zc_dec inYuan, rounded;
    if (zc_dec_mul(&value, &factor, &inYuan) != ZC_OK || zc_dec_round(&inYuan, 2, &rounded) != ZC_OK) return {};
    out.push_back(rounded);
  }
  std::sort(out.begin(), out.end(), [](const zc_dec& a, const zc_dec& b) { return zc_dec_compare(&a, &b) < 0; });
  return out;
}

std::string str(const rapidjson::Value& v) {
  return v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : "";
}

struct Tally {
  size_t formulas = 0, paid = 0, cut = 0;
};

// Holds one record's JSON explanation against the outcome the engine paid.
void checkExplanation(const frontend::Compilation& loaded, Interpreter& interpreter, const rt::Record& record,
                      Tally& tally) {
  const ir::Program& program = loaded.ruleset.program;
  Evaluation evaluation = interpreter.evaluate(record, true);
  if (evaluation.error) return;
  std::string json = renderExplanationJson(loaded.sources, program, evaluation);
  INFO(json);
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  REQUIRE(!doc.HasParseError());
  // What the engine paid, by clause and item.
  std::map<std::pair<std::string, std::string>, std::string> awards;
  for (const rt::Award& a : evaluation.result->awards)
    if (a.hasAmount) awards[{std::string(a.clause), a.item.value_or("")}] = money(a.amount);
  size_t explainedAwards = 0;
  for (const auto& policy : doc["policies"].GetArray()) {
    for (const auto& clause : policy["clauses"].GetArray()) {
      std::string id = str(clause["id"]);
      std::string item = clause["item"].IsNull() ? "" : str(clause["item"]["name"]);
      INFO("clause " << id << (item.empty() ? "" : " [" + item + "]"));
      const rapidjson::Value& formula = clause["formula"];
      if (formula.IsObject()) {
        std::string rounded = str(formula["rounded"]);
        std::string beforeLimit = formula["half_up"].IsNull() ? rounded : str(formula["half_up"]);
        std::vector<zc_dec> shown = roundedInYuan(loaded.ruleset.symbols, str(formula["value"]));
        INFO("formula " << str(formula["value"]) << " → " << beforeLimit);
        REQUIRE(!shown.empty());
        zc_dec expected = *parse(beforeLimit);
        CHECK(zc_dec_compare(&shown.front(), &expected) <= 0);
        CHECK(zc_dec_compare(&expected, &shown.back()) <= 0);
        CHECK(str(clause["amount"]) == rounded);
        ++tally.formulas;
      }
      if (clause["paid"].IsNull()) {
        CHECK(awards.count({id, item}) == 0);
        continue;
      }
      ++explainedAwards;
      ++tally.paid;
      std::string paid = str(clause["paid"]);
      REQUIRE(awards.count({id, item}) == 1);
      CHECK(awards[{id, item}] == paid);
      bool changed = !clause["rules"].GetArray().Empty();
      if (!changed && formula.IsObject()) CHECK(paid == str(formula["rounded"]));
      zc_dec paidDec = *parse(paid);
      for (const auto& cap : clause["caps"].GetArray()) {
        if (str(cap["kind"]) != "rule" || !cap["cut"].GetBool()) continue;
        ++tally.cut;
        zc_dec limit = *parse(str(cap["value"]).substr(0, str(cap["value"]).find(' ')));
        CHECK(zc_dec_compare(&paidDec, &limit) <= 0);
      }
    }
  }
  CHECK(explainedAwards == awards.size());
}

}  // namespace

TEST_CASE("every explained record of the eval goldens agrees with its payment") {
  fs::path folder = fs::path(ZC_SOURCE_DIR) / "tests" / "eval";
  Tally tally;
  size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".json") continue;
    std::string stem = entry.path().stem().string();
    fs::path ruleset = folder / (stem.substr(0, stem.find('.')) + ".zc");
    SECTION(entry.path().filename().string()) {
      auto loaded = load(ruleset.string());
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      rt::JsonRecordReader reader(loaded->ruleset.program.schema);
      rt::Record record;
      REQUIRE(reader.decode(text.str(), record).ok);
      Interpreter interpreter(loaded->ruleset.program);
      checkExplanation(*loaded, interpreter, record, tally);
    }
    ++cases;
  }
  CHECK(cases >= 20);  // a broken glob must not pass quietly
}

TEST_CASE("explanations of random records agree with their payments") {
  Tally tally;
  auto seed = load(std::string(ZC_SOURCE_DIR) + "/examples/seed-policies/all.zc");
  {
    Interpreter interpreter(seed->ruleset.program);
    testing::RecordGenerator generator(seed->ruleset.program, 20261207, 0.02);
    for (int i = 0; i < 1500; ++i) checkExplanation(*seed, interpreter, generator.next(), tally);
  }
  for (uint64_t s = 1; s <= 3; ++s) {
    INFO("random ruleset " << s);
    auto loaded = load("random.zc", testing::randomRuleset(s, 60));
    Interpreter interpreter(loaded->ruleset.program);
    testing::RecordGenerator generator(loaded->ruleset.program, s * 104729, 0.02);
    for (int i = 0; i < 400; ++i) checkExplanation(*loaded, interpreter, generator.next(), tally);
  }
  // The records reach formulas, awards and 封顶 cuts.
  CHECK(tally.formulas > 1000);
  CHECK(tally.paid > 500);
  CHECK(tally.cut > 10);
}
