#include "qlfit/pauses.hpp"

#include "qlfit/error.hpp"

#include "berlin.hpp"
#include "memory_store.hpp"
#include "requests.hpp"

#include <gtest/gtest.h>

namespace qlfit {
namespace {

using testing::MemoryStore;

const TimeContext kNow = testing::berlin_at("2026-11-26T10:00:00+01:00");

TEST(AddPause, AnOverlappingPauseIsRefused) {
  MemoryStore store;
  add_pause(store, "2026-11-01", "2026-11-07", std::nullopt, kNow);
  EXPECT_THROW(add_pause(store, "2026-11-07", "2026-11-09", std::nullopt, kNow), Error);
  EXPECT_EQ(list_pauses(store).size(), 1U);
}

TEST(RemovePause, ANumberThatIsNotThereIsNotFound) {
  MemoryStore store;
  const Pause added = add_pause(store, "2026-11-01", "2026-11-07", std::string("knee"), kNow);
  EXPECT_THROW(remove_pause(store, "x1"), Error);
  try {
    remove_pause(store, "9");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kNotFound);
  }
  EXPECT_EQ(remove_pause(store, std::to_string(added.n)).note, "knee");
  EXPECT_TRUE(list_pauses(store).empty());
}

}  // namespace
}  // namespace qlfit
