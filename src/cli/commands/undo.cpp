#include "qlfit/tracker.hpp"

#include "../commands.hpp"
#include "../render/text.hpp"

namespace qlfit::cli {

Command register_undo(CLI::App& root) {
  CLI::App* app = root.add_subcommand("undo", "Remove the entry logged last, and say what it was");
  app->group("Record");
  app->footer("Example:\n  qlfit undo");
  return {app,
          [](Session& session) {
            session.out << render::removed_line(undo_last(session.store())) << '\n';
            return 0;
          },
          true};
}

}  // namespace qlfit::cli
