// Finding zones as the C library does (TZ's three forms, TZDIR, /etc/localtime as a
// symlink or a copied file) on a stand-in machine root, and reading them with the footer
// rule applied.
#include "system/zones.hpp"

#include "qlfit/error.hpp"

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <ostream>
#include <string>

namespace qlfit::system {
namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

namespace fs = std::filesystem;

const char kSystemZones[] = "/usr/share/zoneinfo";

seconds offset_on(const Zone& zone, date::year_month_day day) {
  return zone.offset_at(date::sys_days{day} + hours{12});
}

// A stand-in for "/": its own zone folder, where "Asia/Tokyo" holds Kathmandu's rules
// (so an answer of +05:45 proves the file came from here), and "Home/Town" Berlin's.
class FakeRoot {
 public:
  FakeRoot() {
    copy("Asia/Kathmandu", "usr/share/zoneinfo/Asia/Tokyo");
    copy("Europe/Berlin", "usr/share/zoneinfo/Home/Town");
    fs::create_directories(dir.path() / "etc");
  }
  void copy(const std::string& zone, const std::string& to) const {
    fs::create_directories((dir.path() / to).parent_path());
    fs::copy_file(std::string(kSystemZones) + "/" + zone, dir.path() / to);
  }
  void write(const std::string& to, const std::string& text) const {
    std::ofstream(dir.path() / to, std::ios::binary) << text;
  }
  std::string root() const { return dir.path().string(); }

