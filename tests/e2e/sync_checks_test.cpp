// What arrives from another device's sync file gets the checks the same change gets when
// typed (docs/sync.md, "Refused operations"); the bars print no control character.
#include "cli_harness.hpp"
#include "files.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace qlfit::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kOther = "11111111-2222-4333-8444-555555555555";

// A machine that has logged a walk and synced into `folder`, and a hand-written file of
// another device there.
class SyncedFile : public ::testing::Test {
 protected:
  void SetUp() override {
    cli.run({"log", "walk", "--minutes", "20"});
    ASSERT_EQ(cli.run({"sync", folder}).code, 0);
    fs::create_directories(folder + "/" + kOther);
  }
  // Writes the other device's file of operations 1..n, one per line of `operations`
  // (each a JSON object without "seq", which is added).
  std::string plant(const std::vector<std::string>& operations) const {
    const auto n = std::to_string(operations.size());
    std::string text = R"({"format":"qlfit-sync","version":1,"device":")" + std::string(kOther) +
                       R"(","first":1,"last":)" + n + "}\n";
    for (std::size_t i = 0; i < operations.size(); ++i)
      text += R"({"seq":)" + std::to_string(i + 1) + "," + operations[i] + "}\n";
    const std::string padded = std::string(12 - n.size(), '0') + n;
    const std::string path = folder + "/" + kOther + "/000000000001-" + padded + ".jsonl";
    write(path, text);
    return path;
  }
  CliHarness cli;
  std::string folder = cli.dir.file("shared");
};

std::string setting_op(const std::string& key, const std::string& value) {
  return R"("at":1795507200000,"kind":"setting.set","target":"setting:)" + key +
         R"(","data":{"key":")" + key + R"(","value":")" + value + R"("})";
}

TEST_F(SyncedFile, ASettingConfigSetWouldRefuseIsNamedNotAppliedAndTheRestIsApplied) {
  const std::string path = plant({
      setting_op("remind.break_at", "10:00"),
      setting_op("walk.min", "25"),
      setting_op("break.natural", "abc"),
      setting_op("sync.dir", "/elsewhere"),
      setting_op("device.id", "0badc0de-0000-4000-8000-000000000000"),
  });
  const auto result = cli.run({"sync"});
  EXPECT_EQ(result.code, 3);
  EXPECT_EQ(result.out, "sent 0 operations, received 1, skipped 4 (named on stderr)\n");
  for (const char* why : {": operation 1 not applied: ", ": operation 3 not applied: break.natural",
                          ": operation 4 not applied: sync.dir is set by 'qlfit sync DIR'",
                          ": operation 5 not applied: "}) {
    EXPECT_NE(result.err.find("qlfit: skipped " + path + why), std::string::npos) << why << "\n"
                                                                                  << result.err;
  }
  EXPECT_EQ(result.err.find(": operation 2 "), std::string::npos) << result.err;
  // The database is as usable as before, with the one good setting.
  EXPECT_EQ(cli.run({"config", "get", "walk.min"}).out, "25\n");
  EXPECT_EQ(cli.run({"config", "get", "break.natural"}).out, "2m\n");
  EXPECT_EQ(cli.run({"config", "get", "sync.dir"}).out, folder + "\n");
  EXPECT_EQ(cli.run({"status"}).code, 0);
  EXPECT_EQ(cli.run({"config", "list"}).code, 0);

  // The file is read again at every sync (a later qlfit may know the operation), and
  // named again; what it applied once changes nothing the second time.
  const auto again = cli.run({"sync"});
  EXPECT_EQ(again.code, 3);
  EXPECT_EQ(again.out, "sent 0 operations, received 0, skipped 4 (named on stderr)\n");
  EXPECT_NE(again.err.find(path + ": operation 1 not applied"), std::string::npos) << again.err;
  // Once it is gone, sync is quiet again.
  fs::remove(path);
  const auto gone = cli.run({"sync"});
  EXPECT_EQ(gone.code, 0) << gone.err;
  EXPECT_EQ(gone.out, "up to date\n");
  EXPECT_EQ(gone.err, "");
}

