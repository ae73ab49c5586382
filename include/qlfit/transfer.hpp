#pragma once

#include "qlfit/files.hpp"
#include "qlfit/import_row.hpp"
#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace qlfit {

// The use cases that move data in and out: import, export and backup.

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
// Calls `each` with every entry as an export writes them: by start, then id (the same
// order on every synced machine), one at a time.
void each_exported_entry(Store& store, const std::function<void(const Entry& entry)>& each);

// Refuses an empty file name (`what` names it: "import", "backup", "--output"):
// Error(kInvalidInput), not a file error whose line names no file.
void check_file_named(const std::string& file, const std::string& what);

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
