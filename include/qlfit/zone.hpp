#pragma once

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qlfit {

// One time zone, read from one TZif file of the system's zone database (RFC 8536),
// answering the same questions as date::time_zone with the same answers.
//
// Why not date::locate_zone: Debian builds date/tz with USE_OS_TZDB, and its first
// lookup of any zone walks all of /usr/share/zoneinfo (about 650 stat calls, ~2 ms),
// more than the rest of a `qlfit stats --week`. A Zone reads only its own file.
// (docs/decisions/0004-one-zone-file.md; the zone tests compare the two on every zone.)
class Zone {
 public:
  // Parses the bytes of a TZif file for the zone `name`. Throws Error(kInvalidInput)
  // when they are not TZif, or carry leap seconds (the "right/" zones).
  static Zone from_tzif(std::string name, std::string_view bytes);

  const std::string& name() const { return name_; }
  // The offset, DST flag and abbreviation in force at `instant`, and the span they hold.
  date::sys_info get_info(date::sys_seconds instant) const;
  // What the wall time `local` means: unique, ambiguous (both offsets) or nonexistent
  // (the offsets before and after the jump; `second.begin` is the jump).
  date::local_info get_info(date::local_seconds local) const;

 private:
  struct Type {
    std::chrono::seconds offset{0};
    bool dst = false;
    std::string abbrev;
  };
  struct Transition {
    date::sys_seconds at;
    std::uint8_t type = 0;
  };
  using Iterator = std::vector<Transition>::const_iterator;

  date::sys_info info_before(Iterator next) const;

  std::string name_;
  std::vector<Type> types_;
  std::vector<Transition> transitions_;  // sorted; the first is at the dawn of time
};

}  // namespace qlfit
