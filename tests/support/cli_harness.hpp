#pragma once

#include "qlfit/error.hpp"

#include "cli/run.hpp"
#include "temp_dir.hpp"

#include <string>
#include <vector>

namespace qlfit::testing {

// Stand-in for the user's crontab: the table in memory, and how often it was written.
class FakeCrontab final : public Crontab {
 public:
  std::optional<std::string> read() override {
    if (broken)
      throw Error(ErrorCode::kStorage, "crontab -l failed: cron is not running");
    return table;
  }
  void write(const std::string& new_table) override {
    table = new_table;
    ++writes;
  }
  std::optional<std::string> table;
  int writes = 0;
  bool broken = false;
};

// Stand-in for the desktop: records what it was asked to show.
class FakeNotifier final : public Notifier {
 public:
  bool notify(const std::string& text) override {
    if (available)
      shown.push_back(text);
    return available;
  }
  bool available = true;
  std::vector<std::string> shown;
};

struct CliResult {
  int code = 0;
  std::string out;
  std::string err;
};

// Asserts a refusal as the contract has it: `code`, nothing on stdout, and one
// "qlfit: " line on stderr holding `words`.
void expect_refused(const CliResult& result, int code, const std::string& words);
// Compares `actual` with tests/e2e/golden/NAME (QLFIT_UPDATE_GOLDEN=1 rewrites it).
void expect_golden(const std::string& name, const std::string& actual);

// Runs qlfit in-process against a real SQLite file in a temp dir, with a fixed
// clock (Tue 2026-11-24 07:30 in Europe/Berlin) unless a test changes `environment`.
class CliHarness {
 public:
  CliHarness();

  // argv without the program name.
  CliResult run(const std::vector<std::string>& args) const;
  // The same, with stdout going to `out` (CliResult::out stays empty).
  CliResult run(const std::vector<std::string>& args, std::ostream& out) const;
  std::string db_path() const { return dir.file("data/qlfit/qlfit.db"); }
  bool db_exists() const;

  TempDir dir;
  cli::Environment environment;
  std::string root = "/";  // the machine's "/" for finding zone files
  mutable FakeCrontab crontab;
  mutable FakeNotifier notifier;
};

// Nine weeks up to Wednesday 2026-11-25 in Berlin (and the clock set there): a met, a
// missed, a paused week ("holiday"), walks, breaks and rising pain in the last week.
void log_nine_weeks(CliHarness& cli);

}  // namespace qlfit::testing
