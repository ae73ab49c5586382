#include "qlfit/activities.hpp"

#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/text.hpp"

namespace qlfit {

Activity activity_named(Store& store, const std::string& name) {
  if (auto activity = store.find_activity(name))
    return *activity;
  std::string known;
  for (const Activity& activity : store.activities()) {
    if (!activity.archived)
      known += (known.empty() ? "" : ", ") + activity.name;
  }
  throw Error(ErrorCode::kNotFound,
              "unknown activity " + quote(name) + "; the activities are: " + known);
}

Activity open_activity(Store& store, const std::string& name) {
  Activity activity = activity_named(store, name);
  if (activity.archived) {
    throw Error(ErrorCode::kInvalidInput,
                "activity " + quote(name) +
                    " is archived; bring it back with 'qlfit activity add " + name + " --kind " +
                    std::string(to_string(activity.kind)) + "'");
  }
  return activity;
}

std::vector<Activity> listed_activities(Store& store, const ActivityListing& listing) {
  std::vector<Activity> shown;
  for (Activity& activity : store.activities()) {
    // A name that could not have been added is one only a damaged or foreign file holds.
    if ((activity.archived && !listing.archived) ||
        (listing.names && !is_activity_name(activity.name)))
      continue;
    shown.push_back(std::move(activity));
  }
  return shown;
}

Activity add_activity(Store& store, const std::string& name, const std::string& kind,
                      const std::optional<std::string>& description) {
  check_activity_name(name);
  Activity activity{name, parse_kind(kind),
                    description ? parse_note(*description, "--description") : "", false, false};
  const auto taken = [&name](Kind held) {
    throw Error(ErrorCode::kInvalidInput, "there is already an activity " + quote(name) + " (" +
                                              std::string(to_string(held)) +
                                              "); see 'qlfit activity list'");
  };
  // Checked before writing, so a refusal opens no file for writing; the store's answer
  // covers another qlfit adding the name meanwhile.
  if (const auto existing = store.find_activity(name);
      existing && !(existing->archived && existing->kind == activity.kind)) {
    taken(existing->kind);
  }
  if (!store.add_activity(activity)) {
    const auto existing = store.find_activity(name);
    taken(existing ? existing->kind : activity.kind);
  }
  return activity;
}

Activity remove_activity(Store& store, const std::string& name, bool archive) {
  const auto activity = store.find_activity(name);
  if (!activity) {
    throw Error(ErrorCode::kNotFound, "no activity " + quote(name) + "; see 'qlfit activity list'");
  }
  if (activity->builtin) {
    throw Error(ErrorCode::kInvalidInput,
                quote(name) + " is built in and stays; it is fine never to use it");
  }
  const auto entries = store.entry_count(name);
  if (entries > 0 && !archive) {
    throw Error(ErrorCode::kInvalidInput, quote(name) + " has " + std::to_string(entries) +
                                              " entries; 'qlfit activity rm " + name +
                                              " --archive' hides it and keeps them");
  }
  store.remove_activity(name, archive);
  return *activity;
}

}  // namespace qlfit
