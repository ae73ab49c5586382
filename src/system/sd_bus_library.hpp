#pragma once

#include <systemd/sd-bus.h>

// libsystemd, loaded when a bus is first needed (dlopen), not at every start: only
// `remind` (waiting for the desk), `watch` and their logind and idle-monitor code use it.
// The sd-bus headers give the types, so each pointer has the function's own signature.
namespace qlfit::system {

struct SdBus {
  decltype(&sd_bus_open_system) open_system;
  decltype(&sd_bus_open_user) open_user;
  decltype(&sd_bus_flush_close_unref) flush_close_unref;
  decltype(&sd_bus_close_unref) close_unref;
  decltype(&sd_bus_set_method_call_timeout) set_method_call_timeout;
  decltype(&sd_bus_call_method) call_method;
  decltype(&sd_bus_call_method_async) call_method_async;
  decltype(&sd_bus_get_property) get_property;
  decltype(&sd_bus_get_property_trivial) get_property_trivial;
  decltype(&sd_bus_match_signal) match_signal;
  decltype(&sd_bus_process) process;
  decltype(&sd_bus_wait) wait;
  decltype(&sd_bus_get_fd) get_fd;
  decltype(&sd_bus_get_events) get_events;
  decltype(&sd_bus_get_timeout) get_timeout;
  decltype(&sd_bus_message_is_method_error) message_is_method_error;
  decltype(&sd_bus_message_read) message_read;
  decltype(&sd_bus_message_unref) message_unref;
  decltype(&sd_bus_error_free) error_free;
};

// The functions of libsystemd.so.0, loaded on the first call; nullptr when it (or one of
// them) cannot be loaded, which the callers treat as no bus.
const SdBus* sd_bus_library();

// The loaded table, for code that holds an open bus (so the library is there).
const SdBus& sd_bus_loaded();

}  // namespace qlfit::system
