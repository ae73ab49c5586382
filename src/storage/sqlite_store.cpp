#include "sqlite_store.hpp"

#include "qlfit/error.hpp"

#include "database_file.hpp"
#include "oplog.hpp"
#include "sync_folder.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <set>
#include <sqlite3.h>
#include <string_view>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace qlfit::storage {
namespace {

constexpr std::string_view kMemory = ":memory:";
constexpr std::string_view kEntryColumns =
    "n, id, activity, kind, start_utc, utc_offset, local_date, duration_s, pain, note, "
    "created_utc, "
    "source";

template <class Action>
auto guarded(const std::string& path, Action&& action) {
  try {
    return action();
  } catch (const SQLite::Exception& error) {
    translate(error, path);
  }
}

// "YYYY-MM-DD", as qlfit writes it; anything else means the file was changed by hand.
date::year_month_day parse_local_date(std::string_view text, const std::string& path) {
  const auto digits = [&](std::size_t at, std::size_t count) {
    unsigned value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
      if (text[i] < '0' || text[i] > '9')
        fail(path, "is damaged: an entry has the local date \"" + std::string(text) + "\"");
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return value;
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    fail(path, "is damaged: an entry has the local date \"" + std::string(text) + "\"");
  const date::year_month_day day{date::year{static_cast<int>(digits(0, 4))},
                                 date::month{digits(5, 2)}, date::day{digits(8, 2)}};
  if (!day.ok())
    fail(path, "is damaged: an entry has the local date \"" + std::string(text) + "\"");
  return day;
}

std::string_view text_of(const SQLite::Column& column) {
  return {column.getText(), static_cast<std::size_t>(column.getBytes())};
}

Entry read_entry(SQLite::Statement& row, const std::string& path) {
  Entry entry;
  entry.n = row.getColumn(0).getInt64();
  entry.id = row.getColumn(1).getString();
  entry.activity = row.getColumn(2).getString();
  entry.kind = kind_from_string(row.getColumn(3).getString()).value_or(Kind::kSession);
  entry.start = date::sys_seconds{std::chrono::seconds{row.getColumn(4).getInt64()}};
  entry.offset = std::chrono::seconds{row.getColumn(5).getInt64()};
  entry.local_date = parse_local_date(text_of(row.getColumn(6)), path);
  entry.duration = std::chrono::seconds{row.getColumn(7).getInt64()};
  if (!row.getColumn(8).isNull())
    entry.pain = row.getColumn(8).getInt();
  if (!row.getColumn(9).isNull())
    entry.note = row.getColumn(9).getString();
  entry.created = date::sys_seconds{std::chrono::seconds{row.getColumn(10).getInt64()}};
  entry.source = source_from_string(text_of(row.getColumn(11))).value_or(Source::kManual);
  return entry;
}

// The WHERE conditions of an EntryFilter (its limit aside), and their values.
std::string conditions(const EntryFilter& filter) {
  std::string sql;
  if (filter.local_dates)
    sql += " AND local_date BETWEEN :first AND :last";
  if (filter.activity)
    sql += " AND activity = :activity";
  if (filter.kind)
    sql += " AND kind = :kind";
  return sql;
}

void bind_conditions(SQLite::Statement& query, const EntryFilter& filter) {
  if (filter.local_dates) {
    query.bind(":first", iso_date(filter.local_dates->first));
    query.bind(":last", iso_date(filter.local_dates->last));
  }
  if (filter.activity)
    query.bind(":activity", *filter.activity);
  if (filter.kind)
    query.bind(":kind", std::string(to_string(*filter.kind)));
}

Activity read_activity(SQLite::Statement& row) {
  return Activity{row.getColumn(0).getString(),
                  kind_from_string(row.getColumn(1).getString()).value_or(Kind::kSession),
                  row.getColumn(2).getString(), row.getColumn(3).getInt() != 0,
                  row.getColumn(4).getInt() != 0};
}

class SqliteStore final : public LoggedStore {
 public:
  SqliteStore(const std::string& path, Access access, bool own_folder)
      : path_(path), file_(path, access, own_folder), log_(file_) {}

  std::optional<Activity> find_activity(std::string_view name) override {
    return guarded(path_, [&]() -> std::optional<Activity> {
      SQLite::Statement query(
          file_.db(),
          "SELECT name, kind, description, builtin, archived FROM activity WHERE name = ?");
      query.bind(1, std::string(name));
      if (!query.executeStep())
        return std::nullopt;
      return read_activity(query);
    });
  }

  std::vector<Activity> activities() override {
    return guarded(path_, [&] {
      SQLite::Statement query(file_.db(),
                              "SELECT name, kind, description, builtin, archived FROM activity "
                              "ORDER BY builtin DESC, rowid");
      std::vector<Activity> all;
      while (query.executeStep())
        all.push_back(read_activity(query));
      return all;
    });
  }

  Entry add(const NewEntry& fresh) override {
    return guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      log_.start_change("log");
      Entry entry = insert_entry(fresh);
      file_.commit(transaction);
      return entry;
    });
  }

