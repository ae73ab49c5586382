// `away begin|end`: the door idle daemons (swayidle, xss-lock, hypridle) call.
#include "qlfit/away.hpp"

#include "../commands.hpp"
#include "../render/render.hpp"

#include <memory>

namespace qlfit::cli {

Command register_away(CLI::App& root) {
  auto at = std::make_shared<std::optional<std::string>>();
  CLI::App* app = root.add_subcommand(
      "away", "Time away from the desk: a natural break (for idle and lock hooks)");
  app->group("Record");
  app->require_subcommand(1, 1);
  CLI::App* begin = app->add_subcommand("begin", "the user left the desk (locked, idle, asleep)");
  CLI::App* end = app->add_subcommand("end", "the user is back: logs a break when long enough");
  for (CLI::App* sub : {begin, end}) {
    add_optional(*sub, "--at", *at, "when it happened (default now; at most 5 minutes ahead)")
        ->type_name("WHEN");
  }
  app->footer(R"(An away period of at least break.natural (default 2m) becomes a break; a
shorter one is dropped. 'begin' while away, or 'end' when not away, changes nothing.
Both print nothing but a logged break's line, and exit 0.
Example (sway):
  swayidle timeout 120 'qlfit away begin' resume 'qlfit away end' \
           before-sleep 'qlfit away begin' after-resume 'qlfit away end')");
  return {app,
          [=](Session& session) {
            if (begin->parsed()) {
              begin_away(session.store(), *at, session.time());
              return 0;
            }
            if (const auto logged =
                    end_away(session.store(), *at, session.settings(), session.time())) {
              session.out << render::logged_line(*logged) << '\n';
            }
            return 0;
          },
          true};
}

}  // namespace qlfit::cli
