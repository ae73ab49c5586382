#pragma once

#include "qlfit/history.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/when.hpp"

#include "run.hpp"

#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace qlfit::cli {

// Opens the database only when a command first touches it: reads of a missing file
// see an empty database and create nothing; the first write opens it for writing.
class LazyStore final : public LoggedStore {
 public:
  // `least`: how the file is opened even for reading (kModify for a command that will
  // change it, so that it opens once).
  LazyStore(StoreAccess access, std::string path, bool own_folder, StoreMode least)
      : access_(std::move(access)),
        path_(std::move(path)),
        own_folder_(own_folder),
        least_(least) {}

  std::optional<Activity> find_activity(std::string_view name) override {
    return reader().find_activity(name);
  }
  std::vector<Activity> activities() override { return reader().activities(); }
  bool add_activity(const Activity& activity) override { return writer().add_activity(activity); }
  std::size_t entry_count(const std::string& activity) override {
    return reader().entry_count(activity);
  }
  bool remove_activity(const std::string& name, bool archive) override {
    return remover().remove_activity(name, archive);
  }
  Entry add(const NewEntry& entry) override { return writer().add(entry); }
  std::optional<Entry> remove_last() override { return remover().remove_last(); }
  void each_fact(const EntryFilter& filter,
                 const std::function<void(const Fact& fact)>& each) override {
    reader().each_fact(filter, each);
  }
  void each_entry(const EntryFilter& filter,
                  const std::function<void(const Entry& entry)>& each) override {
    reader().each_entry(filter, each);
  }
  std::optional<Entry> entry_numbered(std::int64_t n) override {
    return reader().entry_numbered(n);
  }
  std::optional<date::year_month_day> first_local_date() override {
    return reader().first_local_date();
  }
  std::vector<Entry> entries_with_id_prefix(const std::string& prefix, std::size_t limit) override {
    return reader().entries_with_id_prefix(prefix, limit);
  }
  void update(const Entry& entry) override { writer().update(entry); }
  std::size_t remove(const std::vector<std::int64_t>& ns) override { return remover().remove(ns); }
  ImportCount import(const EntryFeed& entries, const std::function<ImportExtras()>& extras,
                     bool dry_run) override {
    return (dry_run ? opened(StoreMode::kTry) : opened(StoreMode::kImport))
        .import(entries, extras, dry_run);
  }
  void backup(const std::string& path) override;
  std::map<std::string, std::string> settings() override { return reader().settings(); }
  void set_setting(const std::string& key, const std::string& value) override {
    writer().set_setting(key, value);
  }
  bool unset_setting(const std::string& key) override { return remover().unset_setting(key); }
  std::optional<Timer> timer() override { return reader().timer(); }
  bool start_timer(const Timer& timer) override { return writer().start_timer(timer); }
  std::optional<Entry> finish_timer(const NewEntry& entry) override {
    return writer().finish_timer(entry);
  }
  std::optional<Timer> cancel_timer() override { return remover().cancel_timer(); }
  std::optional<AwayPeriod> away() override { return reader().away(); }
  bool begin_away(const AwayPeriod& period) override { return writer().begin_away(period); }
  std::optional<AwayPeriod> end_away() override { return remover().end_away(); }
  Pause add_pause(const DateRange& days, const std::optional<std::string>& note) override {
    return writer().add_pause(days, note);
  }
  std::vector<Pause> pauses() override { return reader().pauses(); }
  std::optional<Pause> remove_pause(std::int64_t n) override { return remover().remove_pause(n); }
  std::optional<Undone> undo() override { return remover().undo(); }
  SyncReport sync(const std::string& dir) override { return writer().sync(dir); }
  SyncStatus sync_status() override { return reader().sync_status(); }
  std::optional<std::string> sync_dir() override { return reader().sync_dir(); }
  void record_changes_at(date::sys_seconds now) override {
    changes_at_ = now;
    if (store_)
      store_->record_changes_at(now);
  }

 private:
  // The store, opened for at least `mode` (a reader is reopened to write).
  LoggedStore& opened(StoreMode mode);
  LoggedStore& reader() { return opened(StoreMode::kRead); }
  LoggedStore& writer() { return opened(StoreMode::kWrite); }
  // Removals need no file of their own: a missing database has nothing to remove.
  LoggedStore& remover() { return opened(StoreMode::kModify); }

  StoreAccess access_;
  std::string path_;
  bool own_folder_ = false;
  StoreMode least_ = StoreMode::kRead;
  std::unique_ptr<LoggedStore> store_;
  StoreMode mode_ = StoreMode::kRead;
  bool on_file_ = false;
  std::optional<date::sys_seconds> changes_at_;
};

// Options every command takes, before or after its name.
struct GlobalOptions {
  std::string db;
  std::string color = "auto";
};

// Everything a command may use, each part made on first use.
class Session {
 public:
  Session(const Environment& environment, const Outside& outside, std::ostream& out_stream,
          std::ostream& err_stream)
      : environment_(environment), outside_(outside), out(out_stream), err(err_stream) {}

  void set_globals(const GlobalOptions& globals) { globals_ = globals; }

  Store& store();
  // The same database's record of changes, for undo and sync.
  History& history();
  // Says, before the store is first used, that this command changes the database, so
  // an existing file is opened once, for writing (a missing one is still created only
  // by the first write).
  void will_change() { changes_ = true; }
  // The database path this run uses (--db, QLFIT_DB, XDG or HOME).
  std::string db_path() const;
  // The path cron would use by default (HOME only), for --db in crontab lines.
  std::string cron_default_db_path() const;
  // Raises a desktop notification; false when none could be shown.
  bool notify(const std::string& text) const;
  // The login manager, to learn whether the user is away; nullptr when none is wired.
  Presence* presence() const { return outside_.presence; }
  // The session `watch` follows. Throws Error(kStorage) when this run has none.
  DeskWatch& desk() const;
  // The user's systemd. Throws Error(kStorage) when this run has none.
  UserUnits& units() const;
  // The user's crontab. Throws Error(kStorage) when this run has none to reach.
  Crontab& crontab() const;
  // Named files (export, import, backup).
  Files& files() const;
  // git, for `sync --git`. Throws Error(kStorage) when this run has none to reach.
  Git& git() const;
  const Environment& environment() const { return environment_; }
  // The user's settings, read from the database on first use.
  const Settings& settings();
  // Now and the zone. Throws Error(kInvalidInput) for a bad QLFIT_NOW, TZ or TZDIR.
  const TimeContext& time();
  // True when stdout should get colour: a terminal, NO_COLOR unset or empty, and
  // --color not "never" (or --color always).
  bool color() const;
  // The columns output may use: COLUMNS when it is a number (20-1000), else the
  // terminal's width, else 80.
  int width() const;

 private:
  const Environment& environment_;
  const Outside& outside_;
  GlobalOptions globals_;
  bool changes_ = false;
  std::optional<Settings> settings_;
  std::unique_ptr<LazyStore> store_;
  std::optional<TimeContext> time_;

 public:
  std::ostream& out;
  std::ostream& err;
};

}  // namespace qlfit::cli
