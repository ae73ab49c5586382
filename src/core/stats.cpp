#include "qlfit/stats.hpp"

#include <algorithm>
#include <iterator>

namespace qlfit {
namespace {

using std::chrono::minutes;

constexpr int kTrendWeeks = 4;
constexpr double kTrendStep = 1.0;

int scaled_up(int weekly, int days) {
  return (weekly * days + 6) / 7;
}

bool paused_on(std::span<const Pause> pauses, date::year_month_day day) {
  return std::any_of(pauses.begin(), pauses.end(),
                     [day](const Pause& pause) { return pause.days.contains(day); });
}

int day_index(const DateRange& range, date::year_month_day day) {
  return static_cast<int>((date::sys_days{day} - date::sys_days{range.first}).count());
}

// The longest stretch inside today's working hours with no entry going on.
minutes longest_sitting(std::vector<const Fact*>& entries, date::year_month_day day,
                        const Settings& settings, const TimeContext& context) {
  const auto begin = day_begins(day, context.zone, settings.break_hours.start);
  const auto end = std::min(day_begins(day, context.zone, settings.break_hours.end), context.now);
  if (end <= begin)
    return minutes{0};
  std::sort(entries.begin(), entries.end(),
            [](const Fact* a, const Fact* b) { return a->start < b->start; });
  auto sitting_since = begin;
  std::chrono::seconds longest{0};
  for (const Fact* entry : entries) {
    if (entry->end() <= sitting_since || entry->start >= end)
      continue;
    longest = std::max(longest, entry->start - sitting_since);
    sitting_since = std::max(sitting_since, entry->end());
  }
  longest = std::max(longest, std::max(end - sitting_since, std::chrono::seconds{0}));
  return date::floor<minutes>(longest);
}

PainTrend trend_of(double now, std::optional<double> before) {
  if (!before)
    return PainTrend::kUnknown;
  if (now >= *before + kTrendStep)
    return PainTrend::kRising;
  if (now <= *before - kTrendStep)
    return PainTrend::kFalling;
  return PainTrend::kSteady;
}

}  // namespace

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kMet:
      return "met";
    case Verdict::kOnTrack:
      return "on track";
    case Verdict::kAtRisk:
      return "at risk";
    case Verdict::kMissed:
      return "missed";
    case Verdict::kPaused:
      return "paused";
    case Verdict::kUntracked:
      return "untracked";
  }
  return "missed";
}

std::string_view to_string(PainTrend trend) {
  switch (trend) {
    case PainTrend::kUnknown:
      return "unknown";
    case PainTrend::kFalling:
      return "falling";
    case PainTrend::kSteady:
      return "steady";
    case PainTrend::kRising:
      return "rising";
  }
  return "unknown";
}

int day_level(const DayFacts& day) {
  const int done = (day.sessions > 0 ? 1 : 0) + (day.walk_in_band ? 1 : 0);
  if (done > 0)
    return done + 1;
  return day.breaks > 0 || day.walk.count() > 0 ? 1 : 0;
}

Band session_target(int unpaused, const Settings& settings) {
  return Band{scaled_up(settings.sessions.min, unpaused),
              scaled_up(settings.sessions.max, unpaused)};
}

SessionSummary judge_sessions(int count, const Period& period, std::span<const Pause> pauses,
                              const Settings& settings, date::year_month_day today) {
  int unpaused = 0;
  SessionSummary summary;
  for (auto day = date::sys_days{period.range.first}; day <= date::sys_days{period.range.last};
       day += date::days{1}) {
    if (paused_on(pauses, date::year_month_day{day}))
      continue;
    ++unpaused;
    if (date::year_month_day{day} >= today)
      ++summary.days_left;
  }
  summary.count = count;
  summary.target = session_target(unpaused, settings);
  summary.to_go = std::max(0, summary.target.min - count);
  if (unpaused == 0) {
    summary.verdict = Verdict::kPaused;
  } else if (summary.to_go == 0) {
    summary.verdict = Verdict::kMet;
  } else if (summary.days_left == 0) {
    summary.verdict = Verdict::kMissed;
  } else if (summary.to_go >= summary.days_left) {
    summary.verdict = Verdict::kAtRisk;
  } else {
    summary.verdict = Verdict::kOnTrack;
  }
  return summary;
}

std::vector<Pause> pauses_touching(std::span<const Pause> pauses, const DateRange& range) {
  std::vector<Pause> touching;
  std::copy_if(pauses.begin(), pauses.end(), std::back_inserter(touching),
               [&range](const Pause& pause) { return pause.days.overlaps(range); });
  return touching;
}

