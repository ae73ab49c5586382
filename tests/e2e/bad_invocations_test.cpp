#include "cli_harness.hpp"
#include "tricky_history.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace qlfit::testing {
namespace {

// Bad invocations across every command: the contract's exit code, one "qlfit: "
// line, nothing on stdout, and the database exactly as it was.
TEST(BadInvocations, NeverChangeTheDatabase) {
  CliHarness cli;
  log_history(cli);
  cli.run({"pause", "--from", "2026-12-01", "--to", "2026-12-03"});
  const std::string before = cli.run({"export", "--format", "json"}).out;
  const std::string missing = cli.dir.file("missing.csv");
  const std::vector<std::vector<std::string>> invocations{
      {"frobnicate"},
      {"--nonsense"},
      {"--color", "pink", "stats"},
      {"--db"},
      {"log"},
      {"log", "yoga"},
      {"log", "walk"},
      {"log", "walk", "--minutes", "0"},
      {"log", "walk", "--minutes", "1441"},
      {"log", "walk", "--minutes", "ten"},
      {"log", "walk", "--for", "0m"},
      {"log", "walk", "--for", "25h"},
      {"log", "walk", "--for", "1x"},
      {"log", "walk", "--for", "5m", "--minutes", "5"},
      {"log", "butt-walk", "--pain", "11"},
      {"log", "butt-walk", "--pain", "-1"},
      {"log", "butt-walk", "--pain", "5.5"},
      {"log", "butt-walk", "--pain", ""},
      {"log", "butt-walk", "--at", "2026-02-30"},
      {"log", "butt-walk", "--at", "25:00"},
      {"log", "butt-walk", "--at", "07:61"},
      {"log", "butt-walk", "--at", "-3d ago"},
      {"log", "butt-walk", "--at", ""},
      {"log", "butt-walk", "--at", "2026-11-24T07:00+15:00"},
      {"log", "butt-walk", "--at", "tomorrow"},
      {"log", "butt-walk", "--at", "2027-01-01"},
      {"log", "butt-walk", "--at", "2026-W47"},
      {"log", "butt-walk", "--note", "\xc3"},
      {"log", "butt-walk", "extra"},
      {"undo", "extra"},
      {"edit"},
      {"edit", "999", "--pain", "1"},
      {"edit", "1"},
      {"edit", "1", "--pain", "12"},
      {"edit", "1", "--at", "soon"},
      {"edit", "zz", "--pain", "1"},
      {"rm"},
      {"rm", "999"},
      {"rm", "1", "999"},
      {"rm", "abc"},
      {"list", "--limit", "0"},
      {"list", "--limit", "x"},
      {"list", "--since", "2026-13-01"},
      {"list", "--kind", "nap"},
      {"list", "--until", "later"},
      {"stats", "--week", "2025-W53"},
      {"stats", "--month", "2026-13"},
      {"stats", "--from", "2026-11-01"},
      {"stats", "--from", "x", "--to", "y"},
      {"stats", "--week", "--month"},
      {"remind", "--for", "nap"},
      {"start"},
      {"start", "yoga"},
      {"stop"},
      {"pause", "--from", "mon"},
      {"pause", "--from", "mon", "--to", "2026-11-01"},
      {"pause", "rm", "99"},
      {"config", "set", "walk.min", "0"},
      {"config", "set", "nope", "1"},
      {"config", "set", "sessions.min", "9"},
      {"config", "get"},
      {"config", "frob"},
      {"import"},
      {"import", missing},
      {"export", "--format", "yaml"},
      {"backup"},
      {"cron", "--print", "--install"},
      {"status", "--verbose"},
  };
  ASSERT_GE(invocations.size(), 60U);
  for (const auto& args : invocations) {
    std::string shown;
    for (const auto& arg : args)
      shown += arg + " ";
    SCOPED_TRACE(shown);
    const CliResult result = cli.run(args);
    EXPECT_TRUE(result.code == 2 || result.code == 3) << result.code;
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err.rfind("qlfit: ", 0), 0U) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    EXPECT_EQ(result.err.find("what()"), std::string::npos);
  }
  EXPECT_EQ(cli.run({"export", "--format", "json"}).out, before);
}

}  // namespace
}  // namespace qlfit::testing
