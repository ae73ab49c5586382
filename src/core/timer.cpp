#include "qlfit/timer.hpp"

#include "qlfit/activities.hpp"
#include "qlfit/error.hpp"

#include <algorithm>

namespace qlfit {

Timer start_timer(Store& store, const std::string& activity_name, const TimeContext& context) {
  const Activity activity = open_activity(store, activity_name);
  const Moment now = context.now_here();
  Timer timer{activity.name, activity.kind, now.instant, now.offset};
  if (!store.start_timer(timer)) {
    const auto running = store.timer();
    throw Error(ErrorCode::kInvalidInput, "a " + (running ? running->activity : timer.activity) +
                                              " timer is already running; 'qlfit stop' logs it, "
                                              "'qlfit stop --cancel' drops it");
  }
  return timer;
}

namespace {

[[noreturn]] void none_running() {
  throw Error(ErrorCode::kInvalidInput,
              "no timer is running; start one with 'qlfit start ACTIVITY'");
}

}  // namespace

Logged stop_timer(Store& store, const Settings& settings, const TimeContext& context) {
  const auto running = store.timer();
  if (!running)
    none_running();
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
  const auto entry = store.finish_timer(measured);
  if (!entry)
    none_running();  // another qlfit stopped it meanwhile
  return logged_entry(store, *entry, moment, settings, context);
}

Timer cancel_timer(Store& store) {
  if (auto running = store.cancel_timer())
    return *running;
  throw Error(ErrorCode::kInvalidInput, "no timer is running; nothing to cancel");
}

}  // namespace qlfit
