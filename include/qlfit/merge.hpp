#pragma once

// The merge rule of sync (docs/sync.md, "Applying operations"): what one target (an entry,
// a pause, an activity, a setting) is once the operations known on it are applied, in any
// order. Pure: the SQLite store loads a target's operations and puts what this returns.
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace qlfit {

// When an operation was made: its hybrid time in milliseconds, then the device that made it.
// Of two operations, the one with the greater stamp is the later.
struct Stamp {
  std::int64_t at_ms = 0;
  std::string device;
  friend bool operator==(const Stamp&, const Stamp&) = default;
  friend bool operator<(const Stamp& a, const Stamp& b) {
    return std::tie(a.at_ms, a.device) < std::tie(b.at_ms, b.device);
  }
};

// A target's fields in order, each with its value as opaque text.
using Fields = std::vector<std::pair<std::string, std::string>>;

// One operation as the merge sees it: its stamp, and the fields it sets (a create, an add,
// a set: all of them; an entry edit: the ones it changed), or std::nullopt for a removal.
struct FieldOp {
  Stamp stamp;
  std::optional<Fields> fields;
};

enum class Removal {
  kFinal,      // entries and pauses: once removed, no create or edit brings the target back
  kLaterWins,  // activities and settings: a removal is a change like any other
};

// The target once every operation of `ops` is applied: each field as the latest operation
// that carries it (since the latest removal) left it, in the order the fields first came;
// std::nullopt when the target is absent (removed, or nothing sets it). The result depends
// only on the set of operations, never on their order in `ops`.
std::optional<Fields> merged(const std::vector<FieldOp>& ops, Removal removal);

// An activity once every operation of `ops` is applied (fields as JSON text): merged() with
// the later change winning, a removal included; but while entries still name it (`named`), a
// removal only archives it: its latest known state, with "archived" true. Either way its
// "kind" is the kind of its latest add or change, whichever order they arrive in: the kind
// every entry of it carries once merged (docs/sync.md, rules 5 and 6).
std::optional<Fields> merged_activity(const std::vector<FieldOp>& ops, bool named);

}  // namespace qlfit
