#include "qlfit/when.hpp"

#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

#include "reading.hpp"

#include <optional>
#include <string>

namespace qlfit {
namespace {

using date::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr seconds kFutureSlack = minutes{5};

// How words name days: the day "today" is (a habit day for ranges, the calendar day
// for --at), and for the end of a range the day weekdays count on from.
struct Reading {
  date::year_month_day today;
  std::optional<date::year_month_day> weekdays_from;
  std::chrono::minutes day_start{0};  // for ranges: days are habit days, which start here

  // The wall time `clock` on `day`: on a habit day, a time before its start is on the
  // next calendar day (at day.start 03:00, Tuesday's 01:00 is Wednesday 01:00).
  date::local_seconds at(date::year_month_day day, seconds clock) const {
    const date::local_seconds wall = date::local_days{day} + clock;
    return clock < day_start ? wall + days{1} : wall;
  }
};

When moment_when(const Moment& moment, const TimeContext& context) {
  When when;
  when.kind = When::Kind::kMoment;
  when.moment = moment;
  when.day = habit_day(moment.local, context.day_start);
  return when;
}

When day_when(date::year_month_day day) {
  When when;
  when.kind = When::Kind::kDay;
  when.day = day;
  return when;
}

When period_when(Period period) {
  When when;
  when.kind = When::Kind::kPeriod;
  when.period = std::move(period);
  when.day = when.period.range.first;
  return when;
}

// The wall time `local` in the zone; a time skipped by a DST jump moves forward
// by the jump (only for times the user did not type, such as "3d ago").
Moment lenient_moment(date::local_seconds local, const Zone* zone) {
  const LocalTimeInfo info = zone->at_local(local);
  if (info.kind == LocalTimeInfo::Kind::kSkipped)
    return moment_of(to_instant(local, info.first), zone);
  Moment moment = moment_with_offset(to_instant(local, info.first), info.first);
  moment.ambiguous = info.kind == LocalTimeInfo::Kind::kRepeated;
  return moment;
}

date::local_seconds at_clock(date::year_month_day day, seconds clock) {
  return date::local_days{day} + clock;
}

std::optional<When> parse_relative(Reader in, const Failure& fail, const TimeContext& context) {
  const auto number = in.number();
  if (!number)
    return std::nullopt;
  const char unit = in.rest().empty() ? '\0' : in.rest().front();
  if (unit != 'm' && unit != 'h' && unit != 'd')
    return std::nullopt;
  in.take(unit);
  if (!in.take(" ago") || !in.done())
    return std::nullopt;
  constexpr long kDaysBack = 36'525;  // a hundred years
  const long limit = unit == 'm' ? kDaysBack * 1440 : unit == 'h' ? kDaysBack * 24 : kDaysBack;
  if (*number > limit)
    fail.because("is too far back: at most a hundred years");
  if (unit == 'd') {
    const auto local = context.now_here().local - days{*number};
    return moment_when(lenient_moment(local, context.zone), context);
  }
  const seconds back = unit == 'm' ? seconds{minutes{*number}} : seconds{hours{*number}};
  return moment_when(moment_of(context.now - back, context.zone), context);
}

std::optional<When> parse_words(Reader in, std::string_view text, const Failure& fail,
                                const TimeContext& context, const Reading& reading) {
  const auto today = reading.today;
  std::optional<date::year_month_day> day;
  bool weekday = false;
  if (in.take("today")) {
    day = today;
  } else if (in.take("yesterday")) {
    day = date::year_month_day{date::sys_days{today} - days{1}};
  } else {
    for (unsigned i = 0; i < kWeekdayWords.size() && !day; ++i) {
      if (in.take(kWeekdayFullWords[i]) || in.take(kWeekdayWords[i])) {
        if (reading.weekdays_from) {  // the first such day on or after the range's start
          const date::sys_days from{*reading.weekdays_from};
          day = date::year_month_day{from + (date::weekday{i} - date::weekday{from})};
        } else {  // the most recent such day, today included
          const date::sys_days now_day{today};
          day = date::year_month_day{now_day - (date::weekday{now_day} - date::weekday{i})};
          weekday = true;
        }
      }
    }
  }
  if (!day)
    return std::nullopt;
  if (in.done())
    return day_when(*day);
  if (!in.take(' '))
    return std::nullopt;
  const auto clock = take_clock(in, fail);
  if (!clock || !in.done())
    return std::nullopt;
  Moment moment = moment_at(reading.at(*day, *clock), context.zone, text);
  if (weekday && moment.instant > context.now) {
    moment = moment_at(reading.at(*day, *clock) - days{7}, context.zone, text);
  }
  return moment_when(moment, context);
}

std::optional<When> parse_iso(Reader in, std::string_view text, const Failure& fail,
                              const TimeContext& context) {
  const auto year = in.digits(4);
  if (!year || !in.take('-'))
    return std::nullopt;
  check_year(*year, fail);
  if (in.take('W') || in.take('w')) {
    const auto week = in.digits(2);
    if (!week || !in.done())
      return std::nullopt;
    return period_when(iso_week(*year, static_cast<unsigned>(*week), context.week_start, text));
  }
  const auto month = in.digits(2);
  if (!month)
    return std::nullopt;
  if (in.done()) {
    if (*month < 1 || *month > 12)
      fail.because("is not a month: months go from 01 to 12");
    return period_when(month_of(date::year{*year} / date::month{static_cast<unsigned>(*month)}));
  }
  if (!in.take('-'))
    return std::nullopt;
  const auto dd = in.digits(2);
  if (!dd)
    return std::nullopt;
  const auto day = checked_date(*year, *month, *dd, fail);
  if (in.done())
    return day_when(day);
  if (!in.take('T') && !in.take('t') && !in.take(' '))
    return std::nullopt;
  const auto clock = take_clock(in, fail);
  if (!clock)
    return std::nullopt;
  const auto offset = take_offset(in, fail);
  if (!in.done())
    return std::nullopt;
  const auto local = at_clock(day, *clock);
  if (offset) {
    return moment_when(moment_with_offset(to_instant(local, *offset), *offset), context);
  }
  return moment_when(moment_at(local, context.zone, text), context);
}

// The WHEN grammar, with words read as `reading` says.
When parse(std::string_view text, std::string_view what, const TimeContext& context,
           const Reading& reading) {
  const Failure fail{what, text};
  if (text.empty() || text.size() > 64)
    fail.unknown();
  const std::string lowered = ascii_lower(text);
  const Reader in{lowered};
  if (auto when = parse_iso(in, text, fail, context))
    return *when;
  if (auto when = parse_words(in, text, fail, context, reading))
    return *when;
  if (auto when = parse_relative(in, fail, context))
    return *when;
  Reader clock_only = in;
  if (const auto clock = take_clock(clock_only, fail); clock && clock_only.done()) {
    return moment_when(moment_at(reading.at(reading.today, *clock), context.zone, text), context);
  }
  fail.unknown();
}

}  // namespace

date::year_month_day TimeContext::today() const {
  return habit_day(now_here().local, day_start);
}

When parse_when(std::string_view text, std::string_view what, const TimeContext& context,
                std::optional<date::year_month_day> range_start) {
  return parse(text, what, context, Reading{context.today(), range_start, context.day_start});
}

Moment parse_at(std::string_view text, const TimeContext& context) {
  const Failure fail{"--at", text};
  const auto calendar_today = context.now_here().local_date();
  const When when = parse(text, "--at", context, Reading{calendar_today, std::nullopt});
  Moment moment;
  switch (when.kind) {
    case When::Kind::kPeriod:
      fail.because("is a whole " +
                   std::string(when.period.kind == PeriodKind::kWeek ? "week" : "month") +
                   "; --at needs a moment or a day, such as 07:30 or 2026-11-24");
    case When::Kind::kDay:
      moment = moment_at(at_clock(when.day, hours{12}), context.zone, text);
      if (when.day == calendar_today && moment.instant > context.now)
        moment = context.now_here();
      break;
    case When::Kind::kMoment:
      moment = when.moment;
      break;
  }
  if (moment.instant > context.now + kFutureSlack) {
    fail.because("is in the future (now is " +
                 iso_datetime(context.now, context.now_here().offset) + "); log what has happened");
  }
  return moment;
}

date::year_month_day first_day(const When& when) {
  return when.kind == When::Kind::kPeriod ? when.period.range.first : when.day;
}

date::year_month_day last_day(const When& when) {
  return when.kind == When::Kind::kPeriod ? when.period.range.last : when.day;
}

Period week_of(const When& when, WeekStart start) {
  if (when.kind == When::Kind::kPeriod && when.period.kind == PeriodKind::kWeek)
    return when.period;
  return week_containing(first_day(when), start);
}

}  // namespace qlfit
