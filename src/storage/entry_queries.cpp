// The entries: logging, finding, editing, removing, and the facts stats read.
#include "qlfit/error.hpp"

#include "sql_rows.hpp"
#include "sqlite_store_impl.hpp"

#include <sqlite3.h>

namespace qlfit::storage {

Entry SqliteStore::add(const NewEntry& fresh) {
  opened(Access::kWrite);
  return guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    log_->start_change("log");
    Entry entry = insert_entry(fresh);
    file_->commit(transaction);
    return entry;
  });
}

std::optional<Entry> SqliteStore::remove_last() {
  opened(Access::kModify);
  return guarded(path_, [&]() -> std::optional<Entry> {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<Entry> last;
    {
      SQLite::Statement query(file_->db(), "SELECT " + std::string(kEntryColumns) +
                                               " FROM entry ORDER BY n DESC LIMIT 1");
      if (query.executeStep())
        last = read_entry(query, path_);
    }
    if (last) {
      log_->start_change("rm");
      remove_entry(last->id);
    }
    file_->commit(transaction);
    return last;
  });
}

void SqliteStore::each_fact(const EntryFilter& filter,
                            const std::function<void(const Fact& fact)>& each) {
  opened(Access::kRead);
  guarded(path_, [&] {
    SQLite::Statement query(
        file_->db(),
        "SELECT kind, start_utc, utc_offset, duration_s, pain, source FROM entry "
        "INDEXED BY entry_facts "
        "WHERE 1" +
            conditions(filter) + " ORDER BY local_date, start_utc");
    bind_conditions(query, filter);
    while (query.executeStep()) {
      Fact fact;
      fact.kind = kind_from_string(text_of(query.getColumn(0))).value_or(Kind::kSession);
      fact.start = date::sys_seconds{std::chrono::seconds{query.getColumn(1).getInt64()}};
      fact.offset = std::chrono::seconds{query.getColumn(2).getInt64()};
      fact.duration = std::chrono::seconds{query.getColumn(3).getInt64()};
      if (!query.getColumn(4).isNull())
        fact.pain = query.getColumn(4).getInt();
      fact.source = source_from_string(text_of(query.getColumn(5))).value_or(Source::kManual);
      each(fact);
    }
  });
}

void SqliteStore::each_entry(const EntryFilter& filter,
                             const std::function<void(const Entry& entry)>& each) {
  opened(Access::kRead);
  guarded(path_, [&] {
    std::string sql =
        "SELECT " + std::string(kEntryColumns) + " FROM entry WHERE 1" + conditions(filter);
    if (filter.limit) {
      sql = "SELECT * FROM (" + sql + " ORDER BY start_utc DESC, n DESC LIMIT :limit)";
    }
    sql += filter.same_everywhere ? " ORDER BY start_utc, id" : " ORDER BY start_utc, n";
    SQLite::Statement query(file_->db(), sql);
    bind_conditions(query, filter);
    if (filter.limit)
      query.bind(":limit", static_cast<std::int64_t>(*filter.limit));
    while (query.executeStep())
      each(read_entry(query, path_));
  });
}

std::size_t SqliteStore::entry_count(const std::string& activity) {
  opened(Access::kRead);
  return guarded(path_, [&] {
    SQLite::Statement count(file_->db(), "SELECT count(*) FROM entry WHERE activity = ?");
    count.bind(1, activity);
    count.executeStep();
    return static_cast<std::size_t>(count.getColumn(0).getInt64());
  });
}

std::optional<date::year_month_day> SqliteStore::first_local_date() {
  opened(Access::kRead);
  return guarded(path_, [&]() -> std::optional<date::year_month_day> {
    const auto first = file_->db().execAndGet("SELECT min(local_date) FROM entry");
    if (first.isNull())
      return std::nullopt;
    return parse_local_date(first.getString(), path_);
  });
}

std::optional<Entry> SqliteStore::entry_numbered(std::int64_t n) {
  opened(Access::kRead);
  return guarded(path_, [&]() -> std::optional<Entry> {
    SQLite::Statement query(file_->db(),
                            "SELECT " + std::string(kEntryColumns) + " FROM entry WHERE n = ?");
    query.bind(1, static_cast<std::int64_t>(n));
    if (!query.executeStep())
      return std::nullopt;
    return read_entry(query, path_);
  });
}

std::vector<Entry> SqliteStore::entries_with_id_prefix(const std::string& prefix,
                                                       std::size_t limit) {
  opened(Access::kRead);
  return guarded(path_, [&] {
    // '~' sorts after every hex digit and '-', so this is a range on the id index.
    SQLite::Statement query(file_->db(),
                            "SELECT " + std::string(kEntryColumns) +
                                " FROM entry WHERE id >= ?1 AND id < ?1 || '~' LIMIT ?2");
    query.bind(1, prefix);
    query.bind(2, static_cast<std::int64_t>(limit));
    std::vector<Entry> found;
    while (query.executeStep())
      found.push_back(read_entry(query, path_));
    return found;
  });
}

