#pragma once

#include "qlfit/activity.hpp"
#include "qlfit/calendar.hpp"
#include "qlfit/entry.hpp"

#include <cstddef>
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
};

}  // namespace qlfit
