#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace qlfit {

// What an activity does for the back: the three habits qlfit measures.
enum class Kind { kSession, kWalk, kBreak };

// "session", "walk", "break".
std::string_view to_string(Kind kind);
// Returns the kind for its name; std::nullopt for anything else.
std::optional<Kind> kind_from_string(std::string_view name);
// Throws Error(kInvalidInput) naming the value and the accepted kinds.
Kind parse_kind(std::string_view name);

struct Activity {
  std::string name;  // a lower-case slug, e.g. "butt-walk"
  Kind kind = Kind::kSession;
  std::string description;
  bool builtin = false;   // butt-walk, walk and break: always there
  bool archived = false;  // hidden and closed to new entries; its entries still count
};

// True when `name` is one check_activity_name takes.
bool is_activity_name(std::string_view name);

// Checks a new activity's name: a lower-case slug of letters, digits and dashes,
// starting with a letter, at most 40 bytes. Throws Error(kInvalidInput) otherwise.
void check_activity_name(std::string_view name);

}  // namespace qlfit
