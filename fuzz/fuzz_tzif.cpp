// libFuzzer target for TZif bytes (qlfit::Zone): no crash, only qlfit::Error on refusal;
// a zone it reads answers for any instant with a span that holds it and an offset
// within a day, and for any wall time with an answer that names a real offset.
#include "qlfit/error.hpp"
#include "qlfit/zone.hpp"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    const qlfit::Zone zone = qlfit::Zone::from_tzif("fuzz", bytes);
    using std::chrono::seconds;
    for (const long at :
         {-4'000'000'000L, -1L, 0L, 1'000'000'000L, 1'795'000'000L, 4'000'000'000L}) {
      const date::sys_seconds instant{seconds{at}};
      const auto info = zone.get_info(instant);
      if (instant < info.begin || instant >= info.end || info.offset > std::chrono::hours{26} ||
          info.offset < -std::chrono::hours{26}) {
        std::abort();
      }
      const auto local = zone.get_info(date::local_seconds{seconds{at}});
      if (local.result == date::local_info::unique && local.second.offset != seconds{0})
        std::abort();
    }
  } catch (const qlfit::Error&) {
  }
  return 0;
}
