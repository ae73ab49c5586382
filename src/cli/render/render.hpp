#pragma once

#include "qlfit/entries.hpp"
#include "qlfit/entry.hpp"
#include "qlfit/history.hpp"
#include "qlfit/periods.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/stats.hpp"
#include "qlfit/store.hpp"
#include "qlfit/transfer.hpp"

#include "formats/json_writer.hpp"

#include <date/date.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

// Pure renderers: values in, text or JSON out. Nothing here reads a clock, a
// zone, the environment or a stream.
namespace qlfit::cli::render {

// "Tue 24 Nov 07:30".
std::string human_time(date::local_seconds local);
// "Mon 23 Nov".
std::string human_day(date::year_month_day day);
// "Nov".
const char* month_name(date::month month);
// "Mon".
const char* weekday_name(date::weekday weekday);
// A duration in whole minutes, the seconds dropped: what "walk min" shows.
long whole_minutes(std::chrono::seconds duration);

// "#42 butt-walk Tue 24 Nov 07:30 — 2 of 3–4 sessions this week".
std::string logged_line(const Logged& logged);
// The advice shown after an entry with a high pain level.
std::string pain_advice();
// The advice for a period whose pain is high or rising, saying which (pain.advice).
std::string pain_advice(const PainSummary& pain);
// The advice over several periods, each with its pain_words.
std::string pain_advice_heading();
// "removed #42 butt-walk Tue 24 Nov 07:30".
std::string removed_line(const Entry& entry);
// "undid edit of #3: pain 4 -> 2", "undid log of #5 walk Tue 24 Nov 07:30 (25m)",
// "undid config set walk.min", "undid import of 120 entries"; "nothing undone: ..." when
// another machine changed all of it since.
std::string undone_line(const Undone& undone);
// "imported 412, already present 3"; with more than entries, each counted:
// "imported 0 entries, 2 pauses, already present 0". `dry_run`: "would have imported ...".
std::string imported_line(const Store::ImportCount& count, bool dry_run);
// "edited #42 butt-walk: start ... -> ..., pain 3 -> 4" or "... nothing changed".
std::string edited_line(const Edited& edited);
// `list`'s output, written an entry at a time: a table (one line per entry under a
// header; a friendly line when there are none) or one JSON array as dump(2) prints it,
// of the contract's entry objects: n, id, activity, kind, start, date (the habit day it
// counts for, with days beginning at `day_start`), duration_s, pain, note, source.
class ListWriter {
 public:
  ListWriter(std::ostream& out, bool json, std::chrono::minutes day_start)
      : out_(out), day_start_(day_start) {
    if (json)
      json_.emplace(out);
  }
  void add(const Entry& entry);
  void finish();

 private:
  std::ostream& out_;
  std::optional<formats::JsonWriter> json_;
  std::chrono::minutes day_start_;
  bool any_ = false;
};

// "walk timer started Tue 24 Nov 07:30; 'qlfit stop' logs it".
std::string started_line(const Timer& timer);
// "cancelled the walk timer started Tue 24 Nov 07:30 (nothing logged)".
std::string cancelled_line(const Timer& timer);
// "walk running since Tue 24 Nov 07:30 (25m)" or "no timer running".
std::string status_line(const std::optional<Timer>& timer, date::sys_seconds now);
// {"running": true, "activity": ..., "kind": ..., "start": ..., "elapsed_s": ...}.
nlohmann::ordered_json status_json(const std::optional<Timer>& timer, date::sys_seconds now);

// "#2 2026-12-01..2026-12-14 physio: rest".
std::string pause_line(const Pause& pause);
std::string pause_table(const std::vector<Pause>& pauses);

// "1 session", "2 sessions".
std::string plural(long count, const char* one, const char* many);
// "3–4", or "1" when both ends are the same.
std::string band(Band target);
// "4.3": one decimal, halves rounded up (4.25 is 4.3), as people round.
std::string one_decimal(double value);
// "2 of 3–4 sessions", or for a fully paused period (which asks none) "1 session".
std::string counted_sessions(const SessionSummary& sessions);
// What a session verdict means: "target met", "missed: 1 short", "on track: 2 to go, 3 days left".
std::string verdict_words(const SessionSummary& sessions);
// "average 4.5, highest 8 (3 entries) · rising from 2.0 the 4 weeks before".
std::string pain_words(const PainSummary& pain);
// A period's facts for people, in colour when `color`.
std::string period_text(const PeriodStats& stats, bool color);
// A period's facts for scripts (docs/json.md), as nlohmann's dump(2) prints them, then a
// newline.
void write_period_json(const PeriodStats& stats, std::ostream& out);

// `stats --weeks`: a line per week, the streaks and a heatmap of the days.
// `width`: the terminal's columns; the heatmap wraps into blocks that fit.
std::string weeks_text(const WeeksReport& report, bool color, int width);
// {"weeks": [period documents, oldest first], "streak": {"current", "longest"}}, as
// nlohmann's dump(2) would print it, written a week at a time: years of weeks never
// stand in memory as one JSON tree.
void write_weeks_json(const WeeksReport& report, std::ostream& out);

}  // namespace qlfit::cli::render
