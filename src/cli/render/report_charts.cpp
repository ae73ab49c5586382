// The HTML report's charts: sessions, walks, breaks and pain, row by row (a row a year
// past 53 weeks), from the few numbers HtmlReport keeps per week and per day.
#include "qlfit/calendar.hpp"
#include "qlfit/parse.hpp"

#include "render.hpp"
#include "report.hpp"
#include "report_parts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <ostream>

namespace qlfit::cli::render {

namespace {
using std::chrono::minutes;
}  // namespace

void HtmlReport::chart(const std::string& id, double plot, Axis axis, const std::string& title,
                       const std::string& desc,
                       const std::function<void(const Row& row, double y0)>& draw) {
  const double row_height = kTop + plot + kBottom;
  open_svg(out_, id, static_cast<double>(rows_.size()) * row_height, title, desc);
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    const Row& row = rows_[r];
    const double y0 = static_cast<double>(r) * row_height + kTop;
    if (row.year != 0) {
      out_ << fmt::format("<text x=\"0\" y=\"{}\" font-weight=\"bold\">{}</text>", num(y0 - 5),
                          row.year);
    }
    y_axis(out_, y0, plot, axis, kLeft + row.weeks * pitch_);
    draw(row, y0);
  }
  out_ << "</svg>\n";
}

void HtmlReport::sessions_chart() {
  int top = 4;
  int judged = 0;
  int met = 0;
  for (const PeriodStats& week : weeks_) {
    top = std::max({top, week.sessions.count, week.sessions.target.max});
    judged += week.sessions.verdict == Verdict::kMet || week.sessions.verdict == Verdict::kMissed;
    met += week.sessions.verdict == Verdict::kMet;
  }
  ++top;
  const double plot = 100;
  // Wide columns are labelled with their first day, every one or every other; narrow ones
  // (past a few months) with the month they start.
  const bool by_day = pitch_ >= 20;
  const int label_every = pitch_ >= 40 ? 1 : 2;
  out_ << fmt::format(
      "<section id=\"sessions\">\n<h2>Routine sessions per week</h2>\n<p class=\"sum\">Target "
      "met in <b>{} of {}</b> finished weeks (paused weeks ask nothing).</p>\n",
      met, judged);
  const auto draw = [&](const Row& row, double y0) {
    const auto y_of = [&](int value) { return y0 + plot - plot * value / top; };
    std::string bands;
    for (int i = 0; i < row.weeks; ++i) {
      const SessionSummary& sessions = weeks_[slot(row.first, i)].sessions;
      if (sessions.target.max > 0 && sessions.verdict != Verdict::kUntracked) {
        bands += fmt::format("M{} {}h{}V{}h-{}z", num(kLeft + i * pitch_),
                             num(y_of(sessions.target.max)), num(pitch_),
                             num(y_of(sessions.target.min)), num(pitch_));
      }
    }
    out_ << fmt::format("<path class=\"band\" d=\"{}\"/>\n", bands);
    for (int i = 0; i < row.weeks; ++i) {
      const PeriodStats& week = weeks_[slot(row.first, i)];
      const SessionSummary& sessions = week.sessions;
      const double height = std::max(plot * sessions.count / top, 1.5);
      const double x = kLeft + i * pitch_ + pitch_ * 0.2;
      out_ << fmt::format(
          "<rect class=\"b {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {} · "
          "{}</title></rect>\n",
          verdict_class(sessions.verdict), num(x), num(y0 + plot - height), num(pitch_ * 0.6),
          num(height), week.period.label, counted_sessions(sessions), verdict_words(sessions));
      const auto first = week.period.range.first;
      const bool new_month = first.month() != plus_days(first, -7).month();
      if (by_day ? i % label_every == 0 : new_month) {
        out_ << fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", num(kLeft + i * pitch_),
                            num(y0 + plot + 13),
                            by_day ? short_day(first) : month_name(first.month()));
      }
    }
    out_ << '\n';
  };
  chart("sessions-chart", plot, Axis{top, axis_step(top)},
        "Routine sessions per week against the target band",
        fmt::format("A bar a week: the sessions done; the shaded band is the target ({} a week, "
                    "less in partly paused weeks). {} of {} finished weeks met it.",
                    band(page_.settings.sessions), met, judged),
        draw);
  out_ << "<ul class=\"legend\"><li><i class=\"km\"></i>met</li><li><i "
          "class=\"kx\"></i>missed</li><li><i class=\"ko\"></i>this week, still open</li><li><i "
          "class=\"kp\"></i>paused</li><li><i class=\"kb\"></i>target band</li></ul>\n"
          "</section>\n";
}

