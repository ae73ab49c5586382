// export, import and backup end to end: bytes kept across zones, files private and whole,
// bad rows importing nothing, the live database never a target.
#include "cli_harness.hpp"
#include "files.hpp"
#include "formats/export_json.hpp"
#include "tricky_history.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sys/stat.h>
#include <tuple>
#include <vector>

namespace qlfit::testing {
namespace {

TEST(Export, CsvIsTheSameBytesWhateverTheViewersZone) {
  CliHarness cli;
  log_history(cli);
  const std::string berlin = cli.run({"export"}).out;
  cli.environment.tz = "Asia/Tokyo";
  EXPECT_EQ(cli.run({"export"}).out, berlin);
  EXPECT_EQ(berlin.rfind("id,activity,kind,start,duration_s,pain,note,source\r\n", 0), 0U);
  EXPECT_NE(berlin.find("-05:00,1260,"), std::string::npos);
  EXPECT_NE(berlin.find("+05:45,1260,"), std::string::npos);
}

TEST(Export, CsvAndJsonKeepTheirBytes) {
  CliHarness cli;
  // Fixed ids, so the bytes are the same every run; offsets of three zones; tricky notes.
  std::string csv = "id,activity,kind,start,duration_s,pain,note\n";
  int i = 0;
  for (const char* offset : {"+01:00", "-05:00", "+05:45"}) {
    for (const char* note : kTrickyNotes) {
      ++i;
      std::string quoted;
      for (const char c : std::string_view(note))
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      csv += fmt::format(
          "0a0a0a0a-0000-4000-8000-{:012},{},{},2026-11-{:02}T07:{:02}:00{},60,{},\"{}\"\n", i,
          i % 2 == 0 ? "butt-walk" : "walk", i % 2 == 0 ? "session" : "walk", 1 + i % 20, i, offset,
          i % 11, quoted);
    }
  }
  write(cli.dir.file("in.csv"), csv);
  ASSERT_EQ(cli.run({"import", cli.dir.file("in.csv")}).code, 0);
  cli.run({"pause", "add", "2026-11-01", "2026-11-02", "--note", "a cold"});
  cli.run({"config", "set", "walk.min", "25"});
  expect_golden("export.csv", cli.run({"export"}).out);
  expect_golden("export.json", cli.run({"export", "--format", "json"}).out);
  // list streams its output too: the same table, and JSON exactly as dump(2) prints it.
  expect_golden("list.txt", cli.run({"list"}).out);
  const std::string listed = cli.run({"list", "--json", "--since", "2026-11-02"}).out;
  EXPECT_EQ(listed, nlohmann::ordered_json::parse(listed).dump(2) + "\n");
  const auto all = nlohmann::json::parse(listed);
  ASSERT_EQ(all.size(), 29U);
  const auto last_two = nlohmann::json::parse(
      cli.run({"list", "--json", "--since", "2026-11-02", "--limit", "2"}).out);
  EXPECT_EQ(last_two, (nlohmann::json{all[27], all[28]}));
  CliHarness empty;
  expect_golden("export-empty.csv", empty.run({"export"}).out);
  expect_golden("export-empty.json", empty.run({"export", "--format", "json"}).out);
  EXPECT_EQ(empty.run({"list", "--json"}).out, "[]\n");
  EXPECT_EQ(empty.run({"list"}).out, "no entries yet: start with 'qlfit log butt-walk'\n");
}

TEST(Export, OutputFileIsPrivateAndComplete) {
  CliHarness cli;
  log_history(cli);
  const auto path = cli.dir.file("out.json");
  EXPECT_EQ(cli.run({"export", "--output", path}).code, 0);  // .json: JSON
  EXPECT_EQ(mode_of(path), 0600U);
  EXPECT_EQ(nlohmann::json::parse(contents(path))["entries"].size(), 30U);
  EXPECT_EQ(cli.run({"export", "--output", path, "--format", "csv"}).code, 0);
  EXPECT_EQ(contents(path), cli.run({"export"}).out);
  expect_refused(cli.run({"export", "--output", cli.dir.path().string()}), 3, "is a folder");
  expect_refused(cli.run({"export", "--output", cli.dir.file("no/such/dir/x.csv")}), 3,
                 "cannot be written");
  expect_refused(cli.run({"export", "--format", "xml"}), 2, "--format must be csv or json");
}

TEST(Import, CsvRoundTripIsByteIdenticalAndIdempotent) {
  CliHarness from;
  log_history(from);
  const std::string csv = from.run({"export"}).out;
  CliHarness to;
  write(to.dir.file("in.csv"), csv);
  EXPECT_EQ(to.run({"import", to.dir.file("in.csv")}).out, "imported 30, already present 0\n");
  EXPECT_EQ(to.run({"import", to.dir.file("in.csv")}).out, "imported 0, already present 30\n");
  EXPECT_EQ(to.run({"export"}).out, csv);
  const auto notes = nlohmann::json::parse(to.run({"list", "--json"}).out);
  std::set<std::string> seen;
  for (const auto& entry : notes)
    seen.insert(entry["note"].get<std::string>());
  for (const char* note : kTrickyNotes)
    EXPECT_TRUE(seen.contains(note)) << note;
}

// An entry already here takes no number: the entries an import adds, and the next one
// logged, are numbered on from the last, and a file imported again changes no byte.
TEST(Import, EntriesAlreadyPresentUseUpNoNumbers) {
  CliHarness from;
  from.run({"log", "walk", "--minutes", "25", "--at", "06:00"});
  from.run({"log", "break", "--at", "06:30"});
  CliHarness to;
  write(to.dir.file("in.csv"), from.run({"export"}).out);
  ASSERT_EQ(to.run({"import", to.dir.file("in.csv")}).code, 0);
  const std::string before = contents(to.db_path());
  EXPECT_EQ(to.run({"import", to.dir.file("in.csv")}).out, "imported 0, already present 2\n");
  EXPECT_TRUE(contents(to.db_path()) == before);  // not a byte changed
  from.run({"log", "break", "--at", "07:00"});
  write(to.dir.file("in.csv"), from.run({"export"}).out);
  EXPECT_EQ(to.run({"import", to.dir.file("in.csv")}).out, "imported 1, already present 2\n");
  EXPECT_EQ(nlohmann::json::parse(to.run({"list", "--json"}).out).at(2).at("n"), 3);
  EXPECT_EQ(to.run({"log", "break"}).out.rfind("#4 ", 0), 0U);
  // One id twice among new entries after one already here: named, not an internal error.
  const std::string header = "id,activity,kind,start,duration_s,pain,note,source\n";
  const std::string present = from.run({"export"}).out.substr(header.size() + 1);
  const std::string fresh = "0a0a0a0a-0000-4000-8000-00000000000";
  const auto row = [&](char last) {
    return fresh + last + ",walk,walk,2026-11-20T10:00:00+01:00,600,,,manual\n";
  };
  write(to.dir.file("in.csv"),
        header + row('1') + present.substr(0, present.find('\n') + 1) + row('2') + row('2'));
  expect_refused(to.run({"import", to.dir.file("in.csv")}), 2, "is also the id of");
}

TEST(Import, JsonRoundTripCarriesPausesSettingsAndActivities) {
  CliHarness from;
  log_history(from);
  from.run({"pause", "--from", "2026-12-01", "--to", "2026-12-03", "--note", "physio"});
  from.run({"config", "set", "walk.min", "25"});
  const std::string json = from.run({"export", "--format", "json"}).out;
  CliHarness to;
  write(to.dir.file("in.json"), json);
  // What came besides entries is counted; the second time nothing new came.
  EXPECT_EQ(to.run({"import", to.dir.file("in.json")}).out,
            "imported 30 entries, 1 pause, 1 setting, already present 0\n");
  EXPECT_EQ(to.run({"import", to.dir.file("in.json")}).out, "imported 0, already present 30\n");
  EXPECT_EQ(to.run({"export", "--format", "json"}).out, json);
  EXPECT_EQ(to.run({"config", "get", "walk.min"}).out, "25\n");
}

// A file of pauses (and an activity) alone imports them, and the line says so: never
// "imported 0".
TEST(Import, PausesAndActivitiesAloneAreCountedAsImported) {
  CliHarness from;
  from.run({"pause", "--from", "2026-12-01", "--to", "2026-12-03", "--note", "physio"});
  from.run({"pause", "--from", "2026-12-10", "--to", "2026-12-11"});
  from.run({"activity", "add", "side-plank", "--kind", "session"});
  CliHarness to;
  write(to.dir.file("in.json"), from.run({"export", "--format", "json"}).out);
  EXPECT_EQ(to.run({"import", to.dir.file("in.json"), "--dry-run"}).out,
            "would have imported 0 entries, 2 pauses, 1 activity, already present 0\n");
  EXPECT_EQ(to.run({"import", to.dir.file("in.json")}).out,
            "imported 0 entries, 2 pauses, 1 activity, already present 0\n");
  EXPECT_NE(to.run({"pause", "list"}).out.find("2026-12-10"), std::string::npos);
  EXPECT_EQ(to.run({"import", to.dir.file("in.json")}).out, "imported 0, already present 0\n");
}

TEST(Import, ListJsonIsAcceptedToo) {
  CliHarness from;
  log_history(from);
  CliHarness to;
  write(to.dir.file("list.json"), from.run({"list", "--json"}).out);
  EXPECT_EQ(to.run({"import", to.dir.file("list.json")}).out, "imported 30, already present 0\n");
}

TEST(Import, DryRunCountsAndChangesNothing) {
  CliHarness from;
  log_history(from);
  CliHarness to;
  write(to.dir.file("in.csv"), from.run({"export"}).out);
  EXPECT_EQ(to.run({"import", to.dir.file("in.csv"), "--dry-run"}).out,
            "would have imported 30, already present 0\n");
  EXPECT_FALSE(to.db_exists());
}

TEST(Import, ABadRowAnywhereImportsNothing) {
  CliHarness from;
  log_history(from);
  std::string csv = from.run({"export"}).out;
  CliHarness to;
  // The rows come in a file without the source column: an older export's.
  const std::string header = "id,activity,kind,start,duration_s,pain,note\r\n";
  const std::string exported_header = "id,activity,kind,start,duration_s,pain,note,source\r\n";
  std::string good_row = csv.substr(
      exported_header.size(), csv.find("\r\n", exported_header.size()) - exported_header.size());
  ASSERT_EQ(good_row.substr(good_row.rfind(',')), ",manual");
  good_row = good_row.substr(0, good_row.rfind(',')) + "\r\n";
  const std::string bad_row =
      "0a0a0a0a-0000-4000-8000-000000000000,walk,walk,2026-02-30T07:00:00+01:00,60,,\r\n";
  struct Case {
    std::string text;
    std::string words;
  };
  const std::vector<Case> cases{
      {header + bad_row + good_row, "in.csv:2: start \"2026-02-30T07:00:00+01:00\""},
      {header + good_row + bad_row + good_row, "in.csv:3: start"},
      {header + good_row + bad_row, "in.csv:3: start"},
      {header + good_row + "x,walk,walk,2026-11-24T07:00:00+01:00,60,,\r\n", "in.csv:3: id \"x\""},
      {header + "0a0a0a0a-0000-4000-8000-000000000000,walk,nap,2026-11-24T07:00:00+01:00,60,,\r\n",
       "kind \"nap\""},
      {header + "0a0a0a0a-0000-4000-8000-000000000000,walk,walk,2026-11-24T07:00:00+01:00,0,,\r\n",
       "duration_s \"0\""},
      {header +
           "0a0a0a0a-0000-4000-8000-000000000000,walk,walk,2026-11-24T07:00:00+01:00,60,11,\r\n",
       "pain \"11\""},
      {header +
           "0a0a0a0a-0000-4000-8000-000000000000,butt-walk,walk,2026-11-24T07:00:00+01:00,60,,\r\n",
       "is a session here"},
      {"not,a,csv\n", "no column"},
      {header + "\xff\xfe\r\n", "not UTF-8"},
  };
  for (const Case& bad : cases) {
    write(to.dir.file("in.csv"), bad.text);
    expect_refused(to.run({"import", to.dir.file("in.csv")}), 2, bad.words);
    EXPECT_EQ(to.run({"export"}).out, exported_header) << bad.words;
  }
  write(to.dir.file("in.json"), "{\"entries\": [1]}");
  expect_refused(to.run({"import", to.dir.file("in.json")}), 2, "entry 1 is not an object");
  write(to.dir.file("in.json"), "{nope");
  expect_refused(to.run({"import", to.dir.file("in.json")}), 2, "is not JSON");
  EXPECT_EQ(to.run({"export"}).out, exported_header);
}

// A JSON document that names another format, or a version of the export this qlfit does
// not know (a newer qlfit's), is refused rather than read as if it were version 1.
TEST(Import, AnotherFormatOrANewerVersionIsRefused) {
  CliHarness from;
  from.run({"log", "walk", "--minutes", "25"});
  const std::string json = from.run({"export", "--format", "json"}).out;
  CliHarness to;
  for (const auto& [was, is, words] :
       {std::tuple{"\"version\": 1", "\"version\": 2", "version 2 of the export"},
        std::tuple{"\"version\": 1", "\"version\": \"1\"", "its \"version\" is not a whole number"},
        std::tuple{"\"qlfit-export\"", "\"other-export\"", "not a qlfit export"},
        std::tuple{"\"version\": 1", "\"version\": {\"major\": 1}",
                   "its \"version\" is not a whole number"},
        std::tuple{"\"qlfit-export\"", "[\"qlfit-export\"]", "not a qlfit export"},
        // Told before its entries, whose shape may be another version's.
        std::tuple{"\"version\": 1", "\"version\": 2, \"entries\": [{\"start_utc\": 1}]",
                   "version 2 of the export, and this qlfit reads version 1"}}) {
    std::string text = json;
    text.replace(text.find(was), std::string(was).size(), is);
    write(to.dir.file("in.json"), text);
    expect_refused(to.run({"import", to.dir.file("in.json")}), 2, words);
    EXPECT_FALSE(to.db_exists()) << is;
  }
}

TEST(Import, JsonIsReadOnceInPiecesOfAnySize) {
  const std::string json =
      R"({"entries": [{"id": "x", "pain": 3, "note": "a \"b\" \u00e9"}, {"id": "y"}],
    "activities": [{"name": "plank", "kind": "session", "description": "side plank"}],
    "pauses": [], "settings": {"walk.min": "25"}})";
  for (const std::size_t piece : {1UL, 2UL, 5UL, 4096UL}) {
    std::size_t at = 0;
    std::size_t calls = 0;
    const formats::Pieces pieces = [&]() {
      ++calls;
      const auto next = std::string_view(json).substr(std::min(at, json.size()), piece);
      at += piece;
      return next;
    };
    std::vector<ImportRow> rows;
    const auto extras =
        formats::json_import(pieces, "in.json", [&](const ImportRow& row) { rows.push_back(row); });
    ASSERT_EQ(extras.activities.size(), 1U);
    EXPECT_EQ(extras.activities[0].description, "side plank");
    EXPECT_EQ(extras.settings.at("walk.min"), "25");
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].where(), "in.json: entry 1");
    EXPECT_EQ(rows[0].fields.at("pain"), "3");
    EXPECT_EQ(rows[0].fields.at("note"), "a \"b\" \xc3\xa9");
    EXPECT_EQ(rows[1].fields.at("id"), "y");
    EXPECT_EQ(calls, (json.size() + piece - 1) / piece + 1);  // once through, then the end
  }
}

