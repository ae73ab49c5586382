// `away begin|end`: natural breaks through the in-process CLI, on a real SQLite file.
#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace qlfit::testing {
namespace {

// Tuesday 2026-11-24 in Berlin, a working day, at `clock`.
void at(CliHarness& cli, const std::string& clock) {
  cli.environment.qlfit_now = "2026-11-24T" + clock + ":00+01:00";
}

nlohmann::json listed(CliHarness& cli) {
  return nlohmann::json::parse(cli.run({"list", "--json"}).out);
}

// The one entry there is: a natural break from `start`, `seconds` long.
void expect_one_break(CliHarness& cli, const std::string& start, int seconds) {
  const auto entries = listed(cli);
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0]["activity"], "break");
  EXPECT_EQ(entries[0]["start"], start);
  EXPECT_EQ(entries[0]["duration_s"], seconds);
  EXPECT_EQ(entries[0]["source"], "away");
}

// Exit 0 and not a word: what idle hooks want.
void expect_silent(const CliResult& result) {
  EXPECT_EQ(result.code, 0);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "");
}

TEST(Away, ALongEnoughAbsenceIsABreakFromItsBeginning) {
  CliHarness cli;
  at(cli, "10:00");
  expect_silent(cli.run({"away", "begin"}));
  at(cli, "10:07");
  const auto ended = cli.run({"away", "end"});
  EXPECT_EQ(ended.code, 0);
  EXPECT_EQ(ended.out, "#1 break Tue 24 Nov 10:00 — 1 break this week\n");
  EXPECT_EQ(ended.err, "");
  expect_one_break(cli, "2026-11-24T10:00:00+01:00", 420);
  EXPECT_NE(cli.run({"list"}).out.find("break away"), std::string::npos);
  // Closed: another end has nothing to close.
  EXPECT_EQ(cli.run({"away", "end"}).out, "");
  EXPECT_EQ(listed(cli).size(), 1U);
}

TEST(Away, ABreakAtAWallTimeThatHappenedTwiceShowsItsOffsetAsLogDoes) {
  CliHarness cli;
  cli.environment.qlfit_now = "2026-10-25T03:00:00+01:00";
  expect_silent(cli.run({"away", "begin", "--at", "02:30"}));
  const auto ended = cli.run({"away", "end"});
  EXPECT_EQ(ended.code, 0);
  EXPECT_NE(ended.out.find("break Sun 25 Oct 02:30 +02:00"), std::string::npos) << ended.out;
}

TEST(Away, AShortAbsenceIsDroppedSilently) {
  CliHarness cli;
  at(cli, "10:00");
  cli.run({"away", "begin"});
  at(cli, "10:01");
  expect_silent(cli.run({"away", "end"}));
  EXPECT_TRUE(listed(cli).empty());
  // The period is gone, not kept open: a later end logs nothing either.
  at(cli, "10:30");
  EXPECT_EQ(cli.run({"away", "end"}).out, "");
  EXPECT_TRUE(listed(cli).empty());
}

TEST(Away, BreakNaturalSetsTheShortestBreak) {
  CliHarness cli;
  at(cli, "10:00");
  EXPECT_EQ(cli.run({"config", "get", "break.natural"}).out, "2m\n");
  EXPECT_EQ(cli.run({"config", "set", "break.natural", "10s"}).code, 0);
  cli.run({"away", "begin", "--at", "2026-11-24T09:59:45+01:00"});
  EXPECT_EQ(cli.run({"away", "end", "--at", "2026-11-24T09:59:56+01:00"}).out.rfind("#1 break", 0),
            0U);
  cli.run({"away", "begin", "--at", "2026-11-24T09:59:57+01:00"});
  EXPECT_EQ(cli.run({"away", "end"}).out, "");  // 3s
  EXPECT_EQ(listed(cli).size(), 1U);
  // Every refusal names the setting's own range (10s-1h), not a duration's in general.
  for (const std::string bad : {"9s", "61m", "2x", "0", "25h"}) {
    expect_refused(cli.run({"config", "set", "break.natural", bad}), 2,
                   "break.natural must be a duration from 10s to 1h, e.g. 2m, got \"" + bad + "\"");
  }
  EXPECT_EQ(cli.run({"config", "get", "break.natural"}).out, "10s\n");
}

TEST(Away, BeginWhileAwayKeepsTheFirstBeginning) {
  CliHarness cli;
  at(cli, "10:00");
  cli.run({"away", "begin"});
  at(cli, "10:05");
  EXPECT_EQ(cli.run({"away", "begin"}).out, "");
  at(cli, "10:10");
  cli.run({"away", "end"});
  expect_one_break(cli, "2026-11-24T10:00:00+01:00", 600);
}

