#include "qlfit/tracker.hpp"

#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/text.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <span>
#include <string>

namespace qlfit {
namespace {

// The last day a range can name; one day more still prints as a four-digit year.
constexpr date::year_month_day kLastDay{date::year{9999} / 12 / 30};

std::optional<std::chrono::seconds> requested_duration(const LogRequest& request) {
  if (request.for_ && request.minutes) {
    throw Error(ErrorCode::kInvalidInput, "give either --for or --minutes, not both");
  }
  if (request.for_)
    return parse_duration(*request.for_, "--for");
  if (request.minutes) {
    return std::chrono::minutes{parse_whole_number(*request.minutes, "--minutes", 1, 1440)};
  }
  return std::nullopt;
}

std::chrono::seconds duration_for(const Activity& activity,
                                  std::optional<std::chrono::seconds> requested,
                                  const Settings& settings) {
  if (requested)
    return *requested;
  switch (activity.kind) {
    case Kind::kSession:
      return settings.session_duration;
    case Kind::kBreak:
      return settings.break_duration;
    case Kind::kWalk:
      break;
  }
  throw Error(ErrorCode::kInvalidInput,
              "a walk needs its length: add --minutes N or --for "
              "DURATION, e.g. qlfit log " +
                  activity.name + " --minutes 25");
}

// Entries whose habit day may fall in `range`: a late-night entry can count for
// the day before its civil date, so one more civil day is read.
EntryFilter on_habit_days(const DateRange& range, EntryFilter filter = {}) {
  filter.local_dates =
      DateRange{range.first, date::year_month_day{date::sys_days{range.last} + date::days{1}}};
  return filter;
}

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

// What `log` and `stop` say about a new entry: its habit day and that day's week.
Logged logged_entry(Store& store, const Entry& entry, const Moment& moment,
                    const Settings& settings, const TimeContext& context) {
  Logged logged;
  logged.entry = entry;
  logged.day = habit_day(moment.local, settings.day_start);
  // The line shows the week's counts, never its pain trend: the four weeks before it,
  // which only the trend needs, are not read.
  const Period week = week_containing(logged.day, settings.week_start);
  logged.week =
      summarize(store.facts(on_habit_days(week.range)), week, store.pauses(), settings, context);
  const auto this_week = week_containing(context.today(), settings.week_start).range.first;
  logged.weeks_ago =
      static_cast<int>((date::sys_days{this_week} - date::sys_days{week.range.first}).count() / 7);
  logged.pain_advice = entry.pain && *entry.pain >= settings.pain_warn;
  // A wall time that happened twice names its instant only with the offset, however the
  // moment was made (typed, measured by the timer or an away period, or given an offset).
  logged.show_offset = moment.ambiguous ||
                       moment.offset != moment_of(moment.instant, context.zone).offset ||
                       context.zone->at_local(moment.local).kind == LocalTimeInfo::Kind::kRepeated;
  return logged;
}

NewEntry new_entry_at(const Activity& activity, const Moment& moment, std::chrono::seconds duration,
                      const TimeContext& context) {
  NewEntry fresh;
  fresh.activity = activity.name;
  fresh.kind = activity.kind;
  fresh.start = moment.instant;
  fresh.offset = moment.offset;
  fresh.local_date = moment.local_date();
  fresh.duration = duration;
  fresh.created = context.now;
  return fresh;
}

Activity activity_named(Store& store, const std::string& name) {
  if (auto activity = store.find_activity(name))
    return *activity;
  std::string known;
  for (const Activity& activity : store.activities()) {
    if (!activity.archived)
      known += (known.empty() ? "" : ", ") + activity.name;
  }
  throw Error(ErrorCode::kNotFound,
              "unknown activity " + quote(name) + "; the activities are: " + known);
}

Activity open_activity(Store& store, const std::string& name) {
  Activity activity = activity_named(store, name);
  if (activity.archived) {
    throw Error(ErrorCode::kInvalidInput,
                "activity " + quote(name) +
                    " is archived; bring it back with 'qlfit activity add " + name + " --kind " +
                    std::string(to_string(activity.kind)) + "'");
  }
  return activity;
}

Logged log_activity(Store& store, const LogRequest& request, const Settings& settings,
                    const TimeContext& context) {
  const Moment moment = request.at ? parse_at(*request.at, context) : context.now_here();
  const auto requested = requested_duration(request);
  std::optional<int> pain;
  if (request.pain)
    pain = static_cast<int>(parse_whole_number(*request.pain, "--pain", 0, 10));
  std::optional<std::string> note;
  if (request.note)
    note = parse_note(*request.note);
  const Activity activity = open_activity(store, request.activity);

  NewEntry fresh =
      new_entry_at(activity, moment, duration_for(activity, requested, settings), context);
  fresh.pain = pain;
  fresh.note = note;

  return logged_entry(store, store.add(fresh), moment, settings, context);
}

void each_listed(Store& store, const ListRequest& request, const TimeContext& context,
                 const std::function<void(const Entry& entry)>& each) {
  EntryFilter filter;
  if (request.kind)
    filter.kind = parse_kind(*request.kind);
  if (request.activity)
    filter.activity = activity_named(store, *request.activity).name;
  std::optional<std::size_t> limit;
  if (request.limit) {
    limit = static_cast<std::size_t>(parse_whole_number(*request.limit, "--limit", 1, 1'000'000));
  }
  if (!request.since && !request.until) {
    filter.limit = limit;
    store.each_entry(filter, each);
    return;
  }
  const auto since = request.since
                         ? std::optional(first_day(parse_when(*request.since, "--since", context)))
                         : std::nullopt;
  const auto first = since.value_or(date::year{1} / 1 / 1);
  const auto last =
      request.until ? last_day(parse_when(*request.until, "--until", context, since)) : kLastDay;
  const DateRange range = range_of(first, last).range;
  std::deque<Entry> latest;  // with --limit: the most recent so far
  store.each_entry(on_habit_days(range, filter), [&](const Entry& entry) {
    if (!range.contains(habit_day(entry.local_start(), context.day_start)))
      return;
    if (!limit) {
      each(entry);
      return;
    }
    latest.push_back(entry);
    if (latest.size() > *limit)
      latest.pop_front();
  });
  for (const Entry& entry : latest)
    each(entry);
}

void check_one_period(const PeriodRequest& request) {
  const int kinds =
      static_cast<int>(request.week.has_value()) + static_cast<int>(request.weeks.has_value()) +
      static_cast<int>(request.month.has_value()) + static_cast<int>(request.from || request.to);
  if (kinds > 1) {
    throw Error(ErrorCode::kInvalidInput,
                "give one period: --week, --weeks, --month, or --from with --to");
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
  const auto facts = store.facts(on_habit_days(with_trend_weeks(period.range)));
  return summarize(facts, period, store.pauses(), settings, context);
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

Timer start_timer(Store& store, const std::string& activity_name, const TimeContext& context) {
  const Activity activity = open_activity(store, activity_name);
  if (const auto running = store.timer()) {
    throw Error(ErrorCode::kInvalidInput, "a " + running->activity +
                                              " timer is already running; 'qlfit stop' logs it, "
                                              "'qlfit stop --cancel' drops it");
  }
  const Moment now = context.now_here();
  Timer timer{activity.name, activity.kind, now.instant, now.offset};
  store.start_timer(timer);
  return timer;
}

Logged stop_timer(Store& store, const Settings& settings, const TimeContext& context) {
  const auto running = store.timer();
  if (!running) {
    throw Error(ErrorCode::kInvalidInput,
                "no timer is running; start one with 'qlfit start ACTIVITY'");
  }
  const auto elapsed = std::max(context.now - running->start, std::chrono::seconds{1});
  if (elapsed > std::chrono::hours{24}) {
    throw Error(ErrorCode::kInvalidInput,
                "the " + running->activity +
                    " timer has run for more than 24h, longer than an "
                    "entry can be; log it with 'qlfit log " +
                    running->activity + " --at WHEN --for DURATION', then 'qlfit stop --cancel'");
  }
  const Moment moment = moment_with_offset(running->start, running->offset);
  const Activity activity{running->activity, running->kind, ""};
  NewEntry measured = new_entry_at(activity, moment, elapsed, context);
  measured.source = Source::kTimer;
  const Entry entry = store.finish_timer(measured);
  return logged_entry(store, entry, moment, settings, context);
}

Timer cancel_timer(Store& store) {
  if (auto running = store.cancel_timer())
    return *running;
  throw Error(ErrorCode::kInvalidInput, "no timer is running; nothing to cancel");
}

Activity add_activity(Store& store, const std::string& name, const std::string& kind,
                      const std::optional<std::string>& description) {
  check_activity_name(name);
  Activity activity{name, parse_kind(kind),
                    description ? parse_note(*description, "--description") : "", false, false};
  if (const auto existing = store.find_activity(name);
      existing && !(existing->archived && existing->kind == activity.kind)) {
    throw Error(ErrorCode::kInvalidInput, "there is already an activity " + quote(name) + " (" +
                                              std::string(to_string(existing->kind)) +
                                              "); see 'qlfit activity list'");
  }
  store.add_activity(activity);
  return activity;
}

Activity remove_activity(Store& store, const std::string& name, bool archive) {
  const auto activity = store.find_activity(name);
  if (!activity) {
    throw Error(ErrorCode::kNotFound, "no activity " + quote(name) + "; see 'qlfit activity list'");
  }
  if (activity->builtin) {
    throw Error(ErrorCode::kInvalidInput,
                quote(name) + " is built in and stays; it is fine never to use it");
  }
  const auto entries = store.entry_count(name);
  if (entries > 0 && !archive) {
    throw Error(ErrorCode::kInvalidInput, quote(name) + " has " + std::to_string(entries) +
                                              " entries; 'qlfit activity rm " + name +
                                              " --archive' hides it and keeps them");
  }
  store.remove_activity(name, archive);
  return *activity;
}

Pause add_pause(Store& store, const std::string& from, const std::string& to,
                const std::optional<std::string>& note, const TimeContext& context) {
  const auto first = first_day(parse_when(from, "--from", context));
  const Period days = range_of(first, last_day(parse_when(to, "--to", context, first)));
  std::optional<std::string> checked;
  if (note)
    checked = parse_note(*note);
  // Overlapping pauses are refused rather than merged: each keeps its own note, and
  // `pause rm` removes exactly the days that were added.
  for (const Pause& pause : store.pauses()) {
    if (pause.days.first <= days.range.last && days.range.first <= pause.days.last) {
      throw Error(ErrorCode::kInvalidInput,
                  iso_date(days.range.first) + ".." + iso_date(days.range.last) +
                      " overlaps pause #" + std::to_string(pause.n) + " (" +
                      iso_date(pause.days.first) + ".." + iso_date(pause.days.last) +
                      "); give days outside it, or remove it with 'qlfit pause rm " +
                      std::to_string(pause.n) + "' and add the whole span");
    }
  }
  return store.add_pause(days.range, checked);
}

Pause remove_pause(Store& store, const std::string& number) {
  constexpr std::size_t kMostDigits = 18;
  if (number.empty() || number.size() > kMostDigits ||
      number.find_first_not_of("0123456789") != std::string::npos) {
    throw Error(ErrorCode::kInvalidInput,
                "a pause is named by its number from 'qlfit pause list', got " + quote(number));
  }
  const auto n = parse_whole_number(number, "the pause number", 0, INT64_MAX);
  if (auto removed = store.remove_pause(n))
    return *removed;
  throw Error(ErrorCode::kNotFound, "no pause #" + std::to_string(n) + "; see 'qlfit pause list'");
}

}  // namespace qlfit
