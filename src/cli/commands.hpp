#pragma once

#include "session.hpp"

#include <CLI/CLI.hpp>

#include <functional>

namespace qlfit::cli {

// One verb the user types: its CLI11 subcommand and what runs when it is chosen.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(Session&)> run;
  bool changes = false;  // it always changes the database (opened once, for writing)
};

// One function per file in commands/; each adds its subcommand to `root`.
Command register_log(CLI::App& root);
Command register_undo(CLI::App& root);
Command register_list(CLI::App& root);
Command register_stats(CLI::App& root);
Command register_report(CLI::App& root);
Command register_config(CLI::App& root);
Command register_start(CLI::App& root);
Command register_stop(CLI::App& root);
Command register_status(CLI::App& root);
Command register_away(CLI::App& root);
Command register_watch(CLI::App& root);
Command register_remind(CLI::App& root);
Command register_cron(CLI::App& root);
Command register_pause(CLI::App& root);
Command register_edit(CLI::App& root);
Command register_rm(CLI::App& root);
Command register_export(CLI::App& root);
Command register_import(CLI::App& root);
Command register_backup(CLI::App& root);
Command register_sync(CLI::App& root);
Command register_activity(CLI::App& root);
Command register_completion(CLI::App& root);
Command register_help(CLI::App& root);

// The command of `app` named `name` (not an option group); nullptr when none is.
const CLI::App* command_named(const CLI::App& app, const std::string& name);

// The message for `word` given where a command of `app` (at `path`, e.g. "config", or ""
// for qlfit itself) belongs: it names the closest command ("did you mean 'log'?").
std::string not_a_command(const CLI::App& app, const std::string& path, const std::string& word);

// Binds the pair --for DURATION | --minutes N (the use cases refuse both at once).
void add_length_options(CLI::App& app, std::optional<std::string>& duration,
                        std::optional<std::string>& minutes);

// Binds an optional string option: the value is kept only when the option is given.
CLI::Option* add_optional(CLI::App& app, const std::string& name, std::optional<std::string>& value,
                          const std::string& help);

}  // namespace qlfit::cli
