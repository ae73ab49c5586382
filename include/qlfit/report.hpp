#pragma once

#include "qlfit/entry.hpp"
#include "qlfit/files.hpp"
#include "qlfit/periods.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/stats.hpp"
#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include <string>

namespace qlfit {

// What a report is made of, handed out as it is read, in this order: begin; then, when
// any entry falls in the span, each week and the streaks; then, when notes were asked
// for, each entry of the span that has a note; then end. A renderer implements it.
class ReportSink {
 public:
  virtual ~ReportSink() = default;
  // `has_entries`: some entry's habit day falls in the span (else no week follows).
  virtual void begin(const WeekSpan& span, bool has_entries) = 0;
  // One week, oldest first, as each_week judges it. Its pauses carry their notes only
  // when notes were asked for.
  virtual void week(PeriodStats&& week) = 0;
  // After the last week: the streaks of met weeks over the whole history.
  virtual void weeks_done(const Streak& streak) = 0;
  // With notes: an entry of the span with a note, oldest first.
  virtual void note(const Entry& entry) = 0;
  virtual void end() = 0;
};

// Reads the report of `span` into `sink`, streaming: only a window of five weeks of
// facts is held, and one entry at a time. Notes (of entries and of pauses) reach the
// sink only `with_notes`.
void report(Store& store, const WeekSpan& span, bool with_notes, const Settings& settings,
            const TimeContext& context, ReportSink& sink);

// True when some entry's habit day falls in `range`; reads at most a few days' rows.
bool any_entry_in(Store& store, const DateRange& range, std::chrono::minutes day_start);

}  // namespace qlfit
