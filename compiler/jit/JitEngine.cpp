#include "jit/JitEngine.h"

#include "jit/Jit.h"
#include "zc/columnar.h"

namespace zc {

namespace {

struct CompiledRuleset {
  std::unique_ptr<Jit> jit;
  zc_batch_function function;
};

class JitEngine : public Engine {
 public:
  JitEngine(const ir::Program& program, std::shared_ptr<const CompiledRuleset> compiled)
      : program_(program), compiled_(std::move(compiled)), batch_(program.schema) {
    for (const auto& p : program.params) params_.push_back(p.value);
  }

  void setParam(int index, const rt::Scalar& value) override { params_[index] = value; }

  void evaluate(const rt::Record* records, size_t count, RecordOutcome* out) override {
    size_t clauses = program_.clauses.size();
    batch_.assign(records, count);
    fired_.assign(count * clauses, 0);
    amounts_.assign(count * clauses, 0);
    status_.assign(count, 0);
    site_.assign(count, 0);
    clause_.assign(count, -1);
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
    zc_batch_result result{fired_.data(), amounts_.data(), status_.data(), site_.data(), clause_.data()};
    compiled_->function(batch_.view(), pointers.data(), &result);
    for (size_t r = 0; r < count; ++r) {
      if (status_[r] != ZC_OK) {
        const ir::Inst& site = program_.insts[site_[r]];
        out[r] = RecordOutcome{std::nullopt, EvalError{static_cast<zc_status>(status_[r]), site.span,
                                                       clause_[r] >= 0 ? program_.clauses[clause_[r]].id : ""}};
      } else {
        out[r] = assembleOutcome(program_, records[r].id, &fired_[r * clauses], &amounts_[r * clauses]);
      }
    }
  }

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
  std::vector<int32_t> status_, site_, clause_;
};

}  // namespace

llvm::Expected<std::unique_ptr<Engine>> makeJitEngine(const ir::Program& program) {
  auto jit = Jit::create();
  if (!jit) return jit.takeError();
  auto function = (*jit)->compile(program);
  if (!function) return function.takeError();
  auto compiled = std::make_shared<CompiledRuleset>(CompiledRuleset{std::move(*jit), *function});
  return std::make_unique<JitEngine>(program, std::move(compiled));
}

}  // namespace zc
