#include "qlfit/settings.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/text.hpp"

#include "reading.hpp"

#include <array>
#include <optional>
#include <string>

namespace qlfit {
namespace {

using std::chrono::minutes;

constexpr std::array<SettingKey, 15> kKeys{{
    {"sessions.min", "3", "weekly routine sessions: the target is met at this many"},
    {"sessions.max", "4", "weekly routine sessions: above this, a gentle note to rest"},
    {"walk.min", "20", "daily walk minutes: the least that counts"},
    {"walk.max", "30", "daily walk minutes: the top of the band"},
    {"break.every", "30m", "longest sitting stretch before a break is due"},
    {"break.hours", "09:00-17:00", "working hours, when break reminders are due"},
    {"break.days", "mon-fri", "working days, e.g. mon-fri or mon,wed,fri"},
    {"week.start", "monday", "first day of the week: monday or sunday"},
    {"day.start", "00:00", "where one day ends and the next begins (before 12:00)"},
    {"session.duration", "10m", "length of a session logged without --for"},
    {"break.duration", "2m", "length of a break logged without --for"},
    {"break.natural", "2m", "time away from the desk that counts as a break (10s-1h)"},
    {"pain.warn", "7", "pain at or above this shows the advice to see a provider"},
    {"remind.session_at", "18:00", "when 'cron --print' schedules the session check"},
    {"remind.walk_at", "19:00", "when 'cron --print' schedules the walk check"},
}};

[[noreturn]] void bad_value(std::string_view key, std::string_view text, const std::string& want) {
  throw Error(ErrorCode::kInvalidInput,
              std::string(key) + " must be " + want + ", got " + quote(text));
}

std::string clock_text(minutes time) {
  return clock_time(date::local_seconds{time});
}

// HH:MM from 00:00 to 23:59; nullopt otherwise.
std::optional<minutes> parse_clock(std::string_view text) {
  Reader in{text};
  const auto h = in.digits(2);
  const auto m = h && in.take(':') ? in.digits(2) : std::nullopt;
  if (!m || !in.done() || *h > 23 || *m > 59)
    return std::nullopt;
  return minutes{*h * 60 + *m};
}

minutes clock_value(std::string_view key, std::string_view text) {
  if (const auto time = parse_clock(text))
    return *time;
  bad_value(key, text, "a time of day HH:MM, e.g. 18:00");
}

int day_index(std::string_view name) {
  for (std::size_t i = 0; i < kWeekdayWords.size(); ++i) {
    if (kWeekdayWords[i] == name)
      return static_cast<int>(i);
  }
  return -1;
}

// "mon-fri", "sat-sun", "mon,wed,fri", "fri-mon" (wrapping), or a mix.
std::bitset<7> days_value(std::string_view key, std::string_view text) {
  std::bitset<7> days;
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view part = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const auto dash = part.find('-');
    const int first = day_index(part.substr(0, dash));
    const int last = dash == std::string_view::npos ? first : day_index(part.substr(dash + 1));
    if (first < 0 || last < 0 || (comma != std::string_view::npos && rest.empty())) {
      bad_value(key, text, "days such as mon-fri or mon,wed,fri (sun mon tue wed thu fri sat)");
    }
    for (int day = first;; day = (day + 1) % 7) {
      days.set(static_cast<std::size_t>(day));
      if (day == last)
        break;
    }
  }
  if (days.none())
    bad_value(key, text, "at least one day, e.g. mon-fri");
  return days;
}

std::string days_text(std::bitset<7> days) {
  if (days == std::bitset<7>{0b0111110})
    return "mon-fri";
  if (days.all())
    return "mon-sun";
  std::string text;
  for (const std::size_t day : {1U, 2U, 3U, 4U, 5U, 6U, 0U}) {
    if (days.test(day))
      text += (text.empty() ? "" : ",") + std::string(kWeekdayWords[day]);
  }
  return text;
}

int number(std::string_view key, std::string_view text, int lo, int hi) {
  return static_cast<int>(parse_whole_number(text, key, lo, hi));
}

void check_consistent(const Settings& settings) {
  if (settings.sessions.min > settings.sessions.max) {
    throw Error(ErrorCode::kInvalidInput, "sessions.min (" + std::to_string(settings.sessions.min) +
                                              ") must not be above sessions.max (" +
                                              std::to_string(settings.sessions.max) +
                                              "); set sessions.max first");
  }
  if (settings.walk.min > settings.walk.max) {
    throw Error(ErrorCode::kInvalidInput, "walk.min (" + std::to_string(settings.walk.min) +
                                              ") must not be above walk.max (" +
                                              std::to_string(settings.walk.max) +
                                              "); set walk.max first");
  }
}

}  // namespace

std::span<const SettingKey> setting_keys() {
  return kKeys;
}

std::string setting_value(const Settings& settings, std::string_view key) {
  if (key == "sessions.min")
    return std::to_string(settings.sessions.min);
  if (key == "sessions.max")
    return std::to_string(settings.sessions.max);
  if (key == "walk.min")
    return std::to_string(settings.walk.min);
  if (key == "walk.max")
    return std::to_string(settings.walk.max);
  if (key == "break.every")
    return format_duration(settings.break_every);
  if (key == "break.hours") {
    return clock_text(settings.break_hours.start) + "-" + clock_text(settings.break_hours.end);
  }
  if (key == "break.days")
    return days_text(settings.break_days);
  if (key == "week.start")
    return settings.week_start == WeekStart::kMonday ? "monday" : "sunday";
  if (key == "day.start")
    return clock_text(settings.day_start);
  if (key == "session.duration")
    return format_duration(settings.session_duration);
  if (key == "break.duration")
    return format_duration(settings.break_duration);
  if (key == "break.natural")
    return format_duration(settings.break_natural);
  if (key == "pain.warn")
    return std::to_string(settings.pain_warn);
  if (key == "remind.session_at")
    return clock_text(settings.remind_session_at);
  if (key == "remind.walk_at")
    return clock_text(settings.remind_walk_at);
  std::string known;
  for (const SettingKey& setting : kKeys)
    known += (known.empty() ? "" : ", ") + std::string(setting.key);
  throw Error(ErrorCode::kInvalidInput,
              "unknown setting " + quote(key) + "; the settings are: " + known);
}

