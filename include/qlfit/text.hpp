#pragma once

#include <string>
#include <string_view>

namespace qlfit {

// Returns `text` in double quotes for an error line: control bytes are shown as
// \xNN, quotes and backslashes escaped, and anything past 60 bytes cut with "...".
std::string quote(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);

// Returns `text` with control characters (C0, DEL; but not tab) replaced by a
// visible escape, so a note can never drive the terminal.
std::string printable(std::string_view text);

}  // namespace qlfit
