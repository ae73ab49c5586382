#include "qlfit/text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qlfit {
namespace {

TEST(Quote, EscapesControlBytesAndQuotes) {
  EXPECT_EQ(quote("07:61"), "\"07:61\"");
  EXPECT_EQ(quote(std::string_view("a\0b", 3)), "\"a\\x00b\"");
  EXPECT_EQ(quote("say \"hi\"\n"), "\"say \\\"hi\\\"\\x0a\"");
}

TEST(Quote, CutsLongInputs) {
  const std::string quoted = quote(std::string(10'000, 'x'));
  EXPECT_EQ(quoted.size(), 1 + 60 + 3 + 1);
  EXPECT_EQ(quoted.substr(quoted.size() - 4), "...\"");
}

TEST(IsValidUtf8, AcceptsTextAndRefusesBrokenSequences) {
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("Rücken – 💪"));
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc3"));          // cut short
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));  // surrogate
}

TEST(Printable, DefusesTerminalEscapes) {
  EXPECT_EQ(printable("\x1b[2Jhi\tthere"), "\\x1b[2Jhi\tthere");
}

TEST(ClosestWord, FindsTheWordATypoMeant) {
  const std::vector<std::string> commands{"log", "list", "stats", "undo", "status", "start"};
  EXPECT_EQ(closest_word("logg", commands), "log");
  EXPECT_EQ(closest_word("lsit", commands), "list");    // two letters swapped
  EXPECT_EQ(closest_word("stast", commands), "stats");  // a swap is nearer than a change
  EXPECT_EQ(closest_word("lig", commands), "log");
  EXPECT_EQ(closest_word("und", commands), "undo");   // the only word it begins
  EXPECT_EQ(closest_word("sta", commands), "stats");  // begins three: the first nearest
  EXPECT_EQ(closest_word("frobnicate", commands), std::nullopt);
  EXPECT_EQ(closest_word("log", commands), std::nullopt);  // no typo at all
  const std::vector<std::string> options{"--at", "--for", "--minutes", "--pain", "--note"};
  EXPECT_EQ(closest_word("--pian", options), "--pain");
  EXPECT_EQ(closest_word("--min", options), "--minutes");
  EXPECT_EQ(closest_word("--colour", options), std::nullopt);
}

}  // namespace
}  // namespace qlfit
