#include "qlfit/activity.hpp"

#include "qlfit/activities.hpp"
#include "qlfit/text.hpp"

#include "../commands.hpp"

#include <fmt/format.h>

#include <memory>

namespace qlfit::cli {

namespace {
struct ActivityOptions {
  std::string name;
  std::string kind;
  std::optional<std::string> description;
  bool archive = false;
  bool all = false;
  bool names = false;
};
}  // namespace

Command register_activity(CLI::App& root) {
  auto options = std::make_shared<ActivityOptions>();
  CLI::App* app = root.add_subcommand("activity", "List, add or remove your own activities");
  app->group("Your plan");
  app->require_subcommand(1);
  CLI::App* list = app->add_subcommand("list", "every activity with its kind");
  list->add_flag("--all", options->all, "archived ones too");
  list->add_flag("--names", options->names, "names only, one a line (for scripts)");
  CLI::App* add = app->add_subcommand("add", "add an activity of a kind");
  add->add_option("NAME", options->name, "lower-case letters, digits and dashes")->required();
  add->add_option("--kind", options->kind, "session, walk or break")->required();
  add_optional(*add, "--description", options->description, "a few words")->type_name("TEXT");
  CLI::App* remove = app->add_subcommand("rm", "remove an activity without entries");
  remove->add_option("NAME", options->name, "the activity")->required();
  remove->add_flag("--archive", options->archive, "hide one with entries, keeping them");
  app->footer(R"(Every session-kind activity counts toward the weekly session target.
Examples:
  qlfit activity add side-plank --kind session --description "30 s each side"
  qlfit activity list
  qlfit activity rm side-plank --archive)");
  return {app, [=](Session& session) {
            Store& store = session.store();
            if (add->parsed()) {
              const Activity added =
                  add_activity(store, options->name, options->kind, options->description);
              session.out << fmt::format("added {} ({})\n", added.name, to_string(added.kind));
            } else if (remove->parsed()) {
              const Activity removed = remove_activity(store, options->name, options->archive);
              session.out << fmt::format("{} {}\n", options->archive ? "archived" : "removed",
                                         removed.name);
            } else {
              std::string out;
              for (const Activity& activity :
                   listed_activities(store, ActivityListing{options->all, options->names})) {
                out += options->names
                           ? activity.name + "\n"
                           : fmt::format("{:<16} {:<8} {}{}\n", activity.name,
                                         to_string(activity.kind), printable(activity.description),
                                         activity.archived ? " (archived)" : "");
              }
              session.out << out;
            }
            return 0;
          }};
}

}  // namespace qlfit::cli
