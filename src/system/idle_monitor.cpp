#include "idle_monitor.hpp"

#include <algorithm>
#include <string_view>

namespace qlfit::system {
namespace {

constexpr const char* kName = "org.gnome.Mutter.IdleMonitor";
constexpr const char* kPath = "/org/gnome/Mutter/IdleMonitor/Core";
constexpr const char* kInterface = "org.gnome.Mutter.IdleMonitor";
constexpr std::uint64_t kCallLimitUsec = 250'000;

date::sys_seconds clock_now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// A reply's one number, the reply freed; false when the call failed.
template <class Value>
bool answered(int r, sd_bus_message* reply, const char* type, Value& value) {
  const SdBus& sd = sd_bus_loaded();
  const bool read = r >= 0 && sd.message_read(reply, type, &value) >= 0;
  sd.message_unref(reply);
  return read;
}

// The user's idle time in milliseconds; false when the monitor does not answer.
bool idle_time(sd_bus* bus, std::uint64_t& idle_ms) {
  sd_bus_message* reply = nullptr;
  const int r = sd_bus_loaded().call_method(bus, kName, kPath, kInterface, "GetIdletime", nullptr,
                                            &reply, "");
  return answered(r, reply, "t", idle_ms);
}

}  // namespace

IdleMonitor::~IdleMonitor() {
  close();
}

void IdleMonitor::close() {
  if (bus_ != nullptr)
    sd_->flush_close_unref(bus_);
  bus_ = nullptr;
  idle_watch_ = 0;
  active_watch_ = 0;
}

bool IdleMonitor::open(std::chrono::milliseconds idle_after) {
  if (bus_ == nullptr) {
    sd_ = sd_bus_library();
    if (sd_ == nullptr || sd_->open_user(&bus_) < 0) {
      bus_ = nullptr;
      return false;
    }
    sd_->set_method_call_timeout(bus_, kCallLimitUsec);
    // Mutter sends WatchFired to the watch's owner alone; the monitor coming or going
    // (a shell restart) loses every watch.
    if (sd_->match_signal(bus_, nullptr, nullptr, kPath, kInterface, "WatchFired",
                          &IdleMonitor::on_fired, this) < 0 ||
        sd_->match_signal(bus_, nullptr, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameOwnerChanged", &IdleMonitor::on_owner,
                          this) < 0) {
      close();
      return false;
    }
    rearm_ = true;
  }
  if (idle_after != idle_after_ || rearm_) {
    idle_after_ = idle_after;
    rearm_ = false;
    arm();
  }
  return true;
}

void IdleMonitor::arm() {
  if (idle_watch_ != 0) {
    sd_->call_method(bus_, kName, kPath, kInterface, "RemoveWatch", nullptr, nullptr, "u",
                     idle_watch_);
  }
  idle_watch_ = 0;
  active_watch_ = 0;
  sd_bus_message* reply = nullptr;
  const int r = sd_->call_method(bus_, kName, kPath, kInterface, "AddIdleWatch", nullptr, &reply,
                                 "t", static_cast<std::uint64_t>(idle_after_.count()));
  if (!answered(r, reply, "u", idle_watch_))
    return;  // no monitor (yet): its name appearing arms it
  // Idle for long enough already: the watch fires only when the threshold is crossed.
  std::uint64_t idle_ms = 0;
  if (idle_time(bus_, idle_ms) && idle_ms >= static_cast<std::uint64_t>(idle_after_.count())) {
    went_idle();
  } else if (idle_) {
    idle_ = false;  // back while the monitor was out of reach
    changed_ = true;
  }
}

void IdleMonitor::went_idle() {
  std::uint64_t idle_ms = 0;
  sd_bus_message* reply = nullptr;
  const int r =
      sd_->call_method(bus_, kName, kPath, kInterface, "AddUserActiveWatch", nullptr, &reply, "");
  if (!answered(r, reply, "u", active_watch_) || !idle_time(bus_, idle_ms))
    return;
  if (!idle_) {
    idle_since_ = clock_now() - std::chrono::duration_cast<std::chrono::seconds>(
                                    std::chrono::milliseconds{static_cast<std::int64_t>(idle_ms)});
    changed_ = true;
  }
  idle_ = true;
}

int IdleMonitor::on_fired(sd_bus_message* message, void* self, sd_bus_error*) {
  auto& monitor = *static_cast<IdleMonitor*>(self);
  std::uint32_t id = 0;
  if (monitor.sd_->message_read(message, "u", &id) < 0 || id == 0)
    return 0;
  if (id == monitor.idle_watch_)
    monitor.idle_fired_ = true;
  if (id == monitor.active_watch_)
    monitor.active_fired_ = true;
  return 0;
}

int IdleMonitor::on_owner(sd_bus_message* message, void* self, sd_bus_error*) {
  auto& monitor = *static_cast<IdleMonitor*>(self);
  const char* name = nullptr;
  if (monitor.sd_->message_read(message, "s", &name) >= 0 && name != nullptr &&
      std::string_view(name) == kName) {
    monitor.rearm_ = true;
  }
  return 0;
}

bool IdleMonitor::process() {
  int r = 0;
  while ((r = sd_->process(bus_, nullptr)) > 0) {
  }
  if (r < 0) {
    close();
    return false;
  }
  // Calls are made here, not in the handlers: what they bring is handled on the next turn.
  if (rearm_) {
    rearm_ = false;
    arm();
  }
  if (active_fired_) {
    active_fired_ = false;
    active_watch_ = 0;  // Mutter removes a user-active watch once it fired
    if (idle_) {
      idle_ = false;
      changed_ = true;
    }
  }
  if (idle_fired_) {
    idle_fired_ = false;
    if (!idle_)
      went_idle();
  }
  return true;
}

bool IdleMonitor::take_changed() {
  const bool changed = changed_;
  changed_ = false;
  return changed;
}

pollfd poll_on(sd_bus* bus, std::chrono::milliseconds& timeout) {
  const SdBus& sd = sd_bus_loaded();
  pollfd watched{sd.get_fd(bus), static_cast<short>(sd.get_events(bus)), 0};
  std::uint64_t usec = 0;
  if (sd.get_timeout(bus, &usec) > 0 && usec != UINT64_MAX) {
    const auto mono = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now().time_since_epoch())
                          .count();
    const auto left = static_cast<std::int64_t>(usec) - mono;
    timeout = std::min<std::chrono::milliseconds>(
        timeout, std::chrono::milliseconds{left > 0 ? left / 1000 + 1 : 0});
  }
  return watched;
}

}  // namespace qlfit::system
