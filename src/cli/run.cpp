#include "run.hpp"

#include "qlfit/error.hpp"

#include "commands.hpp"
#include "session.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>

#include <cctype>
#include <string>
#include <vector>

namespace qlfit::cli {
namespace {

constexpr int kUsage = 2;
constexpr int kStorage = 3;

constexpr const char* kFooter =
    R"(Exit status: 0 done, 1 stats --check not met, 2 bad usage or input, 3 database or file.
Environment: QLFIT_DB (database), TZ and TZDIR (zone), QLFIT_NOW (fixed clock), NO_COLOR.
Run 'qlfit COMMAND --help' for a command's options and examples.)";

int exit_code(const Error& error) {
  return error.code() == ErrorCode::kStorage ? kStorage : kUsage;
}

// CLI11 says "The following argument was not expected: x"; the GNU style is lower case.
std::string usage_line(const CLI::ParseError& error) {
  std::string message = error.what();
  if (message.size() > 1 && std::islower(static_cast<unsigned char>(message[1])) != 0) {
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  }
  return "qlfit: " + message + " (see 'qlfit --help')";
}

}  // namespace

CLI::Option* add_optional(CLI::App& app, const std::string& name, std::optional<std::string>& value,
                          const std::string& help) {
  return app.add_option_function<std::string>(
      name, [&value](const std::string& given) { value = given; }, help);
}

void add_length_options(CLI::App& app, std::optional<std::string>& duration,
                        std::optional<std::string>& minutes) {
  auto* length = add_optional(app, "--for", duration, "how long: 25m, 1h15m, 90s, or 45 (minutes)")
                     ->type_name("DURATION");
  add_optional(app, "--minutes", minutes, "how long, in minutes (1-1440)")
      ->type_name("N")
      ->excludes(length);
}

int run(std::span<const char* const> args, const Environment& environment, const Outside& outside,
        std::ostream& out, std::ostream& err) {
  Session session(environment, outside, out, err);
  GlobalOptions globals;
  CLI::App app{
      "qlfit: keep your back healthy with three habits: the QL routine 3-4 times a\n"
      "week, a 20-30 minute walk a day, and standing up every 30 minutes.",
      "qlfit"};
  app.add_option("--db", globals.db,
                 "the database file (default $QLFIT_DB, else "
                 "$XDG_DATA_HOME/qlfit/qlfit.db)")
      ->type_name("PATH");
  app.add_option("--color", globals.color, "colour on a terminal: auto, always or never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.set_version_flag("--version", version_text());
  app.fallthrough();
  app.require_subcommand(0, 1);
  app.footer(kFooter);

  const std::vector<Command> commands{
      register_log(app),      register_undo(app),      register_edit(app),   register_rm(app),
      register_start(app),    register_stop(app),      register_status(app), register_list(app),
      register_stats(app),    register_remind(app),    register_cron(app),   register_export(app),
      register_import(app),   register_backup(app),    register_pause(app),  register_config(app),
      register_activity(app), register_completion(app)};
  try {
    app.parse(static_cast<int>(args.size()), args.data());
    session.set_globals(globals);
    for (const Command& command : commands) {
      if (command.app->parsed())
        return command.run(session);
    }
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0)
      return app.exit(error, out, err);
    err << usage_line(error) << '\n';
    return kUsage;
  } catch (const Error& error) {
    err << "qlfit: " << error.what() << '\n';
    return exit_code(error);
  } catch (const std::exception& error) {
    err << "qlfit: internal error, please report it: " << error.what() << '\n';
    return kStorage;
  }
}

}  // namespace qlfit::cli
