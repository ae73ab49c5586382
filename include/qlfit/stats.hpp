#pragma once

#include "qlfit/calendar.hpp"
#include "qlfit/entry.hpp"
#include "qlfit/settings.hpp"

#include <date/date.h>

#include <chrono>
#include <map>
#include <optional>
#include <span>

namespace qlfit {

// Where the period's routine sessions stand against the target.
enum class Verdict {
  kMet,      // at least the minimum
  kOnTrack,  // not yet, with more days left than sessions to go
  kAtRisk,   // not yet, and a session is needed on every day left (or more)
  kMissed,   // the period is over below the minimum
};

std::string_view to_string(Verdict verdict);

struct SessionSummary {
  int count = 0;
  Band target;
  Verdict verdict = Verdict::kOnTrack;
  int to_go = 0;      // sessions still needed to meet the minimum
  int days_left = 0;  // days of the period from today on, today included
  bool met() const { return verdict == Verdict::kMet; }
  bool above_max() const { return count > target.max; }
};

struct WalkSummary {
  std::chrono::seconds total{0};
  std::map<date::year_month_day, std::chrono::seconds> by_day;  // only days with walks
  Band target;                                                  // minutes per day
  int days_in_band = 0;  // days whose walks add up to at least target.min minutes
};

struct PainSummary {
  int count = 0;
  double average = 0;
  int highest = 0;
};

// The facts of one period, as every view (text, JSON, --check) reports them.
struct PeriodStats {
  Period period;
  SessionSummary sessions;
  WalkSummary walk;
  int breaks = 0;
  std::optional<PainSummary> pain;  // std::nullopt when no entry in the period had pain
};

// The session target of a period: the weekly band for a week; for any other
// period the band scaled to its days and rounded up.
Band session_target(const Period& period, const Settings& settings);

// Sums `entries` (any order; those whose habit day is outside the period are
// ignored) into the period's facts, as seen on `today`.
PeriodStats summarize(std::span<const Entry> entries, const Period& period,
                      const Settings& settings, date::year_month_day today);

}  // namespace qlfit
