// Another device's operations checked (refusal_of) and merged into the tables (apply), and what
// a sync needs of the log: the device id, local values, the history of a database older
// than the log.
// Undo, the other way back into the tables, is in oplog_undo.cpp.
#include "qlfit/activity.hpp"
#include "qlfit/config.hpp"
#include "qlfit/error.hpp"

#include "oplog.hpp"

#include <algorithm>
#include <array>

namespace qlfit::storage {

std::optional<std::string> OpLog::local_value(const std::string& key) {
  const Idle idle{*this};
  SQLite::Statement& query = cached("SELECT value FROM sync_local WHERE key = ?");
  query.bind(1, key);
  if (!query.executeStep())
    return std::nullopt;
  return query.getColumn(0).getString();
}

void OpLog::set_local_value(const std::string& key, const std::string& value) {
  const Idle idle{*this};
  SQLite::Statement& upsert = cached(R"sql(
INSERT INTO sync_local (key, value) VALUES (?1, ?2)
ON CONFLICT (key) DO UPDATE SET value = excluded.value)sql");
  upsert.bind(1, key);
  upsert.bind(2, value);
  upsert.exec();
}

void OpLog::forget_local_value(const std::string& key) {
  const Idle idle{*this};
  SQLite::Statement& remove = cached("DELETE FROM sync_local WHERE key = ?");
  remove.bind(1, key);
  remove.exec();
  me_.reset();
}

std::optional<std::string> OpLog::device_id(bool make) {
  auto id = local_value("device.id");
  if (!id && make) {
    id = new_uuid(db());
    set_local_value("device.id", *id);
  }
  return id;
}

bool OpLog::superseded(const Operation& op, std::int64_t n) {
  SQLite::Statement& later = cached(R"sql(
SELECT 1 FROM op WHERE target = :target AND n != :n
  AND (at_ms > :at OR (at_ms = :at AND coalesce(device, :me) > :device)) LIMIT 1)sql");
  later.bind(":target", op.target);
  later.bind(":n", n);
  later.bind(":at", op.at_ms);
  if (!me_)
    me_ = device_id(false);
  later.bind(":me", me_.value_or(""));
  later.bind(":device", op.device);
  return later.executeStep();
}

bool OpLog::removed_for_good(const std::string& target) {
  if (type_of(target) == "activity") {
    SQLite::Statement& latest = cached(R"sql(
SELECT data IS NULL FROM op WHERE target = ? ORDER BY at_ms DESC, device DESC LIMIT 1)sql");
    latest.bind(1, target);
    return latest.executeStep() && latest.getColumn(0).getInt() != 0;
  }
  SQLite::Statement& removal = cached("SELECT 1 FROM op WHERE target = ? AND data IS NULL LIMIT 1");
  removal.bind(1, target);
  return removal.executeStep();
}

std::optional<std::string> refusal_of(const Operation& op) {
  static const std::array<std::string_view, 9> kKinds{
      "entry.create", "entry.edit",      "entry.remove", "pause.add",    "pause.remove",
      "activity.set", "activity.remove", "setting.set",  "setting.unset"};
  if (std::find(kKinds.begin(), kKinds.end(), op.kind) == kKinds.end())
    return "a kind of operation this qlfit does not know";
  const bool removal = op.kind.ends_with(".remove") || op.kind.ends_with(".unset");
  if (removal != op.data.is_null())
    return "its data does not match its kind";
  try {
    if (op.kind == "setting.set") {
      const std::string key = key_of(op.target);
      if (op.data.value("key", key) != key)
        return "its key does not match its target";
      check_synced_setting(key, op.data.at("value").get<std::string>());
    } else if (op.kind == "activity.set") {
      check_activity_name(key_of(op.target));
    } else if (!removal && type_of(op.target) == "entry") {
      check_activity_name(op.data.at("activity").get<std::string>());
    }
  } catch (const Error& failure) {
    if (failure.code() == ErrorCode::kStorage)
      throw;
    return failure.what();
  }
  return std::nullopt;
}

bool OpLog::apply(const Operation& op) {
  const Idle idle{*this};
  const std::int64_t n = insert(op, nullptr, std::nullopt);
  if (n == 0)
    return false;  // here already
  const std::string type(type_of(op.target));
  const bool final_removals = type == "entry" || type == "pause";
  if (final_removals && op.data.is_null()) {
    put(op.target, nullptr);
  } else if (final_removals && removed_for_good(op.target)) {
    // removed for good: a later or concurrent change cannot bring it back
  } else if (!superseded(op, n)) {
    Json state = op.data;
    if (state.is_object())
      state.erase("changed");
    put(op.target, state);
  }
  return true;
}

void OpLog::record_history() {
  const Idle idle{*this};
  start_change("");
  const auto each = [&](const std::string& sql, const std::string& type) {
    std::vector<std::string> keys;
    {
      SQLite::Statement query(db(), sql);
      while (query.executeStep())
        keys.push_back(query.getColumn(0).getString());
    }
    for (const std::string& key : keys) {
      std::string target = type;
      target += ':';
      target += key;
      record(target, nullptr);
    }
  };
  each(
      "SELECT name FROM activity WHERE (NOT builtin OR archived) AND NOT EXISTS (SELECT 1 FROM "
      "op WHERE target = 'activity:' || name) ORDER BY rowid",
      "activity");
  each(
      "SELECT key FROM setting WHERE NOT EXISTS (SELECT 1 FROM op WHERE target = 'setting:' || "
      "key) ORDER BY key",
      "setting");
  each(
      "SELECT id FROM pause WHERE NOT EXISTS (SELECT 1 FROM op WHERE target = 'pause:' || id) "
      "ORDER BY n",
      "pause");
  each(
      "SELECT id FROM entry WHERE NOT EXISTS (SELECT 1 FROM op WHERE target = 'entry:' || id) "
      "ORDER BY n",
      "entry");
  // The history is no change of its own: nothing for undo to revert.
  db().exec("UPDATE op SET change = NULL, label = NULL WHERE label = ''");
}

}  // namespace qlfit::storage
