#include "csv.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/error.hpp"

#include <gtest/gtest.h>

namespace qlfit::formats {
namespace {

Entry sample(std::string note) {
  Entry entry;
  entry.id = "6ed672a2-866a-4695-92da-7810ba978d12";
  entry.activity = "butt-walk";
  entry.kind = Kind::kSession;
  entry.start = parse_instant("2026-11-24T07:30:00+01:00", "t");
  entry.offset = std::chrono::hours{1};
  entry.duration = std::chrono::minutes{10};
  entry.pain = 3;
  entry.note = std::move(note);
  return entry;
}

// Every row of `text`, fed to CsvRows in pieces of `piece` bytes, so records, quotes,
// CRLF and the BOM cross the pieces' ends.
std::vector<ImportRow> parse_csv(std::string_view text, const std::string& file,
                                 std::size_t piece = 3) {
  std::size_t at = 0;
  CsvRows rows(
      [&]() {
        const auto next = text.substr(std::min(at, text.size()), piece);
        at += piece;
        return next;
      },
      file);
  std::vector<ImportRow> all;
  while (auto row = rows.next())
    all.push_back(std::move(*row));
  return all;
}

std::string entries_csv(const std::vector<Entry>& entries) {
  std::string out(kCsvHeader);
  for (const Entry& entry : entries)
    out += csv_row(entry);
  return out;
}

std::string error_of(std::string_view csv) {
  try {
    parse_csv(csv, "in.csv");
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
    return error.what();
  }
  return "";
}

TEST(EntriesCsv, HeaderRowsAndOffsets) {
  Entry entry = sample("plain");
  entry.offset = std::chrono::hours{-5};
  EXPECT_EQ(entries_csv({entry}),
            "id,activity,kind,start,duration_s,pain,note,source\r\n"
            "6ed672a2-866a-4695-92da-7810ba978d12,butt-walk,session,2026-11-24T01:30:00-05:00,600,"
            "3,plain,manual\r\n");
  entry.source = Source::kAway;
  EXPECT_NE(entries_csv({entry}).find(",3,plain,away\r\n"), std::string::npos);
}

TEST(EntriesCsv, QuotesWhatRfc4180NeedsQuoted) {
  const std::string csv = entries_csv({sample("a, \"b\"\nc")});
  EXPECT_NE(csv.find(",3,\"a, \"\"b\"\"\nc\",manual\r\n"), std::string::npos) << csv;
}

TEST(EntriesCsv, DefusesFormulasAndEmptyCellsStayEmpty) {
  for (const char* formula : {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'quoted"}) {
    const std::string csv = entries_csv({sample(formula)});
    const bool defused = csv.find(",3,'") != std::string::npos ||
                         csv.find(",3,\"'") != std::string::npos;  // quoted when it holds CR
    EXPECT_TRUE(defused) << formula << csv;
  }
  Entry bare = sample("");
  bare.pain.reset();
  bare.note.reset();
  EXPECT_NE(entries_csv({bare}).find(",600,,,manual\r\n"), std::string::npos);
}

TEST(ParseCsv, ReadsBackWhatWasWrittenInPiecesOfAnySize) {
  for (const std::size_t piece : {1UL, 2UL, 3UL, 7UL, 4096UL})
    for (const char* note : {"plain", "a, \"b\"\r\nc", "=1+1", "'quoted", "''", "emoji 💪",
                             "'); DROP TABLE entry; --"}) {
      const auto rows = parse_csv("\xEF\xBB\xBF" + entries_csv({sample(note)}), "in.csv", piece);
      ASSERT_EQ(rows.size(), 1U);
      EXPECT_EQ(rows[0].fields.at("note"), note);
      EXPECT_EQ(rows[0].fields.at("start"), "2026-11-24T07:30:00+01:00");
      EXPECT_EQ(rows[0].where(), "in.csv:2");
    }
}

TEST(ParseCsv, CountsPhysicalLinesAcrossQuotedNewlines) {
  const auto rows = parse_csv(
      "id,activity,kind,start,duration_s,pain,note\n1,a,session,s,1,,\"x\ny\"\n\n2,a,session,s,1,,"
      "z\n",
      "in.csv");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].where(), "in.csv:5");
}

TEST(ParseCsv, ReadsLinesEndedByALoneCarriageReturn) {
  const auto rows =
      parse_csv("id,activity,kind,start,duration_s\r1,a,walk,s,60\r2,b,walk,s,61\r", "in.csv");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].fields.at("duration_s"), "61");
  EXPECT_EQ(rows[1].where(), "in.csv:3");
}

TEST(ParseCsv, StopsAtARowLongerThanAnyExportWrites) {
  // /dev/zero: no line end, ever. The reader stops in bounded memory.
  const std::string endless(200 * 1024, '\0');
  EXPECT_NE(
      error_of("id,activity,kind,start,duration_s\n" + endless).find("in.csv:2: a row is longer"),
      std::string::npos);
  EXPECT_NE(error_of(endless).find("in.csv:1: a row is longer"), std::string::npos);
}

TEST(ParseCsv, AcceptsABomAndExtraColumns) {
  const auto rows =
      parse_csv("\xEF\xBB\xBFid,n,activity,kind,start,duration_s\n1,7,a,walk,s,60\n", "in.csv");
  EXPECT_EQ(rows.at(0).fields.at("activity"), "a");
}

TEST(ParseCsv, RefusesMalformedTextNamingTheLine) {
  EXPECT_EQ(error_of(""), "in.csv:1: the file is empty: it needs a header line; nothing imported");
  EXPECT_NE(error_of("id,activity,kind,start\n").find("no column \"duration_s\""),
            std::string::npos);
  EXPECT_NE(error_of("id,activity,kind,start,duration_s\n1,2,3\n")
                .find("in.csv:2: expected 5 fields, found 3"),
            std::string::npos);
  EXPECT_NE(error_of("id,activity,kind,start,duration_s\n\"1,2,3,4,5\n").find("never closed"),
            std::string::npos);
  EXPECT_NE(error_of("id,activity,kind,start,duration_s\n\"1\"x,2,3,4,5\n").find("closing quote"),
            std::string::npos);
  EXPECT_NE(error_of("id,activity,kind,start,duration_s\n\xff,2,3,4,5\n").find("not UTF-8"),
            std::string::npos);
}

}  // namespace
}  // namespace qlfit::formats
