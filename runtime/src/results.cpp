#include "zc/results.h"

#include <cstdio>

namespace zc::rt {

std::string formatMoney(zc_dec amount) {
  char buf[64];
  zc_dec_format(amount, 2, buf);
  return buf;
}

std::string jsonString(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string toJsonLine(const RecordResult& result) {
  std::string out = "{\"id\": " + jsonString(result.id) + ", \"awards\": [";
  for (size_t i = 0; i < result.awards.size(); ++i) {
    const Award& a = result.awards[i];
    if (i > 0) out += ", ";
    out += "{\"clause\": " + jsonString(a.clause) + ", \"beneficiary\": " + jsonString(a.beneficiary) +
           ", \"amount\": " + (a.hasAmount ? "\"" + formatMoney(a.amount) + "\"" : std::string("null")) +
           ", \"manual\": " + (a.manual ? "true" : "false") + "}";
  }
  out += "]";
  for (const Total& t : result.totals) out += ", \"" + t.key + "\": \"" + formatMoney(t.amount) + "\"";
  return out + "}";
}

std::string csvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csvHeader() { return "id,clause,beneficiary,amount,manual\n"; }

std::string toCsvRows(const RecordResult& result) {
  std::string out;
  for (const Award& a : result.awards)
    out += csvField(result.id) + "," + csvField(a.clause) + "," + csvField(a.beneficiary) + "," +
           (a.hasAmount ? formatMoney(a.amount) : "") + "," + (a.manual ? "true" : "false") + "\n";
  return out;
}

}  // namespace zc::rt
