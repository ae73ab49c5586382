#include "qlfit/watch.hpp"

#include <algorithm>
#include <set>

namespace qlfit {
namespace {

// How often reminders are checked when they are asked for; otherwise an hour.
constexpr std::chrono::seconds kReminderCheck{10};
constexpr std::chrono::seconds kIdleCheck{3600};

}  // namespace

DeskChange desk_change(const Desk& before, const Desk& after, date::sys_seconds now) {
  if (after.away() && !before.away()) {
    const bool idle_began_earlier =
        after.idle && after.idle_since.time_since_epoch().count() > 0 && after.idle_since < now;
    return {DeskChange::Kind::kLeft, idle_began_earlier ? after.idle_since : now};
  }
  if (!after.away() && before.away())
    return {DeskChange::Kind::kBack, now};
  return {};
}

void watch_desk(Store& store, DeskWatch& desk, TimeContext context,
                const std::function<void(const Logged&)>& logged,
                const std::function<void(const Reminder&)>& due) {
  // A period already open (a watch that died while away, a hook's begin) counts as away:
  // the first sight of the session at the desk closes it.
  Desk last;
  last.locked = store.away().has_value();
  std::set<Kind> told;  // reminders handed out and still due
  const auto end_at = [&](date::sys_seconds at) {
    const Settings settings = settings_from(store.settings());
    if (const auto line = end_away_now(store, at, settings, context))
      logged(*line);
    context.now = std::max(context.now, at);
  };
  for (;;) {
    const auto wait = due ? kReminderCheck : kIdleCheck;
    const DeskWatch::Event event =
        desk.wait(context.now + wait, settings_from(store.settings()).break_natural);
    context.now = std::max(context.now, event.now);
    if (event.kind == DeskWatch::Event::Kind::kStop) {
      if (store.away())
        end_at(context.now);
      return;
    }
    if (event.kind == DeskWatch::Event::Kind::kChanged) {
      const DeskChange change = desk_change(last, event.desk, context.now);
      if (change.kind == DeskChange::Kind::kLeft)
        begin_away_at(store, moment_of(change.at, context.zone));
      if (change.kind == DeskChange::Kind::kBack)
        end_at(change.at);
      last = event.desk;
    }
    if (!due)
      continue;
    std::set<Kind> now_due;
    const Settings settings = settings_from(store.settings());
    for (const Reminder& reminder : reminders_now(store, std::nullopt, settings, context)) {
      now_due.insert(reminder.kind);
      if (told.count(reminder.kind) == 0)
        due(reminder);
    }
    told = now_due;
  }
}

}  // namespace qlfit
