#include "oplog.hpp"

#include "qlfit/calendar.hpp"

#include "database_file.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

namespace qlfit::storage {
namespace {

Json optional_text(const SQLite::Column& column) {
  return column.isNull() ? Json(nullptr) : Json(column.getString());
}

void bind_optional(SQLite::Statement& statement, const char* name, const Json& value) {
  if (value.is_null()) {
    statement.bind(name);
  } else if (value.is_number()) {
    statement.bind(name, value.get<std::int64_t>());
  } else {
    statement.bind(name, value.get<std::string>());
  }
}

date::year_month_day day_of(const std::string& text) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (std::sscanf(text.c_str(), "%d-%u-%u", &y, &m, &d) != 3)
    throw std::invalid_argument("not a date");
  return date::year{y} / date::month{m} / date::day{d};
}

// The kind of operation that takes a target from `before` to `after`.
std::string kind_of(std::string_view target, const Json& before, const Json& after) {
  const std::string type(type_of(target));
  if (type == "entry")
    return before.is_null() ? "entry.create" : after.is_null() ? "entry.remove" : "entry.edit";
  if (type == "pause")
    return after.is_null() ? "pause.remove" : "pause.add";
  if (type == "activity")
    return after.is_null() ? "activity.remove" : "activity.set";
  return after.is_null() ? "setting.unset" : "setting.set";
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Fields that change together: an edit that carries one carries the others, so that a
// merge never pairs one machine's start with another's local date (0: none).
int together(std::string_view field) {
  if (field == "start" || field == "offset_s" || field == "local_date")
    return 1;
  return field == "activity" || field == "kind" ? 2 : 0;
}

// What an entry edit carries: its id and the fields it changed, with their new values (and
// the fields that go with them), in the entry's order.
Json edited_fields(const Json& before, const Json& after) {
  std::vector<int> groups;
  for (const auto& [field, value] : after.items()) {
    if (field != "n" && before.value(field, Json()) != value)
      groups.push_back(together(field));
  }
  Json edit{{"id", after.at("id")}};
  for (const auto& [field, value] : after.items()) {
    if (field == "n" || field == "id")
      continue;
    const int group = together(field);
    if (before.value(field, Json()) != value ||
        (group != 0 && std::find(groups.begin(), groups.end(), group) != groups.end()))
      edit[field] = value;
  }
  return edit;
}

}  // namespace

std::string new_uuid(SQLite::Database& db) {
  return db.execAndGet("SELECT " + std::string(kNewUuid)).getString();
}

Json entry_object(const Entry& entry) {
  return Json{{"id", entry.id},
              {"activity", entry.activity},
              {"kind", std::string(to_string(entry.kind))},
              {"start", entry.start.time_since_epoch().count()},
              {"offset_s", entry.offset.count()},
              {"local_date", iso_date(entry.local_date)},
              {"duration_s", entry.duration.count()},
              {"pain", entry.pain ? Json(*entry.pain) : Json(nullptr)},
              {"note", entry.note ? Json(*entry.note) : Json(nullptr)},
              {"created", entry.created.time_since_epoch().count()},
              {"source", std::string(to_string(entry.source))}};
}

Entry entry_from_object(const Json& object) {
  Entry entry;
  entry.n = object.value("n", std::int64_t{0});
  entry.id = object.at("id").get<std::string>();
  entry.activity = object.at("activity").get<std::string>();
  entry.kind = parse_kind(object.at("kind").get<std::string>());
  entry.start = date::sys_seconds{std::chrono::seconds{object.at("start").get<std::int64_t>()}};
  entry.offset = std::chrono::seconds{object.at("offset_s").get<std::int64_t>()};
  entry.local_date = day_of(object.at("local_date").get<std::string>());
  entry.duration = std::chrono::seconds{object.at("duration_s").get<std::int64_t>()};
  if (!object.at("pain").is_null())
    entry.pain = object.at("pain").get<int>();
  if (!object.at("note").is_null())
    entry.note = object.at("note").get<std::string>();
  entry.created = date::sys_seconds{std::chrono::seconds{object.at("created").get<std::int64_t>()}};
  // Operations written before entries had a source were all typed ones.
  entry.source = source_from_string(object.value("source", "manual")).value_or(Source::kManual);
  return entry;
}

SQLite::Database& OpLog::db() {
  return file_.db();
}

SQLite::Statement& OpLog::cached(const char* sql) {
  if (prepared_on_ != &db()) {
    release();
    prepared_on_ = &db();
  }
  auto& slot = statements_[sql];
  if (!slot)
    slot = std::make_unique<SQLite::Statement>(db(), sql);
  slot->reset();
  slot->clearBindings();
  return *slot;
}

void OpLog::start_change(std::string label) {
  label_ = std::move(label);
  change_ = 0;
  next_at_ = 0;
}

Json OpLog::state(const std::string& target) {
  const Idle idle{*this};
  const std::string type(type_of(target));
  const std::string key = key_of(target);
  if (type == "entry") {
    SQLite::Statement& query = cached(R"sql(
SELECT n, id, activity, kind, start_utc, utc_offset, local_date, duration_s, pain, note,
       created_utc, source FROM entry WHERE id = ?)sql");
    query.bind(1, key);
    if (!query.executeStep())
      return nullptr;
    Json object{{"n", query.getColumn(0).getInt64()}};
    object.update(Json{
        {"id", key},
        {"activity", query.getColumn(2).getString()},
        {"kind", query.getColumn(3).getString()},
        {"start", query.getColumn(4).getInt64()},
        {"offset_s", query.getColumn(5).getInt64()},
        {"local_date", query.getColumn(6).getString()},
        {"duration_s", query.getColumn(7).getInt64()},
        {"pain", query.getColumn(8).isNull() ? Json(nullptr) : Json(query.getColumn(8).getInt())},
        {"note", optional_text(query.getColumn(9))},
        {"created", query.getColumn(10).getInt64()},
        {"source", query.getColumn(11).getString()}});
    return object;
  }
  if (type == "pause") {
    SQLite::Statement& query =
        cached("SELECT n, first_day, last_day, note FROM pause WHERE id = ?");
    query.bind(1, key);
    if (!query.executeStep())
      return nullptr;
    return Json{{"n", query.getColumn(0).getInt64()},
                {"id", key},
                {"from", query.getColumn(1).getString()},
                {"to", query.getColumn(2).getString()},
                {"note", optional_text(query.getColumn(3))}};
  }
  if (type == "activity") {
    SQLite::Statement& query =
        cached("SELECT kind, description, archived FROM activity WHERE name = ?");
    query.bind(1, key);
    if (!query.executeStep())
      return nullptr;
    return Json{{"name", key},
                {"kind", query.getColumn(0).getString()},
                {"description", query.getColumn(1).getString()},
                {"archived", query.getColumn(2).getInt() != 0}};
  }
  SQLite::Statement& query = cached("SELECT value FROM setting WHERE key = ?");
  query.bind(1, key);
  if (!query.executeStep())
    return nullptr;
  return Json{{"key", key}, {"value", query.getColumn(0).getString()}};
}

bool OpLog::record(const std::string& target, const Json& before) {
  const Idle idle{*this};
  Json after = state(target);
  if (after == before)
    return false;
  if (before.is_object() && before.contains("activity"))
    let_go(before.at("activity").get<std::string>(), after);
  write(target, before, std::move(after));
  return true;
}

void OpLog::record_created(const std::string& target, Json after) {
  const Idle idle{*this};
  write(target, nullptr, std::move(after));
}

void OpLog::write(const std::string& target, const Json& before, Json after) {
  Operation op;
  op.kind = kind_of(target, before, after);
  op.target = target;
  if (op.kind == "entry.edit")
    after = edited_fields(before, after);
  if (after.is_object())
    after.erase("n");  // local: never leaves this machine
  op.data = std::move(after);
  if (next_at_ == 0)
    next_at_ = db().execAndGet("SELECT coalesce(max(at_ms), 0) + 1 FROM op").getInt64();
  op.at_ms = std::max(at_ms_.value_or(now_ms()), next_at_);
  const std::int64_t n = insert(op, before, undoes_);
  if (change_ == 0) {
    change_ = n;
    SQLite::Statement& group = cached("UPDATE op SET change = ? WHERE n = ?");
    group.bind(1, change_);
    group.bind(2, n);
    group.exec();
  }
}

std::int64_t OpLog::insert(const Operation& op, const Json& before,
                           std::optional<std::int64_t> undoes) {
  SQLite::Statement& insert = cached(R"sql(
INSERT INTO op (device, seq, at_ms, kind, target, data, before, change, label, undoes)
VALUES (:device, coalesce(:seq, (SELECT coalesce(max(seq), 0) + 1 FROM op WHERE device IS NULL)),
        :at, :kind, :target, :data, :before, :change, :label, :undoes)
ON CONFLICT DO NOTHING)sql");
  if (op.device.empty()) {
    insert.bind(":device");
    insert.bind(":seq");
  } else {
    insert.bind(":device", op.device);
    insert.bind(":seq", op.seq);
  }
  insert.bind(":at", op.at_ms);
  insert.bind(":kind", op.kind);
  insert.bind(":target", op.target);
  bind_optional(insert, ":data", op.data.is_null() ? Json(nullptr) : Json(op.data.dump()));
  bind_optional(insert, ":before", before.is_null() ? Json(nullptr) : Json(before.dump()));
  bind_optional(insert, ":undoes", undoes ? Json(*undoes) : Json(nullptr));
  if (op.device.empty()) {  // made here: part of the current change
    bind_optional(insert, ":change", change_ != 0 ? Json(change_) : Json(nullptr));
    insert.bind(":label", label_);
  }
  if (next_at_ != 0)
    next_at_ = std::max(next_at_, op.at_ms + 1);
  // No RETURNING: SQLite would build an ephemeral table (a pager of its own) for each row,
  // which was most of an import's time. The rowid is the operation's number.
  if (insert.exec() == 0)
    return 0;
  return db().getLastInsertRowid();
}

void OpLog::ensure_activity(const std::string& name, Kind kind) {
  if (!state("activity:" + name).is_null())
    return;
  // As its operations here make it (archived, if it was removed), else a bare one.
  Json activity = activity_for_entries(name);
  if (activity.is_null()) {
    activity = Json{{"name", name},
                    {"kind", std::string(to_string(kind))},
                    {"description", ""},
                    {"archived", false}};
  }
  put("activity:" + name, activity);
}

void OpLog::put(const std::string& target, const Json& state) {
  const std::string type(type_of(target));
  const std::string key = key_of(target);
  if (type == "entry") {
    // The activity it named: only its name, not the whole state (each received operation
    // comes here).
    SQLite::Statement& named = cached("SELECT activity FROM entry WHERE id = ?");
    named.bind(1, key);
    const std::optional<std::string> was =
        named.executeStep() ? std::optional(named.getColumn(0).getString()) : std::nullopt;
    named.reset();
    if (state.is_null()) {
      SQLite::Statement& remove = cached("DELETE FROM entry WHERE id = ?");
      remove.bind(1, key);
      remove.exec();
      if (was)
        let_go(*was, state);
      return;
    }
    const Entry entry = entry_from_object(state);
    ensure_activity(entry.activity, entry.kind);
    // An entry has its activity's kind, whatever kind the operations that made it gave it
    // (one activity added with two kinds on two machines: docs/sync.md, rule 6).
    SQLite::Statement& kind_of_activity = cached("SELECT kind FROM activity WHERE name = ?");
    kind_of_activity.bind(1, entry.activity);
    kind_of_activity.executeStep();
    const std::string kind = kind_of_activity.getColumn(0).getString();
    // An UPDATE first: an INSERT that meets the id would still use up a number.
    SQLite::Statement& update = cached(R"sql(
UPDATE entry SET activity = :activity, kind = :kind, start_utc = :start, utc_offset = :offset,
                 local_date = :date, duration_s = :duration, pain = :pain, note = :note,
                 source = :source
WHERE id = :id)sql");
    SQLite::Statement& insert = cached(R"sql(
INSERT INTO entry (n, id, activity, kind, start_utc, utc_offset, local_date, duration_s, pain,
                   note, created_utc, source)
VALUES (CASE WHEN :n > 0 AND NOT EXISTS (SELECT 1 FROM entry WHERE n = :n) THEN :n END, :id,
        :activity, :kind, :start, :offset, :date, :duration, :pain, :note, :created, :source))sql");
    for (SQLite::Statement* statement : {&update, &insert}) {
      statement->bind(":id", key);
      statement->bind(":activity", entry.activity);
      statement->bind(":kind", kind);
      statement->bind(":start", static_cast<std::int64_t>(entry.start.time_since_epoch().count()));
      statement->bind(":offset", static_cast<std::int64_t>(entry.offset.count()));
      statement->bind(":date", iso_date(entry.local_date));
      statement->bind(":duration", static_cast<std::int64_t>(entry.duration.count()));
      statement->bind(":source", std::string(to_string(entry.source)));
      bind_optional(*statement, ":pain", state.at("pain"));
      bind_optional(*statement, ":note", state.at("note"));
    }
    if (update.exec() == 0) {
      insert.bind(":n", entry.n);
      insert.bind(":created", static_cast<std::int64_t>(entry.created.time_since_epoch().count()));
      insert.exec();
    }
    if (was)
      let_go(*was, state);
  } else if (type == "pause") {
    if (state.is_null()) {
      SQLite::Statement& remove = cached("DELETE FROM pause WHERE id = ?");
      remove.bind(1, key);
      remove.exec();
      return;
    }
    day_of(state.at("from").get<std::string>());
    day_of(state.at("to").get<std::string>());
    SQLite::Statement& insert = cached(R"sql(
INSERT INTO pause (n, id, first_day, last_day, note, created_utc)
VALUES (CASE WHEN :n > 0 AND NOT EXISTS (SELECT 1 FROM pause WHERE n = :n) THEN :n END, :id,
        :from, :to, :note, unixepoch())
ON CONFLICT (id) DO NOTHING)sql");
    insert.bind(":n", state.value("n", std::int64_t{0}));
    insert.bind(":id", key);
    insert.bind(":from", state.at("from").get<std::string>());
    insert.bind(":to", state.at("to").get<std::string>());
    bind_optional(insert, ":note", state.at("note"));
    insert.exec();
  } else if (type == "activity") {
    if (state.is_null()) {
      // Entries keep their activity: one that has them is archived instead.
      SQLite::Statement& remove = cached(R"sql(
DELETE FROM activity WHERE name = ?1 AND NOT builtin
  AND NOT EXISTS (SELECT 1 FROM entry WHERE activity = ?1))sql");
      remove.bind(1, key);
      if (remove.exec() == 0) {
        SQLite::Statement& archive = cached("UPDATE activity SET archived = 1 WHERE name = ?");
        archive.bind(1, key);
        archive.exec();
      }
      return;
    }
    parse_kind(state.at("kind").get<std::string>());
    SQLite::Statement& upsert = cached(R"sql(
INSERT INTO activity (name, kind, description, archived) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, description = excluded.description,
  archived = excluded.archived)sql");
    upsert.bind(1, key);
    upsert.bind(2, state.at("kind").get<std::string>());
    upsert.bind(3, state.at("description").get<std::string>());
    upsert.bind(4, state.at("archived").get<bool>() ? 1 : 0);
    upsert.exec();
    SQLite::Statement& entries =
        cached("UPDATE entry SET kind = ?2 WHERE activity = ?1 AND kind <> ?2");
    entries.bind(1, key);
    entries.bind(2, state.at("kind").get<std::string>());
    entries.exec();
  } else if (state.is_null()) {
    SQLite::Statement& remove = cached("DELETE FROM setting WHERE key = ?");
    remove.bind(1, key);
    remove.exec();
  } else {
    SQLite::Statement& upsert = cached(R"sql(
INSERT INTO setting (key, value) VALUES (?1, ?2)
ON CONFLICT (key) DO UPDATE SET value = excluded.value)sql");
    upsert.bind(1, key);
    upsert.bind(2, state.at("value").get<std::string>());
    upsert.exec();
  }
}

}  // namespace qlfit::storage
