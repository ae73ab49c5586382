#include "export_json.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/error.hpp"

#include "json_writer.hpp"

#include <nlohmann/json.hpp>

#include <istream>
#include <ostream>
#include <streambuf>

namespace qlfit::formats {
namespace {

using Json = nlohmann::ordered_json;

[[noreturn]] void bad(std::string_view file, const std::string& what) {
  throw Error(ErrorCode::kInvalidInput, std::string(file) + ": " + what + "; nothing imported");
}

std::optional<date::year_month_day> iso_day(const Json& value) {
  if (!value.is_string())
    return std::nullopt;
  return parse_iso_date(value.get<std::string>());
}

}  // namespace

void write_export_json(const ExportData& data, const EachEntry& entries, std::ostream& out) {
  JsonWriter json(out);
  json.begin_object();
  json.key("format").value("qlfit-export");
  json.key("version").value(1);
  json.key("entries").begin_array();
  entries([&](const Entry& entry) {
    json.begin_object();
    json.key("id").value(entry.id);
    json.key("activity").value(entry.activity);
    json.key("kind").value(to_string(entry.kind));
    json.key("start").value(iso_datetime(entry.start, entry.offset));
    json.key("duration_s").value(entry.duration.count());
    json.key("pain").value(entry.pain);
    json.key("note").value(entry.note);
    json.key("source").value(to_string(entry.source));
    json.end_object();
  });
  json.end_array();
  json.key("activities").begin_array();
  for (const Activity& activity : data.activities) {
    json.begin_object();
    json.key("name").value(activity.name);
    json.key("kind").value(to_string(activity.kind));
    json.key("description").value(activity.description);
    json.end_object();
  }
  json.end_array();
  json.key("pauses").begin_array();
  for (const Pause& pause : data.pauses) {
    json.begin_object();
    json.key("from").value(iso_date(pause.days.first));
    json.key("to").value(iso_date(pause.days.last));
    json.key("note").value(pause.note);
    json.end_object();
  }
  json.end_array();
  json.key("settings").begin_object();
  for (const auto& [key, value] : data.settings)
    json.key(key).value(value);
  json.end_object();
  json.end_object();
  out << '\n';
}

namespace {

// No valid token of an import is near this long (a 2000-byte note of \uXXXX escapes is
// 12 KB): past it without one whole, the reader stops, in bounded memory.
constexpr std::size_t kLongestToken = std::size_t{1024} * 1024;
// An export nests three deep: the document, its arrays, their objects.
constexpr int kDeepest = 2;

// An input stream over the pieces of a file, counting what it hands out since the
// parser last finished something.
class PieceBuffer : public std::streambuf {
 public:
  PieceBuffer(const Pieces& pieces, std::string_view file) : pieces_(pieces), file_(file) {}
  void something_finished() { unfinished_ = 0; }

 protected:
  int_type underflow() override {
    unfinished_ += buffer_.size();
    if (unfinished_ > kLongestToken)
      bad(file_, "holds a value longer than any qlfit writes (over 1 MiB)");
    buffer_.assign(pieces_());
    if (buffer_.empty())
      return traits_type::eof();
    setg(buffer_.data(), buffer_.data(), buffer_.data() + buffer_.size());
    return traits_type::to_int_type(buffer_.front());
  }