  testing::TempDir dir;
};

struct Naming {
  const char* tz;     // nullptr: unset
  const char* tzdir;  // nullptr: unset
  const char* name;   // the zone's name
  seconds january;    // its offset on 2026-01-15
};

void PrintTo(const Naming& row, std::ostream* out) {
  *out << "TZ=" << (row.tz ? row.tz : "(unset)")
       << " TZDIR=" << (row.tzdir ? row.tzdir : "(unset)");
}

class TzForms : public ::testing::TestWithParam<Naming> {};

TEST_P(TzForms, FindTheZoneTheyNameOnTheMachine) {
  const Naming& row = GetParam();
  const FakeRoot machine;
  ZoneFiles zones(machine.root());
  const auto optional = [](const char* value) {
    return value ? std::optional<std::string>(value) : std::nullopt;
  };
  const Zone& zone = zones.find(optional(row.tz), optional(row.tzdir));
  EXPECT_EQ(zone.name(), row.name);
  EXPECT_EQ(offset_on(zone, 2026_y / 1 / 15), row.january);
}

INSTANTIATE_TEST_SUITE_P(
    Zones, TzForms,
    ::testing::Values(
        // Area/City and :Area/City: the file of that name in the machine's zone folder.
        Naming{"Asia/Tokyo", nullptr, "Asia/Tokyo", hours{5} + minutes{45}},
        Naming{":Asia/Tokyo", nullptr, "Asia/Tokyo", hours{5} + minutes{45}},
        // :/absolute/path (and /absolute/path): that file.
        Naming{":/usr/share/zoneinfo/Home/Town", nullptr, "/usr/share/zoneinfo/Home/Town",
               hours{1}},
        Naming{"/usr/share/zoneinfo/Asia/Tokyo", nullptr, "/usr/share/zoneinfo/Asia/Tokyo",
               hours{5} + minutes{45}},
        // TZDIR moves the folder names are looked up in; empty means the default.
        Naming{"Town", "/usr/share/zoneinfo/Home", "Town", hours{1}},
        Naming{":Home/Town", "/usr/share/zoneinfo", "Home/Town", hours{1}},
        Naming{"Asia/Tokyo", "", "Asia/Tokyo", hours{5} + minutes{45}}));

TEST(ZoneFiles, TheSystemZoneIsWhereASymlinkedEtcLocaltimePoints) {
  const FakeRoot machine;
  fs::create_symlink("../usr/share/zoneinfo/Asia/Tokyo", machine.dir.path() / "etc/localtime");
  machine.write("etc/timezone", "Europe/Paris\n");  // the link wins
  ZoneFiles zones(machine.root());
  const Zone& zone = zones.find(std::nullopt, std::nullopt);
  EXPECT_EQ(zone.name(), "Asia/Tokyo");
  EXPECT_EQ(offset_on(zone, 2026_y / 1 / 15), hours{5} + minutes{45});
  EXPECT_EQ(&zones.find(std::string(), std::nullopt), &zone);  // TZ empty: the same
}

TEST(ZoneFiles, ACopiedEtcLocaltimeIsReadAndNamedByEtcTimezone) {
  const FakeRoot machine;
  machine.copy("America/New_York", "etc/localtime");
  machine.write("etc/timezone", "  America/New_York \n");
  ZoneFiles zones(machine.root());
  const Zone& zone = zones.find(std::nullopt, std::nullopt);
  EXPECT_EQ(zone.name(), "America/New_York");
  EXPECT_EQ(offset_on(zone, 2026_y / 1 / 15), hours{-5});
  EXPECT_EQ(offset_on(zone, 2026_y / 7 / 15), hours{-4});
}

TEST(ZoneFiles, ACopiedEtcLocaltimeWithoutEtcTimezoneIsCalledLocaltime) {
  const FakeRoot machine;
  machine.copy("Australia/Lord_Howe", "etc/localtime");
  ZoneFiles zones(machine.root());
  const Zone& zone = zones.find(std::nullopt, std::nullopt);
  EXPECT_EQ(zone.name(), "localtime");
  EXPECT_EQ(offset_on(zone, 2026_y / 1 / 15), hours{11});
  EXPECT_EQ(offset_on(zone, 2026_y / 7 / 15), hours{10} + minutes{30});
}

TEST(ZoneFiles, WithoutEtcLocaltimeTheSystemZoneIsUtc) {
  const FakeRoot machine;
  ZoneFiles zones(machine.root());
  const Zone& zone = zones.find(std::nullopt, std::nullopt);
  EXPECT_EQ(zone.name(), "UTC");
  EXPECT_EQ(offset_on(zone, 2026_y / 7 / 15), seconds{0});
}

TEST(ZoneFiles, ADamagedEtcLocaltimeIsRefusedNotTakenForUtc) {
  const FakeRoot machine;
  machine.write("etc/localtime", "TZif but nothing more");
  ZoneFiles zones(machine.root());
  try {
    zones.find(std::nullopt, std::nullopt);
    FAIL() << "a damaged /etc/localtime was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(error.what()).find("/etc/localtime"), std::string::npos) << error.what();
  }
}

TEST(ZoneFiles, RefusesNamesOutsideTheZoneFolderAndFilesThatAreNotZones) {
  ZoneFiles zones;
  for (const char* name :
       {"../../etc/passwd", "Europe/../../../etc/passwd", "Europe", "zone.tab", "tzdata.zi",
        "right/Europe/Berlin", "Europe/Berlin ", "Mars/Olympus_Mons", "Europe\\Berlin",
        ":/etc/passwd", ":/usr/share/zoneinfo/right/UTC", ":/usr/share/zoneinfo", ":/nowhere",
        "CET-1CEST,M3.5.0,M10.5.0/3"}) {
    try {
      zones.find(std::string(name), std::nullopt);
      ADD_FAILURE() << name << " was accepted";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidInput) << name;
      EXPECT_NE(std::string(error.what()).find("is not a time zone qlfit knows"), std::string::npos)
          << error.what();
    }
  }
}

TEST(ZoneFiles, AnUnknownNameSaysWhichFolderWasLookedIn) {
  const FakeRoot machine;
  ZoneFiles zones(machine.root());
  try {
    zones.find(std::string("Europe/Berlin"), std::string("/opt/zones"));
    FAIL() << "found a zone in an empty folder";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("TZ=Europe/Berlin is not a time zone qlfit knows"),
              std::string::npos)
        << error.what();
    EXPECT_NE(std::string(error.what()).find("(see /opt/zones)"), std::string::npos)
        << error.what();
  }
}