PeriodStats summarize(std::span<const Fact> entries, const Period& period,
                      std::span<const Pause> pauses, const Settings& settings,
                      const TimeContext& context) {
  PeriodStats stats;
  stats.period = period;
  stats.walk.target = settings.walk;
  const auto today = context.today();
  const DateRange& range = period.range;
  stats.pauses = pauses_touching(pauses, range);
  for (auto day = date::sys_days{range.first}; day <= date::sys_days{range.last};
       day += date::days{1}) {
    DayFacts facts;
    facts.day = date::year_month_day{day};
    facts.paused = paused_on(stats.pauses, facts.day);
    facts.future = facts.day > today;
    facts.working = settings.break_days.test(date::weekday{day}.c_encoding());
    stats.paused_days += facts.paused ? 1 : 0;
    stats.days.push_back(facts);
  }
  const date::year_month_day baseline_first{date::sys_days{range.first} -
                                            date::days{7 * kTrendWeeks}};
  std::vector<std::vector<const Fact*>> by_day(stats.days.size());
  int sessions = 0;
  long pain_sum = 0;
  long before_sum = 0;
  int before_count = 0;
  PainSummary pain;
  for (const Fact& entry : entries) {
    const auto day = habit_day(entry.local_start(), settings.day_start);
    if (!range.contains(day)) {
      if (entry.pain && day >= baseline_first && day < range.first) {
        before_sum += *entry.pain;
        ++before_count;
      }
      continue;
    }
    DayFacts& facts = stats.days[static_cast<std::size_t>(day_index(range, day))];
    by_day[static_cast<std::size_t>(day_index(range, day))].push_back(&entry);
    switch (entry.kind) {
      case Kind::kSession:
        ++sessions;
        ++facts.sessions;
        break;
      case Kind::kWalk:
        facts.walk += entry.duration;
        stats.walk.total += entry.duration;
        break;
      case Kind::kBreak:
        ++facts.breaks;
        ++stats.breaks.count;
        stats.breaks.natural += entry.source == Source::kAway ? 1 : 0;
        break;
    }
    if (entry.pain) {
      ++pain.count;
      pain_sum += *entry.pain;
      pain.highest = std::max(pain.highest, *entry.pain);
    }
  }
  const minutes band_floor{settings.walk.min};
  int working_breaks = 0;
  for (std::size_t i = 0; i < stats.days.size(); ++i) {
    DayFacts& facts = stats.days[i];
    facts.walk_in_band = facts.walk >= band_floor;
    if (facts.walk_in_band)
      ++stats.walk.days_in_band;
    if (!facts.working || facts.paused || facts.future)
      continue;
    ++stats.breaks.working_days;
    working_breaks += facts.breaks;
    // A day with nothing logged says nothing about sitting: it is not measured.
    if (by_day[i].empty())
      continue;
    facts.longest_sitting = longest_sitting(by_day[i], facts.day, settings, context);
    if (facts.longest_sitting > stats.breaks.longest_sitting) {
      stats.breaks.longest_sitting = facts.longest_sitting;
      stats.breaks.longest_on = facts.day;
    }
  }
  stats.breaks.sat_too_long = stats.breaks.longest_sitting > settings.break_every;
  if (stats.breaks.working_days > 0) {
    stats.breaks.per_working_day = static_cast<double>(working_breaks) / stats.breaks.working_days;
  }
  if (pain.count > 0) {
    pain.average = static_cast<double>(pain_sum) / pain.count;
    if (before_count > 0)
      pain.before = static_cast<double>(before_sum) / before_count;
    pain.trend = trend_of(pain.average, pain.before);
    pain.high = pain.highest >= settings.pain_warn;
    pain.advice = pain.high || pain.trend == PainTrend::kRising;
    stats.pain = pain;
  }
  stats.sessions = judge_sessions(sessions, period, stats.pauses, settings, today);
  return stats;
}

Streak streak_of(std::span<const SessionSummary> weeks) {
  Streak streak;
  int run = 0;
  for (const SessionSummary& week : weeks) {
    if (week.verdict == Verdict::kMet) {
      streak.longest = std::max(streak.longest, ++run);
    } else if (week.verdict == Verdict::kMissed) {
      run = 0;
    }
  }
  streak.current = run;
  return streak;
}

}  // namespace qlfit
