// `status`: today at a glance, for people, scripts and status bars.
#include "qlfit/status.hpp"

#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

#include "../commands.hpp"
#include "../render/status.hpp"

#include <memory>

namespace qlfit::cli {

namespace {
struct StatusOptions {
  bool json = false;
  std::optional<std::string> bar;
};
constexpr int kI3blocksUrgent = 33;  // i3blocks shows the block as urgent
}  // namespace

Command register_status(CLI::App& root) {
  auto options = std::make_shared<StatusOptions>();
  CLI::App* app = root.add_subcommand(
      "status", "Today at a glance: timer, sessions, walk, sitting, away, what is due");
  app->group("Review");
  app->add_flag("--json", options->json, "one JSON document, for scripts and prompts");
  add_optional(*app, "--bar", options->bar,
               "one line for a status bar: waybar, i3blocks, polybar or tmux")
      ->type_name("BAR");
  app->footer(R"(Never writes or creates the database; made to be polled every few seconds.
With --bar i3blocks the exit status is 33 (urgent) when a break is due.
Examples:
  qlfit status
  qlfit status --json
  qlfit status --bar waybar)");
  return {app, [options](Session& session) {
            std::optional<render::Bar> bar;
            if (options->bar) {
              bar = render::bar_named(*options->bar);
              if (!bar) {
                throw Error(
                    ErrorCode::kInvalidInput,
                    "--bar must be waybar, i3blocks, polybar or tmux, got " + quote(*options->bar));
              }
              if (options->json)
                throw Error(ErrorCode::kInvalidInput, "give either --json or --bar, not both");
            }
            const TimeContext& time = session.time();
            const Status status = status_now(session.store(), session.settings(), time);
            if (bar) {
              session.out << render::status_bar(status, *bar, time.now);
              return *bar == render::Bar::kI3blocks && status.is_due(Kind::kBreak) ? kI3blocksUrgent
                                                                                   : 0;
            }
            if (options->json) {
              session.out << render::status_document(status, time.now).dump(2) << '\n';
            } else {
              session.out << render::status_text(status, time.now);
            }
            return 0;
          }};
}

}  // namespace qlfit::cli
