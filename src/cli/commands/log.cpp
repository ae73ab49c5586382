#include "qlfit/entries.hpp"

#include "../commands.hpp"
#include "../render/render.hpp"

#include <memory>

namespace qlfit::cli {

Command register_log(CLI::App& root) {
  auto request = std::make_shared<LogRequest>();
  CLI::App* app = root.add_subcommand("log", "Record a routine session, a walk or a break");
  app->group("Record");
  app->add_option("ACTIVITY", request->activity, "butt-walk, walk, break, or one of your own")
      ->required();
  add_optional(*app, "--at", request->at,
               "when it happened (default now): 07:30, yesterday 18:00, 2026-11-24T07:30")
      ->type_name("WHEN");
  add_length_options(*app, request->for_, request->minutes);
  add_optional(*app, "--pain", request->pain, "back pain right now, 0 (none) to 10 (worst)")
      ->type_name("0-10");
  add_optional(*app, "--note", request->note, "a few words to remember")->type_name("TEXT");
  app->footer(R"(Walks need a length; sessions last 10m and breaks 2m unless told.
Examples:
  qlfit log butt-walk
  qlfit log walk --minutes 25
  qlfit log break
  qlfit log butt-walk --at "yesterday 18:00" --pain 4 --note "stiff after the drive")");
  return {app,
          [request](Session& session) {
            const Logged logged =
                log_activity(session.store(), *request, session.settings(), session.time());
            session.out << render::logged_line(logged) << '\n';
            if (logged.pain_advice)
              session.out << render::pain_advice() << '\n';
            return 0;
          },
          true};
}

}  // namespace qlfit::cli