TEST(Import, AMissingOrUnreadableFileIsExitThree) {
  CliHarness cli;
  expect_refused(cli.run({"import", cli.dir.file("nope.csv")}), 3, "nope.csv cannot be read");
  expect_refused(cli.run({"import", cli.dir.path().string()}), 3, "is a folder");
}

TEST(Import, NewActivitiesAreCreatedWithTheirKind) {
  CliHarness cli;
  write(cli.dir.file("in.csv"),
        "id,activity,kind,start,duration_s,pain,note\n"
        "0a0a0a0a-0000-4000-8000-000000000001,side-plank,session,2026-11-23T07:00:00+01:00,60,,\n");
  EXPECT_EQ(cli.run({"import", cli.dir.file("in.csv")}).code, 0);
  EXPECT_EQ(nlohmann::json::parse(cli.run({"stats", "--json"}).out)["sessions"]["count"], 1);
  EXPECT_NE(cli.run({"log", "side-plank"}).out.find("2 of 3–4 sessions"), std::string::npos);
}

TEST(Backup, IsAPrivateConsistentCopy) {
  CliHarness cli;
  log_history(cli);
  const auto path = cli.dir.file("copy.db");
  EXPECT_EQ(cli.run({"backup", path}).out, "backed up to " + path + "\n");
  EXPECT_EQ(mode_of(path), 0600U);
  SQLite::Database copy(path);
  EXPECT_EQ(copy.execAndGet("PRAGMA integrity_check").getString(), "ok");
  EXPECT_EQ(copy.execAndGet("SELECT count(*) FROM entry").getInt(), 30);
  EXPECT_EQ(cli.run({"--db", path, "export"}).out, cli.run({"export"}).out);
  EXPECT_EQ(cli.run({"backup", path}).code, 0);  // replaces an older copy
}

