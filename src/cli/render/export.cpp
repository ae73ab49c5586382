#include "export.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/error.hpp"

#include "text.hpp"

#include <istream>
#include <ostream>
#include <streambuf>

namespace qlfit::cli::render {
namespace {

using Json = nlohmann::ordered_json;

Json optional_value(const auto& value) {
  return value ? Json(*value) : Json(nullptr);
}

[[noreturn]] void bad(std::string_view file, const std::string& what) {
  throw Error(ErrorCode::kInvalidInput, std::string(file) + ": " + what + "; nothing imported");
}

// The text of a JSON scalar as a CSV cell would hold it; null is absent.
std::optional<std::string> field_text(const Json& value) {
  if (value.is_null())
    return std::nullopt;
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_number_integer())
    return std::to_string(value.get<long long>());
  return value.dump();
}

std::optional<date::year_month_day> iso_day(const Json& value) {
  if (!value.is_string())
    return std::nullopt;
  const std::string text = value.get<std::string>();
  unsigned y = 0;
  unsigned m = 0;
  unsigned d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3) {
    return std::nullopt;
  }
  const date::year_month_day day{date::year{static_cast<int>(y)}, date::month{m}, date::day{d}};
  return day.ok() ? std::optional(day) : std::nullopt;
}

}  // namespace

void write_export_json(const ExportData& data, const EachEntry& entries, std::ostream& out) {
  out << "{\n  \"format\": \"qlfit-export\",\n  \"version\": 1,\n  \"entries\": [";
  const char* separator = "\n    ";
  entries([&](const Entry& entry) {
    out << separator;
    write_indented(out,
                   Json{{"id", entry.id},
                        {"activity", entry.activity},
                        {"kind", std::string(to_string(entry.kind))},
                        {"start", iso_datetime(entry.start, entry.offset)},
                        {"duration_s", entry.duration.count()},
                        {"pain", optional_value(entry.pain)},
                        {"note", optional_value(entry.note)}}
                       .dump(2),
                   4);
    separator = ",\n    ";
  });
  out << (separator[0] == ',' ? "\n  ]" : "]");
  Json activities = Json::array();
  for (const Activity& activity : data.activities) {
    activities.push_back({{"name", activity.name},
                          {"kind", std::string(to_string(activity.kind))},
                          {"description", activity.description}});
  }
  Json pauses = Json::array();
  for (const Pause& pause : data.pauses) {
    pauses.push_back({{"from", iso_date(pause.days.first)},
                      {"to", iso_date(pause.days.last)},
                      {"note", optional_value(pause.note)}});
  }
  Json settings = Json::object();
  for (const auto& [key, value] : data.settings)
    settings[key] = value;
  for (const auto& [name, part] : {std::pair<const char*, const Json&>{"activities", activities},
                                   {"pauses", pauses},
                                   {"settings", settings}}) {
    out << ",\n  \"" << name << "\": ";
    write_indented(out, part.dump(2), 2);
  }
  out << "\n}\n";
}

namespace {

// An input stream over the pieces of a file.
class PieceBuffer : public std::streambuf {
 public:
  explicit PieceBuffer(const Pieces& pieces) : pieces_(pieces) {}

 protected:
  int_type underflow() override {
    buffer_.assign(pieces_());
    if (buffer_.empty())
      return traits_type::eof();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + buffer_.size());
    return traits_type::to_int_type(buffer_.front());
  }

 private:
  const Pieces& pieces_;
  std::string buffer_;
};

// Parses the file; `entry` gets each entry (an element of the root array, or of the
// root object's "entries") as soon as it is whole, and the document keeps none of them.
Json parse_dropping_entries(const Pieces& pieces, std::string_view file,
                            const std::function<void(const Json& entry, std::size_t n)>& entry) {
  PieceBuffer buffer(pieces);
  std::istream in(&buffer);
  bool root_array = false;
  std::string key;  // the root object's key being read
  std::size_t n = 0;
  const Json::parser_callback_t drop = [&](int depth, Json::parse_event_t event, Json& parsed) {
    if (depth == 0 && event == Json::parse_event_t::array_start)
      root_array = true;
    if (depth == 1 && event == Json::parse_event_t::key && !root_array)
      key = parsed.get<std::string>();
    const bool an_entry = root_array ? depth == 1 : depth == 2 && key == "entries";
    if (an_entry &&
        (event == Json::parse_event_t::object_end || event == Json::parse_event_t::value)) {
      entry(parsed, ++n);
      return false;
    }
    return true;
  };
  try {
    return Json::parse(in, drop);
  } catch (const Json::parse_error& error) {
    bad(file, "is not JSON (or not UTF-8) near byte " + std::to_string(error.byte));
  }
}

void check_entry(const Json& entry, std::size_t n, std::string_view file) {
  if (!entry.is_object())
    bad(file, "entry " + std::to_string(n) + " is not an object");
}

}  // namespace

Store::ImportExtras json_import_extras(const Pieces& pieces, std::string_view file) {
  const Json document = parse_dropping_entries(
      pieces, file, [file](const Json& entry, std::size_t n) { check_entry(entry, n, file); });
  Store::ImportExtras extras;
  if (document.is_array())
    return extras;
  if (!document.is_object())
    bad(file, "is neither an export document nor an array of entries");
  if (!document.contains("entries") || !document["entries"].is_array()) {
    bad(file, "has no \"entries\" array: give a file from 'qlfit export --format json'");
  }
  const Json activities = document.value("activities", Json::array());
  const Json pauses = document.value("pauses", Json::array());
  if (!activities.is_array() || !pauses.is_array()) {
    bad(file, "\"activities\" and \"pauses\" must be arrays");
  }
  for (const Json& activity : activities) {
    const auto kind = activity.is_object() && activity.value("kind", Json()).is_string()
                          ? kind_from_string(activity["kind"].get<std::string>())
                          : std::nullopt;
    if (!kind || !activity.value("name", Json()).is_string()) {
      bad(file, "an activity needs a name and a kind (session, walk or break)");
    }
    extras.activities.push_back(Activity{activity["name"].get<std::string>(), *kind,
                                         activity.value("description", Json("")).is_string()
                                             ? activity.value("description", std::string())
                                             : std::string()});
  }
  for (const Json& pause : pauses) {
    const auto first = pause.is_object() ? iso_day(pause.value("from", Json())) : std::nullopt;
    const auto last = pause.is_object() ? iso_day(pause.value("to", Json())) : std::nullopt;
    if (!first || !last || *last < *first)
      bad(file, "a pause needs dates \"from\" <= \"to\"");
    const Json note = pause.value("note", Json());
    extras.pauses.push_back(
        Pause{0, DateRange{*first, *last},
              note.is_string() ? std::optional(note.get<std::string>()) : std::nullopt});
  }
  const Json settings = document.value("settings", Json::object());
  if (!settings.is_object())
    bad(file, "\"settings\" must be an object");
  for (const auto& [key, value] : settings.items()) {
    if (!value.is_string())
      bad(file, "setting " + key + " must be a string");
    extras.settings[key] = value.get<std::string>();
  }
  return extras;
}

void json_import_rows(const Pieces& pieces, std::string_view file,
                      const std::function<void(const ImportRow& row)>& each) {
  parse_dropping_entries(pieces, file, [&](const Json& entry, std::size_t n) {
    check_entry(entry, n, file);
    ImportRow row{std::string(file) + ": entry " + std::to_string(n), {}};
    for (const auto& [key, value] : entry.items())
      row.fields[key] = field_text(value);
    each(row);
  });
}

}  // namespace qlfit::cli::render
