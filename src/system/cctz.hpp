#pragma once

// CCTZ as Debian's libabsl-dev ships it: Abseil's copy of Google's CCTZ (the same API,
// with support for slim zone files), in Abseil's namespace. Only src/system includes it.
#include <absl/time/internal/cctz/include/cctz/civil_time.h>
#include <absl/time/internal/cctz/include/cctz/time_zone.h>

namespace cctz = absl::time_internal::cctz;