void HtmlReport::walk_chart() {
  const Band target = page_.settings.walk;
  int most = 0;
  int days = 0;
  int in_band = 0;
  for (const Day& day : days_) {
    most = std::max<int>(most, day.walk);
    if ((day.flags & (kFuture | kPaused | kUntracked)) != 0)
      continue;
    ++days;
    in_band += (day.flags & kInBand) != 0;
  }
  const int top = rounded_up(std::clamp(most, target.max + 10, target.max * 3), 10);
  const double plot = 90;
  const double day_width = pitch_ / 7;
  out_ << fmt::format(
      "<section id=\"walks\">\n<h2>Walk minutes per day</h2>\n<p class=\"sum\">A walk of {}+ "
      "minutes on <b>{} of {}</b>.</p>\n",
      target.min, in_band, plural(days, "day", "days"));
  const auto draw = [&](const Row& row, double y0) {
    const double right = kLeft + row.weeks * pitch_;
    const auto y_of = [&](int value) { return y0 + plot - plot * std::min(value, top) / top; };
    out_ << fmt::format("<path class=\"band\" d=\"M{} {}H{}V{}H{}z\"/>\n", num(kLeft),
                        num(y_of(target.max)), num(right), num(y_of(target.min)), num(kLeft));
    std::string in;
    std::string low;
    std::string paused;
    for (int i = 0; i < row.weeks * 7; ++i) {
      const Day& day = days_[slot(row.first * 7, i)];
      const double x = kLeft + i * day_width + day_width * 0.1;
      const double width = std::max(day_width * 0.8, 0.8);
      if ((day.flags & kPaused) != 0) {
        paused +=
            fmt::format("M{} {}h{}v2h-{}z", num(x), num(y0 + plot - 2), num(width), num(width));
      } else if (day.walk > 0) {
        (((day.flags & kInBand) != 0) ? in : low) +=
            fmt::format("M{} {}h{}V{}h-{}z", num(x), num(y_of(day.walk)), num(width),
                        num(y0 + plot), num(width));
      }
    }
    out_ << fmt::format(
        "<path class=\"in\" d=\"{}\"/>\n<path class=\"low\" d=\"{}\"/>\n<path class=\"paused\" "
        "d=\"{}\"/>\n",
        in, low, paused);
  };
  chart("walk-chart", plot, Axis{top, axis_step(top)},
        "Walk minutes per day against the daily band",
        fmt::format("A bar a day: the minutes walked; the shaded band is {} minutes. {} of {} "
                    "reached {} minutes.",
                    band(target), in_band, plural(days, "day", "days"), target.min),
        draw);
  out_ << fmt::format(
      "<ul class=\"legend\"><li><i class=\"km\"></i>{}+ minutes</li><li><i "
      "class=\"kx\"></i>less</li><li><i class=\"kp\"></i>paused</li><li><i "
      "class=\"kb\"></i>daily band, {} min</li></ul>\n</section>\n",
      target.min, band(target));
}

