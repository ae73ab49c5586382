#pragma once

// How rows of the qlfit database become the core's values, and filters become WHERE
// clauses: shared by the SQLite store's queries.
#include "qlfit/store.hpp"

#include "database_file.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <string_view>

namespace qlfit::storage {

inline constexpr std::string_view kEntryColumns =
    "n, id, activity, kind, start_utc, utc_offset, local_date, duration_s, pain, note, "
    "created_utc, source";

// Runs `action`, turning SQLite's failures into Error(kStorage) about the file at `path`.
template <class Action>
auto guarded(const std::string& path, Action&& action) {
  try {
    return action();
  } catch (const SQLite::Exception& error) {
    translate(error, path);
  }
}

// "YYYY-MM-DD", as qlfit writes it. Throws Error(kStorage) for anything else: the file
// at `path` was changed by hand.
date::year_month_day parse_local_date(std::string_view text, const std::string& path);
std::string_view text_of(const SQLite::Column& column);
// A row of kEntryColumns.
Entry read_entry(SQLite::Statement& row, const std::string& path);
// The WHERE conditions of an EntryFilter (its limit aside), after "WHERE 1".
std::string conditions(const EntryFilter& filter);
// Binds the values of conditions(filter).
void bind_conditions(SQLite::Statement& query, const EntryFilter& filter);
// A row of name, kind, description, builtin, archived.
Activity read_activity(SQLite::Statement& row);

}  // namespace qlfit::storage
