// libFuzzer target for zone file bytes, as qlfit reads them: its size check of the
// headers, then CCTZ (as Debian's libabsl-dev ships it): the bytes reach CCTZ's
// reader through its public source hook (cctz_extension::zone_info_source_factory),
// uncached. No crash and no sanitizer report; a zone it reads answers any instant with
// an offset within RFC 8536's bounds, and any wall time with readings in order.
#include "system/cctz.hpp"
#include "system/zones.hpp"

#include <absl/time/internal/cctz/include/cctz/zone_info_source.h>
#include <absl/time/internal/cctz/src/time_zone_info.h>  // CCTZ's own reader, uncached
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace {

std::string_view input;  // the bytes of the run under way

// The input as CCTZ's stdio-like source.
class InputBytes final : public cctz::ZoneInfoSource {
 public:
  explicit InputBytes(std::string_view bytes) : rest_(bytes) {}
  std::size_t Read(void* to, std::size_t size) override {
    size = std::min(size, rest_.size());
    std::memcpy(to, rest_.data(), size);
    rest_.remove_prefix(size);
    return size;
  }
  int Skip(std::size_t offset) override {
    rest_.remove_prefix(std::min(offset, rest_.size()));
    return 0;
  }

 private:
  std::string_view rest_;
};

std::unique_ptr<cctz::ZoneInfoSource> from_input(
    const std::string& name,
    const std::function<std::unique_ptr<cctz::ZoneInfoSource>(const std::string&)>& fallback) {
  if (name == "fuzz")
    return std::make_unique<InputBytes>(input);
  return fallback(name);
}

void require(bool condition) {
  if (!condition)
    std::abort();
}

}  // namespace

namespace absl {
ABSL_NAMESPACE_BEGIN
namespace time_internal::cctz_extension {
ZoneInfoSourceFactory zone_info_source_factory = from_input;
}  // namespace time_internal::cctz_extension
ABSL_NAMESPACE_END
}  // namespace absl

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  input = std::string_view(reinterpret_cast<const char*>(data), size);
  if (!qlfit::system::tzif_sizes_fit(input))
    return 0;  // qlfit refuses it before CCTZ reads it (read_zone_file)
  cctz::TimeZoneInfo zone;
  if (!zone.Load("fuzz"))
    return 0;
  constexpr std::int_least32_t kLargestOffset = 26 * 3600;
  for (const std::int64_t at :
       {-4'000'000'000L, -1L, 0L, 1'000'000'000L, 1'795'000'000L, 2'200'000'000L, 4'000'000'000L}) {
    const auto instant =
        std::chrono::time_point_cast<cctz::seconds>(std::chrono::system_clock::from_time_t(0)) +
        cctz::seconds{at};
    const auto found = zone.BreakTime(instant);
    require(found.offset > -kLargestOffset && found.offset < kLargestOffset);
    const auto wall = zone.MakeTime(cctz::civil_second(1970, 1, 1, 0, 0, 0) + at);
    require(wall.pre <= wall.post || wall.kind == cctz::time_zone::civil_lookup::SKIPPED);
  }
  return 0;
}