TEST_F(SyncedFile, AnOperationOfAKindQlfitDoesNotKnowIsNotAppliedAsAnother) {
  const std::string path = plant({
      R"("at":1795507200000,"kind":"setting.frob","target":"setting:walk.min","data":{"key":"walk.min","value":"25"})",
      R"("at":1795507200000,"kind":"entry.edit","target":"entry:9a2b3c4d-0000-4000-8000-000000000000","data":null)",
  });
  const auto result = cli.run({"sync"});
  EXPECT_EQ(result.code, 3);
  EXPECT_NE(result.err.find(path + ": operation 1 not applied: a kind of operation this qlfit "
                                   "does not know"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find(path + ": operation 2 not applied: its data does not match its kind"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(cli.run({"config", "get", "walk.min"}).out, "20\n");
}

TEST_F(SyncedFile, AnActivityNameActivityAddWouldRefuseIsNamedNotApplied) {
  const std::string path = plant({
      "\"at\":1795507200000,\"kind\":\"activity.set\",\"target\":\"activity:x\\u001b[2Jy\","
      "\"data\":{\"name\":\"x\\u001b[2Jy\",\"kind\":\"session\",\"description\":\"\","
      "\"archived\":false}",
      R"("at":1795507200000,"kind":"activity.set","target":"activity:%{A1:reboot:}x%{A}","data":{"name":"%{A1:reboot:}x%{A}","kind":"session","description":"","archived":false})",
      R"("at":1795507200000,"kind":"entry.create","target":"entry:9a2b3c4d-0000-4000-8000-000000000000","data":{"id":"9a2b3c4d-0000-4000-8000-000000000000","activity":"Bad Name","kind":"session","start":1795507200,"offset_s":3600,"local_date":"2026-11-24","duration_s":600,"pain":null,"note":null,"created":1795507200,"source":"manual"})",
      R"("at":1795507200000,"kind":"activity.set","target":"activity:plank","data":{"name":"plank","kind":"session","description":"","archived":false})",
  });
  const auto result = cli.run({"sync"});
  EXPECT_EQ(result.code, 3);
  EXPECT_EQ(result.out, "sent 0 operations, received 1, skipped 3 (named on stderr)\n");
  EXPECT_NE(result.err.find(path + ": operation 1 not applied: an activity name is"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find(path + ": operation 2 not applied"), std::string::npos);
  EXPECT_NE(result.err.find(path + ": operation 3 not applied"), std::string::npos);
  EXPECT_EQ(result.err.find('\x1b'), std::string::npos);  // named, never printed raw
  const std::string list = cli.run({"activity", "list"}).out;
  EXPECT_NE(list.find("plank"), std::string::npos) << list;
  EXPECT_EQ(list.find("reboot"), std::string::npos) << list;
  EXPECT_EQ(list.find("Bad Name"), std::string::npos) << list;
  EXPECT_EQ(list.find('\x1b'), std::string::npos);
}

TEST_F(SyncedFile, ANoteOrDescriptionLogOrActivityAddWouldRefuseIsNamedNotApplied) {
  const std::string id = "9a2b3c4d-0000-4000-8000-000000000000";
  const std::string entry =
      R"("at":1795507200000,"kind":"entry.create","target":"entry:)" + id + R"(","data":{"id":")" +
      id +
      R"(","activity":"walk","kind":"walk","start":1795507200,"offset_s":3600,"local_date":"2026-11-24","duration_s":600,"pain":null,"note":NOTE,"created":1795507200,"source":"manual"})";
  const auto with_note = [&](const std::string& note) {
    std::string op = entry;
    return op.replace(op.find("NOTE"), 4, note);
  };
  const std::string long_note = "\"" + std::string(2001, 'a') + "\"";
  const std::string path = plant({
      with_note(long_note),
      with_note(R"("a\u0000b")"),
      R"("at":1795507200000,"kind":"activity.set","target":"activity:plank","data":{"name":"plank","kind":"session","description":)" +
          long_note + R"(,"archived":false})",
      R"("at":1795507200000,"kind":"pause.add","target":"pause:)" + id + R"(","data":{"id":")" +
          id + R"(","from":"2026-12-01","to":"2026-12-02","note":"a\u0000"})",
      R"("at":1795507200000,"kind":"entry.edit","target":"entry:)" + id + R"(","data":{"id":")" +
          id + R"(","pain":11})",
      with_note(R"("fine")"),
  });
  const auto result = cli.run({"sync"});
  EXPECT_EQ(result.code, 3);
  EXPECT_EQ(result.out, "sent 0 operations, received 1, skipped 5 (named on stderr)\n");
  // Named by field: nobody typed an option such as --note for what came by sync.
  for (const char* why :
       {"1 not applied: an entry's note must be at most 2000 bytes, got 2001",
        "2 not applied: an entry's note must be UTF-8 text without NUL bytes",
        "3 not applied: an activity's description must be at most 2000 bytes",
        "4 not applied: a pause's note must be UTF-8 text without NUL bytes",
        "5 not applied: an entry's pain must be a whole number from 0 to 10, got \"11\""}) {
    EXPECT_NE(result.err.find(path + ": operation " + why), std::string::npos) << why << "\n"
                                                                               << result.err;
  }
  EXPECT_EQ(result.err.find("--"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("aaaa"), std::string::npos);  // a note is never quoted
  EXPECT_EQ(cli.run({"pause", "list"}).out.find("2026-12-01"), std::string::npos);
  EXPECT_EQ(cli.run({"activity", "list"}).out.find("plank"), std::string::npos);
  const std::string exported = cli.run({"export", "--format", "json"}).out;
  EXPECT_NE(exported.find(R"("note": "fine")"), std::string::npos) << exported;
}

