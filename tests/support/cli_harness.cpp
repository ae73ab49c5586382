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
  std::vector<const char*> argv{"qlfit"};
  for (const auto& arg : args)
    argv.push_back(arg.c_str());
  std::ostringstream out;
  std::ostringstream err;
  system::LocalFiles files;
  system::ZoneFiles zones(root);
  const cli::Outside outside{sqlite_store_access(), &crontab, &notifier, &files, &zones};
  const int code = cli::run(argv, environment, outside, out, err);
  return CliResult{code, out.str(), err.str()};
}

void expect_refused(const CliResult& result, int code, const std::string& words) {
  EXPECT_EQ(result.code, code) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err.rfind("qlfit: ", 0), 0U) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_NE(result.err.find(words), std::string::npos) << result.err;
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
