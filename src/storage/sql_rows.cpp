#include "sql_rows.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/error.hpp"

namespace qlfit::storage {

// "YYYY-MM-DD", as qlfit writes it; anything else means the file was changed by hand.
date::year_month_day parse_local_date(std::string_view text, const std::string& path) {
  const auto day = parse_iso_date(text);
  if (!day)
    fail(path, "is damaged: an entry has the local date \"" + std::string(text) + "\"");
  return *day;
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

}  // namespace qlfit::storage
