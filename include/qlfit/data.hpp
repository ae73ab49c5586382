#pragma once

#include "qlfit/entry.hpp"
#include "qlfit/files.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/store.hpp"
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

// The entry an ID names: all digits is the short number; otherwise a unique prefix
// of at least 4 hex digits of its UUID. Unknown or ambiguous: Error(kInvalidInput)
// naming the ID (digits that number no entry but begin ids: naming those entries and a
// prefix with a non-digit that names each).
Entry find_entry(Store& store, std::string_view id);

struct EditRequest {
  std::string id;
  std::optional<std::string> at;        // WHEN
  std::optional<std::string> for_;      // DURATION
  std::optional<std::string> minutes;   // 1-1440
  std::optional<std::string> pain;      // 0-10, or "none" to clear
  std::optional<std::string> note;      // "" clears
  std::optional<std::string> activity;  // another activity (its kind follows)
};

struct Edited {
  Entry entry;  // as it is now
  std::vector<std::string>
      changes;  // "start Tue 24 Nov 07:30 -> 08:00", ... (empty: nothing changed)
};

// Changes the entry an ID names; it keeps its number and UUID. Nothing asked to
// change: Error(kInvalidInput).
Edited edit_entry(Store& store, const EditRequest& request, const TimeContext& context);

// Removes the entries the IDs name, all of them or, if any is unknown, none
// (Error(kInvalidInput) naming it). Returns them in the order given.
std::vector<Entry> remove_entries(Store& store, const std::vector<std::string>& ids);

// One record of an import file, its fields as text, before checking.
struct ImportRow {
  std::string prefix;       // "FILE:" (then a line) or "FILE: entry " (then its number)
  std::size_t ordinal = 0;  // its line, or its number among the file's entries
  std::map<std::string, std::optional<std::string>> fields;  // absent or null: nullopt

  // "FILE:LINE" or "FILE: entry N", for error lines.
  std::string where() const { return prefix + std::to_string(ordinal); }
};

// What a numeric field of an import must hold ("whole seconds from 1 to 86400"), for
// error lines; empty for other fields.
std::string_view import_field_rule(std::string_view field);

// Checks each row as it comes and adds the new ones, all in one transaction (all or
// nothing): by UUID, an entry already present is left as it is and counted. Rows are held
// to the command line's rules. A bad row, or one id on two rows: Error(kInvalidInput)
// "FILE:LINE: what is wrong; nothing imported" (a note is never quoted). `extras`, when
// given, is asked once the rows are done for what a JSON export adds (activities with
// descriptions, pauses, settings); they are held to `activity add`, `--note` and
// `config set` (against the settings the database will then hold).
// Hands rows, one at a time, to the function it is given.
using RowFeed = std::function<void(const std::function<void(const ImportRow& row)>& each)>;
using ExtrasFeed = std::function<Store::ImportExtras()>;
Store::ImportCount import_rows(Store& store, const std::string& file, const RowFeed& rows,
                               const ExtrasFeed& extras, bool dry_run, const TimeContext& context);

// What `export --format json` writes besides the entries (which are read one at a
// time with Store::each_entry, so an export of any size fits in memory).
struct ExportData {
  std::vector<Activity> activities;
  std::vector<Pause> pauses;
  std::map<std::string, std::string> settings;
};
ExportData export_data(Store& store);

// Refuses an output file (`what` names it in the message: "backup", "--output") that is
// the database at `db_path` or its -wal, -shm or -journal file, by whatever path:
// Error(kInvalidInput), before anything is written.
void check_output_target(Files& files, const std::string& output, const std::string& db_path,
                         const std::string& what);

// Writes a consistent copy of the database at `db_path` to `path` (0600, all or
// nothing); a `path` that is the database itself is refused (check_output_target).
void backup_database(Store& store, Files& files, const std::string& path,
                     const std::string& db_path);

}  // namespace qlfit
