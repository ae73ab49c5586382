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
  // The path cron would use by default (HOME only), for --db in crontab lines; none
  // without HOME (then every database is named).
  std::optional<std::string> cron_default_db_path() const;
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
  std::unique_ptr<LoggedStore> store_;
  std::optional<TimeContext> time_;

 public:
  std::ostream& out;
  std::ostream& err;
};

}  // namespace qlfit::cli
