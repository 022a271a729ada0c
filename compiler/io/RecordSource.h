// Where `zc run` gets its records: JSON Lines, CSV with a header row, or an
// Excel sheet with one, each record handed on as the JSON object text the
// reader decodes, or a row's cells typed as that JSON would be, so every
// format shares one validation path and one set of messages.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zc/record.h"

namespace zc {

// One record as the input holds it, before it is decoded.
struct RawRecord {
  size_t offset = 0, length = 0;  // its JSON object's text in RawRecords::text, or its row of cells
  size_t line = 0;                // its first line in the input
  std::string problem;            // why it cannot even be decoded, or empty
  std::string id;                 // with a problem: the id, where the input still shows it (a CSV row's key cell)
};

// A run of records as the input holds them: their JSON texts one after
// another in one block, each followed by a NUL and the block by the JSON
// reader's padding, so every record is decoded where it lies: copied once,
// from the read buffer, and nothing allocated per record. Reused from chunk
// to chunk.
class RawRecords {
 public:
  // A new record at the end, its text whatever is appended to text() before
  // the next add() or pad().
  RawRecord& add();
  std::string& text() { return text_; }
  // A record of text()'s [offset, offset + length), in a block read whole
  // (cutBlock): the byte after it (its line end) is overwritten by its NUL.
  RawRecord& addInPlace(size_t offset, size_t length);
  // After the last record: ends it and adds the padding.
  void pad();
  void clear();

  size_t size() const { return count_; }
  const RawRecord& operator[](size_t i) const { return records_[i]; }
  // The record's JSON; the padding the reader needs lies after it.
  std::string_view json(const RawRecord& record) const { return {text_.data() + record.offset, record.length}; }

 private:
  void end();
  std::string text_;
  std::vector<RawRecord> records_;  // the first count_ are this run's; the rest keep their capacity
  size_t count_ = 0;
};

// Whole lines of JSON Lines as a block read them, before a worker cuts them.
struct LineBlock {
  size_t firstLine = 0;         // its first line's number in the input
  std::vector<size_t> tooLong;  // lines longer than the limit, read past: an empty line each in the text
};

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // Appends the next record; false at the end. A record that cannot even be
  // cut out of the input (a CSV row with an open quote) comes with a problem.
  virtual bool next(RawRecords& records) = 0;
  // Whether the input comes in blocks of whole lines (JSON Lines), which
  // the workers cut into records (cutBlock), rather than a record at a time.
  virtual bool readsBlocks() const { return false; }
  // Reads the next whole lines, about `bytes` of them, straight into
  // records.text() in place of what it held; false at the end. On a pipe,
  // the lines it has now.
  virtual bool nextBlock(RawRecords& records, size_t bytes, LineBlock& block) { return false; }
  // From now on hands each record on as its row of cells (rt::appendCell)
  // under the header row returned, for the workers to type them
  // (rt::CellRecordReader), instead of as JSON; null, and no change, for a
  // source whose records are JSON.
  virtual const std::vector<std::string>* handCells() { return nullptr; }
  // Whether the next record can be read without waiting longer than `wait`.
  // False only on a quiet pipe (`tail -f log | zc run …`), so the caller can
  // write the results it holds before a read blocks; a file is always ready.
  virtual bool ready(std::chrono::milliseconds wait) = 0;
  virtual uint64_t bytesRead() const = 0;
  // The blank lines skipped so far, in order: reported, never read as records.
  virtual const std::vector<size_t>& blankLines() const = 0;
  // Where a message about the record at `line` points: "data.csv:12", or in
  // a sheet "申报.xlsx 第3行 D列", the column the message's field is in.
  virtual std::string where(const std::string& inputName, size_t line, std::string_view message) const;
  // What the reader decided by itself and a person should know ("read as
  // GB18030"), or empty.
  const std::string& note() const { return note_; }

 protected:
  std::string note_;
};

struct InputSpec {
  std::string path;      // "-": standard input
  std::string format;    // jsonl, csv or xlsx; empty: by the file's extension
  std::string encoding;  // of a text input: utf-8 or gbk (gb18030); empty: UTF-8 unless the bytes say otherwise
  std::string sheet;     // of a workbook; empty: the first
};

// Cuts a block of lines (RecordSource::nextBlock, then RawRecords::pad)
// into records where they lie: every line but a blank one, whose number is
// added to `blank`.
void cutBlock(RawRecords& records, const LineBlock& block, std::vector<size_t>& blank);

// The format a spec names or its path's extension implies.
std::string inputFormatOf(const InputSpec& spec);

// Opens the input; nothing, with a message, if it cannot be read. CSV and a
// sheet need a header row of field names first.
std::unique_ptr<RecordSource> openRecordSource(const InputSpec& spec, const rt::RecordSchema& schema,
                                               std::string& problem);

}  // namespace zc
