// Hostile and careless input: files that are not qlfit's, import files that try to break
// it, damaged headers, clocks past the calendar, private text in error lines.
#include "cli_harness.hpp"
#include "files.hpp"
#include "old_schema.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace qlfit::testing {
namespace {

// `text` as it stands between the quotes of a JSON string.
std::string json_text(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[(c >> 4) & 0xF];
      out += kHex[c & 0xF];
    } else {
      if (c == '"' || c == '\\')
        out += '\\';
      out += c;
    }
  }
  return out;
}

constexpr const char* kHeader = "id,activity,kind,start,duration_s,pain,note\n";
constexpr const char* kId = "6ed672a2-866a-4695-92da-7810ba978d12";

std::string json_entry(const std::string& fields) {
  return std::string(R"({"id": ")") + kId +
         R"(", "activity": "walk", "kind": "walk", "start": "2026-11-23T07:00:00+01:00", )" +
         fields + "}";
}

// Imports `text` as FILE into a database that already holds one entry, and expects exit
// 2 with `words`, nothing imported, and none of `secret` on stderr.
void expect_import_refused(const std::string& file, const std::string& text,
                           const std::string& words, const std::string& secret = "") {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "25"});
  const std::string before = cli.run({"export", "--format", "json"}).out;
  write(cli.dir.file(file), text);
  const CliResult result = cli.run({"import", cli.dir.file(file)});
  expect_refused(result, 2, words);
  if (!secret.empty()) {
    EXPECT_EQ(result.err.find(secret), std::string::npos) << result.err;
  }
  EXPECT_EQ(cli.run({"export", "--format", "json"}).out, before) << words;
}

TEST(Safety, ANonQlfitDatabaseIsLeftAsItWasByEveryCommand) {
  CliHarness cli;
  const std::string notes = cli.dir.file("notes.txt");
  write(notes, "my notes\n");
  ::chmod(notes.c_str(), 0644);
  const std::string link = cli.dir.file("link.db");
  std::filesystem::create_symlink(notes, link);
  write(cli.dir.file("in.csv"),
        std::string(kHeader) + kId + ",walk,walk,2026-11-23T07:00:00+01:00,60,,\n");
  for (const std::string& path : {notes, link}) {
    for (const std::vector<std::string>& args : {std::vector<std::string>{"list"},
                                                 {"stats"},
                                                 {"remind"},
                                                 {"export"},
                                                 {"undo"},
                                                 {"log", "break"},
                                                 {"import", cli.dir.file("in.csv")},
                                                 {"backup", cli.dir.file("b.db")}}) {
      std::vector<std::string> argv{"--db", path};
      argv.insert(argv.end(), args.begin(), args.end());
      expect_refused(cli.run(argv), 3, "not a SQLite database");
      EXPECT_EQ(mode_of(notes), 0644U) << args[0];
      EXPECT_EQ(contents(notes), "my notes\n") << args[0];
    }
  }
  EXPECT_EQ(listing(cli.dir.path().string()),
            (std::vector<std::string>{"in.csv", "link.db", "notes.txt"}));
}

TEST(Safety, CommandsThatReadChangeNoByteOfABackup) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "25", "--pain", "3"});
  std::filesystem::create_directory(cli.dir.file("b"));
  ASSERT_EQ(cli.run({"backup", cli.dir.file("b/backup.db")}).code, 0);
  const std::string backup = cli.dir.file("b/backup.db");
  const std::string bytes = contents(backup);
  for (const std::vector<std::string>& args : {std::vector<std::string>{"list"},
                                               {"list", "--json"},
                                               {"stats"},
                                               {"stats", "--weeks", "4"},
                                               {"remind"},
                                               {"export"},
                                               {"export", "--format", "json"},
                                               {"status"}}) {
    std::vector<std::string> argv{"--db", backup};
    argv.insert(argv.end(), args.begin(), args.end());
    const CliResult result = cli.run(argv);
    EXPECT_EQ(result.code, 0) << args[0] << " " << args.back() << result.err;
    EXPECT_EQ(listing(cli.dir.file("b")), std::vector<std::string>{"backup.db"}) << args[0];
    EXPECT_EQ(contents(backup), bytes) << args[0];
  }
  EXPECT_NE(cli.run({"--db", backup, "list"}).out.find("walk"), std::string::npos);
}

