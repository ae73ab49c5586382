#include "qlfit/error.hpp"

#include "files.hpp"
#include "sqlite_store.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace qlfit::storage {
namespace {

using namespace date::literals;
using qlfit::testing::contents;
using qlfit::testing::listing;
using qlfit::testing::TempDir;

NewEntry walk_on(date::year_month_day day) {
  NewEntry entry;
  entry.activity = "walk";
  entry.kind = Kind::kWalk;
  entry.start = to_instant(date::local_days{day} + std::chrono::hours{8}, std::chrono::seconds{0});
  entry.local_date = day;
  entry.duration = std::chrono::minutes{25};
  return entry;
}

std::string storage_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kStorage);
    return error.what();
  }
  return "";
}

TEST(LazyStore, OpensNothingUntilItsFirstQuery) {
  TempDir dir;
  // A folder cannot be opened: the error comes with the first query, not before.
  auto store = open_lazy_store(dir.path().string(), Access::kRead);
  EXPECT_NE(storage_error_of([&] { store->activities(); }).find("is a folder"), std::string::npos);
}

TEST(LazyStore, AReaderOfAMissingFileCreatesNothingAndTheFirstWriteCreatesIt) {
  TempDir dir;
  const auto path = dir.file("data/q.db");
  auto store = open_lazy_store(path, Access::kRead);
  EXPECT_TRUE(store->activities().size() > 0);  // the built-in ones, from memory
  EXPECT_EQ(store->settings().size(), 0U);
  EXPECT_FALSE(std::filesystem::exists(dir.file("data")));
  store->add(walk_on(2026_y / 11 / 24));
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(store->entries({}).size(), 1U);
  EXPECT_EQ(open_store(path, Access::kRead)->entries({}).size(), 1U);
}

TEST(LazyStore, ARemovalFromAMissingFileCreatesNothing) {
  TempDir dir;
  const auto path = dir.file("q.db");
  auto store = open_lazy_store(path, Access::kRead);
  EXPECT_FALSE(store->remove_last());
  EXPECT_FALSE(store->unset_setting("walk.min"));
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(LazyStore, AReaderChangesNoByteOfAnExistingFileUntilItWrites) {
  TempDir dir;
  const auto path = dir.file("q.db");
  open_store(path, Access::kWrite)->add(walk_on(2026_y / 11 / 23));
  const auto names = listing(dir.path().string());
  const std::string bytes = contents(path);
  auto store = open_lazy_store(path, Access::kRead);
  EXPECT_EQ(store->entries({}).size(), 1U);
  EXPECT_EQ(contents(path), bytes);
  EXPECT_EQ(listing(dir.path().string()), names);
  store->add(walk_on(2026_y / 11 / 24));  // reopened to write
  EXPECT_EQ(open_store(path, Access::kRead)->entries({}).size(), 2U);
}

TEST(LazyStore, BackingUpAMissingDatabaseSaysThereIsNone) {
  TempDir dir;
  auto store = open_lazy_store(dir.file("q.db"), Access::kRead);
  EXPECT_NE(storage_error_of([&] {
              store->backup(dir.file("copy.db"));
            }).find("no database at " + dir.file("q.db") + " yet: nothing to back up"),
            std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.file("copy.db")));
}

}  // namespace
}  // namespace qlfit::storage
