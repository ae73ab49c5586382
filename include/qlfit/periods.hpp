#pragma once

#include "qlfit/settings.hpp"
#include "qlfit/stats.hpp"
#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace qlfit {

// The periods `stats` and `report` speak of: which period a request names, what it
// holds, week by week, and the streaks of met weeks.

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

// Entries whose habit day may fall in `range` (and `filter`): a late-night entry can
// count for the day before its civil date, so one more civil day is read.
EntryFilter on_habit_days(const DateRange& range, EntryFilter filter = {});

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

// What `stats --check` decides: passed when no week of the report missed its target, or
// when the period owes no session (met, or paused).
bool check_passed(const WeeksReport& report);
bool check_passed(const PeriodStats& period);

// The facts of `period`, from the entries whose habit day falls in it.
PeriodStats period_stats(Store& store, const Period& period, const Settings& settings,
                         const TimeContext& context);

// The facts of the week holding `day` (no pain trend: the weeks before it are not read).
PeriodStats week_stats(Store& store, const date::year_month_day& day, const Settings& settings,
                       const TimeContext& context);

}  // namespace qlfit
