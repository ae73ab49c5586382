#pragma once

#include "qlfit/activity.hpp"

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qlfit {

// How an entry came to be: typed (`log`, `import` of a file without sources), measured by
// the timer (`stop`), or a natural break (an away period at least `break.natural` long).
enum class Source { kManual, kTimer, kAway };

// "manual", "timer", "away".
constexpr std::string_view to_string(Source source) {
  switch (source) {
    case Source::kTimer:
      return "timer";
    case Source::kAway:
      return "away";
    case Source::kManual:
      break;
  }
  return "manual";
}

// The source for its name; std::nullopt for anything else.
constexpr std::optional<Source> source_from_string(std::string_view name) {
  for (const Source source : {Source::kManual, Source::kTimer, Source::kAway}) {
    if (to_string(source) == name)
      return source;
  }
  return std::nullopt;
}

// An entry before the store has numbered it.
struct NewEntry {
  std::string activity;
  Kind kind = Kind::kSession;
  date::sys_seconds start{};
  std::chrono::seconds offset{0};
  date::year_month_day local_date{};
  std::chrono::seconds duration{0};
  std::optional<int> pain;
  std::optional<std::string> note;
  date::sys_seconds created{};
  Source source = Source::kManual;
};

// One logged activity: a NewEntry the store has numbered. `start` is the UTC instant it
// began, `offset` the UTC offset where it happened and `local_date` its civil date
// there: days and weeks come from `local_date`, so an entry never moves when its user
// travels.
struct Entry : NewEntry {
  std::int64_t n = 0;  // short number people type; never reused
  std::string id;      // UUID, stable across export and import

  date::sys_seconds end() const { return start + duration; }
  date::local_seconds local_start() const {
    return date::local_seconds{start.time_since_epoch() + offset};
  }
};

// What stats need of an entry, and no more: the store reads these from one covering
// index, so weeks and years of them are cheap to read and small to hold.
struct Fact {
  Kind kind = Kind::kSession;
  date::sys_seconds start{};
  std::chrono::seconds offset{0};
  std::chrono::seconds duration{0};
  std::optional<int> pain;
  Source source = Source::kManual;

  date::sys_seconds end() const { return start + duration; }
  date::local_seconds local_start() const {
    return date::local_seconds{start.time_since_epoch() + offset};
  }
};

}  // namespace qlfit
