// The zone oracle: glibc's localtime_r, under TZ=:/path/to/file, reads the same zone
// file and applies its footer rule (RFC 8536 section 3.3) after the last transition the
// file lists. Every zone of the system's database must give qlfit's zone answers
// exactly as glibc does, from 1900 to 2100: the offset and wall time at every offset
// change (and 1 s and 1 h either side), at random instants, and what each wall time
// around a change means (unique, skipped, repeated) -- on the system's ("fat") files
// and on "slim" ones compiled here from tzdata.zi with zic -b slim.
//
// The changes are found twice, independently: by scanning glibc week by week and
// bisecting to the second, and by CCTZ's next_transition; every one found by glibc
// must be among CCTZ's, and every one of either is checked.
#include "system/cctz.hpp"
#include "system/zones.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace qlfit::system {
namespace {

using std::chrono::seconds;
using Seconds = std::int64_t;

constexpr Seconds kFrom = -2'208'988'800;  // 1900-01-01T00:00:00Z
constexpr Seconds kUntil = 4'102'444'800;  // 2100-01-01T00:00:00Z
constexpr Seconds kHour = 3600;
constexpr Seconds kDay = 86'400;
constexpr Seconds kScanStep = 7 * kDay;
// Any instant whose wall time is L lies within this of L (offsets stay within ±26 h).
constexpr Seconds kReach = 26 * kHour;
constexpr int kRandomPerZone = 100;
constexpr char kTzdataSource[] = "/usr/share/zoneinfo/tzdata.zi";
constexpr char kSystemZones[] = "/usr/share/zoneinfo";

// Every zone and link name in the database's source ("Z name ..." and "L target name").
std::vector<std::string> zone_names() {
  std::ifstream source(kTzdataSource);
  std::vector<std::string> names;
  std::string line;
  while (std::getline(source, line)) {
    std::istringstream words(line);
    std::string kind, first, second;
    words >> kind >> first >> second;
    if (kind == "Z")
      names.push_back(first);
    else if (kind == "L")
      names.push_back(second);
  }
  return names;
}

// glibc reading one zone file: the process's TZ is set to it whenever it answers
// (and restored when the last oracle goes), so two oracles can take turns.
class Glibc {
 public:
  explicit Glibc(std::string path) : tz_(":" + std::move(path)) {
    if (live_++ == 0) {
      const char* old = std::getenv("TZ");
      old_ = old ? std::optional<std::string>(old) : std::nullopt;
    }
  }
  ~Glibc() {
    if (--live_ > 0)
      return;
    if (old_)
      ::setenv("TZ", old_->c_str(), 1);
    else
      ::unsetenv("TZ");
    ::tzset();
    current_.clear();
  }
  Glibc(const Glibc&) = delete;
  Glibc& operator=(const Glibc&) = delete;

  std::tm local(Seconds at) const {
    if (current_ != tz_) {
      ::setenv("TZ", tz_.c_str(), 1);
      ::tzset();
      current_ = tz_;
    }
    const std::time_t time = static_cast<std::time_t>(at);
    std::tm fields{};
    ::localtime_r(&time, &fields);
    return fields;
  }
  Seconds offset(Seconds at) const { return local(at).tm_gmtoff; }

 private:
  std::string tz_;
  static inline int live_ = 0;
  static inline std::optional<std::string> old_;
  static inline std::string current_;
};

// An offset change: the instant, and the offsets before and after it (glibc's).
struct Change {
  Seconds at;
  Seconds before;
  Seconds after;
};

// The offset changes glibc shows: a week-by-week scan, each change bisected to its second.
std::set<Seconds> glibc_changes(const Glibc& glibc) {
  std::set<Seconds> changes;
  Seconds at = kFrom - 2 * kReach;
  Seconds offset = glibc.offset(at);
  while (at < kUntil + 2 * kReach) {
    const Seconds next = at + kScanStep;
    if (glibc.offset(next) == offset) {
      at = next;
      continue;
    }
    Seconds same = at;  // offset(same) == offset, offset(other) != offset
    Seconds other = next;
    while (other - same > 1) {
      const Seconds middle = same + (other - same) / 2;
      (glibc.offset(middle) == offset ? same : other) = middle;
    }
    changes.insert(other);
    at = other;
    offset = glibc.offset(other);
  }
  return changes;
}

// The offset changes CCTZ's transitions make (some transitions change only the
// abbreviation or the DST flag).
std::set<Seconds> cctz_changes(const std::string& path) {
  std::set<Seconds> changes;
  cctz::time_zone zone;
  if (!cctz::load_time_zone(path, &zone))
    return changes;
  using Point = cctz::time_point<cctz::seconds>;
  Point at = Point{} + cctz::seconds{kFrom - 2 * kReach};
  cctz::time_zone::civil_transition transition;
  while (at < Point{} + cctz::seconds{kUntil + 2 * kReach} &&
         zone.next_transition(at, &transition)) {
    // `to` is the wall time the clocks jump to, read with the new offset (the second
    // reading when the clocks went back).
    const auto found = zone.lookup(transition.to);
    at = found.kind == cctz::time_zone::civil_lookup::REPEATED ? found.post : found.pre;
    if (zone.lookup(at).offset != zone.lookup(at - cctz::seconds{1}).offset)
      changes.insert(at.time_since_epoch().count());
  }
  return changes;
}

std::string text(const std::tm& fields) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d%+ld", fields.tm_year + 1900,
                fields.tm_mon + 1, fields.tm_mday, fields.tm_hour, fields.tm_min, fields.tm_sec,
                static_cast<long>(fields.tm_gmtoff));
  return buffer;
}

