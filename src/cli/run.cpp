#include "run.hpp"

#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

#include "commands.hpp"
#include "session.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <span>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace qlfit::cli {
namespace {

constexpr int kUsage = 2;
constexpr int kStorage = 3;

// CLI11's help, with its grouping of commands done without std::locale: CLI11 2.1 lowers
// both names of every (group, command) pair through a locale lookup per character, half
// the instructions of a `qlfit --help`. The same text; qlfit's group names are ASCII.
class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override {
    const auto same_group = [](std::string_view a, std::string_view b) {
      return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
             });
    };
    std::string out;
    std::vector<std::string> groups;  // in the order first seen
    for (const CLI::App* command : app->get_subcommands({})) {
      if (command->get_name().empty()) {
        if (!command->get_group().empty())
          out += make_expanded(command);
        continue;
      }
      const std::string& group = command->get_group();
      if (!group.empty() && std::none_of(groups.begin(), groups.end(),
                                         [&](const auto& seen) { return same_group(seen, group); }))
        groups.push_back(group);
    }
    for (const std::string& group : groups) {
      out += "\n" + group + ":\n";
      for (const CLI::App* command : app->get_subcommands({})) {
        if (command->get_name().empty() || !same_group(command->get_group(), group))
          continue;
        if (mode != CLI::AppFormatMode::All)
          out += make_subcommand(command);
        else
          out += command->help(command->get_name(), CLI::AppFormatMode::Sub) + "\n";
      }
    }
    return out;
  }
};

constexpr const char* kFooter =
    R"(Exit status: 0 done, 1 stats --check not met, 2 bad usage or input, 3 database or file.
Environment: QLFIT_DB (database), TZ and TZDIR (zone), QLFIT_NOW (fixed clock), NO_COLOR.
Run 'qlfit help COMMAND' (or 'qlfit COMMAND --help') for a command's options and examples.)";

int exit_code(const Error& error) {
  return error.code() == ErrorCode::kStorage ? kStorage : kUsage;
}

// CLI11 says "The following argument was not expected: x"; the GNU style is lower case.
std::vector<const CLI::App*> commands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); });
}

// CLI11's own line, pointing at the help of the deepest command the words reached
// ("qlfit status --help").
std::string usage_line(const CLI::App& root, const CLI::ParseError& error) {
  std::string message = error.what();
  if (message.size() > 1 && std::islower(static_cast<unsigned char>(message[1])) != 0) {
    message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  }
  std::string help = "qlfit";
  for (const CLI::App* app = &root; app != nullptr;) {
    const auto commands = commands_of(*app);
    const auto reached = std::find_if(commands.begin(), commands.end(),
                                      [](const CLI::App* sub) { return sub->parsed(); });
    app = reached == commands.end() ? nullptr : *reached;
    if (app != nullptr)
      help += " " + app->get_name();
  }
  return "qlfit: " + message + " (see '" + help + " --help')";
}

// Every name `app` takes: its commands' names or its options' ("--pain", "-q").
std::vector<std::string> names_in(const CLI::App& app, bool commands) {
  std::vector<std::string> names;
  if (commands) {
    for (const CLI::App* sub : commands_of(app))
      names.push_back(sub->get_name());
    return names;
  }
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& name : option->get_lnames())
      names.push_back("--" + name);
    for (const std::string& name : option->get_snames())
      names.push_back("-" + name);
  }
  return names;
}

const CLI::Option* option_named(const CLI::App& app, const std::string& name) {
  for (const CLI::Option* option : app.get_options()) {
    if (!option->get_positional() && option->check_name(name))
      return option;
  }
  return nullptr;
}

// For words CLI11 did not expect: the line that names the misspelt command or option
// and the one meant, as git does ("did you mean 'log'?"); std::nullopt when the words
// hold no unknown command or option.
std::optional<std::string> typo_line(const CLI::App& root, std::span<const char* const> args) {
  const CLI::App* app = &root;
  std::string path;  // "log", "config set"
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string word = args[i];
    if (word == "--")
      return std::nullopt;
    if (word.size() > 1 && word[0] == '-') {
      const std::string name = word.substr(0, word.find('='));
      const CLI::Option* option = option_named(*app, name);
      if (option == nullptr && app != &root)
        option = option_named(root, name);  // --db and --color go anywhere
      if (option == nullptr) {
        const auto names = names_in(*app, false);
        const auto meant = closest_word(name, names);
        const std::string help = path.empty() ? "qlfit --help" : "qlfit " + path + " --help";
        return fmt::format("qlfit: {} has no option {}{} (see '{}')", path.empty() ? "qlfit" : path,
                           quote(name), meant ? "; did you mean " + *meant + "?" : "", help);
      }
      if (option->get_expected_max() > 0 && word.find('=') == std::string::npos)
        ++i;  // its value
      continue;
    }
    if (const CLI::App* sub = command_named(*app, word)) {
      app = sub;
      path += (path.empty() ? "" : " ") + word;
      continue;
    }
    if (commands_of(*app).empty())
      continue;  // a positional word, such as an activity
    return "qlfit: " + not_a_command(*app, path, word);
  }
  return std::nullopt;
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

