#include "memory_store.hpp"

#include "qlfit/error.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <tuple>

namespace qlfit::testing {

MemoryStore::MemoryStore() {
  state_.activities = {
      {"butt-walk", Kind::kSession, "the quadratus lumborum routine: butt walk and similar moves",
       true, false},
      {"walk", Kind::kWalk, "a walk, 20-30 minutes a day", true, false},
      {"break", Kind::kBreak, "standing up from sitting", true, false},
  };
}

std::string MemoryStore::uuid(State& state) {
  char text[37];
  const auto n = state.next_id++;
  std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012llx",
                static_cast<unsigned long long>(n));
  return text;
}

Entry MemoryStore::numbered(State& state, const NewEntry& fresh) const {
  Entry entry{fresh, state.next_entry++, uuid(state)};
  state.entries.push_back(entry);
  return entry;
}

std::optional<Activity> MemoryStore::find_activity(std::string_view name) {
  for (const Activity& activity : state_.activities) {
    if (activity.name == name)
      return activity;
  }
  return std::nullopt;
}

std::vector<Activity> MemoryStore::activities() {
  return state_.activities;
}

bool MemoryStore::add_activity(const Activity& activity) {
  for (Activity& known : state_.activities) {
    if (known.name != activity.name)
      continue;
    if (!known.archived || known.kind != activity.kind)
      return false;
    known.archived = false;
    known.description = activity.description;
    return true;
  }
  state_.activities.push_back(Activity{activity.name, activity.kind, activity.description});
  return true;
}

std::size_t MemoryStore::entry_count(const std::string& activity) {
  return static_cast<std::size_t>(
      std::count_if(state_.entries.begin(), state_.entries.end(),
                    [&](const Entry& entry) { return entry.activity == activity; }));
}

bool MemoryStore::remove_activity(const std::string& name, bool archive) {
  auto& all = state_.activities;
  const auto found = std::find_if(all.begin(), all.end(),
                                  [&](const Activity& activity) { return activity.name == name; });
  if (found == all.end())
    return false;
  if (archive)
    found->archived = true;
  else
    all.erase(found);
  return true;
}

Entry MemoryStore::add(const NewEntry& entry) {
  return numbered(state_, entry);
}

std::optional<Entry> MemoryStore::remove_last() {
  if (state_.entries.empty())
    return std::nullopt;
  Entry last = state_.entries.back();
  state_.entries.pop_back();
  return last;
}

std::vector<Entry> MemoryStore::matching(const EntryFilter& filter) const {
  std::vector<Entry> found;
  for (const Entry& entry : state_.entries) {
    if ((filter.local_dates && !filter.local_dates->contains(entry.local_date)) ||
        (filter.activity && entry.activity != *filter.activity) ||
        (filter.kind && entry.kind != *filter.kind))
      continue;
    found.push_back(entry);
  }
  const auto by_instant = [](const Entry& a, const Entry& b) {
    return std::tie(a.start, a.n) < std::tie(b.start, b.n);
  };
  std::sort(found.begin(), found.end(), by_instant);
  if (filter.limit && found.size() > *filter.limit)
    found.erase(found.begin(), found.end() - static_cast<std::ptrdiff_t>(*filter.limit));
  if (filter.same_everywhere) {
    std::sort(found.begin(), found.end(), [](const Entry& a, const Entry& b) {
      return std::tie(a.start, a.id) < std::tie(b.start, b.id);
    });
  }
  return found;
}

void MemoryStore::each_entry(const EntryFilter& filter,
                             const std::function<void(const Entry& entry)>& each) {
  for (const Entry& entry : matching(filter))
    each(entry);
}

void MemoryStore::each_fact(const EntryFilter& filter,
                            const std::function<void(const Fact& fact)>& each) {
  fact_reads_.push_back(filter.local_dates);
  EntryFilter all = filter;
  all.limit.reset();
  std::vector<Entry> found = matching(all);
  std::stable_sort(found.begin(), found.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.local_date, a.start) < std::tie(b.local_date, b.start);
  });
  for (const Entry& entry : found)
    each(Fact{entry.kind, entry.start, entry.offset, entry.duration, entry.pain, entry.source});
}

std::optional<date::year_month_day> MemoryStore::first_local_date() {
  std::optional<date::year_month_day> first;
  for (const Entry& entry : state_.entries) {
    if (!first || entry.local_date < *first)
      first = entry.local_date;
  }
  return first;
}

std::optional<Entry> MemoryStore::entry_numbered(std::int64_t n) {
  for (const Entry& entry : state_.entries) {
    if (entry.n == n)
      return entry;
  }
  return std::nullopt;
}

