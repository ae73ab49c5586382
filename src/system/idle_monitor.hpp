#pragma once

#include "sd_bus_library.hpp"

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <poll.h>

// GNOME's org.gnome.Mutter.IdleMonitor on the session bus: the idle time, for desktops that
// never set logind's IdleHint. An idle watch at the idle threshold says the user left (at
// now - the idle time); a user-active watch (one-shot, as Mutter's are) says they are back.
namespace qlfit::system {

class IdleMonitor {
 public:
  IdleMonitor() = default;
  ~IdleMonitor();
  IdleMonitor(const IdleMonitor&) = delete;
  IdleMonitor& operator=(const IdleMonitor&) = delete;

  // Connects to the session bus (DBUS_SESSION_BUS_ADDRESS) when not connected, and arms
  // the watches at `idle_after` when the monitor is there (again when `idle_after`
  // changed, or the monitor came back). False when there is no session bus.
  bool open(std::chrono::milliseconds idle_after);
  bool connected() const { return bus_ != nullptr; }
  // Handles what has come; false when the bus went away (it is closed then, and the idle
  // state kept until a new connection says otherwise).
  bool process();
  // True once after the idle state changed.
  bool take_changed();
  bool idle() const { return idle_; }
  date::sys_seconds idle_since() const { return idle_since_; }
  sd_bus* bus() const { return bus_; }

 private:
  void close();
  void arm();
  void went_idle();
  static int on_fired(sd_bus_message* message, void* self, sd_bus_error* error);
  static int on_owner(sd_bus_message* message, void* self, sd_bus_error* error);

  const SdBus* sd_ = nullptr;  // libsystemd, loaded by the first open()
  sd_bus* bus_ = nullptr;
  std::chrono::milliseconds idle_after_{0};
  bool rearm_ = false;  // the monitor's owner changed
  std::uint32_t idle_watch_ = 0;
  std::uint32_t active_watch_ = 0;
  bool idle_fired_ = false;
  bool active_fired_ = false;
  bool idle_ = false;
  date::sys_seconds idle_since_{};
  bool changed_ = false;
};

// The pollfd and timeout to wait on `bus` with: its fd and events, and `timeout` cut to
// sd-bus's own deadline (a pending call) when that comes sooner.
pollfd poll_on(sd_bus* bus, std::chrono::milliseconds& timeout);

}  // namespace qlfit::system
