#include "json_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <sstream>

namespace qlfit::formats {
namespace {

using Json = nlohmann::ordered_json;

// Writes `value` through the writer, member by member.
void replay(JsonWriter& writer, const Json& value) {
  if (value.is_object()) {
    writer.begin_object();
    for (const auto& [key, member] : value.items()) {
      writer.key(key);
      replay(writer, member);
    }
    writer.end_object();
  } else if (value.is_array()) {
    writer.begin_array();
    for (const Json& element : value)
      replay(writer, element);
    writer.end_array();
  } else if (value.is_string()) {
    writer.value(value.get<std::string>());
  } else if (value.is_boolean()) {
    writer.value(value.get<bool>());
  } else if (value.is_number_unsigned()) {
    writer.value(value.get<std::uint64_t>());
  } else if (value.is_number_integer()) {
    writer.value(value.get<std::int64_t>());
  } else if (value.is_number_float()) {
    writer.value(value.get<double>());
  } else {
    writer.value(nullptr);
  }
}

std::string written(const Json& value) {
  std::ostringstream out;
  JsonWriter writer(out);
  replay(writer, value);
  return out.str();
}

TEST(JsonWriter, PrintsWhatDump2PrintsForNestedDocuments) {
  const Json document = Json::parse(R"({
    "weeks": [{"week": "2026-W47", "sessions": {"count": 3, "target": {"min": 3, "max": 4}},
               "by_day": {}, "pauses": [], "days": [[1, 2], [], [{}]], "pain": null}],
    "streak": {"current": 2, "longest": 9}, "flags": [true, false, null]})");
  EXPECT_EQ(written(document), document.dump(2));
}

TEST(JsonWriter, EmptyObjectsAndArraysStayOnTheirLine) {
  EXPECT_EQ(written(Json::object()), "{}");
  EXPECT_EQ(written(Json::array()), "[]");
  const Json nested = {{"a", Json::array()}, {"b", Json::object()}};
  EXPECT_EQ(written(nested), nested.dump(2));
}

TEST(JsonWriter, EscapesStringsAsNlohmannDoes) {
  const Json strings =
      Json::array({"plain", "quote \" and \\ backslash", "tab\tline\nfeed\r",
                   std::string("nul \0 bell \x07 del \x7f", 19), "emoji 💪 é", "2026-11-24"});
  EXPECT_EQ(written(strings), strings.dump(2));
  const Json keys = {{"key \"quoted\"", 1}, {"ключ", 2}};
  EXPECT_EQ(written(keys), keys.dump(2));
}

TEST(JsonWriter, PrintsNumbersAsNlohmannDoes) {
  const Json numbers = Json::array({0, -3, std::numeric_limits<std::int64_t>::min(),
                                    std::numeric_limits<std::uint64_t>::max(), 0.1, 1.0, 4.25, -0.5,
                                    1e300, 2.0 / 3});
  EXPECT_EQ(written(numbers), numbers.dump(2));
}

TEST(JsonWriter, WritesLongDocumentsInPiecesAndAllOfThemByTheEnd) {
  Json long_array = Json::array();
  for (int i = 0; i < 20000; ++i)
    long_array.push_back({{"n", i}, {"note", "a note long enough to pass 64 KiB"}});
  std::ostringstream out;
  JsonWriter writer(out);
  writer.begin_array();
  std::size_t seen_before_the_end = 0;
  for (const Json& element : long_array) {
    replay(writer, element);
    seen_before_the_end = out.str().size();
  }
  EXPECT_GT(seen_before_the_end, 0U) << "nothing written before the end: it is held whole";
  EXPECT_LT(seen_before_the_end, long_array.dump(2).size());
  writer.end_array();
  EXPECT_EQ(out.str(), long_array.dump(2));
}

}  // namespace
}  // namespace qlfit::formats
