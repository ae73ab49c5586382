// The HTML report: inline CSS and SVG written by hand (a calendar is a grid of <rect>s, a
// band chart a few paths), streamed as the core hands the weeks out.
#include "report.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/parse.hpp"

#include "text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <ostream>

namespace qlfit::cli::render {
namespace {

using std::chrono::minutes;
using Axis = HtmlReport::Axis;

constexpr double kWidth = 720;  // of every chart, in SVG units (CSS scales it to the page)
constexpr double kLeft = 40;    // room for the y axis labels
constexpr double kRight = 8;
constexpr double kTop = 16;     // room for month or year labels above a row
constexpr double kBottom = 18;  // room for the week labels below a row
constexpr int kOneRow = 53;     // up to this many weeks, every chart has one row

// kUntracked: in a week over before the first entry; the summaries leave such days out.
enum DayFlag : std::uint8_t {
  kInBand = 1,
  kPaused = 2,
  kFuture = 4,
  kWorking = 8,
  kUntracked = 16
};

constexpr const char* kStyle = R"(<style>
:root{--bg:#fff;--fg:#1d232a;--muted:#5b6570;--grid:#d5dbe1;--card:#f3f5f8;--l0:#e9edf2;--l1:#c6dbef;--l2:#6baed6;--l3:#2166ac;--paused:#a3abb4;--met:#2166ac;--open:#92c5de;--miss:#e08214;--band:#2166ac26;--warn:#d95f02}
@media (prefers-color-scheme:dark){:root{--bg:#14181d;--fg:#e4e7eb;--muted:#9ba5af;--grid:#38414b;--card:#1d232b;--l0:#232a32;--l1:#1f4e78;--l2:#3d8bc9;--l3:#9ccbf0;--paused:#5f6872;--met:#6aaee8;--open:#2c5b82;--miss:#f4a340;--band:#6aaee838;--warn:#fdae61}}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--grid:#c8ced5;--card:#f3f5f8;--l0:#e9edf2;--l1:#c6dbef;--l2:#6baed6;--l3:#2166ac;--paused:#a3abb4;--met:#2166ac;--open:#92c5de;--miss:#e08214;--band:#2166ac26;--warn:#d95f02}}
html{color-scheme:light dark}
body{margin:0 auto;max-width:50rem;padding:1.5rem;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,sans-serif}
h1{font-size:1.45rem;margin:0 0 .2rem}
h2{font-size:1.1rem;margin:0 0 .3rem}
p{margin:.3rem 0}
header{border-bottom:2px solid var(--grid);padding-bottom:.6rem}
section{margin:1.4rem 0;break-inside:avoid}
.meta,.sum{color:var(--muted)}
.sum b{color:var(--fg)}
svg{display:block;max-width:100%;height:auto;margin:.4rem 0}
svg text{fill:var(--muted);font-size:10px}
.l0{fill:var(--l0)}.l1{fill:var(--l1)}.l2{fill:var(--l2)}.l3{fill:var(--l3)}.p{fill:var(--paused)}.f{fill:none;stroke:var(--grid)}
.grid{stroke:var(--grid);fill:none}
.band{fill:var(--band)}
.met{fill:var(--met)}.missed,.long,.low{fill:var(--miss)}.open{fill:var(--open)}.paused{fill:var(--paused)}.untracked{fill:var(--grid)}.ok,.in{fill:var(--met)}
.limit{stroke:var(--warn);stroke-width:1.5;stroke-dasharray:5 3;fill:none}
.avg{stroke:var(--met);stroke-width:2;fill:none}
.hi{fill:var(--bg);stroke:var(--met);stroke-width:1.5}.hi.adv{fill:var(--warn);stroke:var(--warn)}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.82rem;color:var(--muted);margin:0;padding:0;list-style:none}
.legend i{display:inline-block;width:.75rem;height:.75rem;border-radius:2px;vertical-align:-.08rem;margin-right:.3rem}
.k0{background:var(--l0)}.k1{background:var(--l1)}.k2{background:var(--l2)}.k3{background:var(--l3)}.kp{background:var(--paused)}.kf{border:1px solid var(--grid)}.km{background:var(--met)}.kx{background:var(--miss)}.ko{background:var(--open)}.kb{background:var(--band)}.kw{border-top:2px dashed var(--warn);height:0!important;border-radius:0!important}
.advice{border-left:4px solid var(--warn);background:var(--card);padding:.45rem .8rem;margin:.6rem 0}
table{border-collapse:collapse;width:100%;font-size:.8rem}
th,td{text-align:left;padding:.22rem .35rem;border-bottom:1px solid var(--grid);vertical-align:top}
th{font-weight:600}td:first-child{white-space:nowrap}small{color:var(--muted)}.warn{color:var(--warn);font-weight:600}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.met .v{color:var(--met)}tr.missed .v{color:var(--miss);font-weight:600}tr.paused,tr.untracked{color:var(--muted)}
thead{display:table-header-group}
.empty{background:var(--card);padding:1rem;border-radius:6px}
@page{size:portrait;margin:14mm}
@media print{body{max-width:none;padding:0;font-size:10pt}section{margin:0 0 7mm}#weeks,#notes{break-before:page}tr{break-inside:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
</style>
)";

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

// "07:30".
std::string clock_of(date::local_seconds local) {
  const date::hh_mm_ss<std::chrono::seconds> time{local - date::floor<date::days>(local)};
  return fmt::format("{:02}:{:02}", time.hours().count(), time.minutes().count());
}

// "7–13 Sep", "28 Sep – 4 Oct".
std::string week_days(const DateRange& range) {
  if (range.first.month() == range.last.month()) {
    return fmt::format("{}–{}", static_cast<unsigned>(range.first.day()), short_day(range.last));
  }
  return short_day(range.first) + " – " + short_day(range.last);
}

long minutes_of(std::chrono::seconds duration) {
  return duration.count() / 60;
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
              const std::string& desc, double width = kWidth) {
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

}  // namespace

std::string html_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '/':
        out += "&#47;";
        break;
      case ':':
        out += "&#58;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

HtmlReport::HtmlReport(std::ostream& out, ReportPage page) : out_(out), page_(std::move(page)) {}

void HtmlReport::begin(const WeekSpan& span, bool has_entries) {
  span_ = span;
  const DateRange range = span.range();
  const Settings& settings = page_.settings;
  const std::string weeks = plural(span.weeks, "week", "weeks");
  out_ << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<meta name=\"color-scheme\" content=\"light dark\">\n"
       << fmt::format("<title>qlfit report · {} · {}</title>\n", weeks, period_words(span))
       << kStyle << "</head>\n<body>\n<header>\n"
       << fmt::format("<h1>Back care: {}, {}</h1>\n", weeks, period_words(span))
       << fmt::format(
              "<p class=\"meta\">From the qlfit database <b>{}</b>, made on {} at {}.</p>\n",
              html_escaped(page_.database),
              long_day(date::year_month_day{date::floor<date::days>(page_.made)}),
              clock_of(page_.made))
       << fmt::format(
              "<p>Targets: the back-care routine {} times a week · a walk of {} minutes a "
              "day · a break after at most {} sitting, {} {} · advice to see a provider "
              "at pain {} or more, or rising.</p>\n</header>\n",
              band(settings.sessions), band(settings.walk), format_duration(settings.break_every),
              setting_value(settings, "break.days"), setting_value(settings, "break.hours"),
              settings.pain_warn);
  if (!has_entries) {
    out_ << fmt::format(
        "<section id=\"empty\" class=\"empty\">\n<h2>Nothing logged in this period</h2>\n<p>No "
        "entry falls between {} and {}: there is nothing to chart. Log with "
        "<code>qlfit log butt-walk</code>, or choose another period with <code>--weeks</code> "
        "or <code>--from</code> and <code>--to</code>.</p>\n</section>\n",
        long_day(range.first), long_day(range.last));
    return;
  }
  // Rows: all the weeks in one, or one a year.
  for (int i = 0; i < span.weeks; ++i) {
    const int year = static_cast<int>(plus_days(span.first, 7 * i).year());
    if (span.weeks <= kOneRow) {
      if (rows_.empty())
        rows_.push_back(Row{0, 0, 0});
    } else if (rows_.empty() || rows_.back().year != year) {
      rows_.push_back(Row{i, 0, year});
    }
    ++rows_.back().weeks;
  }
  int columns = 0;
  for (const Row& row : rows_)
    columns = std::max(columns, row.weeks);
  pitch_ = std::min(64.0, (kWidth - kLeft - kRight) / columns);
  cell_ = std::min(28.0, pitch_);
  weeks_.reserve(static_cast<std::size_t>(span.weeks));
  days_.reserve(static_cast<std::size_t>(span.weeks) * 7);
  const double height = static_cast<double>(rows_.size()) * (kTop + 7 * cell_ + 10);
  out_ << "<section id=\"calendar\">\n<h2>Every day</h2>\n"
       << "<p class=\"sum\">Each square is a day; the stronger its blue, the more of the plan it "
          "saw.</p>\n";
  open_svg(out_, "heatmap", height,
           fmt::format("Calendar of {} days, {}", span.weeks * 7, period_words(span)),
           "One square a day, a column a week: the shade says what was done that day (see the key "
           "below); the table at the end has every number.",
           kLeft + columns * cell_ + kRight);
}

void HtmlReport::calendar_week(const PeriodStats& week) {
  const int index = static_cast<int>(weeks_.size());
  std::size_t r = 0;
  while (r + 1 < rows_.size() && rows_[r + 1].first <= index)
    ++r;
  const Row& row = rows_[r];
  const double top = static_cast<double>(r) * (kTop + 7 * cell_ + 10);
  const double x = kLeft + (index - row.first) * cell_;
  if (index == row.first) {
    for (std::size_t d = 0; d < 7; d += 2) {
      static constexpr std::array<const char*, 7> kNames{"Sun", "Mon", "Tue", "Wed",
                                                         "Thu", "Fri", "Sat"};
      const auto weekday = date::weekday{date::sys_days{week.days[d].day}}.c_encoding();
      out_ << fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", num(kLeft - 4),
                          num(top + kTop + static_cast<double>(d) * cell_ + cell_ * 0.7),
                          kNames[weekday]);
    }
    if (row.year != 0) {
      out_ << fmt::format("<text x=\"0\" y=\"{}\" font-weight=\"bold\">{}</text>",
                          num(top + kTop - 5), row.year);
    }
    out_ << '\n';
  }
  // A month's label over the first week that starts in it, and over a row's first week.
  const auto first = week.period.range.first;
  if (index == row.first || first.month() != plus_days(first, -7).month()) {
    out_ << fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", num(x), num(top + kTop - 5),
                        month_name(first.month()));
  }
  for (std::size_t d = 0; d < week.days.size(); ++d) {
    const DayFacts& day = week.days[d];
    std::string what;
    std::string shade;
    if (day.paused) {
      what = "paused";
      shade = "p";
    } else if (day.future) {
      what = "to come";
      shade = "f";
    } else {
      what = fmt::format("{} · {} min walked · {}", plural(day.sessions, "session", "sessions"),
                         minutes_of(day.walk), plural(day.breaks, "break", "breaks"));
      shade = fmt::format("l{}", day_level(day));
    }
    out_ << fmt::format(
        "<rect class=\"d {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"><title>{}: "
        "{}</title></rect>\n",
        shade, num(x + 1), num(top + kTop + static_cast<double>(d) * cell_ + 1), num(cell_ - 2),
        num(cell_ - 2), long_day(day.day), what);
    Day kept;
    kept.walk = static_cast<std::uint16_t>(std::min(minutes_of(day.walk), 1440L));
    kept.breaks = static_cast<std::uint8_t>(std::min(day.breaks, 255));
    kept.flags =
        static_cast<std::uint8_t>((day.walk_in_band ? kInBand : 0) | (day.paused ? kPaused : 0) |
                                  (day.future ? kFuture : 0) | (day.working ? kWorking : 0) |
                                  (week.sessions.verdict == Verdict::kUntracked ? kUntracked : 0));
    days_.push_back(kept);
  }
}

void HtmlReport::week(PeriodStats&& week) {
  calendar_week(week);
  for (const Pause& pause : week.pauses)
    pauses_.emplace(pause.n, pause);
  week.days = {};
  week.pauses = {};
  weeks_.push_back(std::move(week));
}

void HtmlReport::weeks_done(const Streak& streak) {
  out_ << "</svg>\n<ul class=\"legend\"><li><i class=\"k0\"></i>nothing logged</li>"
       << "<li><i class=\"k1\"></i>moved: a break, or a walk short of the band</li>"
       << fmt::format("<li><i class=\"k2\"></i>a session, or a walk of {}+ min</li>",
                      page_.settings.walk.min)
       << "<li><i class=\"k3\"></i>both</li><li><i class=\"kp\"></i>paused</li>"
       << "<li><i class=\"kf\"></i>to come</li></ul>\n";
  for (const auto& [n, pause] : pauses_) {
    out_ << fmt::format("<p class=\"sum\">Paused {} – {}{}.</p>\n", long_day(pause.days.first),
                        long_day(pause.days.last),
                        pause.note ? ": " + html_escaped(*pause.note) : std::string());
  }
  out_ << "</section>\n";
  sessions_chart();
  walk_chart();
  breaks_charts();
  pain_section();
  week_table(streak);
  // Written: what follows (the notes) needs none of it.
  weeks_ = {};
  days_ = {};
  pauses_ = {};
}

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

void HtmlReport::week_table(const Streak& streak) {
  const Settings& settings = page_.settings;
  out_ << "<section id=\"weeks\">\n<h2>Week by week</h2>\n"
       << fmt::format(
              "<p class=\"sum\">The numbers of <code>qlfit stats --weeks</code>. Streak: {} met "
              "in a row now · longest {}.</p>\n",
              plural(streak.current, "week", "weeks"), plural(streak.longest, "week", "weeks"))
       << "<table>\n<thead><tr><th>Week</th><th>Routine sessions</th><th class=\"n\">Walks</th>"
          "<th class=\"n\">Breaks</th><th class=\"n\">Longest sitting</th><th>Pain</th></tr>"
          "</thead>\n<tbody>\n";
  for (const PeriodStats& week : weeks_) {
    const SessionSummary& sessions = week.sessions;
    const std::string counted =
        sessions.verdict == Verdict::kPaused
            ? std::to_string(sessions.count)
            : fmt::format("{} of {}", sessions.count, band(sessions.target));
    std::string days = week_days(week.period.range);
    if (week.paused_days > 0 && week.paused_days < 7)
      days += fmt::format(" · {} paused", week.paused_days);
    std::string pain = "–";
    if (week.pain) {
      pain = fmt::format("average {} · highest {}", one_decimal(week.pain->average),
                         week.pain->highest);
      if (week.pain->trend != PainTrend::kUnknown)
        pain += fmt::format("<br><small>{}</small>", to_string(week.pain->trend));
      if (week.pain->advice)
        pain += "<br><span class=\"warn\">see a provider</span>";
    }
    const std::string breaks = week.breaks.working_days > 0
                                   ? fmt::format("<br><small>{} a working day</small>",
                                                 one_decimal(week.breaks.per_working_day))
                                   : "";
    const std::string sitting = !week.breaks.longest_on ? "–"
                                : week.breaks.sat_too_long
                                    ? fmt::format("<span class=\"warn\">{}</span>",
                                                  format_duration(week.breaks.longest_sitting))
                                    : format_duration(week.breaks.longest_sitting);
    out_ << fmt::format(
        "<tr class=\"{}\"><td>{}<br><small>{}</small></td><td class=\"v\">{}<br><small>{}</small>"
        "</td><td class=\"n\">{} min<br><small>{} of {} days {}+ min</small></td><td "
        "class=\"n\">{}{}"
        "</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
        verdict_class(sessions.verdict), week.period.label, days, counted, verdict_words(sessions),
        minutes_of(week.walk.total), week.walk.days_in_band, week.period.range.days(),
        settings.walk.min, week.breaks.count, breaks, sitting, pain);
  }
  out_ << "</tbody>\n</table>\n</section>\n";
}

void HtmlReport::note(const Entry& entry) {
  if (!any_note_) {
    out_ << "<section id=\"notes\">\n<h2>Notes</h2>\n<table>\n<thead><tr><th>When</th>"
            "<th>Activity</th><th class=\"n\">Pain</th><th>Note</th></tr></thead>\n<tbody>\n";
    any_note_ = true;
  }
  out_ << fmt::format("<tr><td>{} {}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                      long_day(entry.local_date), clock_of(entry.local_start()),
                      html_escaped(entry.activity), entry.pain ? std::to_string(*entry.pain) : "–",
                      html_escaped(*entry.note));
}

void HtmlReport::end() {
  if (any_note_)
    out_ << "</tbody>\n</table>\n</section>\n";
  out_ << "</body>\n</html>\n";
}

}  // namespace qlfit::cli::render
