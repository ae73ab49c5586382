#pragma once

#include "qlfit/entries.hpp"

#include <optional>
#include <string>

namespace qlfit::testing {

// What `qlfit log ACTIVITY [--at AT]` asks.
inline LogRequest log_request(std::string activity, std::optional<std::string> at = {}) {
  LogRequest request;
  request.activity = std::move(activity);
  request.at = std::move(at);
  return request;
}

}  // namespace qlfit::testing
