#include "qlfit/zone.hpp"

#include "qlfit/error.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

namespace qlfit {
namespace {

using std::chrono::seconds;

const date::sys_seconds kDawn{date::sys_days{date::year::min() / date::January / 1}};
const date::sys_seconds kEnd{date::sys_days{date::year::max() / date::December / 31}};

// Big-endian fields of a TZif file, with every read bounds-checked.
class Reader {
 public:
  Reader(std::string_view bytes, const std::string& name) : rest_(bytes), name_(name) {}

  std::string_view take(std::size_t count) {
    if (count > rest_.size())
      fail("it ends early");
    const auto taken = rest_.substr(0, count);
    rest_.remove_prefix(count);
    return taken;
  }
  std::int64_t integer(std::size_t width) {
    std::uint64_t value = 0;
    for (const char byte : take(width))
      value = value << 8 | static_cast<unsigned char>(byte);
    if (width == 4)
      return static_cast<std::int32_t>(static_cast<std::uint32_t>(value));
    return static_cast<std::int64_t>(value);
  }
  std::uint8_t byte() { return static_cast<std::uint8_t>(take(1).front()); }
  [[noreturn]] void fail(std::string_view why) const {
    throw Error(ErrorCode::kInvalidInput,
                "the zone file of " + name_ + " is not usable (" + std::string(why) + ")");
  }

 private:
  std::string_view rest_;
  const std::string& name_;
};

struct Counts {
  std::int64_t is_ut = 0, is_std = 0, leaps = 0, times = 0, types = 0, chars = 0;

