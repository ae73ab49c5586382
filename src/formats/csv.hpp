#pragma once

// CSV, as qlfit exports and imports entries (docs/cli.md): written a row at a time and
// read a row at a time from the pieces of a file, so a file of any size fits in memory.
#include "qlfit/import_row.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qlfit::formats {

// The CSV export: this header, then one row per entry (RFC 4180, CRLF line ends).
inline constexpr std::string_view kCsvHeader =
    "id,activity,kind,start,duration_s,pain,note,source\r\n";
// One entry's row. Text cells that a spreadsheet would take for a formula (=, +, -, @,
// tab, CR) or that start with a quote get a leading ' that import takes off again.
std::string csv_row(const Entry& entry);

// The rows of an import CSV, one at a time, from the pieces of its text (RFC 4180:
// quoted fields, doubled quotes, newlines in quotes, LF or CRLF, a leading BOM), keyed by
// the header: a file of any size needs one row in memory. Throws Error(kInvalidInput) as
// "FILE:LINE: what is wrong" for malformed text, a missing column, or non-UTF-8.
class CsvRows {
 public:
  // Reads the header. `pieces` gives the next piece of text, empty at the end.
  CsvRows(std::function<std::string_view()> pieces, std::string file);
  ~CsvRows();
  // The next row; std::nullopt at the end.
  std::optional<ImportRow> next();

 private:
  struct Reader;
  std::string file_;
  std::unique_ptr<Reader> reader_;
  std::vector<std::string> header_;
  std::vector<std::string> cells_;
  std::size_t line_ = 1;
};

}  // namespace qlfit::formats
