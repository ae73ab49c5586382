#include "qlfit/settings.hpp"

#include "qlfit/error.hpp"

#include <gtest/gtest.h>

namespace qlfit {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

TEST(SettingKeys, EveryKeyPrintsItsDefault) {
  const Settings defaults;
  ASSERT_EQ(setting_keys().size(), 15U);
  for (const SettingKey& key : setting_keys()) {
    EXPECT_EQ(setting_value(defaults, key.key), key.default_value) << key.key;
    EXPECT_FALSE(key.meaning.empty()) << key.key;
  }
}

TEST(WithSetting, EveryKeyReadsBackInItsNotation) {
  const std::vector<std::pair<std::string, std::string>> values{{"sessions.min", "2"},
                                                                {"sessions.max", "5"},
                                                                {"walk.min", "15"},
                                                                {"walk.max", "45"},
                                                                {"break.every", "45m"},
                                                                {"break.hours", "08:30-16:30"},
                                                                {"break.days", "mon,wed,fri"},
                                                                {"week.start", "sunday"},
                                                                {"day.start", "03:00"},
                                                                {"session.duration", "15m"},
                                                                {"break.duration", "1m30s"},
                                                                {"pain.warn", "6"},
                                                                {"remind.session_at", "17:30"},
                                                                {"remind.walk_at", "20:00"}};
  for (const auto& [key, value] : values) {
    EXPECT_EQ(setting_value(with_setting(Settings{}, key, value), key), value) << key;
  }
}

TEST(WithSetting, SetsTheFieldsTheRestOfQlfitReads) {
  Settings settings = with_setting(Settings{}, "day.start", "03:00");
  settings = with_setting(settings, "week.start", "sunday");
  settings = with_setting(settings, "break.hours", "08:00-16:00");
  EXPECT_EQ(settings.day_start, hours{3});
  EXPECT_EQ(settings.week_start, WeekStart::kSunday);
  EXPECT_EQ(settings.break_hours.start, hours{8});
  EXPECT_EQ(settings.break_hours.end, hours{16});
}

TEST(WithSetting, DaysTakeRangesListsAndWrapAround) {
  EXPECT_EQ(with_setting(Settings{}, "break.days", "sat-sun").break_days.to_ulong(), 0b1000001U);
  EXPECT_EQ(with_setting(Settings{}, "break.days", "fri-mon").break_days.to_ulong(), 0b1100011U);
  EXPECT_EQ(setting_value(with_setting(Settings{}, "break.days", "mon-sun"), "break.days"),
            "mon-sun");
  EXPECT_EQ(setting_value(with_setting(Settings{}, "break.days", "tue,mon"), "break.days"),
            "mon,tue");
}

TEST(WithSetting, RefusesBadValuesNamingKeyAndValue) {
  const std::vector<std::pair<std::string, std::string>> bad{
      {"sessions.min", "0"},     {"sessions.min", "x"},          {"walk.max", "-5"},
      {"break.every", "0m"},     {"break.hours", "17:00-09:00"}, {"break.hours", "9-17"},
      {"break.days", "mon-"},    {"break.days", "funday"},       {"break.days", "mon,"},
      {"week.start", "tuesday"}, {"day.start", "12:00"},         {"day.start", "3am"},
      {"pain.warn", "11"},       {"remind.walk_at", "24:00"}};
  for (const auto& [key, value] : bad) {
    try {
      with_setting(Settings{}, key, value);
      ADD_FAILURE() << key << " accepted " << value;
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
      EXPECT_NE(std::string(error.what()).find(key), std::string::npos) << error.what();
    }
  }
}

TEST(WithSetting, RefusesAMinimumAboveItsMaximum) {
  EXPECT_THROW(with_setting(Settings{}, "sessions.min", "5"), Error);
  EXPECT_THROW(with_setting(Settings{}, "walk.max", "10"), Error);
  EXPECT_EQ(with_setting(Settings{}, "sessions.min", "4").sessions.min, 4);
}

TEST(WithSetting, RefusesAnUnknownKeyListingTheKnownOnes) {
  try {
    with_setting(Settings{}, "sessions.minimum", "3");
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("sessions.min, sessions.max"), std::string::npos);
  }
}

TEST(SettingsFrom, AppliesAllBeforeCheckingThemTogether) {
  const Settings settings = settings_from({{"sessions.max", "2"}, {"sessions.min", "1"}});
  EXPECT_EQ(settings.sessions.min, 1);
  EXPECT_EQ(settings.sessions.max, 2);
}

TEST(SettingsFrom, ABadStoredValueIsAStorageProblem) {
  try {
    settings_from({{"walk.min", "lots"}});
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kStorage);
  }
}

}  // namespace
}  // namespace qlfit
