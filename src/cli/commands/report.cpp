// `qlfit report`: the HTML page of charts, to look at or to bring to a provider.
#include "qlfit/report.hpp"

#include "qlfit/transfer.hpp"

#include "../commands.hpp"
#include "../render/report.hpp"

#include <filesystem>
#include <memory>

namespace qlfit::cli {

namespace {
struct ReportOptions {
  PeriodRequest period;
  std::optional<std::string> output;
  bool with_notes = false;
};
}  // namespace

Command register_report(CLI::App& root) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* app =
      root.add_subcommand("report", "Write an HTML page of charts, to look at or to print");
  app->group("Review");
  add_optional(*app, "--weeks", options->period.weeks,
               "this week and the N-1 before it (default 12)")
      ->type_name("N");
  add_optional(*app, "--from", options->period.from, "the weeks from the one holding this day")
      ->type_name("WHEN");
  add_optional(*app, "--to", options->period.to, "to the one holding this day (with --from)")
      ->type_name("WHEN");
  add_optional(*app, "--output", options->output, "a file (0600, written whole or not at all)")
      ->type_name("FILE");
  app->add_flag("--with-notes", options->with_notes, "show the notes of entries and pauses");
  app->footer(R"(One self-contained page: no scripts, fonts or links, so it opens offline, prints
on A4 or Letter and can be mailed. Notes are left out unless --with-notes.
Examples:
  qlfit report --output back.html
  qlfit report --weeks 26 --with-notes --output back.html
  qlfit report --from 2026-01-01 --to 2026-03-31 > spring.html)");
  return {app, [options](Session& session) {
            const Settings& settings = session.settings();
            const WeekSpan span = requested_weeks(options->period, settings, session.time());
            const std::string database = session.db_path();
            render::ReportPage page{std::filesystem::path(database).filename().string(),
                                    session.time().now_here().local, settings};
            const auto write = [&](std::ostream& out) {
              render::HtmlReport html(out, page);
              report(session.store(), span, options->with_notes, settings, session.time(), html);
            };
            if (!options->output) {
              write(session.out);
              return 0;
            }
            check_output_target(session.files(), *options->output, database, "--output");
            session.files().replace(*options->output, write);
            return 0;
          }};
}

}  // namespace qlfit::cli
