#include "qlfit/entries.hpp"

#include "../commands.hpp"
#include "../render/render.hpp"

#include <memory>

namespace qlfit::cli {

namespace {
struct ListOptions {
  ListRequest request;
  bool json = false;
};
}  // namespace

Command register_list(CLI::App& root) {
  auto options = std::make_shared<ListOptions>();
  CLI::App* app = root.add_subcommand("list", "Show logged entries, oldest first");
  app->group("Review");
  add_optional(*app, "--since", options->request.since, "from this day on (WHEN, whole days)")
      ->type_name("WHEN");
  add_optional(*app, "--until", options->request.until, "up to this day (WHEN, whole days)")
      ->type_name("WHEN");
  add_optional(*app, "--activity", options->request.activity, "only this activity")
      ->type_name("NAME");
  add_optional(*app, "--kind", options->request.kind, "only session, walk or break")
      ->type_name("KIND");
  add_optional(*app, "--limit", options->request.limit, "only the N most recent")->type_name("N");
  app->add_flag("--json", options->json, "one JSON array, for scripts");
  app->footer(R"(Examples:
  qlfit list --limit 10
  qlfit list --since mon --kind walk
  qlfit list --json | jq '.[].pain')");
  return {app, [options](Session& session) {
            const TimeContext& time = session.time();
            render::ListWriter writer(session.out, options->json, time.day_start);
            each_listed(session.store(), options->request, time,
                        [&writer](const Entry& entry) { writer.add(entry); });
            writer.finish();
            return 0;
          }};
}

}  // namespace qlfit::cli
