#include "export_json.hpp"

#include "qlfit/error.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qlfit::formats {
namespace {

Store::ImportExtras import_text(const std::string& json) {
  bool given = false;
  const Pieces pieces = [&]() {
    const std::string_view piece = given ? std::string_view() : std::string_view(json);
    given = true;
    return piece;
  };
  return json_import(pieces, "in.json", [](const ImportRow&) {});
}

std::string pause_days(const std::string& from, const std::string& to) {
  return R"({"entries": [], "pauses": [{"from": ")" + from + R"(", "to": ")" + to +
         R"(", "note": null}]})";
}

TEST(JsonImport, APauseIsReadFromItsTwoDays) {
  const auto extras = import_text(pause_days("2026-11-24", "2026-11-26"));
  ASSERT_EQ(extras.pauses.size(), 1U);
  EXPECT_EQ(extras.pauses[0].days.first, date::year{2026} / 11 / 24);
  EXPECT_EQ(extras.pauses[0].days.last, date::year{2026} / 11 / 26);
}

// A pause's days are exactly YYYY-MM-DD, as export writes them and as every other date
// qlfit reads: no sign, no space, no single-digit month or day.
TEST(JsonImport, APauseDayThatIsNotExactlyYyyyMmDdIsRefused) {
  for (const char* day : {" 2026-1-24", "+202-11-24", "2026-1-024", "2026-02-30", "24.11.2026"}) {
    try {
      import_text(pause_days(day, "2026-11-26"));
      ADD_FAILURE() << day << " was read";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
      EXPECT_EQ(std::string(error.what()),
                "in.json: a pause needs dates \"from\" <= \"to\"; nothing imported")
          << day;
    }
  }
}

}  // namespace
}  // namespace qlfit::formats
