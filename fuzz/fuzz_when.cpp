// libFuzzer target for the WHEN grammar: no crash, only qlfit::Error on refusal,
// values in range, and format -> parse gives the same value back.
#include "qlfit/error.hpp"
#include "qlfit/when.hpp"

#include "test_zones.hpp"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

constexpr std::array<const char*, 6> kZones{"Europe/Berlin",       "America/New_York",
                                            "Australia/Lord_Howe", "Asia/Kathmandu",
                                            "Pacific/Apia",        "America/Havana"};

void require(bool condition) {
  if (!condition)
    std::abort();
}

qlfit::TimeContext context_for(std::uint8_t selector) {
  qlfit::TimeContext context;
  context.zone = qlfit::testing::zone_named(kZones[selector % kZones.size()]);
  context.now = qlfit::parse_instant("2026-11-24T07:30:00+01:00", "now");
  context.week_start =
      (selector & 0x80U) != 0 ? qlfit::WeekStart::kSunday : qlfit::WeekStart::kMonday;
  if ((selector & 0x40U) != 0)
    context.day_start = std::chrono::hours{3};
  return context;
}

void check_round_trip(const qlfit::When& when, const qlfit::TimeContext& context) {
  using Kind = qlfit::When::Kind;
  require(when.day.ok());
  switch (when.kind) {
    case Kind::kMoment: {
      const auto& moment = when.moment;
      require(moment.offset >= -std::chrono::hours{14} && moment.offset <= std::chrono::hours{14});
      const std::string text = qlfit::iso_datetime(moment.instant, moment.offset);
      const auto again = qlfit::parse_when(text, "fuzz", context);
      require(again.kind == Kind::kMoment);
      require(again.moment.instant == moment.instant && again.moment.offset == moment.offset);
      break;
    }
    case Kind::kDay: {
      const auto again = qlfit::parse_when(qlfit::iso_date(when.day), "fuzz", context);
      require(again.kind == Kind::kDay && again.day == when.day);
      break;
    }
    case Kind::kPeriod: {
      const auto& range = when.period.range;
      require(range.first.ok() && range.last.ok() && range.first <= range.last);
      if (when.period.kind == qlfit::PeriodKind::kWeek) {
        require(range.days() == 7);
        const auto monday = qlfit::iso_week_label(
            context.week_start == qlfit::WeekStart::kMonday ? range.first : range.last);
        const auto again = qlfit::parse_when(monday, "fuzz", context);
        require(again.period.range.first == range.first);
      } else {
        const auto again = qlfit::parse_when(when.period.label, "fuzz", context);
        require(again.period.range.first == range.first && again.period.range.last == range.last);
      }
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0)
    return 0;
  const auto context = context_for(data[0]);
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const auto when = qlfit::parse_when(text, "fuzz", context);
    check_round_trip(when, context);
  } catch (const qlfit::Error&) {
  }
  try {
    qlfit::parse_when(text, "fuzz", context, context.today());  // a range's end
  } catch (const qlfit::Error&) {
  }
  try {
    qlfit::parse_at(text, context);
  } catch (const qlfit::Error&) {
  }
  return 0;
}
