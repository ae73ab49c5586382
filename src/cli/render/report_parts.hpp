#pragma once

// What the parts of the HTML report share: the charts' geometry, the flags kept per day,
// and small formatting helpers (report.cpp writes the page, report_charts.cpp the charts).
#include "qlfit/calendar.hpp"
#include "qlfit/report.hpp"

#include "report.hpp"

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace qlfit::cli::render {

using Axis = HtmlReport::Axis;

inline constexpr double kWidth = 720;  // of every chart, in SVG units (CSS scales it to the page)
inline constexpr double kLeft = 40;    // room for the y axis labels
inline constexpr double kRight = 8;
inline constexpr double kTop = 16;     // room for month or year labels above a row
inline constexpr double kBottom = 18;  // room for the week labels below a row
inline constexpr int kOneRow = 53;     // up to this many weeks, every chart has one row

// kUntracked: in a week over before the first entry; the summaries leave such days out.
enum DayFlag : std::uint8_t {
  kInBand = 1,
  kPaused = 2,
  kFuture = 4,
  kWorking = 8,
  kUntracked = 16
};

// "12.5", "12" (no trailing ".0"): coordinates, short.
std::string num(double value);
date::year_month_day plus_days(date::year_month_day day, int days);
// The place of item `i` of a row whose first item is at `first` (both counted from 0).
std::size_t slot(int first, int i);
// "7 Sep".
std::string short_day(date::year_month_day day);
// "Mon 7 Sep 2026".
std::string long_day(date::year_month_day day);
// "7–13 Sep", "28 Sep – 4 Oct".
std::string week_days(const DateRange& range);
// The CSS class of a verdict: met, missed, open, paused, untracked.
const char* verdict_class(Verdict verdict);
// "Mon 7 Sep 2026 – Sun 29 Nov 2026".
std::string period_words(const WeekSpan& span);
// Opens a chart: its size, and its text alternative as <title> and <desc>.
void open_svg(std::ostream& out, const std::string& id, double height, const std::string& title,
              const std::string& desc, double width = kWidth);
// Horizontal grid lines (one path) at every step from 0 to the top, labelled on the left.
void y_axis(std::ostream& out, double y0, double height, Axis axis, double right);
// A round step for an axis up to `top`: about five lines.
int axis_step(int top);
int rounded_up(int value, int step);

}  // namespace qlfit::cli::render
