#pragma once

#include "qlfit/store.hpp"

#include <vector>

namespace qlfit::testing {

// Every entry `filter` matches, in the store's order, all at once (the port hands them
// out one at a time).
inline std::vector<Entry> entries_of(Store& store, const EntryFilter& filter = {}) {
  std::vector<Entry> all;
  store.each_entry(filter, [&all](const Entry& entry) { all.push_back(entry); });
  return all;
}

}  // namespace qlfit::testing
