#include "qlfit/history.hpp"

#include "../commands.hpp"
#include "../render/render.hpp"

namespace qlfit::cli {

Command register_undo(CLI::App& root) {
  CLI::App* app = root.add_subcommand(
      "undo", "Revert the latest change made here (any kind), and say what it was");
  app->group("Record");
  app->footer(R"(One change per call: a log, a stop (the timer runs again), an edit, an rm, an
import, a pause, an activity, a setting. Changes that arrived by sync are undone where
they were made, and what another machine changed since is kept (and named).
Example:
  qlfit undo)");
  return {app,
          [](Session& session) {
            session.out << render::undone_line(undo_last_change(session.history())) << '\n';
            return 0;
          },
          true};
}

}  // namespace qlfit::cli
