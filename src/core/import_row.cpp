#include "qlfit/import_row.hpp"

#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/text.hpp"

#include "reading.hpp"

namespace qlfit {
namespace {

bool is_uuid(std::string_view id) {
  if (id.size() != 36)
    return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (id[i] == '-'))
      return false;
    if (!dash && !consists_of(id.substr(i, 1), "0123456789abcdef"))
      return false;
  }
  return true;
}

}  // namespace

[[noreturn]] void bad_field(const ImportRow& row, std::string_view field, std::string_view value,
                            std::string_view reason) {
  throw Error(ErrorCode::kInvalidInput, row.where() + ": " + std::string(field) + " " +
                                            quote(value) + ": " + std::string(reason) +
                                            "; nothing imported");
}

namespace {

// A note is private: what is wrong with it, never what it says.
[[noreturn]] void bad_text(const ImportRow& row, const Error& error) {
  throw Error(ErrorCode::kInvalidInput, row.where() + ": " + error.what() + "; nothing imported");
}

std::string required(const ImportRow& row, std::string_view field) {
  const auto found = row.fields.find(std::string(field));
  if (found == row.fields.end() || !found->second || found->second->empty()) {
    bad_field(row, field, "", "is required");
  }
  return *found->second;
}

std::optional<std::string> optional_field(const ImportRow& row, std::string_view field) {
  const auto found = row.fields.find(std::string(field));
  if (found == row.fields.end() || !found->second || found->second->empty())
    return std::nullopt;
  return found->second;
}

std::optional<long> whole(std::string_view text, long lo, long hi) {
  const auto value = take_number(text);
  if (!value || !text.empty() || *value < lo || *value > hi)
    return std::nullopt;
  return value;
}

}  // namespace

Entry checked_entry(const ImportRow& row, const TimeContext& context) {
  Entry entry;
  entry.id = ascii_lower(required(row, "id"));
  if (!is_uuid(entry.id)) {
    bad_field(row, "id", entry.id, "must be a UUID such as 6ed672a2-866a-4695-92da-7810ba978d12");
  }
  entry.activity = required(row, "activity");
  try {
    check_activity_name(entry.activity);
  } catch (const Error& error) {
    bad_text(row, error);
  }
  const std::string kind = required(row, "kind");
  const auto parsed_kind = kind_from_string(kind);
  if (!parsed_kind)
    bad_field(row, "kind", kind, "must be session, walk or break");
  entry.kind = *parsed_kind;
  const std::string start = required(row, "start");
  Moment moment;
  try {
    moment = parse_offset_time(start, "start");
  } catch (const Error&) {
    bad_field(row, "start", start,
              "must be an ISO 8601 time with its offset, such as "
              "2026-11-24T07:30:00+01:00");
  }
  entry.start = moment.instant;
  entry.offset = moment.offset;
  entry.local_date = moment.local_date();
  const std::string duration = required(row, "duration_s");
  const auto seconds = whole(duration, 1, 86400);
  if (!seconds)
    bad_field(row, "duration_s", duration,
              "must be " + std::string(import_field_rule("duration_s")));
  entry.duration = std::chrono::seconds{*seconds};
  if (const auto pain = optional_field(row, "pain")) {
    const auto level = whole(*pain, 0, 10);
    if (!level)
      bad_field(row, "pain", *pain, "must be " + std::string(import_field_rule("pain")));
    entry.pain = static_cast<int>(*level);
  }
  if (const auto note = optional_field(row, "note")) {
    try {
      entry.note = parse_note(*note, "note");
    } catch (const Error& error) {
      bad_text(row, error);
    }
  }
  // Files written before entries had a source (or by hand) mean typed entries.
  if (const auto source = optional_field(row, "source")) {
    const auto parsed = source_from_string(*source);
    if (!parsed)
      bad_field(row, "source", *source, "must be manual, timer or away");
    entry.source = *parsed;
  }
  entry.created = context.now;
  return entry;
}

std::string_view import_field_rule(std::string_view field) {
  if (field == "duration_s")
    return "whole seconds from 1 to 86400";
  if (field == "pain")
    return "empty or a whole number from 0 to 10";
  return "";
}

}  // namespace qlfit
