#include "qlfit/activity.hpp"

#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

namespace qlfit {

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::kSession:
      return "session";
    case Kind::kWalk:
      return "walk";
    case Kind::kBreak:
      return "break";
  }
  return "session";
}

std::optional<Kind> kind_from_string(std::string_view name) {
  for (const Kind kind : {Kind::kSession, Kind::kWalk, Kind::kBreak}) {
    if (name == to_string(kind))
      return kind;
  }
  return std::nullopt;
}

Kind parse_kind(std::string_view name) {
  if (const auto kind = kind_from_string(name))
    return *kind;
  throw Error(ErrorCode::kInvalidInput,
              "--kind must be session, walk or break, got " + quote(name));
}

bool is_activity_name(std::string_view name) {
  return !name.empty() && name.size() <= 40 && name.front() >= 'a' && name.front() <= 'z' &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos;
}

void check_activity_name(std::string_view name) {
  if (!is_activity_name(name)) {
    throw Error(ErrorCode::kInvalidInput,
                "an activity name is lower-case letters, digits and dashes, starting with a "
                "letter (e.g. side-plank), got " +
                    quote(name));
  }
}

}  // namespace qlfit
