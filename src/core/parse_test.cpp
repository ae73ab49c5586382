#include "qlfit/parse.hpp"

#include "qlfit/error.hpp"

#include <gtest/gtest.h>

namespace qlfit {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(ParseDuration, AcceptsEveryFormOfTheContract) {
  EXPECT_EQ(parse_duration("25m", "--for"), minutes{25});
  EXPECT_EQ(parse_duration("1h15m", "--for"), minutes{75});
  EXPECT_EQ(parse_duration("90s", "--for"), seconds{90});
  EXPECT_EQ(parse_duration("1h", "--for"), hours{1});
  EXPECT_EQ(parse_duration("45", "--for"), minutes{45});
  EXPECT_EQ(parse_duration("24h", "--for"), hours{24});
  EXPECT_EQ(parse_duration("1h0m30s", "--for"), seconds{3630});
}

TEST(ParseDuration, RefusesZeroTooLongAndMalformed) {
  for (const char* bad : {"0", "0m", "24h1s", "25h", "", "m", "1h70x", "-5m", "15m1h", "1m1m",
                          "99999999h", "1.5h", " 5m", "5m "}) {
    EXPECT_THROW(parse_duration(bad, "--for"), Error) << bad;
  }
}

TEST(ParseDuration, ErrorQuotesTheInputAndNamesTheOption) {
  try {
    parse_duration("ten", "--for");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()),
              "--for must be a duration such as 25m, 1h15m, 90s or 45 (minutes), got \"ten\"");
  }
}

TEST(FormatDuration, ReadsBackThroughParse) {
  for (const long s : {1L, 59L, 60L, 90L, 3600L, 3630L, 4500L, 86400L}) {
    EXPECT_EQ(parse_duration(format_duration(seconds{s}), "x"), seconds{s}) << s;
  }
  EXPECT_EQ(format_duration(minutes{75}), "1h15m");
}

TEST(ParseWholeNumber, AcceptsTheBoundsAndRefusesTheRest) {
  EXPECT_EQ(parse_whole_number("0", "--pain", 0, 10), 0);
  EXPECT_EQ(parse_whole_number("10", "--pain", 0, 10), 10);
  for (const char* bad :
       {"11", "-1", "5.5", "five", "", "+3", "3 ", "0x3", "99999999999999999999"}) {
    EXPECT_THROW(parse_whole_number(bad, "--pain", 0, 10), Error) << bad;
  }
}

TEST(ParseWholeNumber, ErrorSaysWhatWouldBeRight) {
  try {
    parse_whole_number("11", "--pain", 0, 10);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(std::string(error.what()), "--pain must be a whole number from 0 to 10, got \"11\"");
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
  }
}

}  // namespace
}  // namespace qlfit
