#pragma once

#include "qlfit/presence.hpp"

#include <chrono>

// systemd-logind on the system bus (DBUS_SYSTEM_BUS_ADDRESS honoured), through sd-bus.
namespace qlfit::system {

// Asks logind whether the user's graphical session is locked or idle: GetUser(uid) -> the
// user's Display session -> that session's LockedHint and IdleHint, asked together. Never
// spends more than `limit` in all; no bus, no logind, no display session, or no answer in
// time: present (false).
class LogindPresence final : public Presence {
 public:
  explicit LogindPresence(std::chrono::milliseconds limit = std::chrono::milliseconds{250})
      : limit_(limit) {}
  bool away() override;

 private:
  std::chrono::milliseconds limit_;
};

}  // namespace qlfit::system
