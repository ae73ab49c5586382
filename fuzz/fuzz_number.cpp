// libFuzzer target for whole numbers (pain, minutes, limits) and QLFIT_NOW instants:
// no crash, values in range, and printing reads back to the same value.
#include "qlfit/calendar.hpp"
#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/when.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto pain = qlfit::parse_whole_number(text, "--pain", 0, 10);
    if (pain < 0 || pain > 10)
      std::abort();
    if (qlfit::parse_whole_number(std::to_string(pain), "--pain", 0, 10) != pain)
      std::abort();
  } catch (const qlfit::Error&) {
  }
  try {
    const auto instant = qlfit::parse_instant(text, "QLFIT_NOW");
    if (qlfit::parse_instant(qlfit::iso_datetime(instant, std::chrono::seconds{0}), "x") !=
        instant) {
      std::abort();
    }
  } catch (const qlfit::Error&) {
  }
  return 0;
}
