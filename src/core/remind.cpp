#include "qlfit/remind.hpp"

#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/stats.hpp"
#include "qlfit/text.hpp"

#include <algorithm>
#include <string>

namespace qlfit {
namespace {

using std::chrono::minutes;

bool paused(const std::vector<Pause>& pauses, date::year_month_day day) {
  return std::any_of(pauses.begin(), pauses.end(),
                     [day](const Pause& pause) { return pause.days.contains(day); });
}

std::optional<Reminder> break_reminder(const RemindFacts& facts, const Settings& settings,
                                       const TimeContext& context) {
  const auto since = facts.running ? std::nullopt : sitting_since(facts, settings, context);
  if (!since)
    return std::nullopt;
  const auto sat = date::floor<minutes>(context.now - *since);
  if (*since > context.now || sat < settings.break_every)
    return std::nullopt;
  Reminder reminder;
  reminder.kind = Kind::kBreak;
  reminder.sat = sat;
  reminder.since = moment_of(*since, context.zone).local;
  return reminder;
}

std::optional<Reminder> session_reminder(const PeriodStats& week, const RemindFacts& facts,
                                         const Settings& settings, date::year_month_day today) {
  const SessionSummary& sessions = week.sessions;
  const bool done_today =
      std::any_of(facts.entries.begin(), facts.entries.end(), [&](const Fact& e) {
        return e.kind == Kind::kSession && habit_day(e.local_start(), settings.day_start) == today;
      });
  if (sessions.met() || done_today || sessions.days_left == 0 ||
      sessions.to_go < sessions.days_left) {
    return std::nullopt;
  }
  Reminder reminder;
  reminder.kind = Kind::kSession;
  reminder.to_go = sessions.to_go;
  reminder.days_left = sessions.days_left;
  return reminder;
}

std::optional<Reminder> walk_reminder(const PeriodStats& week, const Settings& settings,
                                      date::year_month_day today) {
  const auto walked = date::floor<minutes>(week.walked_on(today));
  if (walked >= minutes{settings.walk.min})
    return std::nullopt;
  Reminder reminder;
  reminder.kind = Kind::kWalk;
  reminder.walked = walked;
  reminder.walk_min = settings.walk.min;
  return reminder;
}

}  // namespace

std::optional<date::sys_seconds> sitting_since(const RemindFacts& facts, const Settings& settings,
                                               const TimeContext& context) {
  const Moment now = context.now_here();
  const auto civil_today = now.local_date();
  const date::weekday weekday{date::sys_days{civil_today}};
  const auto clock = now.local - date::local_days{civil_today};
  if (!settings.break_days.test(weekday.c_encoding()) || clock < settings.break_hours.start ||
      clock >= settings.break_hours.end) {
    return std::nullopt;
  }
  date::sys_seconds since = day_begins(civil_today, context.zone, settings.break_hours.start);
  for (const Fact& entry : facts.entries) {
    since = std::max(since, entry.end());
  }
  // Away longer than a day: its natural break stops at 24h, but the user sat only from
  // the moment they came back.
  if (facts.back)
    since = std::max(since, *facts.back);
  return since;
}

std::vector<Reminder> due_reminders(const RemindFacts& facts, const Settings& settings,
                                    const TimeContext& context, std::optional<Kind> only) {
  const auto today = context.today();
  if (facts.away || paused(facts.pauses, today))
    return {};
  const Period week = week_containing(today, settings.week_start);
  const PeriodStats stats = summarize(facts.entries, week, facts.pauses, settings, context);
  std::vector<Reminder> due;
  const auto wanted = [only](Kind kind) { return !only || *only == kind; };
  if (wanted(Kind::kBreak)) {
    if (auto reminder = break_reminder(facts, settings, context))
      due.push_back(*reminder);
  }
  if (wanted(Kind::kSession)) {
    if (auto reminder = session_reminder(stats, facts, settings, today))
      due.push_back(*reminder);
  }
  if (wanted(Kind::kWalk)) {
    if (auto reminder = walk_reminder(stats, settings, today))
      due.push_back(*reminder);
  }
  return due;
}

RemindFacts remind_facts(Store& store, const Settings& settings, const TimeContext& context) {
  const auto today = context.today();
  const Period week = week_containing(today, settings.week_start);
  const auto yesterday = date::year_month_day{date::sys_days{today} - date::days{1}};
  EntryFilter filter;
  filter.local_dates =
      DateRange{std::min(week.range.first, yesterday),
                date::year_month_day{date::sys_days{week.range.last} + date::days{1}}};
  RemindFacts facts;
  facts.entries = store.facts(filter);
  facts.running = store.timer();
  // A period that a hook opened a little ahead of the clock has not begun yet.
  const auto away = store.away();
  facts.away = away && away->start <= context.now;
  facts.back = store.back_at();
  facts.pauses = pauses_touching(store.pauses(), week.range);
  return facts;
}

std::vector<Reminder> reminders_now(Store& store, const std::optional<std::string>& kind,
                                    const Settings& settings, const TimeContext& context,
                                    Presence* presence) {
  std::optional<Kind> only;
  if (kind) {
    only = kind_from_string(*kind);
    if (!only) {
      throw Error(ErrorCode::kInvalidInput,
                  "--for must be break, session or walk, got " + quote(*kind));
    }
  }
  auto due = due_reminders(remind_facts(store, settings, context), settings, context, only);
  // Asked only when it matters: silence needs no login manager.
  if (!due.empty() && presence != nullptr && presence->away())
    due.clear();
  return due;
}

}  // namespace qlfit
