#pragma once

// The operation log (docs/sync.md): every change to entries, pauses, activities and
// settings, recorded in the transaction that makes it; what `undo` reverts and `sync`
// sends. Its states are JSON objects, one function per kind of row.
#include "qlfit/history.hpp"
#include "qlfit/merge.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace qlfit::storage {

// A target names what an operation changed: "entry:<uuid>", "pause:<uuid>",
// "activity:<name>", "setting:<key>". Its type and its key:
inline std::string_view type_of(std::string_view target) {
  return target.substr(0, target.find(':'));
}
inline std::string key_of(std::string_view target) {
  return std::string(target.substr(target.find(':') + 1));
}

class DatabaseFile;

using Json = nlohmann::ordered_json;

// SQL for a new random (version 4) UUID.
inline constexpr std::string_view kNewUuid =
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (random() & 3), 1) || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))";
std::string new_uuid(SQLite::Database& db);

// The one place an entry becomes JSON (every field: a field added to Entry is one line
// here and one in entry_from_object).
Json entry_object(const Entry& entry);
// Throws std::exception (nlohmann's) when `object` is not one entry_object wrote.
Entry entry_from_object(const Json& object);

// One operation, as stored and as written to a sync file.
struct Operation {
  std::string device;  // empty: made here
  std::int64_t seq = 0;
  std::int64_t at_ms = 0;  // hybrid time: never below any operation already here
  std::string kind;        // "entry.create", "entry.edit", ... (docs/sync.md)
  std::string target;      // "entry:<uuid>", "pause:<uuid>", "activity:<name>", "setting:<key>"
  Json data;               // the state after (null for a removal)
};

// Why another device's operation is not applied here, or std::nullopt: it gets the checks
// the same change gets when typed (docs/sync.md, "Refused operations"); a kind this qlfit
// does not know is never applied as another.
std::optional<std::string> refusal_of(const Operation& op);

class OpLog {
  // Calls idle() when the public call it guards returns or throws.
  struct Idle {
    OpLog& log;
    ~Idle() { log.idle(); }
  };

 public:
  // The file's connection is asked for each time: an import's publish replaces it.
  explicit OpLog(DatabaseFile& file) : file_(file) {}

  // Changes are made at `now` from here on (QLFIT_NOW), not at the real time.
  void record_at(date::sys_seconds now) {
    at_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  }
  // Starts one change (what one `undo` reverts), named as undo will say it.
  void start_change(std::string label);
  // The present state of a target (null when absent).
  Json state(const std::string& target);
  // Where a removed entry or pause lives now: an undone removal brings it back under a new
  // id (a removal is final everywhere), so what undo reverts later follows it there.
  std::string brought_back_as(const std::string& target);
  // Records, in the caller's transaction, that `target` went from `before` to its
  // present state, as one operation of the current change. Nothing when equal; returns
  // whether it recorded.
  bool record(const std::string& target, const Json& before);
  // The same for a target that was absent and now holds `after` (its state() without "n"),
  // without reading it back: what an import knows of each entry it adds.
  void record_created(const std::string& target, Json after);

  // Finalizes the statements kept prepared: before a commit that may close the
  // connection (an import into a new database publishes it).
  void release() { statements_.clear(); }
  // Resets every kept statement: none may hold a read snapshot past the call that used
  // it (a stale snapshot makes the next write transaction fail busy at once).
  void idle() noexcept {
    for (auto& [sql, statement] : statements_)
      statement->tryReset();
  }

  // Reverts the latest local change not undone; std::nullopt when none.
  std::optional<Undone> undo();

  // Applies another device's operation in the caller's transaction; false when it was
  // here already. Later wins per target (time, then device); a removal is final.
  bool apply(const Operation& op);

  // The setting table as stored.
  std::map<std::string, std::string> stored_settings();
  // Makes the pairs of `stored` that disagree (keys set on different machines, merged) agree:
  // the key set later (time, then device) holds, the other reads as its value
  // (docs/sync.md). Returns a line for each, naming what it did.
  std::vector<std::string> settle(std::map<std::string, std::string>& stored);

  // This database's device id (made now when `make` and missing).
  std::optional<std::string> device_id(bool make);
  // Local values that never sync (sync.dir, device.id).
  std::optional<std::string> local_value(const std::string& key);
  void set_local_value(const std::string& key, const std::string& value);
  void forget_local_value(const std::string& key);
  // Records every row no operation speaks of yet (a database older than the log).
  void record_history();
  // In the caller's transaction: this database takes a new device id (returned). Its
  // operations 1..`sent` become the old id's (they are in the old folder already); the
  // rest, never written, are numbered from 1 under the new id (docs/sync.md, "A database
  // behind its own folder").
  std::string renew_device(std::int64_t sent);

 private:
  // Records the operation that took `target` from `before` to `after` (they differ).
  void write(const std::string& target, const Json& before, Json after);
  // Makes `target` hold `state` (null: absent), without recording.
  void put(const std::string& target, const Json& state);
  std::int64_t insert(const Operation& op, const Json& before, std::optional<std::int64_t> undoes);
  // The (time, device) of the operation that decides `target` here, as the merge orders
  // operations; (0, "") when none speaks of it.
  std::pair<std::int64_t, std::string> decided_by(const std::string& target);
  void ensure_activity(const std::string& name, Kind kind);
  // After an entry that named activity `was` went to `after`: that activity goes too when
  // no entry names it now and its latest operation is a removal (docs/sync.md, rule 5).
  void let_go(const std::string& was, const Json& after);
  // What every operation on `target` here makes it (docs/sync.md; null: absent); without
  // `removals`, as if none were removed: its latest known state (what undo brings back).
  Json merged_state(const std::string& target, bool removals);
  // Every operation on `target` here, as the merge takes them (without `removals`: none).
  std::vector<FieldOp> field_ops(const std::string& target, bool removals);
  // Activity `name` as its operations here make it for entries that name it: archived if
  // removed (null: no operation speaks of it).
  Json activity_for_entries(const std::string& name);
  Json latest_state(const std::string& target);
  // Whether an operation on `target` came here after operation `n`.
  bool changed_after(const std::string& target, std::int64_t n);
  // The timer a `stop` logged as `entry` runs again.
  void timer_back(const Json& entry);

  SQLite::Database& db();
  // A statement prepared once per connection (an import's publish makes a new one),
  // reset; `sql` must be a string literal (its address is the key).
  SQLite::Statement& cached(const char* sql);

  DatabaseFile& file_;
  std::string label_;
  std::int64_t change_ = 0;
  std::optional<std::int64_t> undoes_;  // the operation an undo is reverting
  std::int64_t next_at_ = 0;            // the least time of the next operation; 0: ask
  std::optional<std::int64_t> at_ms_;   // the time changes are made at; unset: the clock
  std::optional<std::string> me_;       // this device's id, once read (reset when forgotten)
  SQLite::Database* prepared_on_ = nullptr;
  std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
};

}  // namespace qlfit::storage
