#pragma once

#include "qlfit/activity.hpp"
#include "qlfit/entry.hpp"
#include "qlfit/presence.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace qlfit {

// What `qlfit remind` needs to know, gathered by one read of the store.
struct RemindFacts {
  std::vector<Fact> entries;     // from yesterday (or the week's start) to the week's end
  std::optional<Timer> running;  // a running timer
  std::vector<Pause> pauses;     // pauses touching this week
  bool away = false;             // the user is away from the desk: an open away period
  // When the user last came back from a natural break (where that absence ended).
  std::optional<date::sys_seconds> back;
};

// A reminder due, as data (the CLI words it: src/cli/render/reminders.cpp). It holds no
// note and no pain value.
struct Reminder {
  Kind kind = Kind::kBreak;
  std::chrono::minutes sat{0};     // break: how long the user has sat
  date::local_seconds since{};     // break: since when, on the wall clock here
  int to_go = 0;                   // session: sessions still needed this week
  int days_left = 0;               // session: unpaused days left, today included
  std::chrono::minutes walked{0};  // walk: minutes walked today
  int walk_min = 0;                // walk: the daily minimum (walk.min)
};

// The reminders due at `context.now`, in the order break, session, walk; only
// `only` when it is given. Pure: the same facts and time give the same lines.
//  - break: on a working day, inside working hours, at least break.every since the
//    last entry ended (or since working hours began today), and no timer running;
//  - session: the week's target not met, no session today, and the sessions still
//    needed at least the days left (today included);
//  - walk: today's walk minutes below walk.min.
// Nothing is due on a paused day, nor while the user is away (reminders wait until they
// are back).
std::vector<Reminder> due_reminders(const RemindFacts& facts, const Settings& settings,
                                    const TimeContext& context, std::optional<Kind> only);

// When the user sat down, for break reminders: the later of the start of today's working
// hours and the end of the last entry (possibly ahead of now); std::nullopt outside working
// hours or on a day off.
std::optional<date::sys_seconds> sitting_since(const RemindFacts& facts, const Settings& settings,
                                               const TimeContext& context);

// Gathers the facts for `due_reminders` from the store (reads only).
RemindFacts remind_facts(Store& store, const Settings& settings, const TimeContext& context);

// The port to the desktop's notifications (implemented by src/system).
class Notifier {
 public:
  virtual ~Notifier() = default;
  // Shows `text`; false when no notifier could be reached or it failed.
  virtual bool notify(const std::string& text) = 0;
};

// What `qlfit remind [--for KIND]` says now. A bad KIND: Error(kInvalidInput). When
// something is due and `presence` is given, it is asked whether the user is away (a locked
// or idle session): then nothing is due.
std::vector<Reminder> reminders_now(Store& store, const std::optional<std::string>& kind,
                                    const Settings& settings, const TimeContext& context,
                                    Presence* presence = nullptr);

}  // namespace qlfit
