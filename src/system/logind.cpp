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

struct BusDeleter {
  void operator()(sd_bus* bus) const { sd_bus_loaded().flush_close_unref(bus); }
};
struct MessageDeleter {
  void operator()(sd_bus_message* message) const { sd_bus_loaded().message_unref(message); }
};
using Bus = std::unique_ptr<sd_bus, BusDeleter>;
using Message = std::unique_ptr<sd_bus_message, MessageDeleter>;

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

// One bus connection whose calls together never outlast a deadline.
class Asker {
 public:
  explicit Asker(std::chrono::milliseconds limit)
      : sd_(system_bus_may_exist() ? sd_bus_library() : nullptr),
        deadline_(std::chrono::steady_clock::now() + limit) {
    sd_bus* opened = nullptr;
    if (sd_ != nullptr && sd_->open_system(&opened) >= 0)
      bus_.reset(opened);
  }

  std::optional<std::string> user_path() {
    if (!start())
      return std::nullopt;
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    sd_bus_message* reply = nullptr;
    const int r = sd_->call_method(bus_.get(), kLogind, "/org/freedesktop/login1",
                                   "org.freedesktop.login1.Manager", "GetUser", &error, &reply, "u",
                                   static_cast<std::uint32_t>(::getuid()));
    sd_->error_free(&error);
    if (r < 0)
      return std::nullopt;
    Message owned(reply);
    const char* path = nullptr;
    if (sd_->message_read(reply, "o", &path) < 0 || path == nullptr)
      return std::nullopt;
    return std::string(path);
  }

  // The object path of the user's Display session; nullopt when it has none.
  std::optional<std::string> display_session(const std::string& user) {
    if (!start())
      return std::nullopt;
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    sd_bus_message* reply = nullptr;
    const int r =
        sd_->get_property(bus_.get(), kLogind, user.c_str(), "org.freedesktop.login1.User",
                          "Display", &error, &reply, "(so)");
    sd_->error_free(&error);
    if (r < 0)
      return std::nullopt;
    Message owned(reply);
    const char* id = nullptr;
    const char* path = nullptr;
    if (sd_->message_read(reply, "(so)", &id, &path) < 0 || path == nullptr ||
        std::string(path) == "/") {
      return std::nullopt;
    }
    return std::string(path);
  }

  // A boolean property of a session; nullopt when it cannot be read in time.
  std::optional<bool> session_flag(const std::string& session, const char* name) {
    if (!start())
      return std::nullopt;
    sd_bus_error error{};  // SD_BUS_ERROR_NULL, without its C compound literal
    int value = 0;
    const int r =
        sd_->get_property_trivial(bus_.get(), kLogind, session.c_str(),
                                  "org.freedesktop.login1.Session", name, &error, 'b', &value);
    sd_->error_free(&error);
    if (r < 0)
      return std::nullopt;
    return value != 0;
  }

 private:
  // Gives the next call what is left of the time; false when nothing is.
  bool start() {
    if (!bus_)
      return false;
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
        deadline_ - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      return false;
    return sd_->set_method_call_timeout(bus_.get(), static_cast<std::uint64_t>(left.count())) >= 0;
  }

  const SdBus* sd_;  // nullptr: no system bus or no libsystemd
  std::chrono::steady_clock::time_point deadline_;
  Bus bus_;
};

}  // namespace

bool LogindPresence::away() {
  Asker asker(limit_);
  const auto user = asker.user_path();
  if (!user)
    return false;
  const auto session = asker.display_session(*user);
  if (!session)
    return false;
  if (asker.session_flag(*session, "LockedHint").value_or(false))
    return true;
  return asker.session_flag(*session, "IdleHint").value_or(false);
}

}  // namespace qlfit::system
