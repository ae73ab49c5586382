#include "qlfit/calendar.hpp"
#include "qlfit/text.hpp"

#include "render.hpp"

#include <fmt/format.h>

namespace qlfit::cli::render {

std::string pause_line(const Pause& pause) {
  return fmt::format("#{} {}..{}{}", pause.n, iso_date(pause.days.first), iso_date(pause.days.last),
                     pause.note ? " " + printable(*pause.note) : "");
}

std::string pause_table(const std::vector<Pause>& pauses) {
  if (pauses.empty())
    return "no pauses\n";
  std::string out;
  for (const Pause& pause : pauses)
    out += pause_line(pause) + "\n";
  return out;
}

}  // namespace qlfit::cli::render
