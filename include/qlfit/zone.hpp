#pragma once

#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>

namespace qlfit {

// What a wall time means in a zone.
struct LocalTimeInfo {
  enum class Kind {
    kUnique,    // the wall clock shows it once
    kSkipped,   // never: the clocks jumped over it (spring forward)
    kRepeated,  // twice: the clocks went back over it (fall back)
  };
  Kind kind = Kind::kUnique;
  // kUnique: the offset in force (both the same). kRepeated: the offset the first
  // time the clock shows it, and the second time. kSkipped: the offsets before and
  // after the jump over it.
  std::chrono::seconds first{0};
  std::chrono::seconds second{0};
  // kSkipped and kRepeated: the instant the clocks changed.
  date::sys_seconds transition{};
};

// One time zone's rules, as the core asks them: the zone port. The system adapter
// implements it from one zone file, footer rule included (docs/decisions/0004).
class Zone {
 public:
  virtual ~Zone() = default;

  // What the user calls it, for messages: "Europe/Berlin", "localtime", a path.
  virtual const std::string& name() const = 0;
  // The UTC offset in force at `instant`.
  virtual std::chrono::seconds offset_at(date::sys_seconds instant) const = 0;
  // What the wall time `local` means there.
  virtual LocalTimeInfo at_local(date::local_seconds local) const = 0;
};

// Finds the zone a run is in: the port the system adapter implements from the
// machine's zone files. The core itself never opens a file.
class ZoneFinder {
 public:
  virtual ~ZoneFinder() = default;

  // The zone `tz` names, given as the TZ variable is ("Europe/Berlin", ":Europe/Berlin",
  // ":/a/zone/file"; unset or empty: the system's zone), with names looked up in
  // `tzdir` (the TZDIR variable; unset or empty: the system's zone folder). The zone
  // lives as long as the finder. Throws Error(kInvalidInput) for a zone it cannot find
  // or read.
  virtual const Zone& find(const std::optional<std::string>& tz,
                           const std::optional<std::string>& tzdir) = 0;
};

}  // namespace qlfit
