#include "qlfit/report.hpp"

#include "qlfit/error.hpp"

#include <algorithm>

namespace qlfit {

bool any_entry_in(Store& store, const DateRange& range, std::chrono::minutes day_start) {
  // An entry counts for its local date or, before day.start, the day before: one of a
  // local date strictly after the first day and up to the last is in the range...
  const date::sys_days first{range.first};
  const date::sys_days last{range.last};
  bool found = false;
  if (first < last) {
    EntryFilter inner;
    inner.local_dates = DateRange{date::year_month_day{first + date::days{1}}, range.last};
    inner.limit = 1;
    store.each_entry(inner, [&found](const Entry&) { found = true; });
  }
  // ...and those of the first day and the day after the last may be.
  for (const date::sys_days edge : {first, last + date::days{1}}) {
    if (found)
      break;
    EntryFilter day;
    day.local_dates = DateRange{date::year_month_day{edge}, date::year_month_day{edge}};
    store.each_fact(day, [&](const Fact& fact) {
      found = found || range.contains(habit_day(fact.local_start(), day_start));
    });
  }
  return found;
}

void report(Store& store, const WeekSpan& span, bool with_notes, const Settings& settings,
            const TimeContext& context, ReportSink& sink) {
  const DateRange range = span.range();
  const bool has_entries = any_entry_in(store, range, settings.day_start);
  sink.begin(span, has_entries);
  if (has_entries) {
    const Streak streak = each_week(store, span, settings, context, [&](PeriodStats&& week) {
      if (!with_notes) {
        for (Pause& pause : week.pauses)
          pause.note.reset();
      }
      sink.week(std::move(week));
    });
    sink.weeks_done(streak);
  }
  if (has_entries && with_notes) {
    // Eight weeks of local dates at a time (and the day after the last, whose early hours
    // may count for it): the store orders each piece by instant, and a piece stays small
    // where the whole of 20 years would not.
    constexpr date::days kPiece{56};
    const date::sys_days end{date::sys_days{range.last} + date::days{1}};
    for (date::sys_days from{range.first}; from <= end; from += kPiece) {
      EntryFilter piece;
      piece.local_dates =
          DateRange{date::year_month_day{from},
                    date::year_month_day{std::min(end, from + kPiece - date::days{1})}};
      store.each_entry(piece, [&](const Entry& entry) {
        if (entry.note && range.contains(habit_day(entry.local_start(), settings.day_start)))
          sink.note(entry);
      });
    }
  }
  sink.end();
}

}  // namespace qlfit