std::vector<Entry> MemoryStore::entries_with_id_prefix(const std::string& prefix,
                                                       std::size_t limit) {
  std::vector<Entry> found;
  for (const Entry& entry : state_.entries) {
    if (entry.id.compare(0, prefix.size(), prefix) == 0)
      found.push_back(entry);
  }
  std::sort(found.begin(), found.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
  if (found.size() > limit)
    found.resize(limit);
  return found;
}

void MemoryStore::update(const Entry& entry) {
  for (Entry& known : state_.entries) {
    if (known.n == entry.n) {
      const std::string id = known.id;
      const auto created = known.created;
      known = entry;
      known.id = id;
      known.created = created;
      return;
    }
  }
  throw Error(ErrorCode::kNotFound, "entry #" + std::to_string(entry.n) + " is gone");
}

std::size_t MemoryStore::remove(const std::vector<std::int64_t>& ns) {
  State after = state_;
  for (const std::int64_t n : ns) {
    const auto found = std::find_if(after.entries.begin(), after.entries.end(),
                                    [n](const Entry& entry) { return entry.n == n; });
    if (found == after.entries.end()) {
      throw Error(ErrorCode::kNotFound,
                  "an entry to remove is already gone (another qlfit removed it); nothing removed");
    }
    after.entries.erase(found);
  }
  state_ = std::move(after);
  return ns.size();
}

Store::ImportCount MemoryStore::import(const EntryFeed& entries,
                                       const std::function<ImportExtras()>& extras, bool dry_run) {
  State after = state_;
  ImportCount count;
  std::set<std::string> created;                // activities this import made
  std::map<std::string, std::size_t> ordinals;  // id -> where it first came in the file
  const auto add_missing = [&](const Activity& activity) {
    for (const Activity& known : after.activities) {
      if (known.name != activity.name)
        continue;
      if (known.kind != activity.kind) {
        throw Error(ErrorCode::kInvalidInput,
                    "activity \"" + activity.name + "\" is a " +
                        std::string(to_string(known.kind)) + " here, but the file says " +
                        std::string(to_string(activity.kind)) + "; nothing imported");
      }
      return false;
    }
    after.activities.push_back(Activity{activity.name, activity.kind, activity.description});
    created.insert(activity.name);
    return true;
  };
  entries([&](const Entry& entry, std::size_t ordinal) -> std::optional<std::size_t> {
    add_missing(Activity{entry.activity, entry.kind, ""});
    const auto [seen, first] = ordinals.try_emplace(entry.id, ordinal);
    if (!first)
      return seen->second;
    const bool present = std::any_of(after.entries.begin(), after.entries.end(),
                                     [&](const Entry& known) { return known.id == entry.id; });
    if (present) {
      ++count.present;
      return std::nullopt;
    }
    Entry added = entry;
    added.n = after.next_entry++;
    after.entries.push_back(added);
    ++count.added;
    return std::nullopt;
  });
  const ImportExtras more = extras();
  for (const Activity& activity : more.activities) {
    if (add_missing(activity)) {
      ++count.activities;
    } else if (created.count(activity.name) != 0) {
      for (Activity& known : after.activities) {
        if (known.name == activity.name)
          known.description = activity.description;
      }
    }
  }
  for (const Pause& pause : more.pauses) {
    const bool there = std::any_of(after.pauses.begin(), after.pauses.end(), [&](const Pause& p) {
      return p.days.first == pause.days.first && p.days.last == pause.days.last &&
             p.note == pause.note;
    });
    if (!there) {
      after.pauses.push_back(Pause{after.next_pause++, pause.days, pause.note, uuid(after)});
      ++count.pauses;
    }
  }
  for (const auto& [key, value] : more.settings) {
    const auto [at, added] = after.settings.try_emplace(key, value);
    if (added || at->second != value)
      ++count.settings;
    at->second = value;
  }
  if (!dry_run)
    state_ = std::move(after);
  return count;
}

void MemoryStore::backup(const std::string& path) {
  throw Error(ErrorCode::kStorage,
              path + " cannot be written: a store in memory has no database file to copy");
}

std::map<std::string, std::string> MemoryStore::settings() {
  return state_.settings;
}

void MemoryStore::set_setting(const std::string& key, const std::string& value) {
  state_.settings[key] = value;
}

bool MemoryStore::unset_setting(const std::string& key) {
  return state_.settings.erase(key) > 0;
}

std::optional<Timer> MemoryStore::timer() {
  return state_.timer;
}

bool MemoryStore::start_timer(const Timer& timer) {
  if (state_.timer)
    return false;
  state_.timer = timer;
  return true;
}

std::optional<Entry> MemoryStore::finish_timer(const NewEntry& entry) {
  if (!state_.timer)
    return std::nullopt;
  state_.timer.reset();
  return numbered(state_, entry);
}

std::optional<Timer> MemoryStore::cancel_timer() {
  return std::exchange(state_.timer, {});
}

std::optional<AwayPeriod> MemoryStore::away() {
  return state_.away;
}

std::optional<date::sys_seconds> MemoryStore::back_at() {
  return state_.back;
}

bool MemoryStore::begin_away(const AwayPeriod& period) {
  if (state_.away)
    return false;
  state_.away = period;
  return true;
}

std::optional<Store::EndedAway> MemoryStore::end_away(std::optional<date::sys_seconds> back,
                                                      const NaturalBreak& natural_break) {
  if (!state_.away)
    return std::nullopt;
  // Asked before anything changes: what it throws leaves the period open.
  const std::optional<NewEntry> fresh = natural_break(*state_.away);
  EndedAway ended{*std::exchange(state_.away, {}), std::nullopt};
  if (fresh) {
    ended.entry = numbered(state_, *fresh);
    state_.back = back;
  }
  return ended;
}

Pause MemoryStore::add_pause(const DateRange& days, const std::optional<std::string>& note) {
  Pause pause{state_.next_pause++, days, note, uuid(state_)};
  state_.pauses.push_back(pause);
  return pause;
}

std::vector<Pause> MemoryStore::pauses() {
  std::vector<Pause> all = state_.pauses;
  std::sort(all.begin(), all.end(), [](const Pause& a, const Pause& b) {
    return std::tie(a.days.first, a.days.last, a.id) < std::tie(b.days.first, b.days.last, b.id);
  });
  return all;
}

std::optional<Pause> MemoryStore::remove_pause(std::int64_t n) {
  auto& all = state_.pauses;
  const auto found =
      std::find_if(all.begin(), all.end(), [n](const Pause& pause) { return pause.n == n; });
  if (found == all.end())
    return std::nullopt;
  Pause removed = *found;
  all.erase(found);
  return removed;
}

}  // namespace qlfit::testing
