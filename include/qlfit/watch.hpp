#pragma once

#include "qlfit/away.hpp"
#include "qlfit/remind.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include <date/date.h>

#include <functional>

namespace qlfit {

// What the login manager says of the user's graphical session.
struct Desk {
  bool locked = false;             // LockedHint
  bool idle = false;               // IdleHint
  date::sys_seconds idle_since{};  // IdleSinceHint: when the idle time began
  bool asleep = false;             // between PrepareForSleep(true) and (false)
  bool away() const { return locked || idle || asleep; }
};

// The away period a change of the desk begins or ends. Leaving begins at the moment it
// happened: an idle session at `idle_since` (when that is not ahead of now), otherwise now.
struct DeskChange {
  enum class Kind { kNone, kLeft, kBack };
  Kind kind = Kind::kNone;
  date::sys_seconds at{};
};
DeskChange desk_change(const Desk& before, const Desk& after, date::sys_seconds now);

// The port to the session being followed (implemented by src/system with logind and
// GNOME's idle monitor).
class DeskWatch {
 public:
  struct Event {
    enum class Kind { kChanged, kTimeout, kStop };
    Kind kind = Kind::kTimeout;
    Desk desk;                // the desk as it is now
    date::sys_seconds now{};  // the clock when the event came
  };
  virtual ~DeskWatch() = default;
  // Waits until the desk changes (kChanged), `until` passes (kTimeout), or SIGTERM/SIGINT
  // asks to stop (kStop). A bus that goes away is reconnected meanwhile. Where only the
  // time without input is known (GNOME's idle monitor), `idle_after` of it is idle.
  virtual Event wait(date::sys_seconds until, std::chrono::seconds idle_after) = 0;
};

// `qlfit watch`: follows the desk until asked to stop, opening and closing away periods
// through the use cases of `away` (a logged break goes to `logged`), and ending an open
// period when it stops. With `due`, each reminder is handed to it once, when it falls due
// (the rules of `remind`; re-armed once it is no longer due).
void watch_desk(Store& store, DeskWatch& desk, TimeContext context,
                const std::function<void(const Logged&)>& logged,
                const std::function<void(const Reminder&)>& due);

}  // namespace qlfit
