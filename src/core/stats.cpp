#include "qlfit/stats.hpp"

#include <algorithm>

namespace qlfit {
namespace {

int scaled_up(int weekly, int days) {
  return (weekly * days + 6) / 7;
}

SessionSummary judge_sessions(int count, Band target, const DateRange& range,
                              date::year_month_day today) {
  SessionSummary summary;
  summary.count = count;
  summary.target = target;
  summary.to_go = std::max(0, target.min - count);
  const date::sys_days first{std::max(range.first, today)};
  const date::sys_days last{range.last};
  summary.days_left = today > range.last ? 0 : static_cast<int>((last - first).count()) + 1;
  if (summary.to_go == 0) {
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
  }
  return "missed";
}

Band session_target(const Period& period, const Settings& settings) {
  if (period.kind == PeriodKind::kWeek)
    return settings.sessions;
  const int days = period.range.days();
  return Band{scaled_up(settings.sessions.min, days), scaled_up(settings.sessions.max, days)};
}

PeriodStats summarize(std::span<const Entry> entries, const Period& period,
                      const Settings& settings, date::year_month_day today) {
  PeriodStats stats;
  stats.period = period;
  stats.walk.target = settings.walk;
  int sessions = 0;
  long pain_sum = 0;
  PainSummary pain;
  for (const Entry& entry : entries) {
    const auto day = habit_day(entry.local_start(), settings.day_start);
    if (!period.range.contains(day))
      continue;
    switch (entry.kind) {
      case Kind::kSession:
        ++sessions;
        break;
      case Kind::kWalk:
        stats.walk.by_day[day] += entry.duration;
        stats.walk.total += entry.duration;
        break;
      case Kind::kBreak:
        ++stats.breaks;
        break;
    }
    if (entry.pain) {
      ++pain.count;
      pain_sum += *entry.pain;
      pain.highest = std::max(pain.highest, *entry.pain);
    }
  }
  const std::chrono::seconds band_floor = std::chrono::minutes{settings.walk.min};
  stats.walk.days_in_band = static_cast<int>(
      std::count_if(stats.walk.by_day.begin(), stats.walk.by_day.end(),
                    [band_floor](const auto& day) { return day.second >= band_floor; }));
  if (pain.count > 0) {
    pain.average = static_cast<double>(pain_sum) / pain.count;
    stats.pain = pain;
  }
  stats.sessions = judge_sessions(sessions, session_target(period, settings), period.range, today);
  return stats;
}

}  // namespace qlfit