TEST(Away, EndWithNoneOpenPrintsNothingAndCreatesNothing) {
  CliHarness cli;
  at(cli, "10:00");
  expect_silent(cli.run({"away", "end"}));
  EXPECT_FALSE(cli.db_exists());
}

TEST(Away, ABreakLastsAtMostADay) {
  CliHarness cli;
  at(cli, "10:00");
  cli.run({"away", "begin", "--at", "3d ago"});
  EXPECT_EQ(cli.run({"away", "end"}).code, 0);
  expect_one_break(cli, "2026-11-21T10:00:00+01:00", 86400);
  // The break stops after a day, but the sitting starts when the user came back: at 10:20
  // that is 20 minutes, not the 80 since working hours began, and no break is due.
  at(cli, "10:20");
  const auto status = nlohmann::json::parse(cli.run({"status", "--json"}).out);
  EXPECT_EQ(status["sitting_minutes"], 20);
  expect_silent(cli.run({"remind", "--for", "break"}));
  at(cli, "10:31");
  EXPECT_NE(cli.run({"remind", "--for", "break"}).out, "");
}

TEST(Away, ANaturalBreakUndoneOrRemovedNoLongerEndsTheSitting) {
  // Sitting counts from the last entry's end; a return is kept beyond it only for a break
  // cut at 24h. Once the break is undone, removed or shortened, the entries decide again.
  CliHarness cli;
  at(cli, "09:00");
  cli.run({"log", "break"});  // ends 09:02
  const auto away_from_10_to_30 = [&cli] {
    at(cli, "09:10");
    cli.run({"away", "begin"});
    at(cli, "09:30");
    ASSERT_NE(cli.run({"away", "end"}).out, "");
  };
  const auto sitting_at_45 = [&cli] {
    at(cli, "09:45");
    return nlohmann::json::parse(cli.run({"status", "--json"}).out)["sitting_minutes"];
  };
  away_from_10_to_30();
  EXPECT_EQ(sitting_at_45(), 15);
  cli.run({"undo"});
  EXPECT_EQ(sitting_at_45(), 43);
  EXPECT_NE(cli.run({"remind", "--for", "break"}).out, "");
  away_from_10_to_30();
  cli.run({"rm", "3"});
  EXPECT_EQ(sitting_at_45(), 43);
  away_from_10_to_30();
  cli.run({"edit", "4", "--for", "5m"});  // 09:10-09:15
  EXPECT_EQ(sitting_at_45(), 30);
}

TEST(Away, BadInputIsRefusedAndWritesNothing) {
  CliHarness cli;
  at(cli, "10:00");
  expect_refused(cli.run({"away", "begin", "--at", "10:06"}), 2, "in the future");
  expect_refused(cli.run({"away", "begin", "--at", "tomorrow"}), 2, "--at");
  expect_refused(cli.run({"away"}), 2, "");
  expect_refused(cli.run({"away", "sideways"}), 2, "sideways");
  EXPECT_FALSE(cli.db_exists());
  cli.run({"away", "begin", "--at", "09:50"});
  expect_refused(cli.run({"away", "end", "--at", "09:40"}), 2, "before the away period began");
  expect_refused(cli.run({"away", "end", "--at", "10:06"}), 2, "in the future");
  // Still open: the refusals changed nothing.
  EXPECT_EQ(cli.run({"away", "end"}).out.rfind("#1 break Tue 24 Nov 09:50", 0), 0U);
}

TEST(Away, AtAllowsFiveMinutesOfClockSkewAsLogDoes) {
  CliHarness cli;
  at(cli, "10:00");
  // The same rule and the same words as `log --at`: 5 minutes ahead is a clock's skew.
  const auto log_refused = cli.run({"log", "break", "--at", "10:06"});
  const auto away_refused = cli.run({"away", "begin", "--at", "10:06"});
  expect_refused(away_refused, 2, "in the future");
  EXPECT_EQ(away_refused.err, log_refused.err);
  expect_silent(cli.run({"away", "begin", "--at", "10:04"}));
  // Open, but not begun by this clock: away only from 10:04.
  EXPECT_NE(cli.run({"status", "--json"}).out.find("\"away\": false"), std::string::npos);
  at(cli, "10:04");
  EXPECT_NE(cli.run({"status", "--json"}).out.find("\"away\": true"), std::string::npos);
  at(cli, "10:00");
  // Back before that skewed begin, by this clock: no break, no error, the period closed.
  expect_silent(cli.run({"away", "end"}));
  EXPECT_NE(cli.run({"status", "--json"}).out.find("\"away\": false"), std::string::npos);
  EXPECT_TRUE(listed(cli).empty());
  // An end up to 5 minutes ahead closes a period as any end does.
  cli.run({"away", "begin", "--at", "09:50"});
  EXPECT_EQ(cli.run({"away", "end", "--at", "10:05"}).out,
            "#1 break Tue 24 Nov 09:50 — 1 break this week\n");
  expect_one_break(cli, "2026-11-24T09:50:00+01:00", 900);
}

