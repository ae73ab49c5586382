#include "qlfit/tracker.hpp"

#include "../commands.hpp"
#include "../render/text.hpp"

#include <memory>

namespace qlfit::cli {

namespace {
struct StatsOptions {
  std::optional<std::string> week;
  bool json = false;
  bool check = false;
};
}  // namespace

Command register_stats(CLI::App& root) {
  auto options = std::make_shared<StatsOptions>();
  CLI::App* app = root.add_subcommand("stats", "Say whether this week's targets are met");
  app->group("Review");
  app->add_option_function<std::string>(
         "--week", [options](const std::string& when) { options->week = when; },
         "the week holding WHEN (default: this week), e.g. 2026-W47, 2026-11-02, yesterday")
      ->type_name("[WHEN]")
      ->expected(0, 1);
  app->add_flag("--json", options->json, "one JSON document, for scripts");
  app->add_flag("--check", options->check,
                "exit 0 when the session target is met, 1 when it is not");
  app->footer(R"(Examples:
  qlfit stats --week
  qlfit stats --week 2026-W47 --json
  qlfit stats --check && echo "routine done this week")");
  return {app, [options](Session& session) {
            const PeriodStats stats =
                week_stats(session.store(), options->week, session.settings(), session.time());
            if (options->json) {
              session.out << render::period_json(stats).dump(2) << '\n';
            } else {
              session.out << render::period_text(stats, session.settings(), session.color());
            }
            return options->check && !stats.sessions.met() ? 1 : 0;
          }};
}

}  // namespace qlfit::cli
