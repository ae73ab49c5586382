#pragma once

#include "qlfit/watch.hpp"

#include "idle_monitor.hpp"

#include <memory>

// Follows the user's graphical session through systemd-logind on the system bus and, where
// it is on the session bus, GNOME's idle monitor; either may be missing or come and go.
namespace qlfit::system {

class LogindDeskWatch final : public DeskWatch {
 public:
  LogindDeskWatch();
  ~LogindDeskWatch() override;
  LogindDeskWatch(const LogindDeskWatch&) = delete;
  LogindDeskWatch& operator=(const LogindDeskWatch&) = delete;

  // SIGTERM and SIGINT are blocked from the first wait on, and read as kStop.
  Event wait(date::sys_seconds until, std::chrono::seconds idle_after) override;

 private:
  struct Bus;
  // The desk as both sources last told it.
  Desk merged() const;

  std::unique_ptr<Bus> bus_;
  Desk logind_;  // as logind last told it
  IdleMonitor monitor_;
  int signals_ = -1;  // a signalfd for SIGTERM and SIGINT
};

}  // namespace qlfit::system
