#include "qlfit/text.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace qlfit
