#include "jit/JitEngine.h"

#include "jit/Jit.h"
#include "zc/columnar.h"

namespace zc {

namespace {

// The compiled code and the result table read back from it: results are
// assembled from what the module carries, as a compiled library's are.
struct CompiledRuleset {
  std::unique_ptr<Jit> jit;
  CompiledProgram code;
  ResultTable table;
};

class JitEngine : public Engine {
 public:
  JitEngine(const ir::Program& program, std::shared_ptr<const CompiledRuleset> compiled)
      : program_(program), compiled_(std::move(compiled)), batch_(program.schema) {
    for (const auto& p : program.params) params_.push_back(p.value);
  }

  void setParam(int index, const rt::Scalar& value) override { params_[index] = value; }

  void evaluate(const rt::Record* records, size_t count, RecordOutcome* out) override {
    size_t clauses = compiled_->table.clauses.size();
    batch_.assign(records, count);
    fired_.resize(count * clauses);
    amounts_.resize(count * clauses);
    status_.resize(count * clauses);
    site_.resize(count * clauses);
    std::vector<zc_text> texts(params_.size());
    std::vector<const void*> pointers(params_.size());
    for (size_t i = 0; i < params_.size(); ++i) {
      switch (program_.params[i].schema.kind) {
        case rt::Kind::Dec: pointers[i] = &params_[i].d; break;
        case rt::Kind::Text:
          texts[i] = {params_[i].text.data(), static_cast<int64_t>(params_[i].text.size())};
          pointers[i] = &texts[i];
          break;
        default: pointers[i] = &params_[i].i; break;
      }
    }
    items_.count = 0;
    zc_batch_result result{fired_.data(), amounts_.data(), status_.data(), site_.data(), &items_};
    compiled_->code.function()(batch_.view(), pointers.data(), &result);
    int64_t cursor = 0;
    for (size_t r = 0; r < count; ++r) {
      size_t at = r * clauses;
      ClauseOutcomes outcomes{&fired_[at], &amounts_[at], &status_[at], &site_[at]};
      items_.takeRow(static_cast<int64_t>(r), cursor, outcomes);
      out[r] = assembleOutcome(compiled_->table, records[r], outcomes);
    }
  }

  const ResultTable& resultTable() const override { return compiled_->table; }

  std::unique_ptr<Engine> clone() const override {
    auto copy = std::make_unique<JitEngine>(program_, compiled_);
    copy->params_ = params_;
    return copy;
  }

 private:
  const ir::Program& program_;
  std::shared_ptr<const CompiledRuleset> compiled_;
  rt::ColumnarBatch batch_;
  std::vector<rt::Scalar> params_;
  std::vector<uint8_t> fired_;
  std::vector<zc_dec> amounts_;
  std::vector<int32_t> status_, site_;
  ItemResults items_;
};

}  // namespace

llvm::Expected<std::unique_ptr<Engine>> makeJitEngine(const ir::Program& program, Tiering tiering,
                                                      std::optional<ObjectCache> cache) {
  auto jit = Jit::create(std::move(cache));
  if (!jit) return jit.takeError();
  auto code = (*jit)->compile(program, tiering);
  if (!code) return code.takeError();
  ResultTable table = ResultTable::of(*code->table);
  auto compiled = std::make_shared<CompiledRuleset>(CompiledRuleset{std::move(*jit), *code, std::move(table)});
  return std::make_unique<JitEngine>(program, std::move(compiled));
}

}  // namespace zc
