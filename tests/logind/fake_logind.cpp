// A stand-in for systemd-logind on a private bus (logind itself cannot run in CI): what
// qlfit asks of it, over real D-Bus. Manager.GetUser(uid) for this user only, whose object
// is where logind puts it, /org/freedesktop/login1/user/_UID (or at --user-path: qlfit
// must take the path GetUser gives, not make it); the user's Display session, the
// session's LockedHint, IdleHint and IdleSinceHint (PropertiesChanged when they change)
// and the manager's PrepareForSleep signal. The test drives it through org.qlfit.FakeLogind
// on /org/qlfit/FakeLogind: SetHints(locked, idle, idle_since_usec) and
// Sleep(going_to_sleep).
// Usage: fake_logind [--locked] [--idle] [--no-display] [--silent-session] [--silent-idle]
//                    [--uid UID] [--user-path PATH]
//   --no-display: the user has no display session (Display is ("", "/"), as with logind);
//   --silent-session: calls on the session are never answered (a logind stuck after
//   answering Display); --silent-idle: only IdleHint is never answered; --uid: serve that
//   user instead of this one; --user-path: put the user's object there.
// It prints "ready" once it owns its name.
#include "serve.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <systemd/sd-bus.h>
#include <unistd.h>

namespace {

struct State {
  std::uint32_t uid = 0;
  std::string user_path;
  std::string session_path = "/org/freedesktop/login1/session/c1";
  int locked = 0;
  int idle = 0;
  std::uint64_t idle_since = 0;  // CLOCK_REALTIME microseconds
  bool display = true;
  bool silent_session = false;
  bool silent_idle = false;
};

State* state(void* userdata) {
  return static_cast<State*>(userdata);
}

int get_user(sd_bus_message* message, void* userdata, sd_bus_error* error) {
  std::uint32_t uid = 0;
  const int r = sd_bus_message_read(message, "u", &uid);
  if (r < 0)
    return r;
  if (uid != state(userdata)->uid) {
    return sd_bus_error_setf(error, "org.freedesktop.login1.NoSuchUser", "User %u not known",
                             static_cast<unsigned>(uid));
  }
  return sd_bus_reply_method_return(message, "o", state(userdata)->user_path.c_str());
}

int display(sd_bus*, const char*, const char*, const char*, sd_bus_message* reply, void* userdata,
            sd_bus_error*) {
  if (!state(userdata)->display)
    return sd_bus_message_append(reply, "(so)", "", "/");
  return sd_bus_message_append(reply, "(so)", "c1", state(userdata)->session_path.c_str());
}

// Runs before the session's properties: with --silent-session, takes every call to the
// session and never replies; with --silent-idle, only those asking for IdleHint.
int session_calls(sd_bus_message* message, void* userdata, sd_bus_error*) {
  if (state(userdata)->silent_session)
    return 1;
  if (!state(userdata)->silent_idle || !sd_bus_message_is_method_call(message, nullptr, "Get"))
    return 0;
  const char* interface = nullptr;
  const char* property = nullptr;
  const bool idle = sd_bus_message_read(message, "ss", &interface, &property) >= 0 &&
                    std::strcmp(property, "IdleHint") == 0;
  sd_bus_message_rewind(message, 1);  // the vtable reads the arguments again
  return idle ? 1 : 0;
}

int hint(sd_bus*, const char*, const char*, const char* property, sd_bus_message* reply,
         void* userdata, sd_bus_error*) {
  if (std::strcmp(property, "IdleSinceHint") == 0)
    return sd_bus_message_append(reply, "t", state(userdata)->idle_since);
  const bool locked = std::strcmp(property, "LockedHint") == 0;
  return sd_bus_message_append(reply, "b",
                               locked ? state(userdata)->locked : state(userdata)->idle);
}

int set_hints(sd_bus_message* message, void* userdata, sd_bus_error*) {
  State& s = *state(userdata);
  const int r = sd_bus_message_read(message, "bbt", &s.locked, &s.idle, &s.idle_since);
  if (r < 0)
    return r;
  sd_bus_emit_properties_changed(sd_bus_message_get_bus(message), s.session_path.c_str(),
                                 "org.freedesktop.login1.Session", "LockedHint", "IdleHint",
                                 "IdleSinceHint", nullptr);
  return sd_bus_reply_method_return(message, "");
}

int sleep_signal(sd_bus_message* message, void*, sd_bus_error*) {
  int going = 0;
  const int r = sd_bus_message_read(message, "b", &going);
  if (r < 0)
    return r;
  sd_bus_emit_signal(sd_bus_message_get_bus(message), "/org/freedesktop/login1",
                     "org.freedesktop.login1.Manager", "PrepareForSleep", "b", going);
  return sd_bus_reply_method_return(message, "");
}

const sd_bus_vtable kManager[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("GetUser", "u", "o", get_user, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_SIGNAL("PrepareForSleep", "b", 0),
    SD_BUS_VTABLE_END,
};
const sd_bus_vtable kUser[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("Display", "(so)", display, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_VTABLE_END,
};
const sd_bus_vtable kSession[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("LockedHint", "b", hint, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("IdleHint", "b", hint, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("IdleSinceHint", "t", hint, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_VTABLE_END,
};
const sd_bus_vtable kControl[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("SetHints", "bbt", "", set_hints, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Sleep", "b", "", sleep_signal, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_VTABLE_END,
};

}  // namespace

int main(int argc, char** argv) {
  State s;
  s.uid = static_cast<std::uint32_t>(::getuid());
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--locked") == 0)
      s.locked = 1;
    if (std::strcmp(argv[i], "--idle") == 0)
      s.idle = 1;
    if (std::strcmp(argv[i], "--no-display") == 0)
      s.display = false;
    if (std::strcmp(argv[i], "--silent-session") == 0)
      s.silent_session = true;
    if (std::strcmp(argv[i], "--silent-idle") == 0)
      s.silent_idle = true;
    if (std::strcmp(argv[i], "--uid") == 0 && i + 1 < argc)
      s.uid = static_cast<std::uint32_t>(std::stoul(argv[++i]));
    if (std::strcmp(argv[i], "--user-path") == 0 && i + 1 < argc)
      s.user_path = argv[++i];
  }
  if (s.user_path.empty())
    s.user_path = "/org/freedesktop/login1/user/_" + std::to_string(s.uid);
  sd_bus* bus = nullptr;
  int r = sd_bus_open_system(&bus);
  if (r < 0)
    return stand_in::fail("fake_logind", "cannot reach the bus", r);
  if ((r = sd_bus_add_object_vtable(bus, nullptr, "/org/freedesktop/login1",
                                    "org.freedesktop.login1.Manager", kManager, &s)) < 0 ||
      (r = sd_bus_add_object_vtable(bus, nullptr, s.user_path.c_str(),
                                    "org.freedesktop.login1.User", kUser, &s)) < 0 ||
      (r = sd_bus_add_object(bus, nullptr, s.session_path.c_str(), session_calls, &s)) < 0 ||
      (r = sd_bus_add_object_vtable(bus, nullptr, s.session_path.c_str(),
                                    "org.freedesktop.login1.Session", kSession, &s)) < 0 ||
      (r = sd_bus_add_object_vtable(bus, nullptr, "/org/qlfit/FakeLogind", "org.qlfit.FakeLogind",
                                    kControl, &s)) < 0) {
    return stand_in::fail("fake_logind", "cannot add the objects", r);
  }
  return stand_in::serve(bus, "fake_logind", "org.freedesktop.login1");
}
