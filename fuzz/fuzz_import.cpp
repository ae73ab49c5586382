// libFuzzer target for the import readers (CSV and JSON): no crash, no exception but
// qlfit::Error, whatever the bytes and however they are cut into pieces. The first byte
// picks the format, the second the piece size; the rest is the file.
#include "qlfit/error.hpp"
#include "qlfit/transfer.hpp"

#include "formats/csv.hpp"
#include "formats/export_json.hpp"

#include <algorithm>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2)
    return 0;
  const bool json = (data[0] & 1U) != 0;
  const std::size_t piece = 1 + data[1] % 64;
  const std::string_view text(reinterpret_cast<const char*>(data) + 2, size - 2);
  std::size_t at = 0;
  const qlfit::formats::Pieces pieces = [&]() {
    const auto next = text.substr(std::min(at, text.size()), piece);
    at += piece;
    return next;
  };
  std::size_t rows = 0;
  try {
    if (json) {
      qlfit::formats::json_import(pieces, "fuzz.json",
                                  [&rows](const qlfit::ImportRow&) { ++rows; });
    } else {
      qlfit::formats::CsvRows csv(pieces, "fuzz.csv");
      while (csv.next())
        ++rows;
    }
  } catch (const qlfit::Error&) {
  }
  return 0;
}
