#pragma once

#include "qlfit/watch.hpp"

#include <memory>

// Follows the user's graphical session through systemd-logind on the system bus.
namespace qlfit::system {

class LogindDeskWatch final : public DeskWatch {
 public:
  LogindDeskWatch();
  ~LogindDeskWatch() override;
  LogindDeskWatch(const LogindDeskWatch&) = delete;
  LogindDeskWatch& operator=(const LogindDeskWatch&) = delete;

  // SIGTERM and SIGINT are blocked from the first wait on, and read as kStop.
  Event wait(date::sys_seconds until) override;

 private:
  struct Bus;
  std::unique_ptr<Bus> bus_;
  int signals_ = -1;  // a signalfd for SIGTERM and SIGINT
};

}  // namespace qlfit::system
