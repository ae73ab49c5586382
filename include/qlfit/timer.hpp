#pragma once

#include "qlfit/entries.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include <string>

namespace qlfit {

// The use cases of the `start` / `stop` timer (at most one runs).

// Starts a timer for the activity now. Unknown activity: Error(kNotFound); a timer
// already running: Error(kInvalidInput).
Timer start_timer(Store& store, const std::string& activity, const TimeContext& context);

// Stops the running timer and logs its activity with the time measured (at least
// 1 s). None running, or one past 24h: Error(kInvalidInput), nothing changed.
Logged stop_timer(Store& store, const Settings& settings, const TimeContext& context);

// Drops the running timer without logging and returns it. None: Error(kInvalidInput).
Timer cancel_timer(Store& store);

}  // namespace qlfit