void HtmlReport::breaks_charts() {
  const Settings& settings = page_.settings;
  int most_breaks = 4;
  int working_days = 0;
  int breaks = 0;
  for (const Day& day : days_) {
    most_breaks = std::max<int>(most_breaks, day.breaks);
    if ((day.flags & kWorking) == 0 || (day.flags & (kPaused | kFuture | kUntracked)) != 0)
      continue;
    ++working_days;
    breaks += day.breaks;
  }
  const int every = static_cast<int>(date::floor<minutes>(settings.break_every).count());
  int longest = every + 30;
  int too_long = 0;
  for (const PeriodStats& week : weeks_) {
    longest = std::max(longest, static_cast<int>(week.breaks.longest_sitting.count()));
    too_long += week.breaks.sat_too_long;
  }
  const int breaks_top = rounded_up(most_breaks + 1, axis_step(most_breaks + 1));
  const int sitting_top = rounded_up(longest, axis_step(longest));
  const double plot = 80;
  out_ << fmt::format(
      "<section id=\"breaks\">\n<h2>Breaks and sitting</h2>\n<p class=\"sum\"><b>{}</b> on {} "
      "({} a working day; working hours {} {}).</p>\n",
      plural(breaks, "break", "breaks"), plural(working_days, "working day", "working days"),
      one_decimal(working_days > 0 ? static_cast<double>(breaks) / working_days : 0.0),
      setting_value(settings, "break.days"), setting_value(settings, "break.hours"));
  const double day_width = pitch_ / 7;
  const auto draw_breaks = [&](const Row& row, double y0) {
    std::string bars;
    for (int i = 0; i < row.weeks * 7; ++i) {
      const Day& day = days_[slot(row.first * 7, i)];
      if ((day.flags & kWorking) == 0 || (day.flags & (kPaused | kFuture)) != 0 || day.breaks == 0)
        continue;
      const double height = plot * day.breaks / breaks_top;
      bars += fmt::format("M{} {}h{}v{}h-{}z", num(kLeft + i * day_width + day_width * 0.1),
                          num(y0 + plot - height), num(std::max(day_width * 0.8, 0.8)), num(height),
                          num(std::max(day_width * 0.8, 0.8)));
    }
    out_ << fmt::format("<path class=\"ok\" d=\"{}\"/>\n", bars);
  };
  chart("breaks-chart", plot, Axis{breaks_top, axis_step(breaks_top)}, "Breaks on each working day",
        fmt::format("A bar a working day: the breaks logged that day. {} on {}.",
                    plural(breaks, "break", "breaks"),
                    plural(working_days, "working day", "working days")),
        draw_breaks);
  out_ << fmt::format(
      "<p class=\"sum\">The longest sitting stretch of each week, inside working hours: longer "
      "than {} in <b>{}</b>.</p>\n",
      format_duration(settings.break_every), plural(too_long, "week", "weeks"));
  const auto draw_sitting = [&](const Row& row, double y0) {
    const double right = kLeft + row.weeks * pitch_;
    for (int i = 0; i < row.weeks; ++i) {
      const PeriodStats& week = weeks_[slot(row.first, i)];
      if (!week.breaks.longest_on)
        continue;
      const double height =
          plot * static_cast<double>(week.breaks.longest_sitting.count()) / sitting_top;
      out_ << fmt::format(
          "<rect class=\"s {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {} on "
          "{}</title></rect>\n",
          week.breaks.sat_too_long ? "long" : "ok", num(kLeft + i * pitch_ + pitch_ * 0.2),
          num(y0 + plot - height), num(pitch_ * 0.6), num(height), week.period.label,
          format_duration(week.breaks.longest_sitting), human_day(*week.breaks.longest_on));
    }
    const double limit = y0 + plot - plot * every / sitting_top;
    out_ << fmt::format("<path class=\"limit\" d=\"M{} {}H{}\"/>\n", num(kLeft), num(limit),
                        num(right));
  };
  chart("sitting-chart", plot, Axis{sitting_top, axis_step(sitting_top), true},
        "The longest sitting stretch of each week",
        fmt::format("A bar a week: its longest time in working hours with nothing logged; the "
                    "dashed line is {}. {} went past it.",
                    format_duration(settings.break_every), plural(too_long, "week", "weeks")),
        draw_sitting);
  out_ << fmt::format(
      "<ul class=\"legend\"><li><i class=\"km\"></i>at most {}</li><li><i "
      "class=\"kx\"></i>longer</li><li><i class=\"kw\"></i>{}: break.every</li></ul>\n"
      "</section>\n",
      format_duration(settings.break_every), format_duration(settings.break_every));
}