TEST(Backup, RefusesWhatItCannotDo) {
  CliHarness cli;
  expect_refused(cli.run({"backup", cli.dir.file("copy.db")}), 3, "nothing to back up");
  cli.run({"log", "break"});
  expect_refused(cli.run({"backup", cli.dir.path().string()}), 3, "is a folder");
  expect_refused(cli.run({"backup", cli.dir.file("no/such/copy.db")}), 3, "cannot be written");
}

// An empty file name is bad input (exit 2), as sync's empty DIR is: not a file that
// "cannot be written".
TEST(Backup, AnEmptyFileNameIsBadInput) {
  CliHarness cli;
  cli.run({"log", "break"});
  expect_refused(cli.run({"backup", ""}), 2, "backup needs a file name, got an empty one");
  expect_refused(cli.run({"export", "--output", ""}), 2,
                 "--output needs a file name, got an empty one");
  expect_refused(cli.run({"report", "--output", ""}), 2,
                 "--output needs a file name, got an empty one");
  for (const char* format : {"csv", "json"}) {
    expect_refused(cli.run({"import", "", "--format", format}), 2,
                   "import needs a file name, got an empty one");
  }
}

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::set<std::string> files_in(const std::string& folder) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    names.insert(entry.path().filename().string());
  return names;
}

