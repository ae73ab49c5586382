#include "reminders.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/parse.hpp"

#include <fmt/format.h>

namespace qlfit::cli::render {
namespace {

std::string plural(long count, const char* one, const char* many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

}  // namespace

std::string reminder_text(const Reminder& reminder) {
  switch (reminder.kind) {
    case Kind::kBreak:
      return fmt::format(
          "Time to stand up and move: you have sat {} (since {}). Log it with 'qlfit log break'.",
          format_duration(reminder.sat), clock_time(reminder.since));
    case Kind::kSession:
      return fmt::format("{} to go and {} left this week: time for your QL routine today.",
                         plural(reminder.to_go, "session", "sessions"),
                         plural(reminder.days_left, "day", "days"));
    case Kind::kWalk:
      break;
  }
  return fmt::format("{} of {} minutes walked today: time for a walk.", reminder.walked.count(),
                     reminder.walk_min);
}

}  // namespace qlfit::cli::render
