// The HTML report: inline CSS and SVG written by hand (a calendar is a grid of <rect>s, a
// band chart a few paths), streamed as the core hands the weeks out.
#include "report.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/parse.hpp"

#include "render.hpp"
#include "report_parts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

namespace qlfit::cli::render {
namespace {

using std::chrono::minutes;

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
              clock_time(page_.made))
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
      const date::weekday weekday{date::sys_days{week.days[d].day}};
      out_ << fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", num(kLeft - 4),
                          num(top + kTop + static_cast<double>(d) * cell_ + cell_ * 0.7),
                          weekday_name(weekday));
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
                         whole_minutes(day.walk), plural(day.breaks, "break", "breaks"));
      shade = fmt::format("l{}", day_level(day));
    }
    out_ << fmt::format(
        "<rect class=\"d {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"><title>{}: "
        "{}</title></rect>\n",
        shade, num(x + 1), num(top + kTop + static_cast<double>(d) * cell_ + 1), num(cell_ - 2),
        num(cell_ - 2), long_day(day.day), what);
    Day kept;
    kept.walk = static_cast<std::uint16_t>(std::min(whole_minutes(day.walk), 1440L));
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
        whole_minutes(week.walk.total), week.walk.days_in_band, week.period.range.days(),
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
                      long_day(entry.local_date), clock_time(entry.local_start()),
                      html_escaped(entry.activity), entry.pain ? std::to_string(*entry.pain) : "–",
                      html_escaped(*entry.note));
}

void HtmlReport::end() {
  if (any_note_)
    out_ << "</tbody>\n</table>\n</section>\n";
  out_ << "</body>\n</html>\n";
}

}  // namespace qlfit::cli::render
