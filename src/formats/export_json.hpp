#pragma once

// The JSON form of an export (docs/cli.md), written and read as it streams.
#include "qlfit/transfer.hpp"

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace qlfit::formats {

// Calls its argument with each entry, oldest first.
using EachEntry = std::function<void(const std::function<void(const Entry& entry)>&)>;
// The JSON export (docs/cli.md): {"format": "qlfit-export", "version": 1, "entries",
// "activities", "pauses", "settings"}, entries as in the CSV with their own offsets,
// as nlohmann's dump(2) prints it, then a newline; written an entry at a time.
void write_export_json(const ExportData& data, const EachEntry& entries, std::ostream& out);

// A JSON import file: an export document, or a bare array of entries as `list --json`
// prints, read once as it streams from `pieces` (Files::pieces; a pipe works), so a file
// of any size fits in memory: `each` gets each entry as soon as it is whole, and the
// activities, pauses and settings are returned at the end. Throws
// Error(kInvalidInput) "FILE: ..." for text that is not JSON of that shape, nested
// deeper than an export, or with a value longer than any export holds.
using Pieces = std::function<std::string_view()>;
Store::ImportExtras json_import(const Pieces& pieces, std::string_view file,
                                const std::function<void(const ImportRow& row)>& each);

}  // namespace qlfit::formats
