#pragma once

#include "qlfit/zone.hpp"

#include <string_view>

namespace qlfit::testing {

// A zone of the system's zone database ("Europe/Berlin"), read by the system adapter
// as qlfit reads it; the core's tests take real zone rules from it. Kept for the
// whole test run. Throws Error(kInvalidInput) for a name the database lacks.
const Zone* zone_named(std::string_view name);

}  // namespace qlfit::testing
