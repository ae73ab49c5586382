#pragma once

#include "qlfit/calendar.hpp"

#include <chrono>

namespace qlfit {

// A target band: met at `min`, a gentle note above `max`.
struct Band {
  int min = 0;
  int max = 0;
};

// Everything a user can tune; the defaults are the advice qlfit is built on.
struct Settings {
  Band sessions{3, 4};  // routine sessions per week
  Band walk{20, 30};    // walk minutes per day
  WeekStart week_start = WeekStart::kMonday;
  std::chrono::minutes day_start{0};
  std::chrono::seconds session_duration{std::chrono::minutes{10}};
  std::chrono::seconds break_duration{std::chrono::minutes{2}};
  int pain_warn = 7;  // pain at or above this shows the health advice
};

}  // namespace qlfit
