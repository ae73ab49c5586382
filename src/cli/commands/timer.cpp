// `start` and `stop`: the verbs of the timer (`status` shows it).
#include "qlfit/timer.hpp"

#include "../commands.hpp"
#include "../render/render.hpp"

#include <memory>

namespace qlfit::cli {

Command register_start(CLI::App& root) {
  auto activity = std::make_shared<std::string>();
  CLI::App* app = root.add_subcommand("start", "Start a timer for an activity; 'stop' logs it");
  app->group("Record");
  app->add_option("ACTIVITY", *activity, "butt-walk, walk, break, or one of your own")->required();
  app->footer(
      "The timer lives in the database, so it survives a reboot.\nExample:\n"
      "  qlfit start walk   # ... and later: qlfit stop");
  return {app,
          [activity](Session& session) {
            const Timer timer = start_timer(session.store(), *activity, session.time());
            session.out << render::started_line(timer) << '\n';
            return 0;
          },
          true};
}

Command register_stop(CLI::App& root) {
  auto cancel = std::make_shared<bool>(false);
  CLI::App* app = root.add_subcommand("stop", "Stop the timer and log the time it measured");
  app->group("Record");
  app->add_flag("--cancel", *cancel, "drop the timer without logging anything");
  app->footer("Examples:\n  qlfit stop\n  qlfit stop --cancel");
  return {app,
          [cancel](Session& session) {
            if (*cancel) {
              session.out << render::cancelled_line(cancel_timer(session.store())) << '\n';
              return 0;
            }
            const Logged logged = stop_timer(session.store(), session.settings(), session.time());
            session.out << render::logged_line(logged) << '\n';
            return 0;
          },
          true};
}

}  // namespace qlfit::cli
