#include "qlfit/periods.hpp"

#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace qlfit {
namespace {

// A range widened by the four weeks before it, which give the pain trend.
DateRange with_trend_weeks(const DateRange& range) {
  return DateRange{date::year_month_day{date::sys_days{range.first} - date::days{28}}, range.last};
}

// Streaks over every week since the first session: sessions only, counted per week.
Streak history_streak(Store& store, const std::vector<Pause>& pauses, const Settings& settings,
                      const TimeContext& context) {
  EntryFilter sessions;
  sessions.kind = Kind::kSession;
  const Period now = week_containing(context.today(), settings.week_start);
  std::map<date::sys_days, int> per_week;
  date::sys_days first = date::sys_days{now.range.first};
  store.each_fact(sessions, [&](const Fact& entry) {
    const auto week =
        week_containing(habit_day(entry.local_start(), settings.day_start), settings.week_start);
    ++per_week[date::sys_days{week.range.first}];
    first = std::min(first, date::sys_days{week.range.first});
  });
  if (per_week.empty())
    return Streak{};
  std::vector<SessionSummary> judged;
  for (auto start = first; start <= date::sys_days{now.range.first}; start += date::days{7}) {
    const Period week = week_containing(date::year_month_day{start}, settings.week_start);
    const auto found = per_week.find(start);
    judged.push_back(judge_sessions(found == per_week.end() ? 0 : found->second, week, pauses,
                                    settings, context.today()));
  }
  return streak_of(judged);
}

}  // namespace

EntryFilter on_habit_days(const DateRange& range, EntryFilter filter) {
  filter.local_dates =
      DateRange{range.first, date::year_month_day{date::sys_days{range.last} + date::days{1}}};
  return filter;
}

// Names only the options given: `report` has no --week or --month to suggest.
void check_one_period(const PeriodRequest& request) {
  std::vector<std::string> given;
  for (const auto& [option, name] : {std::pair{request.week.has_value(), "--week"},
                                     {request.weeks.has_value(), "--weeks"},
                                     {request.month.has_value(), "--month"},
                                     {request.from && request.to, "--from with --to"},
                                     {request.from && !request.to, "--from"},
                                     {request.to && !request.from, "--to"}}) {
    if (option)
      given.emplace_back(name);
  }
  if (given.size() > 1) {
    std::string named = given.front();
    for (std::size_t i = 1; i < given.size(); ++i)
      named += (i + 1 == given.size() ? " and " : ", ") + given[i];
    throw Error(ErrorCode::kInvalidInput, "give one period, not " + named);
  }
}

Period requested_period(const PeriodRequest& request, const Settings& settings,
                        const TimeContext& context) {
  check_one_period(request);
  const bool range = request.from || request.to;
  if (range) {
    if (!request.from || !request.to) {
      throw Error(ErrorCode::kInvalidInput,
                  "--from and --to go together: give both, "
                  "e.g. --from 2026-11-01 --to 2026-11-15");
    }
    const auto first = first_day(parse_when(*request.from, "--from", context));
    return range_of(first, last_day(parse_when(*request.to, "--to", context, first)));
  }
  if (request.month) {
    if (request.month->empty())
      return month_of(date::year_month{context.today().year(), context.today().month()});
    const When when = parse_when(*request.month, "--month", context);
    if (when.kind == When::Kind::kPeriod && when.period.kind == PeriodKind::kMonth) {
      return when.period;
    }
    const auto day = first_day(when);
    return month_of(date::year_month{day.year(), day.month()});
  }
  if (request.week && !request.week->empty()) {
    return week_of(parse_when(*request.week, "--week", context), settings.week_start);
  }
  return week_containing(context.today(), settings.week_start);
}

PeriodStats period_stats(Store& store, const Period& period, const Settings& settings,
                         const TimeContext& context) {
  auto facts = store.facts(on_habit_days(period.range));
  // The four weeks before give the pain trend, which only pain in the period asks for:
  // without any, they are not read (a week with nothing logged yet reads nothing).
  if (std::any_of(facts.begin(), facts.end(),
                  [](const Fact& fact) { return fact.pain.has_value(); })) {
    EntryFilter before;
    before.local_dates =
        DateRange{with_trend_weeks(period.range).first,
                  date::year_month_day{date::sys_days{period.range.first} - date::days{1}}};
    auto earlier = store.facts(before);  // all on local dates before the period's
    facts.insert(facts.begin(), earlier.begin(), earlier.end());
  }
  return summarize(facts, period, store.pauses(), settings, context);
}

