#include "qlfit/away.hpp"

#include "qlfit/activities.hpp"
#include "qlfit/error.hpp"

#include <algorithm>

namespace qlfit {
namespace {

// The builtin activity natural breaks are logged as.
constexpr const char* kBreakActivity = "break";
// A natural break lasts at most this long.
constexpr std::chrono::hours kLongestBreak{24};

}  // namespace

bool begin_away_at(Store& store, const Moment& at) {
  // While one is open another begin changes nothing: it need not open the file to write
  // (a read-only database answers it too).
  if (store.away())
    return false;
  return store.begin_away(AwayPeriod{at.instant, at.offset});
}

std::optional<Logged> end_away_at(Store& store, const Moment& at, const Settings& settings,
                                  const TimeContext& context) {
  const auto away = store.away();
  if (!away)
    return std::nullopt;  // nothing to close: the activities need not even be read
  const Activity activity = activity_named(store, kBreakActivity);
  // Only a break cut at 24h ends before the user came back: then sitting counts from the
  // return. Otherwise the break's end says it, and undoing or editing the break counts.
  const auto back =
      at.instant - away->start > kLongestBreak ? std::optional(at.instant) : std::nullopt;
  const auto ended = store.end_away(back, [&](const AwayPeriod& open) -> std::optional<NewEntry> {
    if (at.instant < open.start) {
      throw Error(ErrorCode::kInvalidInput, "--at " + iso_datetime(at.instant, at.offset) +
                                                " is before the away period began (" +
                                                iso_datetime(open.start, open.offset) +
                                                "); give a later time");
    }
    const auto length = std::min<std::chrono::seconds>(at.instant - open.start, kLongestBreak);
    if (length < settings.break_natural)
      return std::nullopt;
    NewEntry fresh =
        new_entry_at(activity, moment_with_offset(open.start, open.offset), length, context);
    fresh.source = Source::kAway;
    return fresh;
  });
  if (!ended || !ended->entry)
    return std::nullopt;
  return logged_entry(store, *ended->entry,
                      moment_with_offset(ended->period.start, ended->period.offset), settings,
                      context);
}

std::optional<Logged> end_away_now(Store& store, date::sys_seconds now, const Settings& settings,
                                   TimeContext context) {
  if (const auto open = store.away())
    now = std::max(now, open->start);
  context.now = std::max(context.now, now);
  return end_away_at(store, moment_of(now, context.zone), settings, context);
}

bool begin_away(Store& store, const std::optional<std::string>& at, const TimeContext& context) {
  return begin_away_at(store, at ? parse_at(*at, context) : context.now_here());
}

std::optional<Logged> end_away(Store& store, const std::optional<std::string>& at,
                               const Settings& settings, const TimeContext& context) {
  if (!at)
    return end_away_now(store, context.now, settings, context);
  return end_away_at(store, parse_at(*at, context), settings, context);
}

}  // namespace qlfit
