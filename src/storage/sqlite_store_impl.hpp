#pragma once

// The SQLite store: one class, its queries defined by noun in entry_queries.cpp,
// state_queries.cpp (activities, settings, the timer, away, pauses) and
// transfer_queries.cpp (import, backup); sqlite_store.cpp opens the file on first use
// (database_file.cpp is everything about the file before the first query).
#include "qlfit/history.hpp"

#include "database_file.hpp"
#include "oplog.hpp"
#include "sqlite_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <optional>
#include <set>
#include <string>

namespace qlfit::storage {

class SqliteStore final : public LoggedStore {
 public:
  // Opens the file for `least` now, or, when `lazy`, on the first query (opened()).
  SqliteStore(std::string path, Access least, bool own_folder, bool lazy);

  std::optional<Activity> find_activity(std::string_view name) override;
  std::vector<Activity> activities() override;
  Entry add(const NewEntry& fresh) override;
  std::optional<Entry> remove_last() override;
  void each_fact(const EntryFilter& filter,
                 const std::function<void(const Fact& fact)>& each) override;
  void each_entry(const EntryFilter& filter,
                  const std::function<void(const Entry& entry)>& each) override;
  bool add_activity(const Activity& activity) override;
  std::size_t entry_count(const std::string& activity) override;
  bool remove_activity(const std::string& name, bool archive) override;
  std::optional<date::year_month_day> first_local_date() override;
  std::optional<Entry> entry_numbered(std::int64_t n) override;
  std::vector<Entry> entries_with_id_prefix(const std::string& prefix, std::size_t limit) override;
  void update(const Entry& entry) override;
  std::size_t remove(const std::vector<std::int64_t>& ns) override;
  ImportCount import(const EntryFeed& entries, const std::function<ImportExtras()>& extras,
                     bool dry_run) override;
  void backup(const std::string& path) override;
  std::map<std::string, std::string> settings() override;
  void set_setting(const std::string& key, const std::string& value) override;
  bool unset_setting(const std::string& key) override;
  std::optional<Timer> timer() override;
  bool start_timer(const Timer& timer) override;
  std::optional<Entry> finish_timer(const NewEntry& entry) override;
  std::optional<Timer> cancel_timer() override;
  std::optional<AwayPeriod> away() override;
  std::optional<date::sys_seconds> back_at() override;
  bool begin_away(const AwayPeriod& period) override;
  std::optional<EndedAway> end_away(std::optional<date::sys_seconds> back,
                                    const NaturalBreak& natural_break) override;
  Pause add_pause(const DateRange& days, const std::optional<std::string>& note) override;
  std::vector<Pause> pauses() override;
  std::optional<Pause> remove_pause(std::int64_t n) override;
  std::optional<Undone> undo() override;
  SyncReport sync(const std::string& dir) override;
  std::optional<std::string> sync_dir() override;
  SyncStatus sync_status() override;
  void record_changes_at(date::sys_seconds now) override;

 private:
  // Makes the file open for at least `need` (at least the store's `least`): opened on
  // first use, and reopened when a reader is asked to write.
  void opened(Access need);

  // Creates the activity an imported entry names when it is missing (returns true);
  // refuses one that is here with another kind.
  bool add_missing_activity(const Activity& activity);

  bool add_missing_activity(const Entry& entry);

  // An import's activities, pauses and settings, inside its transaction; counts what it
  // added into `count`.
  void add_extras(const ImportExtras& extras, ImportCount& count);

  Pause read_pause(SQLite::Statement& row);

  // Inserts inside the caller's transaction (recording it); returns the new entry.
  Entry insert_entry(const NewEntry& fresh);

  // Removes one entry inside the caller's transaction, recording it.
  void remove_entry(const std::string& id);

  // Stores one setting inside the caller's transaction, recording it.
  // Returns true when the value changed.
  bool put_setting(const std::string& key, const std::string& value);

  // The entry just written in this transaction.
  Entry written(std::int64_t n);

  void bind_entry(SQLite::Statement& statement, const Entry& entry);

  std::string path_;
  Access least_;
  bool own_folder_;
  bool lazy_;
  std::unique_ptr<DatabaseFile> file_;
  std::unique_ptr<OpLog> log_;
  Access open_for_ = Access::kRead;
  bool on_file_ = false;  // a file was at path_ when it was opened
  std::optional<date::sys_seconds> changes_at_;
  std::set<std::string, std::less<>> created_;  // activities created by this import
};

}  // namespace qlfit::storage