  std::optional<Entry> remove_last() override {
    return guarded(path_, [&]() -> std::optional<Entry> {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      std::optional<Entry> last;
      {
        SQLite::Statement query(file_.db(), "SELECT " + std::string(kEntryColumns) +
                                                " FROM entry ORDER BY n DESC LIMIT 1");
        if (query.executeStep())
          last = read_entry(query, path_);
      }
      if (last) {
        log_.start_change("rm");
        remove_entry(last->id);
      }
      file_.commit(transaction);
      return last;
    });
  }

  void each_fact(const EntryFilter& filter,
                 const std::function<void(const Fact& fact)>& each) override {
    guarded(path_, [&] {
      SQLite::Statement query(
          file_.db(),
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

  void each_entry(const EntryFilter& filter,
                  const std::function<void(const Entry& entry)>& each) override {
    guarded(path_, [&] {
      std::string sql =
          "SELECT " + std::string(kEntryColumns) + " FROM entry WHERE 1" + conditions(filter);
      if (filter.limit) {
        sql = "SELECT * FROM (" + sql + " ORDER BY start_utc DESC, n DESC LIMIT :limit)";
      }
      sql += filter.same_everywhere ? " ORDER BY start_utc, id" : " ORDER BY start_utc, n";
      SQLite::Statement query(file_.db(), sql);
      bind_conditions(query, filter);
      if (filter.limit)
        query.bind(":limit", static_cast<std::int64_t>(*filter.limit));
      while (query.executeStep())
        each(read_entry(query, path_));
    });
  }

  bool add_activity(const Activity& activity) override {
    return guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      SQLite::Statement add(file_.db(), R"sql(
INSERT INTO activity (name, kind, description) VALUES (:name, :kind, :description)
ON CONFLICT (name) DO UPDATE SET archived = 0, description = excluded.description
WHERE archived = 1 AND kind = excluded.kind)sql");
      add.bind(":name", activity.name);
      add.bind(":kind", std::string(to_string(activity.kind)));
      add.bind(":description", activity.description);
      log_.start_change("activity add");
      const Json before = log_.state("activity:" + activity.name);
      if (add.exec() == 0)
        return false;
      log_.record("activity:" + activity.name, before);
      file_.commit(transaction);
      return true;
    });
  }

  std::size_t entry_count(const std::string& activity) override {
    return guarded(path_, [&] {
      SQLite::Statement count(file_.db(), "SELECT count(*) FROM entry WHERE activity = ?");
      count.bind(1, activity);
      count.executeStep();
      return static_cast<std::size_t>(count.getColumn(0).getInt64());
    });
  }

  bool remove_activity(const std::string& name, bool archive) override {
    return guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      SQLite::Statement change(file_.db(), archive
                                               ? "UPDATE activity SET archived = 1 WHERE name = ?"
                                               : "DELETE FROM activity WHERE name = ?");
      change.bind(1, name);
      log_.start_change(archive ? "activity archive" : "activity rm");
      const Json before = log_.state("activity:" + name);
      const bool changed = change.exec() > 0;
      log_.record("activity:" + name, before);
      file_.commit(transaction);
      return changed;
    });
  }

