#include "system/zones.hpp"

#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

#include "system/cctz.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace qlfit::system {
namespace {

using std::chrono::seconds;

constexpr std::string_view kZoneFolder = "/usr/share/zoneinfo";
constexpr std::string_view kZoneFolderPart = "zoneinfo/";

// A zone as CCTZ answers it.
class CctzZone final : public Zone {
 public:
  CctzZone(std::string name, cctz::time_zone zone) : name_(std::move(name)), zone_(zone) {}

  const std::string& name() const override { return name_; }

  seconds offset_at(date::sys_seconds instant) const override {
    return seconds{zone_.lookup(instant).offset};
  }

  LocalTimeInfo at_local(date::local_seconds local) const override {
    const cctz::civil_second civil =
        cctz::civil_second(1970, 1, 1, 0, 0, 0) +
        static_cast<std::int_fast64_t>(local.time_since_epoch().count());
    const cctz::time_zone::civil_lookup found = zone_.lookup(civil);
    // `pre` reads the wall time with the offset before the nearest change, `post`
    // with the one after; the offsets are the wall time's distance from each.
    LocalTimeInfo info;
    info.first = local.time_since_epoch() - found.pre.time_since_epoch();
    info.second = local.time_since_epoch() - found.post.time_since_epoch();
    switch (found.kind) {
      case cctz::time_zone::civil_lookup::UNIQUE:
        info.kind = LocalTimeInfo::Kind::kUnique;
        info.second = info.first;
        break;
      case cctz::time_zone::civil_lookup::SKIPPED:
        info.kind = LocalTimeInfo::Kind::kSkipped;
        info.transition = found.trans;
        break;
      case cctz::time_zone::civil_lookup::REPEATED:
        info.kind = LocalTimeInfo::Kind::kRepeated;
        info.transition = found.trans;
        break;
    }
    return info;
  }

 private:
  std::string name_;
  cctz::time_zone zone_;
};

// A name that stays inside the zone folder: letters, digits and "/_+-.", no "..".
bool plausible_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '/' ||
      name.find("..") != std::string_view::npos)
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '/' || c == '_' || c == '+' ||
           c == '-' || c == '.';
  });
}

[[noreturn]] void unknown_zone(std::string_view tz, std::string_view folder) {
  const std::string shown = quote(tz);
  throw Error(ErrorCode::kInvalidInput,
              "TZ=" + shown.substr(1, shown.size() - 2) +
                  " is not a time zone qlfit knows; use an IANA name such as Europe/Berlin "
                  "(see " +
                  std::string(folder) + "), or unset TZ for the system zone");
}

// The first line of a small text file, without surrounding blanks; empty if none.
std::string first_line(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  const auto blank = [](unsigned char c) { return std::isspace(c) != 0; };
  line.erase(line.begin(), std::find_if_not(line.begin(), line.end(), blank));
  line.erase(std::find_if_not(line.rbegin(), line.rend(), blank).base(), line.end());
  return line;
}

}  // namespace

bool tzif_sizes_fit(std::string_view bytes) {
  // RFC 8536: a 44-byte header, then a data block whose size its six counts give; a
  // version 2+ file repeats both with 8-byte times. Counts larger than the file are a
  // damaged or hostile file: Abseil's CCTZ would try to allocate for them.
  std::uint64_t at = 0;
  for (const std::uint64_t time_size : {4U, 8U}) {
    if (bytes.size() < at + 44 || bytes.substr(at, 4) != "TZif")
      return false;
    const char version = bytes[at + 4];
    const auto count = [&](std::uint64_t index) {
      std::uint64_t value = 0;
      for (std::uint64_t k = 0; k < 4; ++k)
        value = (value << 8U) | static_cast<unsigned char>(bytes[at + 20 + index * 4 + k]);
      return value;
    };
    const std::uint64_t isut = count(0);
    const std::uint64_t isstd = count(1);
    const std::uint64_t leap = count(2);
    const std::uint64_t time = count(3);
    const std::uint64_t type = count(4);
    const std::uint64_t chars = count(5);
    at += 44 + time * time_size + time + type * 6 + chars + leap * (time_size + 4) + isstd + isut;
    if (at > bytes.size())
      return false;
    if (time_size == 4 && version == '\0')
      return true;  // version 1: no second part
  }
  return true;
}

