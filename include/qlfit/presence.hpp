#pragma once

namespace qlfit {

// The port to the login manager (implemented by src/system with systemd-logind): is the
// user at the desk?
class Presence {
 public:
  virtual ~Presence() = default;
  // True when the user's graphical session is locked or idle. False when it is not, and
  // when that cannot be learnt quickly (no bus, no login manager, no answer in time).
  virtual bool away() = 0;
};

}  // namespace qlfit
