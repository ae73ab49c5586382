#pragma once

#include "qlfit/calendar.hpp"
#include "qlfit/entry.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include <date/date.h>

#include <chrono>
#include <optional>
#include <span>
#include <vector>

namespace qlfit {

// Where the period's routine sessions stand against the target.
enum class Verdict {
  kMet,        // at least the minimum
  kOnTrack,    // not yet, with more days left than sessions to go
  kAtRisk,     // not yet, and a session is needed on every day left (or more)
  kMissed,     // the period is over below the minimum
  kPaused,     // every day of the period is paused: nothing was asked
  kUntracked,  // the period ended before the first entry ever: nothing to judge
};

std::string_view to_string(Verdict verdict);

struct SessionSummary {
  int count = 0;
  Band target;  // the weekly band scaled to the unpaused days, rounded up
  Verdict verdict = Verdict::kOnTrack;
  int to_go = 0;      // sessions still needed to meet the minimum
  int days_left = 0;  // unpaused days of the period from today on, today included
  bool met() const { return verdict == Verdict::kMet; }
  // Nothing more is asked: met, or every day paused (a target of 0). What `stats --check`
  // and JSON's "met" report.
  bool nothing_owed() const { return met() || verdict == Verdict::kPaused; }
  bool above_max() const { return verdict == Verdict::kMet && count > target.max; }
};

struct WalkSummary {
  std::chrono::seconds total{0};
  Band target;           // minutes per day
  int days_in_band = 0;  // days whose walks add up to at least target.min minutes
};

struct BreakSummary {
  int count = 0;
  int natural = 0;       // of them, natural breaks: time away from the desk (source away)
  int working_days = 0;  // working days so far, not paused, today included
  double per_working_day = 0;
  // The longest time inside working hours with no entry going on, on one working day.
  std::chrono::minutes longest_sitting{0};
  std::optional<date::year_month_day> longest_on;
  bool sat_too_long = false;  // that stretch was longer than break.every
};

enum class PainTrend { kUnknown, kFalling, kSteady, kRising };
std::string_view to_string(PainTrend trend);

struct PainSummary {
  int count = 0;
  double average = 0;
  int highest = 0;
  std::optional<double> before;           // the average over the four weeks before the period
  PainTrend trend = PainTrend::kUnknown;  // a change of 1 or more either way
  bool high = false;                      // highest at pain.warn or above
  bool advice = false;                    // high, or rising: see a provider
};

// One day of a period.
struct DayFacts {
  date::year_month_day day;
  int sessions = 0;
  std::chrono::seconds walk{0};
  bool walk_in_band = false;  // walks adding up to at least walk.min minutes
  int breaks = 0;
  bool paused = false;
  bool future = false;   // after today
  bool working = false;  // one of break.days
  // Working days up to now with at least one entry: the longest stretch inside working
  // hours with no entry going on (a day with nothing logged is not measured).
  std::chrono::minutes longest_sitting{0};
};

// The facts of one period, as every view (text, JSON, --check) reports them.
struct PeriodStats {
  Period period;
  SessionSummary sessions;
  WalkSummary walk;
  BreakSummary breaks;
  std::optional<PainSummary> pain;  // std::nullopt when no entry in the period had pain
  std::vector<DayFacts> days;       // every day of the period, in order
  std::vector<Pause> pauses;        // those touching the period
  int paused_days = 0;

  // How long the walks of `day` took (zero for a day outside the period).
  std::chrono::seconds walked_on(date::year_month_day day) const {
    for (const DayFacts& facts : days) {
      if (facts.day == day)
        return facts.walk;
    }
    return std::chrono::seconds{0};
  }
};

// How much of its plan a day saw, for heatmaps: 0 nothing logged, 1 moved (a break or a
// walk short of the band), 2 a session or a walk in the band, 3 both.
int day_level(const DayFacts& day);

// The session target of a period with `unpaused` days that count: the weekly band
// scaled by unpaused/7 and rounded up (a whole unpaused week: the band itself).
Band session_target(int unpaused, const Settings& settings);

// Judges `count` sessions in `period` as seen from `today`.
SessionSummary judge_sessions(int count, const Period& period, std::span<const Pause> pauses,
                              const Settings& settings, date::year_month_day today);

// The pauses that share a day with `range`, in their order.
std::vector<Pause> pauses_touching(std::span<const Pause> pauses, const DateRange& range);

// The facts of `period` from `entries` (any order: those whose habit day is outside
// the period and the four weeks before it are ignored; those weeks give the pain
// trend) as seen at `context.now`. One pass over the entries.
PeriodStats summarize(std::span<const Fact> entries, const Period& period,
                      std::span<const Pause> pauses, const Settings& settings,
                      const TimeContext& context);

struct Streak {
  int current = 0;  // met weeks up to now (a week in progress only once it is met)
  int longest = 0;
};

// Runs of met weeks over `weeks`, oldest first: a missed week ends a run, a fully
// paused (or untracked) week neither ends nor extends one, and a week still in
// progress that is not met yet is left out.
Streak streak_of(std::span<const SessionSummary> weeks);

}  // namespace qlfit
