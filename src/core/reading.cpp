#include "reading.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/text.hpp"

#include <charconv>

namespace qlfit {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr seconds kLargestOffset = hours{14};

}  // namespace

std::optional<long> take_number(std::string_view& text) {
  std::size_t length = 0;
  while (length < text.size() && text[length] >= '0' && text[length] <= '9')
    ++length;
  if (length == 0 || length > 9)
    return std::nullopt;
  long value = 0;
  std::from_chars(text.data(), text.data() + length, value);
  text.remove_prefix(length);
  return value;
}

std::optional<int> Reader::digits(std::size_t width) {
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

void Failure::unknown() const {
  throw Error(ErrorCode::kInvalidInput,
              std::string(what) + ": " + quote(text) +
                  " is not a time qlfit understands; try 07:30, yesterday 18:00, 2026-11-24, "
                  "2026-11-24T07:30, mon, 2h ago, 3d ago, 2026-W47 or 2026-11");
}

void Failure::because(const std::string& reason) const {
  throw Error(ErrorCode::kInvalidInput, std::string(what) + ": " + quote(text) + " " + reason);
}

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

std::optional<DateFields> take_date_fields(Reader& in) {
  Reader probe = in;
  const auto year = probe.digits(4);
  const auto month = year && probe.take('-') ? probe.digits(2) : std::nullopt;
  const auto day = month && probe.take('-') ? probe.digits(2) : std::nullopt;
  if (!day)
    return std::nullopt;
  in = probe;
  return DateFields{*year, *month, *day};
}

}  // namespace qlfit
