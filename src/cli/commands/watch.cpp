// `watch`: follows the session (locked, idle, asleep) and turns it into natural breaks.
#include "qlfit/watch.hpp"

#include "qlfit/error.hpp"
#include "qlfit/unit.hpp"

#include "../commands.hpp"
#include "../render/reminders.hpp"
#include "../render/render.hpp"

#include <filesystem>
#include <memory>

namespace qlfit::cli {

namespace {
struct WatchOptions {
  bool notify = false;
  bool print = false;
  bool install = false;
  bool uninstall = false;
};

// The unit runs this binary, with --db when the database is not the default one.
UnitTarget target_for(Session& session, bool notify) {
  const Environment& environment = session.environment();
  UnitTarget target{environment.executable, std::nullopt, notify};
  const std::string path = session.db_path();
  if (path != session.cron_default_db_path().value_or(""))
    target.db = (std::filesystem::path(environment.cwd) / path).lexically_normal().string();
  return target;
}

// $XDG_CONFIG_HOME/systemd/user (an absolute one only, as the XDG rule has it), else
// ~/.config/systemd/user; with neither there is no place (never "/.config").
std::string unit_folder(const Environment& environment) {
  const auto& config = environment.xdg_config_home;
  if (config && !config->empty() && config->front() == '/')
    return *config + "/systemd/user";
  if (!environment.home || environment.home->empty())
    throw Error(ErrorCode::kStorage,
                "no place for the unit: HOME is not set; set XDG_CONFIG_HOME to an absolute path");
  return *environment.home + "/.config/systemd/user";
}

const char* said(UnitChange change) {
  switch (change) {
    case UnitChange::kInstalled:
      return "installed and started qlfit-watch.service";
    case UnitChange::kUpdated:
      return "updated and restarted qlfit-watch.service";
    case UnitChange::kUnchanged:
      return "qlfit-watch.service is installed and running";
    case UnitChange::kRemoved:
      return "stopped and removed qlfit-watch.service";
    case UnitChange::kAbsent:
      return "qlfit-watch.service is not installed";
  }
  return "";
}
}  // namespace

Command register_watch(CLI::App& root) {
  auto options = std::make_shared<WatchOptions>();
  CLI::App* app = root.add_subcommand(
      "watch", "Follow the session (lock, idle, suspend) and log time away as breaks");
  app->group("Remind");
  app->add_flag("--notify", options->notify,
                "also send each reminder when it falls due (notify-send), so cron is optional");
  auto* print = app->add_flag("--print", options->print,
                              "print the systemd user unit qlfit-watch.service that runs it");
  auto* install = app->add_flag("--install", options->install,
                                "write the unit to ~/.config/systemd/user and enable --now it");
  app->add_flag("--uninstall", options->uninstall, "disable --now and remove the unit")
      ->excludes(print)
      ->excludes(install);
  print->excludes(install);
  app->footer(R"(Runs in the foreground until SIGTERM or SIGINT, for a systemd user service.
It follows systemd-logind on the system bus: a locked or idle session, or a suspend, opens
an away period at the moment it began (an idle one at IdleSinceHint) and coming back
closes it, as 'qlfit away begin|end' would; an open period is ended on SIGTERM. Where
GNOME's org.gnome.Mutter.IdleMonitor is on the session bus, idle time of break.natural
counts too (from when it began). When a bus goes away it keeps running and reconnects.
Logged breaks are printed, one a line.
--install runs 'systemctl --user daemon-reload' and 'enable --now' (and 'restart' when the
unit changed); it is idempotent, and a failing systemctl is exit 3 with the unit file as it
was before.
Examples:
  qlfit watch --notify
  qlfit watch --install --notify
  qlfit watch --uninstall)");
  return {app,
          [options](Session& session) {
            if (options->print || options->install || options->uninstall) {
              if (options->uninstall) {
                session.out << said(uninstall_watch_unit(session.units(),
                                                         unit_folder(session.environment())))
                            << '\n';
              } else if (options->install) {
                const std::string text = watch_unit(target_for(session, options->notify));
                const std::string folder = unit_folder(session.environment());
                session.out << said(install_watch_unit(session.units(), folder, text)) << '\n';
              } else {
                session.out << watch_unit(target_for(session, options->notify));
              }
              return 0;
            }
            const auto logged = [&session](const Logged& line) {
              session.out << render::logged_line(line) << '\n';
              session.out.flush();
            };
            const auto due = [&session](const Reminder& reminder) {
              const std::string text = render::reminder_text(reminder);
              if (!session.notify(text)) {
                session.out << text << '\n';
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