// "1900-01-01T00:00:00+0" for an instant, in UTC.
std::string utc(Seconds at) {
  const std::time_t time = static_cast<std::time_t>(at);
  std::tm fields{};
  ::gmtime_r(&time, &fields);
  return text(fields);
}

// One zone's comparison, counting and describing mismatches. For a slim file, `fat`
// is the system's file of the same zone: an answer glibc gives differently for the two
// files (a slim file whose last listed transition disagrees with its own footer, as
// glibc 2.36's zic writes America/Ojinaga) must be what glibc reads in the fat file,
// which lists every transition to 2037; those are counted apart, not forgiven.
class ZoneCheck {
 public:
  ZoneCheck(const std::string& name, const std::string& path, const std::string& fat,
            std::mt19937_64& random)
      : name_(name), glibc_(path), random_(random) {
    if (!fat.empty())
      fat_ = std::make_unique<Glibc>(fat);
    zone_ = read_zone_file(path, name);
    if (!zone_) {
      fail("qlfit cannot read " + path);
      return;
    }
    const auto by_glibc = glibc_changes(glibc_);
    const auto by_cctz = cctz_changes(path);
    for (const Seconds at : by_glibc) {
      if (by_cctz.count(at) != 0)
        continue;
      const std::string what = "glibc changes the offset at " + utc(at) + "; CCTZ does not";
      if (fat_ && fat_->offset(at - 1) == fat_->offset(at))
        inconsistent(what + ", nor glibc in the fat file");
      else
        fail(what);
    }
    std::set<Seconds> all = by_glibc;
    all.insert(by_cctz.begin(), by_cctz.end());
    for (const Seconds at : all)
      changes_.push_back(Change{at, glibc_.offset(at - 1), glibc_.offset(at)});
  }

  void run() {
    if (!zone_)
      return;
    for (const Change& change : changes_) {
      if (change.at < kFrom || change.at >= kUntil)
        continue;
      for (const Seconds step : {-kHour, Seconds{-1}, Seconds{0}, Seconds{1}, kHour})
        instant(change.at + step);
      for (const Seconds offset : {change.before, change.after}) {
        for (const Seconds step : {-kHour, Seconds{-1}, Seconds{0}, Seconds{1}, kHour})
          wall_time(change.at + offset + step);
      }
    }
    std::uniform_int_distribution<Seconds> anywhen(kFrom, kUntil - 1);
    for (int i = 0; i < kRandomPerZone; ++i) {
      instant(anywhen(random_));
      wall_time(anywhen(random_));
    }
  }

  std::size_t changes() const { return changes_.size(); }
  std::size_t checks() const { return checks_; }
  std::size_t failures() const { return failures_; }
  std::size_t inconsistencies() const { return inconsistencies_; }
  const std::vector<std::string>& examples() const { return examples_; }

 private:
  void fail(const std::string& what) {
    ++failures_;
    if (examples_.size() < 3)
      examples_.push_back(name_ + ": " + what);
  }
  void inconsistent(const std::string& what) {
    ++inconsistencies_;
    if (examples_.size() < 3)
      examples_.push_back(name_ + " (slim file disagrees with its footer): " + what);
  }

  // The offset and the wall time at an instant.
  void instant(Seconds at) {
    ++checks_;
    const Seconds offset = zone_->offset_at(date::sys_seconds{seconds{at}}).count();
    const std::time_t shifted = static_cast<std::time_t>(at + offset);
    std::tm fields{};
    ::gmtime_r(&shifted, &fields);
    fields.tm_gmtoff = offset;
    const std::string got = text(fields);
    const std::string wanted = text(glibc_.local(at));
    if (got == wanted)
      return;
    const std::string what = "at " + utc(at) + " qlfit says " + got + ", glibc " + wanted;
    if (fat_ && text(fat_->local(at)) == got)
      inconsistent(what + ", glibc in the fat file as qlfit");
    else
      fail(what);
  }

  // The instants whose wall time is `local`, by `glibc`: an instant t shows it when t
  // plus the offset glibc gives at t is `local`. The offsets near `local` are the one
  // in force before the window and those the changes inside it bring.
  std::vector<Seconds> readings(const Glibc& glibc, Seconds local,
                                std::set<Seconds> offsets) const {
    const auto first =
        std::lower_bound(changes_.begin(), changes_.end(), local - kReach,
                         [](const Change& change, Seconds at) { return change.at < at; });
    offsets.insert(first == changes_.end() ? glibc.offset(local - kReach) : first->before);
    for (auto change = first; change != changes_.end() && change->at <= local + kReach; ++change)
      offsets.insert(change->after);
    std::vector<Seconds> found;
    for (const Seconds offset : offsets) {
      if (glibc.offset(local - offset) == offset)
        found.push_back(local - offset);
    }
    std::sort(found.begin(), found.end());
    return found;
  }

