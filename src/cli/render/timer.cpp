#include "qlfit/calendar.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/text.hpp"

#include "render.hpp"

#include <fmt/format.h>

namespace qlfit::cli::render {
namespace {

std::string started_at(const Timer& timer) {
  return human_time(date::local_seconds{timer.start.time_since_epoch() + timer.offset});
}

}  // namespace

std::string started_line(const Timer& timer) {
  return fmt::format("{} timer started {}; 'qlfit stop' logs it", timer.activity,
                     started_at(timer));
}

std::string cancelled_line(const Timer& timer) {
  return fmt::format("cancelled the {} timer started {} (nothing logged)", timer.activity,
                     started_at(timer));
}

std::string status_line(const std::optional<Timer>& timer, date::sys_seconds now) {
  if (!timer)
    return "no timer running";
  const auto elapsed = std::max(now - timer->start, std::chrono::seconds{0});
  return fmt::format("{} running since {} ({})", timer->activity, started_at(*timer),
                     elapsed.count() == 0 ? "just now" : format_duration(elapsed));
}

nlohmann::ordered_json status_json(const std::optional<Timer>& timer, date::sys_seconds now) {
  if (!timer)
    return {{"running", false}};
  return {{"running", true},
          {"activity", timer->activity},
          {"kind", std::string(to_string(timer->kind))},
          {"start", iso_datetime(timer->start, timer->offset)},
          {"elapsed_s", std::max(now - timer->start, std::chrono::seconds{0}).count()}};
}

}  // namespace qlfit::cli::render
