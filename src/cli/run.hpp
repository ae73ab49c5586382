#pragma once

#include "qlfit/cron.hpp"
#include "qlfit/files.hpp"
#include "qlfit/git.hpp"
#include "qlfit/history.hpp"
#include "qlfit/presence.hpp"
#include "qlfit/remind.hpp"
#include "qlfit/store.hpp"
#include "qlfit/unit.hpp"
#include "qlfit/watch.hpp"
#include "qlfit/zone.hpp"

#include <date/date.h>

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>

namespace qlfit::cli {

// What main read from the outside world; nothing here is interpreted yet, so a
// run that only prints help never parses a clock or loads a zone.
struct Environment {
  std::optional<std::string> qlfit_db;
  std::optional<std::string> xdg_data_home;
  std::optional<std::string> xdg_config_home;  // for the systemd user unit
  std::optional<std::string> home;
  std::optional<std::string> qlfit_now;
  std::optional<std::string> tz;
  std::optional<std::string> tzdir;
  std::optional<std::string> no_color;
  date::sys_seconds clock{};  // the real time when the run began
  bool stdout_is_terminal = false;
  std::optional<std::string> columns;  // COLUMNS
  int terminal_width = 0;              // stdout's terminal's columns; 0 when not a terminal
  std::string executable;              // this program's absolute path, for crontab lines
  std::string cwd;                     // to make a relative --db absolute for cron
};

// How a command opens the database (storage::Access has the whole contract).
enum class StoreMode {
  kRead,    // read-only; a missing file reads as empty
  kTry,     // read-only, writes kept in memory and dropped (a dry run)
  kModify,  // read-write when it exists; a missing file reads as empty, nothing is created
  kWrite,   // read-write, created when missing
  kImport,  // read-write; a missing file appears whole at the first commit, or not at all
};

// How the CLI reaches the database without knowing what implements it.
struct StoreAccess {
  // The database at a path, opened on its first use for at least `least` (and for
  // writing at the first write; a reader of a missing file creates nothing).
  // `own_folder`: the folder is qlfit's own (the default location), so its mode may be
  // tightened too.
  std::function<std::unique_ptr<LoggedStore>(const std::string& path, StoreMode least,
                                             bool own_folder)>
      open;
};

// Everything outside the process that commands reach through the core's ports.
struct Outside {
  StoreAccess store;
  Crontab* crontab = nullptr;
  Notifier* notifier = nullptr;
  Files* files = nullptr;
  ZoneFinder* zones = nullptr;
  Presence* presence = nullptr;  // the login manager; none: the user counts as present
  DeskWatch* desk = nullptr;     // the session `watch` follows
  UserUnits* units = nullptr;    // the user's systemd (watch --install)
  Git* git = nullptr;
};

// Runs one qlfit command line (args[0] is the program name) and returns its exit
// status: 0 done, 1 a --check not met, 2 bad usage or input, 3 storage.
// Output goes to `out`, one error line to `err`; nothing throws.
int run(std::span<const char* const> args, const Environment& environment, const Outside& outside,
        std::ostream& out, std::ostream& err);

}  // namespace qlfit::cli
