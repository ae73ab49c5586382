#include "run.hpp"

#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

#include "commands.hpp"
#include "session.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>

#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <streambuf>
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

// Passes output on to the stream it was given, and keeps why its first write failed
// (errno then, before anything else can change it); after a failure it writes nothing.
class CheckedOutput final : public std::streambuf {
 public:
  explicit CheckedOutput(std::streambuf* to) : to_(to) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  bool failed() const { return failed_; }
  // The errno of the failure (EIO when the stream gave none).
  int reason() const { return reason_ == 0 ? EIO : reason_; }

 protected:
  // Buffered, so that a renderer writing a character at a time costs a copy, not a call
  // down the stream each (stats --weeks 1100 --json: a third of its instructions).
  int_type overflow(int_type c) override {
    drain();
    if (!traits_type::eq_int_type(c, traits_type::eof()))
      sputc(traits_type::to_char_type(c));
    return failed_ ? traits_type::eof() : traits_type::not_eof(c);
  }
  int sync() override {
    drain();
    if (!failed_) {
      errno = 0;
      if (to_->pubsync() != 0)
        fail();
    }
    return failed_ ? -1 : 0;
  }

 private:
  void drain() {
    const std::streamsize size = pptr() - pbase();
    if (size > 0 && !failed_) {
      errno = 0;
      if (to_->sputn(pbase(), size) != size)
        fail();
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  void fail() {
    failed_ = true;
    reason_ = errno;
  }
  std::streambuf* to_;
  std::array<char, 8192> buffer_{};
  bool failed_ = false;
  int reason_ = 0;
};

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

void write_whole_file(Session& session, const std::string& path,
                      const std::function<void(std::ostream& out)>& write) {
  session.files().replace(path, [&](const std::string& temporary) {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    write(file);
    file.close();
    if (!file)
      throw Error(ErrorCode::kStorage, path + " cannot be written: " + std::strerror(errno));
  });
}

namespace {

int run_command(std::span<const char* const> args, const Environment& environment,
                const Outside& outside, std::ostream& out, std::ostream& err) {
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
      register_log(app),    register_undo(app),     register_edit(app),      register_rm(app),
      register_start(app),  register_stop(app),     register_status(app),    register_list(app),
      register_stats(app),  register_report(app),   register_remind(app),    register_cron(app),
      register_export(app), register_import(app),   register_backup(app),    register_pause(app),
      register_config(app), register_activity(app), register_completion(app)};
  try {
    app.parse(static_cast<int>(args.size()), args.data());
    session.set_globals(globals);
    for (const Command& command : commands) {
      if (command.app->parsed()) {
        if (command.changes)
          session.will_change();
        return command.run(session);
      }
    }
    out << app.help();
    return 0;
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0)
      return app.exit(error, out, err);
    err << printable_line(usage_line(error)) << '\n';
    return kUsage;
  } catch (const Error& error) {
    err << "qlfit: " << printable_line(error.what()) << '\n';
    return exit_code(error);
  } catch (const std::exception& error) {
    err << "qlfit: internal error, please report it: " << printable_line(error.what()) << '\n';
    return kStorage;
  }
}

}  // namespace

int run(std::span<const char* const> args, const Environment& environment, const Outside& outside,
        std::ostream& out, std::ostream& err) {
  CheckedOutput checked(out.rdbuf());
  std::ostream output(&checked);
  const int code = run_command(args, environment, outside, output, err);
  output.flush();
  // A reader that went away early (`qlfit list | head -1`) is not an error; nor is a
  // second line due when the command already failed with one.
  if (!checked.failed() || checked.reason() == EPIPE || code >= kUsage)
    return code;
  // The command itself ran: what it changed is saved, so a script must not just run it
  // again.
  err << "qlfit: cannot write the output: " << std::strerror(checked.reason())
      << " (the command itself was carried out)" << '\n';
  return kStorage;
}

}  // namespace qlfit::cli