  std::size_t data_size(std::size_t time_width) const {
    return static_cast<std::size_t>(times) * (time_width + 1) +
           static_cast<std::size_t>(types) * 6 + static_cast<std::size_t>(chars) +
           static_cast<std::size_t>(leaps) * (time_width + 4) +
           static_cast<std::size_t>(is_std + is_ut);
  }
};

// The header: magic, version, 15 reserved bytes and six counts (RFC 8536, 3.1).
std::pair<char, Counts> header(Reader& in) {
  if (in.take(4) != "TZif")
    in.fail("no TZif header");
  const char version = static_cast<char>(in.byte());
  in.take(15);
  Counts counts;
  for (auto* count : {&counts.is_ut, &counts.is_std, &counts.leaps, &counts.times, &counts.types,
                      &counts.chars}) {
    *count = in.integer(4);
    if (*count < 0 || *count > 1'000'000)
      in.fail("a count is out of range");
  }
  if (counts.types < 1 || counts.types > 256 || counts.chars < 1)
    in.fail("no local time types");
  return {version, counts};
}

}  // namespace

Zone Zone::from_tzif(std::string name, std::string_view bytes) {
  Zone zone;
  zone.name_ = std::move(name);
  Reader in(bytes, zone.name_);
  auto [version, counts] = header(in);
  std::size_t width = 4;
  if (version != '\0') {  // version 2 and later repeat the data with 64-bit times
    in.take(counts.data_size(4));
    counts = header(in).second;
    width = 8;
  }
  if (counts.leaps != 0)
    in.fail("it counts leap seconds");
  std::vector<std::int64_t> times;
  for (std::int64_t i = 0; i < counts.times; ++i) {
    times.push_back(in.integer(width));
    if (i > 0 && times[static_cast<std::size_t>(i)] <= times[static_cast<std::size_t>(i - 1)])
      in.fail("its transitions are out of order");
  }
  std::vector<std::uint8_t> indices;
  for (std::int64_t i = 0; i < counts.times; ++i) {
    indices.push_back(in.byte());
    if (indices.back() >= counts.types)
      in.fail("a transition names no type");
  }
  std::vector<std::pair<std::int64_t, std::uint8_t>> abbrev_at;
  for (std::int64_t i = 0; i < counts.types; ++i) {
    Type type;
    type.offset = seconds{in.integer(4)};
    if (type.offset < seconds{-89'999} || type.offset > seconds{93'599})
      in.fail("an offset is out of range");  // RFC 8536: -24:59:59 to +25:59:59
    type.dst = in.byte() != 0;
    abbrev_at.emplace_back(i, in.byte());
    zone.types_.push_back(type);
  }
  const auto chars = in.take(static_cast<std::size_t>(counts.chars));
  in.take(static_cast<std::size_t>(counts.is_std + counts.is_ut));  // unused, but must be there
  for (const auto& [index, at] : abbrev_at) {
    if (at >= chars.size())
      in.fail("an abbreviation is out of range");
    const auto text = chars.substr(at);
    zone.types_[static_cast<std::size_t>(index)].abbrev =
        std::string(text.substr(0, text.find('\0')));
  }

  // As date::time_zone does: the time before the first transition takes the first
  // standard-time type, and a transition that changes nothing is dropped.
  const auto& types = zone.types_;
  if (times.empty() || date::sys_seconds{seconds{times.front()}} > kDawn) {
    const auto standard =
        std::find_if(types.begin(), types.end(), [](const Type& type) { return !type.dst; });
    zone.transitions_.push_back(
        {kDawn, static_cast<std::uint8_t>(standard == types.end() ? 0 : standard - types.begin())});
  }
  for (std::size_t i = 0; i < times.size(); ++i) {
    const auto& type = types[indices[i]];
    if (!zone.transitions_.empty()) {
      const auto& last = types[zone.transitions_.back().type];
      if (last.offset == type.offset && last.dst == type.dst && last.abbrev == type.abbrev)
        continue;
    }
    zone.transitions_.push_back({date::sys_seconds{seconds{times[i]}}, indices[i]});
  }
  return zone;
}

date::sys_info Zone::info_before(Iterator next) const {
  date::sys_info info;
  Iterator in_force = next;
  if (next != transitions_.begin()) {
    in_force = std::prev(next);
    info.begin = in_force->at;
    info.end = next != transitions_.end() ? next->at : kEnd;
  } else {
    info.begin = kDawn;
    info.end = std::next(next) != transitions_.end() ? std::next(next)->at : kEnd;
  }
  const auto& type = types_[in_force->type];
  info.offset = type.offset;
  info.save = type.dst ? std::chrono::minutes{1} : std::chrono::minutes{0};
  info.abbrev = type.abbrev;
  return info;
}

date::sys_info Zone::get_info(date::sys_seconds instant) const {
  return info_before(std::upper_bound(
      transitions_.begin(), transitions_.end(), instant,
      [](date::sys_seconds at, const Transition& transition) { return at < transition.at; }));
}

date::local_info Zone::get_info(date::local_seconds local) const {
  const auto as_utc = [local](seconds offset) {
    return date::sys_seconds{local.time_since_epoch() - offset};
  };
  // The first transition after `local` read with the offset that transition brings.
  auto next = std::upper_bound(transitions_.begin(), transitions_.end(), local,
                               [&](date::local_seconds, const Transition& transition) {
                                 return as_utc(types_[transition.type].offset) < transition.at;
                               });
  date::local_info info{};
  info.result = date::local_info::unique;
  info.first = info_before(next);
  const auto instant = as_utc(info.first.offset);
  if (instant < info.first.begin + date::days{1} && next != transitions_.begin()) {
    info.second = info_before(std::prev(next));
    if (as_utc(info.second.offset) < info.second.end && info.first.end != info.second.end) {
      info.result = date::local_info::ambiguous;
      std::swap(info.first, info.second);
    } else {
      info.second = {};
    }
  } else if (instant >= info.first.end && next != transitions_.end()) {
    info.second = info_before(std::next(next));
    if (as_utc(info.second.offset) < info.second.begin)
      info.result = date::local_info::nonexistent;
    else
      info.second = {};
  }
  return info;
}

}  // namespace qlfit
