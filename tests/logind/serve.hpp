#pragma once
// What the bus stand-ins (fake_logind, fake_idle_monitor) share: saying why they stop, and
// answering on their bus until it goes away.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <systemd/sd-bus.h>

namespace stand_in {

inline int fail(const char* who, const char* what, int r) {
  std::fprintf(stderr, "%s: %s: %s\n", who, what, std::strerror(-r));
  return 1;
}

// Owns `name`, prints "ready" and serves until the bus goes away; the exit status.
inline int serve(sd_bus* bus, const char* who, const char* name) {
  int r = sd_bus_request_name(bus, name, 0);
  if (r < 0)
    return fail(who, "cannot own the name", r);
  std::printf("ready\n");
  std::fflush(stdout);
  for (;;) {
    r = sd_bus_process(bus, nullptr);
    if (r < 0)
      return fail(who, "bus", r);
    if (r > 0)
      continue;
    if ((r = sd_bus_wait(bus, UINT64_MAX)) < 0)
      return fail(who, "bus", r);
  }
}

}  // namespace stand_in
