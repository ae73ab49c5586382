#include "qlfit/calendar.hpp"

#include "text.hpp"

#include <fmt/format.h>

namespace qlfit::cli::render {
namespace {

constexpr const char* kReset = "\x1b[0m";

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
  }
  return "";
}

std::string plural(int count, const char* one, const char* many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
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
  }
  return "";
}

std::string heading(const Period& period) {
  const std::string span =
      fmt::format("{} – {} {}", human_day(period.range.first), human_day(period.range.last),
                  static_cast<int>(period.range.last.year()));
  return period.kind == PeriodKind::kRange ? span : fmt::format("{} · {}", period.label, span);
}

long minutes_of(std::chrono::seconds duration) {
  return duration.count() / 60;
}

}  // namespace

std::string period_text(const PeriodStats& stats, const Settings& settings, bool color) {
  const SessionSummary& sessions = stats.sessions;
  std::string verdict = verdict_words(sessions);
  if (color)
    verdict = verdict_colour(sessions.verdict) + verdict + kReset;
  std::string out = heading(stats.period) + "\n";
  out += fmt::format("Sessions  {} of {}–{} · {}\n", sessions.count, sessions.target.min,
                     sessions.target.max, verdict);
  out += fmt::format("Walks     {} min · {} of {} with {}+ min\n", minutes_of(stats.walk.total),
                     stats.walk.days_in_band, plural(stats.period.range.days(), "day", "days"),
                     stats.walk.target.min);
  out += fmt::format("Breaks    {}\n", stats.breaks);
  if (stats.pain) {
    out += fmt::format("Pain      average {:.1f}, highest {} ({})\n", stats.pain->average,
                       stats.pain->highest, plural(stats.pain->count, "entry", "entries"));
    if (stats.pain->highest >= settings.pain_warn)
      out += pain_advice() + "\n";
  } else {
    out += "Pain      none logged\n";
  }
  return out;
}

nlohmann::ordered_json period_json(const PeriodStats& stats) {
  nlohmann::ordered_json document;
  const Period& period = stats.period;
  switch (period.kind) {
    case PeriodKind::kWeek:
      document["week"] = period.label;
      break;
    case PeriodKind::kMonth:
      document["month"] = period.label;
      break;
    case PeriodKind::kRange:
      document["from"] = iso_date(period.range.first);
      document["to"] = iso_date(period.range.last);
      break;
  }
  document["start"] = iso_date(period.range.first);
  document["end"] = iso_date(period.range.last);
  const SessionSummary& sessions = stats.sessions;
  document["sessions"] = {
      {"count", sessions.count},
      {"target", {{"min", sessions.target.min}, {"max", sessions.target.max}}},
      {"met", sessions.met()},
      {"verdict", std::string(to_string(sessions.verdict))},
      {"to_go", sessions.to_go},
      {"days_left", sessions.days_left},
  };
  nlohmann::ordered_json by_day = nlohmann::ordered_json::object();
  for (const auto& [day, duration] : stats.walk.by_day)
    by_day[iso_date(day)] = minutes_of(duration);
  document["walk"] = {
      {"minutes", minutes_of(stats.walk.total)},
      {"by_day", by_day},
      {"target", {{"min", stats.walk.target.min}, {"max", stats.walk.target.max}}},
      {"days_in_band", stats.walk.days_in_band},
  };
  document["breaks"] = {{"count", stats.breaks}};
  document["pain"] = stats.pain ? nlohmann::ordered_json{{"count", stats.pain->count},
                                                         {"average", stats.pain->average},
                                                         {"max", stats.pain->highest}}
                                : nlohmann::ordered_json(nullptr);
  return document;
}

}  // namespace qlfit::cli::render
