#pragma once

#include "qlfit/calendar.hpp"
#include "qlfit/store.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace qlfit::testing {

// Every entry `filter` matches, in the store's order, all at once (the port hands them
// out one at a time).
inline std::vector<Entry> entries_of(Store& store, const EntryFilter& filter = {}) {
  std::vector<Entry> all;
  store.each_entry(filter, [&all](const Entry& entry) { all.push_back(entry); });
  return all;
}

// A ten-minute butt-walk session on `day` at `hour`:00, at UTC+1.
inline NewEntry session_on(date::year_month_day day, int hour = 8) {
  NewEntry entry;
  entry.activity = "butt-walk";
  entry.kind = Kind::kSession;
  entry.offset = std::chrono::hours{1};
  entry.start = to_instant(date::local_days{day} + std::chrono::hours{hour}, entry.offset);
  entry.local_date = day;
  entry.duration = std::chrono::minutes{10};
  return entry;
}

// That session as an import brings it, with its UUID.
inline Entry imported(const std::string& id, date::year_month_day day) {
  return Entry{session_on(day), 0, id};
}

}  // namespace qlfit::testing
