#include "test_zones.hpp"

#include "system/zones.hpp"

#include <string>

namespace qlfit::testing {

const Zone* zone_named(std::string_view name) {
  static system::ZoneFiles zones;
  return &zones.find(std::string(name), std::nullopt);
}

}  // namespace qlfit::testing
