#include "qlfit/status.hpp"

#include "berlin.hpp"

#include <gtest/gtest.h>

namespace qlfit {
namespace {

using std::chrono::minutes;

const auto& at = testing::berlin_at;
const auto& fact = testing::berlin_fact;

// Tuesday 2026-11-24 in Berlin, a working day.
TEST(StatusOf, CountsTheWeekTheDayAndTheSitting) {
  RemindFacts facts;
  facts.entries = {fact(Kind::kSession, "2026-11-23T08:00:00+01:00", minutes{10}),
                   fact(Kind::kWalk, "2026-11-24T07:00:00+01:00", minutes{25}),
                   fact(Kind::kBreak, "2026-11-24T10:00:00+01:00", minutes{2})};
  const Status status = status_of(facts, Settings{}, at("2026-11-24T10:47:00+01:00"));
  EXPECT_EQ(status.sessions, 1);
  EXPECT_EQ(status.sessions_target.min, 3);
  EXPECT_EQ(status.walked, minutes{25});
  EXPECT_EQ(status.walk_percent(), 100);
  EXPECT_EQ(status.sitting, minutes{45});
  EXPECT_FALSE(status.away);
  EXPECT_EQ(status.due, std::vector<Kind>{Kind::kBreak});
}

TEST(StatusOf, AwayOrMovingIsNotSittingAndNothingIsDue) {
  RemindFacts facts;
  facts.away = true;
  Status status = status_of(facts, Settings{}, at("2026-11-24T10:47:00+01:00"));
  EXPECT_EQ(status.sitting, minutes{0});
  EXPECT_TRUE(status.due.empty());
  facts.away = false;
  facts.running = Timer{"walk", Kind::kWalk, parse_instant("2026-11-24T10:40:00+01:00", "t"),
                        std::chrono::hours{1}};
  status = status_of(facts, Settings{}, at("2026-11-24T10:47:00+01:00"));
  EXPECT_EQ(status.sitting, minutes{0});
  EXPECT_EQ(status.walk_percent(), 0);
  EXPECT_FALSE(status.is_due(Kind::kBreak));
  EXPECT_TRUE(status.is_due(Kind::kWalk));
  // Saturday: no working hours, so no sitting is measured.
  EXPECT_FALSE(status_of({}, Settings{}, at("2026-11-28T10:47:00+01:00")).sitting);
}

// Away from Friday 17:00 to Monday 09:50: the natural break stops at Saturday 17:00, but
// the user sat only from the moment they came back, and no break is due yet.
TEST(StatusOf, AfterAWeekendAwaySittingCountsFromTheReturnNotTheCappedBreak) {
  RemindFacts facts;
  facts.entries = {fact(Kind::kBreak, "2026-11-20T17:00:00+01:00", std::chrono::hours{24})};
  facts.back = parse_instant("2026-11-23T09:50:00+01:00", "t");
  Status status = status_of(facts, Settings{}, at("2026-11-23T10:05:00+01:00"));
  EXPECT_EQ(status.sitting, minutes{15});
  EXPECT_FALSE(status.is_due(Kind::kBreak));
  // Without the return, working hours' start would be taken: 65 minutes, a break due.
  facts.back.reset();
  status = status_of(facts, Settings{}, at("2026-11-23T10:05:00+01:00"));
  EXPECT_EQ(status.sitting, minutes{65});
  EXPECT_TRUE(status.is_due(Kind::kBreak));
}

}  // namespace
}  // namespace qlfit
