#include "qlfit/data.hpp"

#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/text.hpp"

#include <algorithm>

namespace qlfit {
namespace {

// Far above the longest row an export writes (a 2000-byte note of quotes doubles to
// 4000), so a file with no line ends (/dev/zero) stops here, in bounded memory.
constexpr std::size_t kLongestRecord = std::size_t{64} * 1024;

constexpr std::string_view kRequired[] = {"id", "activity", "kind", "start", "duration_s"};

bool is_uuid(std::string_view id) {
  if (id.size() != 36)
    return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (id[i] == '-'))
      return false;
    if (!dash && !consists_of(id.substr(i, 1), "0123456789abcdef"))
      return false;
  }
  return true;
}

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

}  // namespace

[[noreturn]] void bad_field(const ImportRow& row, std::string_view field, std::string_view value,
                            std::string_view reason) {
  throw Error(ErrorCode::kInvalidInput, row.where() + ": " + std::string(field) + " " +
                                            quote(value) + ": " + std::string(reason) +
                                            "; nothing imported");
}

namespace {

// A note is private: what is wrong with it, never what it says.
[[noreturn]] void bad_text(const ImportRow& row, const Error& error) {
  throw Error(ErrorCode::kInvalidInput, row.where() + ": " + error.what() + "; nothing imported");
}

std::string required(const ImportRow& row, std::string_view field) {
  const auto found = row.fields.find(std::string(field));
  if (found == row.fields.end() || !found->second || found->second->empty()) {
    bad_field(row, field, "", "is required");
  }
  return *found->second;
}

std::optional<std::string> optional_field(const ImportRow& row, std::string_view field) {
  const auto found = row.fields.find(std::string(field));
  if (found == row.fields.end() || !found->second || found->second->empty())
    return std::nullopt;
  return found->second;
}

std::optional<long> whole(std::string_view text, long lo, long hi) {
  if (!consists_of(text, "0123456789") || text.size() > 9)
    return std::nullopt;
  long value = 0;
  for (const char c : text)
    value = value * 10 + (c - '0');
  if (value < lo || value > hi)
    return std::nullopt;
  return value;
}

}  // namespace

Entry checked_entry(const ImportRow& row, const TimeContext& context) {
  Entry entry;
  entry.id = ascii_lower(required(row, "id"));
  if (!is_uuid(entry.id)) {
    bad_field(row, "id", entry.id, "must be a UUID such as 6ed672a2-866a-4695-92da-7810ba978d12");
  }
  entry.activity = required(row, "activity");
  try {
    check_activity_name(entry.activity);
  } catch (const Error& error) {
    bad_text(row, error);
  }
  const std::string kind = required(row, "kind");
  const auto parsed_kind = kind_from_string(kind);
  if (!parsed_kind)
    bad_field(row, "kind", kind, "must be session, walk or break");
  entry.kind = *parsed_kind;
  const std::string start = required(row, "start");
  Moment moment;
  try {
    moment = parse_offset_time(start, "start");
  } catch (const Error&) {
    bad_field(row, "start", start,
              "must be an ISO 8601 time with its offset, such as "
              "2026-11-24T07:30:00+01:00");
  }
  entry.start = moment.instant;
  entry.offset = moment.offset;
  entry.local_date = moment.local_date();
  const std::string duration = required(row, "duration_s");
  const auto seconds = whole(duration, 1, 86400);
  if (!seconds)
    bad_field(row, "duration_s", duration,
              "must be " + std::string(import_field_rule("duration_s")));
  entry.duration = std::chrono::seconds{*seconds};
  if (const auto pain = optional_field(row, "pain")) {
    const auto level = whole(*pain, 0, 10);
    if (!level)
      bad_field(row, "pain", *pain, "must be " + std::string(import_field_rule("pain")));
    entry.pain = static_cast<int>(*level);
  }
  if (const auto note = optional_field(row, "note")) {
    try {
      entry.note = parse_note(*note, "note");
    } catch (const Error& error) {
      bad_text(row, error);
    }
  }
  // Files written before entries had a source (or by hand) mean typed entries.
  if (const auto source = optional_field(row, "source")) {
    const auto parsed = source_from_string(*source);
    if (!parsed)
      bad_field(row, "source", *source, "must be manual, timer or away");
    entry.source = *parsed;
  }
  entry.created = context.now;
  return entry;
}

namespace {

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

std::string_view import_field_rule(std::string_view field) {
  if (field == "duration_s")
    return "whole seconds from 1 to 86400";
  if (field == "pain")
    return "empty or a whole number from 0 to 10";
  return "";
}

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

}  // namespace qlfit
