#pragma once

#include "cli/run.hpp"
#include "temp_dir.hpp"

#include <string>
#include <vector>

namespace qlfit::testing {

struct CliResult {
  int code = 0;
  std::string out;
  std::string err;
};

// Runs qlfit in-process against a real SQLite file in a temp dir, with a fixed
// clock (Tue 2026-11-24 07:30 in Europe/Berlin) unless a test changes `environment`.
class CliHarness {
 public:
  CliHarness();

  // argv without the program name.
  CliResult run(const std::vector<std::string>& args) const;
  std::string db_path() const { return dir.file("data/qlfit/qlfit.db"); }
  bool db_exists() const;

  TempDir dir;
  cli::Environment environment;
};

}  // namespace qlfit::testing
