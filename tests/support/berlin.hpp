#pragma once

#include "qlfit/entry.hpp"
#include "qlfit/when.hpp"

#include "test_zones.hpp"

#include <chrono>

// The core's tests of what happens at an instant in Berlin (reminders, status).
namespace qlfit::testing {

inline const Zone* berlin() {
  return zone_named("Europe/Berlin");
}

// Now is `instant` (ISO 8601 with its offset), in Berlin.
inline TimeContext berlin_at(const char* instant) {
  TimeContext context;
  context.zone = berlin();
  context.now = parse_instant(instant, "now");
  return context;
}

// An entry's facts: `kind` from `start` (ISO 8601), `duration` long, with Berlin's offset.
inline Fact berlin_fact(Kind kind, const char* start, std::chrono::minutes duration) {
  Fact fact;
  fact.kind = kind;
  fact.start = parse_instant(start, "start");
  fact.offset = moment_of(fact.start, berlin()).offset;
  fact.duration = duration;
  return fact;
}

}  // namespace qlfit::testing
