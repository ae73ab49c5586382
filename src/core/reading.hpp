#pragma once

// Reading what users type, for the core's own parsers (WHEN, offset times, settings,
// durations, import fields): a cursor over the text, digits, clocks, UTC offsets, dates
// and the weekday words. Private to src/core.

#include "qlfit/error.hpp"

#include <date/date.h>

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace qlfit {

// The years qlfit keeps.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 9999;

// The weekday words the contract reads and writes, by date::weekday::c_encoding().
inline constexpr std::array<std::string_view, 7> kWeekdayWords{"sun", "mon", "tue", "wed",
                                                               "thu", "fri", "sat"};
inline constexpr std::array<std::string_view, 7> kWeekdayFullWords{
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};

// Takes the digits at the front of `text` (one to nine, so no overflow); nullopt, taking
// nothing, when there are none or more than nine.
std::optional<long> take_number(std::string_view& text);

// A cursor over the text being parsed; every take* consumes only on success.
class Reader {
 public:
  explicit Reader(std::string_view text) : rest_(text) {}
  bool done() const { return rest_.empty(); }
  std::string_view rest() const { return rest_; }
  bool take(char c) {
    if (rest_.empty() || rest_.front() != c)
      return false;
    rest_.remove_prefix(1);
    return true;
  }
  bool take(std::string_view word) {
    if (rest_.substr(0, word.size()) != word)
      return false;
    rest_.remove_prefix(word.size());
    return true;
  }
  // Exactly `width` digits.
  std::optional<int> digits(std::size_t width);
  // One to nine digits.
  std::optional<long> number() { return take_number(rest_); }

 private:
  std::string_view rest_;
};

// How a parser of times refuses `text`, naming the option `what`.
struct Failure {
  std::string_view what;
  std::string_view text;

  // "... is not a time qlfit understands; try 07:30, ...".
  [[noreturn]] void unknown() const;
  // "... <text> <reason>".
  [[noreturn]] void because(const std::string& reason) const;
};

// HH:MM or HH:MM:SS (or H:MM); nullopt, taking nothing, when the text is not of that
// shape; refuses hours past 23 and minutes or seconds past 59.
std::optional<std::chrono::seconds> take_clock(Reader& in, const Failure& fail);
// Z, +HH:MM, +HHMM or +HH (and +HH:MM:SS); within +-14:00. nullopt when no sign or Z
// comes first.
std::optional<std::chrono::seconds> take_offset(Reader& in, const Failure& fail);
// YYYY-MM-DD, the digits only (not checked as a date); nullopt when not of that shape.
struct DateFields {
  int year = 0;
  int month = 0;
  int day = 0;
};
std::optional<DateFields> take_date_fields(Reader& in);
// Refuses a year before 1900.
void check_year(int y, const Failure& fail);
// The date, or a refusal saying why it is none (a year before 1900, month 13, 31 Nov).
date::year_month_day checked_date(int y, int m, int d, const Failure& fail);

}  // namespace qlfit