PeriodStats week_stats(Store& store, const date::year_month_day& day, const Settings& settings,
                       const TimeContext& context) {
  const Period week = week_containing(day, settings.week_start);
  return summarize(store.facts(on_habit_days(week.range)), week, store.pauses(), settings, context);
}

WeekSpan requested_weeks(const PeriodRequest& request, const Settings& settings,
                         const TimeContext& context) {
  constexpr int kMostWeeks = 5300;
  check_one_period(request);
  if (request.from || request.to) {
    const Period days = requested_period(request, settings, context);
    const auto first = week_containing(days.range.first, settings.week_start).range.first;
    const auto last = week_containing(days.range.last, settings.week_start).range.first;
    const auto weeks = (date::sys_days{last} - date::sys_days{first}).count() / 7 + 1;
    if (weeks > kMostWeeks) {
      throw Error(ErrorCode::kInvalidInput, "--from and --to must be at most " +
                                                std::to_string(kMostWeeks) + " weeks apart, got " +
                                                std::to_string(weeks));
    }
    return WeekSpan{first, static_cast<int>(weeks)};
  }
  const auto& count = request.weeks;
  const auto weeks = count && !count->empty()
                         ? static_cast<int>(parse_whole_number(*count, "--weeks", 1, kMostWeeks))
                         : 12;
  const Period last = week_containing(context.today(), settings.week_start);
  return WeekSpan{
      date::year_month_day{date::sys_days{last.range.first} - date::days{7 * (weeks - 1)}}, weeks};
}

Streak each_week(Store& store, const WeekSpan& span, const Settings& settings,
                 const TimeContext& context, const std::function<void(PeriodStats&& week)>& each) {
  const date::sys_days first_day{span.first};
  const auto day_of = [&settings](const Fact& entry) {
    return date::sys_days{habit_day(entry.local_start(), settings.day_start)};
  };
  const auto pauses = store.pauses();
  // Weeks over before the first entry were not tracked: not missed, not in a streak.
  const auto tracked_from = store.first_local_date();
  // One pass over the facts, which come one at a time in local-date order, holding only
  // a window: the week being judged and the four weeks before it (its pain trend).
  std::vector<Fact> window;
  int next = 0;
  const auto week_at = [&](int i) {
    return week_containing(date::year_month_day{first_day + date::days{7 * i}},
                           settings.week_start);
  };
  const auto judge_next = [&] {
    const Period week = week_at(next++);
    const date::sys_days from{with_trend_weeks(week.range).first};
    window.erase(window.begin(), std::find_if(window.begin(), window.end(), [&](const Fact& fact) {
                   return day_of(fact) >= from;
                 }));
    // Facts outside the week and its trend weeks (a day or two ahead) are ignored.
    PeriodStats stats = summarize(window, week, pauses, settings, context);
    if (!tracked_from || week.range.last < *tracked_from)
      stats.sessions.verdict = Verdict::kUntracked;
    each(std::move(stats));
  };
  store.each_fact(on_habit_days(with_trend_weeks(span.range())), [&](const Fact& fact) {
    // A fact's habit day is its local date or the day before (day.start): once a fact
    // of local date D has come, none of habit day D - 2 or earlier is still to come.
    const auto local_day = date::floor<date::days>(fact.local_start()).time_since_epoch();
    while (next < span.weeks &&
           date::sys_days{week_at(next).range.last} < date::sys_days{local_day} - date::days{1}) {
      judge_next();
    }
    window.push_back(fact);
  });
  while (next < span.weeks)
    judge_next();
  return history_streak(store, pauses, settings, context);
}

bool check_passed(const WeeksReport& report) {
  return !report.some_missed();
}

bool check_passed(const PeriodStats& period) {
  return period.sessions.nothing_owed();
}

WeeksReport weeks_report(Store& store, const PeriodRequest& request, const Settings& settings,
                         const TimeContext& context) {
  const WeekSpan span = requested_weeks(request, settings, context);
  WeeksReport report;
  report.weeks.reserve(static_cast<std::size_t>(span.weeks));
  report.streak = each_week(store, span, settings, context, [&report](PeriodStats&& week) {
    report.weeks.push_back(std::move(week));
  });
  return report;
}

}  // namespace qlfit
