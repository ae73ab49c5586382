// One whole `sync` (docs/sync.md): the device id and the history first, then this
// device's new files, then every other device's operations applied in one transaction.
#include "database_file.hpp"
#include "sync_folder.hpp"

#include <algorithm>
#include <optional>
#include <unistd.h>

namespace qlfit::storage {

std::string OpLog::renew_device(std::int64_t sent) {
  const Idle idle{*this};
  const std::optional<std::string> old = device_id(false);
  if (old) {
    SQLite::Statement theirs(db(), "UPDATE op SET device = ? WHERE device IS NULL AND seq <= ?");
    theirs.bind(1, *old);
    theirs.bind(2, sent);
    theirs.exec();
  }
  // (device, seq) is unique only for other devices' operations: no step of this collides.
  SQLite::Statement renumber(db(), "UPDATE op SET seq = seq - ? WHERE device IS NULL");
  renumber.bind(1, old ? sent : 0);
  renumber.exec();
  forget_local_value("device.id");
  set_local_value("sync.written", "0");
  return *device_id(true);
}

SyncReport sync_through(DatabaseFile& file, OpLog& log, const std::string& dir) {
  // The device id, the history and sync.dir are committed just before the first file is
  // renamed into place (a killed sync then finds them), not sooner: a sync that writes
  // nothing (a full disk) leaves the database as it was.
  // The device id alone is committed first, so that a sync killed while writing finds its
  // own folder next time (and removes what it left there); a failed write forgets it again.
  bool made_id = false;
  {
    SQLite::Transaction made(file.db(), SQLite::TransactionBehavior::IMMEDIATE);
    if (!log.device_id(false)) {
      log.device_id(true);
      file.commit(made);
      made_id = true;
    }
  }
  SyncFolder folder(file.db(), log, dir);
  OwnFiles own = folder.written_here(*log.device_id(false));
  std::string left;
  if (own.ahead) {
    // Behind its own folder: the numbers it would go on with were sent already, as other
    // operations. It takes a new id and reads its old folder as another device's, which
    // also brings back what was changed after its backup (docs/sync.md).
    SQLite::Transaction renew(file.db(), SQLite::TransactionBehavior::IMMEDIATE);
    left = *log.device_id(false);
    log.renew_device(own.written);
    file.commit(renew);
    own = OwnFiles{};
  }
  std::optional<SQLite::Transaction> prepared;
  prepared.emplace(file.db(), SQLite::TransactionBehavior::IMMEDIATE);
  bool changed = false;
  if (log.local_value("history.recorded") != "1") {
    log.record_history();
    log.set_local_value("history.recorded", "1");
    changed = true;
  }
  if (log.local_value("sync.dir") != dir) {
    log.set_local_value("sync.dir", dir);
    changed = true;
  }
  const std::int64_t counted = written_count(log);
  SyncReport report;
  report.device = *log.device_id(false);
  report.left_device = left;
  const auto commit_prepared = [&] {
    if (prepared && changed)
      file.commit(*prepared);
    prepared.reset();
  };
  try {
    folder.send(report.device, own.written, report.sent, commit_prepared);
  } catch (...) {
    if (prepared) {  // nothing renamed into place: nothing to keep, no folder left empty
      prepared.reset();
      ::rmdir((dir + "/" + report.device).c_str());
      if (made_id) {
        SQLite::Transaction forget(file.db(), SQLite::TransactionBehavior::IMMEDIATE);
        log.forget_local_value("device.id");
        file.commit(forget);
      }
    }
    throw;
  }
  commit_prepared();
  // Receiving a whole history touches every page once: a smaller page cache keeps the
  // peak under 8 MiB (docs/performance.md) at little cost in time.
  file.db().exec("PRAGMA cache_size = -512");
  SQLite::Transaction transaction(file.db(), SQLite::TransactionBehavior::IMMEDIATE);
  auto settings = log.stored_settings();
  const auto settled = log.settle(settings);
  report.received = folder.receive(report.device, report.skipped);
  settings = log.stored_settings();
  for (std::string& line : log.settle(settings)) {
    if (std::find(settled.begin(), settled.end(), line) == settled.end())
      report.settled.push_back(std::move(line));
  }
  if (folder.last_written() > counted)
    log.set_local_value("sync.written", std::to_string(folder.last_written()));
  if (report.received > 0 || folder.last_written() > counted || folder.marked())
    file.commit(transaction);
  return report;
}

SyncStatus status_of(SQLite::Database& db, OpLog& log) {
  SyncStatus status;
  status.dir = log.local_value("sync.dir");
  status.device = log.device_id(false);
  SQLite::Statement devices(db, R"sql(
SELECT coalesce(device, ?), max(at_ms), count(*) FROM op GROUP BY 1 ORDER BY 1)sql");
  devices.bind(1, status.device.value_or(""));
  while (devices.executeStep()) {
    status.devices.push_back({devices.getColumn(0).getString(), devices.getColumn(1).getInt64(),
                              static_cast<std::size_t>(devices.getColumn(2).getInt64())});
  }
  SQLite::Statement unwritten(db, "SELECT count(*) FROM op WHERE device IS NULL AND seq > ?");
  unwritten.bind(1, written_count(log));
  unwritten.executeStep();
  status.unwritten = static_cast<std::size_t>(unwritten.getColumn(0).getInt64());
  return status;
}

}  // namespace qlfit::storage
