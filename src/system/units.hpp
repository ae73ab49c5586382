#pragma once

#include "qlfit/unit.hpp"

// The user's systemd: unit files and `systemctl --user`.
namespace qlfit::system {

class SystemUserUnits final : public UserUnits {
 public:
  std::optional<std::string> read(const std::string& path) override;
  void write(const std::string& path, const std::string& text) override;
  bool remove(const std::string& path) override;
  void systemctl(const std::vector<std::string>& args) override;
};

}  // namespace qlfit::system
