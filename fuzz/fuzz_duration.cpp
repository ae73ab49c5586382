// libFuzzer target for DURATION: no crash, only qlfit::Error on refusal, results in
// (0, 24h], and format_duration reads back to the same length.
#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto duration = qlfit::parse_duration(text, "fuzz");
    if (duration <= std::chrono::seconds{0} || duration > std::chrono::hours{24})
      std::abort();
    if (qlfit::parse_duration(qlfit::format_duration(duration), "fuzz") != duration)
      std::abort();
  } catch (const qlfit::Error&) {
  }
  return 0;
}
