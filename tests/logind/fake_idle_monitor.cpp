// A stand-in for GNOME's org.gnome.Mutter.IdleMonitor on a private session bus (Mutter
// cannot run in CI): what qlfit asks of it, over real D-Bus, as Mutter answers it.
// /org/gnome/Mutter/IdleMonitor/Core: GetIdletime() -> t ms, AddIdleWatch(t ms) -> u,
// AddUserActiveWatch() -> u (one-shot), RemoveWatch(u), and WatchFired(u) sent to the
// watch's owner alone. The test drives it through org.qlfit.FakeIdleMonitor on
// /org/qlfit/FakeIdleMonitor: Idle(t ms) (the user has not touched anything for that
// long: idle watches at or under it fire) and Active() (the user-active watches fire).
// Each watch added is printed ("idle watch 10000", "active watch") for the test to wait on.
// Usage: fake_idle_monitor   (prints "ready" once it owns its name)
#include "serve.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <systemd/sd-bus.h>

namespace {

struct Watch {
  std::string owner;           // the unique name that added it
  std::uint64_t interval = 0;  // ms; 0: a user-active watch
};

struct State {
  std::map<std::uint32_t, Watch> watches;
  std::uint32_t next = 1;
  std::chrono::steady_clock::time_point last_input = std::chrono::steady_clock::now();
};

constexpr const char* kPath = "/org/gnome/Mutter/IdleMonitor/Core";
constexpr const char* kInterface = "org.gnome.Mutter.IdleMonitor";

State& state(void* userdata) {
  return *static_cast<State*>(userdata);
}

std::uint64_t idle_ms(const State& s) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::steady_clock::now() - s.last_input)
                                        .count());
}

std::uint32_t add(sd_bus_message* message, State& s, std::uint64_t interval) {
  const std::uint32_t id = s.next++;
  s.watches[id] = Watch{sd_bus_message_get_sender(message), interval};
  if (interval == 0)
    std::printf("active watch\n");
  else
    std::printf("idle watch %llu\n", static_cast<unsigned long long>(interval));
  std::fflush(stdout);
  return id;
}

// WatchFired(id), to the watch's owner alone, as Mutter sends it.
void fire(sd_bus* bus, std::uint32_t id, const Watch& watch) {
  sd_bus_message* signal = nullptr;
  if (sd_bus_message_new_signal(bus, &signal, kPath, kInterface, "WatchFired") >= 0 &&
      sd_bus_message_set_destination(signal, watch.owner.c_str()) >= 0 &&
      sd_bus_message_append(signal, "u", id) >= 0) {
    sd_bus_send(bus, signal, nullptr);
  }
  sd_bus_message_unref(signal);
}

int get_idletime(sd_bus_message* message, void* userdata, sd_bus_error*) {
  return sd_bus_reply_method_return(message, "t", idle_ms(state(userdata)));
}

int add_idle_watch(sd_bus_message* message, void* userdata, sd_bus_error* error) {
  std::uint64_t interval = 0;
  const int r = sd_bus_message_read(message, "t", &interval);
  if (r < 0)
    return r;
  if (interval == 0)
    return sd_bus_error_set(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid idle interval");
  return sd_bus_reply_method_return(message, "u", add(message, state(userdata), interval));
}

int add_user_active_watch(sd_bus_message* message, void* userdata, sd_bus_error*) {
  return sd_bus_reply_method_return(message, "u", add(message, state(userdata), 0));
}

int remove_watch(sd_bus_message* message, void* userdata, sd_bus_error*) {
  std::uint32_t id = 0;
  const int r = sd_bus_message_read(message, "u", &id);
  if (r < 0)
    return r;
  state(userdata).watches.erase(id);
  return sd_bus_reply_method_return(message, "");
}

int idle(sd_bus_message* message, void* userdata, sd_bus_error*) {
  State& s = state(userdata);
  std::uint64_t ms = 0;
  const int r = sd_bus_message_read(message, "t", &ms);
  if (r < 0)
    return r;
  s.last_input =
      std::chrono::steady_clock::now() - std::chrono::milliseconds{static_cast<std::int64_t>(ms)};
  for (const auto& [id, watch] : s.watches) {
    if (watch.interval != 0 && watch.interval <= ms)
      fire(sd_bus_message_get_bus(message), id, watch);
  }
  return sd_bus_reply_method_return(message, "");
}

int active(sd_bus_message* message, void* userdata, sd_bus_error*) {
  State& s = state(userdata);
  s.last_input = std::chrono::steady_clock::now();
  for (auto it = s.watches.begin(); it != s.watches.end();) {
    if (it->second.interval == 0) {
      fire(sd_bus_message_get_bus(message), it->first, it->second);
      it = s.watches.erase(it);  // one-shot, as Mutter's are
    } else {
      ++it;
    }
  }
  return sd_bus_reply_method_return(message, "");
}

const sd_bus_vtable kMonitor[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("GetIdletime", "", "t", get_idletime, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("AddIdleWatch", "t", "u", add_idle_watch, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("AddUserActiveWatch", "", "u", add_user_active_watch, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("RemoveWatch", "u", "", remove_watch, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_SIGNAL("WatchFired", "u", 0),
    SD_BUS_VTABLE_END,
};
const sd_bus_vtable kControl[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Idle", "t", "", idle, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD("Active", "", "", active, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_VTABLE_END,
};

}  // namespace

int main() {
  State s;
  sd_bus* bus = nullptr;
  int r = sd_bus_open_user(&bus);
  if (r < 0)
    return stand_in::fail("fake_idle_monitor", "cannot reach the session bus", r);
  if ((r = sd_bus_add_object_vtable(bus, nullptr, kPath, kInterface, kMonitor, &s)) < 0 ||
      (r = sd_bus_add_object_vtable(bus, nullptr, "/org/qlfit/FakeIdleMonitor",
                                    "org.qlfit.FakeIdleMonitor", kControl, &s)) < 0) {
    return stand_in::fail("fake_idle_monitor", "cannot add the objects", r);
  }
  return stand_in::serve(bus, "fake_idle_monitor", "org.gnome.Mutter.IdleMonitor");
}
