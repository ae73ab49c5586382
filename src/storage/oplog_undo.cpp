// Undo: the latest change made here, reverted as a new change (docs/sync.md, "Undo").
// What another machine changed since, and what arrived by sync, is never overwritten: a
// target is reverted only where it still holds what the change made it.
#include "qlfit/calendar.hpp"
#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"

#include "oplog.hpp"

#include <algorithm>
#include <vector>

namespace qlfit::storage {
namespace {

// A field's value as `edit` prints it: "none" for no value, a start with its offset, a
// length as a DURATION.
std::string shown(const Json& entry, const std::string& field) {
  const Json value = entry.value(field, Json());
  if (value.is_null())
    return "none";
  if (field == "start") {
    return iso_datetime(date::sys_seconds{std::chrono::seconds{value.get<std::int64_t>()}},
                        std::chrono::seconds{entry.value("offset_s", std::int64_t{0})});
  }
  if (field == "duration_s")
    return format_duration(std::chrono::seconds{value.get<std::int64_t>()});
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// `fields` as `edit` names them: an offset is the start's, a kind follows the activity.
std::vector<std::string> named(const std::vector<std::string>& fields) {
  const auto has = [&fields](const char* field) {
    return std::find(fields.begin(), fields.end(), field) != fields.end();
  };
  std::vector<std::string> names;
  for (const std::string& field : fields) {
    const std::string name = field == "offset_s" ? "start" : field;
    if ((name != "kind" || !has("activity")) &&
        std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(name);
  }
  return names;
}

std::string label(const std::string& field) {
  return field == "duration_s" ? "length" : field;
}

// "pain 4 -> 2" for each of `fields`; a note's text is private: `note` says what became of
// it ("note back as it was").
std::string changes(const Json& before, const Json& after, const std::vector<std::string>& fields,
                    const std::string& note) {
  std::string text;
  for (const std::string& field : named(fields)) {
    text += text.empty() ? "" : ", ";
    text += field == "note"
                ? note
                : label(field) + " " + shown(before, field) + " -> " + shown(after, field);
  }
  return text;
}

// "pain 5" for each of `fields` as they are now ("the note": its text is private).
std::string values(const Json& now, const std::vector<std::string>& fields) {
  std::string text;
  for (const std::string& field : named(fields)) {
    text += text.empty() ? "" : ", ";
    text += field == "note" ? "the note" : label(field) + " " + shown(now, field);
  }
  return text;
}

// The fields an edit changed (local numbers and the list of changed fields aside).
std::vector<std::string> fields_changed(const Json& before, const Json& after) {
  std::vector<std::string> fields;
  for (const auto& [field, value] : after.items()) {
    if (field != "n" && field != "changed" && field != "local_date" &&
        before.value(field, Json()) != value)
      fields.push_back(field);
  }
  return fields;
}

// True when `now` still holds what the operation made it (`after`): every field of it.
bool still(const Json& now, const Json& after) {
  if (now.is_null() || after.is_null())
    return now.is_null() && after.is_null();
  // An entry's kind is its activity's: another machine's add of the activity with another
  // kind changes it (docs/sync.md, rule 6), no change made to the entry itself.
  const bool entry = after.contains("activity");
  for (const auto& [field, value] : after.items()) {
    if (field != "changed" && field != "id" && !(entry && field == "kind") &&
        now.value(field, Json()) != value)
      return false;
  }
  return true;
}

struct Reverted {
  std::int64_t n;
  std::string target;
  Json before;
  Json after;
};

}  // namespace

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

bool OpLog::changed_after(const std::string& target, std::int64_t n) {
  SQLite::Statement later(db(), "SELECT count(*) FROM op WHERE target = ? AND n > ?");
  later.bind(1, target);
  later.bind(2, n);
  later.executeStep();
  return later.getColumn(0).getInt64() > 0;
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
  const bool stop = undone.label == "stop";
  if (stop && db().execAndGet("SELECT count(*) FROM timer").getInt() != 0) {
    throw Error(ErrorCode::kInvalidInput,
                "a timer is running: 'qlfit stop' or 'qlfit stop --cancel' it first, then undo "
                "brings back the timer that was stopped");
  }

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

  start_change("undo");
  Json first_now;                     // the first operation's target as it was before this undo
  std::vector<std::string> kept;      // fields of an entry another machine changed since
  std::size_t kept_whole = 0;         // targets another machine changed since, left as they are
  std::vector<std::string> reverted;  // the fields an undone edit put back
  std::size_t changed = 0;            // operations this undo reverted (in part or whole)
  for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
    undoes_ = it->n;
    const std::string op_type(type_of(it->target));
    const bool row = op_type == "entry" || op_type == "pause";
    // An entry edit carries only the fields it changed: each goes back on its own.
    const bool edit = op_type == "entry" && it->before.is_object() && it->after.is_object();
    const std::string target = row ? brought_back_as(it->target) : it->target;
    const Json now = state(target);
    first_now = now;
    // An activity this change removed, held archived only for entries another machine
    // logged (docs/sync.md, rule 5): no machine changed it since, it comes back.
    const bool held = op_type == "activity" && it->after.is_null() && now.is_object() &&
                      !changed_after(it->target, it->n);
    if (row && it->after.is_null() && now.is_null()) {
      // Removed for good: it comes back as a new one, with a new id (and its old number),
      // as it was last known: a change another machine made before the removal reached it
      // is kept.
      Json again = latest_state(it->target);
      if (again.is_null())
        again = it->before;
      again.erase("changed");
      again["n"] = it->before.value("n", Json(0));
      kept = fields_changed(it->before, again);
      const std::string fresh = std::string(op_type) + ":" + new_uuid(db());
      again["id"] = key_of(fresh);
      put(fresh, again);
      record(fresh, nullptr);
      first_now = again;
      ++changed;
    } else if (!edit && (still(now, it->after) || held)) {
      Json before = it->before;
      if (target != it->target && before.is_object())
        before["id"] = key_of(target);
      put(target, before);
      record(target, now);
      ++changed;
      if (op_type == "entry" && !it->before.is_null() && !it->after.is_null())
        reverted = fields_changed(it->before, it->after);
    } else if (edit && now.is_object()) {
      // An edit: each field it changed goes back only if it still holds the edit's value.
      Json merged = now;
      for (const std::string& field : fields_changed(it->before, it->after)) {
        if (now.value(field, Json()) == it->after.value(field, Json())) {
          merged[field] = it->before.value(field, Json());
          reverted.push_back(field);
        } else {
          kept.push_back(field);
        }
      }
      if (!reverted.empty()) {
        if (std::find_if(reverted.begin(), reverted.end(), [](const std::string& field) {
              return field == "start" || field == "offset_s";
            }) != reverted.end())
          merged["local_date"] = it->before.value("local_date", Json());
        put(target, merged);
        record(target, now);
        ++changed;
      }
    } else {
      ++kept_whole;  // changed or removed on another machine since: left as it is
    }
  }
  undoes_.reset();
  SQLite::Statement mark(db(), "UPDATE op SET undone = 1 WHERE change = ?");
  mark.bind(1, change);
  mark.exec();

  // Every operation kept as another machine left it: the step is passed over, and the line
  // says so rather than "undid".
  undone.nothing = changed == 0;
  if (type == "entry" && ops.size() == 1) {
    // As it is now (or was, when removed), with its number.
    const Json& entry = !first.before.is_null() ? first.before
                        : !first_now.is_null()  ? first_now
                                                : first.after;
    undone.entry = entry_from_object(entry);
    if (!first.before.is_null() && !first.after.is_null()) {
      // An edit none of whose fields went back is named by what it changed.
      undone.detail = reverted.empty()
                          ? changes(first.before, first.after,
                                    fields_changed(first.before, first.after), "a new note")
                          : changes(first.before, first.after, reverted, "note back as it was");
    } else if (stop && kept_whole == 0) {
      timer_back(first.after);
      undone.detail = "the timer runs again";
    }
    if (!kept.empty())
      undone.kept = values(first_now, kept);
    else if (kept_whole > 0)
      undone.kept = "it";
  } else if (type == "entry") {
    undone.detail = std::to_string(ops.size()) + " entries";
    if (kept_whole > 0)
      undone.kept = std::to_string(kept_whole) + " of them";
  } else if (type == "pause") {
    const Json& shown_pause = first.before.is_null() ? first.after : first.before;
    undone.detail = shown_pause.at("from").get<std::string>() + " to " +
                    shown_pause.at("to").get<std::string>();
    if (kept_whole > 0)
      undone.kept = "it";
  } else {
    undone.detail = key_of(first.target);
    if (kept_whole > 0)
      undone.kept = "it as it is now";
  }
  if (undone.nothing && kept.empty())
    undone.kept.clear();  // "it": the whole line says it is kept
  return undone;
}

void OpLog::timer_back(const Json& entry) {
  SQLite::Statement insert(
      db(), "INSERT INTO timer (id, activity, start_utc, utc_offset) VALUES (1, ?, ?, ?)");
  insert.bind(1, entry.at("activity").get<std::string>());
  insert.bind(2, entry.at("start").get<std::int64_t>());
  insert.bind(3, entry.at("offset_s").get<std::int64_t>());
  insert.exec();
}

}  // namespace qlfit::storage