void HtmlReport::pain_section() {
  out_ << "<section id=\"pain\">\n<h2>Pain</h2>\n";
  std::vector<const PeriodStats*> advised;
  int weeks_with_pain = 0;
  for (const PeriodStats& week : weeks_) {
    if (!week.pain)
      continue;
    ++weeks_with_pain;
    if (week.pain->advice)
      advised.push_back(&week);
  }
  if (weeks_with_pain == 0) {
    out_ << "<p class=\"sum\">No pain was logged in this period.</p>\n</section>\n";
    return;
  }
  const int warn = page_.settings.pain_warn;
  out_ << fmt::format(
      "<p class=\"sum\">Pain was logged in {}; the provider advice applies to <b>{}</b> (pain "
      "at {} or more, or rising).</p>\n",
      plural(weeks_with_pain, "week", "weeks"),
      plural(static_cast<long>(advised.size()), "week", "weeks"), warn);
  const double plot = 90;
  const auto draw = [&](const Row& row, double y0) {
    const double right = kLeft + row.weeks * pitch_;
    const auto y_of = [&](double value) { return y0 + plot - plot * value / 10; };
    out_ << fmt::format("<path class=\"limit\" d=\"M{} {}H{}\"/>\n", num(kLeft), num(y_of(warn)),
                        num(right));
    // The averages, joined across weeks without pain, and a dot on each.
    std::string line;
    std::string dots;
    const double dot = std::clamp(pitch_ * 0.08, 1.0, 2.5);
    for (int i = 0; i < row.weeks; ++i) {
      const PeriodStats& week = weeks_[slot(row.first, i)];
      if (!week.pain)
        continue;
      const double x = kLeft + (i + 0.5) * pitch_;
      const double y = y_of(week.pain->average);
      line += fmt::format("{}{} {}", line.empty() ? 'M' : 'L', num(x), num(y));
      dots += fmt::format("M{} {}h{}v{}h-{}z", num(x - dot), num(y - dot), num(2 * dot),
                          num(2 * dot), num(2 * dot));
    }
    out_ << fmt::format("<path class=\"avg\" d=\"{}\"/>\n<path class=\"met\" d=\"{}\"/>\n", line,
                        dots);
    for (int i = 0; i < row.weeks; ++i) {
      const PeriodStats& week = weeks_[slot(row.first, i)];
      if (!week.pain)
        continue;
      out_ << fmt::format(
          "<circle class=\"hi{}\" cx=\"{}\" cy=\"{}\" r=\"{}\"><title>{}: {}{}</title></circle>\n",
          week.pain->advice ? " adv" : "", num(kLeft + (i + 0.5) * pitch_),
          num(y_of(week.pain->highest)), num(std::clamp(pitch_ * 0.18, 1.5, 4.0)),
          week.period.label, pain_words(*week.pain), week.pain->advice ? " · see a provider" : "");
    }
  };
  chart("pain-chart", plot, Axis{10, 2}, "Pain over time, 0 to 10",
        fmt::format("The line joins each week's average pain, the rings mark its highest (filled: "
                    "the provider advice applies); the dashed line is {}. Weeks with pain: {}.",
                    warn, weeks_with_pain),
        draw);
  out_ << fmt::format(
      "<ul class=\"legend\"><li><i class=\"km\"></i>weekly average (line) and highest "
      "(ring)</li><li><i class=\"kx\"></i>advice applies</li><li><i class=\"kw\"></i>pain "
      "{}</li></ul>\n",
      warn);
  if (!advised.empty()) {
    constexpr std::size_t kListed = 8;
    out_ << "<div class=\"advice\">\n<p><b>" << html_escaped(pain_advice_heading())
         << "</b></p>\n<ul>\n";
    const std::size_t from = advised.size() > kListed ? advised.size() - kListed : 0;
    for (std::size_t i = from; i < advised.size(); ++i) {
      const PeriodStats& week = *advised[i];
      out_ << fmt::format("<li>{} ({}): {}</li>\n", week.period.label, week_days(week.period.range),
                          pain_words(*week.pain));
    }
    out_ << "</ul>\n";
    if (from > 0) {
      out_ << fmt::format("<p>…and {} earlier (see the table).</p>\n",
                          plural(static_cast<long>(from), "week", "weeks"));
    }
    out_ << "</div>\n";
  }
  out_ << "</section>\n";
}

}  // namespace qlfit::cli::render
