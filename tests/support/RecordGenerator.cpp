#include "RecordGenerator.h"

#include <algorithm>

#include "zc/results.h"

namespace zc::testing {

RecordGenerator::RecordGenerator(const ir::Program& program, uint64_t seed, double overflowRate, double presence)
    : program_(program), engine_(seed), overflowRate_(overflowRate), presence_(presence) {
  for (const ir::Inst& inst : program.insts) {
    if (inst.op != ir::Op::Const) continue;
    if (inst.type == ir::Type::Dec) decimals_.push_back(inst.dec);
    if (inst.type == ir::Type::Int || inst.type == ir::Type::Date) integers_.push_back(inst.imm);
    if (inst.type == ir::Type::Text) texts_.push_back(program.texts[inst.text]);
  }
  std::sort(decimals_.begin(), decimals_.end(),
            [](const zc_dec& a, const zc_dec& b) { return zc_dec_compare(&a, &b) < 0; });
  decimals_.erase(std::unique(decimals_.begin(), decimals_.end()), decimals_.end());
}

zc_dec RecordGenerator::decimal() {
  uint64_t pick = below(10);
  zc_dec value;
  if (pick < 4 && !decimals_.empty()) {
    // At a constant, or a hair either side of it, but never below zero:
    // registries hold no negative amounts.
    zc_dec c = decimals_[below(decimals_.size())], hair;
    zc_dec_make(static_cast<int64_t>(below(3)) - 1, 10000, &hair);
    return zc_dec_add(&c, &hair, &value) == ZC_OK && value.num >= 0 ? value : c;
  }
  // Near the top of the range, where a conversion to 元 overflows.
  if (chance(overflowRate_)) {
    zc_dec_make(static_cast<__int128>(below(90) + 10) * 1000000000000000000LL * 1000000000000000000LL, 1, &value);
    return value;
  }
  // Up to ten places, magnitudes from 0.0000000001 to a thousand.
  __int128 places = 1000000;
  for (uint64_t i = below(5); i > 0; --i) places *= 10;
  zc_dec_make(static_cast<__int128>(below(1000000000)), places, &value);
  return value;
}

int64_t RecordGenerator::nearConstant(const std::vector<int64_t>& constants) {
  // One draw, then the other: the operands of + are evaluated in no fixed
  // order, and the same seed must give the same records with every compiler.
  int64_t constant = constants[below(constants.size())];
  return constant + static_cast<int64_t>(below(3)) - 1;
}

rt::Scalar RecordGenerator::scalar(const rt::FieldSchema& field) {
  rt::Scalar s;
  switch (field.kind) {
    case rt::Kind::Flag:
      s.i = static_cast<int64_t>(below(2));
      break;
    case rt::Kind::Int:
    case rt::Kind::Count:
      s.i = !integers_.empty() && below(2) == 0 ? nearConstant(integers_) : static_cast<int64_t>(below(4));
      if (field.kind == rt::Kind::Count && s.i < 0) s.i = 0;
      break;
    case rt::Kind::Dec:
      s.d = decimal();
      break;
    case rt::Kind::Date: {
      zc_date base = 19358;  // 2023-01-01
      s.i = !integers_.empty() && below(2) == 0 ? nearConstant(integers_)
                                                : base - 800 + static_cast<int64_t>(below(1600));
      break;
    }
    case rt::Kind::Text:
      // A text closed to a 集合 holds one of its members: the readers refuse any other.
      if (!field.enumValues.empty())
        s.text = field.enumValues[below(field.enumValues.size())];
      else
        s.text = !texts_.empty() && below(3) != 0 ? texts_[below(texts_.size())] : "其他" + std::to_string(below(3));
      break;
    case rt::Kind::Enum:
      s.i = static_cast<int64_t>(below(field.enumValues.size()));
      break;
    case rt::Kind::Record:
      break;
  }
  return s;
}

rt::Scalar RecordGenerator::subScalar(int field, const rt::FieldSchema& sub) {
  // A history entry's year: the years before and around the rulesets' 截至
  // dates, so that 最长 counts several earlier years and some of this one.
  if (field == program_.history && sub.kind == rt::Kind::Int) {
    rt::Scalar s;
    s.i = 2019 + static_cast<int64_t>(below(6));
    return s;
  }
  return scalar(sub);
}

rt::Record RecordGenerator::next() {
  rt::Record record;
  record.fields.resize(program_.schema.fields.size());
  for (size_t f = 0; f < program_.schema.fields.size(); ++f) {
    const rt::FieldSchema& field = program_.schema.fields[f];
    rt::FieldValue& value = record.fields[f];
    if (static_cast<int>(f) == program_.schema.keyField) {
      value.present = true;
      value.scalar.text = "R" + std::to_string(counter_++);
      record.id = value.scalar.text;
      continue;
    }
    if (!chance(presence_)) {
      value.present = false;
      value.scalar = field.defaultValue;
      continue;
    }
    if (field.list) {
      value.present = true;
      size_t n = below(4);
      for (size_t i = 0; i < n; ++i) {
        if (field.kind == rt::Kind::Record) {
          rt::SubRecord row;
          for (const auto& sub : field.subFields) {
            bool present = !sub.optional || below(3) != 0;
            row.values.push_back(present ? subScalar(static_cast<int>(f), sub) : sub.defaultValue);
            row.present.push_back(present);
            // A 键 names one entry: two entries with one key are a bad record.
            if (sub.key) {
              row.values.back().text += "#" + std::to_string(i);
              row.values.back().i = static_cast<int64_t>(i);
            }
          }
          value.rows.push_back(std::move(row));
        } else {
          value.list.push_back(scalar(field));
        }
      }
      continue;
    }
    value.present = !field.optional || below(3) != 0;
    value.scalar = value.present ? scalar(field) : field.defaultValue;
  }
  return record;
}

std::string RecordGenerator::toJson(const rt::Record& record) const {
  auto text = [](const rt::FieldSchema& field, const rt::Scalar& s) {
    std::string value = rt::formatScalar(field, s);
    switch (field.kind) {
      case rt::Kind::Flag:
      case rt::Kind::Int:
      case rt::Kind::Count:
      case rt::Kind::Dec:
        return value;
      default:
        return rt::jsonString(value);
    }
  };
  std::string out = "{";
  for (size_t f = 0; f < program_.schema.fields.size(); ++f) {
    const rt::FieldSchema& field = program_.schema.fields[f];
    const rt::FieldValue& value = record.fields[f];
    if (!value.present) continue;
    if (out.size() > 1) out += ", ";
    out += rt::jsonString(field.name) + ": ";
    if (!field.list) {
      out += text(field, value.scalar);
      continue;
    }
    out += "[";
    if (field.kind == rt::Kind::Record) {
      for (size_t r = 0; r < value.rows.size(); ++r) {
        out += r ? ", {" : "{";
        const rt::SubRecord& row = value.rows[r];
        for (size_t k = 0; k < field.subFields.size(); ++k)
          out += (k ? ", " : "") + rt::jsonString(field.subFields[k].name) + ": " +
                 (row.present[k] ? text(field.subFields[k], row.values[k]) : "null");
        out += "}";
      }
    } else {
      for (size_t i = 0; i < value.list.size(); ++i) out += (i ? ", " : "") + text(field, value.list[i]);
    }
    out += "]";
  }
  return out + "}";
}

}  // namespace zc::testing
