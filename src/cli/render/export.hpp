#pragma once

#include "qlfit/data.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace qlfit::cli::render {

// The JSON export (docs/cli.md): {"format": "qlfit-export", "version": 1, "entries",
// "activities", "pauses", "settings"}; entries as in the CSV, with their own offsets.
nlohmann::ordered_json export_json(const ExportData& data);

// A JSON import file (an export document, or a bare array of entries as `list --json`
// prints) as rows and extras. Throws Error(kInvalidInput) "FILE: ..." when the text is
// not JSON of that shape.
struct JsonImport {
  std::vector<ImportRow> rows;
  Store::ImportExtras extras;
};
JsonImport parse_json_import(std::string_view text, std::string_view file);

}  // namespace qlfit::cli::render
