#pragma once

#include "qlfit/settings.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace qlfit {

// What the crontab lines run: qlfit by absolute path, the database when it is not
// the default one, and the zone when TZ (and the zone folder when TZDIR) was set.
struct CronTarget {
  std::string executable;
  std::optional<std::string> db;
  std::optional<std::string> tz;
  std::optional<std::string> tzdir;
};

// The block of crontab lines `cron --print` shows and `--install` adds, between
// two marker comments: breaks every few minutes in working hours on working days
// (remind decides whether one is due), the session check at remind.session_at and
// the walk check at remind.walk_at, every day.
std::string cron_block(const Settings& settings, const CronTarget& target);

// `crontab` with any earlier qlfit block replaced by `block` (appended when there
// was none); every other line, MAILTO= and the like, kept as it was.
std::string with_qlfit_block(std::string_view crontab, std::string_view block);

// `crontab` without qlfit's block; every other line kept.
std::string without_qlfit_block(std::string_view crontab);

// The port to the user's crontab (implemented by src/system through `crontab`).
class Crontab {
 public:
  virtual ~Crontab() = default;
  // The table; std::nullopt when the user has none yet. Throws Error(kStorage).
  virtual std::optional<std::string> read() = 0;
  // Replaces the table. Throws Error(kStorage).
  virtual void write(const std::string& table) = 0;
};

enum class CronChange { kAdded, kUpdated, kUnchanged, kRemoved, kAbsent };

// Puts `block` into the crontab once (replacing an older qlfit block), writing only
// when something changes.
CronChange install_cron(Crontab& crontab, const std::string& block);
// Removes qlfit's block, writing only when there was one.
CronChange uninstall_cron(Crontab& crontab);

}  // namespace qlfit
