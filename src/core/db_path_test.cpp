#include "qlfit/db_path.hpp"

#include "qlfit/error.hpp"

#include <gtest/gtest.h>

namespace qlfit {
namespace {

TEST(ResolveDbPath, FlagWinsOverEverything) {
  EXPECT_EQ(resolve_db_path("/a.db", "/b.db", "/xdg", "/home/u"), "/a.db");
}

TEST(ResolveDbPath, ThenQlfitDbThenXdgThenHome) {
  EXPECT_EQ(resolve_db_path(std::nullopt, "/b.db", "/xdg", "/home/u"), "/b.db");
  EXPECT_EQ(resolve_db_path(std::nullopt, "", "/xdg", "/home/u"), "/xdg/qlfit/qlfit.db");
  EXPECT_EQ(resolve_db_path(std::nullopt, std::nullopt, std::nullopt, "/home/u"),
            "/home/u/.local/share/qlfit/qlfit.db");
}

TEST(ResolveDbPath, RelativeXdgDataHomeIsIgnored) {
  EXPECT_EQ(resolve_db_path(std::nullopt, std::nullopt, "relative", "/home/u"),
            "/home/u/.local/share/qlfit/qlfit.db");
}

TEST(ResolveDbPath, NothingToGoOnIsAStorageError) {
  try {
    resolve_db_path(std::nullopt, std::nullopt, std::nullopt, std::nullopt);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kStorage);
  }
}

}  // namespace
}  // namespace qlfit
