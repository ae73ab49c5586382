// The composition root: reads the outside world once and hands it to the CLI.
#include "cli/run.hpp"
#include "system/logind.hpp"
#include "system/logind_watch.hpp"
#include "system/system.hpp"
#include "system/units.hpp"
#include "system/zones.hpp"
#include "wiring.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <span>
#include <string>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

std::optional<std::string> variable(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::nullopt : std::optional<std::string>(value);
}

}  // namespace

int main(int argc, char** argv) {
  // Health data: whatever qlfit creates is private to its user.
  ::umask(077);
  qlfit::cli::Environment environment;
  environment.qlfit_db = variable("QLFIT_DB");
  environment.xdg_data_home = variable("XDG_DATA_HOME");
  environment.xdg_config_home = variable("XDG_CONFIG_HOME");
  environment.home = variable("HOME");
  environment.qlfit_now = variable("QLFIT_NOW");
  environment.tz = variable("TZ");
  environment.tzdir = variable("TZDIR");
  environment.no_color = variable("NO_COLOR");
  environment.clock = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  environment.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
  environment.columns = variable("COLUMNS");
  if (winsize size{};
      environment.stdout_is_terminal && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0)
    environment.terminal_width = size.ws_col;
  std::error_code ignored;
  environment.executable = std::filesystem::read_symlink("/proc/self/exe", ignored).string();
  environment.cwd = std::filesystem::current_path(ignored).string();

  qlfit::system::SystemCrontab crontab;
  qlfit::system::DesktopNotifier notifier;
  qlfit::system::LocalFiles files;
  qlfit::system::ZoneFiles zones;          // reads a zone file only when a command asks the time
  qlfit::system::LogindPresence presence;  // asks the bus only when a reminder is due
  qlfit::system::LogindDeskWatch desk;     // connects on its first wait (qlfit watch)
  qlfit::system::SystemUserUnits units;
  qlfit::system::SystemGit git;
  const qlfit::cli::Outside outside{qlfit::sqlite_store_access(),
                                    &crontab,
                                    &notifier,
                                    &files,
                                    &zones,
                                    &presence,
                                    &desk,
                                    &units,
                                    &git};

  try {
    return qlfit::cli::run(std::span<const char* const>(argv, static_cast<std::size_t>(argc)),
                           environment, outside, std::cout, std::cerr);
  } catch (...) {
    std::cerr << "qlfit: internal error, please report it\n";
    return 3;
  }
}
