// The JSON of periods (docs/json.md): `stats --week/--month/--from --json` and
// `stats --weeks --json`, written as they stream.
#include "qlfit/calendar.hpp"

#include "formats/json_writer.hpp"
#include "render.hpp"

#include <ostream>

namespace qlfit::cli::render {
namespace {

long minutes(std::chrono::seconds duration) {
  return std::chrono::duration_cast<std::chrono::minutes>(duration).count();
}

void write_band(formats::JsonWriter& json, Band target) {
  json.begin_object();
  json.key("min").value(target.min);
  json.key("max").value(target.max);
  json.end_object();
}

void write_period(formats::JsonWriter& json, const PeriodStats& stats) {
  json.begin_object();
  const Period& period = stats.period;
  switch (period.kind) {
    case PeriodKind::kWeek:
      json.key("week").value(period.label);
      break;
    case PeriodKind::kMonth:
      json.key("month").value(period.label);
      break;
    case PeriodKind::kRange:
      json.key("from").value(iso_date(period.range.first));
      json.key("to").value(iso_date(period.range.last));
      break;
  }
  json.key("start").value(iso_date(period.range.first));
  json.key("end").value(iso_date(period.range.last));
  const SessionSummary& sessions = stats.sessions;
  json.key("sessions").begin_object();
  json.key("count").value(sessions.count);
  write_band(json.key("target"), sessions.target);
  json.key("met").value(sessions.nothing_owed());
  json.key("verdict").value(to_string(sessions.verdict));
  json.key("to_go").value(sessions.to_go);
  json.key("days_left").value(sessions.days_left);
  json.end_object();
  json.key("walk").begin_object();
  json.key("minutes").value(minutes(stats.walk.total));
  json.key("by_day").begin_object();  // the days with walks
  for (const DayFacts& day : stats.days) {
    if (day.walk > std::chrono::seconds{0})
      json.key(iso_date(day.day)).value(minutes(day.walk));
  }
  json.end_object();
  write_band(json.key("target"), stats.walk.target);
  json.key("days_in_band").value(stats.walk.days_in_band);
  json.end_object();
  json.key("breaks").begin_object();
  json.key("count").value(stats.breaks.count);
  json.key("natural").value(stats.breaks.natural);
  json.key("working_days").value(stats.breaks.working_days);
  json.key("per_working_day").value(stats.breaks.per_working_day);
  json.key("longest_sitting_min").value(stats.breaks.longest_sitting.count());
  if (stats.breaks.longest_on)
    json.key("longest_sitting_on").value(iso_date(*stats.breaks.longest_on));
  else
    json.key("longest_sitting_on").value(nullptr);
  json.end_object();
  if (stats.pain) {
    const PainSummary& pain = *stats.pain;
    json.key("pain").begin_object();
    json.key("count").value(pain.count);
    json.key("average").value(pain.average);
    json.key("max").value(pain.highest);
    json.key("before").value(pain.before);
    json.key("trend").value(to_string(pain.trend));
    json.key("advice").value(pain.advice);
    json.end_object();
  } else {
    json.key("pain").value(nullptr);
  }
  json.key("paused_days").value(stats.paused_days);
  json.key("pauses").begin_array();
  for (const Pause& pause : stats.pauses) {
    json.begin_object();
    json.key("n").value(pause.n);
    json.key("from").value(iso_date(pause.days.first));
    json.key("to").value(iso_date(pause.days.last));
    json.key("note").value(pause.note);
    json.end_object();
  }
  json.end_array();
  json.key("days").begin_array();
  for (const DayFacts& day : stats.days) {
    json.begin_object();
    json.key("date").value(iso_date(day.day));
    json.key("sessions").value(day.sessions);
    json.key("walk_minutes").value(minutes(day.walk));
    json.key("breaks").value(day.breaks);
    json.key("paused").value(day.paused);
    json.key("working").value(day.working);
    json.key("future").value(day.future);
    json.key("longest_sitting_min").value(day.longest_sitting.count());
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace

void write_period_json(const PeriodStats& stats, std::ostream& out) {
  formats::JsonWriter json(out);
  write_period(json, stats);
  out << '\n';
}

void write_weeks_json(const WeeksReport& report, std::ostream& out) {
  formats::JsonWriter json(out);
  json.begin_object();
  json.key("weeks").begin_array();
  for (const PeriodStats& week : report.weeks)
    write_period(json, week);
  json.end_array();
  json.key("streak").begin_object();
  json.key("current").value(report.streak.current);
  json.key("longest").value(report.streak.longest);
  json.end_object();
  json.end_object();
  out << '\n';
}

}  // namespace qlfit::cli::render