void SqliteStore::update(const Entry& entry) {
  opened(Access::kWrite);
  guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    log_->start_change("edit");
    const std::string target = "entry:" + entry.id;
    const Json before = log_->state(target);
    SQLite::Statement change(file_->db(), R"sql(
UPDATE entry SET activity = :activity, kind = :kind, start_utc = :start, utc_offset = :offset,
                 local_date = :date, duration_s = :duration, pain = :pain, note = :note,
                 source = :source
WHERE n = :n)sql");
    bind_entry(change, entry);
    change.bind(":n", static_cast<std::int64_t>(entry.n));
    if (change.exec() != 1) {
      throw Error(ErrorCode::kNotFound, "entry #" + std::to_string(entry.n) + " is gone");
    }
    log_->record(target, before);
    file_->commit(transaction);
  });
}

std::size_t SqliteStore::remove(const std::vector<std::int64_t>& ns) {
  opened(Access::kModify);
  return guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    log_->start_change("rm");
    SQLite::Statement id_of(file_->db(), "SELECT id FROM entry WHERE n = ?");
    std::size_t removed = 0;
    for (const std::int64_t n : ns) {
      id_of.bind(1, static_cast<std::int64_t>(n));
      if (id_of.executeStep()) {
        remove_entry(id_of.getColumn(0).getString());
        ++removed;
      }
      id_of.reset();
    }
    if (removed != ns.size()) {
      throw Error(ErrorCode::kNotFound,
                  "an entry to remove is already gone (another qlfit removed it); nothing removed");
    }
    file_->commit(transaction);
    return removed;
  });
}

// Inserts inside the caller's transaction (recording it); returns the new entry.
Entry SqliteStore::insert_entry(const NewEntry& fresh) {
  SQLite::Statement insert(file_->db(), R"sql(
INSERT INTO entry (id, activity, kind, start_utc, utc_offset, local_date, duration_s, pain, note,
           created_utc, source)
VALUES ()sql" + std::string(kNewUuid) + R"sql(, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING n)sql");
  insert.bind(1, fresh.activity);
  insert.bind(2, std::string(to_string(fresh.kind)));
  insert.bind(3, static_cast<std::int64_t>(fresh.start.time_since_epoch().count()));
  insert.bind(4, static_cast<std::int64_t>(fresh.offset.count()));
  insert.bind(5, iso_date(fresh.local_date));
  insert.bind(6, static_cast<std::int64_t>(fresh.duration.count()));
  if (fresh.pain)
    insert.bind(7, *fresh.pain);
  if (fresh.note)
    insert.bind(8, *fresh.note);
  insert.bind(9, static_cast<std::int64_t>(fresh.created.time_since_epoch().count()));
  insert.bind(10, std::string(to_string(fresh.source)));
  insert.executeStep();
  Entry entry = written(insert.getColumn(0).getInt64());
  // Its state is the entry as just read back: no second query to read it again.
  log_->record_created("entry:" + entry.id, entry_object(entry));
  return entry;
}

// Removes one entry inside the caller's transaction, recording it.
void SqliteStore::remove_entry(const std::string& id) {
  const std::string target = "entry:" + id;
  const Json before = log_->state(target);
  SQLite::Statement remove(file_->db(), "DELETE FROM entry WHERE id = ?");
  remove.bind(1, id);
  remove.exec();
  log_->record(target, before);
}

// The entry just written in this transaction.
Entry SqliteStore::written(std::int64_t n) {
  SQLite::Statement query(file_->db(),
                          "SELECT " + std::string(kEntryColumns) + " FROM entry WHERE n = ?");
  query.bind(1, static_cast<std::int64_t>(n));
  query.executeStep();
  return read_entry(query, path_);
}

void SqliteStore::bind_entry(SQLite::Statement& statement, const Entry& entry) {
  statement.bind(":activity", entry.activity);
  statement.bind(":kind", std::string(to_string(entry.kind)));
  statement.bind(":start", static_cast<std::int64_t>(entry.start.time_since_epoch().count()));
  statement.bind(":offset", static_cast<std::int64_t>(entry.offset.count()));
  statement.bind(":date", iso_date(entry.local_date));
  statement.bind(":duration", static_cast<std::int64_t>(entry.duration.count()));
  if (entry.pain) {
    statement.bind(":pain", *entry.pain);
  } else {
    statement.bind(":pain");
  }
  if (entry.note) {
    statement.bind(":note", *entry.note);
  } else {
    statement.bind(":note");
  }
  statement.bind(":source", std::string(to_string(entry.source)));
}

}  // namespace qlfit::storage
