#include "zc/results.h"

#include <fmt/format.h>

#include <cstdio>

namespace zc::rt {

std::string formatMoney(const zc_dec& amount) {
  char buf[ZC_DEC_FORMAT_SIZE];
  zc_dec_format(&amount, 2, buf);
  return buf;
}

void appendJsonString(std::string& out, std::string_view text) {
  out += '"';
  // Runs of bytes that need no escape are appended whole.
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(text, run);
  out += '"';
}

namespace {

void appendMoney(std::string& out, const zc_dec& amount) {
  char buf[ZC_DEC_FORMAT_SIZE];
  out.append(buf, zc_dec_format(&amount, 2, buf));
}

// A cell that begins like a formula (= + - @, a tab or a CR) is one that
// Excel and WPS would run (=HYPERLINK(…)): it is written after a ' (OWASP's
// rule for CSV injection), and a NUL, which no sheet shows, as U+FFFD.
void appendCsvField(std::string& out, std::string_view text) {
  bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  bool quoted = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (quoted) out += '"';
  if (formula) out += '\'';
  for (char c : text) {
    if (c == '"') out += '"';
    if (c == '\0')
      out += "\xEF\xBF\xBD";
    else
      out += c;
  }
  if (quoted) out += '"';
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20 || c == 0x7F)
      out += fmt::format("\\x{:02x}", c);
    else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
             static_cast<unsigned char>(text[i + 1]) <= 0x9F)
      out += fmt::format("\\u{{{:x}}}", static_cast<unsigned char>(text[++i]));  // a C1 control, such as CSI
    else
      out += static_cast<char>(c);
  }
  return out;
}

std::string jsonString(std::string_view text) {
  std::string out;
  appendJsonString(out, text);
  return out;
}

void appendJsonLine(std::string& out, const RecordResult& result) {
  out += "{\"id\": ";
  appendJsonString(out, result.id);
  out += ", \"awards\": [";
  for (size_t i = 0; i < result.awards.size(); ++i) {
    const Award& a = result.awards[i];
    out += i > 0 ? ", {\"clause\": " : "{\"clause\": ";
    appendJsonString(out, a.clause);
    if (a.item) {
      out += ", \"item\": ";
      appendJsonString(out, *a.item);
    }
    out += ", \"beneficiary\": ";
    appendJsonString(out, a.beneficiary);
    // Only where the clause names one, so other rulesets' results read as they always have.
    if (!a.payer.empty()) {
      out += ", \"payer\": ";
      appendJsonString(out, a.payer);
    }
    out += ", \"amount\": ";
    if (a.hasAmount) {
      out += '"';
      appendMoney(out, a.amount);
      out += '"';
    } else {
      out += "null";
    }
    out += a.manual ? ", \"manual\": true}" : ", \"manual\": false}";
  }
  out += "]";
  for (const Total& t : result.totals) {
    out += ", \"";
    out += t.key;
    out += "\": \"";
    appendMoney(out, t.amount);
    out += '"';
  }
  // Only when there are any, so results without errors read as they always have.
  if (!result.errors.empty()) {
    out += ", \"errors\": [";
    for (size_t i = 0; i < result.errors.size(); ++i) {
      out += i > 0 ? ", {\"clause\": " : "{\"clause\": ";
      appendJsonString(out, result.errors[i].clause);
      if (result.errors[i].item) {
        out += ", \"item\": ";
        appendJsonString(out, *result.errors[i].item);
      }
      out += ", \"message\": ";
      appendJsonString(out, result.errors[i].message);
      out += '}';
    }
    out += ']';
  }
  out += "}\n";
}

void appendJsonLine(std::string& out, const FailedRecord& failed) {
  out += "{\"id\": ";
  if (failed.id.empty())
    out += "null";
  else
    appendJsonString(out, failed.id);
  out += ", \"line\": ";
  out += std::to_string(failed.line);
  out += ", \"error\": ";
  appendJsonString(out, failed.error);
  out += "}\n";
}

std::string toJsonLine(const RecordResult& result) {
  std::string out;
  appendJsonLine(out, result);
  out.pop_back();
  return out;
}

std::string csvHeader(bool items, bool payers) {
  return std::string("id,clause,") + (items ? "item," : "") + "beneficiary," + (payers ? "payer," : "") +
         "amount,manual,error\n";
}

namespace {

// The commas between a row's id and its error, each optional column adding one.
std::string_view emptyCells(bool items, bool payers) {
  std::string_view commas = ",,,,,,,";
  return commas.substr(0, 5 + items + payers);
}

}  // namespace

void appendCsvRows(std::string& out, const RecordResult& result, bool items, bool payers) {
  // A record with nothing to say still gets a row, so rows count records.
  if (result.awards.empty() && result.errors.empty()) {
    appendCsvField(out, result.id);
    out += emptyCells(items, payers);
    out += '\n';
    return;
  }
  auto clauseAndItem = [&](std::string_view clause, const std::optional<std::string>& item) {
    appendCsvField(out, result.id);
    out += ',';
    appendCsvField(out, clause);
    out += ',';
    if (!items) return;
    if (item) appendCsvField(out, *item);
    out += ',';
  };
  for (const Award& a : result.awards) {
    clauseAndItem(a.clause, a.item);
    appendCsvField(out, a.beneficiary);
    out += ',';
    if (payers) {
      appendCsvField(out, a.payer);
      out += ',';
    }
    if (a.hasAmount) appendMoney(out, a.amount);
    out += a.manual ? ",true,\n" : ",false,\n";
  }
  for (const ClauseError& e : result.errors) {
    clauseAndItem(e.clause, e.item);
    out += payers ? ",,,," : ",,,";
    appendCsvField(out, e.message);
    out += '\n';
  }
}

void appendCsvRow(std::string& out, const FailedRecord& failed, bool items, bool payers) {
  appendCsvField(out, failed.id);
  out += emptyCells(items, payers);
  appendCsvField(out, failed.error);
  out += '\n';
}

}  // namespace zc::rt