TEST(Safety, AnOlderSchemaIsReadWithoutMigratingTheFile) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "25"});
  make_schema_version_1(cli.db_path());
  const std::string bytes = contents(cli.db_path());
  EXPECT_NE(cli.run({"list"}).out.find("walk"), std::string::npos);
  EXPECT_EQ(cli.run({"remind"}).code, 0);
  EXPECT_EQ(contents(cli.db_path()), bytes);
  EXPECT_EQ(cli.run({"log", "break"}).code, 0);  // the first write migrates
  SQLite::Database db(cli.db_path());
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), 8);
}

TEST(Safety, ADamagedHeaderIsOnePlainLine) {
  for (const char* version : {"-1", "-2147483648", "3"}) {
    CliHarness cli;
    cli.run({"log", "walk", "--minutes", "25"});
    {
      SQLite::Database db(cli.db_path(), SQLite::OPEN_READWRITE);
      db.exec(std::string("PRAGMA user_version = ") + version);
    }
    const std::string bytes = contents(cli.db_path());
    expect_refused(cli.run({"list"}), 3, "is damaged");
    expect_refused(cli.run({"log", "break"}), 3, "is damaged");
    EXPECT_EQ(contents(cli.db_path()), bytes);
  }
}

TEST(Safety, AFailedImportCreatesNoDatabaseAndNoFolder) {
  CliHarness cli;
  write(cli.dir.file("in.csv"), std::string(kHeader) + kId +
                                    ",walk,walk,2026-11-23T07:00:00+01:00,60,,\n"
                                    "bad,walk,walk,2026-11-23T07:00:00+01:00,60,,\n");
  expect_refused(cli.run({"import", cli.dir.file("in.csv")}), 2, "in.csv:3: id \"bad\"");
  EXPECT_FALSE(std::filesystem::exists(cli.dir.file("data")));
  expect_refused(cli.run({"--db", cli.dir.file("new/"), "log", "break"}), 3, "names a folder");
  EXPECT_FALSE(std::filesystem::exists(cli.dir.file("new")));
  // And a good one appears whole, private.
  write(cli.dir.file("in.csv"),
        std::string(kHeader) + kId + ",walk,walk,2026-11-23T07:00:00+01:00,60,,\n");
  ASSERT_EQ(cli.run({"import", cli.dir.file("in.csv")}).out, "imported 1, already present 0\n");
  EXPECT_EQ(mode_of(cli.db_path()), 0600U);
  EXPECT_EQ(mode_of(cli.dir.file("data/qlfit")), 0700U);
}

