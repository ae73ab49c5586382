// `status`: today at a glance, for people, scripts and status bars.
#include "cli_harness.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace qlfit::testing {
namespace {

// Tuesday 2026-11-24 in Berlin, a working day, at `clock`.
void at(CliHarness& cli, const std::string& clock) {
  cli.environment.qlfit_now = "2026-11-24T" + clock + ":00+01:00";
}

// A day with a session, a 12-minute walk and a break at 10:00, seen at 10:40.
void busy_morning(CliHarness& cli) {
  at(cli, "10:40");
  cli.run({"log", "butt-walk", "--at", "mon 08:00", "--pain", "8", "--note", "SECRET"});
  cli.run({"log", "walk", "--minutes", "12", "--at", "07:00"});
  cli.run({"log", "break", "--at", "10:00"});
}

void expect_private(const std::string& text) {
  EXPECT_EQ(text.find("SECRET"), std::string::npos) << text;
  EXPECT_EQ(text.find("pain"), std::string::npos) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
}

TEST(Status, JsonHasTheDayAtAGlance) {
  CliHarness cli;
  busy_morning(cli);
  const auto result = cli.run({"status", "--json"});
  EXPECT_EQ(result.code, 0);
  const auto status = nlohmann::json::parse(result.out);
  EXPECT_TRUE(status["timer"].is_null());
  EXPECT_EQ(status["sessions"],
            nlohmann::json::parse(R"({"count": 1, "min": 3, "max": 4, "paused": false})"));
  EXPECT_EQ(status["walk"], nlohmann::json::parse(R"({"minutes": 12, "min": 20, "max": 30})"));
  EXPECT_EQ(status["sitting_minutes"], 38);  // since the break ended at 10:02
  EXPECT_EQ(status["away"], false);
  EXPECT_EQ(status["due"], nlohmann::json::parse(R"(["break", "walk"])"));
  expect_private(result.out);
}

TEST(Status, TextSaysTheSameForPeople) {
  CliHarness cli;
  busy_morning(cli);
  EXPECT_EQ(cli.run({"status"}).out,
            "no timer running\n"
            "sessions  1 of 3–4 this week\n"
            "walk      12 of 20–30 min today\n"
            "sitting   38m since the last break\n"
            "away      no\n"
            "due       break, walk\n");
}

TEST(Status, OutsideWorkingHoursThereIsNoSittingAndAwayWaits) {
  CliHarness cli;
  busy_morning(cli);
  at(cli, "18:00");
  auto status = nlohmann::json::parse(cli.run({"status", "--json"}).out);
  EXPECT_TRUE(status["sitting_minutes"].is_null());
  EXPECT_EQ(status["due"], nlohmann::json::parse(R"(["walk"])"));
  at(cli, "10:40");
  cli.run({"away", "begin", "--at", "10:30"});
  status = nlohmann::json::parse(cli.run({"status", "--json"}).out);
  EXPECT_EQ(status["away"], true);
  EXPECT_EQ(status["sitting_minutes"], 0);
  EXPECT_TRUE(status["due"].empty());
}

TEST(Status, AnAwayPeriodThatBeginsAMomentFromNowHasNotBegunYet) {
  CliHarness cli;
  busy_morning(cli);
  cli.run({"away", "begin", "--at", "10:44"});
  auto status = nlohmann::json::parse(cli.run({"status", "--json"}).out);
  EXPECT_EQ(status["away"], false);
  EXPECT_EQ(status["due"], nlohmann::json::parse(R"(["break", "walk"])"));
  at(cli, "10:45");
  status = nlohmann::json::parse(cli.run({"status", "--json"}).out);
  EXPECT_EQ(status["away"], true);
  EXPECT_TRUE(status["due"].empty());
}

TEST(Status, WaybarGetsOneJsonLineWithClassesAndAnIntegerPercentage) {
  CliHarness cli;
  busy_morning(cli);
  const auto result = cli.run({"status", "--bar", "waybar"});
  EXPECT_EQ(result.code, 0);
  ASSERT_FALSE(result.out.empty());
  EXPECT_EQ(result.out.find('\n'), result.out.size() - 1);  // one line
  const auto line = nlohmann::json::parse(result.out);
  // Pango markup: what it could read as markup (and / and :) as character references.
  EXPECT_EQ(line["text"], "QL 1&#47;3 · walk 12&#47;20m · sat 38m");
  EXPECT_EQ(line["class"], nlohmann::json::parse(R"(["due-break", "due-walk"])"));
  EXPECT_EQ(line["percentage"], 60);
  EXPECT_TRUE(line["percentage"].is_number_integer());
  EXPECT_NE(line["tooltip"].get<std::string>().find("sitting   38m"), std::string::npos);
  expect_private(result.out);
  cli.run({"log", "walk", "--minutes", "30", "--at", "08:00"});
  cli.run({"log", "break", "--at", "10:39"});
  const auto fine = nlohmann::json::parse(cli.run({"status", "--bar", "waybar"}).out);
  EXPECT_EQ(fine["class"], nlohmann::json::parse(R"(["ok"])"));
  EXPECT_EQ(fine["percentage"], 100);
}

TEST(Status, BarsShowARunningTimerInsteadOfSitting) {
  CliHarness cli;
  at(cli, "10:40");
  cli.run({"activity", "add", "r-d", "--kind", "walk"});
  cli.run({"start", "r-d"});
  const auto line = nlohmann::json::parse(cli.run({"status", "--bar", "waybar"}).out);
  EXPECT_EQ(line["tooltip"].get<std::string>().rfind("r-d running since Tue 24 Nov 10&#58;40", 0),
            0U);
  EXPECT_EQ(line["text"], "r-d 0m · QL 0&#47;3 · walk 0&#47;20m");
}

TEST(Status, I3blocksIsThreeLinesAndUrgentWhenABreakIsDue) {
  CliHarness cli;
  busy_morning(cli);
  auto result = cli.run({"status", "--bar", "i3blocks"});
  EXPECT_EQ(result.code, 33);
  EXPECT_EQ(result.out, "QL 1/3 · walk 12/20m · sat 38m\nstand up\n#e66100\n");
  cli.run({"log", "break", "--at", "10:39"});
  result = cli.run({"status", "--bar", "i3blocks"});
  EXPECT_EQ(result.code, 0);  // the walk is due, not a break
  // The break ends at 10:41, after now: not sitting yet.
  EXPECT_EQ(result.out, "QL 1/3 · walk 12/20m · sat 0m\ndue: walk\n#e66100\n");
}

TEST(Status, PolybarAndTmuxUseTheirOwnColourTags) {
  CliHarness cli;
  busy_morning(cli);
  const auto polybar = cli.run({"status", "--bar", "polybar"});
  EXPECT_EQ(polybar.code, 0);
  EXPECT_EQ(polybar.out, "%{F#e66100}QL 1/3 · walk 12/20m · sat 38m%{F-}\n");
  const auto tmux = cli.run({"status", "--bar", "tmux"});
  EXPECT_EQ(tmux.code, 0);
  EXPECT_EQ(tmux.out, "#[fg=#e66100]QL 1/3 · walk 12/20m · sat 38m#[default]\n");
  at(cli, "18:00");
  cli.run({"away", "begin"});
  EXPECT_EQ(cli.run({"status", "--bar", "tmux"}).out,
            "#[fg=#9a9996]away · QL 1/3 · walk 12/20m#[default]\n");
}

TEST(Status, AFullyPausedWeekSaysSoInsteadOfATargetOfNothing) {
  // As log and stats say of such a week: nothing asked, not "1 of 0".
  CliHarness cli;
  busy_morning(cli);
  cli.run({"pause", "--from", "mon", "--to", "sun"});
  const std::string text = cli.run({"status"}).out;
  EXPECT_NE(text.find("sessions  1 this week, paused: nothing asked\n"), std::string::npos) << text;
  EXPECT_EQ(cli.run({"status", "--bar", "polybar"}).out,
            "%{F#33d17a}QL 1 paused · walk 12/20m · sat 38m%{F-}\n");
  const auto line = nlohmann::json::parse(cli.run({"status", "--bar", "waybar"}).out);
  EXPECT_EQ(line["text"], "QL 1 paused · walk 12&#47;20m · sat 38m");
  EXPECT_EQ(nlohmann::json::parse(cli.run({"status", "--json"}).out)["sessions"],
            nlohmann::json::parse(R"({"count": 1, "min": 0, "max": 0, "paused": true})"));
}

TEST(Status, ReadsWithoutCreatingTheDatabase) {
  CliHarness cli;
  at(cli, "10:40");
  for (const std::string bar : {"waybar", "i3blocks", "polybar", "tmux"}) {
    const auto result = cli.run({"status", "--bar", bar});
    EXPECT_FALSE(result.out.empty()) << bar;
    EXPECT_EQ(result.err, "") << bar;
  }
  const auto status = nlohmann::json::parse(cli.run({"status", "--json"}).out);
  EXPECT_EQ(status["sessions"]["count"], 0);
  EXPECT_EQ(cli.run({"status"}).code, 0);
  EXPECT_FALSE(cli.db_exists());
}

TEST(Status, BadInputIsRefused) {
  CliHarness cli;
  expect_refused(cli.run({"status", "--bar", "lemonbar"}), 2,
                 "--bar must be waybar, i3blocks, polybar or tmux, got \"lemonbar\"");
  expect_refused(cli.run({"status", "--bar", "waybar", "--json"}), 2, "not both");
  expect_refused(cli.run({"status", "--bar"}), 2, "--bar");
  EXPECT_FALSE(cli.db_exists());
}

}  // namespace
}  // namespace qlfit::testing