  // Whether `got` is what `glibc` says the wall time `local` means.
  bool agrees(const Glibc& glibc, Seconds local, const LocalTimeInfo& got,
              const std::vector<Seconds>& found) const {
    const Seconds first = got.first.count();
    const Seconds second = got.second.count();
    const Seconds jump = got.transition.time_since_epoch().count();
    switch (got.kind) {
      case LocalTimeInfo::Kind::kUnique:
        return found.size() == 1 && local - first == found[0] && first == second;
      case LocalTimeInfo::Kind::kRepeated:
        return found.size() == 2 && local - first == found[0] && local - second == found[1] &&
               found[0] < jump && jump <= found[1] && glibc.offset(jump - 1) == first &&
               glibc.offset(jump) == second;
      case LocalTimeInfo::Kind::kSkipped:
        return found.empty() && glibc.offset(jump - 1) == first && glibc.offset(jump) == second &&
               jump + first <= local && local < jump + second;
    }
    return false;
  }

  // What a wall time means: unique, skipped (and the jump over it) or repeated.
  void wall_time(Seconds local) {
    ++checks_;
    const LocalTimeInfo got = zone_->at_local(date::local_seconds{seconds{local}});
    const auto found = readings(glibc_, local, {});
    if (agrees(glibc_, local, got, found))
      return;
    std::string seen;
    for (const Seconds at : found)
      seen += " " + text(glibc_.local(at));
    const std::string what = "wall time " + utc(local).substr(0, 19) + ": qlfit says kind " +
                             std::to_string(static_cast<int>(got.kind)) + " offsets " +
                             std::to_string(got.first.count()) + "/" +
                             std::to_string(got.second.count()) + " change at " +
                             utc(got.transition.time_since_epoch().count()) +
                             "; glibc shows it at" + (seen.empty() ? " no instant" : seen);
    if (fat_ &&
        agrees(*fat_, local, got, readings(*fat_, local, {got.first.count(), got.second.count()})))
      inconsistent(what + "; glibc in the fat file as qlfit");
    else
      fail(what);
  }

  std::string name_;
  Glibc glibc_;
  std::unique_ptr<Glibc> fat_;
  std::mt19937_64& random_;
  std::unique_ptr<Zone> zone_;
  std::vector<Change> changes_;  // sorted by instant
  std::size_t checks_ = 0;
  std::size_t failures_ = 0;
  std::size_t inconsistencies_ = 0;
  std::vector<std::string> examples_;
};

// Checks every zone of the database in `folder` (`fat`: the system's folder, for a
// slim one); reports the totals.
void check_every_zone(const std::string& folder, const std::string& fat) {
  const auto names = zone_names();
  ASSERT_GT(names.size(), 500u) << "no zone names in " << kTzdataSource;
  std::mt19937_64 random(20261124);
  std::size_t changes = 0;
  std::size_t checks = 0;
  std::size_t failures = 0;
  std::size_t failing_zones = 0;
  std::size_t inconsistencies = 0;
  std::string inconsistent_zones;
  std::vector<std::string> examples;
  for (const std::string& name : names) {
    ZoneCheck check(name, folder + "/" + name, fat.empty() ? fat : fat + "/" + name, random);
    check.run();
    changes += check.changes();
    checks += check.checks();
    failures += check.failures();
    inconsistencies += check.inconsistencies();
    if (check.inconsistencies() > 0)
      inconsistent_zones += " " + name;
    if (check.failures() + check.inconsistencies() > 0 && examples.size() < 30)
      examples.insert(examples.end(), check.examples().begin(), check.examples().end());
    failing_zones += check.failures() > 0 ? 1U : 0U;
  }
  std::string shown;
  for (const auto& example : examples)
    shown += "\n  " + example;
  EXPECT_EQ(failures, 0u) << failures << " of " << checks << " answers differ from glibc's, in "
                          << failing_zones << " of " << names.size() << " zones:" << shown;
  EXPECT_GT(changes, 60'000u);
  std::printf("%zu zones, %zu offset changes, %zu answers compared, %zu differ", names.size(),
              changes, checks, failures);
  if (inconsistencies > 0) {
    std::printf(
        "; %zu where the slim file disagrees with its own footer (%s ) are as in the fat "
        "file:%s",
        inconsistencies, inconsistent_zones.c_str(), shown.c_str());
  }
  std::printf("\n");
}

TEST(ZoneOracle, EveryZoneOfTheSystemsFilesAgreesWithGlibcFrom1900To2100) {
  check_every_zone(kSystemZones, "");
}

TEST(ZoneOracle, EveryZoneOfSlimFilesAgreesWithGlibcFrom1900To2100) {
  const testing::TempDir slim;
  const std::string command =
      std::string(QLFIT_ZIC) + " -b slim -d '" + slim.path().string() + "' " + kTzdataSource;
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  check_every_zone(slim.path().string(), kSystemZones);
}

}  // namespace
}  // namespace qlfit::system
