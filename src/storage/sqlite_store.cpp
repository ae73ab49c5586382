#include "qlfit/error.hpp"

#include "sql_rows.hpp"
#include "sqlite_store_impl.hpp"
#include "sync_folder.hpp"

#include <sys/stat.h>

namespace qlfit::storage {
namespace {

constexpr std::string_view kMemory = ":memory:";

bool at_least(Access have, Access want) {
  return static_cast<int>(have) >= static_cast<int>(want);
}

}  // namespace

SqliteStore::SqliteStore(std::string path, Access least, bool own_folder, bool lazy)
    : path_(std::move(path)), least_(least), own_folder_(own_folder), lazy_(lazy) {
  if (!lazy_) {
    on_file_ = database_exists(path_);
    file_ = std::make_unique<DatabaseFile>(path_, least_, own_folder_);
    log_ = std::make_unique<OpLog>(*file_);
    open_for_ = least_;
  }
}

void SqliteStore::opened(Access need) {
  if (!lazy_)
    return;  // opened once, as asked
  if (!at_least(need, least_))
    need = least_;
  // An existing file opened to modify is open read-write: enough for any write.
  const bool enough =
      file_ && (at_least(open_for_, need) || (on_file_ && at_least(need, Access::kModify) &&
                                              at_least(open_for_, Access::kModify)));
  if (enough)
    return;
  log_.reset();
  file_.reset();
  on_file_ = database_exists(path_);
  file_ = std::make_unique<DatabaseFile>(path_, need, own_folder_);
  log_ = std::make_unique<OpLog>(*file_);
  if (changes_at_)
    log_->record_at(*changes_at_);
  open_for_ = need;
}

void SqliteStore::record_changes_at(date::sys_seconds now) {
  changes_at_ = now;
  if (log_)
    log_->record_at(now);
}

std::optional<Undone> SqliteStore::undo() {
  opened(Access::kModify);
  return guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    auto undone = log_->undo();
    if (undone)
      file_->commit(transaction);
    return undone;
  });
}

SyncReport SqliteStore::sync(const std::string& dir) {
  // A missing database is made only to receive (a new machine joining): with nothing to
  // receive there is nothing to sync, and nothing is created.
  if (path_ != kMemory && !database_exists(path_) && !holds_operations(dir)) {
    throw Error(ErrorCode::kStorage, "no database at " + path_ + " yet, and " + dir +
                                         " holds no other machine's changes: nothing to sync");
  }
  opened(Access::kWrite);
  return guarded(path_, [&] { return sync_through(*file_, *log_, dir); });
}

std::optional<std::string> SqliteStore::sync_dir() {
  opened(Access::kRead);
  return guarded(path_, [&] { return log_->local_value("sync.dir"); });
}

SyncStatus SqliteStore::sync_status() {
  opened(Access::kRead);
  return guarded(path_, [&] { return status_of(file_->db(), *log_); });
}

bool database_exists(const std::string& path) {
  struct stat info {};
  return path == kMemory || ::stat(path.c_str(), &info) == 0;
}

std::unique_ptr<LoggedStore> open_store(const std::string& path, Access access, bool own_folder) {
  return std::make_unique<SqliteStore>(path, access, own_folder, false);
}

std::unique_ptr<LoggedStore> open_lazy_store(const std::string& path, Access least,
                                             bool own_folder) {
  return std::make_unique<SqliteStore>(path, least, own_folder, true);
}

}  // namespace qlfit::storage
