// The program as a whole: help, typos, version, wording, storage exit codes, and output
// that fails (a full disk, a closed pipe).
#include "cli_harness.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <ostream>
#include <streambuf>
#include <vector>

namespace qlfit::testing {
namespace {

TEST(Storage, ANewerDatabaseIsRefusedWithExitThree) {
  CliHarness cli;
  cli.environment.qlfit_db = cli.dir.file("text.db");
  std::ofstream(*cli.environment.qlfit_db) << "this is a text file, not a database at all......";
  expect_refused(cli.run({"stats"}), 3, "not a SQLite database");
  expect_refused(cli.run({"log", "break"}), 3, "not a SQLite database");
}

TEST(Storage, AFolderIsRefusedWithExitThree) {
  CliHarness cli;
  expect_refused(cli.run({"--db", cli.dir.path().string(), "log", "break"}), 3, "folder");
}

TEST(Help, TopLevelListsCommandsAndCreatesNothing) {
  CliHarness cli;
  const auto result = cli.run({"--help"});
  EXPECT_EQ(result.code, 0);
  for (const char* word : {"log", "undo", "list", "stats", "Exit status", "QLFIT_DB"}) {
    EXPECT_NE(result.out.find(word), std::string::npos) << word;
  }
  EXPECT_EQ(cli.run({}).out, result.out);
  EXPECT_FALSE(cli.db_exists());
}

TEST(Help, EachCommandShowsAnExample) {
  CliHarness cli;
  for (const char* command :
       {"log", "undo", "edit", "rm", "start", "stop", "status", "list", "stats", "remind", "cron",
        "export", "import", "backup", "pause", "config", "activity", "completion"}) {
    const auto result = cli.run({command, "--help"});
    EXPECT_EQ(result.code, 0) << command;
    EXPECT_NE(result.out.find("xample"), std::string::npos) << command;
    EXPECT_NE(result.out.find(std::string("  qlfit ") + command), std::string::npos) << command;
  }
  const std::string top = cli.run({"--help"}).out;
  for (const char* group :
       {"Record:", "Review:", "Remind:", "Your data:", "Your plan:", "Shell:"}) {
    EXPECT_NE(top.find(group), std::string::npos) << group;
  }
  // Rest days, targets and activities are the plan, kept up as it changes: not a set-up.
  EXPECT_EQ(top.find("Set up:"), std::string::npos);
  const auto plan = top.substr(top.find("Your plan:"));
  for (const char* command : {"pause", "config", "activity"})
    EXPECT_LT(plan.find(std::string("  ") + command), plan.find("Shell:")) << command;
}

TEST(Help, HelpCommandShowsTheSameHelpAsTheOption) {
  CliHarness cli;
  EXPECT_EQ(cli.run({"help"}).out, cli.run({"--help"}).out);
  EXPECT_EQ(cli.run({"help", "log"}).out, cli.run({"log", "--help"}).out);
  EXPECT_EQ(cli.run({"help", "config", "set"}).out, cli.run({"config", "set", "--help"}).out);
  EXPECT_EQ(cli.run({"help", "log"}).code, 0);
  expect_refused(cli.run({"help", "logg"}), 2,
                 "\"logg\" is not a qlfit command; did you mean 'log'? (see 'qlfit --help')");
  expect_refused(cli.run({"help", "config", "sett"}), 2,
                 "\"sett\" is not a command of 'qlfit config'; did you mean 'config set'?");
  EXPECT_FALSE(cli.db_exists());
}

TEST(Help, TyposGetTheClosestCommandOrOption) {
  CliHarness cli;
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"logg", "butt-walk"},
       "\"logg\" is not a qlfit command; did you mean 'log'? (see 'qlfit --help')"},
      {{"--db", cli.dir.file("x.db"), "stast"}, "did you mean 'stats'?"},
      {{"frobnicate"}, "\"frobnicate\" is not a qlfit command (see 'qlfit --help')"},
      // Worded for every command's name ("a 'away' command" was not).
      {{"away", "frob"}, "\"frob\" is not a command of 'qlfit away' (see 'qlfit away --help')"},
      {{"log", "butt-walk", "--pian", "3"},
       "log has no option \"--pian\"; did you mean --pain? (see 'qlfit log --help')"},
      {{"log", "walk", "--note", "-3", "--minutse", "20"}, "did you mean --minutes?"},
      {{"activity", "add", "x", "--knid", "walk"},
       "activity add has no option \"--knid\"; did you mean --kind?"},
      {{"--colr", "never", "list"}, "qlfit has no option \"--colr\"; did you mean --color?"},
  };
  for (const auto& [args, words] : cases)
    expect_refused(cli.run(args), 2, words);
  EXPECT_FALSE(cli.db_exists());
}

TEST(Help, UsageErrorsPointAtTheHelpOfTheCommandGiven) {
  CliHarness cli;
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"status", "--bar", "waybar", "--bar", "tmux"}, "(see 'qlfit status --help')"},
      {{"log", "walk", "--minutes"}, "(see 'qlfit log --help')"},
      {{"config", "set"}, "(see 'qlfit config set --help')"},
      {{"list", "--db"}, "(see 'qlfit list --help')"},
      {{"--db"}, "(see 'qlfit --help')"},
  };
  for (const auto& [args, words] : cases)
    expect_refused(cli.run(args), 2, words);
  EXPECT_FALSE(cli.db_exists());
}

