#include "qlfit/transfer.hpp"

#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/text.hpp"

#include <algorithm>

namespace qlfit {

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

void each_exported_entry(Store& store, const std::function<void(const Entry& entry)>& each) {
  EntryFilter all;
  all.same_everywhere = true;
  store.each_entry(all, each);
}

void check_file_named(const std::string& file, const std::string& what) {
  if (file.empty())
    throw Error(ErrorCode::kInvalidInput, what + " needs a file name, got an empty one");
}

void check_output_target(Files& files, const std::string& output, const std::string& db_path,
                         const std::string& what) {
  check_file_named(output, what);
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