TEST(ZoneFiles, ReadsEachZoneOnceAndKeepsIt) {
  ZoneFiles zones;
  const Zone& kathmandu = zones.find(std::string("Asia/Kathmandu"), std::nullopt);
  EXPECT_EQ(&zones.find(std::string(":Asia/Kathmandu"), std::nullopt), &kathmandu);
  EXPECT_EQ(offset_on(kathmandu, 2026_y / 1 / 1), hours{5} + minutes{45});
}

// The footer rule decides after the last transition a file lists: from 2038 in the
// system's fat files, and for decades already in slim ones.
TEST(ZoneFiles, TheFooterRuleDecidesAfterTheLastListedTransition) {
  const testing::TempDir slim;
  const std::string command = std::string(QLFIT_ZIC) + " -b slim -d '" + slim.path().string() +
                              "' /usr/share/zoneinfo/tzdata.zi";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  for (const std::optional<std::string>& tzdir :
       {std::optional<std::string>(), std::optional<std::string>(slim.path().string())}) {
    ZoneFiles zones;
    const Zone& berlin = zones.find(std::string("Europe/Berlin"), tzdir);
    EXPECT_EQ(offset_on(berlin, 2026_y / 1 / 15), hours{1}) << tzdir.value_or("system");
    EXPECT_EQ(offset_on(berlin, 2026_y / 7 / 15), hours{2}) << tzdir.value_or("system");
    EXPECT_EQ(offset_on(berlin, 2040_y / 7 / 1), hours{2}) << tzdir.value_or("system");
    EXPECT_EQ(offset_on(berlin, 2099_y / 12 / 1), hours{1}) << tzdir.value_or("system");
    const Zone& new_york = zones.find(std::string("America/New_York"), tzdir);
    EXPECT_EQ(offset_on(new_york, 2045_y / 7 / 1), hours{-4}) << tzdir.value_or("system");
    // 2040-03-25 02:30 does not exist in Berlin: clocks jump from 02:00 to 03:00.
    const auto gap = berlin.at_local(date::local_days{2040_y / 3 / 25} + hours{2} + minutes{30});
    EXPECT_EQ(gap.kind, LocalTimeInfo::Kind::kSkipped) << tzdir.value_or("system");
    EXPECT_EQ(gap.transition, date::sys_days{2040_y / 3 / 25} + hours{1});
    // 2040-10-28 02:30 happens twice: first at +02:00, then at +01:00.
    const auto fold = berlin.at_local(date::local_days{2040_y / 10 / 28} + hours{2} + minutes{30});
    EXPECT_EQ(fold.kind, LocalTimeInfo::Kind::kRepeated) << tzdir.value_or("system");
    EXPECT_EQ(fold.first, hours{2});
    EXPECT_EQ(fold.second, hours{1});
  }
}

TEST(ZoneFiles, AFileWhoseCountsExceedItsSizeIsRefusedBeforeCctzReadsIt) {
  // Found by fuzz_tzif: Abseil's CCTZ allocates for a header's counts as they stand
  // (2 GB here), so qlfit checks them against the file first.
  std::ifstream seed(std::string(QLFIT_FUZZ_CORPUS) + "/tzif/oom-huge-counts", std::ios::binary);
  const std::string hostile{std::istreambuf_iterator<char>(seed), {}};
  ASSERT_FALSE(hostile.empty());
  EXPECT_FALSE(tzif_sizes_fit(hostile));
  qlfit::testing::TempDir dir;
  std::ofstream(dir.file("zone"), std::ios::binary) << hostile;
  EXPECT_EQ(read_zone_file(dir.file("zone"), "zone"), nullptr);
  for (const char* zone : {"UTC", "Europe/Berlin", "America/Havana", "Australia/Lord_Howe"}) {
    std::ifstream real("/usr/share/zoneinfo/" + std::string(zone), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(real), {}};
    EXPECT_TRUE(tzif_sizes_fit(bytes)) << zone;
    EXPECT_FALSE(tzif_sizes_fit(bytes.substr(0, bytes.size() / 2))) << zone;
  }
}

}  // namespace
}  // namespace qlfit::system
