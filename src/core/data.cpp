#include "qlfit/data.hpp"

#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/text.hpp"
#include "qlfit/tracker.hpp"

#include <algorithm>
#include <set>

namespace qlfit {
namespace {

bool all_of(std::string_view text, std::string_view allowed) {
  return !text.empty() && text.find_first_not_of(allowed) == std::string_view::npos;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_uuid(std::string_view id) {
  if (id.size() != 36)
    return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (id[i] == '-'))
      return false;
    if (!dash && !all_of(id.substr(i, 1), "0123456789abcdef"))
      return false;
  }
  return true;
}

[[noreturn]] void bad_field(const ImportRow& row, std::string_view field, std::string_view value,
                            std::string_view reason) {
  throw Error(ErrorCode::kInvalidInput, row.where() + ": " + std::string(field) + " " +
                                            quote(value) + ": " + std::string(reason) +
                                            "; nothing imported");
}

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
  if (!all_of(text, "0123456789") || text.size() > 9)
    return std::nullopt;
  long value = 0;
  for (const char c : text)
    value = value * 10 + (c - '0');
  if (value < lo || value > hi)
    return std::nullopt;
  return value;
}

Entry checked_entry(const ImportRow& row, const TimeContext& context) {
  Entry entry;
  entry.id = lower(required(row, "id"));
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

// How to name, by its id, an entry whose UUID starts with the digits `id`: all digits
// are an entry number, so a prefix needs a letter or a dash. Names at most three.
std::string id_prefix_hint(Store& store, std::string_view id) {
  constexpr std::size_t kShown = 3;
  const auto found = id.size() < 4 ? std::vector<Entry>{}
                                   : store.entries_with_id_prefix(std::string(id), kShown + 1);
  if (found.empty())
    return "; see 'qlfit list' for the numbers";
  // The shortest prefix that has a non-digit and names one of `found` alone.
  const auto prefix_of = [&found, &id](const Entry& entry) {
    std::size_t size = std::max(id.size(), entry.id.find_first_not_of("0123456789") + 1);
    while (size < entry.id.size() &&
           std::any_of(found.begin(), found.end(), [&](const Entry& other) {
             return other.n != entry.n && other.id.compare(0, size, entry.id, 0, size) == 0;
           })) {
      ++size;
    }
    return entry.id.substr(0, size);
  };
  std::string numbers;
  std::string examples;
  for (std::size_t i = 0; i < std::min(found.size(), kShown); ++i) {
    const std::string number = "#" + std::to_string(found[i].n);
    numbers += (i == 0 ? "" : ", ") + number;
    examples +=
        (i == 0 ? "" : ", ") + prefix_of(found[i]) + (found.size() > 1 ? " for " + number : "");
  }
  if (found.size() > kShown)
    numbers += " and more";
  const std::string whose = found.size() == 1 ? "entry " + numbers + "'s id starts"
                                              : "the ids of entries " + numbers + " start";
  return ", but " + whose + " with " + std::string(id) +
         ": all digits name an entry number, so give a prefix that is not all digits, e.g. " +
         examples;
}

}  // namespace

std::string_view import_field_rule(std::string_view field) {
  if (field == "duration_s")
    return "whole seconds from 1 to 86400";
  if (field == "pain")
    return "empty or a whole number from 0 to 10";
  return "";
}