namespace {

// Sets one key from its text, without checking it against the others.
Settings applied(Settings settings, std::string_view key, std::string_view text) {
  setting_value(settings, key);  // refuses unknown keys
  if (key == "sessions.min")
    settings.sessions.min = number(key, text, 1, 14);
  if (key == "sessions.max")
    settings.sessions.max = number(key, text, 1, 14);
  if (key == "walk.min")
    settings.walk.min = number(key, text, 1, 1440);
  if (key == "walk.max")
    settings.walk.max = number(key, text, 1, 1440);
  if (key == "break.every")
    settings.break_every = parse_duration(text, key);
  if (key == "break.hours") {
    const auto dash = text.find('-');
    const auto start = parse_clock(text.substr(0, dash));
    const auto end =
        dash == std::string_view::npos ? std::nullopt : parse_clock(text.substr(dash + 1));
    if (!start || !end || *end <= *start) {
      bad_value(key, text,
                "a range of the day HH:MM-HH:MM that ends after it starts, e.g. 09:00-17:00");
    }
    settings.break_hours = Hours{*start, *end};
  }
  if (key == "break.days")
    settings.break_days = days_value(key, text);
  if (key == "week.start") {
    if (text != "monday" && text != "sunday")
      bad_value(key, text, "monday or sunday");
    settings.week_start = text == "monday" ? WeekStart::kMonday : WeekStart::kSunday;
  }
  if (key == "day.start") {
    const auto start = clock_value(key, text);
    if (start >= std::chrono::hours{12})
      bad_value(key, text, "a time from 00:00 to 11:59");
    settings.day_start = start;
  }
  if (key == "session.duration")
    settings.session_duration = parse_duration(text, key);
  if (key == "break.duration")
    settings.break_duration = parse_duration(text, key);
  if (key == "break.natural") {
    std::chrono::seconds natural{0};
    try {
      natural = parse_duration(text, key);
    } catch (const Error&) {
      // Not a duration, or outside any: refused below with this setting's own range.
    }
    if (natural < std::chrono::seconds{10} || natural > std::chrono::hours{1})
      bad_value(key, text, "a duration from 10s to 1h, e.g. 2m");
    settings.break_natural = natural;
  }
  if (key == "pain.warn")
    settings.pain_warn = number(key, text, 1, 10);
  if (key == "remind.session_at")
    settings.remind_session_at = clock_value(key, text);
  if (key == "remind.walk_at")
    settings.remind_walk_at = clock_value(key, text);
  return settings;
}

}  // namespace

Settings with_setting(Settings settings, std::string_view key, std::string_view text) {
  settings = applied(settings, key, text);
  check_consistent(settings);
  return settings;
}

void check_setting(std::string_view key, std::string_view text) {
  applied(Settings{}, key, text);
}

Settings with_settings(Settings settings, const std::map<std::string, std::string>& changes) {
  for (const auto& [key, value] : changes)
    settings = applied(settings, key, value);
  check_consistent(settings);
  return settings;
}

namespace {

struct BandKeys {
  SettingPair keys;
  Band Settings::*band;
};

constexpr std::array<BandKeys, 2> kBands{{{{"sessions.min", "sessions.max"}, &Settings::sessions},
                                          {{"walk.min", "walk.max"}, &Settings::walk}}};
constexpr std::array<SettingPair, 2> kPairs{kBands[0].keys, kBands[1].keys};

// The value `key` has in `stored` (its default when absent); std::nullopt when it does not
// parse.
std::optional<Settings> parsed(const std::map<std::string, std::string>& stored,
                               std::string_view key) {
  const auto it = stored.find(std::string(key));
  if (it == stored.end())
    return Settings{};
  try {
    return applied(Settings{}, key, it->second);
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace

std::span<const SettingPair> setting_pairs() {
  return kPairs;
}

std::vector<SettingPair> disagreeing_pairs(const std::map<std::string, std::string>& stored) {
  std::vector<SettingPair> pairs;
  for (const BandKeys& band : kBands) {
    const auto low = parsed(stored, band.keys.low);
    const auto high = parsed(stored, band.keys.high);
    if (low && high && ((*low).*band.band).min > ((*high).*band.band).max)
      pairs.push_back(band.keys);
  }
  return pairs;
}

std::string settle_pair(std::map<std::string, std::string>& stored, const SettingPair& pair,
                        bool low_set_later) {
  const std::string_view holds = low_set_later ? pair.low : pair.high;
  const auto held = parsed(stored, holds);
  std::string value = setting_value(held.value_or(Settings{}), holds);
  stored[std::string(low_set_later ? pair.high : pair.low)] = value;
  return value;
}

Settings settings_from(const std::map<std::string, std::string>& stored) {
  Settings settings;
  // A stored value that does not parse means the file was edited outside qlfit:
  // that is the database's problem (exit 3), not the command line's.
  try {
    settings = with_settings(settings, stored);
  } catch (const Error& error) {
    throw Error(ErrorCode::kStorage,
                "the database holds a bad setting: " + std::string(error.what()) +
                    "; fix it with 'qlfit config set KEY VALUE' or "
                    "'qlfit config unset KEY'");
  }
  return settings;
}

}  // namespace qlfit