// A start outside the years qlfit keeps (one its export could not write back as an
// import takes it) or a length outside 1 s to 24 h is refused, not applied.
TEST_F(SyncedFile, AStartOrLengthLogWouldRefuseIsNamedNotApplied) {
  const std::string id = "9a2b3c4d-0000-4000-8000-00000000000";
  const auto create = [&](char last, const std::string& start, const std::string& seconds) {
    return R"("at":1795507200000,"kind":"entry.create","target":"entry:)" + id + last +
           R"(","data":{"id":")" + id + last + R"(","activity":"walk","kind":"walk","start":)" +
           start + R"(,"offset_s":3600,"local_date":"2026-11-24","duration_s":)" + seconds +
           R"(,"pain":null,"note":null,"created":1795507200,"source":"manual"})";
  };
  const std::string path =
      plant({create('1', "99999999999999", "600"), create('2', "1795507200", "-5"),
             R"("at":1795507200000,"kind":"entry.edit","target":"entry:)" + id +
                 R"(3","data":{"id":")" + id + R"(3","duration_s":86401})",
             create('4', "1795507200", "600"),
             // Year 70000, which a date shown first wraps to 4464; the largest 64-bit start;
             // a fraction of a second; a start as text.
             create('5', "2146847792400", "600"), create('6', "9223372036854775807", "600"),
             create('7', "1795507200", "1.5"), create('8', R"("1795507200")", "600")});
  const auto result = cli.run({"sync"});
  EXPECT_EQ(result.code, 3);
  EXPECT_EQ(result.out, "sent 0 operations, received 1, skipped 7 (named on stderr)\n");
  for (const char* why :
       {"1 not applied: an entry's start ", "2 not applied: an entry's duration_s",
        "3 not applied: an entry's duration_s",
        "5 not applied: an entry's start must be a time from 1900 to 9999 with an offset of at "
        "most 14 hours, got start 2146847792400 and offset_s 3600",
        "6 not applied: an entry's start must be a time from 1900 to 9999",
        "7 not applied: an entry's duration_s must be a whole number, got \"1.5\"",
        "8 not applied: an entry's start must be a whole number"}) {
    EXPECT_NE(result.err.find(path + ": operation " + why), std::string::npos) << why << "\n"
                                                                               << result.err;
  }
  CliHarness other;  // what this machine exports, another imports
  write(other.dir.file("in.csv"), cli.run({"export"}).out);
  EXPECT_EQ(other.run({"import", other.dir.file("in.csv")}).out, "imported 2, already present 0\n");
}

TEST_F(SyncedFile, AVersionOneEditCarryingTheWholeEntryIsAnEditOfEveryField) {
  const std::string id = "9a2b3c4d-0000-4000-8000-000000000000";
  const std::string entry =
      R"(,"target":"entry:)" + id + R"(","data":{"id":")" + id +
      R"(","activity":"walk","kind":"walk","start":1795507200,"offset_s":3600,"local_date":"2026-11-24","duration_s":600,"pain":PAIN,"note":null,"created":1795507200)";
  const auto with_pain = [&](const std::string& pain) {
    std::string op = entry;
    return op.replace(op.find("PAIN"), 4, pain);
  };
  plant({R"("at":1795507200000,"kind":"entry.create")" + with_pain("null") + "}",
         R"("at":1795507200001,"kind":"entry.edit")" + with_pain("4") + R"(,"changed":["pain"]})"});
  const auto result = cli.run({"sync"});
  EXPECT_EQ(result.code, 0) << result.err;
  EXPECT_EQ(result.out, "sent 0 operations, received 2\n");
  const std::string exported = cli.run({"export", "--format", "json"}).out;
  EXPECT_NE(exported.find(R"("pain": 4)"), std::string::npos) << exported;
  EXPECT_EQ(exported.find("changed"), std::string::npos) << exported;
}

