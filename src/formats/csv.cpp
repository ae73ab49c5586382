#include "csv.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

#include <algorithm>

namespace qlfit::formats {
namespace {

// Far above the longest row an export writes (a 2000-byte note of quotes doubles to
// 4000), so a file with no line ends (/dev/zero) stops here, in bounded memory.
constexpr std::size_t kLongestRecord = std::size_t{64} * 1024;

constexpr std::string_view kRequired[] = {"id", "activity", "kind", "start", "duration_s"};

// A text cell a spreadsheet would run as a formula, or one that starts with the
// quote that marks such a cell.
bool needs_defusing(std::string_view text) {
  return !text.empty() &&
         std::string_view("=+-@\t\r'").find(text.front()) != std::string_view::npos;
}

std::string csv_cell(std::string_view text) {
  std::string cell = needs_defusing(text) ? "'" + std::string(text) : std::string(text);
  if (cell.find_first_of(",\"\r\n") == std::string::npos)
    return cell;
  std::string quoted = "\"";
  for (const char c : cell) {
    quoted += c;
    if (c == '"')
      quoted += '"';
  }
  return quoted + "\"";
}

// RFC 4180 records from the pieces of a text, one record at a time.
class CsvReader {
 public:
  CsvReader(std::function<std::string_view()> pieces, std::string_view file)
      : pieces_(std::move(pieces)), file_(file) {}

  [[noreturn]] void fail(std::size_t at_line, const std::string& what) const {
    throw Error(ErrorCode::kInvalidInput, std::string(file_) + ":" + std::to_string(at_line) +
                                              ": " + what + "; nothing imported");
  }

  // One record's cells; false at the end of the text.
  bool record(std::vector<std::string>& cells, std::size_t& started) {
    cells.clear();
    if (!more())
      return false;
    started = line_;
    std::string cell;
    bool quoted = false;
    bool was_quoted = false;
    std::size_t length = 0;
    while (more()) {
      if (++length > kLongestRecord) {
        fail(started, "a row is longer than " + std::to_string(kLongestRecord / 1024) +
                          " KiB, longer than any qlfit writes (not a CSV export of qlfit)");
      }
      const char c = piece_[at_++];
      if (quoted) {
        if (c == '"' && next_is('"')) {
          cell += '"';
          ++at_;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n')
            ++line_;
          cell += c;
        }
      } else if (c == '"' && cell.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == ',') {
        cells.push_back(std::move(cell));
        cell.clear();
        was_quoted = false;
      } else if (c == '\r' && next_is('\n')) {
        continue;
      } else if (c == '\n' || c == '\r') {  // LF, CRLF, or a lone CR (old Mac files)
        ++line_;
        cells.push_back(std::move(cell));
        return true;
      } else if (was_quoted) {
        fail(started, "a quoted field goes on after its closing quote");
      } else {
        cell += c;
      }
    }
    if (quoted)
      fail(started, "a quoted field is never closed");
    cells.push_back(std::move(cell));
    return true;
  }

 private:
  // Whether text is left, reading the next piece when this one is used up.
  bool more() {
    while (at_ >= piece_.size()) {
      if (ended_)
        return false;
      piece_ = pieces_();
      at_ = 0;
      ended_ = piece_.empty();
      if (first_) {  // a BOM may come in more than one piece
        first_ = false;
        head_ = piece_;
        while (head_.size() < 3 && !ended_) {
          const auto next = pieces_();
          ended_ = next.empty();
          head_ += next;
        }
        piece_ = head_;
        if (piece_.substr(0, 3) == "\xEF\xBB\xBF")
          at_ = 3;
      }
    }
    return true;
  }
  bool next_is(char c) { return more() && piece_[at_] == c; }

  std::function<std::string_view()> pieces_;
  std::string_view file_;
  std::string head_;  // the first piece or pieces, at least 3 bytes (a BOM)
  std::string_view piece_;
  std::size_t at_ = 0;
  std::size_t line_ = 1;
  bool first_ = true;
  bool ended_ = false;
};

}  // namespace

std::string csv_row(const Entry& entry) {
  return entry.id + "," + csv_cell(entry.activity) + "," + std::string(to_string(entry.kind)) +
         "," + iso_datetime(entry.start, entry.offset) + "," +
         std::to_string(entry.duration.count()) + "," +
         (entry.pain ? std::to_string(*entry.pain) : "") + "," +
         (entry.note ? csv_cell(*entry.note) : "") + "," + std::string(to_string(entry.source)) +
         "\r\n";
}

struct CsvRows::Reader : CsvReader {
  using CsvReader::CsvReader;
};

CsvRows::CsvRows(std::function<std::string_view()> pieces, std::string file)
    : file_(std::move(file)), reader_(std::make_unique<Reader>(std::move(pieces), file_)) {
  if (!reader_->record(header_, line_))
    reader_->fail(1, "the file is empty: it needs a header line");
  if (!std::all_of(header_.begin(), header_.end(),
                   [](const std::string& name) { return is_valid_utf8(name); })) {
    reader_->fail(1, "the header is not UTF-8 text");
  }
  for (const std::string_view column : kRequired) {
    if (std::find(header_.begin(), header_.end(), column) == header_.end()) {
      reader_->fail(1, "the header has no column " + quote(column) +
                           " (it needs id,activity,kind,start,duration_s,pain,note)");
    }
  }
}

CsvRows::~CsvRows() = default;

std::optional<ImportRow> CsvRows::next() {
  while (reader_->record(cells_, line_)) {
    if (cells_.size() == 1 && cells_[0].empty())
      continue;  // a blank line
    if (!std::all_of(cells_.begin(), cells_.end(),
                     [](const std::string& cell) { return is_valid_utf8(cell); })) {
      reader_->fail(line_, "the line is not UTF-8 text");
    }
    if (cells_.size() != header_.size()) {
      reader_->fail(line_, "expected " + std::to_string(header_.size()) + " fields, found " +
                               std::to_string(cells_.size()));
    }
    ImportRow row{file_ + ":", line_, {}};
    for (std::size_t i = 0; i < header_.size(); ++i) {
      std::string& cell = cells_[i];
      if (header_[i] == "note" && cell.size() > 1 && cell.front() == '\'' &&
          needs_defusing(std::string_view(cell).substr(1))) {
        cell.erase(0, 1);
      }
      row.fields[header_[i]] = std::move(cell);
    }
    return row;
  }
  return std::nullopt;
}

}  // namespace qlfit::formats