 private:
  const Pieces& pieces_;
  std::string_view file_;
  std::string buffer_;
  std::size_t unfinished_ = 0;
};

// The text of an entry's field as a CSV cell would hold it; null is absent. Fields the
// export writes as strings must be strings, and numbers whole numbers.
std::optional<std::string> field_text(const std::string& key, const Json& value,
                                      const std::string& where) {
  if (value.is_null())
    return std::nullopt;
  const bool number = key == "duration_s" || key == "pain";
  if (number && value.is_number_unsigned())
    return std::to_string(value.get<unsigned long long>());
  if (number && value.is_number_integer())
    return std::to_string(value.get<long long>());
  if (!number && value.is_string())
    return value.get<std::string>();
  if (number || key == "id" || key == "activity" || key == "kind" || key == "start" ||
      key == "note" || key == "source") {
    throw Error(ErrorCode::kInvalidInput,
                where + ": " + key + " must be " +
                    (number ? std::string(import_field_rule(key)) : "a string or null") +
                    "; nothing imported");
  }
  return value.dump();  // a field the import does not read
}

// Another program's document, or a newer qlfit's export, is not read as this one; an
// export names its format and version before its entries, so they are refused before an
// entry of another shape is read as one of this version's.
void check_header(const std::string& key, const Json& value, std::string_view file) {
  if (key == "format" && value != "qlfit-export")
    bad(file, "is not a qlfit export: its \"format\" is not \"qlfit-export\"");
  if (key != "version" || value == 1)
    return;
  if (!value.is_number_integer())
    bad(file, "is not a qlfit export: its \"version\" is not a whole number");
  bad(file, "is version " + value.dump() +
                " of the export, and this qlfit reads version 1: import it with a newer qlfit");
}

// What an import document holds besides its entries.
Store::ImportExtras extras_of(const Json& document, std::string_view file) {
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
    const Json description = activity.value("description", Json(""));
    if (!description.is_string())
      bad(file, "an activity's description must be a string");
    extras.activities.push_back(
        Activity{activity["name"].get<std::string>(), *kind, description.get<std::string>()});
  }
  for (const Json& pause : pauses) {
    const auto first = pause.is_object() ? iso_day(pause.value("from", Json())) : std::nullopt;
    const auto last = pause.is_object() ? iso_day(pause.value("to", Json())) : std::nullopt;
    if (!first || !last || *last < *first)
      bad(file, "a pause needs dates \"from\" <= \"to\"");
    const Json note = pause.value("note", Json());
    if (!note.is_null() && !note.is_string())
      bad(file, "a pause's note must be a string or null");
    extras.pauses.push_back(
        Pause{0, DateRange{*first, *last},
              note.is_string() ? std::optional(note.get<std::string>()) : std::nullopt, ""});
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

}  // namespace

Store::ImportExtras json_import(const Pieces& pieces, std::string_view file,
                                const std::function<void(const ImportRow& row)>& each) {
  PieceBuffer buffer(pieces, file);
  std::istream in(&buffer);
  bool root_array = false;
  std::string root_key;  // the root object's key being read
  std::string key;       // the last key read anywhere
  std::size_t n = 0;
  const std::string prefix = std::string(file) + ": entry ";
  const Json::parser_callback_t read = [&](int depth, Json::parse_event_t event, Json& parsed) {
    buffer.something_finished();
    if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
        depth > kDeepest) {
      bad(file, "is nested deeper than an export of qlfit is");
    }
    if (depth == 0 && event == Json::parse_event_t::array_start)
      root_array = true;
    if (event == Json::parse_event_t::key) {
      key = parsed.get<std::string>();
      if (depth == 1 && !root_array)
        root_key = key;
    }
    if (depth == 1 && !root_array &&
        (event == Json::parse_event_t::value || event == Json::parse_event_t::object_end ||
         event == Json::parse_event_t::array_end)) {
      check_header(root_key, parsed, file);
    }
    const bool an_entry = root_array ? depth == 1 : depth == 2 && root_key == "entries";
    if (an_entry &&
        (event == Json::parse_event_t::object_end || event == Json::parse_event_t::array_end ||
         event == Json::parse_event_t::value)) {
      ImportRow row{prefix, ++n, {}};
      if (!parsed.is_object())
        bad(file, "entry " + std::to_string(n) + " is not an object");
      for (const auto& [name, value] : parsed.items())
        row.fields[name] = field_text(name, value, row.where());
      each(row);
      return false;  // handed on: the document keeps none of its entries
    }
    return true;
  };
  Json document;
  try {
    document = Json::parse(in, read);
  } catch (const Json::parse_error& error) {
    bad(file, "is not JSON (or not UTF-8) near byte " + std::to_string(error.byte));
  } catch (const Json::out_of_range&) {
    const std::string rule(import_field_rule(key));
    bad(file, "entry " + std::to_string(n + 1) + ": " + key + " holds a number too large" +
                  (rule.empty() ? std::string() : ": it must be " + rule));
  }
  return extras_of(document, file);
}

}  // namespace qlfit::formats
