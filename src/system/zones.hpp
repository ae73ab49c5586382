#pragma once

#include "qlfit/zone.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

// The system adapter's zones: finding the zone file a run is in and reading it with
// CCTZ (docs/decisions/0004-zone-rules-from-cctz.md). Only this file's .cpp sees CCTZ.
namespace qlfit::system {

// The zone in the TZif file at `path` (absolute), called `name`; CCTZ reads the one
// file and applies its footer rule after the last transition the file lists.
// nullptr when there is no such file or it is not a zone CCTZ reads (damaged, not
// TZif, or a leap-second "right/" zone).
std::unique_ptr<Zone> read_zone_file(const std::string& path, std::string name);
// True when the counts in a TZif file's headers fit the file's size (RFC 8536), so that
// reading it allocates no more than the file holds.
bool tzif_sizes_fit(std::string_view bytes);

// Finds zones the way the C library does, on the machine whose "/" is `root` (tests
// give a folder that stands in for it):
//   TZ "Area/City" or ":Area/City"  the file of that name in TZDIR (default
//                                   /usr/share/zoneinfo); names that leave it refused
//   TZ ":/a/path" (or "/a/path")    that file
//   TZ unset or empty               /etc/localtime: a symlink is named by its target
//                                   ("Europe/Berlin"), a copied file by /etc/timezone,
//                                   else "localtime"; UTC when there is no such file
// Each file is read once per finder, when it is first asked for.
class ZoneFiles final : public ZoneFinder {
 public:
  explicit ZoneFiles(std::string root = "/") : root_(std::move(root)) {}

  const Zone& find(const std::optional<std::string>& tz,
                   const std::optional<std::string>& tzdir) override;

 private:
  std::string on_machine(const std::string& path) const;
  const Zone* read(const std::string& path, const std::string& name);
  const Zone& system_zone();

  std::string root_;
  std::map<std::string, std::unique_ptr<Zone>, std::less<>> zones_;  // by path
};

}  // namespace qlfit::system
