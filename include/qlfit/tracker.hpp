#pragma once

#include "qlfit/entry.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/stats.hpp"
#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace qlfit {

// The use cases the commands call. Each takes the user's words as typed, checks
// all of them before touching the store, and throws Error on bad input.

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

// The activity with this name, archived or not (its entries still count). None:
// Error(kNotFound) naming the activities there are.
Activity activity_named(Store& store, const std::string& name);

// The activity with this name, open to new entries. None: Error(kNotFound) naming the
// activities there are; archived: Error(kInvalidInput) saying how to bring it back.
Activity open_activity(Store& store, const std::string& name);

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

// Which period `stats` reports on; at most one of week, month, or from+to.
// A present but empty week or month means the current one; none at all, this week.
struct PeriodRequest {
  std::optional<std::string> week;   // WHEN
  std::optional<std::string> weeks;  // COUNT, for weeks_report
  std::optional<std::string> month;  // WHEN
  std::optional<std::string> from;   // WHEN, whole days
  std::optional<std::string> to;     // WHEN, whole days
};

// Throws Error(kInvalidInput) when the request names more than one kind of period.
void check_one_period(const PeriodRequest& request);

// Resolves the request to one period. Throws Error(kInvalidInput) for a bad WHEN,
// --from without --to (or the reverse), or more than one kind of period.
Period requested_period(const PeriodRequest& request, const Settings& settings,
                        const TimeContext& context);

// Whole weeks, the first starting on `first` (a week.start day).
struct WeekSpan {
  date::year_month_day first;
  int weeks = 0;
  DateRange range() const {
    return {first, date::year_month_day{date::sys_days{first} + date::days{7 * weeks - 1}}};
  }
};

// The weeks a request names: --weeks N, this week and the N-1 before it (12 without a
// count), or the whole weeks holding --from..--to. Throws Error(kInvalidInput) for a bad
// count or WHEN, more than 5300 weeks, or more than one kind of period.
WeekSpan requested_weeks(const PeriodRequest& request, const Settings& settings,
                         const TimeContext& context);

// Calls `each` with the weeks of `span`, oldest first, each judged as `stats --week` judges
// it (a week over before the first entry: kUntracked). One pass over the facts holding only
// five weeks of them, and one week at a time. Returns the streaks of met weeks over the
// whole history.
Streak each_week(Store& store, const WeekSpan& span, const Settings& settings,
                 const TimeContext& context, const std::function<void(PeriodStats&& week)>& each);

// This week and the request's weeks-1 before it (12 without a count), oldest first, each with
// its verdict and days, and the streaks of met weeks over the whole history.
struct WeeksReport {
  std::vector<PeriodStats> weeks;
  Streak streak;
  // True when a finished week in the report missed its target.
  bool some_missed() const {
    return std::any_of(weeks.begin(), weeks.end(), [](const PeriodStats& week) {
      return week.sessions.verdict == Verdict::kMissed;
    });
  }
};
WeeksReport weeks_report(Store& store, const PeriodRequest& request, const Settings& settings,
                         const TimeContext& context);

// The facts of `period`, from the entries whose habit day falls in it.
PeriodStats period_stats(Store& store, const Period& period, const Settings& settings,
                         const TimeContext& context);

// Starts a timer for the activity now. Unknown activity: Error(kNotFound); a timer
// already running: Error(kInvalidInput).
Timer start_timer(Store& store, const std::string& activity, const TimeContext& context);

// Stops the running timer and logs its activity with the time measured (at least
// 1 s). None running, or one past 24h: Error(kInvalidInput), nothing changed.
Logged stop_timer(Store& store, const Settings& settings, const TimeContext& context);

// Drops the running timer without logging and returns it. None: Error(kInvalidInput).
Timer cancel_timer(Store& store);

// Adds an activity of KIND (session, walk or break). Bad name or kind, or a name in
// use: Error(kInvalidInput). An archived activity of the same kind comes back.
Activity add_activity(Store& store, const std::string& name, const std::string& kind,
                      const std::optional<std::string>& description);

// Removes an activity, or with `archive` hides it keeping its entries. Unknown: Error
// (kNotFound); built-in, or with entries and no `archive`: Error(kInvalidInput).
Activity remove_activity(Store& store, const std::string& name, bool archive);

// Adds rest days from FROM to TO (WHENs, whole days, both included).
Pause add_pause(Store& store, const std::string& from, const std::string& to,
                const std::optional<std::string>& note, const TimeContext& context);

// Removes pause number NUMBER. No such pause: Error(kNotFound).
Pause remove_pause(Store& store, const std::string& number);

}  // namespace qlfit
