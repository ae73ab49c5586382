#pragma once

#include "qlfit/entry.hpp"
#include "qlfit/when.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qlfit {

// The CSV export: this header, then one row per entry (RFC 4180, CRLF line ends).
inline constexpr std::string_view kCsvHeader =
    "id,activity,kind,start,duration_s,pain,note,source\r\n";
// One entry's row. Text cells that a spreadsheet would take for a formula (=, +, -, @,
// tab, CR) or that start with a quote get a leading ' that import takes off again.
std::string csv_row(const Entry& entry);

// One record of an import file, its fields as text, before checking.
struct ImportRow {
  std::string prefix;       // "FILE:" (then a line) or "FILE: entry " (then its number)
  std::size_t ordinal = 0;  // its line, or its number among the file's entries
  std::map<std::string, std::optional<std::string>> fields;  // absent or null: nullopt

  // "FILE:LINE" or "FILE: entry N", for error lines.
  std::string where() const { return prefix + std::to_string(ordinal); }
};

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

// What a numeric field of an import must hold ("whole seconds from 1 to 86400"), for
// error lines; empty for other fields.
std::string_view import_field_rule(std::string_view field);

// The entry a row of an import holds, held to the command line's rules (made now).
// A bad field: Error(kInvalidInput) "FILE:LINE: what is wrong; nothing imported" (a note
// is never quoted).
Entry checked_entry(const ImportRow& row, const TimeContext& context);

// Throws Error(kInvalidInput) "WHERE: FIELD "VALUE": REASON; nothing imported".
[[noreturn]] void bad_field(const ImportRow& row, std::string_view field, std::string_view value,
                            std::string_view reason);

}  // namespace qlfit
