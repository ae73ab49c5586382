#pragma once

#include "qlfit/calendar.hpp"

#include <array>
#include <bitset>
#include <chrono>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qlfit {

// A target band: met at `min`, a gentle note above `max`.
struct Band {
  int min = 0;
  int max = 0;
};

// Local clock times [start, end) within a day, as minutes since midnight.
struct Hours {
  std::chrono::minutes start{0};
  std::chrono::minutes end{0};
};

// Everything a user can tune; the defaults are the advice qlfit is built on.
struct Settings {
  Band sessions{3, 4};  // routine sessions per week
  Band walk{20, 30};    // walk minutes per day
  std::chrono::seconds break_every{std::chrono::minutes{30}};
  Hours break_hours{std::chrono::hours{9}, std::chrono::hours{17}};
  std::bitset<7> break_days{0b0111110};  // by date::weekday c_encoding: Sunday = bit 0
  WeekStart week_start = WeekStart::kMonday;
  std::chrono::minutes day_start{0};
  std::chrono::seconds session_duration{std::chrono::minutes{10}};
  std::chrono::seconds break_duration{std::chrono::minutes{2}};
  std::chrono::seconds break_natural{std::chrono::minutes{2}};  // shortest away that is a break
  int pain_warn = 7;  // pain at or above this shows the health advice
  std::chrono::minutes remind_session_at{std::chrono::hours{18}};
  std::chrono::minutes remind_walk_at{std::chrono::hours{19}};
};

// One key of `qlfit config`: its name, default (in the notation `config get`
// prints) and a one-line meaning.
struct SettingKey {
  std::string_view key;
  std::string_view default_value;
  std::string_view meaning;
};

// Every key, in the order `config list` shows them.
std::span<const SettingKey> setting_keys();

// The value of `key` in `settings`, in its canonical notation.
// Throws Error(kInvalidInput) for an unknown key, naming the known ones.
std::string setting_value(const Settings& settings, std::string_view key);

// `settings` with `key` set from `text`, checked on its own and against the
// other keys (a minimum above its maximum, say). Throws Error(kInvalidInput)
// naming the key, quoting the value and saying what would be right.
Settings with_setting(Settings settings, std::string_view key, std::string_view text);

// Checks `key` and `text` as with_setting does, but on their own, not against the other
// keys (a sync merges keys changed on different machines). Throws as with_setting.
void check_setting(std::string_view key, std::string_view text);

// `settings` with every key of `changes` set from its text, checked as `config set`
// checks one, and then against each other once they are all in. Throws as with_setting.
Settings with_settings(Settings settings, const std::map<std::string, std::string>& changes);

// Two keys that must agree: `low` never above `high` (a band's minimum and maximum).
struct SettingPair {
  std::string_view low;
  std::string_view high;
};

// Every such pair.
std::span<const SettingPair> setting_pairs();

// The pairs whose stored values (or defaults) disagree, as keys `config set` checked on
// different machines can after a sync merges them (docs/sync.md). A value that does not
// parse is not counted here: settings_from refuses it.
std::vector<SettingPair> disagreeing_pairs(const std::map<std::string, std::string>& stored);

// Makes a disagreeing `pair` of `stored` agree: the key set later (`low_set_later`: the low
// one) holds, and the other reads as its value. Returns that value.
std::string settle_pair(std::map<std::string, std::string>& stored, const SettingPair& pair,
                        bool low_set_later);

// The settings the stored key/value pairs describe, over the defaults. Throws
// Error(kStorage) when a stored value is not valid (the database was edited by hand).
Settings settings_from(const std::map<std::string, std::string>& stored);

}  // namespace qlfit
