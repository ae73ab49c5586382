#include "qlfit/calendar.hpp"

#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

#include <date/iso_week.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace qlfit {
namespace {

using date::days;
using date::sys_days;

std::string pad(long value, int width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (digits.size() < static_cast<std::size_t>(width)) {
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  }
  return value < 0 ? "-" + digits : digits;
}

std::string clock_time(date::local_seconds local) {
  const auto day = date::floor<days>(local);
  const date::hh_mm_ss<std::chrono::seconds> time{local - day};
  return pad(time.hours().count(), 2) + ":" + pad(time.minutes().count(), 2);
}

}  // namespace

int DateRange::days() const {
  return static_cast<int>((sys_days{last} - sys_days{first}).count()) + 1;
}

std::string iso_date(date::year_month_day day) {
  return pad(static_cast<int>(day.year()), 4) + "-" + pad(static_cast<unsigned>(day.month()), 2) +
         "-" + pad(static_cast<unsigned>(day.day()), 2);
}

std::string iso_week_label(date::year_month_day day) {
  const iso_week::year_weeknum_weekday week{sys_days{day}};
  return pad(static_cast<int>(week.year()), 4) + "-W" +
         pad(static_cast<unsigned>(week.weeknum()), 2);
}

Period week_containing(date::year_month_day day, WeekStart start) {
  const sys_days when{day};
  const date::weekday first_weekday = start == WeekStart::kMonday ? date::Monday : date::Sunday;
  const sys_days first = when - (date::weekday{when} - first_weekday);
  const DateRange range{date::year_month_day{first}, date::year_month_day{first + days{6}}};
  const std::string label =
      start == WeekStart::kMonday ? iso_week_label(range.first) : iso_date(range.first);
  return Period{PeriodKind::kWeek, range, label};
}

Period iso_week(int year, unsigned week, WeekStart start, std::string_view input) {
  const auto monday = iso_week::year{year} / iso_week::weeknum{week} / iso_week::mon;
  if (week == 0 || !monday.ok()) {
    const auto last = iso_week::year_lastweek{iso_week::year{year}};
    throw Error(ErrorCode::kInvalidInput,
                quote(input) + " is not a week: " + std::to_string(year) + " has ISO weeks 01 to " +
                    std::to_string(static_cast<unsigned>(last.weeknum())));
  }
  const sys_days first{monday};
  return week_containing(
      date::year_month_day{start == WeekStart::kMonday ? first : first - days{1}}, start);
}

Period month_of(date::year_month month) {
  const DateRange range{month / 1, date::year_month_day{month / date::last}};
  return Period{PeriodKind::kMonth, range, iso_date(range.first).substr(0, 7)};
}

Period range_of(date::year_month_day first, date::year_month_day last) {
  if (last < first) {
    throw Error(ErrorCode::kInvalidInput, "the range ends (" + iso_date(last) +
                                              ") before it starts (" + iso_date(first) +
                                              "); give --from before --to");
  }
  return Period{PeriodKind::kRange, DateRange{first, last},
                iso_date(first) + ".." + iso_date(last)};
}

namespace {

const char kZoneDirectory[] = "/usr/share/zoneinfo/";

[[noreturn]] void unknown_zone(std::string_view name) {
  throw Error(ErrorCode::kInvalidInput,
              "TZ=" + quote(name).substr(1, quote(name).size() - 2) +
                  " is not a time zone qlfit knows; use an IANA name such as Europe/Berlin "
                  "(see /usr/share/zoneinfo), or unset TZ for the system zone");
}

// The bytes of a file (a zone file is a few KiB); nothing for a directory or an error.
std::optional<std::string> read_small_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file)
    return std::nullopt;
  std::string bytes;
  char buffer[4096];
  while (const std::size_t count = std::fread(buffer, 1, sizeof buffer, file.get()))
    bytes.append(buffer, count);
  if (std::ferror(file.get()))
    return std::nullopt;
  return bytes;
}

// A name that stays inside the zone directory: letters, digits and "/_+-.", no "..".
bool plausible_zone_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '/' ||
      name.find("..") != std::string_view::npos)
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '/' || c == '_' || c == '+' ||
           c == '-' || c == '.';
  });
}

