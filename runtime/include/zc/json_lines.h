// JSON Lines as every reader of it cuts lines: zc run's file or pipe,
// zc serve's request body and a compiled library's buffer. Lines end in LF
// or CRLF; a byte order mark may begin the first; blank lines are skipped
// and counted.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zc::rt {

// One line (the LF already cut off; `number` from 1): a byte order mark at
// the start of the first line and the CR of a CR LF are dropped. False for a
// blank line, which is skipped; else `problem` says why the line cannot be a
// record, or is empty.
bool trimJsonLine(std::string_view& line, size_t number, std::string& problem);

struct JsonLine {
  std::string_view json;
  size_t number;        // from 1, blank lines counted
  std::string problem;  // why the line cannot be a record, or empty
};

// The text's non-blank lines, split as std::getline splits a file (a last
// line without LF is a line too); the blank ones' numbers into `blank`.
// False, with no more than maxRecords + 1 lines, when it holds more than
// maxRecords records. `firstLine`: the number of the text's first line, when
// it is a later part of an input (a stream read a block at a time).
bool cutJsonLines(std::string_view text, size_t maxRecords, std::vector<JsonLine>& lines,
                  std::vector<size_t>* blank = nullptr, size_t firstLine = 1);

}  // namespace zc::rt
