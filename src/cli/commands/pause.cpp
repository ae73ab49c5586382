#include "qlfit/error.hpp"
#include "qlfit/pauses.hpp"

#include "../commands.hpp"
#include "../render/render.hpp"

#include <fmt/format.h>

#include <memory>

namespace qlfit::cli {

namespace {
struct PauseOptions {
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> note;
  std::string number;
};
}  // namespace

Command register_pause(CLI::App& root) {
  auto options = std::make_shared<PauseOptions>();
  CLI::App* app =
      root.add_subcommand("pause", "Rest days (injury, advice, holiday): never counted as missed");
  app->group("Your plan");
  app->require_subcommand(0, 1);
  add_optional(*app, "--from", options->from, "first rest day (WHEN)")->type_name("WHEN");
  add_optional(*app, "--to", options->to, "last rest day, included (WHEN)")->type_name("WHEN");
  add_optional(*app, "--note", options->note, "why, for yourself")->type_name("TEXT");
  CLI::App* list = app->add_subcommand("list", "show every pause");
  CLI::App* remove = app->add_subcommand("rm", "remove a pause by its number");
  remove->add_option("N", options->number, "the number 'pause list' shows")->required();
  app->footer(R"(Paused days are never due in 'remind' and never make a week missed.
Examples:
  qlfit pause --from 2026-12-01 --to 2026-12-14 --note "physio: rest"
  qlfit pause list
  qlfit pause rm 2)");
  return {app, [=](Session& session) {
            Store& store = session.store();
            if (list->parsed()) {
              session.out << render::pause_table(list_pauses(store));
            } else if (remove->parsed()) {
              const Pause removed = remove_pause(store, options->number);
              session.out << "removed " << render::pause_line(removed) << '\n';
            } else if (!options->from || !options->to) {
              throw Error(ErrorCode::kInvalidInput,
                          "pause needs --from and --to, e.g. qlfit pause --from mon --to fri");
            } else {
              const Pause pause =
                  add_pause(store, *options->from, *options->to, options->note, session.time());
              session.out << "paused " << render::pause_line(pause) << '\n';
            }
            return 0;
          }};
}

}  // namespace qlfit::cli
