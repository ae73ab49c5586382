#pragma once

#include "qlfit/entry.hpp"
#include "qlfit/when.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace qlfit {

// One record of an import file, its fields as text, before checking.
struct ImportRow {
  std::string prefix;       // "FILE:" (then a line) or "FILE: entry " (then its number)
  std::size_t ordinal = 0;  // its line, or its number among the file's entries
  std::map<std::string, std::optional<std::string>> fields;  // absent or null: nullopt

  // "FILE:LINE" or "FILE: entry N", for error lines.
  std::string where() const { return prefix + std::to_string(ordinal); }
};

// What a numeric field of an import must hold ("whole seconds from 1 to 86400"), for
// error lines; empty for other fields.
std::string_view import_field_rule(std::string_view field);

// The entry a row of an import holds, held to the command line's rules (made now).
// A bad field: Error(kInvalidInput) "FILE:LINE: what is wrong; nothing imported" (a note
// is never quoted).
Entry checked_entry(const ImportRow& row, const TimeContext& context);

// Throws Error(kInvalidInput) "WHERE: FIELD "VALUE": REASON; nothing imported".
[[noreturn]] void bad_field(const ImportRow& row, std::string_view field, std::string_view value,
                            std::string_view reason);

}  // namespace qlfit