TEST(Safety, ImportHoldsNamesAndTextToTheCommandLinesRules) {
  for (const char* name : {"$(touch /tmp/qlfit-pwned)", "", "a b", "\x1b[31mred", "Walk"}) {
    const std::string activity = json_text(name);
    expect_import_refused(
        "in.json",
        R"({"entries": [], "activities": [{"name": ")" + activity + R"(", "kind": "session"}]})",
        "an activity name is lower-case letters");
    expect_import_refused(
        "in.json",
        "[" + std::string(R"({"id": ")") + kId + R"(", "activity": ")" + activity +
            R"(", "kind": "walk", "start": "2026-11-23T07:00:00+01:00", "duration_s": 60}])",
        *name == '\0' ? "activity \"\": is required" : "an activity name is lower-case letters");
  }
  EXPECT_FALSE(std::filesystem::exists("/tmp/qlfit-pwned"));
  const std::string secret = "my back hurts";
  expect_import_refused(
      "in.json", "[" + json_entry(R"("duration_s": 60, "note": ")" + secret + R"(\u0000")") + "]",
      "note must be UTF-8 text without NUL bytes", secret);
  expect_import_refused(
      "in.json",
      "[" +
          json_entry(R"("duration_s": 60, "note": ")" + secret + std::string(3000, 'x') + R"(")") +
          "]",
      "note must be at most 2000 bytes", secret);
  expect_import_refused("in.json", "[" + json_entry(R"("duration_s": 60, "note": 5)") + "]",
                        "note must be a string or null");
  expect_import_refused(
      "in.json",
      R"({"entries": [], "pauses": [{"from": "2026-11-01", "to": "2026-11-02", "note": 7}]})",
      "a pause's note must be a string or null");
  expect_import_refused(
      "in.json",
      R"({"entries": [], "pauses": [{"from": "2026-11-01", "to": "2026-11-02", "note": "a\u0000b"}]})",
      "a pause's note must be UTF-8 text without NUL bytes");
  expect_import_refused(
      "in.json",
      R"({"entries": [], "activities": [{"name": "plank", "kind": "session", "description": "a\u0000"}]})",
      "an activity's description must be UTF-8 text without NUL bytes");
  expect_import_refused(
      "in.csv",
      std::string(kHeader) + kId + ",walk,walk,2026-11-23T07:00:00+01:00,60,," + secret + "\xff\n",
      "in.csv:2: the line is not UTF-8 text", secret);
}

TEST(Safety, ImportedSettingsAreCheckedAsConfigSetChecksThem) {
  CliHarness cli;
  ASSERT_EQ(cli.run({"config", "set", "walk.max", "25"}).code, 0);
  write(cli.dir.file("in.json"), R"({"entries": [], "settings": {"walk.min": "28"}})");
  expect_refused(cli.run({"import", cli.dir.file("in.json")}), 2,
                 "in.json: walk.min (28) must not be above walk.max (25)");
  write(cli.dir.file("in.json"), R"({"entries": [], "settings": {"walk.nap": "1"}})");
  expect_refused(cli.run({"import", cli.dir.file("in.json")}), 2, "unknown setting \"walk.nap\"");
  write(cli.dir.file("in.json"), R"({"entries": [], "settings": {"break.every": "90"}})");
  EXPECT_EQ(cli.run({"list"}).code, 0);  // every command still works
  // Both ends of a band together: checked against each other once both are in.
  write(
      cli.dir.file("in.json"),
      R"({"entries": [], "settings": {"walk.min": "28", "walk.max": "35", "break.every": "1h30m"}})");
  ASSERT_EQ(cli.run({"import", cli.dir.file("in.json")}).code, 0);
  EXPECT_EQ(cli.run({"config", "get", "walk.min"}).out, "28\n");
  EXPECT_EQ(cli.run({"config", "get", "break.every"}).out, "1h30m\n");
}

TEST(Safety, UnboundedOrOddImportFilesAreRefusedInBoundedMemory) {
  expect_import_refused("in.json", std::string(100000, '[') + std::string(100000, ']'),
                        "nested deeper than an export");
  expect_import_refused("in.json", "[" + json_entry(R"("duration_s": 60, "x": {"y": [1]})") + "]",
                        "nested deeper than an export");
  expect_import_refused("in.json", "[" + std::string(3 * 1024 * 1024, ' ') + "]",
                        "longer than any qlfit writes");
  expect_import_refused("in.json", R"({"entries": [[1, 2]]})", "entry 1 is not an object");
  expect_import_refused("in.json", "[" + json_entry(R"("duration_s": 1e400)") + "]",
                        "duration_s holds a number too large: it must be whole seconds from 1 to "
                        "86400");
  expect_import_refused("in.json", "[" + json_entry(R"("duration_s": 18446744073709551615)") + "]",
                        "duration_s \"18446744073709551615\": must be whole seconds");
  expect_import_refused("in.json", "[" + json_entry(R"("duration_s": 1.5)") + "]",
                        "duration_s must be whole seconds from 1 to 86400");
  expect_import_refused("in.csv", std::string(kHeader) + std::string(100 * 1024, 'x'),
                        "in.csv:2: a row is longer than 64 KiB");
}

