#include "qlfit/config.hpp"

#include "qlfit/text.hpp"

#include "../commands.hpp"

#include <fmt/format.h>

#include <memory>

namespace qlfit::cli {

namespace {
struct ConfigOptions {
  std::string key;
  std::string value;
};
}  // namespace

Command register_config(CLI::App& root) {
  auto options = std::make_shared<ConfigOptions>();
  CLI::App* app = root.add_subcommand("config", "See and change targets, working hours and more");
  app->group("Your plan");
  app->require_subcommand(1);
  CLI::App* list = app->add_subcommand("list", "every setting, its value and what it means");
  CLI::App* get = app->add_subcommand("get", "print one setting's value");
  get->add_option("KEY", options->key, "e.g. sessions.min")->required();
  CLI::App* set = app->add_subcommand("set", "change one setting");
  set->add_option("KEY", options->key, "e.g. walk.min")->required();
  set->add_option("VALUE", options->value, "in the notation 'config list' shows")->required();
  CLI::App* unset = app->add_subcommand("unset", "put one setting back to its default");
  unset->add_option("KEY", options->key, "e.g. break.hours")->required();
  app->footer(R"(Settings live in the database, so cron and your terminal agree.
Examples:
  qlfit config list
  qlfit config set break.hours 08:30-16:30
  qlfit config set week.start sunday
  qlfit config get sessions.min
  qlfit config unset break.hours)");
  return {app, [=](Session& session) {
            Store& store = session.store();
            // Values are checked when set, but sync.dir is any folder name typed: escaped, so
            // none can drive the terminal.
            if (list->parsed()) {
              for (const SettingRow& row : list_settings(store, session.history())) {
                const std::string value =
                    row.changed ? fmt::format("{} (default {})", printable_line(row.value),
                                              row.default_value)
                                : printable_line(row.value);
                session.out << fmt::format("{:<18} {:<24} {}\n", row.key, value, row.meaning);
              }
            } else if (get->parsed()) {
              session.out << printable_line(get_setting(store, session.history(), options->key))
                          << '\n';
            } else if (set->parsed()) {
              session.out << fmt::format("{} = {}\n", options->key,
                                         change_setting(store, options->key, options->value));
            } else if (unset->parsed()) {
              session.out << fmt::format("{} = {} (the default)\n", options->key,
                                         reset_setting(store, options->key));
            }
            return 0;
          }};
}

}  // namespace qlfit::cli
