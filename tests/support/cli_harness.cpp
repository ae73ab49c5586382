#include "cli_harness.hpp"

#include "system/system.hpp"
#include "system/zones.hpp"
#include "wiring.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

namespace qlfit::testing {

CliHarness::CliHarness() {
  environment.xdg_data_home = dir.file("data");
  environment.home = dir.path().string();
  environment.qlfit_now = "2026-11-24T07:30:00+01:00";
  environment.tz = "Europe/Berlin";
  environment.executable = "/usr/bin/qlfit";
  environment.cwd = dir.path().string();
}

CliResult CliHarness::run(const std::vector<std::string>& args) const {
  std::ostringstream out;
  CliResult result = run(args, out);
  result.out = out.str();
  return result;
}

CliResult CliHarness::run(const std::vector<std::string>& args, std::ostream& out) const {
  std::vector<const char*> argv{"qlfit"};
  for (const auto& arg : args)
    argv.push_back(arg.c_str());
  std::ostringstream err;
  system::LocalFiles files;
  system::ZoneFiles zones(root);
  system::SystemGit git;  // real git: tests/e2e/sync_test.cpp runs a real repository
  // No login manager, session or user manager: tests/logind runs the real binary on a bus.
  const cli::Outside outside{
      sqlite_store_access(), &crontab, &notifier, &files, &zones, nullptr, nullptr, nullptr, &git};
  const int code = cli::run(argv, environment, outside, out, err);
  return CliResult{code, "", err.str()};
}

void expect_refused(const CliResult& result, int code, const std::string& words) {
  EXPECT_EQ(result.code, code) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err.rfind("qlfit: ", 0), 0U) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_NE(result.err.find(words), std::string::npos) << result.err;
}

// Nine weeks up to Wednesday 2026-11-25 in Berlin: a met, a missed, a paused week,
// walks, breaks and rising pain in the last week.
void log_nine_weeks(CliHarness& cli) {
  cli.environment.qlfit_now = "2026-11-25T19:00:00+01:00";
  const std::vector<std::pair<const char*, std::vector<std::string>>> days{
      {"2026-10-05", {"butt-walk", "walk:25", "break"}},
      {"2026-10-07", {"butt-walk"}},
      {"2026-10-09", {"butt-walk", "walk:30"}},
      {"2026-10-13", {"butt-walk", "break"}},
      {"2026-10-14", {"butt-walk"}},
      {"2026-10-16", {"butt-walk"}},
      {"2026-10-20", {"butt-walk", "walk:20"}},
      {"2026-10-22", {"walk:10"}},
      {"2026-11-02", {"butt-walk"}},
      {"2026-11-03", {"butt-walk"}},
      {"2026-11-05", {"butt-walk", "walk:45"}},
      {"2026-11-09", {"butt-walk"}},
      {"2026-11-10", {"butt-walk", "break"}},
      {"2026-11-12", {"butt-walk", "break"}},
      {"2026-11-13", {"butt-walk"}},
      {"2026-11-16", {"walk:20"}},
      {"2026-11-23", {"butt-walk", "walk:25", "break", "break"}},
      {"2026-11-24", {"walk:12", "walk:10", "break"}},
      {"2026-11-25", {"break"}},
  };
  int pain = 1;
  for (const auto& [day, activities] : days) {
    int hour = 9;
    for (const std::string& activity : activities) {
      std::vector<std::string> args{"log", activity.substr(0, activity.find(':')), "--at",
                                    std::string(day) + " " + std::to_string(hour++) + ":00"};
      if (activity.find(':') != std::string::npos) {
        args.insert(args.end(), {"--minutes", activity.substr(activity.find(':') + 1)});
      }
      if (std::string(day) >= "2026-10-13" && activity == "break") {
        args.insert(args.end(), {"--pain", std::to_string(pain++ % 9)});
      }
      const auto result = cli.run(args);
      ASSERT_EQ(result.code, 0) << result.err;
    }
  }
  cli.run({"pause", "--from", "2026-10-26", "--to", "2026-11-01", "--note", "holiday"});
}

bool CliHarness::db_exists() const {
  return std::filesystem::exists(db_path());
}

void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(QLFIT_GOLDEN_DIR) + "/" + name;
  if (std::getenv("QLFIT_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "no golden file " << path << " (run with QLFIT_UPDATE_GOLDEN=1)";
  const std::string expected{std::istreambuf_iterator<char>(in), {}};
  EXPECT_EQ(actual, expected) << "golden file " << name;
}

}  // namespace qlfit::testing
