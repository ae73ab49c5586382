#pragma once

#include "qlfit/status.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace qlfit::cli::render {

// The status bars `status --bar` speaks to.
enum class Bar { kWaybar, kI3blocks, kPolybar, kTmux };

// The bar for its name; std::nullopt for anything else.
std::optional<Bar> bar_named(std::string_view name);

// `status` for people: a line each for the timer, sessions, walk, sitting, away and due.
std::string status_text(const Status& status, date::sys_seconds now);
// `status --json`: {timer, sessions{count,min,max}, walk{minutes,min,max}, sitting_minutes,
// away, due[]}.
nlohmann::ordered_json status_document(const Status& status, date::sys_seconds now);
// `status --bar BAR`: the bar's own format, ending in a newline. Plain text and the bar's
// markup only: never a terminal escape, a note or a pain value.
std::string status_bar(const Status& status, Bar bar, date::sys_seconds now);

}  // namespace qlfit::cli::render