// Every way of naming the live database (or its -wal/-shm) as the target of a backup or
// an export is refused, exit 2, and nothing changes: not a byte, not a temporary file.
TEST(Backup, TheDatabaseItselfIsRefusedByAnyPath) {
  CliHarness cli;
  log_history(cli);
  const std::string db = cli.db_path();
  const std::string folder = std::filesystem::path(db).parent_path().string();
  std::filesystem::create_symlink(db, cli.dir.file("link.db"));
  std::filesystem::create_hard_link(db, cli.dir.file("hard.db"));
  const std::string before = bytes_of(db);
  const auto names_before = files_in(folder);
  for (const std::string& target : {db, folder + "/../qlfit/qlfit.db", cli.dir.file("link.db"),
                                    cli.dir.file("hard.db"), db + "-wal", db + "-shm"}) {
    SCOPED_TRACE(target);
    expect_refused(cli.run({"backup", target}), 2, "is the database");
    expect_refused(cli.run({"export", "--output", target}), 2, "is the database");
    expect_refused(cli.run({"export", "--format", "json", "--output", target}), 2,
                   "is the database");
    EXPECT_EQ(bytes_of(db), before);
    EXPECT_EQ(files_in(folder), names_before);
  }
  EXPECT_EQ(cli.run({"backup", cli.dir.file("copy.db")}).code, 0);  // another file is fine
}

}  // namespace
}  // namespace qlfit::testing
