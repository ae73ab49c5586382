#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace qlfit {

// Returns `text` in double quotes for an error line: control characters (C0, DEL, C1)
// and bytes that are not UTF-8 are shown as \xNN, quotes and backslashes escaped, and
// anything past 60 characters cut with "...".
std::string quote(std::string_view text);

// Throws Error(kInvalidInput) when `word`, bound for one line of `where` (a crontab line,
// a unit file), holds a line break or another control character (C0 or DEL).
void check_one_line(std::string_view word, std::string_view where);

// True when `text` is not empty and every character of it is one of `allowed`.
bool consists_of(std::string_view text, std::string_view allowed);

// `text` with A-Z made a-z (and nothing else changed).
std::string ascii_lower(std::string_view text);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates).
bool is_valid_utf8(std::string_view text);

// Returns `text` with control characters (C0, DEL, C1; but not tab) and bytes that are
// not UTF-8 replaced by a visible \xNN, so a note can never drive the terminal.
std::string printable(std::string_view text);
// The same for one line of a message: tabs and line ends escaped too.
std::string printable_line(std::string_view text);

// The word of `known` that `typed` most likely misspells, for a "did you mean" hint:
// the only one `typed` begins (2 letters or more), else the nearest by edits (a letter
// added, dropped, or two swapped: 1; a letter changed: 2) within a third of its length
// (at least 2), the first of equals. std::nullopt when none is that close.
std::optional<std::string> closest_word(std::string_view typed, std::span<const std::string> known);

}  // namespace qlfit
