#pragma once

#include "qlfit/activity.hpp"
#include "qlfit/remind.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <vector>

namespace qlfit {

// Today at a glance (`qlfit status`): what people and status bars are shown.
struct Status {
  std::optional<Timer> timer;      // the running timer
  int sessions = 0;                // this week's routine sessions
  Band sessions_target;            // the week's band (scaled down by paused days)
  bool week_paused = false;        // every day of the week is paused: nothing is asked
  std::chrono::minutes walked{0};  // today's walk minutes
  Band walk_target;                // walk.min / walk.max
  // Minutes sitting since the last entry ended (or working hours began); 0 while a timer
  // runs or the user is away; std::nullopt outside working hours or on a day off.
  std::optional<std::chrono::minutes> sitting;
  bool away = false;      // an away period is open
  std::vector<Kind> due;  // the reminders due now (remind's rules), break, session, walk

  bool is_due(Kind kind) const { return std::find(due.begin(), due.end(), kind) != due.end(); }
  // Today's walk against walk.min, 0-100.
  int walk_percent() const {
    if (walk_target.min <= 0)
      return 100;
    return static_cast<int>(std::min<long>(100, walked.count() * 100 / walk_target.min));
  }
};

// The status the facts `remind` reads describe at `context.now`. Pure.
Status status_of(const RemindFacts& facts, const Settings& settings, const TimeContext& context);

// The status now, from the store (reads only).
Status status_now(Store& store, const Settings& settings, const TimeContext& context);

}  // namespace qlfit
