#include "qlfit/when.hpp"

#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <string>

namespace qlfit {
namespace {

using date::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr seconds kFutureSlack = minutes{5};
constexpr seconds kLargestOffset = hours{14};
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 9999;
constexpr std::array<std::string_view, 7> kWeekdays{"sun", "mon", "tue", "wed",
                                                    "thu", "fri", "sat"};
constexpr std::array<std::string_view, 7> kWeekdayNames{
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

// A cursor over the text being parsed; every take_* consumes only on success.
class Reader {
 public:
  explicit Reader(std::string_view text) : rest_(text) {}
  bool done() const { return rest_.empty(); }
  std::string_view rest() const { return rest_; }
  bool take(char c) {
    if (rest_.empty() || rest_.front() != c)
      return false;
    rest_.remove_prefix(1);
    return true;
  }
  bool take(std::string_view word) {
    if (rest_.substr(0, word.size()) != word)
      return false;
    rest_.remove_prefix(word.size());
    return true;
  }
  // Exactly `width` digits.
  std::optional<int> digits(std::size_t width) {
    if (rest_.size() < width)
      return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < width; ++i) {
      if (rest_[i] < '0' || rest_[i] > '9')
        return std::nullopt;
      value = value * 10 + (rest_[i] - '0');
    }
    rest_.remove_prefix(width);
    return value;
  }
  // One to nine digits.
  std::optional<long> number() {
    std::size_t length = 0;
    while (length < rest_.size() && rest_[length] >= '0' && rest_[length] <= '9')
      ++length;
    if (length == 0 || length > 9)
      return std::nullopt;
    long value = 0;
    std::from_chars(rest_.data(), rest_.data() + length, value);
    rest_.remove_prefix(length);
    return value;
  }

 private:
  std::string_view rest_;
};

struct Failure {
  std::string_view what;
  std::string_view text;

  [[noreturn]] void unknown() const {
    throw Error(ErrorCode::kInvalidInput,
                std::string(what) + ": " + quote(text) +
                    " is not a time qlfit understands; try 07:30, yesterday 18:00, 2026-11-24, "
                    "2026-11-24T07:30, mon, 2h ago, 3d ago, 2026-W47 or 2026-11");
  }
  [[noreturn]] void because(const std::string& reason) const {
    throw Error(ErrorCode::kInvalidInput, std::string(what) + ": " + quote(text) + " " + reason);
  }
};

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

// HH:MM or HH:MM:SS; nullopt when the text is not of that shape.
std::optional<seconds> take_clock(Reader& in, const Failure& fail) {
  Reader probe = in;
  // "07:30" or "7:30".
  auto hh = probe.digits(2);
  if (!hh) {
    probe = in;
    hh = probe.digits(1);
  }
  if (!hh || !probe.take(':'))
    return std::nullopt;
  const auto mm = probe.digits(2);
  if (!mm)
    return std::nullopt;
  int ss = 0;
  if (probe.take(':')) {
    const auto s = probe.digits(2);
    if (!s)
      return std::nullopt;
    ss = *s;
  }
  if (*hh > 23 || *mm > 59 || ss > 59) {
    fail.because("is not a time of day: hours go from 00 to 23, minutes and seconds from 00 to 59");
  }
  in = probe;
  return hours{*hh} + minutes{*mm} + seconds{ss};
}

// Z, +HH:MM, +HHMM or +HH; within +-14:00.
std::optional<seconds> take_offset(Reader& in, const Failure& fail) {
  if (in.take('Z') || in.take('z'))
    return seconds{0};
  int sign = 0;
  if (in.take('+')) {
    sign = 1;
  } else if (in.take('-')) {
    sign = -1;
  } else {
    return std::nullopt;
  }
  const auto hh = in.digits(2);
  if (!hh)
    fail.unknown();
  int mm = 0;
  int ss = 0;
  const bool colon = in.take(':');
  if (const auto m = in.digits(2)) {
    mm = *m;
    if (colon && in.take(':')) {
      const auto s = in.digits(2);
      if (!s)
        fail.unknown();
      ss = *s;
    }
  } else if (colon) {
    fail.unknown();
  }
  const seconds offset = hours{*hh} + minutes{mm} + seconds{ss};
  if (mm > 59 || ss > 59 || offset > kLargestOffset) {
    fail.because("has a UTC offset beyond what exists: offsets go from -14:00 to +14:00");
  }
  return sign * offset;
}

void check_year(int y, const Failure& fail) {
  if (y < kFirstYear) {
    fail.because("is before " + std::to_string(kFirstYear) + ": years go from " +
                 std::to_string(kFirstYear) + " to 9999");
  }
}

date::year_month_day checked_date(int y, int m, int d, const Failure& fail) {
  check_year(y, fail);
  const date::year_month_day day{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (m < 1 || m > 12)
    fail.because("is not a date: months go from 01 to 12");
  if (!day.ok()) {
    const date::year_month_day_last last{date::year{y}, date::month_day_last{day.month()}};
    fail.because("is not a date: " + iso_date(day).substr(0, 7) + " has " +
                 std::to_string(static_cast<unsigned>(last.day())) + " days");
  }
  return day;
}

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
    for (unsigned i = 0; i < kWeekdays.size() && !day; ++i) {
      if (in.take(kWeekdayNames[i]) || in.take(kWeekdays[i])) {
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

Moment parse_offset_time(std::string_view text, std::string_view what) {
  const Failure fail{what, text};
  const auto bad = [&fail]() -> void {
    fail.because(
        "is not an ISO 8601 time with an offset, such as 2026-11-24T07:30:00+01:00 or "
        "2026-11-24T06:30:00Z");
  };
  Reader in{text};
  const auto year = in.digits(4);
  const auto month = year && in.take('-') ? in.digits(2) : std::nullopt;
  const auto dd = month && in.take('-') ? in.digits(2) : std::nullopt;
  if (!dd || !in.take('T'))
    bad();
  const auto day = checked_date(year.value_or(0), month.value_or(0), dd.value_or(0), fail);
  const auto clock = take_clock(in, fail);
  const auto offset = clock ? take_offset(in, fail) : std::nullopt;
  if (!offset || !in.done())
    bad();
  const auto local = at_clock(day, clock.value_or(seconds{0}));
  return moment_with_offset(to_instant(local, offset.value_or(seconds{0})),
                            offset.value_or(seconds{0}));
}

void check_clock(const Moment& now, std::string_view qlfit_now) {
  const int year = static_cast<int>(now.local_date().year());
  if (year >= kFirstYear && year <= kLastYear)
    return;
  const std::string clock =
      qlfit_now.empty() ? std::string("the clock") : "QLFIT_NOW " + quote(qlfit_now);
  throw Error(ErrorCode::kInvalidInput,
              clock + " is at the local date " + iso_date(now.local_date()) +
                  ", outside the years qlfit keeps (" + std::to_string(kFirstYear) + " to " +
                  std::to_string(kLastYear) + ")");
}

date::sys_seconds parse_instant(std::string_view text, std::string_view what) {
  return parse_offset_time(text, what).instant;
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
