// The composition root: reads the outside world once and hands it to the CLI.
#include "cli/run.hpp"
#include "system/system.hpp"
#include "system/zones.hpp"
#include "wiring.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <span>
#include <string>
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
  environment.home = variable("HOME");
  environment.qlfit_now = variable("QLFIT_NOW");
  environment.tz = variable("TZ");
  environment.tzdir = variable("TZDIR");
  environment.no_color = variable("NO_COLOR");
  environment.clock = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  environment.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
  std::error_code ignored;
  environment.executable = std::filesystem::read_symlink("/proc/self/exe", ignored).string();
  environment.cwd = std::filesystem::current_path(ignored).string();

  qlfit::system::SystemCrontab crontab;
  qlfit::system::DesktopNotifier notifier;
  qlfit::system::LocalFiles files;
  qlfit::system::ZoneFiles zones;  // reads a zone file only when a command asks the time
  qlfit::system::SystemGit git;
  const qlfit::cli::Outside outside{
      qlfit::sqlite_store_access(), &crontab, &notifier, &files, &zones, &git};

  try {
    return qlfit::cli::run(std::span<const char* const>(argv, static_cast<std::size_t>(argc)),
                           environment, outside, std::cout, std::cerr);
  } catch (...) {
    std::cerr << "qlfit: internal error, please report it\n";
    return 3;
  }
}
