#include "qlfit/calendar.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/text.hpp"

#include "render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ostream>

namespace qlfit::cli::render {
namespace {

constexpr const char* kReset = "\x1b[0m";
constexpr int kHeatmapWeeks = 53;

const char* verdict_colour(Verdict verdict) {
  switch (verdict) {
    case Verdict::kMet:
      return "\x1b[32m";
    case Verdict::kOnTrack:
      return "\x1b[36m";
    case Verdict::kAtRisk:
      return "\x1b[33m";
    case Verdict::kMissed:
      return "\x1b[31m";
    case Verdict::kPaused:
    case Verdict::kUntracked:
      return "\x1b[90m";
  }
  return "";
}

std::string painted(const std::string& text, Verdict verdict, bool color) {
  return color ? verdict_colour(verdict) + text + kReset : text;
}

std::string heading(const Period& period) {
  const std::string span =
      fmt::format("{} – {} {}", human_day(period.range.first), human_day(period.range.last),
                  static_cast<int>(period.range.last.year()));
  return period.kind == PeriodKind::kRange ? span : fmt::format("{} · {}", period.label, span);
}

std::string pain_line(const PainSummary& pain) {
  return "Pain      " + pain_words(pain) + "\n";
}

std::string breaks_line(const BreakSummary& breaks) {
  std::string line = fmt::format("Breaks    {}", breaks.count);
  if (breaks.natural > 0)
    line += fmt::format(" ({} natural)", breaks.natural);
  if (breaks.working_days > 0) {
    line += fmt::format(" · {} a working day", one_decimal(breaks.per_working_day));
  }
  if (breaks.longest_on) {
    line += fmt::format(" · longest sitting {} ({})", format_duration(breaks.longest_sitting),
                        human_day(*breaks.longest_on));
  }
  return line + "\n";
}

// A row of the Monday..Sunday strip: `value` for a day that has happened.
template <class Value>
std::string strip_row(const char* label, const std::vector<DayFacts>& days, Value value) {
  std::string row = fmt::format("{:<9}", label);
  for (const DayFacts& day : days) {
    // A paused day shows what was logged on it; ~ where that is nothing.
    std::string cell = day.future ? "" : value(day);
    if (day.paused && cell == "·")
      cell = "~";
    row += fmt::format("{:>5}", cell);
  }
  row.erase(row.find_last_not_of(' ') + 1);
  return row + "\n";
}

std::string strip(const std::vector<DayFacts>& days) {
  std::string out = fmt::format("{:<9}", "");
  for (const DayFacts& day : days) {
    out += fmt::format("{:>5}", weekday_name(date::weekday{date::sys_days{day.day}}));
  }
  out += "\n";
  const auto number = [](long value) {
    return value == 0 ? std::string("·") : std::to_string(value);
  };
  out += strip_row("session", days, [&](const DayFacts& d) { return number(d.sessions); });
  out +=
      strip_row("walk min", days, [&](const DayFacts& d) { return number(whole_minutes(d.walk)); });
  out += strip_row("breaks", days, [&](const DayFacts& d) { return number(d.breaks); });
  return out;
}

constexpr int kPausedLevel = 4;

// The glyph of a day_level (or kPausedLevel), in colour or in shades of grey.
std::string heat_glyph(int level, bool color) {
  static constexpr const char* kPlain[] = {"·", "░", "▒", "▓", "~"};
  static constexpr const char* kShades[] = {"\x1b[38;5;240m·", "\x1b[38;5;22m■", "\x1b[38;5;28m■",
                                            "\x1b[38;5;40m■", "\x1b[90m~"};
  return color ? std::string(kShades[level]) + kReset : kPlain[level];
}

std::string heat_cell(const DayFacts& day, bool color) {
  if (day.future)
    return " ";
  return heat_glyph(day.paused ? kPausedLevel : day_level(day), color);
}

// Whether a week holds the 1st of a month.
bool starts_a_month(const DateRange& days) {
  return days.first <= date::year_month_day{days.last.year(), days.last.month(), date::day{1}};
}

// Above a block of the map: each month's name over the first week holding its 1st, and
// over the block's first week when the next month is not about to start, where it fits
// (within `width` columns).
std::string month_labels(const std::vector<PeriodStats>& weeks, std::size_t from, std::size_t to,
                         std::size_t width) {
  std::string out(4, ' ');
  for (std::size_t week = from; week < to; ++week) {
    const DateRange& days = weeks[week].period.range;
    const bool label =
        starts_a_month(days) ||
        (week == from && (week + 1 == to || !starts_a_month(weeks[week + 1].period.range)));
    const std::size_t column = 4 + 2 * (week - from) + 1;
    if (label && out.size() < column && column + 3 <= width) {
      out.append(column - out.size(), ' ');
      out += month_name(days.last.month());
    }
  }
  return out + "\n";
}

std::string heatmap(const std::vector<PeriodStats>& weeks, bool color, int width) {
  const std::size_t shown = std::min<std::size_t>(weeks.size(), kHeatmapWeeks);
  // A column per week, two characters each after the day names: as many as fit.
  const std::size_t per_block = static_cast<std::size_t>(std::max(4, (width - 4) / 2));
  std::string out;
  for (std::size_t from = weeks.size() - shown; from < weeks.size(); from += per_block) {
    const std::size_t to = std::min(weeks.size(), from + per_block);
    if (from != weeks.size() - shown)
      out += "\n";
    out += month_labels(weeks, from, to, static_cast<std::size_t>(std::max(width, 12)));
    for (std::size_t row = 0; row < 7; ++row) {
      const auto& first_day = weeks[from].days[row];
      out += fmt::format("{:<4}", weekday_name(date::weekday{date::sys_days{first_day.day}}));
      for (std::size_t week = from; week < to; ++week) {
        out += " " + heat_cell(weeks[week].days[row], color);
      }
      out.erase(out.find_last_not_of(' ') + 1);
      out += "\n";
    }
  }
  // The legend draws each glyph as the map does, so it reads the same in colour.
  static constexpr const char* kMeanings[] = {"nothing", "moved", "a session or a full walk",
                                              "both", "paused"};
  out += "   ";
  for (int level = 0; level <= kPausedLevel; ++level)
    out +=
        fmt::format("{}{} {}", level == 0 ? " " : "  ", heat_glyph(level, color), kMeanings[level]);
  if (shown < weeks.size())
    out += fmt::format(" (last {} weeks)", shown);
  return out + "\n";
}

}  // namespace

std::string band(Band target) {
  if (target.min == target.max)
    return std::to_string(target.min);
  return fmt::format("{}–{}", target.min, target.max);
}

std::string one_decimal(double value) {
  // Averages of whole numbers: 4.25 is 42.5 tenths exactly, 4.35 a hair below 43.5; the
  // small nudge rounds both up, and is far below any tenth an average can differ by.
  return fmt::format("{:.1f}", std::floor(value * 10 + 0.5 + 1e-9) / 10);
}

std::string plural(long count, const char* one, const char* many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

std::string counted_sessions(const SessionSummary& sessions) {
  if (sessions.verdict == Verdict::kPaused)
    return plural(sessions.count, "session", "sessions");
  return fmt::format("{} of {} sessions", sessions.count, band(sessions.target));
}

std::string verdict_words(const SessionSummary& sessions) {
  switch (sessions.verdict) {
    case Verdict::kMet:
      return sessions.above_max() ? "target met; above the range: rest days help your back too"
                                  : "target met";
    case Verdict::kOnTrack:
    case Verdict::kAtRisk:
      return fmt::format("{}: {} to go, {} left", to_string(sessions.verdict), sessions.to_go,
                         plural(sessions.days_left, "day", "days"));
    case Verdict::kMissed:
      return fmt::format("missed: {} short", sessions.to_go);
    case Verdict::kPaused:
      return "paused: nothing asked";
    case Verdict::kUntracked:
      return "before your first entry";
  }
  return "";
}

std::string pain_words(const PainSummary& pain) {
  std::string words = fmt::format("average {}, highest {} ({})", one_decimal(pain.average),
                                  pain.highest, plural(pain.count, "entry", "entries"));
  if (pain.before) {
    words += pain.trend == PainTrend::kSteady
                 ? fmt::format(" · steady ({} the 4 weeks before)", one_decimal(*pain.before))
                 : fmt::format(" · {} from {} the 4 weeks before", to_string(pain.trend),
                               one_decimal(*pain.before));
  }
  return words;
}

std::string pain_advice(const PainSummary& pain) {
  const bool rising = pain.trend == PainTrend::kRising && pain.before;
  const std::string rise =
      rising ? fmt::format("rising, from {} to {} on average against the 4 weeks before",
                           one_decimal(*pain.before), one_decimal(pain.average))
             : "";
  const std::string advice = " talk to a trusted health provider before going on with the routine.";
  if (pain.high && rising) {
    return fmt::format(
        "Pain reached {}, a high level, and is {}. If pain is severe or keeps rising,{}",
        pain.highest, rise, advice);
  }
  if (pain.high)
    return fmt::format("Pain reached {}, a high level. If pain is severe,{}", pain.highest, advice);
  return fmt::format("Pain is {}. If it keeps rising,{}", rise, advice);
}

std::string pain_advice_heading() {
  return "Where pain is high or rising, talk to a trusted health provider before going on with "
         "the routine.";
}

std::string period_text(const PeriodStats& stats, bool color) {
  const SessionSummary& sessions = stats.sessions;
  std::string out = heading(stats.period) + "\n";
  const std::string counted = sessions.verdict == Verdict::kPaused
                                  ? std::to_string(sessions.count)
                                  : fmt::format("{} of {}", sessions.count, band(sessions.target));
  out += fmt::format("Sessions  {} · {}\n", counted,
                     painted(verdict_words(sessions), sessions.verdict, color));
  out += fmt::format("Walks     {} min · {} of {} with {}+ min\n", whole_minutes(stats.walk.total),
                     stats.walk.days_in_band, plural(stats.period.range.days(), "day", "days"),
                     stats.walk.target.min);
  out += breaks_line(stats.breaks);
  out += stats.pain ? pain_line(*stats.pain) : "Pain      none logged\n";
  if (stats.paused_days > 0) {
    out += fmt::format("Paused    {}\n", plural(stats.paused_days, "day", "days"));
  }
  if (stats.pain && stats.pain->advice)
    out += pain_advice(*stats.pain) + "\n";
  if (stats.period.kind == PeriodKind::kWeek)
    out += "\n" + strip(stats.days);
  return out;
}

std::string weeks_text(const WeeksReport& report, bool color, int width) {
  const auto& weeks = report.weeks;
  std::string out =
      fmt::format("{} · {} – {}\n", plural(static_cast<long>(weeks.size()), "week", "weeks"),
                  weeks.front().period.label, weeks.back().period.label);
  // Weeks before the first entry (only ever the first ones) are said once.
  const auto tracked = std::find_if(weeks.begin(), weeks.end(), [](const PeriodStats& week) {
    return week.sessions.verdict != Verdict::kUntracked;
  });
  if (tracked != weeks.begin()) {
    const auto untracked = tracked - weeks.begin();
    const std::string span = untracked == 1 ? fmt::format("{:<10}", weeks.front().period.label)
                                            : fmt::format("{} – {}", weeks.front().period.label,
                                                          (tracked - 1)->period.label);
    out += fmt::format(
        "{}  {}  {}\n", span, painted("untracked", Verdict::kUntracked, color),
        tracked == weeks.end()
            ? std::string("nothing logged yet")
            : (untracked == 1 ? std::string("before your first entry")
                              : fmt::format("{} weeks before your first entry", untracked)));
  }
  for (auto it = tracked; it != weeks.end(); ++it) {
    const PeriodStats& week = *it;
    const SessionSummary& sessions = week.sessions;
    out += fmt::format(
        "{:<10}  {}  {} · {} min walked · {}\n", week.period.label,
        painted(fmt::format("{:<9}", to_string(sessions.verdict)), sessions.verdict, color),
        counted_sessions(sessions), whole_minutes(week.walk.total),
        plural(week.breaks.count, "break", "breaks"));
  }
  out += fmt::format("Streak    {} met in a row now · longest {}\n\n",
                     plural(report.streak.current, "week", "weeks"),
                     plural(report.streak.longest, "week", "weeks"));
  return out + heatmap(weeks, color, width);
}

}  // namespace qlfit::cli::render