TEST(SyncInput, AnEmptyDirIsBadInput) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "20"});
  expect_refused(cli.run({"sync", ""}), 2, "empty DIR");
}

// A file skipped means the sync is not up to date: the line counts what was skipped, as
// the exit status tells, every time it is skipped.
TEST_F(SyncedFile, ASyncThatSkippedAFileNeverSaysUpToDate) {
  write(folder + "/" + kOther + "/000000000001-000000000001.jsonl", "not json\n");
  for (int time = 0; time < 2; ++time) {
    const auto result = cli.run({"sync"});
    EXPECT_EQ(result.code, 3);
    EXPECT_EQ(result.out, "sent 0 operations, received 0, skipped 1 (named on stderr)\n");
    EXPECT_NE(result.err.find("qlfit: skipped "), std::string::npos) << result.err;
  }
}

// DIR is whatever was typed: every line that shows it (sync --status, config get and
// list) escapes it, as sync's other lines do.
TEST(SyncInput, AFolderNameWithControlCharactersIsShownEscaped) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "20"});
  const std::string folder = cli.dir.file("a\x1b]0;pwned\a\nqlfit: b");
  ASSERT_EQ(cli.run({"sync", folder}).code, 0);
  const std::vector<std::vector<std::string>> shows{
      {"sync", "--status"}, {"config", "get", "sync.dir"}, {"config", "list"}};
  for (const auto& show : shows) {
    const auto result = cli.run(show);
    EXPECT_EQ(result.code, 0) << show.at(0) << result.err;
    EXPECT_NE(result.out.find("a\\x1b]0;pwned\\x07\\x0aqlfit: b"), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find('\x1b'), std::string::npos) << result.out;
    EXPECT_EQ(result.out.find("\nqlfit: b"), std::string::npos) << result.out;
  }
}

// A name anyone can put into DIR reaches stderr escaped: one line per skipped name, no
// control character, no line that looks like another of qlfit's.
TEST_F(SyncedFile, ANameWithControlCharactersInTheFolderIsNamedOnOneEscapedLine) {
  write(folder + "/" + kOther + "/evil\x1b]0;pwned\a\nqlfit: fake line", "x\n");
  fs::create_directories(folder + "/x\x1b[2Jy");
  const auto result = cli.run({"sync"});
  EXPECT_EQ(result.code, 3);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 2) << result.err;
  EXPECT_TRUE(std::none_of(result.err.begin(), result.err.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return c != '\n' && (byte < 0x20 || byte == 0x7f);
  })) << result.err;
  EXPECT_EQ(result.err.find("\nqlfit: fake"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("evil\\x1b]0;pwned"), std::string::npos) << result.err;
}

// Whatever the database holds (here a name written into it by hand), no bar prints a
// control character: the line a bar reads cannot drive it or the terminal.
TEST(StatusBar, NoBarPrintsAControlCharacterWhateverTheDatabaseHolds) {
  CliHarness cli;
  cli.run({"log", "walk", "--minutes", "20"});
  {
    SQLite::Database db(cli.db_path(), SQLite::OPEN_READWRITE);
    db.exec(
        "INSERT INTO activity (name, kind) VALUES ('x' || char(27) || '[2J' || char(7), "
        "'session')");
    db.exec(
        "INSERT INTO timer (id, activity, start_utc, utc_offset) VALUES (1, 'x' || char(27) "
        "|| '[2J' || char(7), 1795497600, 3600)");
  }
  for (const char* bar : {"waybar", "i3blocks", "polybar", "tmux"}) {
    const auto result = cli.run({"status", "--bar", bar});
    EXPECT_EQ(result.code, 0) << bar << result.err;
    EXPECT_TRUE(std::none_of(result.out.begin(), result.out.end(),
                             [](char c) {
                               const auto byte = static_cast<unsigned char>(c);
                               return c != '\n' && (byte < 0x20 || byte == 0x7f);
                             }))
        << bar << ": " << result.out;
    EXPECT_NE(result.out.find("x\\"), std::string::npos) << bar << ": " << result.out;
  }
  const auto text = cli.run({"status"});
  EXPECT_EQ(text.out.find('\x1b'), std::string::npos) << text.out;
}

}  // namespace
}  // namespace qlfit::testing
