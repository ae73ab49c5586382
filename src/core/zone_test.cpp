// qlfit::Zone reads one TZif file; date::locate_zone (Debian's libdate-tz, linked only
// into this test) reads the whole database. On every zone the system has, from 1900 to
// 2100, both must give the same answer for every offset change and the wall times
// around it.
#include "qlfit/zone.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/error.hpp"

#include <date/tz.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace qlfit {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

std::string text(const date::sys_info& info) {
  return iso_datetime(info.begin, seconds{0}) + ".." + iso_datetime(info.end, seconds{0}) + " " +
         format_offset(info.offset) + (info.save != minutes{0} ? " dst " : " std ") + info.abbrev;
}

std::string text(const date::local_info& info) {
  return std::to_string(info.result) + " [" + text(info.first) + "] [" +
         (info.result == date::local_info::unique ? std::string() : text(info.second)) + "]";
}

bool same(const date::sys_info& a, const date::sys_info& b) {
  return a.begin == b.begin && a.end == b.end && a.offset == b.offset && a.save == b.save &&
         a.abbrev == b.abbrev;
}

bool same(const date::local_info& a, const date::local_info& b) {
  return a.result == b.result && same(a.first, b.first) &&
         (a.result == date::local_info::unique || same(a.second, b.second));
}

TEST(Zone, EveryZoneAgreesWithDateTzFrom1900To2100) {
  const date::sys_seconds from{date::sys_days{1900_y / 1 / 1}};
  const date::sys_seconds until{date::sys_days{2100_y / 1 / 1}};
  std::size_t zones = 0;
  std::size_t changes = 0;
  for (const auto& reference : date::get_tzdb().zones) {
    const std::string& name = reference.name();
    if (name.rfind("right/", 0) == 0 || name.rfind("posix/", 0) == 0)
      continue;  // leap-second zones, which qlfit refuses (below), and copies of the others
    const Zone* zone = find_zone(name);
    ASSERT_EQ(zone->name(), name);
    ++zones;
    for (auto at = from; at < until; ++changes) {
      const auto expected = reference.get_info(at);
      for (const auto instant : {at, expected.end - seconds{1}}) {
        const auto wanted = reference.get_info(instant);
        const auto got = zone->get_info(instant);
        ASSERT_TRUE(same(got, wanted)) << name << ": " << text(got) << " vs " << text(wanted);
      }
      // The wall times around the change, read with the offsets before and after it.
      for (const seconds offset : {expected.offset, reference.get_info(at - seconds{1}).offset}) {
        for (const long step : {-3600, -1, 0, 1, 3600}) {
          const date::local_seconds local{at.time_since_epoch() + offset + seconds{step}};
          const auto wanted = reference.get_info(local);
          const auto got = zone->get_info(local);
          ASSERT_TRUE(same(got, wanted))
              << name << " at local " << iso_datetime(to_instant(local, seconds{0}), seconds{0})
              << ": " << text(got) << " vs " << text(wanted);
        }
      }
      at = expected.end;
    }
  }
  EXPECT_GT(zones, 300u);
  EXPECT_GT(changes, 20'000u);
}

TEST(Zone, ReadsEachZoneOnceAndKeepsIt) {
  EXPECT_EQ(find_zone("Asia/Kathmandu"), find_zone(":Asia/Kathmandu"));
  EXPECT_EQ(find_zone("Asia/Kathmandu")->get_info(date::sys_days{2026_y / 1 / 1}).offset,
            hours{5} + minutes{45});
}

TEST(Zone, RefusesNamesOutsideTheZoneDirectoryAndFilesThatAreNotZones) {
  for (const char* name : {"../../etc/passwd", "/etc/localtime", "Europe/../../../etc/passwd",
                           "Europe", "zone.tab", "tzdata.zi", "right/Europe/Berlin",
                           "Europe/Berlin ", "Mars/Olympus_Mons", "Europe\\Berlin"}) {
    EXPECT_THROW(find_zone(name), Error) << name;
  }
}

std::string zone_file(const char* name) {
  std::ifstream file(std::string("/usr/share/zoneinfo/") + name, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

TEST(Zone, RefusesDamagedTzifBytes) {
  const std::string berlin = zone_file("Europe/Berlin");
  ASSERT_GT(berlin.size(), 1000u);
  EXPECT_NO_THROW(Zone::from_tzif("Europe/Berlin", berlin));
  EXPECT_THROW(Zone::from_tzif("x", ""), Error);
  EXPECT_THROW(Zone::from_tzif("x", "TZif"), Error);
  EXPECT_THROW(Zone::from_tzif("x", "not a zone file at all, but long enough to have a header"),
               Error);
  // Cut anywhere before the footer: every read is checked.
  for (std::size_t size = 0; size < berlin.rfind('\n', berlin.size() - 2); size += 7) {
    EXPECT_THROW(Zone::from_tzif("x", berlin.substr(0, size)), Error) << size;
  }
  // The first transition's type index in the 64-bit block names a type that is not there.
  const auto count = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(berlin[at]) << 24 |
                                    static_cast<unsigned char>(berlin[at + 1]) << 16 |
                                    static_cast<unsigned char>(berlin[at + 2]) << 8 |
                                    static_cast<unsigned char>(berlin[at + 3]));
  };
  const std::size_t second_header =
      44 + count(32) * 5 + count(36) * 6 + count(40) + count(28) * 8 + count(24) + count(20);
  std::string bad_type = berlin;
  bad_type.at(second_header + 44 + count(second_header + 32) * 8) = '\x7f';
  EXPECT_THROW(Zone::from_tzif("x", bad_type), Error);
  // The first type's offset in the 64-bit block set to +27:00:00.
  std::string bad_offset = berlin;
  const std::size_t types = second_header + 44 + count(second_header + 32) * 9;
  const char kTwentySevenHours[] = {0x00, 0x01, 0x7b, static_cast<char>(0xb0)};
  for (std::size_t i = 0; i < 4; ++i)
    bad_offset.at(types + i) = kTwentySevenHours[i];
  EXPECT_THROW(Zone::from_tzif("x", bad_offset), Error);
  EXPECT_THROW(Zone::from_tzif("x", zone_file("right/UTC")), Error);  // leap seconds
}

TEST(Zone, ReadsVersionOneFiles) {
  // A version 1 file holds only the 32-bit block; cut Berlin's there and mark it so.
  std::string berlin = zone_file("Europe/Berlin");
  berlin[4] = '\0';
  const Zone zone = Zone::from_tzif("Europe/Berlin", berlin);
  EXPECT_EQ(zone.get_info(date::sys_days{2026_y / 7 / 1}).offset, hours{2});
  EXPECT_EQ(zone.get_info(date::sys_days{2026_y / 1 / 1}).abbrev, "CET");
}

}  // namespace
}  // namespace qlfit
