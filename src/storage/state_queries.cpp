// Activities, settings, the timer, away and pauses.

#include "sql_rows.hpp"
#include "sqlite_store_impl.hpp"

#include <sqlite3.h>

namespace qlfit::storage {

std::optional<Activity> SqliteStore::find_activity(std::string_view name) {
  opened(Access::kRead);
  return guarded(path_, [&]() -> std::optional<Activity> {
    SQLite::Statement query(
        file_->db(),
        "SELECT name, kind, description, builtin, archived FROM activity WHERE name = ?");
    query.bind(1, std::string(name));
    if (!query.executeStep())
      return std::nullopt;
    return read_activity(query);
  });
}

std::vector<Activity> SqliteStore::activities() {
  opened(Access::kRead);
  return guarded(path_, [&] {
    SQLite::Statement query(file_->db(),
                            "SELECT name, kind, description, builtin, archived FROM activity "
                            "ORDER BY builtin DESC, rowid");
    std::vector<Activity> all;
    while (query.executeStep())
      all.push_back(read_activity(query));
    return all;
  });
}

bool SqliteStore::add_activity(const Activity& activity) {
  opened(Access::kWrite);
  return guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement add(file_->db(), R"sql(
INSERT INTO activity (name, kind, description) VALUES (:name, :kind, :description)
ON CONFLICT (name) DO UPDATE SET archived = 0, description = excluded.description
WHERE archived = 1 AND kind = excluded.kind)sql");
    add.bind(":name", activity.name);
    add.bind(":kind", std::string(to_string(activity.kind)));
    add.bind(":description", activity.description);
    log_->start_change("activity add");
    const Json before = log_->state("activity:" + activity.name);
    if (add.exec() == 0)
      return false;
    log_->record("activity:" + activity.name, before);
    file_->commit(transaction);
    return true;
  });
}

bool SqliteStore::remove_activity(const std::string& name, bool archive) {
  opened(Access::kModify);
  return guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement change(file_->db(), archive
                                              ? "UPDATE activity SET archived = 1 WHERE name = ?"
                                              : "DELETE FROM activity WHERE name = ?");
    change.bind(1, name);
    log_->start_change(archive ? "activity archive" : "activity rm");
    const Json before = log_->state("activity:" + name);
    const bool changed = change.exec() > 0;
    log_->record("activity:" + name, before);
    file_->commit(transaction);
    return changed;
  });
}

std::map<std::string, std::string> SqliteStore::settings() {
  opened(Access::kRead);
  return guarded(path_, [&] {
    auto all = log_->stored_settings();
    log_->settle(all);
    return all;
  });
}

void SqliteStore::set_setting(const std::string& key, const std::string& value) {
  opened(Access::kWrite);
  guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    log_->start_change("config set");
    put_setting(key, value);
    file_->commit(transaction);
  });
}

bool SqliteStore::unset_setting(const std::string& key) {
  opened(Access::kModify);
  return guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    log_->start_change("config unset");
    const Json before = log_->state("setting:" + key);
    SQLite::Statement remove(file_->db(), "DELETE FROM setting WHERE key = ?");
    remove.bind(1, key);
    const bool removed = remove.exec() > 0;
    log_->record("setting:" + key, before);
    file_->commit(transaction);
    return removed;
  });
}

std::optional<Timer> SqliteStore::timer() {
  opened(Access::kRead);
  return guarded(path_, [&]() -> std::optional<Timer> {
    SQLite::Statement query(file_->db(), R"sql(
SELECT timer.activity, activity.kind, timer.start_utc, timer.utc_offset
FROM timer JOIN activity ON activity.name = timer.activity)sql");
    if (!query.executeStep())
      return std::nullopt;
    return Timer{query.getColumn(0).getString(),
                 kind_from_string(query.getColumn(1).getString()).value_or(Kind::kSession),
                 date::sys_seconds{std::chrono::seconds{query.getColumn(2).getInt64()}},
                 std::chrono::seconds{query.getColumn(3).getInt64()}};
  });
}

bool SqliteStore::start_timer(const Timer& timer) {
  opened(Access::kWrite);
  return guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    if (file_->db().execAndGet("SELECT count(*) FROM timer").getInt() != 0)
      return false;
    SQLite::Statement insert(
        file_->db(), "INSERT INTO timer (id, activity, start_utc, utc_offset) VALUES (1, ?, ?, ?)");
    insert.bind(1, timer.activity);
    insert.bind(2, static_cast<std::int64_t>(timer.start.time_since_epoch().count()));
    insert.bind(3, static_cast<std::int64_t>(timer.offset.count()));
    insert.exec();
    file_->commit(transaction);
    return true;
  });
}

std::optional<Entry> SqliteStore::finish_timer(const NewEntry& entry) {
  opened(Access::kWrite);
  return guarded(path_, [&]() -> std::optional<Entry> {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    if (file_->db().exec("DELETE FROM timer") == 0)
      return std::nullopt;
    log_->start_change("stop");
    Entry logged = insert_entry(entry);
    file_->commit(transaction);
    return logged;
  });
}

std::optional<Timer> SqliteStore::cancel_timer() {
  opened(Access::kModify);
  auto running = timer();
  guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    file_->db().exec("DELETE FROM timer");
    file_->commit(transaction);
  });
  return running;
}

std::optional<AwayPeriod> SqliteStore::away() {
  opened(Access::kRead);
  return guarded(path_, [&]() -> std::optional<AwayPeriod> {
    SQLite::Statement query(file_->db(), "SELECT start_utc, utc_offset FROM away WHERE open = 1");
    if (!query.executeStep())
      return std::nullopt;
    return AwayPeriod{date::sys_seconds{std::chrono::seconds{query.getColumn(0).getInt64()}},
                      std::chrono::seconds{query.getColumn(1).getInt64()}};
  });
}

