// Instants that name their offset, as QLFIT_NOW and exported entries write them, and
// the years a clock may be at.
#include "qlfit/text.hpp"
#include "qlfit/when.hpp"

#include "reading.hpp"

#include <cstdint>
#include <string>

namespace qlfit {

using std::chrono::seconds;

Moment parse_offset_time(std::string_view text, std::string_view what) {
  const Failure fail{what, text};
  const auto bad = [&fail]() -> void {
    fail.because(
        "is not an ISO 8601 time with an offset, such as 2026-11-24T07:30:00+01:00 or "
        "2026-11-24T06:30:00Z");
  };
  Reader in{text};
  const auto fields = take_date_fields(in);
  if (!fields || !in.take('T'))
    bad();
  const auto day = checked_date(fields->year, fields->month, fields->day, fail);
  const auto clock = take_clock(in, fail);
  const auto offset = clock ? take_offset(in, fail) : std::nullopt;
  if (!offset || !in.done())
    bad();
  const date::local_seconds local = date::local_days{day} + clock.value_or(seconds{0});
  return moment_with_offset(to_instant(local, offset.value_or(seconds{0})),
                            offset.value_or(seconds{0}));
}

date::sys_seconds parse_instant(std::string_view text, std::string_view what) {
  return parse_offset_time(text, what).instant;
}

bool storable_start(std::int64_t start, std::int64_t offset) {
  constexpr std::int64_t kMostOffset = std::int64_t{14} * 3600;
  const auto second_of = [](date::sys_days day) {
    return std::chrono::duration_cast<seconds>(day.time_since_epoch()).count();
  };
  const std::int64_t first = second_of(date::year{kFirstYear} / 1 / 1);
  const std::int64_t last = second_of(date::year{kLastYear} / 12 / 31) + 86399;
  // Each bounded before they are added: the sum cannot overflow.
  return offset >= -kMostOffset && offset <= kMostOffset && start >= first - kMostOffset &&
         start <= last + kMostOffset && start + offset >= first && start + offset <= last;
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

}  // namespace qlfit
