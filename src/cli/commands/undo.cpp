#include "qlfit/error.hpp"

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
            const auto undone = session.store().undo();
            if (!undone) {
              throw Error(ErrorCode::kInvalidInput,
                          "nothing to undo: no change has been made on this machine, or all "
                          "are undone already");
            }
            session.out << render::undone_line(*undone) << '\n';
            return 0;
          },
          true};
}

}  // namespace qlfit::cli
