#include "qlfit/remind.hpp"

#include "../commands.hpp"
#include "../render/reminders.hpp"

#include <memory>

namespace qlfit::cli {

namespace {
struct RemindOptions {
  std::optional<std::string> kind;
  bool notify = false;
};
}  // namespace

Command register_remind(CLI::App& root) {
  auto options = std::make_shared<RemindOptions>();
  CLI::App* app =
      root.add_subcommand("remind", "Say what is due now, and nothing otherwise (for cron)");
  app->group("Remind");
  add_optional(*app, "--for", options->kind, "only this reminder: break, session or walk")
      ->type_name("KIND");
  app->add_flag("--notify", options->notify,
                "also raise a desktop notification (notify-send); without one, print instead");
  app->footer(R"(Silent, exit 0, when nothing is due: cron mails only what a job prints.
Never writes or creates the database. 'qlfit cron --install' schedules it for you.
Examples:
  qlfit remind
  qlfit remind --for break --notify)");
  return {app, [options](Session& session) {
            for (const Reminder& reminder :
                 reminders_now(session.store(), options->kind, session.settings(), session.time(),
                               session.presence())) {
              const std::string text = render::reminder_text(reminder);
              if (!options->notify || !session.notify(text))
                session.out << text << '\n';
            }
            return 0;
          }};
}

}  // namespace qlfit::cli
