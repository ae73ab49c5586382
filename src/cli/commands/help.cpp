// `qlfit help [COMMAND...]`: the same help as `qlfit [COMMAND...] --help`.
#include "qlfit/error.hpp"

#include "../commands.hpp"

#include <memory>
#include <string>
#include <vector>

namespace qlfit::cli {

Command register_help(CLI::App& root) {
  auto words = std::make_shared<std::vector<std::string>>();
  CLI::App* app = root.add_subcommand("help", "Show this help, or a command's: qlfit help log");
  app->group("Shell");
  app->add_option("COMMAND", *words, "a command, e.g. log, or config set");
  app->footer("Examples:\n  qlfit help\n  qlfit help stats\n  qlfit help config set");
  const CLI::App* top = &root;
  return {app, [words, top](Session& session) {
            const CLI::App* command = top;
            std::string path;
            for (const std::string& word : *words) {
              const CLI::App* sub = command_named(*command, word);
              if (sub == nullptr)
                throw Error(ErrorCode::kInvalidInput, not_a_command(*command, path, word));
              path += (path.empty() ? "" : " ") + word;
              command = sub;
            }
            // As `qlfit COMMAND --help` prints it ("Usage: qlfit COMMAND ...").
            session.out << command->get_formatter()->make_help(
                command, path.empty() ? "qlfit" : "qlfit " + path, CLI::AppFormatMode::Normal);
            return 0;
          }};
}

}  // namespace qlfit::cli
