#include "qlfit/periods.hpp"

#include "../commands.hpp"
#include "../render/render.hpp"

#include <memory>

namespace qlfit::cli {

namespace {
struct StatsOptions {
  PeriodRequest period;
  bool json = false;
  bool check = false;
  bool quiet = false;
};
}  // namespace

Command register_stats(CLI::App& root) {
  auto options = std::make_shared<StatsOptions>();
  CLI::App* app = root.add_subcommand(
      "stats", "Say whether the targets of a week, a month or any days are met");
  app->group("Review");
  auto* week = app->add_option_function<std::string>(
                      "--week", [options](const std::string& when) { options->period.week = when; },
                      "the week holding WHEN (default: this week), e.g. 2026-W47, 2026-11-02")
                   ->type_name("[WHEN]")
                   ->expected(0, 1);
  app->add_option_function<std::string>(
         "--month", [options](const std::string& when) { options->period.month = when; },
         "the month holding WHEN (default: this month), e.g. 2026-11")
      ->type_name("[WHEN]")
      ->expected(0, 1)
      ->excludes(week);
  app->add_option_function<std::string>(
         "--weeks", [options](const std::string& count) { options->period.weeks = count; },
         "this week and the N-1 before it (default 12): verdicts, streaks, a heatmap")
      ->type_name("[N]")
      ->expected(0, 1)
      ->excludes(week);
  add_optional(*app, "--from", options->period.from, "a period from this day (with --to)")
      ->type_name("WHEN");
  add_optional(*app, "--to", options->period.to, "to this day, included (with --from)")
      ->type_name("WHEN");
  app->add_flag("--json", options->json, "one JSON document, for scripts");
  auto* check = app->add_flag("--check", options->check,
                              "exit 0 when the session target is met (or paused), 1 when it is "
                              "not; with --weeks, 1 when a finished week missed");
  app->add_flag("-q,--quiet", options->quiet, "with --check: print nothing, only the exit status")
      ->needs(check);
  app->footer(R"(Examples:
  qlfit stats --week
  qlfit stats --week 2026-W47 --json
  qlfit stats --weeks 26
  qlfit stats --month 2026-11
  qlfit stats --from 2026-11-01 --to 2026-11-15
  qlfit stats --check -q || echo "one more session this week")");
  return {app, [options](Session& session) {
            if (options->period.weeks) {
              const WeeksReport report = weeks_report(session.store(), options->period,
                                                      session.settings(), session.time());
              if (options->quiet) {
                // --check -q: the exit status says it all
              } else if (options->json) {
                render::write_weeks_json(report, session.out);
              } else {
                session.out << render::weeks_text(report, session.color(), session.width());
              }
              return options->check && !check_passed(report) ? 1 : 0;
            }
            const Period period =
                requested_period(options->period, session.settings(), session.time());
            const PeriodStats stats =
                period_stats(session.store(), period, session.settings(), session.time());
            if (options->quiet) {
              // --check -q: the exit status says it all
            } else if (options->json) {
              render::write_period_json(stats, session.out);
            } else {
              session.out << render::period_text(stats, session.color());
            }
            return options->check && !check_passed(stats) ? 1 : 0;
          }};
}

}  // namespace qlfit::cli
