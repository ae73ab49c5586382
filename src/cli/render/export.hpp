#pragma once

#include "qlfit/data.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace qlfit::cli::render {

// Calls its argument with each entry, oldest first.
using EachEntry = std::function<void(const std::function<void(const Entry& entry)>&)>;
// The JSON export (docs/cli.md): {"format": "qlfit-export", "version": 1, "entries",
// "activities", "pauses", "settings"}, entries as in the CSV with their own offsets,
// as nlohmann's dump(2) prints it; written an entry at a time.
void write_export_json(const ExportData& data, const EachEntry& entries, std::ostream& out);

// A JSON import file (an export document, or a bare array of entries as `list --json`
// prints) as rows and extras. Throws Error(kInvalidInput) "FILE: ..." when the text is
// not JSON of that shape.
struct JsonImport {
  std::vector<ImportRow> rows;
  Store::ImportExtras extras;
};
JsonImport parse_json_import(std::string_view text, std::string_view file);

}  // namespace qlfit::cli::render