Entry find_entry(Store& store, std::string_view id) {
  if (all_of(id, "0123456789") && id.size() <= 18) {
    const auto n = parse_whole_number(id, "the entry number", 0, 999'999'999'999'999'999);
    if (auto entry = store.entry_numbered(n))
      return *entry;
    throw Error(ErrorCode::kInvalidInput,
                "no entry #" + std::string(id) + id_prefix_hint(store, id));
  }
  const std::string prefix = lower(id);
  if (prefix.size() < 4 || prefix.size() > 36 || !all_of(prefix, "0123456789abcdef-")) {
    throw Error(ErrorCode::kInvalidInput,
                quote(id) +
                    " is not an entry: give its number from 'qlfit list' or at least 4 "
                    "hex digits of its id");
  }
  const auto found = store.entries_with_id_prefix(prefix, 2);
  if (found.empty()) {
    throw Error(ErrorCode::kInvalidInput, "no entry has an id starting with " + quote(id));
  }
  if (found.size() > 1) {
    throw Error(ErrorCode::kInvalidInput,
                "more than one entry has an id starting with " + quote(id) + "; give more digits");
  }
  return found.front();
}

Edited edit_entry(Store& store, const EditRequest& request, const TimeContext& context) {
  if (!request.at && !request.for_ && !request.minutes && !request.pain && !request.note &&
      !request.activity) {
    throw Error(ErrorCode::kInvalidInput,
                "nothing to change: give --at, --for, --minutes, --pain, --note or --activity");
  }
  if (request.for_ && request.minutes) {
    throw Error(ErrorCode::kInvalidInput, "give either --for or --minutes, not both");
  }
  Entry entry = find_entry(store, request.id);
  const Entry before = entry;
  Edited edited;
  if (request.at) {
    const Moment moment = parse_at(*request.at, context);
    entry.start = moment.instant;
    entry.offset = moment.offset;
    entry.local_date = moment.local_date();
  }
  if (request.for_)
    entry.duration = parse_duration(*request.for_, "--for");
  if (request.minutes) {
    entry.duration =
        std::chrono::minutes{parse_whole_number(*request.minutes, "--minutes", 1, 1440)};
  }
  if (request.pain) {
    entry.pain = *request.pain == "none" ? std::nullopt
                                         : std::optional<int>(static_cast<int>(
                                               parse_whole_number(*request.pain, "--pain", 0, 10)));
  }
  if (request.note) {
    entry.note = request.note->empty() ? std::nullopt : std::optional(parse_note(*request.note));
  }
  if (request.activity && *request.activity != entry.activity) {
    // Moving an entry into an activity gives it a new entry, as `log` would.
    const Activity activity = open_activity(store, *request.activity);
    entry.activity = activity.name;
    entry.kind = activity.kind;
  }
  const auto change = [&edited](const std::string& field, const std::string& was,
                                const std::string& now) {
    if (was != now)
      edited.changes.push_back(field + " " + was + " -> " + now);
  };
  const auto pain_text = [](const Entry& e) { return e.pain ? std::to_string(*e.pain) : "none"; };
  const auto note_text = [](const Entry& e) { return e.note ? quote(*e.note) : "none"; };
  change("activity", before.activity, entry.activity);
  change("start", iso_datetime(before.start, before.offset),
         iso_datetime(entry.start, entry.offset));
  change("length", format_duration(before.duration), format_duration(entry.duration));
  change("pain", pain_text(before), pain_text(entry));
  change("note", note_text(before), note_text(entry));
  if (!edited.changes.empty())
    store.update(entry);
  edited.entry = entry;
  return edited;
}

std::vector<Entry> remove_entries(Store& store, const std::vector<std::string>& ids) {
  std::vector<Entry> found;
  std::set<std::int64_t> seen;
  std::vector<std::int64_t> numbers;
  for (const std::string& id : ids) {
    Entry entry = find_entry(store, id);
    if (seen.insert(entry.n).second) {
      numbers.push_back(entry.n);
      found.push_back(std::move(entry));
    }
  }
  store.remove(numbers);
  return found;
}

Store::ImportCount import_rows(Store& store, const std::string& file, const RowFeed& rows,
                               const ExtrasFeed& extras, bool dry_run, const TimeContext& context) {
  const std::map<std::string, std::string> before = store.settings();
  const Settings current = settings_from(before);
  std::map<std::string, Kind, std::less<>> kinds;  // each activity's kind in this file
  std::string prefix;                              // of the rows' places, for a repeated id
  const auto feed = [&](const Store::ImportAdd& add) {
    rows([&](const ImportRow& row) {
      const Entry entry = checked_entry(row, context);
      const auto [known, added] = kinds.try_emplace(entry.activity, entry.kind);
      if (!added && known->second != entry.kind) {
        bad_field(row, "kind", to_string(entry.kind),
                  "the file already gave activity " + quote(entry.activity) + " the kind " +
                      std::string(to_string(known->second)));
      }
      if (const auto earlier = add(entry, row.ordinal)) {
        throw Error(ErrorCode::kInvalidInput,
                    row.where() + ": id " + entry.id + " is also the id of " + row.prefix +
                        std::to_string(*earlier) + "; one id is one entry; nothing imported");
      }
    });
  };
  const auto checked_extras = [&] {
    Store::ImportExtras more = extras ? extras() : Store::ImportExtras{};
    try {
      for (Activity& activity : more.activities) {
        check_activity_name(activity.name);
        activity.description = parse_note(activity.description, "an activity's description");
        const auto known = kinds.find(activity.name);
        if (known != kinds.end() && known->second != activity.kind) {
          throw Error(ErrorCode::kInvalidInput,
                      "activity " + quote(activity.name) + " is a " +
                          std::string(to_string(activity.kind)) +
                          " in the file's activities, but its entries say " +
                          std::string(to_string(known->second)));
        }
      }
      for (Pause& pause : more.pauses) {
        if (pause.note)
          pause.note = parse_note(*pause.note, "a pause's note");
      }
      // As `config set` would take them, against what the database will hold after.
      const Settings after = with_settings(current, more.settings);
      for (auto& [key, value] : more.settings)
        value = setting_value(after, key);
    } catch (const Error& error) {
      if (error.code() != ErrorCode::kInvalidInput)
        throw;
      throw Error(ErrorCode::kInvalidInput, file + ": " + error.what() + "; nothing imported");
    }
    return more;
  };
  return store.import(feed, checked_extras, dry_run);
}

ExportData export_data(Store& store) {
  // Built-in activities first, the rest by name: the same order on every synced machine
  // (the order they were added differs from machine to machine).
  std::vector<Activity> activities = store.activities();
  std::stable_sort(activities.begin(), activities.end(), [](const Activity& a, const Activity& b) {
    return a.builtin != b.builtin ? a.builtin : !a.builtin && a.name < b.name;
  });
  return ExportData{activities, store.pauses(), store.settings()};
}

void check_output_target(Files& files, const std::string& output, const std::string& db_path,
                         const std::string& what) {
  for (const char* companion : {"", "-wal", "-shm", "-journal"}) {
    if (files.same_file(output, db_path + companion)) {
      throw Error(ErrorCode::kInvalidInput,
                  what + " " + quote(output) + " is the database " + quote(db_path + companion) +
                      " itself; choose another file (nothing was written)");
    }
  }
}

void backup_database(Store& store, Files& files, const std::string& path,
                     const std::string& db_path) {
  check_output_target(files, path, db_path, "backup");
  files.replace(path, [&store](const std::string& temporary) { store.backup(temporary); });
}

}  // namespace qlfit
