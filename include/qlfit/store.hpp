#pragma once

#include "qlfit/activity.hpp"
#include "qlfit/calendar.hpp"
#include "qlfit/entry.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qlfit {

// Which entries to read. Every field narrows; an empty filter means all.
struct EntryFilter {
  std::optional<DateRange> local_dates;  // on the entries' civil local dates
  std::optional<std::string> activity;
  std::optional<Kind> kind;
  std::optional<std::size_t> limit;  // keep only the most recent N
  // Order entries of one instant by id, not by the order logged here: the same order on
  // every synced machine (export).
  bool same_everywhere = false;
};

// A running `qlfit start` timer: at most one at a time.
struct Timer {
  std::string activity;
  Kind kind = Kind::kSession;
  date::sys_seconds start{};
  std::chrono::seconds offset{0};  // UTC offset where it started
};

// An open away period (`away begin`): the user left the desk then. At most one at a time.
struct AwayPeriod {
  date::sys_seconds start{};
  std::chrono::seconds offset{0};  // UTC offset where it began
};

// Rest days (an injury, a provider's advice, a holiday): never "missed".
struct Pause {
  std::int64_t n = 0;  // local, like an entry's
  DateRange days;      // both ends included
  std::optional<std::string> note;
  std::string id;  // UUID: the same on every synced machine
};

// The port the core keeps its data behind (implemented by src/storage, and by
// tests/support/memory_store.hpp for the use cases' tests). Changes made through it are
// recorded for undo and sync by stores that keep a History (qlfit/history.hpp).
// Every method throws Error(kStorage) when the database cannot be used.
class Store {
 public:
  virtual ~Store() = default;

  // The activity with this name; std::nullopt when there is none.
  virtual std::optional<Activity> find_activity(std::string_view name) = 0;
  // Every activity, built-in ones first, archived ones included.
  virtual std::vector<Activity> activities() = 0;
  // Adds an activity, or brings back an archived one of the same kind (with the new
  // description); false (nothing changed) when the name is taken otherwise.
  virtual bool add_activity(const Activity& activity) = 0;
  // How many entries an activity has.
  virtual std::size_t entry_count(const std::string& activity) = 0;
  // Removes an activity without entries, or archives one (`archive`); false when
  // there is no such activity.
  virtual bool remove_activity(const std::string& name, bool archive) = 0;
  // Adds the entry in one transaction and returns it numbered, with a new UUID.
  virtual Entry add(const NewEntry& entry) = 0;
  // Removes the entry logged last and returns it; std::nullopt when there is none.
  virtual std::optional<Entry> remove_last() = 0;
  // Calls `each` with the entries matching `filter`, oldest first (by instant, then by
  // the order logged): the whole history, one at a time.
  virtual void each_entry(const EntryFilter& filter,
                          const std::function<void(const Entry& entry)>& each) = 0;
  // Calls `each` with the facts of the entries matching `filter` (all but its limit),
  // ordered by local date, then instant: years of them, one at a time.
  virtual void each_fact(const EntryFilter& filter,
                         const std::function<void(const Fact& fact)>& each) = 0;
  // The same facts, all at once (for a week or two).
  std::vector<Fact> facts(const EntryFilter& filter) {
    std::vector<Fact> all;
    each_fact(filter, [&all](const Fact& fact) { all.push_back(fact); });
    return all;
  }
  // The earliest local date of any entry; std::nullopt when there are none.
  virtual std::optional<date::year_month_day> first_local_date() = 0;
  // The entry numbered `n`; std::nullopt when there is none.
  virtual std::optional<Entry> entry_numbered(std::int64_t n) = 0;
  // Entries whose UUID starts with `prefix` (lower-case hex and dashes), at most `limit`.
  virtual std::vector<Entry> entries_with_id_prefix(const std::string& prefix,
                                                    std::size_t limit) = 0;
  // Replaces entry `entry.n` (its n and id stay) in one transaction.
  virtual void update(const Entry& entry) = 0;
  // Removes the entries numbered `ns` in one transaction; returns how many went.
  virtual std::size_t remove(const std::vector<std::int64_t>& ns) = 0;

