#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace qlfit {

// Parses a whole decimal number from `lo` to `hi`, nothing else around it.
// Throws Error(kInvalidInput): "<what> must be a whole number from lo to hi, got "x"".
std::int64_t parse_whole_number(std::string_view text, std::string_view what, std::int64_t lo,
                                std::int64_t hi);

// Parses a DURATION: "25m", "1h15m", "90s", "1h", or bare minutes "45"; more than
// 0 and at most 24h. Throws Error(kInvalidInput) quoting the text otherwise.
std::chrono::seconds parse_duration(std::string_view text, std::string_view what);

// A note (or a description, `what` names it): UTF-8 text of at most 2000 bytes and no
// NUL, returned as it is. Throws Error(kInvalidInput) otherwise, never quoting the text.
std::string parse_note(std::string_view text, std::string_view what = "--note");

// "25m", "1h15m", "90s", "1h": the shortest DURATION that parse_duration reads back.
std::string format_duration(std::chrono::seconds duration);

}  // namespace qlfit
