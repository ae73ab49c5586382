#include "logind.hpp"

#include "sd_bus_library.hpp"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace qlfit::system {
namespace {

constexpr const char* kLogind = "org.freedesktop.login1";

// Closed without flushing: every call is either answered or given up, and a flush would
// first wait for sd-bus's Hello to be answered, past the deadline of a stuck dbus-daemon.
struct BusDeleter {
  void operator()(sd_bus* bus) const { sd_bus_loaded().close_unref(bus); }
};
using Bus = std::unique_ptr<sd_bus, BusDeleter>;

// Whether a system bus can be there at all, asked before loading libsystemd for it: the
// address sd-bus would use, when it is a plain `unix:path=` one, must name something that
// exists. Machines without a system bus (containers, servers) are spared the library.
bool system_bus_may_exist() {
  const char* given = std::getenv("DBUS_SYSTEM_BUS_ADDRESS");
  const std::string_view address =
      given != nullptr ? given : "unix:path=/run/dbus/system_bus_socket";  // sd-bus's default
  constexpr std::string_view kUnixPath = "unix:path=";
  if (!address.starts_with(kUnixPath) || address.find_first_of("%,;") != std::string_view::npos)
    return true;  // another transport, options or escapes: sd-bus reads it
  struct stat info {};
  return ::stat(std::string(address.substr(kUnixPath.size())).c_str(), &info) == 0;
}

// One question asked of logind, filled in by its reply (no value on an error).
template <class Value>
struct Answer {
  bool came = false;
  std::optional<Value> value;
};

// Manager.GetUser: the user's object path.
int on_user(sd_bus_message* reply, void* answer, sd_bus_error* /*unused*/) {
  auto& user = *static_cast<Answer<std::string>*>(answer);
  user.came = true;
  const SdBus& sd = sd_bus_loaded();
  const char* path = nullptr;
  if (sd.message_is_method_error(reply, nullptr) == 0 && sd.message_read(reply, "o", &path) >= 0 &&
      path != nullptr) {
    user.value = path;
  }
  return 0;
}

// User.Display: the session's object path, none when the user has no display ("/").
int on_display(sd_bus_message* reply, void* answer, sd_bus_error* /*unused*/) {
  auto& display = *static_cast<Answer<std::string>*>(answer);
  display.came = true;
  const SdBus& sd = sd_bus_loaded();
  const char* id = nullptr;
  const char* path = nullptr;
  if (sd.message_is_method_error(reply, nullptr) == 0 &&
      sd.message_read(reply, "v", "(so)", &id, &path) >= 0 && path != nullptr &&
      std::string_view(path) != "/") {
    display.value = path;
  }
  return 0;
}

// A boolean property of the session (LockedHint, IdleHint).
int on_flag(sd_bus_message* reply, void* answer, sd_bus_error* /*unused*/) {
  auto& flag = *static_cast<Answer<bool>*>(answer);
  flag.came = true;
  const SdBus& sd = sd_bus_loaded();
  int value = 0;
  if (sd.message_is_method_error(reply, nullptr) == 0 &&
      sd.message_read(reply, "v", "b", &value) >= 0) {
    flag.value = value != 0;
  }
  return 0;
}

// One bus connection that asks logind with as few round trips as it can, and never past
// a deadline. Each wait through dbus-daemon to logind and back costs about as much as the
// rest of `remind`, so no call waits for more than it needs: GetUser goes with sd-bus's
// Hello, and the two hints go together.
class Asker {
 public:
  explicit Asker(std::chrono::milliseconds limit)
      : deadline_(std::chrono::steady_clock::now() + limit),
        sd_(system_bus_may_exist() ? sd_bus_library() : nullptr) {
    sd_bus* opened = nullptr;
    if (sd_ != nullptr && sd_->open_system(&opened) >= 0)
      bus_.reset(opened);
  }

  bool away() {
    constexpr const char* kManager = "org.freedesktop.login1.Manager";
    const bool asked =
        timed() && sd_->call_method_async(bus_.get(), nullptr, kLogind, "/org/freedesktop/login1",
                                          kManager, "GetUser", on_user, &user_, "u",
                                          static_cast<std::uint32_t>(::getuid())) >= 0;
    if (!asked || !run_until([this] { return user_.came; }) || !user_.value)
      return false;
    if (!ask(*user_.value, "org.freedesktop.login1.User", "Display", on_display, &display_) ||
        !run_until([this] { return display_.came; }) || !display_.value) {
      return false;
    }
    const std::string& session = *display_.value;
    constexpr const char* kSession = "org.freedesktop.login1.Session";
    if (!ask(session, kSession, "LockedHint", on_flag, &locked_) ||
        !ask(session, kSession, "IdleHint", on_flag, &idle_)) {
      return false;
    }
    // Away as soon as either hint says so (the other is not waited for); otherwise both are
    // awaited until the deadline, and an answer missing is not away.
    const auto away = [this] {
      return locked_.value.value_or(false) || idle_.value.value_or(false);
    };
    run_until([&] { return away() || (locked_.came && idle_.came); });
    return away();
  }

 private:
  // Sends Properties.Get without waiting for its reply, which `run_until` hands to
  // `handler`.
  bool ask(const std::string& path, const char* interface, const char* property,
           sd_bus_message_handler_t handler, void* answer) {
    return timed() && sd_->call_method_async(bus_.get(), nullptr, kLogind, path.c_str(),
                                             "org.freedesktop.DBus.Properties", "Get", handler,
                                             answer, "ss", interface, property) >= 0;
  }

  // Gives the next call what is left of the time; false when nothing is. (sd-bus counts a
  // call's timeout from when it is sent, so a call queued behind authentication could
  // outlive it: `run_until` keeps the deadline itself.)
  bool timed() {
    const std::uint64_t left = usec_left();
    return left > 0 && sd_->set_method_call_timeout(bus_.get(), left) >= 0;
  }

  // Reads and writes the bus until `done`; false when the deadline or the bus's end comes
  // first.
  template <class Done>
  bool run_until(Done done) {
    while (!done()) {
      const std::uint64_t left = usec_left();
      if (left == 0)
        return false;
      const int r = sd_->process(bus_.get(), nullptr);
      if (r < 0)
        return false;
      if (r == 0 && sd_->wait(bus_.get(), left) < 0)
        return false;
    }
    return true;
  }

  // Microseconds to the deadline; 0 when it has come or there is no bus to ask.
  std::uint64_t usec_left() const {
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
        deadline_ - std::chrono::steady_clock::now());
    return bus_ && left.count() > 0 ? static_cast<std::uint64_t>(left.count()) : 0;
  }

  std::chrono::steady_clock::time_point deadline_;  // loading libsystemd counts too
  const SdBus* sd_;                                 // nullptr: no system bus or no libsystemd
  // The replies' handlers write here; declared before the bus, so they outlive it.
  Answer<std::string> user_;
  Answer<std::string> display_;
  Answer<bool> locked_;
  Answer<bool> idle_;
  Bus bus_;
};

}  // namespace

bool LogindPresence::away() {
  return Asker(limit_).away();
}

}  // namespace qlfit::system
