#pragma once

#include "qlfit/entry.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/stats.hpp"
#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qlfit {

// The use cases of entries: log, list, find, edit and rm. Each takes the user's words as
// typed, checks all of them before touching the store, and throws Error on bad input.

struct LogRequest {
  std::string activity;
  std::optional<std::string> at;       // WHEN
  std::optional<std::string> for_;     // DURATION
  std::optional<std::string> minutes;  // 1-1440
  std::optional<std::string> pain;     // 0-10
  std::optional<std::string> note;
};

struct Logged {
  Entry entry;
  date::year_month_day day{};  // the habit day it counts for (see day.start)
  PeriodStats week;            // the entry's week, including it (no pain trend)
  int weeks_ago = 0;           // 0: that week holds today; 1: the week before; ...
  bool pain_advice = false;    // pain at or above the warning level
  bool show_offset = false;    // the wall time alone would not name the instant
};

// A new entry of `activity` at `moment`, lasting `duration`, made now (source manual).
NewEntry new_entry_at(const Activity& activity, const Moment& moment, std::chrono::seconds duration,
                      const TimeContext& context);

// What `log`, `stop` and `away end` say about an entry just added at `moment`: its habit
// day and that day's week.
Logged logged_entry(Store& store, const Entry& entry, const Moment& moment,
                    const Settings& settings, const TimeContext& context);

// Throws Error(kInvalidInput) when both --for and --minutes are given.
void check_one_duration(const std::optional<std::string>& for_,
                        const std::optional<std::string>& minutes);

// The length --for DURATION or --minutes N give; std::nullopt when neither is given.
// Both, or a bad value: Error(kInvalidInput).
std::optional<std::chrono::seconds> requested_duration(const std::optional<std::string>& for_,
                                                       const std::optional<std::string>& minutes);

// The pain level --pain gives (0-10). Else Error(kInvalidInput) naming `what`.
int parse_pain(std::string_view text, std::string_view what = "--pain");

// Validates the request and adds one entry. Unknown activity: Error(kNotFound).
Logged log_activity(Store& store, const LogRequest& request, const Settings& settings,
                    const TimeContext& context);

struct ListRequest {
  std::optional<std::string> since;  // WHEN, whole days
  std::optional<std::string> until;  // WHEN, whole days
  std::optional<std::string> activity;
  std::optional<std::string> kind;
  std::optional<std::string> limit;  // the N most recent
};

// Calls `each` with the entries a `list` asks for, oldest first, one at a time: only a
// --limit of them is ever held. Bad options (an unknown activity or kind included) throw
// before the first call.
void each_listed(Store& store, const ListRequest& request, const TimeContext& context,
                 const std::function<void(const Entry& entry)>& each);

// The entry an ID names: all digits is the short number; otherwise a unique prefix
// of at least 4 hex digits of its UUID. Unknown or ambiguous: Error(kInvalidInput)
// naming the ID (digits that number no entry but begin ids: naming those entries and a
// prefix with a non-digit that names each).
Entry find_entry(Store& store, std::string_view id);

struct EditRequest {
  std::string id;
  std::optional<std::string> at;        // WHEN
  std::optional<std::string> for_;      // DURATION
  std::optional<std::string> minutes;   // 1-1440
  std::optional<std::string> pain;      // 0-10, or "none" to clear
  std::optional<std::string> note;      // "" clears
  std::optional<std::string> activity;  // another activity (its kind follows)
};

// A part of an entry that `edit` can change.
enum class EntryField { kActivity, kStart, kLength, kPain, kNote };

struct Edited {
  Entry before;                     // as it was
  Entry entry;                      // as it is now
  std::vector<EntryField> changes;  // in this order; empty: nothing changed, nothing written
};

// Changes the entry an ID names; it keeps its number and UUID. Nothing asked to
// change: Error(kInvalidInput).
Edited edit_entry(Store& store, const EditRequest& request, const TimeContext& context);

// Removes the entries the IDs name, all of them or, if any is unknown, none
// (Error(kInvalidInput) naming it). Returns them in the order given.
std::vector<Entry> remove_entries(Store& store, const std::vector<std::string>& ids);

}  // namespace qlfit
