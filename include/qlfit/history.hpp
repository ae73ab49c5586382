#pragma once

#include "qlfit/entry.hpp"
#include "qlfit/store.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qlfit {

// What one `undo` reverted: the latest change made here (docs/sync.md).
struct Undone {
  std::string label;           // the change: "log", "edit", "rm", "import", "config set", ...
  std::optional<Entry> entry;  // the entry it was about, as it is now (or was, if removed)
  std::string detail;          // "pain 4 -> 2", "walk.min", "2026-11-01 to 2026-11-07", ...
  std::size_t operations = 0;  // how many operations the change held (an import: many)
  std::string kept;            // what another machine changed since, left as it is: "pain 5", "it"
  bool nothing = false;        // every part was kept: nothing reverted, the step passed over
};

// What one `sync` did.
struct SyncReport {
  std::size_t sent = 0;      // operations written to new files
  std::size_t received = 0;  // other devices' operations applied
  std::string device;        // this database's device id (its folder's name)
  // The device id this database left this time, because its own folder held operations it
  // did not send (a restored backup, a copy of an older state): empty otherwise.
  std::string left_device;
  std::vector<std::string> skipped;  // "FILE: why", files named on stderr
  std::vector<std::string> settled;  // settings the merge left disagreeing, and how they read
};

// What `sync --status` shows.
struct SyncStatus {
  std::optional<std::string> dir;     // sync.dir, once a sync ran
  std::optional<std::string> device;  // this database's device id, once made
  struct Device {
    std::string id;
    std::int64_t last_change_ms = 0;  // the time of its latest operation here
    std::size_t operations = 0;
  };
  std::vector<Device> devices;  // every device whose operations are here, this one too
  std::size_t unwritten = 0;    // local operations not yet written to a sync folder
};

// The second port: a store that records every change made through its Store, in the
// change's own transaction, as operations (an operation log) can undo them and sync them
// with other devices. The SQLite store is one; an in-memory store for tests need not be.
// Every method throws Error(kStorage) when the database cannot be used.
class History {
 public:
  virtual ~History() = default;

  // Reverts the latest change made here that is not undone yet (recording the reversal
  // as a change that syncs); std::nullopt when there is none.
  virtual std::optional<Undone> undo() = 0;
  // Writes this device's new operations under `dir`/<device-id>/ and applies every
  // other device's new ones in one transaction; remembers `dir` (sync.dir).
  virtual SyncReport sync(const std::string& dir) = 0;
  virtual SyncStatus sync_status() = 0;
  // The folder the last sync used (sync.dir); std::nullopt before the first.
  virtual std::optional<std::string> sync_dir() = 0;
  // From now on, changes are recorded as made at `now` (QLFIT_NOW: scripts and tests fix
  // the clock, and which of two changes is later must follow it); unless told, a store
  // records the real time.
  virtual void record_changes_at(date::sys_seconds now) = 0;
};

// A store that keeps its History: what `main` opens, and what the CLI's session holds.
class LoggedStore : public Store, public History {};

// Reverts the latest change made here. None left: Error(kInvalidInput).
Undone undo_last_change(History& history);

}  // namespace qlfit
