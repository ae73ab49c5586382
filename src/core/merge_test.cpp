// The merge rule on its own (docs/sync.md, "Applying operations"): every pair of concurrent
// operations gives one state whichever arrives first, and random histories of two and
// three devices converge to what applying them one by one in stamp order gives.
#include "qlfit/merge.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace qlfit {
namespace {

FieldOp set(std::int64_t at, std::string device, Fields fields) {
  return FieldOp{Stamp{at, std::move(device)}, std::move(fields)};
}
FieldOp removed(std::int64_t at, std::string device) {
  return FieldOp{Stamp{at, std::move(device)}, std::nullopt};
}

const Fields kEntry{{"id", "e"}, {"pain", "3"}, {"note", "null"}, {"duration_s", "600"}};

// `merge` of `ops` in every order they can come in, and with one of them delivered twice:
// all equal, and returned.
template <typename Merge>
std::optional<Fields> every_order(std::vector<FieldOp> ops, const Merge& merge) {
  std::vector<std::size_t> order(ops.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  const auto first = merge(ops);
  do {
    std::vector<FieldOp> shuffled;
    for (const std::size_t i : order)
      shuffled.push_back(ops[i]);
    EXPECT_EQ(merge(shuffled), first);
    shuffled.push_back(shuffled.front());  // one operation known twice changes nothing
    EXPECT_EQ(merge(shuffled), first);
  } while (std::next_permutation(order.begin(), order.end()));
  return first;
}

std::optional<Fields> in_every_order(std::vector<FieldOp> ops, Removal removal) {
  return every_order(std::move(ops),
                     [removal](const std::vector<FieldOp>& some) { return merged(some, removal); });
}

TEST(Merge, TwoEditsOfDifferentFieldsBothHold) {
  const auto state = in_every_order(
      {set(1, "a", kEntry), set(5, "a", {{"pain", "5"}}), set(4, "b", {{"note", "\"x\""}})},
      Removal::kFinal);
  EXPECT_EQ(state, (Fields{{"id", "e"}, {"pain", "5"}, {"note", "\"x\""}, {"duration_s", "600"}}));
}

TEST(Merge, TwoEditsOfOneFieldTheLaterWinsThenTheGreaterDevice) {
  EXPECT_EQ(in_every_order(
                {set(1, "a", kEntry), set(5, "a", {{"pain", "5"}}), set(6, "b", {{"pain", "7"}})},
                Removal::kFinal)
                ->at(1)
                .second,
            "7");
  EXPECT_EQ(in_every_order(
                {set(1, "a", kEntry), set(6, "a", {{"pain", "5"}}), set(6, "b", {{"pain", "7"}})},
                Removal::kFinal)
                ->at(1)
                .second,
            "7");
}

TEST(Merge, AnEditAndARemovalEitherWayRoundLeaveItRemoved) {
  EXPECT_EQ(in_every_order({set(1, "a", kEntry), set(9, "a", {{"pain", "5"}}), removed(4, "b")},
                           Removal::kFinal),
            std::nullopt);
  EXPECT_EQ(in_every_order({set(1, "a", kEntry), set(4, "a", {{"pain", "5"}}), removed(9, "b")},
                           Removal::kFinal),
            std::nullopt);
}

TEST(Merge, APauseAddedAndRemovedIsRemovedWhateverTheTimes) {
  const Fields pause{{"id", "p"}, {"from", "\"2026-12-01\""}, {"to", "\"2026-12-02\""}};
  EXPECT_EQ(in_every_order({set(1, "a", pause), removed(2, "b")}, Removal::kFinal), std::nullopt);
  EXPECT_EQ(in_every_order({removed(2, "b"), set(3, "a", pause)}, Removal::kFinal), std::nullopt);
}

TEST(Merge, ASettingSetAndUnsetTheLaterWins) {
  const Fields forty{{"key", "\"walk.min\""}, {"value", "\"40\""}};
  EXPECT_EQ(in_every_order({set(5, "a", forty), removed(4, "b")}, Removal::kLaterWins), forty);
  EXPECT_EQ(in_every_order({set(4, "a", forty), removed(5, "b")}, Removal::kLaterWins),
            std::nullopt);
  EXPECT_EQ(in_every_order({set(5, "a", forty), removed(5, "b")}, Removal::kLaterWins),
            std::nullopt);  // same time: device b is the greater
}

TEST(Merge, AnActivityAddedAgainAfterItsRemovalComesBackAsAddedThen) {
  const Fields yoga{{"name", "\"yoga\""}, {"description", "\"mat\""}, {"archived", "false"}};
  const Fields bare{{"name", "\"yoga\""}, {"description", "\"\""}, {"archived", "false"}};
  EXPECT_EQ(
      in_every_order({set(1, "a", yoga), removed(2, "b"), set(3, "a", bare)}, Removal::kLaterWins),
      bare);
  EXPECT_EQ(
      in_every_order({set(1, "a", yoga), set(2, "a", bare), removed(3, "b")}, Removal::kLaterWins),
      std::nullopt);
}

Fields plank(const std::string& kind, const std::string& description = "") {
  return {{"name", "\"plank\""},
          {"kind", "\"" + kind + "\""},
          {"description", "\"" + description + "\""},
          {"archived", "false"}};
}

// An activity as merged_activity() makes it from `ops` in every order: entries name it
// (`named`) or not.
std::optional<Fields> activity_in_every_order(std::vector<FieldOp> ops, bool named) {
  return every_order(std::move(ops), [named](const std::vector<FieldOp>& some) {
    return merged_activity(some, named);
  });
}

TEST(Merge, OneActivityAddedWithTwoKindsHasTheKindOfTheLaterAdd) {
  for (const bool named : {true, false}) {
    EXPECT_EQ(
        activity_in_every_order({set(5, "a", plank("session")), set(6, "b", plank("walk"))}, named),
        plank("walk"));
    EXPECT_EQ(
        activity_in_every_order({set(6, "a", plank("session")), set(5, "b", plank("walk"))}, named),
        plank("session"));
    // A third device, at the same time as the first: the greater device id.
    EXPECT_EQ(activity_in_every_order({set(5, "a", plank("session")), set(3, "b", plank("walk")),
                                       set(5, "c", plank("break"))},
                                      named),
              plank("break"));
  }
}

TEST(Merge, AnActivityRemovedWhileEntriesNameItIsArchivedAsItsLatestAdd) {
  Fields archived_walk = plank("walk", "b's");
  archived_walk.back().second = "true";
  // The removal is the latest change, the walk the latest add: entries keep it, archived,
  // with the walk's kind, whichever add arrives last.
  const std::vector<FieldOp> ops{set(1, "a", plank("session", "a's")),
                                 set(2, "b", plank("walk", "b's")), removed(3, "a")};
  EXPECT_EQ(activity_in_every_order(ops, true), archived_walk);
  EXPECT_EQ(activity_in_every_order(ops, false), std::nullopt);
  // An add after the removal holds, named or not.
  for (const bool named : {true, false}) {
    EXPECT_EQ(
        activity_in_every_order(
            {set(1, "a", plank("session")), removed(2, "a"), set(3, "c", plank("break"))}, named),
        plank("break"));
  }
}

// Applies `ops` one at a time in stamp order, as one machine that saw them all in order
// would: the meaning merged() must have.
std::optional<Fields> one_by_one(std::vector<FieldOp> ops, Removal removal) {
  std::sort(ops.begin(), ops.end(),
            [](const FieldOp& a, const FieldOp& b) { return a.stamp < b.stamp; });
  std::optional<Fields> state;
  bool gone = false;
  for (const FieldOp& op : ops) {
    if (!op.fields) {
      state.reset();
      gone = removal == Removal::kFinal;
      continue;
    }
    if (gone)
      continue;
    if (!state)
      state = Fields{};
    for (const auto& change : *op.fields) {
      bool known = false;
      for (auto& held : *state) {
        known = known || held.first == change.first;
        if (held.first == change.first)
          held.second = change.second;
      }
      if (!known)
        state->push_back(change);
    }
  }
  return state;
}

// Random histories: each device changes the target at its own pace, seeing what the
// others did only now and then (its hybrid time then passes theirs), and each ends with
// what it has seen; once all have everything, all agree.
void random_histories(int devices, Removal rule) {
  std::mt19937 random(20261124U + static_cast<unsigned>(devices));
  const std::vector<std::string> fields{"pain", "note", "duration_s", "activity"};
  for (int round = 0; round < 300; ++round) {
    std::vector<FieldOp> all{set(1, "a", kEntry)};
    std::vector<std::int64_t> clock(static_cast<std::size_t>(devices), 1);
    for (int step = 0; step < 8; ++step) {
      const auto who = static_cast<std::size_t>(random() % static_cast<unsigned>(devices));
      if (random() % 3 == 0) {  // a sync: it has seen everything so far
        for (const FieldOp& op : all)
          clock[who] = std::max(clock[who], op.stamp.at_ms);
      }
      clock[who] += static_cast<std::int64_t>(1 + random() % 3);
      const std::string device(1, static_cast<char>('a' + who));
      if (random() % 7 == 0) {
        all.push_back(removed(clock[who], device));
      } else {
        all.push_back(set(clock[who], device,
                          {{fields[random() % fields.size()], std::to_string(random() % 10)}}));
      }
    }
    const auto expected = one_by_one(all, rule);
    for (int order = 0; order < 5; ++order) {
      std::shuffle(all.begin(), all.end(), random);
      ASSERT_EQ(merged(all, rule), expected) << "round " << round;
    }
  }
}

TEST(Merge, RandomHistoriesOfTwoAndThreeDevicesConverge) {
  for (const Removal rule : {Removal::kFinal, Removal::kLaterWins}) {
    random_histories(2, rule);
    random_histories(3, rule);
  }
}

}  // namespace
}  // namespace qlfit
