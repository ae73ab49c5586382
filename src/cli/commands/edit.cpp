// `edit` and `rm`: changing what was logged.
#include "qlfit/entries.hpp"

#include "../commands.hpp"
#include "../render/render.hpp"

#include <fmt/format.h>

#include <memory>

namespace qlfit::cli {

Command register_edit(CLI::App& root) {
  auto request = std::make_shared<EditRequest>();
  CLI::App* app = root.add_subcommand("edit", "Change an entry; it keeps its number and id");
  app->group("Record");
  app->add_option("ID", request->id, "the entry's number from 'list', or 4+ hex digits of its id")
      ->required();
  add_optional(*app, "--at", request->at, "when it started (WHEN)")->type_name("WHEN");
  add_length_options(*app, request->for_, request->minutes);
  add_optional(*app, "--pain", request->pain, "0-10, or none to clear")->type_name("0-10|none");
  add_optional(*app, "--note", request->note, "new note; \"\" clears it")->type_name("TEXT");
  add_optional(*app, "--activity", request->activity, "another activity")->type_name("NAME");
  app->footer(R"(Examples:
  qlfit edit 42 --at "yesterday 18:00"
  qlfit edit 42 --pain 3 --note ""
  qlfit edit 6ed6 --activity walk --minutes 25)");
  return {app,
          [request](Session& session) {
            const Edited edited = edit_entry(session.store(), *request, session.time());
            session.out << render::edited_line(edited) << '\n';
            return 0;
          },
          true};
}

Command register_rm(CLI::App& root) {
  auto ids = std::make_shared<std::vector<std::string>>();
  CLI::App* app =
      root.add_subcommand("rm", "Remove entries: all of them, or none if one is unknown");
  app->group("Record");
  app->add_option("ID", *ids, "numbers from 'list', or 4+ hex digits of ids")->required();
  app->footer("Examples:\n  qlfit rm 42\n  qlfit rm 40 41 6ed6");
  return {app,
          [ids](Session& session) {
            std::string out;
            for (const Entry& entry : remove_entries(session.store(), *ids)) {
              out += render::removed_line(entry) + "\n";
            }
            session.out << out;
            return 0;
          },
          true};
}

}  // namespace qlfit::cli