const CLI::App* command_named(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : commands_of(app)) {
    if (sub->get_name() == name)
      return sub;
  }
  return nullptr;
}

std::string not_a_command(const CLI::App& app, const std::string& path, const std::string& word) {
  const auto meant = closest_word(word, names_in(app, true));
  return fmt::format(
      "{} is not a {}{} (see '{}')", quote(word),
      path.empty() ? "qlfit command" : "command of 'qlfit " + path + "'",
      meant ? "; did you mean '" + (path.empty() ? "" : path + " ") + *meant + "'?" : "",
      path.empty() ? "qlfit --help" : "qlfit " + path + " --help");
}

CLI::Option* add_optional(CLI::App& app, const std::string& name, std::optional<std::string>& value,
                          const std::string& help) {
  return app.add_option_function<std::string>(
      name, [&value](const std::string& given) { value = given; }, help);
}

void add_length_options(CLI::App& app, std::optional<std::string>& duration,
                        std::optional<std::string>& minutes) {
  add_optional(app, "--for", duration, "how long: 25m, 1h15m, 90s, or 45 (minutes)")
      ->type_name("DURATION");
  // Not CLI11's excludes(), which --help would show as "Excludes: --for": the use cases
  // refuse the pair ("give either --for or --minutes, not both").
  add_optional(app, "--minutes", minutes, "how long, in minutes (1-1440, not with --for)")
      ->type_name("N");
}

namespace {

// The one registry: every command, in the order --help lists them.
struct Registration {
  std::string_view name;
  Command (*add)(CLI::App& root);
};
constexpr std::array kRegistry{
    Registration{"log", register_log},           Registration{"undo", register_undo},
    Registration{"edit", register_edit},         Registration{"rm", register_rm},
    Registration{"start", register_start},       Registration{"stop", register_stop},
    Registration{"status", register_status},     Registration{"away", register_away},
    Registration{"list", register_list},         Registration{"stats", register_stats},
    Registration{"report", register_report},     Registration{"remind", register_remind},
    Registration{"watch", register_watch},       Registration{"cron", register_cron},
    Registration{"export", register_export},     Registration{"import", register_import},
    Registration{"backup", register_backup},     Registration{"sync", register_sync},
    Registration{"pause", register_pause},       Registration{"config", register_config},
    Registration{"activity", register_activity}, Registration{"completion", register_completion},
    Registration{"help", register_help}};

// Which commands to build for these words. Building CLI11's tree for all of them is a
// tenth of a short command's time, so only the command named is built: all of them for
// --help, `help`, completion and words that name no command (for "did you mean"), none
// for a bare --version.
std::vector<Registration> needed_for(std::span<const char* const> args) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string_view word = args[i];
    if (word == "--db" || word == "--color") {
      ++i;  // its value
      continue;
    }
    if (word.starts_with("--db=") || word.starts_with("--color="))
      continue;
    if (word == "--version" && args.size() == i + 1)
      return {};
    if (word.starts_with('-'))
      break;
    for (const Registration& registration : kRegistry) {
      if (registration.name == word && word != "help" && word != "completion")
        return {registration};
    }
    break;
  }
  return {kRegistry.begin(), kRegistry.end()};
}

int run_command(std::span<const char* const> args, const Environment& environment,
                const Outside& outside, std::ostream& out, std::ostream& err) {
  Session session(environment, outside, out, err);
  GlobalOptions globals;
  CLI::App app{
      "qlfit: keep your back healthy with three habits: the QL routine 3-4 times a\n"
      "week, a 20-30 minute walk a day, and standing up every 30 minutes.",
      "qlfit"};
  app.formatter(std::make_shared<HelpFormatter>());  // before the commands: they inherit it
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

  std::vector<Command> commands;
  for (const Registration& registration : needed_for(args))
    commands.push_back(registration.add(app));
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
    // Words CLI11 did not expect, or a required one missing, may be a misspelling.
    const bool unexpected = dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr ||
                            dynamic_cast<const CLI::RequiredError*>(&error) != nullptr;
    const auto typo = unexpected ? typo_line(app, args) : std::nullopt;
    err << printable_line(typo.value_or(usage_line(app, error))) << '\n';
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
  // second line due when the command already failed with one (i3blocks' urgent 33 did not).
  if (!checked.failed() || checked.reason() == EPIPE || code == kUsage || code == kStorage)
    return code;
  // The command itself ran: what it changed is saved, so a script must not just run it
  // again.
  err << "qlfit: cannot write the output: " << std::strerror(checked.reason())
      << " (the command itself was carried out)" << '\n';
  return kStorage;
}

}  // namespace qlfit::cli
