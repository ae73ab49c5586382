// Import (one transaction, idempotent by id) and backup.
#include "qlfit/error.hpp"

#include "sql_rows.hpp"
#include "sqlite_store_impl.hpp"

#include <deque>
#include <sqlite3.h>

namespace qlfit::storage {

Store::ImportCount SqliteStore::import(const EntryFeed& entries,
                                       const std::function<ImportExtras()>& extras, bool dry_run) {
  opened(dry_run ? Access::kTry : Access::kImport);
  return guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    ImportCount count;
    created_.clear();
    log_->start_change("import");
    {
      SQLite::Statement insert(file_->db(), R"sql(
INSERT INTO entry (id, activity, kind, start_utc, utc_offset, local_date, duration_s, pain, note,
                   created_utc, source)
VALUES (:id, :activity, :kind, :start, :offset, :date, :duration, :pain, :note, :created, :source)
ON CONFLICT (id) DO NOTHING)sql");
      SQLite::Statement holder(file_->db(), "SELECT n FROM entry WHERE id = ?");
      // Ids that were here before and came again: a second sight in the same file is a
      // mistake in it. Entries added now are told apart by their numbers, which this
      // transaction hands out in order. Its pages beyond a small cache go to SQLite's
      // temporary file (ids only): with the default 2 MiB cache a re-import of the
      // 20-year history peaked at 9.9 MiB, now 7.4 (the target is 8).
      file_->db().exec(
          "CREATE TEMP TABLE IF NOT EXISTS import_seen (id TEXT PRIMARY KEY, "
          "ordinal INTEGER NOT NULL); DELETE FROM temp.import_seen; "
          "PRAGMA temp.cache_size = -256");
      SQLite::Statement seen(file_->db(), R"sql(
INSERT INTO temp.import_seen (id, ordinal) VALUES (?1, ?2)
ON CONFLICT (id) DO UPDATE SET id = id RETURNING ordinal)sql");
      // A deque, not a vector: growing never holds the old and the new copy at once
      // (0.75 MiB at the peak of a 73,000-entry import, against 0.29 MiB).
      std::deque<std::uint32_t> added_ordinals;
      std::int64_t first_added = 0;
      std::set<std::string, std::less<>> known;  // activities known to exist here
      entries([&](const Entry& entry, std::size_t ordinal) -> std::optional<std::size_t> {
        if (known.insert(entry.activity).second && add_missing_activity(entry))
          created_.insert(entry.activity);
        // Looked up first: an insert that meets the id takes a number all the same
        // (AUTOINCREMENT), and the entries added after it, or logged next, would skip it.
        holder.bind(1, entry.id);
        const bool added = !holder.executeStep();
        const std::int64_t n = added ? 0 : holder.getColumn(0).getInt64();
        holder.reset();
        if (added) {
          bind_entry(insert, entry);
          insert.bind(":id", entry.id);
          insert.bind(":created",
                      static_cast<std::int64_t>(entry.created.time_since_epoch().count()));
          insert.exec();
          insert.reset();
          if (added_ordinals.empty())
            first_added = file_->db().getLastInsertRowid();
          // Its state is the entry as bound above: no query to read it back.
          log_->record_created("entry:" + entry.id, entry_object(entry));
          added_ordinals.push_back(static_cast<std::uint32_t>(ordinal));
          ++count.added;
          return std::nullopt;
        }
        if (!added_ordinals.empty() && n >= first_added)
          return added_ordinals.at(static_cast<std::size_t>(n - first_added));
        seen.bind(1, entry.id);
        seen.bind(2, static_cast<std::int64_t>(ordinal));
        seen.executeStep();
        const auto earlier = static_cast<std::size_t>(seen.getColumn(0).getInt64());
        seen.reset();
        if (earlier != ordinal)
          return earlier;
        ++count.present;
        return std::nullopt;
      });
      add_extras(extras(), count);
    }
    log_->release();
    if (!dry_run)
      file_->commit(transaction);
    return count;
  });
}

void SqliteStore::backup(const std::string& path) {
  opened(Access::kRead);
  if (lazy_ && !on_file_)
    throw Error(ErrorCode::kStorage, "no database at " + path_ + " yet: nothing to back up");
  log_->release();  // VACUUM runs only with no statement in progress
  try {
    SQLite::Statement vacuum(file_->db(), "VACUUM INTO ?");
    vacuum.bind(1, path);
    vacuum.exec();
  } catch (const SQLite::Exception& error) {
    if (error.getErrorCode() == SQLITE_BUSY)
      translate(error, path_);
    throw Error(ErrorCode::kStorage,
                path + " cannot be written: " + sqlite3_errstr(error.getErrorCode()));
  }
}

// Creates the activity an imported entry names when it is missing (returns true);
// refuses one that is here with another kind.
bool SqliteStore::add_missing_activity(const Activity& activity) {
  SQLite::Statement insert(file_->db(),
                           "INSERT INTO activity (name, kind, description) VALUES (?, ?, ?) "
                           "ON CONFLICT (name) DO NOTHING");
  insert.bind(1, activity.name);
  insert.bind(2, std::string(to_string(activity.kind)));
  insert.bind(3, activity.description);
  const bool created = insert.exec() == 1;
  if (created)
    log_->record("activity:" + activity.name, nullptr);
  SQLite::Statement kind(file_->db(), "SELECT kind FROM activity WHERE name = ?");
  kind.bind(1, activity.name);
  kind.executeStep();
  const std::string here = kind.getColumn(0).getString();
  if (here != to_string(activity.kind)) {
    throw Error(ErrorCode::kInvalidInput,
                "activity \"" + activity.name + "\" is a " + here + " here, but the file says " +
                    std::string(to_string(activity.kind)) + "; nothing imported");
  }
  return created;
}

bool SqliteStore::add_missing_activity(const Entry& entry) {
  return add_missing_activity(Activity{entry.activity, entry.kind, ""});
}

// An import's activities, pauses and settings, inside its transaction.
void SqliteStore::add_extras(const ImportExtras& extras, ImportCount& count) {
  SQLite::Statement describe(file_->db(), "UPDATE activity SET description = ? WHERE name = ?");
  for (const Activity& activity : extras.activities) {
    // An activity this import created for its entries gets the file's description (it is
    // counted with them); one only the file's list names is counted here.
    if (add_missing_activity(activity)) {
      ++count.activities;
    } else if (created_.count(activity.name) != 0) {
      const Json before = log_->state("activity:" + activity.name);
      describe.bind(1, activity.description);
      describe.bind(2, activity.name);
      describe.exec();
      describe.reset();
      log_->record("activity:" + activity.name, before);
    }
  }
  SQLite::Statement pause(file_->db(), R"sql(
INSERT INTO pause (first_day, last_day, note, created_utc, id)
SELECT :first, :last, :note, unixepoch(), )sql" +
                                           std::string(kNewUuid) +
                                           R"sql(
WHERE NOT EXISTS (SELECT 1 FROM pause WHERE first_day = :first AND last_day = :last
                                          AND note IS :note) RETURNING id)sql");
  for (const Pause& rest : extras.pauses) {
    pause.bind(":first", iso_date(rest.days.first));
    pause.bind(":last", iso_date(rest.days.last));
    if (rest.note) {
      pause.bind(":note", *rest.note);
    } else {
      pause.bind(":note");
    }
    if (pause.executeStep()) {
      log_->record("pause:" + pause.getColumn(0).getString(), nullptr);
      ++count.pauses;
    }
    pause.reset();
  }
  for (const auto& [key, value] : extras.settings) {
    if (put_setting(key, value))
      ++count.settings;
  }
}

}  // namespace qlfit::storage