  // What an import did.
  struct ImportCount {
    std::size_t added = 0;
    std::size_t present = 0;  // an entry with that UUID was already there: left as it was
    // What a JSON export brings besides entries, counted as imported: pauses added,
    // activities only its list names created, settings whose value changed.
    std::size_t pauses = 0;
    std::size_t activities = 0;
    std::size_t settings = 0;
  };
  // What an import brings besides entries (a JSON export has them all).
  struct ImportExtras {
    std::vector<Activity> activities;  // created when missing; a different kind is refused
    std::vector<Pause> pauses;         // added unless the same days and note are there
    std::map<std::string, std::string> settings;  // checked by the caller; stored as given
  };
  // Adds one imported entry unless its `id` is here already. `ordinal` names its place in
  // the file (a line, an entry number). Returns the ordinal of an earlier entry of this
  // same import with that id (nothing is added then), else std::nullopt.
  using ImportAdd =
      std::function<std::optional<std::size_t>(const Entry& entry, std::size_t ordinal)>;
  // Hands an import's entries, one at a time, to the function it is given.
  using EntryFeed = std::function<void(const ImportAdd& add)>;
  // In one transaction (all or nothing): every entry `entries` adds whose `id` is new,
  // creating its activity when missing (one with another kind is refused); then what
  // `extras` returns (asked once the entries are in: a JSON export holds them last).
  // An error from either ends it with nothing kept; so does `dry_run`.
  virtual ImportCount import(const EntryFeed& entries, const std::function<ImportExtras()>& extras,
                             bool dry_run) = 0;

  // Writes a consistent copy of the database into `path`, which must not exist or be
  // empty; safe while others write. Throws Error(kStorage) naming the path.
  virtual void backup(const std::string& path) = 0;

  // The settings the user changed, key to value (canonical text).
  virtual std::map<std::string, std::string> settings() = 0;
  // Stores one setting, replacing any earlier value.
  virtual void set_setting(const std::string& key, const std::string& value) = 0;
  // Forgets one setting; returns false when it was not set.
  virtual bool unset_setting(const std::string& key) = 0;

  // The running timer, if any.
  virtual std::optional<Timer> timer() = 0;
  // Starts the timer; false (nothing changed) when one is already running.
  virtual bool start_timer(const Timer& timer) = 0;
  // Stops the timer and adds `entry` in one transaction; returns the entry, or
  // std::nullopt (nothing changed) when no timer is running.
  virtual std::optional<Entry> finish_timer(const NewEntry& entry) = 0;
  // Stops the timer without logging; returns it, or std::nullopt when none ran.
  virtual std::optional<Timer> cancel_timer() = 0;

  // The open away period, if any.
  virtual std::optional<AwayPeriod> away() = 0;
  // When the user came back from the latest natural break, when that break was cut at 24h:
  // where its period ended (the break stops at 24h; this does not). std::nullopt when the
  // latest natural break was not cut (its end says it), or before any.
  virtual std::optional<date::sys_seconds> back_at() = 0;
  // Opens an away period; false (nothing changed) when one is open already.
  virtual bool begin_away(const AwayPeriod& period) = 0;
  // What closing an away period did: the period, and the natural break logged for it.
  struct EndedAway {
    AwayPeriod period;
    std::optional<Entry> entry;
  };
  // The natural break a closed period becomes; std::nullopt when it is too short. Called
  // inside the store's transaction: it must not use the store, and an error it throws
  // leaves the period open and nothing written.
  using NaturalBreak = std::function<std::optional<NewEntry>(const AwayPeriod& period)>;
  // In one transaction: closes the open away period at `back` and adds the entry
  // `natural_break` makes of it, recorded as one change ("away end"), and when it makes
  // one, `back` is what back_at() says from then on (none: nothing). std::nullopt when
  // none was open.
  virtual std::optional<EndedAway> end_away(std::optional<date::sys_seconds> back,
                                            const NaturalBreak& natural_break) = 0;

  // Adds a pause and returns it numbered.
  virtual Pause add_pause(const DateRange& days, const std::optional<std::string>& note) = 0;
  // Every pause, earliest first.
  virtual std::vector<Pause> pauses() = 0;
  // Removes pause `n`; returns it, or std::nullopt when there is none.
  virtual std::optional<Pause> remove_pause(std::int64_t n) = 0;
};

}  // namespace qlfit