std::unique_ptr<Zone> read_zone_file(const std::string& path, std::string name) {
  // CCTZ takes an absolute path as it is (a relative name would go under its TZDIR);
  // on failure it gives UTC, which is not what was asked for.
  if (path.empty() || path.front() != '/')
    return nullptr;
  constexpr std::streamoff kLargestZoneFile =
      std::streamoff{1024} * 1024;  // real ones are a few KiB
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  const std::streamoff size = file ? static_cast<std::streamoff>(file.tellg()) : -1;
  if (size < 0 || size > kLargestZoneFile)
    return nullptr;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  file.seekg(0);
  file.read(bytes.data(), size);
  bytes.resize(static_cast<std::size_t>(file.gcount()));
  cctz::time_zone zone;
  if (!tzif_sizes_fit(bytes) || !cctz::load_time_zone(path, &zone)) {
    return nullptr;
  }
  return std::make_unique<CctzZone>(std::move(name), zone);
}

std::string ZoneFiles::on_machine(const std::string& path) const {
  std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
  if (root_.empty() || root_ == "/")
    return absolute;
  return root_ + absolute;
}

const Zone* ZoneFiles::read(const std::string& path, const std::string& name) {
  if (const auto found = zones_.find(path); found != zones_.end())
    return found->second.get();
  auto zone = read_zone_file(path, name);
  if (!zone)
    return nullptr;
  return zones_.emplace(path, std::move(zone)).first->second.get();
}

const Zone& ZoneFiles::find(const std::optional<std::string>& tz,
                            const std::optional<std::string>& tzdir) {
  const std::string value = tz.value_or("");
  std::string_view name = value;
  if (!name.empty() && name.front() == ':')
    name.remove_prefix(1);
  if (name.empty())
    return system_zone();
  const std::string folder = tzdir && !tzdir->empty() ? *tzdir : std::string(kZoneFolder);
  if (name.front() == '/') {
    if (const Zone* zone = read(on_machine(std::string(name)), std::string(name)))
      return *zone;
    unknown_zone(value, folder);
  }
  if (!plausible_zone_name(name))
    unknown_zone(value, folder);
  if (const Zone* zone = read(on_machine(folder + "/" + std::string(name)), std::string(name)))
    return *zone;
  unknown_zone(value, folder);
}

const Zone& ZoneFiles::system_zone() {
  const std::string localtime = on_machine("/etc/localtime");
  std::error_code error;
  const auto status = std::filesystem::symlink_status(localtime, error);
  if (error || !std::filesystem::exists(status)) {
    // No zone set up at all (a bare container): UTC, as the C library does.
    if (const auto found = zones_.find(""); found != zones_.end())
      return *found->second;
    return *zones_.emplace("", std::make_unique<CctzZone>("UTC", cctz::utc_time_zone()))
                .first->second;
  }
  // A symlink is named by where it points, from the zone folder on; a copied file by
  // /etc/timezone. The file read is whatever /etc/localtime leads to.
  std::string name;
  if (std::filesystem::is_symlink(status)) {
    const std::string target = std::filesystem::read_symlink(localtime, error).string();
    const auto at = target.rfind(kZoneFolderPart);
    name = at == std::string::npos ? target : target.substr(at + kZoneFolderPart.size());
  } else {
    name = first_line(on_machine("/etc/timezone"));
  }
  if (name.empty())
    name = "localtime";
  if (const Zone* zone = read(localtime, name))
    return *zone;
  throw Error(ErrorCode::kInvalidInput,
              "TZ is unset and /etc/localtime is not a time zone qlfit can read; set TZ to an "
              "IANA name such as Europe/Berlin");
}

}  // namespace qlfit::system
