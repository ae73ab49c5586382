// Another device's operations checked (refusal_of) and merged into the tables (apply), and what
// a sync needs of the log: the device id, local values, the history of a database older
// than the log.
// Undo, the other way back into the tables, is in oplog_undo.cpp.
#include "qlfit/activity.hpp"
#include "qlfit/config.hpp"
#include "qlfit/entries.hpp"
#include "qlfit/error.hpp"
#include "qlfit/import_row.hpp"
#include "qlfit/merge.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/text.hpp"
#include "qlfit/when.hpp"

#include "oplog.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>

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

std::pair<std::int64_t, std::string> OpLog::decided_by(const std::string& target) {
  const Idle idle{*this};
  if (!me_)
    me_ = device_id(false);
  SQLite::Statement& latest = cached(R"sql(
SELECT at_ms, coalesce(device, :me) AS by FROM op WHERE target = :target
ORDER BY at_ms DESC, by DESC LIMIT 1)sql");
  latest.bind(":me", me_.value_or(""));
  latest.bind(":target", target);
  if (!latest.executeStep())
    return {0, ""};
  return {latest.getColumn(0).getInt64(), latest.getColumn(1).getString()};
}

std::map<std::string, std::string> OpLog::stored_settings() {
  const Idle idle{*this};
  SQLite::Statement& query = cached("SELECT key, value FROM setting");
  std::map<std::string, std::string> all;
  while (query.executeStep())
    all[query.getColumn(0).getString()] = query.getColumn(1).getString();
  return all;
}

