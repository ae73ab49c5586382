#pragma once

#include "qlfit/entries.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include <optional>
#include <string>

namespace qlfit {

// Time away from the desk (a locked screen, an idle session, a suspend) is a break when it
// lasts at least `break.natural`: the use cases behind `away begin|end` and `watch`.

// Opens an away period at `at`; false (nothing changed) when one is open already.
bool begin_away_at(Store& store, const Moment& at);
// Closes the open away period at `at`. When it lasted at least `break.natural`, a `break`
// entry with source `away` is logged for it (start = the begin, length at most 24h) and
// returned as `log` confirms it; a shorter one, or none open, returns std::nullopt. An
// `at` before the period began: Error(kInvalidInput), nothing changed.
std::optional<Logged> end_away_at(Store& store, const Moment& at, const Settings& settings,
                                  const TimeContext& context);

// Closes the open away period now, as `watch` and `away end` without --at do: a period
// another program opened later than `now` (up to 5 minutes ahead, by its own clock) ends
// where it began, too short to be a break, and is never an error.
std::optional<Logged> end_away_now(Store& store, date::sys_seconds now, const Settings& settings,
                                   TimeContext context);

// The same for the words of `away begin|end [--at WHEN]`: WHEN as `log --at` takes it (at
// most 5 minutes in the future, else Error(kInvalidInput) and nothing changed). WHEN is
// checked before the database is: a bad one is an error even when no period is open.
bool begin_away(Store& store, const std::optional<std::string>& at, const TimeContext& context);
std::optional<Logged> end_away(Store& store, const std::optional<std::string>& at,
                               const Settings& settings, const TimeContext& context);

}  // namespace qlfit
