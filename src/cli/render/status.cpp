#include "status.hpp"

#include "qlfit/parse.hpp"
#include "qlfit/text.hpp"

#include "render.hpp"
#include "report.hpp"

#include <fmt/format.h>

#include <vector>

namespace qlfit::cli::render {
namespace {

constexpr const char* kDueColour = "#e66100";   // orange: something is due
constexpr const char* kAwayColour = "#9a9996";  // grey: away from the desk
constexpr const char* kOkColour = "#33d17a";    // green: nothing due

std::string joined(const std::vector<std::string>& words, std::string_view separator) {
  std::string text;
  for (const std::string& word : words)
    text += (text.empty() ? "" : std::string(separator)) + word;
  return text;
}

std::vector<std::string> due_words(const Status& status) {
  std::vector<std::string> words;
  for (const Kind kind : status.due)
    words.emplace_back(to_string(kind));
  return words;
}

// "0m", "40m", "1h5m".
std::string minutes_text(std::chrono::minutes minutes) {
  return minutes.count() == 0 ? std::string("0m") : format_duration(minutes);
}

std::string colour_of(const Status& status) {
  if (!status.due.empty())
    return kDueColour;
  return status.away ? kAwayColour : kOkColour;
}

// "QL 2/3 · walk 12/20m · sat 40m", with the timer or "away" in front when so.
std::string bar_text(const Status& status, date::sys_seconds now) {
  std::vector<std::string> parts;
  if (status.away)
    parts.emplace_back("away");
  if (status.timer) {
    const auto elapsed = std::max(now - status.timer->start, std::chrono::seconds{0});
    parts.push_back(fmt::format("{} {}", status.timer->activity,
                                minutes_text(date::floor<std::chrono::minutes>(elapsed))));
  }
  parts.push_back(status.week_paused
                      ? fmt::format("QL {} paused", status.sessions)
                      : fmt::format("QL {}/{}", status.sessions, status.sessions_target.min));
  parts.push_back(fmt::format("walk {}/{}m", status.walked.count(), status.walk_target.min));
  if (status.sitting && !status.away && !status.timer)
    parts.push_back("sat " + minutes_text(*status.sitting));
  return joined(parts, " · ");
}

// The short text of i3blocks: what matters most now.
std::string short_text(const Status& status) {
  if (status.is_due(Kind::kBreak))
    return "stand up";
  if (!status.due.empty())
    return "due: " + joined(due_words(status), ", ");
  return status.away ? "away" : "ok";
}

// tmux reads "#" as the start of a format.
std::string tmux_escaped(std::string_view text) {
  std::string out;
  for (const char c : text)
    out += c == '#' ? std::string("##") : std::string(1, c);
  return out;
}

// polybar reads "%{" as a tag.
std::string polybar_escaped(std::string_view text) {
  std::string out;
  for (const char c : text)
    out += c == '%' ? std::string("%%") : std::string(1, c);
  return out;
}

}  // namespace

std::optional<Bar> bar_named(std::string_view name) {
  if (name == "waybar")
    return Bar::kWaybar;
  if (name == "i3blocks")
    return Bar::kI3blocks;
  if (name == "polybar")
    return Bar::kPolybar;
  if (name == "tmux")
    return Bar::kTmux;
  return std::nullopt;
}

std::string status_text(const Status& status, date::sys_seconds now) {
  // A name is checked where it comes in; a line that reaches a bar or a terminal is made
  // printable all the same (no control character, whatever the database holds).
  std::string text = printable_line(status_line(status.timer, now)) + "\n";
  text += status.week_paused
              ? fmt::format("sessions  {} this week, paused: nothing asked\n", status.sessions)
              : fmt::format("sessions  {} of {} this week\n", status.sessions,
                            band(status.sessions_target));
  text += fmt::format("walk      {} of {} min today\n", status.walked.count(),
                      band(status.walk_target));
  if (!status.sitting) {
    text += "sitting   - (outside working hours)\n";
  } else {
    text += fmt::format("sitting   {} since the last break\n", minutes_text(*status.sitting));
  }
  text +=
      fmt::format("away      {}\n", status.away ? "yes: reminders wait until you are back" : "no");
  text += fmt::format("due       {}\n", status.due.empty() ? std::string("nothing")
                                                           : joined(due_words(status), ", "));
  return text;
}

nlohmann::ordered_json status_document(const Status& status, date::sys_seconds now) {
  nlohmann::ordered_json timer = nullptr;
  if (status.timer) {
    timer = status_json(status.timer, now);
    timer.erase("running");
  }
  return {
      {"timer", timer},
      {"sessions",
       {{"count", status.sessions},
        {"min", status.sessions_target.min},
        {"max", status.sessions_target.max},
        {"paused", status.week_paused}}},
      {"walk",
       {{"minutes", status.walked.count()},
        {"min", status.walk_target.min},
        {"max", status.walk_target.max}}},
      {"sitting_minutes", status.sitting ? nlohmann::ordered_json(status.sitting->count())
                                         : nlohmann::ordered_json(nullptr)},
      {"away", status.away},
      {"due", due_words(status)},
  };
}

std::string status_bar(const Status& status, Bar bar, date::sys_seconds now) {
  const std::string text = printable_line(bar_text(status, now));
  const std::string colour = colour_of(status);
  switch (bar) {
    case Bar::kWaybar: {
      std::vector<std::string> classes;
      for (const std::string& kind : due_words(status))
        classes.push_back("due-" + kind);
      if (status.away)
        classes.emplace_back("away");
      if (classes.empty())
        classes.emplace_back("ok");
      const std::string tooltip = status_text(status, now);
      const nlohmann::ordered_json line{
          // Pango markup is GMarkup, which reads the report's character references.
          {"text", html_escaped(text)},
          {"tooltip", html_escaped(tooltip.substr(0, tooltip.size() - 1))},
          {"class", classes},
          {"percentage", status.walk_percent()},
      };
      return line.dump() + "\n";
    }
    case Bar::kI3blocks:
      return text + "\n" + short_text(status) + "\n" + colour + "\n";
    case Bar::kPolybar:
      return fmt::format("%{{F{}}}{}%{{F-}}\n", colour, polybar_escaped(text));
    case Bar::kTmux:
      return fmt::format("#[fg={}]{}#[default]\n", colour, tmux_escaped(text));
  }
  return text + "\n";
}

}  // namespace qlfit::cli::render
