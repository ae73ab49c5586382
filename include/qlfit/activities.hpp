#pragma once

#include "qlfit/activity.hpp"
#include "qlfit/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace qlfit {

// The use cases of activities: find one by name, list, add and remove them.

// The activity with this name, archived or not (its entries still count). None:
// Error(kNotFound) naming the activities there are.
Activity activity_named(Store& store, const std::string& name);

// The activity with this name, open to new entries. None: Error(kNotFound) naming the
// activities there are; archived: Error(kInvalidInput) saying how to bring it back.
Activity open_activity(Store& store, const std::string& name);

// What `activity list` shows: built-in ones first, then in the order added.
struct ActivityListing {
  bool archived = false;  // archived ones too (--all)
  bool names = false;     // only names that could have been added (--names, for completion)
};
std::vector<Activity> listed_activities(Store& store, const ActivityListing& listing);

// Adds an activity of KIND (session, walk or break). Bad name or kind, or a name in
// use: Error(kInvalidInput). An archived activity of the same kind comes back.
Activity add_activity(Store& store, const std::string& name, const std::string& kind,
                      const std::optional<std::string>& description);

// Removes an activity, or with `archive` hides it keeping its entries. Unknown: Error
// (kNotFound); built-in, or with entries and no `archive`: Error(kInvalidInput).
Activity remove_activity(Store& store, const std::string& name, bool archive);

}  // namespace qlfit
