#include "qlfit/parse.hpp"

#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

#include "reading.hpp"

#include <charconv>
#include <optional>
#include <string>

namespace qlfit {
namespace {

constexpr std::chrono::seconds kLongest = std::chrono::hours{24};

[[noreturn]] void bad_duration(std::string_view text, std::string_view what) {
  throw Error(ErrorCode::kInvalidInput,
              std::string(what) +
                  " must be a duration such as 25m, 1h15m, 90s or 45 (minutes), got " +
                  quote(text));
}

}  // namespace

std::int64_t parse_whole_number(std::string_view text, std::string_view what, std::int64_t lo,
                                std::int64_t hi) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, status] = std::from_chars(text.data(), end, value);
  if (text.empty() || status != std::errc{} || stop != end || value < lo || value > hi ||
      text.front() == '+') {
    throw Error(ErrorCode::kInvalidInput, std::string(what) + " must be a whole number from " +
                                              std::to_string(lo) + " to " + std::to_string(hi) +
                                              ", got " + quote(text));
  }
  return value;
}

std::chrono::seconds parse_duration(std::string_view text, std::string_view what) {
  std::string_view rest = text;
  std::chrono::seconds total{0};
  if (!rest.empty() && rest.find_first_not_of("0123456789") == std::string_view::npos) {
    const auto minutes = take_number(rest);
    if (!minutes)
      bad_duration(text, what);
    total = std::chrono::minutes{*minutes};
  } else {
    int last_unit = 3;  // h=2, m=1, s=0: each at most once, largest first
    while (!rest.empty()) {
      const auto number = take_number(rest);
      if (!number || rest.empty())
        bad_duration(text, what);
      const std::string_view units = "smh";
      const auto unit = units.find(rest.front());
      if (unit == std::string_view::npos || static_cast<int>(unit) >= last_unit) {
        bad_duration(text, what);
      }
      last_unit = static_cast<int>(unit);
      rest.remove_prefix(1);
      static constexpr long kScale[] = {1, 60, 3600};
      total += std::chrono::seconds{*number * kScale[unit]};
    }
    if (last_unit == 3)
      bad_duration(text, what);
  }
  if (total <= std::chrono::seconds{0} || total > kLongest) {
    throw Error(ErrorCode::kInvalidInput,
                std::string(what) + " must be more than 0 and at most 24h, got " + quote(text));
  }
  return total;
}

std::string parse_note(std::string_view text, std::string_view what) {
  constexpr std::size_t kLongestNote = 2000;
  // A note is private: the message says what is wrong with it, never what it says.
  if (text.size() > kLongestNote) {
    throw Error(ErrorCode::kInvalidInput, std::string(what) + " must be at most " +
                                              std::to_string(kLongestNote) + " bytes, got " +
                                              std::to_string(text.size()));
  }
  if (!is_valid_utf8(text) || text.find('\0') != std::string_view::npos) {
    throw Error(ErrorCode::kInvalidInput,
                std::string(what) + " must be UTF-8 text without NUL bytes");
  }
  return std::string(text);
}

std::string format_duration(std::chrono::seconds duration) {
  const long total = duration.count();
  const long hours = total / 3600;
  const long minutes = total % 3600 / 60;
  const long seconds = total % 60;
  std::string out;
  if (hours != 0)
    out += std::to_string(hours) + "h";
  if (minutes != 0)
    out += std::to_string(minutes) + "m";
  if (seconds != 0 || out.empty())
    out += std::to_string(seconds) + "s";
  return out;
}

}  // namespace qlfit
