#include "logind_watch.hpp"

#include "sd_bus_library.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <poll.h>
#include <signal.h>
#include <string>
#include <sys/signalfd.h>
#include <unistd.h>

namespace qlfit::system {
namespace {

constexpr const char* kLogind = "org.freedesktop.login1";
constexpr std::uint64_t kCallLimitUsec = 250'000;
constexpr std::chrono::seconds kReconnectEvery{1};

date::sys_seconds clock_now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace

// One connection to the system bus, following one session; closed when the bus goes.
struct LogindDeskWatch::Bus {
  const SdBus* sd = sd_bus_library();  // nullptr: no libsystemd, so no bus
  sd_bus* bus = nullptr;
  std::string session;   // its object path
  bool changed = false;  // a signal came since the desk was last read
  bool asleep = false;

  ~Bus() {
    if (bus != nullptr)
      sd->flush_close_unref(bus);
  }

  static int on_properties(sd_bus_message*, void* self, sd_bus_error*) {
    static_cast<Bus*>(self)->changed = true;
    return 0;
  }
  static int on_sleep(sd_bus_message* message, void* self, sd_bus_error*) {
    auto& watched = *static_cast<Bus*>(self);
    int going = 0;
    if (watched.sd->message_read(message, "b", &going) >= 0) {
      watched.asleep = going != 0;
      watched.changed = true;
    }
    return 0;
  }

  // Connects and subscribes; false when there is no bus, logind or display session.
  bool open() {
    if (sd == nullptr || sd->open_system(&bus) < 0)
      return false;
    sd->set_method_call_timeout(bus, kCallLimitUsec);
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    sd_bus_message* reply = nullptr;
    const char* user = nullptr;
    int r =
        sd->call_method(bus, kLogind, "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                        "GetUser", &error, &reply, "u", static_cast<std::uint32_t>(::getuid()));
    sd->error_free(&error);
    std::string user_path;
    if (r >= 0 && sd->message_read(reply, "o", &user) >= 0 && user != nullptr)
      user_path = user;
    sd->message_unref(reply);
    if (user_path.empty())
      return false;
    reply = nullptr;
    r = sd->get_property(bus, kLogind, user_path.c_str(), "org.freedesktop.login1.User", "Display",
                         &error, &reply, "(so)");
    sd->error_free(&error);
    const char* id = nullptr;
    const char* path = nullptr;
    if (r >= 0 && sd->message_read(reply, "(so)", &id, &path) >= 0 && path != nullptr)
      session = path;
    sd->message_unref(reply);
    if (session.empty() || session == "/")
      return false;
    return sd->match_signal(bus, nullptr, kLogind, session.c_str(),
                            "org.freedesktop.DBus.Properties", "PropertiesChanged",
                            &Bus::on_properties, this) >= 0 &&
           sd->match_signal(bus, nullptr, kLogind, "/org/freedesktop/login1",
                            "org.freedesktop.login1.Manager", "PrepareForSleep", &Bus::on_sleep,
                            this) >= 0;
  }

  template <class Value>
  bool read(const char* name, char type, Value& value) {
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    const int r =
        sd->get_property_trivial(bus, kLogind, session.c_str(), "org.freedesktop.login1.Session",
                                 name, &error, type, &value);
    sd->error_free(&error);
    return r >= 0;
  }

  // The session's hints now; false when they cannot be read.
  bool desk(Desk& desk) {
    int locked = 0;
    int idle = 0;
    std::uint64_t since = 0;  // CLOCK_REALTIME microseconds
    if (!read("LockedHint", 'b', locked) || !read("IdleHint", 'b', idle))
      return false;
    read("IdleSinceHint", 't', since);
    desk.locked = locked != 0;
    desk.idle = idle != 0;
    desk.idle_since = date::sys_seconds{std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::microseconds{static_cast<std::int64_t>(since)})};
    desk.asleep = asleep;
    return true;
  }
};

LogindDeskWatch::LogindDeskWatch() = default;

LogindDeskWatch::~LogindDeskWatch() {
  if (signals_ >= 0)
    ::close(signals_);
}

Desk LogindDeskWatch::merged() const {
  Desk desk = logind_;
  if (monitor_.idle()) {
    const bool earlier = !desk.idle || desk.idle_since.time_since_epoch().count() <= 0 ||
                         monitor_.idle_since() < desk.idle_since;
    desk.idle = true;
    if (earlier)
      desk.idle_since = monitor_.idle_since();
  }
  return desk;
}

DeskWatch::Event LogindDeskWatch::wait(date::sys_seconds until, std::chrono::seconds idle_after) {
  if (signals_ < 0) {
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    ::sigprocmask(SIG_BLOCK, &stop, nullptr);
    signals_ = ::signalfd(-1, &stop, SFD_CLOEXEC);
  }
  for (;;) {
    bool changed = false;
    if (!bus_) {
      auto fresh = std::make_unique<Bus>();
      if (fresh->open() && fresh->desk(logind_)) {
        bus_ = std::move(fresh);
        changed = true;
      }
    }
    if (bus_) {
      // Everything that has come, then the desk as it is, when a signal said it changed.
      int r = 0;
      while ((r = bus_->sd->process(bus_->bus, nullptr)) > 0) {
      }
      if (r < 0) {
        bus_.reset();  // the bus went away: reconnect on a later turn
      } else if (bus_->changed) {
        bus_->changed = false;
        if (bus_->desk(logind_))
          changed = true;
        else
          bus_.reset();
      }
    }
    if (monitor_.open(idle_after) && monitor_.process())
      changed = monitor_.take_changed() || changed;
    if (changed)
      return {Event::Kind::kChanged, merged(), clock_now()};
    const auto now = clock_now();
    if (now >= until)
      return {Event::Kind::kTimeout, merged(), now};
    auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(until - now);
    if (!bus_ || !monitor_.connected())
      timeout = std::min<std::chrono::milliseconds>(timeout, kReconnectEvery);
    std::array<pollfd, 3> watched{pollfd{signals_, POLLIN, 0}, pollfd{-1, 0, 0}, pollfd{-1, 0, 0}};
    if (bus_)
      watched[1] = poll_on(bus_->bus, timeout);
    if (monitor_.connected())
      watched[2] = poll_on(monitor_.bus(), timeout);
    ::poll(watched.data(), watched.size(), static_cast<int>(timeout.count()));
    if ((watched[0].revents & POLLIN) != 0) {
      signalfd_siginfo info{};
      [[maybe_unused]] const auto ignored = ::read(signals_, &info, sizeof info);
      return {Event::Kind::kStop, merged(), clock_now()};
    }
  }
}

}  // namespace qlfit::system
