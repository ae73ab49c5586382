// The stats views end to end, the text ones against golden files in golden/
// (QLFIT_UPDATE_GOLDEN=1 rewrites them on purpose).
#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace qlfit::testing {
namespace {

TEST(StatsViews, WeekText) {
  CliHarness cli;
  log_nine_weeks(cli);
  expect_golden("week.txt", cli.run({"stats", "--week"}).out);
  cli.environment.stdout_is_terminal = true;
  expect_golden("week-color.txt", cli.run({"stats", "--week"}).out);
}

TEST(StatsViews, PastWeeksText) {
  CliHarness cli;
  log_nine_weeks(cli);
  expect_golden("week-missed.txt", cli.run({"stats", "--week", "2026-W43"}).out);
  expect_golden("week-paused.txt", cli.run({"stats", "--week", "2026-W44"}).out);
}

TEST(StatsViews, WeeksText) {
  CliHarness cli;
  log_nine_weeks(cli);
  expect_golden("weeks.txt", cli.run({"stats", "--weeks", "9"}).out);
  cli.environment.stdout_is_terminal = true;
  expect_golden("weeks-color.txt", cli.run({"stats", "--weeks", "9"}).out);
  cli.environment.no_color = "1";
  EXPECT_EQ(cli.run({"stats", "--weeks", "9"}).out.find('\x1b'), std::string::npos);
}

TEST(StatsViews, WeeksBeforeTheFirstEntryAreSaidOnceInText) {
  CliHarness cli;
  log_nine_weeks(cli);  // the first entry is in 2026-W41
  const std::string text = cli.run({"stats", "--weeks", "12"}).out;
  EXPECT_NE(text.find("2026-W37 – 2026-W40  untracked  4 weeks before your first entry\n2026-W41"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("untracked  0 of"), std::string::npos) << text;
  // JSON still has every week asked for, each with its verdict.
  const auto report = nlohmann::json::parse(cli.run({"stats", "--weeks", "12", "--json"}).out);
  EXPECT_EQ(report["weeks"].size(), 12U);
  EXPECT_EQ(report["weeks"][3]["sessions"]["verdict"], "untracked");

  CliHarness empty;
  const auto nothing = empty.run({"stats", "--weeks", "3"});
  EXPECT_EQ(nothing.code, 0);
  EXPECT_NE(nothing.out.find("2026-W46 – 2026-W48  untracked  nothing logged yet\n"),
            std::string::npos)
      << nothing.out;
}

// Display columns of a line of UTF-8 (every character here is one column wide).
std::size_t columns_of(const std::string& line) {
  std::size_t count = 0;
  for (const char c : line)
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

TEST(StatsViews, TheHeatmapFitsTheTerminalWithMonthLabels) {
  CliHarness cli;
  log_nine_weeks(cli);
  for (const char* width : {"80", "40", "24"}) {
    cli.environment.columns = width;
    const std::string text = cli.run({"stats", "--weeks", "60"}).out;
    const std::string map = text.substr(text.find("\n\n") + 2);
    std::size_t rows = 0;
    std::size_t start = 0;
    for (std::size_t end; (end = map.find('\n', start)) != std::string::npos; start = end + 1) {
      const std::string line = map.substr(start, end - start);
      if (line.rfind("Mon ", 0) == 0)
        ++rows;
      if (line.find("nothing") == std::string::npos) {  // the legend is one line at any width
        EXPECT_LE(columns_of(line), std::stoul(width)) << width << ": " << line;
      }
    }
    // 53 weeks of columns: one block at 200 columns, more the narrower the terminal.
    const std::size_t per_block = (std::stoul(width) - 4) / 2;
    EXPECT_EQ(rows, (53 + per_block - 1) / per_block) << width << "\n" << map;
    EXPECT_NE(map.find("Oct"), std::string::npos) << map;
    EXPECT_NE(map.find("Nov"), std::string::npos) << map;
  }
  cli.environment.columns = "200";
  const std::string wide = cli.run({"stats", "--weeks", "60"}).out;
  EXPECT_EQ(wide.find("\n\nMon", wide.find("\n\n") + 2), std::string::npos) << wide;
  cli.environment.columns = "not a number";  // ignored: 80
  const std::string fallback = cli.run({"stats", "--weeks", "60"}).out;
  EXPECT_NE(fallback.find("(last 53 weeks)"), std::string::npos);
  cli.environment.columns = "80";
  EXPECT_EQ(fallback, cli.run({"stats", "--weeks", "60"}).out);
}

TEST(StatsViews, WeeksJson) {
  CliHarness cli;
  log_nine_weeks(cli);
  expect_golden("weeks.json", cli.run({"stats", "--weeks", "9", "--json"}).out);
  expect_golden("weeks-1.json", cli.run({"stats", "--weeks", "1", "--json"}).out);
}

TEST(StatsViews, MonthText) {
  CliHarness cli;
  log_nine_weeks(cli);
  expect_golden("month.txt", cli.run({"stats", "--month", "2026-10"}).out);
}

TEST(StatsViews, WeeksJsonHasVerdictsStreaksAndDays) {
  CliHarness cli;
  log_nine_weeks(cli);
  const auto report = nlohmann::json::parse(cli.run({"stats", "--weeks", "9", "--json"}).out);
  ASSERT_EQ(report["weeks"].size(), 9U);
  const auto& weeks = report["weeks"];
  EXPECT_EQ(weeks[0]["week"], "2026-W40");
  std::vector<std::string> verdicts;
  for (const auto& week : weeks)
    verdicts.push_back(week["sessions"]["verdict"]);
  EXPECT_EQ(verdicts, (std::vector<std::string>{"untracked", "met", "met", "missed", "paused",
                                                "met", "met", "missed", "on track"}));
  EXPECT_EQ(report["streak"]["current"], 0);
  EXPECT_EQ(report["streak"]["longest"], 2);
  EXPECT_EQ(weeks[4]["paused_days"], 7);
  EXPECT_EQ(weeks[4]["pauses"][0]["note"], "holiday");
  EXPECT_EQ(weeks[8]["days"].size(), 7U);
  EXPECT_EQ(weeks[8]["days"][0]["walk_minutes"], 25);
  EXPECT_EQ(weeks[8]["days"][1]["walk_minutes"], 22);
  EXPECT_EQ(weeks[8]["days"][3]["future"], true);
  EXPECT_EQ(weeks[8]["breaks"]["count"], 4);
  EXPECT_EQ(cli.run({"stats", "--weeks", "9", "--check"}).code, 1);
  EXPECT_EQ(cli.run({"stats", "--weeks", "2", "--check"}).code, 1);  // W47 missed
  EXPECT_EQ(cli.run({"stats", "--weeks", "1", "--check"}).code, 0);  // only this week, open
}

TEST(StatsViews, WeekJsonHasThePainTrendAndBreaks) {
  CliHarness cli;
  log_nine_weeks(cli);
  const auto week = nlohmann::json::parse(cli.run({"stats", "--json"}).out);
  EXPECT_EQ(week["sessions"]["verdict"], "on track");
  EXPECT_EQ(week["pain"]["trend"], "rising");
  EXPECT_EQ(week["pain"]["advice"], true);
  EXPECT_EQ(week["breaks"]["working_days"], 3);
  EXPECT_GT(week["breaks"]["longest_sitting_min"].get<int>(), 0);
  for (const char* key : {"week", "start", "end", "sessions", "walk", "breaks", "pain",
                          "paused_days", "pauses", "days"}) {
    EXPECT_TRUE(week.contains(key)) << key;
  }
}

TEST(StatsViews, PausedWeeksAreNeitherMissedNorCheckedAgainst) {
  CliHarness cli;
  log_nine_weeks(cli);
  EXPECT_EQ(cli.run({"stats", "--week", "2026-W44", "--check"}).code, 0);
  EXPECT_EQ(cli.run({"stats", "--week", "2026-W43", "--check"}).code, 1);
}

TEST(StatsViews, PainAdviceSaysWhetherPainIsHighOrRising) {
  CliHarness cli;  // Tuesday 24 Nov; the week before began Mon 16 Nov
  cli.run({"log", "butt-walk", "--at", "2026-11-17 08:00", "--pain", "1"});
  cli.run({"log", "butt-walk", "--at", "mon 08:00", "--pain", "3"});
  const auto rising = cli.run({"stats", "--week"}).out;
  EXPECT_EQ(rising.find("a high"), std::string::npos) << rising;
  EXPECT_NE(rising.find("Pain is rising, from 1.0 to 3.0 on average against the 4 weeks before. "
                        "If it keeps rising, talk to a trusted health provider before going on "
                        "with the routine.\n"),
            std::string::npos)
      << rising;
  cli.run({"log", "butt-walk", "--at", "07:00", "--pain", "7"});
  EXPECT_NE(cli.run({"stats", "--week"})
                .out.find("Pain reached 7, a high level, and is rising, from 1.0 to 5.0 on "
                          "average against the 4 weeks before. If pain is severe or keeps "
                          "rising, talk to a trusted health provider"),
            std::string::npos);
  const auto high = cli.run({"stats", "--week", "2026-W47"}).out;  // pain 1: no advice
  EXPECT_EQ(high.find("provider"), std::string::npos) << high;
  CliHarness steady;
  steady.run({"log", "butt-walk", "--at", "2026-11-17 08:00", "--pain", "8"});
  steady.run({"log", "butt-walk", "--at", "mon 08:00", "--pain", "8"});
  EXPECT_NE(steady.run({"stats", "--week"})
                .out.find("Pain reached 8, a high level. If pain is severe, talk to a trusted "
                          "health provider before going on with the routine.\n"),
            std::string::npos);
}

TEST(StatsViews, CheckQuietGivesOnlyTheExitStatus) {
  CliHarness cli;
  cli.run({"log", "butt-walk", "--at", "mon 08:00"});
  for (const char* quiet : {"-q", "--quiet"}) {
    const auto open = cli.run({"stats", "--check", quiet});
    EXPECT_EQ(open.code, 1);
    EXPECT_EQ(open.out, "");
    EXPECT_EQ(open.err, "");
  }
  EXPECT_EQ(cli.run({"stats", "--weeks", "4", "--check", "-q"}).out, "");
  EXPECT_EQ(cli.run({"stats", "--month", "--json", "--check", "-q"}).out, "");
  cli.run({"log", "butt-walk", "--at", "mon 09:00"});
  cli.run({"log", "butt-walk"});
  const auto met = cli.run({"stats", "-q", "--check"});
  EXPECT_EQ(met.code, 0);
  EXPECT_EQ(met.out, "");
  expect_refused(cli.run({"stats", "-q"}), 2, "--quiet requires --check");
}

TEST(StatsViews, APausedWeekSaysPausedShowsWhatWasLoggedAndAgrees) {
  CliHarness cli;  // Tuesday 24 Nov, in 2026-W48 (23-29 Nov)
  ASSERT_EQ(cli.run({"pause", "--from", "mon", "--to", "sun"}).code, 0);
  cli.run({"log", "walk", "--at", "mon 09:00", "--minutes", "10"});
  cli.run({"log", "walk", "--at", "mon 18:00", "--minutes", "15"});
  const auto logged = cli.run({"log", "butt-walk"}).out;
  EXPECT_EQ(logged, "#3 butt-walk Tue 24 Nov 07:30 — 1 session this week, paused: nothing asked\n");
  const auto weeks = cli.run({"stats", "--weeks", "2"}).out;
  EXPECT_NE(weeks.find("2026-W48    paused     1 session · 25 min walked"), std::string::npos)
      << weeks;
  EXPECT_EQ(weeks.find("of 0"), std::string::npos) << weeks;
  // The strip shows what was logged on paused days; ~ marks paused days with nothing.
  const auto week = cli.run({"stats", "--week"}).out;
  EXPECT_NE(week.find("walk min    25    ~\n"), std::string::npos) << week;
  EXPECT_NE(week.find("session      ~    1"), std::string::npos) << week;
  // JSON and --check agree: nothing was asked, so nothing is owed.
  const auto json = nlohmann::json::parse(cli.run({"stats", "--json"}).out);
  EXPECT_EQ(json["sessions"]["verdict"], "paused");
  EXPECT_EQ(json["sessions"]["met"], true);
  EXPECT_EQ(cli.run({"stats", "--check"}).code, 0);
  // A pause over days another pause has is refused, naming it.
  expect_refused(cli.run({"pause", "--from", "2026-11-28", "--to", "2026-12-02"}), 2,
                 "2026-11-28..2026-12-02 overlaps pause #1 (2026-11-23..2026-11-29)");
  EXPECT_NE(cli.run({"pause", "list"}).out.find("#1"), std::string::npos);
  EXPECT_EQ(cli.run({"pause", "list"}).out.find("#2"), std::string::npos);
  EXPECT_EQ(cli.run({"pause", "--from", "2026-11-30", "--to", "2026-12-02"}).code, 0);
}

TEST(StatsViews, TheHeatmapLegendShowsWhatTheMapShows) {
  CliHarness cli;
  log_nine_weeks(cli);
  const auto plain = cli.run({"stats", "--weeks", "9"}).out;
  EXPECT_NE(plain.find("· nothing  ░ moved  ▒ a session or a full walk  ▓ both  ~ paused"),
            std::string::npos)
      << plain;
  cli.environment.stdout_is_terminal = true;
  const auto color = cli.run({"stats", "--weeks", "9"}).out;
  const auto legend = color.substr(color.rfind('\n', color.size() - 2));
  for (const char* shade : {"\x1b[38;5;22m■", "\x1b[38;5;28m■", "\x1b[38;5;40m■"}) {
    EXPECT_NE(color.find(shade), std::string::npos) << shade;   // on the map
    EXPECT_NE(legend.find(shade), std::string::npos) << shade;  // and in its legend
  }
  for (const char* plain_shade : {"░", "▒", "▓"})
    EXPECT_EQ(color.find(plain_shade), std::string::npos) << plain_shade;
}

TEST(StatsViews, WeeksRefusesBadCountsAndMixedPeriods) {
  CliHarness cli;
  EXPECT_EQ(cli.run({"stats", "--weeks", "0"}).code, 2);
  EXPECT_EQ(cli.run({"stats", "--weeks", "x"}).code, 2);
  expect_refused(cli.run({"stats", "--weeks", "3", "--month"}), 2,
                 "give one period, not --weeks and --month");
  expect_refused(cli.run({"stats", "--weeks", "--from", "mon", "--to", "tue"}), 2,
                 "give one period, not --weeks and --from with --to");
  expect_refused(cli.run({"stats", "--weeks", "3", "--month", "--from", "mon", "--to", "tue"}), 2,
                 "give one period, not --weeks, --month and --from with --to");
  EXPECT_EQ(cli.run({"stats", "--weeks"}).code, 0);
}

}  // namespace
}  // namespace qlfit::testing

namespace qlfit::testing {
namespace {

TEST(Stats, SaysHowManyBreaksWereNatural) {
  CliHarness cli;  // Tuesday 2026-11-24 in Berlin
  cli.environment.qlfit_now = "2026-11-24T16:00:00+01:00";
  cli.run({"log", "break", "--at", "10:00"});
  cli.run({"away", "begin", "--at", "12:00"});
  cli.run({"away", "end", "--at", "13:00"});
  const auto week = nlohmann::json::parse(cli.run({"stats", "--json"}).out);
  EXPECT_EQ(week["breaks"]["count"], 2);
  EXPECT_EQ(week["breaks"]["natural"], 1);
  // 09:00-10:00 and 10:02-12:00 sat, away 12:00-13:00, then 13:00-16:00 sat.
  EXPECT_EQ(week["breaks"]["longest_sitting_min"], 180);
  EXPECT_NE(cli.run({"stats"}).out.find("Breaks    2 (1 natural)"), std::string::npos);
}

}  // namespace
}  // namespace qlfit::testing