TEST(Away, ABadAtIsRefusedEvenWithNoPeriodOpen) {
  // WHEN is checked before the database: a hook with a wrong --at fails the first time
  // it runs, not only when a period happens to be open.
  CliHarness cli;
  at(cli, "10:00");
  expect_refused(cli.run({"away", "end", "--at", "10:06"}), 2, "in the future");
  expect_refused(cli.run({"away", "end", "--at", "2026-W48"}), 2, "--at");
  EXPECT_FALSE(cli.db_exists());
}

TEST(Away, ClosingAPeriodAndLoggingItsBreakIsOneChange) {
  CliHarness cli;
  at(cli, "10:00");
  cli.run({"away", "begin"});
  at(cli, "10:07");
  cli.run({"away", "end"});
  EXPECT_EQ(cli.run({"undo"}).out, "undid away end of #1 break Tue 24 Nov 10:00 (7m)\n");
  EXPECT_TRUE(listed(cli).empty());
  EXPECT_NE(cli.run({"status", "--json"}).out.find("\"away\": false"), std::string::npos);
  expect_refused(cli.run({"undo"}), 2, "nothing to undo");
}

TEST(Away, EntriesKeepTheirSourceThroughExportAndImport) {
  CliHarness cli;
  at(cli, "10:00");
  cli.run({"log", "walk", "--minutes", "20", "--at", "08:00"});
  cli.run({"start", "butt-walk"});
  at(cli, "10:12");
  cli.run({"stop"});
  cli.run({"away", "begin"});
  at(cli, "10:20");
  cli.run({"away", "end"});
  const auto entries = listed(cli);
  ASSERT_EQ(entries.size(), 3U);
  EXPECT_EQ(entries[0]["source"], "manual");
  EXPECT_EQ(entries[1]["source"], "timer");
  EXPECT_EQ(entries[2]["source"], "away");

  const auto csv = cli.run({"export", "--format", "csv"}).out;
  EXPECT_EQ(csv.rfind("id,activity,kind,start,duration_s,pain,note,source\r\n", 0), 0U);
  EXPECT_NE(csv.find(",,,timer\r\n"), std::string::npos);
  for (const std::string format : {"csv", "json"}) {
    CliHarness other;
    other.environment.qlfit_now = cli.environment.qlfit_now;
    const std::string file = other.dir.file("export." + format);
    cli.run({"export", "--format", format, "--output", file});
    EXPECT_EQ(other.run({"import", file}).code, 0);
    const auto imported = listed(other);
    ASSERT_EQ(imported.size(), 3U);
    EXPECT_EQ(imported[1]["source"], "timer");
    EXPECT_EQ(imported[2]["source"], "away");
  }
}

TEST(Away, FilesWithoutSourcesMeanManualAndABadSourceIsRefused) {
  CliHarness cli;
  at(cli, "10:00");
  const std::string old_csv = cli.dir.file("old.csv");
  const std::string bad_csv = cli.dir.file("bad.csv");
  {
    std::ofstream(old_csv) << "id,activity,kind,start,duration_s,pain,note\r\n"
                              "6ed672a2-866a-4695-92da-7810ba978d12,break,break,"
                              "2026-11-24T09:00:00+01:00,120,,\r\n";
    std::ofstream(bad_csv) << "id,activity,kind,start,duration_s,pain,note,source\r\n"
                              "7ed672a2-866a-4695-92da-7810ba978d12,break,break,"
                              "2026-11-24T09:00:00+01:00,120,,,dreamt\r\n";
  }
  expect_refused(cli.run({"import", bad_csv}), 2, "source");
  EXPECT_FALSE(cli.db_exists());
  EXPECT_EQ(cli.run({"import", old_csv}).code, 0);
  EXPECT_EQ(listed(cli)[0]["source"], "manual");
}

}  // namespace
}  // namespace qlfit::testing
