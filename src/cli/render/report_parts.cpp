#include "report_parts.hpp"

#include "qlfit/parse.hpp"

#include "render.hpp"

#include <fmt/format.h>

#include <ostream>

namespace qlfit::cli::render {

using std::chrono::minutes;

// "12.5", "12" (no trailing ".0"): coordinates, short.
std::string num(double value) {
  std::string text = fmt::format("{:.1f}", value);
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0)
    text.resize(text.size() - 2);
  return text == "-0" ? "0" : text;
}

date::year_month_day plus_days(date::year_month_day day, int days) {
  return date::year_month_day{date::sys_days{day} + date::days{days}};
}

// The place of item `i` of a row whose first item is at `first` (both counted from 0).
std::size_t slot(int first, int i) {
  return static_cast<std::size_t>(first) + static_cast<std::size_t>(i);
}

// "7 Sep".
std::string short_day(date::year_month_day day) {
  return fmt::format("{} {}", static_cast<unsigned>(day.day()), month_name(day.month()));
}

// "Mon 7 Sep 2026".
std::string long_day(date::year_month_day day) {
  return fmt::format("{} {}", human_day(day), static_cast<int>(day.year()));
}

// "7–13 Sep", "28 Sep – 4 Oct".
std::string week_days(const DateRange& range) {
  if (range.first.month() == range.last.month()) {
    return fmt::format("{}–{}", static_cast<unsigned>(range.first.day()), short_day(range.last));
  }
  return short_day(range.first) + " – " + short_day(range.last);
}

const char* verdict_class(Verdict verdict) {
  switch (verdict) {
    case Verdict::kMet:
      return "met";
    case Verdict::kMissed:
      return "missed";
    case Verdict::kOnTrack:
    case Verdict::kAtRisk:
      return "open";
    case Verdict::kPaused:
      return "paused";
    case Verdict::kUntracked:
      return "untracked";
  }
  return "open";
}

std::string period_words(const WeekSpan& span) {
  const DateRange range = span.range();
  return fmt::format("{} – {}", long_day(range.first), long_day(range.last));
}

// Opens a chart: its size, and its text alternative as <title> and <desc>.
void open_svg(std::ostream& out, const std::string& id, double height, const std::string& title,
              const std::string& desc, double width) {
  out << fmt::format(
      "<svg id=\"{0}\" viewBox=\"0 0 {1} {2}\" width=\"{1}\" height=\"{2}\" role=\"img\" "
      "aria-labelledby=\"{0}-t {0}-d\"><title id=\"{0}-t\">{3}</title><desc "
      "id=\"{0}-d\">{4}</desc>\n",
      id, num(width), num(height), title, desc);
}

// Horizontal grid lines (one path) at every step from 0 to the top, labelled on the left.
void y_axis(std::ostream& out, double y0, double height, Axis axis, double right) {
  const auto [top, step, in_minutes] = axis;
  std::string lines;
  for (int value = 0; value <= top; value += step) {
    const double y = y0 + height - height * value / top;
    lines += fmt::format("M{} {}H{}", num(kLeft), num(y), num(right));
    out << fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", num(kLeft - 4), num(y + 3.5),
        in_minutes && value > 0 ? format_duration(minutes{value}) : std::to_string(value));
  }
  out << fmt::format("<path class=\"grid\" d=\"{}\"/>\n", lines);
}

// A round step for an axis up to `top`: about five lines.
int axis_step(int top) {
  for (const int step : {1, 2, 5, 10, 15, 30, 60, 120, 240}) {
    if (top / step <= 6)
      return step;
  }
  return 480;
}

int rounded_up(int value, int step) {
  return (value + step - 1) / step * step;
}

}  // namespace qlfit::cli::render