  std::optional<date::year_month_day> first_local_date() override {
    return guarded(path_, [&]() -> std::optional<date::year_month_day> {
      const auto first = file_.db().execAndGet("SELECT min(local_date) FROM entry");
      if (first.isNull())
        return std::nullopt;
      return parse_local_date(first.getString(), path_);
    });
  }

  std::optional<Entry> entry_numbered(std::int64_t n) override {
    return guarded(path_, [&]() -> std::optional<Entry> {
      SQLite::Statement query(file_.db(),
                              "SELECT " + std::string(kEntryColumns) + " FROM entry WHERE n = ?");
      query.bind(1, static_cast<std::int64_t>(n));
      if (!query.executeStep())
        return std::nullopt;
      return read_entry(query, path_);
    });
  }

  std::vector<Entry> entries_with_id_prefix(const std::string& prefix, std::size_t limit) override {
    return guarded(path_, [&] {
      // '~' sorts after every hex digit and '-', so this is a range on the id index.
      SQLite::Statement query(file_.db(),
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

  void update(const Entry& entry) override {
    guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      log_.start_change("edit");
      const std::string target = "entry:" + entry.id;
      const Json before = log_.state(target);
      SQLite::Statement change(file_.db(), R"sql(
UPDATE entry SET activity = :activity, kind = :kind, start_utc = :start, utc_offset = :offset,
                 local_date = :date, duration_s = :duration, pain = :pain, note = :note,
                 source = :source
WHERE n = :n)sql");
      bind_entry(change, entry);
      change.bind(":n", static_cast<std::int64_t>(entry.n));
      if (change.exec() != 1) {
        throw Error(ErrorCode::kNotFound, "entry #" + std::to_string(entry.n) + " is gone");
      }
      log_.record(target, before);
      file_.commit(transaction);
    });
  }

  std::size_t remove(const std::vector<std::int64_t>& ns) override {
    return guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      log_.start_change("rm");
      SQLite::Statement id_of(file_.db(), "SELECT id FROM entry WHERE n = ?");
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
        throw Error(
            ErrorCode::kNotFound,
            "an entry to remove is already gone (another qlfit removed it); nothing removed");
      }
      file_.commit(transaction);
      return removed;
    });
  }

  ImportCount import(const EntryFeed& entries, const std::function<ImportExtras()>& extras,
                     bool dry_run) override {
    return guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      ImportCount count;
      created_.clear();
      log_.start_change("import");
      {
        SQLite::Statement insert(file_.db(), R"sql(
INSERT INTO entry (id, activity, kind, start_utc, utc_offset, local_date, duration_s, pain, note,
                   created_utc, source)
VALUES (:id, :activity, :kind, :start, :offset, :date, :duration, :pain, :note, :created, :source)
ON CONFLICT (id) DO NOTHING)sql");
        SQLite::Statement holder(file_.db(), "SELECT n FROM entry WHERE id = ?");
        // Ids that were here before and came again: a second sight in the same file is a
        // mistake in it. Entries added now are told apart by their numbers, which this
        // transaction hands out in order.
        file_.db().exec(
            "CREATE TEMP TABLE IF NOT EXISTS import_seen (id TEXT PRIMARY KEY, "
            "ordinal INTEGER NOT NULL); DELETE FROM temp.import_seen");
        SQLite::Statement seen(file_.db(), R"sql(
INSERT INTO temp.import_seen (id, ordinal) VALUES (?1, ?2)
ON CONFLICT (id) DO UPDATE SET id = id RETURNING ordinal)sql");
        std::vector<std::uint32_t> added_ordinals;
        std::int64_t first_added = 0;
        std::set<std::string, std::less<>> known;  // activities known to exist here
        entries([&](const Entry& entry, std::size_t ordinal) -> std::optional<std::size_t> {
          if (known.insert(entry.activity).second && add_missing_activity(entry))
            created_.insert(entry.activity);
          bind_entry(insert, entry);
          insert.bind(":id", entry.id);
          insert.bind(":created",
                      static_cast<std::int64_t>(entry.created.time_since_epoch().count()));
          const bool added = insert.exec() == 1;
          insert.reset();
          if (added) {
            if (added_ordinals.empty())
              first_added = file_.db().getLastInsertRowid();
            log_.record("entry:" + entry.id, nullptr);
            added_ordinals.push_back(static_cast<std::uint32_t>(ordinal));
            ++count.added;
            return std::nullopt;
          }
          holder.bind(1, entry.id);
          holder.executeStep();
          const std::int64_t n = holder.getColumn(0).getInt64();
          holder.reset();
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
        add_extras(extras());
      }
      log_.release();
      if (!dry_run)
        file_.commit(transaction);
      return count;
    });
  }

  void backup(const std::string& path) override {
    log_.release();  // VACUUM runs only with no statement in progress
    try {
      SQLite::Statement vacuum(file_.db(), "VACUUM INTO ?");
      vacuum.bind(1, path);
      vacuum.exec();
    } catch (const SQLite::Exception& error) {
      if (error.getErrorCode() == SQLITE_BUSY)
        translate(error, path_);
      throw Error(ErrorCode::kStorage,
                  path + " cannot be written: " + sqlite3_errstr(error.getErrorCode()));
    }
  }

  std::map<std::string, std::string> settings() override {
    return guarded(path_, [&] {
      SQLite::Statement query(file_.db(), "SELECT key, value FROM setting");
      std::map<std::string, std::string> all;
      while (query.executeStep())
        all[query.getColumn(0).getString()] = query.getColumn(1).getString();
      return all;
    });
  }

  void set_setting(const std::string& key, const std::string& value) override {
    guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      log_.start_change("config set");
      put_setting(key, value);
      file_.commit(transaction);
    });
  }

  bool unset_setting(const std::string& key) override {
    return guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      log_.start_change("config unset");
      const Json before = log_.state("setting:" + key);
      SQLite::Statement remove(file_.db(), "DELETE FROM setting WHERE key = ?");
      remove.bind(1, key);
      const bool removed = remove.exec() > 0;
      log_.record("setting:" + key, before);
      file_.commit(transaction);
      return removed;
    });
  }

  std::optional<Timer> timer() override {
    return guarded(path_, [&]() -> std::optional<Timer> {
      SQLite::Statement query(file_.db(), R"sql(
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

  bool start_timer(const Timer& timer) override {
    return guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      if (file_.db().execAndGet("SELECT count(*) FROM timer").getInt() != 0)
        return false;
      SQLite::Statement insert(
          file_.db(),
          "INSERT INTO timer (id, activity, start_utc, utc_offset) VALUES (1, ?, ?, ?)");
      insert.bind(1, timer.activity);
      insert.bind(2, static_cast<std::int64_t>(timer.start.time_since_epoch().count()));
      insert.bind(3, static_cast<std::int64_t>(timer.offset.count()));
      insert.exec();
      file_.commit(transaction);
      return true;
    });
  }

  std::optional<Entry> finish_timer(const NewEntry& entry) override {
    return guarded(path_, [&]() -> std::optional<Entry> {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      if (file_.db().exec("DELETE FROM timer") == 0)
        return std::nullopt;
      log_.start_change("stop");
      Entry logged = insert_entry(entry);
      file_.commit(transaction);
      return logged;
    });
  }

  std::optional<Timer> cancel_timer() override {
    auto running = timer();
    guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      file_.db().exec("DELETE FROM timer");
      file_.commit(transaction);
    });
    return running;
  }

  std::optional<AwayPeriod> away() override {
    return guarded(path_, [&]() -> std::optional<AwayPeriod> {
      SQLite::Statement query(file_.db(), "SELECT start_utc, utc_offset FROM away");
      if (!query.executeStep())
        return std::nullopt;
      return AwayPeriod{date::sys_seconds{std::chrono::seconds{query.getColumn(0).getInt64()}},
                        std::chrono::seconds{query.getColumn(1).getInt64()}};
    });
  }

  bool begin_away(const AwayPeriod& period) override {
    return guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      SQLite::Statement insert(
          file_.db(),
          "INSERT INTO away (id, start_utc, utc_offset) VALUES (1, ?, ?) ON CONFLICT DO NOTHING");
      insert.bind(1, static_cast<std::int64_t>(period.start.time_since_epoch().count()));
      insert.bind(2, static_cast<std::int64_t>(period.offset.count()));
      const bool opened = insert.exec() == 1;
      file_.commit(transaction);
      return opened;
    });
  }

  std::optional<AwayPeriod> end_away() override {
    return guarded(path_, [&]() -> std::optional<AwayPeriod> {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      SQLite::Statement remove(file_.db(), "DELETE FROM away RETURNING start_utc, utc_offset");
      if (!remove.executeStep())
        return std::nullopt;
      const AwayPeriod period{
          date::sys_seconds{std::chrono::seconds{remove.getColumn(0).getInt64()}},
          std::chrono::seconds{remove.getColumn(1).getInt64()}};
      while (remove.executeStep()) {
      }
      remove.reset();
      file_.commit(transaction);
      return period;
    });
  }

  Pause add_pause(const DateRange& days, const std::optional<std::string>& note) override {
    return guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      std::int64_t n = 0;
      std::string id;
      {
        SQLite::Statement insert(file_.db(),
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
      log_.start_change("pause add");
      log_.record("pause:" + id, nullptr);
      file_.commit(transaction);
      return Pause{n, days, note, id};
    });
  }

  std::vector<Pause> pauses() override {
    return guarded(path_, [&] {
      SQLite::Statement query(
          file_.db(),
          "SELECT n, first_day, last_day, note, id FROM pause ORDER BY first_day, last_day, id");
      std::vector<Pause> all;
      while (query.executeStep())
        all.push_back(read_pause(query));
      return all;
    });
  }

  std::optional<Pause> remove_pause(std::int64_t n) override {
    return guarded(path_, [&]() -> std::optional<Pause> {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      std::optional<Pause> removed;
      {
        SQLite::Statement query(file_.db(),
                                "SELECT n, first_day, last_day, note, id FROM pause WHERE n = ?");
        query.bind(1, static_cast<std::int64_t>(n));
        if (query.executeStep())
          removed = read_pause(query);
      }
      if (removed) {
        log_.start_change("pause rm");
        const std::string target = "pause:" + removed->id;
        const Json before = log_.state(target);
        SQLite::Statement remove(file_.db(), "DELETE FROM pause WHERE n = ?");
        remove.bind(1, static_cast<std::int64_t>(n));
        remove.exec();
        log_.record(target, before);
      }
      file_.commit(transaction);
      return removed;
    });
  }

  std::optional<Undone> undo() override {
    return guarded(path_, [&] {
      SQLite::Transaction transaction(file_.db(), SQLite::TransactionBehavior::IMMEDIATE);
      auto undone = log_.undo();
      if (undone)
        file_.commit(transaction);
      return undone;
    });
  }

  SyncReport sync(const std::string& dir) override {
    return guarded(path_, [&] { return sync_through(file_, log_, dir); });
  }

  std::optional<std::string> sync_dir() override {
    return guarded(path_, [&] { return log_.local_value("sync.dir"); });
  }

  SyncStatus sync_status() override {
    return guarded(path_, [&] { return status_of(file_.db(), log_); });
  }

  void record_changes_at(date::sys_seconds now) override { log_.record_at(now); }

 private:
  // Creates the activity an imported entry names when it is missing (returns true);
  // refuses one that is here with another kind.
  bool add_missing_activity(const Activity& activity) {
    SQLite::Statement insert(file_.db(),
                             "INSERT INTO activity (name, kind, description) VALUES (?, ?, ?) "
                             "ON CONFLICT (name) DO NOTHING");
    insert.bind(1, activity.name);
    insert.bind(2, std::string(to_string(activity.kind)));
    insert.bind(3, activity.description);
    const bool created = insert.exec() == 1;
    if (created)
      log_.record("activity:" + activity.name, nullptr);
    SQLite::Statement kind(file_.db(), "SELECT kind FROM activity WHERE name = ?");
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
  bool add_missing_activity(const Entry& entry) {
    return add_missing_activity(Activity{entry.activity, entry.kind, ""});
  }

  // An import's activities, pauses and settings, inside its transaction.
  void add_extras(const ImportExtras& extras) {
    SQLite::Statement describe(file_.db(), "UPDATE activity SET description = ? WHERE name = ?");
    for (const Activity& activity : extras.activities) {
      // An activity this import created for its entries gets the file's description.
      if (!add_missing_activity(activity) && created_.count(activity.name) != 0) {
        const Json before = log_.state("activity:" + activity.name);
        describe.bind(1, activity.description);
        describe.bind(2, activity.name);
        describe.exec();
        describe.reset();
        log_.record("activity:" + activity.name, before);
      }
    }
    SQLite::Statement pause(file_.db(), R"sql(
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
      if (pause.executeStep())
        log_.record("pause:" + pause.getColumn(0).getString(), nullptr);
      pause.reset();
    }
    for (const auto& [key, value] : extras.settings)
      put_setting(key, value);
  }

  Pause read_pause(SQLite::Statement& row) {
    Pause pause;
    pause.n = row.getColumn(0).getInt64();
    pause.days = DateRange{parse_local_date(row.getColumn(1).getString(), path_),
                           parse_local_date(row.getColumn(2).getString(), path_)};
    if (!row.getColumn(3).isNull())
      pause.note = row.getColumn(3).getString();
    pause.id = row.getColumn(4).getString();
    return pause;
  }

  // Inserts inside the caller's transaction (recording it); returns the new entry.
  Entry insert_entry(const NewEntry& fresh) {
    SQLite::Statement insert(file_.db(), R"sql(
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
    log_.record("entry:" + entry.id, nullptr);
    return entry;
  }

  // Removes one entry inside the caller's transaction, recording it.
  void remove_entry(const std::string& id) {
    const std::string target = "entry:" + id;
    const Json before = log_.state(target);
    SQLite::Statement remove(file_.db(), "DELETE FROM entry WHERE id = ?");
    remove.bind(1, id);
    remove.exec();
    log_.record(target, before);
  }

  // Stores one setting inside the caller's transaction, recording it.
  void put_setting(const std::string& key, const std::string& value) {
    const Json before = log_.state("setting:" + key);
    SQLite::Statement upsert(file_.db(),
                             "INSERT INTO setting (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    upsert.bind(1, key);
    upsert.bind(2, value);
    upsert.exec();
    log_.record("setting:" + key, before);
  }

  // The entry just written in this transaction.
  Entry written(std::int64_t n) {
    SQLite::Statement query(file_.db(),
                            "SELECT " + std::string(kEntryColumns) + " FROM entry WHERE n = ?");
    query.bind(1, static_cast<std::int64_t>(n));
    query.executeStep();
    return read_entry(query, path_);
  }

  void bind_entry(SQLite::Statement& statement, const Entry& entry) {
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

  std::string path_;
  DatabaseFile file_;
  OpLog log_;
  std::set<std::string, std::less<>> created_;  // activities created by this import
};

}  // namespace

bool database_exists(const std::string& path) {
  struct stat info {};
  return path == kMemory || ::stat(path.c_str(), &info) == 0;
}

std::unique_ptr<LoggedStore> open_store(const std::string& path, Access access, bool own_folder) {
  return std::make_unique<SqliteStore>(path, access, own_folder);
}

}  // namespace qlfit::storage
