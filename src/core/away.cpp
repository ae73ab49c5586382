#include "qlfit/away.hpp"

#include "qlfit/activities.hpp"
#include "qlfit/error.hpp"

#include <algorithm>

namespace qlfit {
namespace {

// The builtin activity natural breaks are logged as.
constexpr const char* kBreakActivity = "break";

Moment moment_given(const std::optional<std::string>& at, const TimeContext& context) {
  if (!at)
    return context.now_here();
  const Moment moment = parse_at(*at, context);
  if (moment.instant > context.now) {
    throw Error(ErrorCode::kInvalidInput,
                "--at " + iso_datetime(moment.instant, moment.offset) +
                    " is in the future (now is " +
                    iso_datetime(context.now, context.now_here().offset) +
                    "); away periods are told when they happen, or after");
  }
  return moment;
}

}  // namespace

bool begin_away_at(Store& store, const Moment& at) {
  return store.begin_away(AwayPeriod{at.instant, at.offset});
}

std::optional<Logged> end_away_at(Store& store, const Moment& at, const Settings& settings,
                                  const TimeContext& context) {
  const auto open = store.away();
  if (!open)
    return std::nullopt;
  if (at.instant < open->start) {
    throw Error(ErrorCode::kInvalidInput, "--at " + iso_datetime(at.instant, at.offset) +
                                              " is before the away period began (" +
                                              iso_datetime(open->start, open->offset) +
                                              "); give a later time");
  }
  const auto closed = store.end_away();
  if (!closed)
    return std::nullopt;  // another qlfit closed it meanwhile
  const auto length =
      std::min<std::chrono::seconds>(at.instant - closed->start, std::chrono::hours{24});
  if (length < settings.break_natural)
    return std::nullopt;
  const Moment began = moment_with_offset(closed->start, closed->offset);
  NewEntry fresh = new_entry_at(activity_named(store, kBreakActivity), began, length, context);
  fresh.source = Source::kAway;
  return logged_entry(store, store.add(fresh), began, settings, context);
}

bool begin_away(Store& store, const std::optional<std::string>& at, const TimeContext& context) {
  return begin_away_at(store, moment_given(at, context));
}

std::optional<Logged> end_away(Store& store, const std::optional<std::string>& at,
                               const Settings& settings, const TimeContext& context) {
  return end_away_at(store, moment_given(at, context), settings, context);
}

}  // namespace qlfit