// Zones are read once per process and never move, like date's database.
const Zone* named_zone(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, Zone, std::less<>> zones;
  const std::lock_guard lock(mutex);
  if (const auto found = zones.find(name); found != zones.end())
    return &found->second;
  if (!plausible_zone_name(name))
    unknown_zone(name);
  const auto bytes = read_small_file(kZoneDirectory + std::string(name));
  if (!bytes)
    unknown_zone(name);
  try {
    return &zones.emplace(std::string(name), Zone::from_tzif(std::string(name), *bytes))
                .first->second;
  } catch (const Error&) {
    unknown_zone(name);
  }
}

// The system zone as date::current_zone finds it: the name /etc/localtime links to,
// else the name in /etc/timezone; UTC when neither says.
std::string system_zone_name() {
  std::error_code error;
  const std::string target = std::filesystem::read_symlink("/etc/localtime", error).string();
  if (const auto at = target.find("zoneinfo/"); !error && at != std::string::npos)
    return target.substr(at + 9);
  const auto text = read_small_file("/etc/timezone").value_or("");
  const std::string name = text.substr(0, text.find('\n'));
  return name.empty() ? "UTC" : name;
}

}  // namespace

const Zone* find_zone(std::optional<std::string_view> tz) {
  std::string_view name = tz.value_or("");
  if (!name.empty() && name.front() == ':')
    name.remove_prefix(1);
  if (!name.empty())
    return named_zone(name);
  try {
    return named_zone(system_zone_name());
  } catch (const Error&) {
    return named_zone("UTC");
  }
}

Moment moment_of(date::sys_seconds instant, const Zone* zone) {
  const auto info = zone->get_info(instant);
  return moment_with_offset(instant, info.offset);
}

Moment moment_with_offset(date::sys_seconds instant, std::chrono::seconds offset) {
  return Moment{instant, offset, date::local_seconds{instant.time_since_epoch() + offset}, false};
}

Moment moment_at(date::local_seconds local, const Zone* zone, std::string_view input) {
  const auto info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent) {
    const auto jump = info.second.begin;
    const auto before = date::local_seconds{jump.time_since_epoch() + info.first.offset};
    const auto after = date::local_seconds{jump.time_since_epoch() + info.second.offset};
    const auto valid = local + (info.second.offset - info.first.offset);
    throw Error(ErrorCode::kInvalidInput,
                quote(input) + " does not exist in " + zone->name() + ": clocks jumped from " +
                    clock_time(before) + " to " + clock_time(after) + " on " +
                    iso_date(date::year_month_day{date::floor<days>(local)}) + "; try " +
                    clock_time(valid));
  }
  Moment moment = moment_with_offset(to_instant(local, info.first.offset), info.first.offset);
  moment.ambiguous = info.result == date::local_info::ambiguous;
  return moment;
}

date::year_month_day habit_day(date::local_seconds local, std::chrono::minutes day_start) {
  return date::year_month_day{date::floor<days>(local - day_start)};
}

date::sys_seconds day_begins(date::year_month_day day, const Zone* zone,
                             std::chrono::minutes day_start) {
  const date::local_seconds local = date::local_days{day} + day_start;
  const auto info = zone->get_info(local);
  if (info.result == date::local_info::nonexistent)
    return info.second.begin;
  return to_instant(local, info.first.offset);
}

std::string format_offset(std::chrono::seconds offset) {
  const long total = offset.count() < 0 ? -offset.count() : offset.count();
  std::string text = std::string(offset.count() < 0 ? "-" : "+") + pad(total / 3600, 2) + ":" +
                     pad(total % 3600 / 60, 2);
  // Local mean time before ~1972 can have seconds; keep them so nothing is lost.
  if (total % 60 != 0)
    text += ":" + pad(total % 60, 2);
  return text;
}

std::string iso_datetime(date::sys_seconds instant, std::chrono::seconds offset) {
  const date::local_seconds local{instant.time_since_epoch() + offset};
  const auto day = date::floor<days>(local);
  const date::hh_mm_ss<std::chrono::seconds> time{local - day};
  return iso_date(date::year_month_day{day}) + "T" + pad(time.hours().count(), 2) + ":" +
         pad(time.minutes().count(), 2) + ":" + pad(time.seconds().count(), 2) +
         format_offset(offset);
}

}  // namespace qlfit
