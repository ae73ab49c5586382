#pragma once

#include "qlfit/remind.hpp"

#include <string>

namespace qlfit::cli::render {

// A reminder as one plain line for a terminal or a notification: "Time to stand up and
// move: you have sat 30m (since 10:25). Log it with 'qlfit log break'.", "3 sessions to go
// and 3 days left this week: ...", "12 of 20 minutes walked today: ...".
std::string reminder_text(const Reminder& reminder);

}  // namespace qlfit::cli::render
