// The operation log's two ways back into the tables: undo (a local change reverted)
// and apply (another device's operation merged).
#include "oplog.hpp"

namespace qlfit::storage {
namespace {

std::string new_uuid(SQLite::Database& db) {
  return db.execAndGet("SELECT " + std::string(kNewUuid)).getString();
}

// A field's value as `edit` prints it: "none" for no value.
std::string shown(const Json& value) {
  if (value.is_null())
    return "none";
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// "pain 4 -> 2, note" (a note's text is private: only its name).
std::string changes(const Json& before, const Json& after) {
  std::string text;
  for (const auto& [field, value] : after.items()) {
    const Json old = before.value(field, Json());
    if (field == "n" || field == "changed" || field == "local_date" || old == value)
      continue;
    text += text.empty() ? "" : ", ";
    text += field == "note" ? field : field + " " + shown(old) + " -> " + shown(value);
  }
  return text;
}

}  // namespace

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

std::string OpLog::brought_back_as(const std::string& target) {
  std::string at = target;
  for (int step = 0; step < 1000 && state(at).is_null(); ++step) {
    SQLite::Statement again(db(), R"sql(
SELECT back.target FROM op AS gone JOIN op AS back ON back.undoes = gone.n
WHERE gone.target = ? AND gone.data IS NULL AND back.target <> gone.target
ORDER BY back.n DESC LIMIT 1)sql");
    again.bind(1, at);
    if (!again.executeStep())
      break;
    at = again.getColumn(0).getString();
  }
  return at;
}

std::optional<Undone> OpLog::undo() {
  const Idle idle{*this};
  SQLite::Statement latest(db(), R"sql(
SELECT change, label FROM op
WHERE device IS NULL AND change IS NOT NULL AND undoes IS NULL AND NOT undone
ORDER BY n DESC LIMIT 1)sql");
  if (!latest.executeStep())
    return std::nullopt;
  const std::int64_t change = latest.getColumn(0).getInt64();
  Undone undone;
  undone.label = latest.getColumn(1).getString();
  latest.reset();

  struct Reverted {
    std::int64_t n;
    std::string target;
    Json before;
    Json after;
  };
  std::vector<Reverted> ops;
  {
    SQLite::Statement query(db(),
                            "SELECT n, target, before, data FROM op WHERE change = ? ORDER BY n");
    query.bind(1, change);
    while (query.executeStep()) {
      const auto text = [&](int column) {
        return query.getColumn(column).isNull() ? Json(nullptr)
                                                : Json::parse(query.getColumn(column).getString());
      };
      ops.push_back(
          {query.getColumn(0).getInt64(), query.getColumn(1).getString(), text(2), text(3)});
    }
  }
  undone.operations = ops.size();
  const Reverted& first = ops.front();
  const std::string type(type_of(first.target));
  const std::string key = first.target.substr(first.target.find(':') + 1);

  start_change("undo");
  Json first_now;  // the first operation's target as it was before this undo
  for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
    undoes_ = it->n;
    const std::string op_type(type_of(it->target));
    const bool row = op_type == "entry" || op_type == "pause";
    const std::string target = row ? brought_back_as(it->target) : it->target;
    const Json now = state(target);
    first_now = now;
    if (row && !it->before.is_null() && now.is_null()) {
      // Removed for good: it comes back as a new one, with a new id (and its old number).
      Json again = it->before;
      const std::string fresh = std::string(op_type) + ":" + new_uuid(db());
      again["id"] = key_of(fresh);
      put(fresh, again);
      record(fresh, nullptr);
    } else {
      Json before = it->before;
      if (target != it->target && before.is_object())
        before["id"] = key_of(target);
      put(target, before);
      record(target, now);
    }
  }
  undoes_.reset();
  SQLite::Statement mark(db(), "UPDATE op SET undone = 1 WHERE change = ?");
  mark.bind(1, change);
  mark.exec();

  if (type == "entry" && ops.size() == 1) {
    const Json& shown = first.before.is_null() ? first_now : first.before;
    if (!shown.is_null())
      undone.entry = entry_from_object(shown);
    if (!first.before.is_null() && !first.after.is_null())
      undone.detail = changes(first.before, first.after);
  } else if (type == "entry") {
    undone.detail = std::to_string(ops.size()) + " entries";
  } else if (type == "pause") {
    const Json& shown = first.before.is_null() ? first.after : first.before;
    undone.detail =
        shown.at("from").get<std::string>() + " to " + shown.at("to").get<std::string>();
  } else {
    undone.detail = key;
  }
  return undone;
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