std::vector<std::string> OpLog::settle(std::map<std::string, std::string>& stored) {
  std::vector<std::string> lines;
  for (const SettingPair& pair : disagreeing_pairs(stored)) {
    const std::string low(pair.low);
    const std::string high(pair.high);
    const auto low_stamp = decided_by("setting:" + low);
    const auto high_stamp = decided_by("setting:" + high);
    const bool low_later = low_stamp > high_stamp;
    const std::string value = settle_pair(stored, pair, low_later);
    std::string line = low;
    line += " and " + high + " disagreed once merged: ";
    line += low_later ? low : high;
    // Set at the same moment, the device id decides: neither was set later.
    line += low_stamp.first == high_stamp.first
                ? " was set at the same moment and wins by device id, so "
                : " was set later, so ";
    line += low_later ? high : low;
    line += " reads as " + value + " too";
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<FieldOp> OpLog::field_ops(const std::string& target, bool removals) {
  if (!me_)
    me_ = device_id(false);
  SQLite::Statement& each = cached(R"sql(
SELECT at_ms, coalesce(device, :me), data FROM op WHERE target = :target)sql");
  each.bind(":target", target);
  each.bind(":me", me_.value_or(""));
  std::vector<FieldOp> ops;
  while (each.executeStep()) {
    FieldOp op{{each.getColumn(0).getInt64(), each.getColumn(1).getString()}, std::nullopt};
    if (!each.getColumn(2).isNull()) {
      op.fields.emplace();
      const Json data = Json::parse(each.getColumn(2).getString());
      for (const auto& [field, value] : data.items()) {
        if (field != "changed")  // a version-1 edit's list: it carries every field
          op.fields->emplace_back(field, value.dump());
      }
    } else if (!removals) {
      continue;
    }
    ops.push_back(std::move(op));
  }
  return ops;
}

namespace {

Json json_of(const std::optional<Fields>& fields) {
  if (!fields)
    return nullptr;
  Json state = Json::object();
  for (const auto& [field, value] : *fields)
    state[field] = Json::parse(value);
  return state;
}

}  // namespace

Json OpLog::merged_state(const std::string& target, bool removals) {
  const std::vector<FieldOp> ops = field_ops(target, removals);
  const std::string type(type_of(target));
  if (type == "activity" && removals) {
    SQLite::Statement& named = cached("SELECT EXISTS (SELECT 1 FROM entry WHERE activity = ?)");
    named.bind(1, key_of(target));
    named.executeStep();
    const bool has_entries = named.getColumn(0).getInt() != 0;
    return json_of(merged_activity(ops, has_entries));
  }
  return json_of(
      merged(ops, type == "entry" || type == "pause" ? Removal::kFinal : Removal::kLaterWins));
}

void OpLog::let_go(const std::string& was, const Json& after) {
  if (after.is_object() && after.value("activity", "") == was)
    return;
  const std::vector<FieldOp> ops = field_ops("activity:" + was, true);
  if (ops.empty() || merged(ops, Removal::kLaterWins))
    return;  // not removed: it stays, archived or not, as its operations left it
  SQLite::Statement& remove = cached(R"sql(
DELETE FROM activity WHERE name = ?1 AND NOT builtin
  AND NOT EXISTS (SELECT 1 FROM entry WHERE activity = ?1))sql");
  remove.bind(1, was);
  remove.exec();
}

Json OpLog::activity_for_entries(const std::string& name) {
  return json_of(merged_activity(field_ops("activity:" + name, true), true));
}

Json OpLog::latest_state(const std::string& target) {
  return merged_state(target, false);
}

namespace {

constexpr std::array<std::string_view, 10> kEntryFields{
    "id",         "activity",   "kind", "start", "offset_s",
    "local_date", "duration_s", "pain", "note",  "created"};

// True when `state` holds every field of an entry (an edit alone holds only some).
bool whole_entry(const Json& state) {
  return state.is_object() && std::all_of(kEntryFields.begin(), kEntryFields.end(),
                                          [&](std::string_view f) { return state.contains(f); });
}

// True when every field of `data` is one an entry has (or a version-1 edit's list).
bool entry_fields_only(const Json& data) {
  for (const auto& [field, value] : data.items()) {
    if (field != "source" && field != "changed" &&
        std::find(kEntryFields.begin(), kEntryFields.end(), field) == kEntryFields.end())
      return false;
  }
  return true;
}

// A note as `log --note` checks it (null: none).
void check_text(const Json& note, std::string_view what) {
  if (!note.is_null())
    parse_note(note.get<std::string>(), what);
}

// A whole number of `entry` (`otherwise` when absent); a fraction, text or a number past
// 64 bits is refused.
std::int64_t whole(const Json& entry, const char* field, std::int64_t otherwise) {
  if (!entry.contains(field))
    return otherwise;
  const Json& value = entry.at(field);
  const bool fits = value.is_number_integer() &&
                    (!value.is_number_unsigned() ||
                     value.get<std::uint64_t>() <=
                         static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
  if (!fits) {
    throw Error(
        ErrorCode::kInvalidInput,
        std::string("an entry's ") + field + " must be a whole number, got " + quote(value.dump()));
  }
  return value.get<std::int64_t>();
}

// A start as an export writes it and an import reads it back (the years qlfit keeps, an
// offset within 14 h), and a length of 1 s to 24 h, as `log` takes them. The numbers are
// checked as numbers: shown as a date first, a year past 32767 would wrap to one that
// passes.
void check_start_and_length(const Json& entry) {
  if (entry.contains("start") || entry.contains("offset_s")) {
    const std::int64_t start = whole(entry, "start", 0);
    const std::int64_t offset = whole(entry, "offset_s", 0);
    if (!storable_start(start, offset)) {
      throw Error(ErrorCode::kInvalidInput,
                  "an entry's start must be a time from 1900 to 9999 with an offset of at most "
                  "14 hours, got start " +
                      std::to_string(start) + " and offset_s " + std::to_string(offset));
    }
  }
  if (entry.contains("duration_s")) {
    const std::int64_t seconds = whole(entry, "duration_s", 0);
    if (seconds < 1 || seconds > 86400) {
      throw Error(ErrorCode::kInvalidInput, "an entry's duration_s must be " +
                                                std::string(import_field_rule("duration_s")) +
                                                ", got \"" + std::to_string(seconds) + "\"");
    }
  }
}

}  // namespace

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
      // Named by field, as import names them: nobody typed an option here.
      check_activity_name(key_of(op.target));
      parse_note(op.data.at("description").get<std::string>(), "an activity's description");
    } else if (op.kind == "pause.add") {
      check_text(op.data.at("note"), "a pause's note");
    } else if (!removal && type_of(op.target) == "entry") {
      if (!entry_fields_only(op.data) || (op.kind == "entry.create" && !whole_entry(op.data)))
        return "its data does not match its kind";
      if (op.data.contains("activity"))
        check_activity_name(op.data.at("activity").get<std::string>());
      if (op.data.contains("note"))
        check_text(op.data.at("note"), "an entry's note");
      if (op.data.contains("pain") && !op.data.at("pain").is_null())
        parse_pain(std::to_string(op.data.at("pain").get<int>()), "an entry's pain");
      check_start_and_length(op.data);
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
  if (insert(op, nullptr, std::nullopt) == 0)
    return false;  // here already
  // The target as every operation on it here makes it (core/merge.cpp). An entry edit whose
  // create has not arrived yet waits in the log until it does.
  const Json state = merged_state(op.target, true);
  if (type_of(op.target) != "entry" || state.is_null() || whole_entry(state))
    put(op.target, state);
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
