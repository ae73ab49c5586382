#pragma once

#include "qlfit/activity.hpp"
#include "qlfit/calendar.hpp"
#include "qlfit/entry.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qlfit {

// Which entries to read. Every field narrows; an empty filter means all.
struct EntryFilter {
  std::optional<DateRange> local_dates;  // on the entries' civil local dates
  std::optional<std::string> activity;
  std::optional<Kind> kind;
  std::optional<std::size_t> limit;  // keep only the most recent N
};

// A running `qlfit start` timer: at most one at a time.
struct Timer {
  std::string activity;
  Kind kind = Kind::kSession;
  date::sys_seconds start{};
  std::chrono::seconds offset{0};  // UTC offset where it started
};

// Rest days (an injury, a provider's advice, a holiday): never "missed".
struct Pause {
  std::int64_t n = 0;
  DateRange days;  // both ends included
  std::optional<std::string> note;
};

// The port the core keeps its data behind (implemented by src/storage).
// Every method throws Error(kStorage) when the database cannot be used.
class Store {
 public:
  virtual ~Store() = default;

  // The activity with this name; std::nullopt when there is none.
  virtual std::optional<Activity> find_activity(std::string_view name) = 0;
  // Every activity, built-in ones first.
  virtual std::vector<Activity> activities() = 0;
  // Adds the entry in one transaction and returns it numbered, with a new UUID.
  virtual Entry add(const NewEntry& entry) = 0;
  // Removes the entry logged last and returns it; std::nullopt when there is none.
  virtual std::optional<Entry> remove_last() = 0;
  // Entries matching `filter`, oldest first (by instant, then by the order logged).
  virtual std::vector<Entry> entries(const EntryFilter& filter) = 0;

  // The settings the user changed, key to value (canonical text).
  virtual std::map<std::string, std::string> settings() = 0;
  // Stores one setting, replacing any earlier value.
  virtual void set_setting(const std::string& key, const std::string& value) = 0;
  // Forgets one setting; returns false when it was not set.
  virtual bool unset_setting(const std::string& key) = 0;

  // The running timer, if any.
  virtual std::optional<Timer> timer() = 0;
  // Starts the timer. Throws Error(kInvalidInput) when one is already running.
  virtual void start_timer(const Timer& timer) = 0;
  // Stops the timer and adds `entry` in one transaction; returns the entry.
  // Throws Error(kInvalidInput) when no timer is running.
  virtual Entry finish_timer(const NewEntry& entry) = 0;
  // Stops the timer without logging; returns it, or std::nullopt when none ran.
  virtual std::optional<Timer> cancel_timer() = 0;

  // Adds a pause and returns it numbered.
  virtual Pause add_pause(const DateRange& days, const std::optional<std::string>& note) = 0;
  // Every pause, earliest first.
  virtual std::vector<Pause> pauses() = 0;
  // Removes pause `n`; returns it, or std::nullopt when there is none.
  virtual std::optional<Pause> remove_pause(std::int64_t n) = 0;
};

}  // namespace qlfit
