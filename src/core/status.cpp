#include "qlfit/status.hpp"

#include "qlfit/stats.hpp"

namespace qlfit {

Status status_of(const RemindFacts& facts, const Settings& settings, const TimeContext& context) {
  const auto today = context.today();
  const PeriodStats week = summarize(facts.entries, week_containing(today, settings.week_start),
                                     facts.pauses, settings, context);
  Status status;
  status.timer = facts.running;
  status.sessions = week.sessions.count;
  status.sessions_target = week.sessions.target;
  status.week_paused = week.sessions.verdict == Verdict::kPaused;
  status.walked = date::floor<std::chrono::minutes>(week.walked_on(today));
  status.walk_target = settings.walk;
  status.away = facts.away;
  if (const auto since = sitting_since(facts, settings, context)) {
    const bool moving = facts.running || facts.away || *since > context.now;
    status.sitting =
        moving ? std::chrono::minutes{0} : date::floor<std::chrono::minutes>(context.now - *since);
  }
  for (const Reminder& reminder : due_reminders(facts, settings, context, std::nullopt))
    status.due.push_back(reminder.kind);
  return status;
}

Status status_now(Store& store, const Settings& settings, const TimeContext& context) {
  return status_of(remind_facts(store, settings, context), settings, context);
}

}  // namespace qlfit