TEST(Safety, ImportReadsDevZeroAndStopsWithExitTwo) {
  CliHarness cli;
  expect_refused(cli.run({"import", "--format", "csv", "/dev/zero"}), 2, "a row is longer");
  expect_refused(cli.run({"import", "--format", "json", "/dev/zero"}), 2, "is not JSON");
  EXPECT_FALSE(cli.db_exists());
}

TEST(Safety, OneIdOnTwoRowsIsRefusedNamingBoth) {
  expect_import_refused("in.csv",
                        std::string(kHeader) + kId + ",walk,walk,2026-11-23T07:00:00+01:00,60,,\n" +
                            "7ed672a2-866a-4695-92da-7810ba978d12,walk,walk,2026-11-23T08:00:00+01:"
                            "00,60,,\n" +
                            kId + ",walk,walk,2026-11-23T09:00:00+01:00,99,,\n",
                        "in.csv:4: id " + std::string(kId) + " is also the id of ");
  expect_import_refused("in.csv",
                        std::string(kHeader) + kId + ",walk,walk,2026-11-23T07:00:00+01:00,60,,\n" +
                            kId + ",walk,walk,2026-11-23T09:00:00+01:00,99,,\n",
                        "in.csv:2; one id is one entry; nothing imported");
  expect_import_refused(
      "in.json",
      "[" + json_entry(R"("duration_s": 60)") + ", " + json_entry(R"("duration_s": 61)") + "]",
      "in.json: entry 1; one id is one entry; nothing imported");
}

TEST(Safety, CsvWithOldMacLineEndsImportsEveryRow) {
  CliHarness cli;
  write(cli.dir.file("in.csv"), "id,activity,kind,start,duration_s,pain,note\r" + std::string(kId) +
                                    ",walk,walk,2026-11-23T07:00:00+01:00,60,,\r");
  EXPECT_EQ(cli.run({"import", cli.dir.file("in.csv")}).out, "imported 1, already present 0\n");
}

TEST(Safety, ClocksAndTimesPastTheCalendarAreRefusedBeforeWriting) {
  CliHarness cli;
  cli.environment.qlfit_now = "9999-12-31T23:30:00Z";
  expect_refused(cli.run({"log", "break"}), 2, "QLFIT_NOW");
  EXPECT_FALSE(cli.db_exists());
  expect_refused(cli.run({"stats"}), 2, "outside the years qlfit keeps (1900 to 9999)");
  cli.environment.qlfit_now = "1900-01-01T02:00:00Z";
  cli.environment.tz = "America/New_York";
  expect_refused(cli.run({"log", "break"}), 2, "local date 1899-12-31");
  EXPECT_FALSE(cli.db_exists());
}

TEST(Safety, ErrorLinesNeverQuoteANoteOrPrintControlBytes) {
  CliHarness cli;
  const std::string secret = "secret\xff\x1b[2J";
  CliResult result = cli.run({"log", "break", "--note", secret});
  expect_refused(result, 2, "--note must be UTF-8 text");
  EXPECT_EQ(result.err.find("secret"), std::string::npos) << result.err;
  result = cli.run({"log", "break", "--pain", "\x1b[31m\xff"});
  expect_refused(result, 2, "--pain");
  EXPECT_EQ(result.err.find('\x1b'), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find('\xff'), std::string::npos) << result.err;
  result = cli.run({"log", "break", "\x1b[31mextra"});
  EXPECT_EQ(result.code, 2);
  EXPECT_EQ(result.err.find('\x1b'), std::string::npos) << result.err;
  EXPECT_FALSE(cli.db_exists());
}

}  // namespace
}  // namespace qlfit::testing
