#include "zc/engine.h"

namespace zc::rt {

namespace {

class CompiledEngine : public Engine {
 public:
  CompiledEngine(std::shared_ptr<const CompiledCode> code, const RecordSchema& schema, std::vector<Kind> paramKinds,
                 std::vector<Scalar> params)
      : code_(std::move(code)),
        schema_(schema),
        batch_(schema),
        paramKinds_(std::move(paramKinds)),
        params_(std::move(params)) {}

  void setParam(int index, const Scalar& value) override { params_[index] = value; }

  void evaluate(const Record* records, size_t count, RecordOutcome* out) override {
    batch_.assign(records, count);
    call([&](size_t r, const ClauseOutcomes& outcomes) {
      out[r] = assembleOutcome(code_->table, records[r], outcomes);
    });
  }

  ColumnarBatch* columns() override { return &batch_; }

  void evaluateColumns(const std::string_view* ids, RecordOutcome* out) override {
    batch_.finish();
    const zc_batch& view = *batch_.view();
    call([&](size_t r, const ClauseOutcomes& outcomes) {
      out[r] = assembleOutcome(code_->table, ids[r], view, static_cast<int64_t>(r), outcomes);
    });
  }

  const ResultTable& resultTable() const override { return code_->table; }

  std::unique_ptr<Engine> clone() const override {
    return std::make_unique<CompiledEngine>(code_, schema_, paramKinds_, params_);
  }

 private:
  // Runs the code over the batch's rows, then hands each row's outcomes to `take`.
  template <typename Take>
  void call(const Take& take) {
    size_t count = static_cast<size_t>(batch_.rows());
    size_t clauses = code_->table.clauses.size();
    fired_.resize(count * clauses);
    amounts_.resize(count * clauses);
    status_.resize(count * clauses);
    site_.resize(count * clauses);
    items_.count = 0;
    zc_batch_result result{fired_.data(), amounts_.data(), status_.data(), site_.data(), &items_};
    code_->function->load(std::memory_order_acquire)(batch_.view(), pointers_.of(paramKinds_, params_), &result);
    int64_t cursor = 0;
    for (size_t r = 0; r < count; ++r) {
      size_t at = r * clauses;
      ClauseOutcomes outcomes{&fired_[at], &amounts_[at], &status_[at], &site_[at]};
      items_.takeRow(static_cast<int64_t>(r), cursor, outcomes);
      take(r, outcomes);
    }
  }

  std::shared_ptr<const CompiledCode> code_;
  const RecordSchema& schema_;
  ColumnarBatch batch_;
  std::vector<Kind> paramKinds_;
  std::vector<Scalar> params_;
  ParamPointers pointers_;
  std::vector<uint8_t> fired_;
  std::vector<zc_dec> amounts_;
  std::vector<int32_t> status_, site_;
  ItemResults items_;
};

}  // namespace

std::unique_ptr<Engine> makeCompiledEngine(std::shared_ptr<const CompiledCode> code, const RecordSchema& schema,
                                           std::vector<Kind> paramKinds, std::vector<Scalar> params) {
  return std::make_unique<CompiledEngine>(std::move(code), schema, std::move(paramKinds), std::move(params));
}

}  // namespace zc::rt
