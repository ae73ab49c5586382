// `watch`: follows the session (locked, idle, asleep) and turns it into natural breaks.
#include "qlfit/watch.hpp"

#include "../commands.hpp"
#include "../render/text.hpp"

#include <memory>

namespace qlfit::cli {

namespace {
struct WatchOptions {
  bool notify = false;
};
}  // namespace

Command register_watch(CLI::App& root) {
  auto options = std::make_shared<WatchOptions>();
  CLI::App* app = root.add_subcommand(
      "watch", "Follow the session (lock, idle, suspend) and log time away as breaks");
  app->group("Remind");
  app->add_flag("--notify", options->notify,
                "also send each reminder when it falls due (notify-send), so cron is optional");
  app->footer(R"(Runs in the foreground until SIGTERM or SIGINT, for a systemd user service.
It follows systemd-logind on the system bus: a locked or idle session, or a suspend, opens
an away period at the moment it began (an idle one at IdleSinceHint) and coming back
closes it, as 'qlfit away begin|end' would; an open period is ended on SIGTERM. When the
bus goes away it keeps running and reconnects. Logged breaks are printed, one a line.
Example:
  qlfit watch --notify)");
  return {app,
          [options](Session& session) {
            const auto logged = [&session](const Logged& line) {
              session.out << render::logged_line(line) << '\n';
              session.out.flush();
            };
            const auto due = [&session](const Reminder& reminder) {
              if (!session.notify(reminder.text)) {
                session.out << reminder.text << '\n';
                session.out.flush();
              }
            };
            std::function<void(const Reminder&)> reminders;
            if (options->notify)
              reminders = due;
            watch_desk(session.store(), session.desk(), session.time(), logged, reminders);
            return 0;
          },
          true};
}

}  // namespace qlfit::cli
