#pragma once

#include <string>
#include <string_view>

namespace qlfit {

// Returns `text` in double quotes for an error line: control characters (C0, DEL, C1)
// and bytes that are not UTF-8 are shown as \xNN, quotes and backslashes escaped, and
// anything past 60 characters cut with "...".
std::string quote(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);

// Returns `text` with control characters (C0, DEL, C1; but not tab) and bytes that are
// not UTF-8 replaced by a visible \xNN, so a note can never drive the terminal.
std::string printable(std::string_view text);
// The same for one line of a message: tabs and line ends escaped too.
std::string printable_line(std::string_view text);

}  // namespace qlfit