std::optional<date::sys_seconds> SqliteStore::back_at() {
  opened(Access::kRead);
  return guarded(path_, [&]() -> std::optional<date::sys_seconds> {
    SQLite::Statement query(file_->db(), "SELECT back_utc FROM away WHERE back_utc IS NOT NULL");
    if (!query.executeStep())
      return std::nullopt;
    return date::sys_seconds{std::chrono::seconds{query.getColumn(0).getInt64()}};
  });
}

bool SqliteStore::begin_away(const AwayPeriod& period) {
  opened(Access::kWrite);
  return guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert(
        file_->db(),
        "INSERT INTO away (id, start_utc, utc_offset) VALUES (1, ?, ?) ON CONFLICT (id) DO "
        "UPDATE SET start_utc = excluded.start_utc, utc_offset = excluded.utc_offset, open = 1 "
        "WHERE open = 0");
    insert.bind(1, static_cast<std::int64_t>(period.start.time_since_epoch().count()));
    insert.bind(2, static_cast<std::int64_t>(period.offset.count()));
    const bool opened = insert.exec() == 1;
    file_->commit(transaction);
    return opened;
  });
}

std::optional<Store::EndedAway> SqliteStore::end_away(std::optional<date::sys_seconds> back,
                                                      const NaturalBreak& natural_break) {
  opened(Access::kModify);
  return guarded(path_, [&]() -> std::optional<EndedAway> {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<EndedAway> ended;
    {
      // The row stays, closed, with the return from the latest natural break if it was cut
      // at 24h (back_at).
      SQLite::Statement close(file_->db(),
                              "UPDATE away SET open = 0 WHERE open = 1 "
                              "RETURNING start_utc, utc_offset");
      if (!close.executeStep())
        return std::nullopt;
      ended = EndedAway{
          AwayPeriod{date::sys_seconds{std::chrono::seconds{close.getColumn(0).getInt64()}},
                     std::chrono::seconds{close.getColumn(1).getInt64()}},
          std::nullopt};
      while (close.executeStep()) {
      }
    }
    if (const auto fresh = natural_break(ended->period)) {
      log_->start_change("away end");
      ended->entry = insert_entry(*fresh);
      SQLite::Statement back_now(file_->db(), "UPDATE away SET back_utc = ?");
      if (back)
        back_now.bind(1, static_cast<std::int64_t>(back->time_since_epoch().count()));
      back_now.exec();
    }
    file_->commit(transaction);
    return ended;
  });
}

Pause SqliteStore::add_pause(const DateRange& days, const std::optional<std::string>& note) {
  opened(Access::kWrite);
  return guarded(path_, [&] {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    std::int64_t n = 0;
    std::string id;
    {
      SQLite::Statement insert(file_->db(),
                               "INSERT INTO pause (first_day, last_day, note, created_utc, id) "
                               "VALUES (?, ?, ?, unixepoch(), " +
                                   std::string(kNewUuid) + ") RETURNING n, id");
      insert.bind(1, iso_date(days.first));
      insert.bind(2, iso_date(days.last));
      if (note)
        insert.bind(3, *note);
      insert.executeStep();
      n = insert.getColumn(0).getInt64();
      id = insert.getColumn(1).getString();
    }
    log_->start_change("pause add");
    log_->record("pause:" + id, nullptr);
    file_->commit(transaction);
    return Pause{n, days, note, id};
  });
}

std::vector<Pause> SqliteStore::pauses() {
  opened(Access::kRead);
  return guarded(path_, [&] {
    SQLite::Statement query(
        file_->db(),
        "SELECT n, first_day, last_day, note, id FROM pause ORDER BY first_day, last_day, id");
    std::vector<Pause> all;
    while (query.executeStep())
      all.push_back(read_pause(query));
    return all;
  });
}

std::optional<Pause> SqliteStore::remove_pause(std::int64_t n) {
  opened(Access::kModify);
  return guarded(path_, [&]() -> std::optional<Pause> {
    SQLite::Transaction transaction(file_->db(), SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<Pause> removed;
    {
      SQLite::Statement query(file_->db(),
                              "SELECT n, first_day, last_day, note, id FROM pause WHERE n = ?");
      query.bind(1, static_cast<std::int64_t>(n));
      if (query.executeStep())
        removed = read_pause(query);
    }
    if (removed) {
      log_->start_change("pause rm");
      const std::string target = "pause:" + removed->id;
      const Json before = log_->state(target);
      SQLite::Statement remove(file_->db(), "DELETE FROM pause WHERE n = ?");
      remove.bind(1, static_cast<std::int64_t>(n));
      remove.exec();
      log_->record(target, before);
    }
    file_->commit(transaction);
    return removed;
  });
}

Pause SqliteStore::read_pause(SQLite::Statement& row) {
  Pause pause;
  pause.n = row.getColumn(0).getInt64();
  pause.days = DateRange{parse_local_date(row.getColumn(1).getString(), path_),
                         parse_local_date(row.getColumn(2).getString(), path_)};
  if (!row.getColumn(3).isNull())
    pause.note = row.getColumn(3).getString();
  pause.id = row.getColumn(4).getString();
  return pause;
}

// Stores one setting inside the caller's transaction, recording it.
bool SqliteStore::put_setting(const std::string& key, const std::string& value) {
  const Json before = log_->state("setting:" + key);
  SQLite::Statement upsert(file_->db(),
                           "INSERT INTO setting (key, value) VALUES (?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  upsert.bind(1, key);
  upsert.bind(2, value);
  upsert.exec();
  return log_->record("setting:" + key, before);
}

}  // namespace qlfit::storage
