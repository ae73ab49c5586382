#pragma once

#include <optional>
#include <string>
#include <vector>

namespace qlfit {

// The systemd user unit that runs `qlfit watch` (`watch --print|--install|--uninstall`).
inline constexpr const char* kWatchUnit = "qlfit-watch.service";

// What the unit runs: this binary by absolute path, and the database when not the default.
struct UnitTarget {
  std::string executable;
  std::optional<std::string> db;
  bool notify = false;  // watch --notify
};

// The unit's text: ExecStart with the absolute path (quoted and escaped for systemd),
// Restart=on-failure, part of and wanted by graphical-session.target.
std::string watch_unit(const UnitTarget& target);

// The port to the user's systemd (implemented by src/system).
class UserUnits {
 public:
  virtual ~UserUnits() = default;
  // The text of the unit file at `path`; std::nullopt when there is none.
  virtual std::optional<std::string> read(const std::string& path) = 0;
  // Writes `path` whole (its folders made as needed). Throws Error(kStorage).
  virtual void write(const std::string& path, const std::string& text) = 0;
  // Removes `path`; false when it was not there.
  virtual bool remove(const std::string& path) = 0;
  // Runs `systemctl --user ARGS...` within a time limit. Throws Error(kStorage) with its
  // reason when it cannot be run, fails, or does not finish in time.
  virtual void systemctl(const std::vector<std::string>& args) = 0;
};

enum class UnitChange { kInstalled, kUpdated, kUnchanged, kRemoved, kAbsent };

// Writes the unit into `folder` and runs daemon-reload and enable --now; idempotent. When
// systemctl fails, the unit file is put back as it was (none: removed) and its error thrown.
UnitChange install_watch_unit(UserUnits& units, const std::string& folder, const std::string& text);
// Runs disable --now and removes the unit file, then daemon-reload; kAbsent when there
// was none (systemctl is not run then).
UnitChange uninstall_watch_unit(UserUnits& units, const std::string& folder);

}  // namespace qlfit
