#include "export.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/error.hpp"

#include "text.hpp"

#include <ostream>

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

JsonImport parse_json_import(std::string_view text, std::string_view file) {
  Json document;
  try {
    document = Json::parse(text);
  } catch (const Json::parse_error& error) {
    bad(file, "is not JSON (or not UTF-8) near byte " + std::to_string(error.byte));
  }
  JsonImport result;
  const Json* entries = &document;
  if (document.is_object()) {
    if (!document.contains("entries") || !document["entries"].is_array()) {
      bad(file, "has no \"entries\" array: give a file from 'qlfit export --format json'");
    }
    entries = &document["entries"];
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
      result.extras.activities.push_back(
          Activity{activity["name"].get<std::string>(), *kind,
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
      result.extras.pauses.push_back(
          Pause{0, DateRange{*first, *last},
                note.is_string() ? std::optional(note.get<std::string>()) : std::nullopt});
    }
    const Json settings = document.value("settings", Json::object());
    if (!settings.is_object())
      bad(file, "\"settings\" must be an object");
    for (const auto& [key, value] : settings.items()) {
      if (!value.is_string())
        bad(file, "setting " + key + " must be a string");
      result.extras.settings[key] = value.get<std::string>();
    }
  }
  if (!entries->is_array())
    bad(file, "is neither an export document nor an array of entries");
  std::size_t number = 0;
  for (const Json& entry : *entries) {
    ++number;
    if (!entry.is_object())
      bad(file, "entry " + std::to_string(number) + " is not an object");
    ImportRow row{std::string(file) + ": entry " + std::to_string(number), {}};
    for (const auto& [key, value] : entry.items())
      row.fields[key] = field_text(value);
    result.rows.push_back(std::move(row));
  }
  return result;
}

}  // namespace qlfit::cli::render
