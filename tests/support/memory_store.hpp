#pragma once

#include "qlfit/store.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qlfit::testing {

// The Store port held in memory, as a fresh qlfit database starts (the three built-in
// activities, nothing else): what the use cases' tests run against, held to the same
// contract suite as the SQLite store (src/storage/store_contract_test.cpp). Like
// leveldb's NewMemEnv: a real implementation, not a mock. Writes are all or nothing,
// as the port promises: each works on a copy that replaces the state only when done.
class MemoryStore final : public Store {
 public:
  MemoryStore();

  std::optional<Activity> find_activity(std::string_view name) override;
  std::vector<Activity> activities() override;
  bool add_activity(const Activity& activity) override;
  std::size_t entry_count(const std::string& activity) override;
  bool remove_activity(const std::string& name, bool archive) override;
  Entry add(const NewEntry& entry) override;
  std::optional<Entry> remove_last() override;
  void each_entry(const EntryFilter& filter,
                  const std::function<void(const Entry& entry)>& each) override;
  void each_fact(const EntryFilter& filter,
                 const std::function<void(const Fact& fact)>& each) override;
  std::optional<date::year_month_day> first_local_date() override;
  std::optional<Entry> entry_numbered(std::int64_t n) override;
  std::vector<Entry> entries_with_id_prefix(const std::string& prefix, std::size_t limit) override;
  void update(const Entry& entry) override;
  std::size_t remove(const std::vector<std::int64_t>& ns) override;
  ImportCount import(const EntryFeed& entries, const std::function<ImportExtras()>& extras,
                     bool dry_run) override;
  void backup(const std::string& path) override;
  std::map<std::string, std::string> settings() override;
  void set_setting(const std::string& key, const std::string& value) override;
  bool unset_setting(const std::string& key) override;
  std::optional<Timer> timer() override;
  bool start_timer(const Timer& timer) override;
  std::optional<Entry> finish_timer(const NewEntry& entry) override;
  std::optional<Timer> cancel_timer() override;
  std::optional<AwayPeriod> away() override;
  std::optional<date::sys_seconds> back_at() override;
  bool begin_away(const AwayPeriod& period) override;
  std::optional<EndedAway> end_away(std::optional<date::sys_seconds> back,
                                    const NaturalBreak& natural_break) override;
  Pause add_pause(const DateRange& days, const std::optional<std::string>& note) override;
  std::vector<Pause> pauses() override;
  std::optional<Pause> remove_pause(std::int64_t n) override;

  // The local dates each each_fact (or facts) read has asked for, in order: what a use
  // case read.
  const std::vector<std::optional<DateRange>>& fact_reads() const { return fact_reads_; }

 private:
  struct State {
    std::vector<Activity> activities;  // built-in ones first, then in the order added
    std::vector<Entry> entries;        // in the order logged (n ascending)
    std::vector<Pause> pauses;         // in the order added
    std::map<std::string, std::string> settings;
    std::optional<Timer> timer;
    std::optional<AwayPeriod> away;
    std::optional<date::sys_seconds> back;  // where the latest natural break's absence ended
    std::int64_t next_entry = 1;
    std::int64_t next_pause = 1;
    std::uint64_t next_id = 1;
  };
  // The entries `filter` matches, in the order each_entry hands them out.
  std::vector<Entry> matching(const EntryFilter& filter) const;
  Entry numbered(State& state, const NewEntry& fresh) const;
  // A new UUID: made from a counter, so tests see the same ids on every run.
  static std::string uuid(State& state);

  State state_;
  std::vector<std::optional<DateRange>> fact_reads_;
};

}  // namespace qlfit::testing
