// `qlfit report` end to end: the page against a golden file (golden/report.html, which the
// headless Chromium test in tests/report/ also opens), and its structure, which follows the
// data: a calendar cell a day, a bar a week, no outside reference, notes only when asked.
#include "cli_harness.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace qlfit::testing {
namespace {

namespace fs = std::filesystem;

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++count;
  return count;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// "2 of 3–4", as the table shows a week's sessions.
std::string counted(const nlohmann::json& sessions) {
  return std::to_string(sessions["count"].get<int>()) + " of " +
         std::to_string(sessions["target"]["min"].get<int>()) + "–" +
         std::to_string(sessions["target"]["max"].get<int>());
}

// The class of a table row: the verdict, with both open verdicts as "open".
std::string verdict_class(const std::string& verdict) {
  return verdict == "on track" || verdict == "at risk" ? "open" : verdict;
}

constexpr const char* kHostileNote = "<script>alert(\"x\")</script> & 'q' see https://example.org";

// The nine weeks of the stats tests, and a note that tries to be HTML.
void log_history(CliHarness& cli) {
  log_nine_weeks(cli);
  const auto noted = cli.run(
      {"log", "walk", "--at", "2026-11-24 18:00", "--minutes", "5", "--note", kHostileNote});
  ASSERT_EQ(noted.code, 0) << noted.err;
}

TEST(Report, GoldenPageOfNineWeeks) {
  CliHarness cli;
  log_history(cli);
  const auto result = cli.run({"report", "--weeks", "9", "--with-notes"});
  ASSERT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  expect_golden("report.html", result.out);
}

TEST(Report, OneCalendarCellADayAndOneBarAWeek) {
  CliHarness cli;
  log_history(cli);
  for (const int weeks : {1, 9, 12, 53, 60, 110}) {
    const auto page = cli.run({"report", "--weeks", std::to_string(weeks)}).out;
    EXPECT_EQ(count_of(page, "<rect class=\"d "), static_cast<std::size_t>(7 * weeks)) << weeks;
    EXPECT_EQ(count_of(page, "<rect class=\"b "), static_cast<std::size_t>(weeks)) << weeks;
    EXPECT_EQ(count_of(page, "<tr class="), static_cast<std::size_t>(weeks)) << weeks;
  }
  // Past a year, a row of weeks a year, each labelled.
  const auto years = cli.run({"report", "--weeks", "110"}).out;
  for (const char* year : {">2024</text>", ">2025</text>", ">2026</text>"})
    EXPECT_EQ(count_of(years, year), 6U) << year;  // calendar, sessions, walks, breaks x2, pain
  EXPECT_EQ(count_of(cli.run({"report"}).out, "<rect class=\"d "), 84U);  // 12 weeks by default
}

TEST(Report, EachChartHasATextAlternative) {
  CliHarness cli;
  log_history(cli);
  const auto page = cli.run({"report", "--weeks", "9"}).out;
  EXPECT_EQ(count_of(page, "<svg "), 6U);
  EXPECT_EQ(count_of(page, "role=\"img\" aria-labelledby="), 6U);
  EXPECT_EQ(count_of(page, "</title><desc "), 6U);
  EXPECT_EQ(count_of(page, "<table>"), 1U);
}

TEST(Report, NothingComesFromOutside) {
  CliHarness cli;
  log_history(cli);
  for (const bool notes : {false, true}) {
    std::vector<std::string> args{"report", "--weeks", "9"};
    if (notes)
      args.emplace_back("--with-notes");
    const auto page = cli.run(args).out;
    for (const char* outside : {"http:", "https:", "//", "<script", "@import", "@font-face", "url(",
                                "src=", "href=", "xmlns", "<link", "<iframe"}) {
      EXPECT_EQ(page.find(outside), std::string::npos) << outside << (notes ? " (notes)" : "");
    }
    EXPECT_EQ(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0U);
    EXPECT_NE(page.find("@media print"), std::string::npos);
    EXPECT_NE(page.find("@page{size:portrait"), std::string::npos);
    EXPECT_NE(page.find("prefers-color-scheme:dark"), std::string::npos);
  }
}

TEST(Report, NotesOnlyWithTheFlag) {
  CliHarness cli;
  log_history(cli);
  const auto plain = cli.run({"report", "--weeks", "9"}).out;
  const auto noted = cli.run({"report", "--weeks", "9", "--with-notes"}).out;
  EXPECT_EQ(plain.find("alert"), std::string::npos);
  EXPECT_EQ(plain.find("holiday"), std::string::npos);  // a pause's note is a note too
  EXPECT_EQ(plain.find("id=\"notes\""), std::string::npos);
  EXPECT_NE(plain.find("Paused Mon 26 Oct 2026 – Sun 1 Nov 2026."), std::string::npos);
  EXPECT_NE(noted.find("Paused Mon 26 Oct 2026 – Sun 1 Nov 2026: holiday."), std::string::npos);
  EXPECT_NE(noted.find("id=\"notes\""), std::string::npos);
  EXPECT_EQ(count_of(noted, "alert"), 1U);
}

TEST(Report, NotesComeOldestFirstAcrossTheWholeSpan) {
  CliHarness cli;
  cli.environment.qlfit_now = "2026-11-25T19:00:00+01:00";
  for (const char* day : {"2026-05-04", "2026-07-20", "2026-09-28", "2026-11-24"}) {
    const auto logged =
        cli.run({"log", "break", "--at", std::string(day) + " 10:00", "--note", day + 5});
    ASSERT_EQ(logged.code, 0) << logged.err;
  }
  const auto page = cli.run({"report", "--weeks", "30", "--with-notes"}).out;
  std::size_t at = 0;
  for (const char* note : {"05-04", "07-20", "09-28", "11-24"}) {
    const auto found = page.find("<td>" + std::string(note) + "</td></tr>", at);
    ASSERT_NE(found, std::string::npos) << note;
    at = found;
  }
  // The first is before these 20 weeks.
  EXPECT_EQ(cli.run({"report", "--weeks", "20", "--with-notes"}).out.find("<td>05-04</td>"),
            std::string::npos);
}

TEST(Report, UserTextIsEscaped) {
  CliHarness cli;
  log_history(cli);
  // Names the command line refuses can still come from a database edited by hand.
  {
    SQLite::Database db(cli.db_path(), SQLite::OPEN_READWRITE);
    db.exec(
        "INSERT INTO activity (name, kind, description, builtin, archived) VALUES "
        "('<img src=x onerror=alert(2)>', 'walk', '', 0, 0)");
    db.exec("UPDATE entry SET activity = '<img src=x onerror=alert(2)>' WHERE note IS NOT NULL");
  }
  const auto page = cli.run({"report", "--weeks", "9", "--with-notes"}).out;
  EXPECT_NE(page.find("<td>&lt;img src=x onerror=alert(2)&gt;</td>"), std::string::npos);
  EXPECT_NE(page.find("<td>&lt;script&gt;alert(&quot;x&quot;)&lt;&#47;script&gt; &amp; &#39;q&#39; "
                      "see https&#58;&#47;&#47;example.org</td>"),
            std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
}

TEST(Report, NamesTheDatabaseFileButNoPath) {
  CliHarness cli;
  log_history(cli);
  const std::string odd = cli.dir.file("my <back> & me.db");
  fs::copy_file(cli.db_path(), odd);
  const auto page = cli.run({"--db", odd, "report", "--weeks", "2"}).out;
  EXPECT_NE(page.find("database <b>my &lt;back&gt; &amp; me.db</b>"), std::string::npos);
  EXPECT_EQ(page.find(cli.dir.path().string()), std::string::npos);
  EXPECT_EQ(cli.run({"report"}).out.find(cli.dir.path().string()), std::string::npos);
}

TEST(Report, TheTableHasTheNumbersOfStatsWeeks) {
  CliHarness cli;
  log_history(cli);
  const auto page = cli.run({"report", "--weeks", "9"}).out;
  const auto stats = nlohmann::json::parse(cli.run({"stats", "--weeks", "9", "--json"}).out);
  for (const auto& week : stats["weeks"]) {
    const std::string label = week["week"];
    const auto row = page.find("<td>" + label + "<br>");
    ASSERT_NE(row, std::string::npos) << label;
    const std::string line = page.substr(row, page.find("</tr>", row) - row);
    const auto& sessions = week["sessions"];
    if (sessions["verdict"] != "paused") {
      EXPECT_NE(line.find(counted(sessions)), std::string::npos) << line;
    }
    EXPECT_NE(
        line.find(">" + std::to_string(week["walk"]["minutes"].get<int>()) + " min<br><small>" +
                  std::to_string(week["walk"]["days_in_band"].get<int>()) + " of 7 days"),
        std::string::npos)
        << line;
    EXPECT_NE(
        line.find("<td class=\"n\">" + std::to_string(week["breaks"]["count"].get<int>()) + "<"),
        std::string::npos)
        << line;
    EXPECT_NE(page.find("<tr class=\"" + verdict_class(sessions["verdict"]) + "\"><td>" + label),
              std::string::npos)
        << label;
  }
  EXPECT_NE(page.find("Streak: 0 weeks met in a row now · longest 2 weeks."), std::string::npos);
  EXPECT_NE(page.find("missed: 2 short"), std::string::npos);  // stats' own words
}

TEST(Report, PainAdviceAsStatsWordsIt) {
  CliHarness cli;
  log_history(cli);
  const auto page = cli.run({"report", "--weeks", "9"}).out;
  const auto week = cli.run({"stats", "--week"}).out;
  // stats: "Pain      average 5.5, highest 7 (4 entries) · rising from 2.5 the 4 weeks before"
  const auto words = week.substr(week.find("Pain") + 10,
                                 week.find('\n', week.find("Pain")) - week.find("Pain") - 10);
  EXPECT_NE(page.find("<li>2026-W48 (23–29 Nov): " + words + "</li>"), std::string::npos) << words;
  EXPECT_NE(page.find("Where pain is high or rising, talk to a trusted health provider before "
                      "going on with the routine."),
            std::string::npos);
  EXPECT_EQ(page.find("That is a high pain level"), std::string::npos);  // W46 is 2.5, rising
  EXPECT_EQ(count_of(page, "<circle class=\"hi adv\""), 2U);  // W46 (rising) and W48 (7, rising)
}

TEST(Report, APeriodWithNoEntriesSaysSo) {
  CliHarness cli;
  const auto empty = cli.run({"report"});
  ASSERT_EQ(empty.code, 0) << empty.err;
  EXPECT_NE(empty.out.find("Nothing logged in this period"), std::string::npos);
  EXPECT_EQ(empty.out.find("<svg"), std::string::npos);
  EXPECT_FALSE(cli.db_exists());  // a read creates nothing
  log_history(cli);
  const auto before = cli.run({"report", "--from", "2020-01-01", "--to", "2020-03-01"}).out;
  EXPECT_NE(before.find("Nothing logged in this period"), std::string::npos);
  EXPECT_NE(before.find("Mon 30 Dec 2019 – Sun 1 Mar 2020"), std::string::npos);
  EXPECT_EQ(before.find("<svg"), std::string::npos);
}

TEST(Report, AnEntryCountsForItsHabitDayAtThePeriodsEdges) {
  CliHarness cli;
  cli.environment.qlfit_now = "2026-11-25T19:00:00+01:00";
  ASSERT_EQ(cli.run({"config", "set", "day.start", "03:00"}).code, 0);
  // Monday 01:00 counts for Sunday: week 47, not week 48.
  ASSERT_EQ(cli.run({"log", "butt-walk", "--at", "2026-11-23 01:00"}).code, 0);
  const auto w48 = cli.run({"report", "--from", "2026-11-24", "--to", "2026-11-24"}).out;
  EXPECT_NE(w48.find("Nothing logged"), std::string::npos);
  const auto w47 = cli.run({"report", "--from", "2026-11-17", "--to", "2026-11-17"}).out;
  EXPECT_EQ(w47.find("Nothing logged"), std::string::npos);
  EXPECT_NE(w47.find("2026-W47: 1 of 3–4 sessions"), std::string::npos);
}

TEST(Report, FromAndToCoverTheWholeWeeksHoldingThem) {
  CliHarness cli;
  log_history(cli);
  const auto page = cli.run({"report", "--from", "2026-11-04", "--to", "2026-11-18"}).out;
  EXPECT_EQ(count_of(page, "<rect class=\"d "), 21U);
  EXPECT_NE(page.find("3 weeks, Mon 2 Nov 2026 – Sun 22 Nov 2026"), std::string::npos);
}

TEST(Report, RefusesBadPeriods) {
  CliHarness cli;
  log_history(cli);
  const std::string out = cli.dir.file("r.html");
  expect_refused(cli.run({"report", "--weeks", "0", "--output", out}), 2, "--weeks");
  expect_refused(cli.run({"report", "--weeks", "5301"}), 2, "--weeks");
  expect_refused(cli.run({"report", "--weeks", "x"}), 2, "--weeks");
  expect_refused(cli.run({"report", "--weeks"}), 2, "--weeks");
  expect_refused(cli.run({"report", "--from", "2026-11-01", "--output", out}), 2, "--to");
  // Names what was given: report has no --week or --month.
  const auto both = cli.run({"report", "--weeks", "3", "--from", "2026-11-01", "--to", "today"});
  expect_refused(both, 2, "give one period, not --weeks and --from with --to");
  EXPECT_EQ(both.err.find("--month"), std::string::npos) << both.err;
  expect_refused(cli.run({"report", "--weeks", "3", "--from", "mon"}), 2,
                 "give one period, not --weeks and --from\n");
  expect_refused(cli.run({"report", "--from", "2026-11-10", "--to", "2026-11-01"}), 2, "");
  expect_refused(cli.run({"report", "--from", "1900-01-01", "--to", "2026-11-01"}), 2, "5300");
  EXPECT_FALSE(fs::exists(out));
}

TEST(Report, OutputIsAPrivateFileWrittenWhole) {
  CliHarness cli;
  log_history(cli);
  const std::string out = cli.dir.file("back.html");
  const auto written = cli.run({"report", "--weeks", "9", "--output", out});
  ASSERT_EQ(written.code, 0) << written.err;
  EXPECT_EQ(written.out, "");
  EXPECT_EQ(read(out), cli.run({"report", "--weeks", "9"}).out);
  struct stat info {};
  ASSERT_EQ(::stat(out.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600U);
}

TEST(Report, NeverWritesOverTheDatabase) {
  CliHarness cli;
  log_history(cli);
  const std::string db = cli.db_path();
  const std::string bytes = read(db);
  fs::create_symlink(db, cli.dir.file("link.db"));
  fs::create_hard_link(db, cli.dir.file("hard.db"));
  for (const std::string& target :
       {db, cli.dir.file("data/qlfit/../qlfit/qlfit.db"), cli.dir.file("link.db"),
        cli.dir.file("hard.db"), db + "-wal"}) {
    expect_refused(cli.run({"report", "--output", target}), 2, "is the database");
  }
  EXPECT_EQ(read(db), bytes);
  // A folder is no file to write: exit 3, and nothing left in it.
  const std::string folder = cli.dir.file("folder");
  fs::create_directory(folder);
  expect_refused(cli.run({"report", "--output", folder}), 3, "folder");
  expect_refused(cli.run({"report", "--output", cli.dir.file("missing/r.html")}), 3,
                 "cannot be written");
  EXPECT_TRUE(fs::is_empty(folder));
  for (const auto& file : fs::directory_iterator(cli.dir.path()))
    EXPECT_EQ(file.path().filename().string().find(".qlfit-"), std::string::npos) << file.path();
}

}  // namespace
}  // namespace qlfit::testing
