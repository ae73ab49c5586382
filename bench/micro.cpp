// Google Benchmark micro-benchmarks of the core: week bucketing, stats over many
// entries, the parsers and zone lookups. Run: build/release/bench/qlfit_micro
// (bench/run.sh runs it and puts the table in docs/performance.md).
#include "qlfit/calendar.hpp"
#include "qlfit/entry.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/stats.hpp"
#include "qlfit/when.hpp"

#include "test_zones.hpp"

#include <benchmark/benchmark.h>
#include <vector>

namespace {

using namespace date::literals;
using std::chrono::hours;
using std::chrono::minutes;

const qlfit::Zone* berlin() {
  return qlfit::testing::zone_named("Europe/Berlin");
}

qlfit::TimeContext at_noon(date::year_month_day day) {
  qlfit::TimeContext context;
  context.zone = berlin();
  context.now = qlfit::to_instant(date::local_days{day} + hours{12}, hours{1});
  return context;
}

// `days` days ending 2026-11-24 as bench/generate.sh makes them: a session on 4 days
// of 7, a walk on most days, 12 breaks on working days; pain on some.
std::vector<qlfit::Fact> history(int days) {
  std::vector<qlfit::Fact> facts;
  const date::sys_days last{2026_y / 11 / 24};
  for (int i = days - 1; i >= 0; --i) {
    const date::sys_days day = last - date::days{i};
    const auto add = [&](qlfit::Kind kind, minutes at, minutes length) {
      qlfit::Fact fact;
      fact.kind = kind;
      fact.offset = hours{1};
      fact.start = qlfit::to_instant(date::local_days{day.time_since_epoch()} + at, fact.offset);
      fact.duration = length;
      if (i % 3 == 0)
        fact.pain = i % 11;
      facts.push_back(fact);
    };
    if (i % 7 < 4)
      add(qlfit::Kind::kSession, hours{7}, minutes{10});
    if (i % 9 != 0)
      add(qlfit::Kind::kWalk, hours{18}, minutes{25});
    if (date::weekday{day}.iso_encoding() <= 5) {
      for (int b = 0; b < 12; ++b)
        add(qlfit::Kind::kBreak, hours{9} + minutes{40 * b}, minutes{2});
    }
  }
  return facts;
}

void WeekBucketing(benchmark::State& state) {
  const auto facts = history(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    long sum = 0;
    for (const auto& fact : facts) {
      const auto day = qlfit::habit_day(fact.local_start(), minutes{0});
      sum += date::sys_days{qlfit::week_containing(day, qlfit::WeekStart::kMonday).range.first}
                 .time_since_epoch()
                 .count();
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<long>(facts.size()));
}
BENCHMARK(WeekBucketing)->Arg(35)->Arg(7300);

// One week's stats from the week and the four before it (what `stats --week` does).
void SummarizeWeek(benchmark::State& state) {
  const auto facts = history(35);
  const auto week = qlfit::week_containing(2026_y / 11 / 24, qlfit::WeekStart::kMonday);
  const qlfit::Settings settings;
  const auto context = at_noon(2026_y / 11 / 24);
  for (auto _ : state)
    benchmark::DoNotOptimize(qlfit::summarize(facts, week, {}, settings, context));
  state.SetItemsProcessed(state.iterations() * static_cast<long>(facts.size()));
}
BENCHMARK(SummarizeWeek);

// A whole range of `days` days in one summary: stats over many entries.
void SummarizeRange(benchmark::State& state) {
  const int days = static_cast<int>(state.range(0));
  const auto facts = history(days);
  const auto period =
      qlfit::range_of(date::year_month_day{date::sys_days{2026_y / 11 / 24} - date::days{days - 1}},
                      2026_y / 11 / 24);
  const qlfit::Settings settings;
  const auto context = at_noon(2026_y / 11 / 24);
  for (auto _ : state)
    benchmark::DoNotOptimize(qlfit::summarize(facts, period, {}, settings, context));
  state.SetItemsProcessed(state.iterations() * static_cast<long>(facts.size()));
}
BENCHMARK(SummarizeRange)->Arg(365)->Arg(7300);

void ParseWhen(benchmark::State& state) {
  const auto context = at_noon(2026_y / 11 / 24);
  const char* inputs[] = {
      "07:30", "yesterday 18:30", "2h ago", "2026-11-20T08:15:00+01:00", "2026-W47", "mon"};
  for (auto _ : state) {
    for (const char* input : inputs)
      benchmark::DoNotOptimize(qlfit::parse_when(input, "--at", context));
  }
  state.SetItemsProcessed(state.iterations() * 6);
}
BENCHMARK(ParseWhen);

void ParseDuration(benchmark::State& state) {
  const char* inputs[] = {"25", "25m", "1h30m", "90s", "2h"};
  for (auto _ : state) {
    for (const char* input : inputs)
      benchmark::DoNotOptimize(qlfit::parse_duration(input, "--for"));
  }
  state.SetItemsProcessed(state.iterations() * 5);
}
BENCHMARK(ParseDuration);

void ZoneOffsetAtInstant(benchmark::State& state) {
  const auto* zone = berlin();
  date::sys_seconds instant{date::sys_days{2026_y / 1 / 1}};
  for (auto _ : state) {
    benchmark::DoNotOptimize(zone->offset_at(instant));
    instant += hours{7};
  }
}
BENCHMARK(ZoneOffsetAtInstant);

}  // namespace

BENCHMARK_MAIN();
