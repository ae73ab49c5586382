#include "qlfit/cron.hpp"

#include "../commands.hpp"

#include <filesystem>
#include <memory>

namespace qlfit::cli {

namespace {

struct CronOptions {
  bool print = false;
  bool install = false;
  bool uninstall = false;
};

// What the crontab lines run: this binary, and the database when cron would not
// find it by itself (cron passes HOME but no QLFIT_DB or XDG_DATA_HOME).
CronTarget target_for(Session& session) {
  const Environment& environment = session.environment();
  CronTarget target;
  target.executable = environment.executable;
  const std::string path = session.db_path();
  if (path != session.cron_default_db_path().value_or("")) {
    target.db = (std::filesystem::path(environment.cwd) / path).lexically_normal().string();
  }
  if (environment.tz && !environment.tz->empty())
    target.tz = *environment.tz;
  // cron runs from HOME: a relative TZDIR is made absolute, as --db is.
  if (environment.tzdir && !environment.tzdir->empty()) {
    target.tzdir =
        (std::filesystem::path(environment.cwd) / *environment.tzdir).lexically_normal().string();
  }
  return target;
}

const char* said(CronChange change) {
  switch (change) {
    case CronChange::kAdded:
      return "added qlfit's reminders to your crontab";
    case CronChange::kUpdated:
      return "updated qlfit's reminders in your crontab";
    case CronChange::kUnchanged:
      return "qlfit's reminders are already in your crontab";
    case CronChange::kRemoved:
      return "removed qlfit's reminders from your crontab";
    case CronChange::kAbsent:
      return "your crontab has no qlfit reminders";
  }
  return "";
}

}  // namespace

Command register_cron(CLI::App& root) {
  auto options = std::make_shared<CronOptions>();
  CLI::App* app =
      root.add_subcommand("cron", "Print, install or remove the crontab lines for remind");
  app->group("Remind");
  auto* print = app->add_flag("--print", options->print, "print the lines to paste (the default)");
  auto* install =
      app->add_flag("--install", options->install, "add them to your crontab (once; idempotent)");
  app->add_flag("--uninstall", options->uninstall, "remove only qlfit's lines from your crontab")
      ->excludes(print)
      ->excludes(install);
  print->excludes(install);
  app->footer(R"(Breaks are checked every few minutes in working hours on working days, the
weekly session and the daily walk once each evening (see 'qlfit config list').
The schedule runs in cron's zone; TZ and TZDIR are passed on to qlfit when set.
Examples:
  qlfit cron --print
  qlfit cron --install
  qlfit cron --uninstall)");
  return {app, [options](Session& session) {
            if (options->uninstall) {
              session.out << said(uninstall_cron(session.crontab())) << '\n';
              return 0;
            }
            const std::string block = cron_block(session.settings(), target_for(session));
            if (options->install) {
              session.out << said(install_cron(session.crontab(), block)) << '\n';
            } else {
              session.out << block;
            }
            return 0;
          }};
}

}  // namespace qlfit::cli
