// `export`, `import` and `backup`: the user's data in and out.
#include "qlfit/transfer.hpp"

#include "qlfit/error.hpp"

#include "../commands.hpp"
#include "../render/render.hpp"
#include "formats/csv.hpp"
#include "formats/export_json.hpp"

#include <functional>
#include <memory>

namespace qlfit::cli {

namespace {

struct TransferOptions {
  std::string file;
  std::optional<std::string> format;
  std::optional<std::string> output;
  bool dry_run = false;
};

bool ends_with(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// --format, else the file name's ending; CSV unless told.
bool is_json(const std::optional<std::string>& format, std::string_view file) {
  if (format) {
    if (*format != "csv" && *format != "json") {
      throw Error(ErrorCode::kInvalidInput,
                  "--format must be csv or json, got \"" + *format + "\"");
    }
    return *format == "json";
  }
  return ends_with(file, ".json");
}

}  // namespace

Command register_export(CLI::App& root) {
  auto options = std::make_shared<TransferOptions>();
  CLI::App* app = root.add_subcommand("export", "Write every entry as CSV or JSON");
  app->group("Your data");
  add_optional(*app, "--format", options->format, "csv (default) or json (everything)")
      ->type_name("FORMAT");
  add_optional(*app, "--output", options->output, "a file (0600, written whole or not at all)")
      ->type_name("FILE");
  app->footer(R"(CSV columns: id,activity,kind,start,duration_s,pain,note. JSON adds activities,
pauses and settings. The same bytes whatever your TZ or locale.
Examples:
  qlfit export > entries.csv
  qlfit export --format json --output qlfit.json)");
  return {app, [options](Session& session) {
            const bool json = is_json(options->format, options->output.value_or(""));
            if (options->output)
              check_output_target(session.files(), *options->output, session.db_path(), "--output");
            const ExportData data = export_data(session.store());
            // Entries go out one at a time, so an export of any size fits in memory.
            const auto each = [&session](const std::function<void(const Entry&)>& entry) {
              each_exported_entry(session.store(), entry);
            };
            const auto write = [&](std::ostream& out) {
              if (json) {
                formats::write_export_json(data, each, out);
              } else {
                out << formats::kCsvHeader;
                each([&out](const Entry& entry) { out << formats::csv_row(entry); });
              }
            };
            if (!options->output) {
              write(session.out);
              return 0;
            }
            session.files().replace(*options->output, write);
            return 0;
          }};
}

Command register_import(CLI::App& root) {
  auto options = std::make_shared<TransferOptions>();
  CLI::App* app = root.add_subcommand("import", "Add entries from an export: all or nothing");
  app->group("Your data");
  app->add_option("FILE", options->file, "a CSV or JSON file from 'qlfit export' (- reads stdin)")
      ->required();
  add_optional(*app, "--format", options->format, "csv or json (default: from the file name)")
      ->type_name("FORMAT");
  app->add_flag("--dry-run", options->dry_run, "check the file and count, but change nothing");
  app->footer(R"(Entries whose id is already here are left as they are, so importing twice adds
nothing. A bad row stops the import: nothing is added.
Examples:
  qlfit import entries.csv
  qlfit import qlfit.json --dry-run
  ssh laptop qlfit export --format json | qlfit import --format json -)");
  return {app, [options](Session& session) {
            // Read as they stream, row by row, so a file of any size fits in memory.
            const std::string& file = options->file;
            check_file_named(file, "import");
            Files& files = session.files();
            Store::ImportCount count;
            if (is_json(options->format, file)) {
              std::optional<Store::ImportExtras> extras;
              count = import_rows(
                  session.store(), file,
                  [&](const auto& each) {
                    extras = formats::json_import(files.pieces(file), file, each);
                  },
                  [&] { return extras.value_or(Store::ImportExtras{}); }, options->dry_run,
                  session.time());
            } else {
              formats::CsvRows rows(files.pieces(file), file);
              count = import_rows(
                  session.store(), file,
                  [&rows](const auto& each) {
                    while (const auto row = rows.next())
                      each(*row);
                  },
                  {}, options->dry_run, session.time());
            }
            session.out << render::imported_line(count, options->dry_run) << '\n';
            return 0;
          }};
}

Command register_backup(CLI::App& root) {
  auto options = std::make_shared<TransferOptions>();
  CLI::App* app =
      root.add_subcommand("backup", "Copy the database safely, even while it is in use");
  app->group("Your data");
  app->add_option("FILE", options->file, "where the copy goes (0600; replaced whole)")->required();
  app->footer(
      "Uses SQLite's VACUUM INTO: a plain cp of a WAL database can lose data.\n"
      "Example:\n  qlfit backup ~/qlfit-$(date +%F).db");
  return {app, [options](Session& session) {
            backup_database(session.store(), session.files(), options->file, session.db_path());
            session.out << "backed up to " << options->file << '\n';
            return 0;
          }};
}

}  // namespace qlfit::cli
