#include "sd_bus_library.hpp"

#include <dlfcn.h>

namespace qlfit::system {
namespace {

// One symbol into its typed pointer; false when the library lacks it.
template <class Function>
bool find(void* library, const char* name, Function& function) {
  // POSIX makes dlsym's object pointer convertible to a function pointer.
  function = reinterpret_cast<Function>(::dlsym(library, name));
  return function != nullptr;
}

const SdBus* load() {
  // Never closed: the table lives as long as the process.
  void* library = ::dlopen("libsystemd.so.0", RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr)
    return nullptr;
  static SdBus table{};
  const bool found =
      find(library, "sd_bus_open_system", table.open_system) &&
      find(library, "sd_bus_open_user", table.open_user) &&
      find(library, "sd_bus_flush_close_unref", table.flush_close_unref) &&
      find(library, "sd_bus_close_unref", table.close_unref) &&
      find(library, "sd_bus_set_method_call_timeout", table.set_method_call_timeout) &&
      find(library, "sd_bus_call_method", table.call_method) &&
      find(library, "sd_bus_call_method_async", table.call_method_async) &&
      find(library, "sd_bus_get_property", table.get_property) &&
      find(library, "sd_bus_get_property_trivial", table.get_property_trivial) &&
      find(library, "sd_bus_match_signal", table.match_signal) &&
      find(library, "sd_bus_process", table.process) && find(library, "sd_bus_wait", table.wait) &&
      find(library, "sd_bus_get_fd", table.get_fd) &&
      find(library, "sd_bus_get_events", table.get_events) &&
      find(library, "sd_bus_get_timeout", table.get_timeout) &&
      find(library, "sd_bus_message_is_method_error", table.message_is_method_error) &&
      find(library, "sd_bus_message_read", table.message_read) &&
      find(library, "sd_bus_message_unref", table.message_unref) &&
      find(library, "sd_bus_error_free", table.error_free);
  if (!found) {
    ::dlclose(library);
    return nullptr;
  }
  return &table;
}

}  // namespace

const SdBus* sd_bus_library() {
  static const SdBus* const loaded = load();
  return loaded;
}

const SdBus& sd_bus_loaded() {
  return *sd_bus_library();
}

}  // namespace qlfit::system