TEST(Wording, SmallThingsReadAsTheyShould) {
  CliHarness cli;
  // A sitting time reads as stats writes one (7h59m), not as 479 minutes.
  cli.environment.qlfit_now = "2026-11-24T16:59:00+01:00";
  EXPECT_EQ(cli.run({"remind", "--for", "break"}).out,
            "Time to stand up and move: you have sat 7h59m (since 09:00). Log it with 'qlfit log "
            "break'.\n");
  // An average rounds half up: 4.25 is 4.3.
  for (const char* pain : {"4", "4", "4", "5"})
    cli.run({"log", "break", "--pain", pain});
  const auto week = cli.run({"stats"}).out;
  EXPECT_NE(week.find("Pain      average 4.3, highest 5 (4 entries)"), std::string::npos) << week;
  // A pause is named by its number, whatever the largest number is.
  expect_refused(cli.run({"pause", "rm", "x"}), 2,
                 "a pause is named by its number from 'qlfit pause list', got \"x\"");
  EXPECT_EQ(cli.run({"pause", "rm", "x"}).err.find("9223372036854775807"), std::string::npos);
  // --help shows no CLI11 bookkeeping; --for with --minutes is still refused.
  EXPECT_EQ(cli.run({"log", "--help"}).out.find("Excludes"), std::string::npos);
  EXPECT_EQ(cli.run({"edit", "--help"}).out.find("Excludes"), std::string::npos);
  expect_refused(cli.run({"edit", "1", "--for", "10m", "--minutes", "10"}), 2,
                 "give either --for or --minutes, not both");
  // A one-day period asks one session, not "1–1".
  cli.run({"log", "butt-walk"});
  const auto day = cli.run({"stats", "--from", "today", "--to", "today"}).out;
  EXPECT_NE(day.find("Sessions  1 of 1 · target met"), std::string::npos) << day;
}

TEST(Help, VersionNamesTheProgram) {
  CliHarness cli;
  cli.environment.tz = "Not/AZone";
  cli.environment.qlfit_now = "garbage";
  const auto result = cli.run({"--version"});
  EXPECT_EQ(result.code, 0);
  EXPECT_EQ(result.out.rfind("qlfit ", 0), 0U);
  EXPECT_FALSE(cli.db_exists());
}

// A stream that fails as write(2) does on a full disk or a closed pipe: after
// `room` bytes every write fails with `error` in errno.
class FailingOutput final : public std::streambuf {
 public:
  FailingOutput(int error, std::size_t room) : error_(error), room_(room) {}

 protected:
  std::streamsize xsputn(const char*, std::streamsize size) override {
    const auto put = std::min<std::streamsize>(size, static_cast<std::streamsize>(room_));
    room_ -= static_cast<std::size_t>(put);
    if (put < size)
      errno = error_;
    return put;
  }
  int_type overflow(int_type c) override {
    const char one = traits_type::to_char_type(c);
    return xsputn(&one, 1) == 1 ? c : traits_type::eof();
  }

 private:
  int error_;
  std::size_t room_;
};

// Runs `args` with one walk logged and stdout failing with `error` after `room` bytes.
CliResult run_failing(const std::vector<std::string>& args, int error, std::size_t room) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "25"});
  FailingOutput failing(error, room);
  std::ostream out(&failing);
  return cli.run(args, out);
}

TEST(Output, AFullDiskIsExitThreeWithOneLine) {
  for (const std::size_t room : {std::size_t{0}, std::size_t{10}}) {
    const auto result = run_failing({"export"}, ENOSPC, room);
    EXPECT_EQ(result.code, 3);
    EXPECT_EQ(result.err,
              "qlfit: cannot write the output: No space left on device (the command itself was "
              "carried out)\n");
  }
}

TEST(Output, AnUrgentBarThatCannotBeWrittenIsStillExitThree) {
  // i3blocks' urgent 33 is not a failure with its own line: the lost output is told.
  CliHarness cli;
  cli.environment.qlfit_now = "2026-11-24T10:40:00+01:00";  // a break is due
  FailingOutput failing(ENOSPC, 0);
  std::ostream out(&failing);
  const auto result = cli.run({"status", "--bar", "i3blocks"}, out);
  EXPECT_EQ(result.code, 3);
  EXPECT_EQ(result.err,
            "qlfit: cannot write the output: No space left on device (the command itself was "
            "carried out)\n");
}

TEST(Output, AReaderThatWentAwayIsNotAnError) {
  const auto result = run_failing({"list"}, EPIPE, 10);
  EXPECT_EQ(result.code, 0);
  EXPECT_EQ(result.err, "");
}

TEST(Output, AFailedCommandKeepsItsOwnLine) {
  const auto result = run_failing({"log", "nosuch"}, ENOSPC, 0);
  EXPECT_EQ(result.code, 2);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
}

}  // namespace
}  // namespace qlfit::testing
