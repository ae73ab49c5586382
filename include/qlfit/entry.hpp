#pragma once

#include "qlfit/activity.hpp"

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace qlfit {

// One logged activity. `start` is the UTC instant it began, `offset` the UTC
// offset where it happened and `local_date` its civil date there: days and
// weeks come from `local_date`, so an entry never moves when its user travels.
struct Entry {
  std::int64_t n = 0;  // short number people type; never reused
  std::string id;      // UUID, stable across export and import
  std::string activity;
  Kind kind = Kind::kSession;
  date::sys_seconds start{};
  std::chrono::seconds offset{0};
  date::year_month_day local_date{};
  std::chrono::seconds duration{0};
  std::optional<int> pain;
  std::optional<std::string> note;
  date::sys_seconds created{};

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

  static Fact of(const Entry& entry) {
    return Fact{entry.kind, entry.start, entry.offset, entry.duration, entry.pain};
  }
  date::sys_seconds end() const { return start + duration; }
  date::local_seconds local_start() const {
    return date::local_seconds{start.time_since_epoch() + offset};
  }
};

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
};

}  // namespace qlfit
