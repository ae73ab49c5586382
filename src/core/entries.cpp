#include "qlfit/entries.hpp"

#include "qlfit/activities.hpp"
#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/periods.hpp"
#include "qlfit/text.hpp"

#include <algorithm>
#include <deque>
#include <set>

namespace qlfit {
namespace {

// The last day a range can name; one day more still prints as a four-digit year.
constexpr date::year_month_day kLastDay{date::year{9999} / 12 / 30};

std::chrono::seconds duration_for(const Activity& activity,
                                  std::optional<std::chrono::seconds> requested,
                                  const Settings& settings) {
  if (requested)
    return *requested;
  switch (activity.kind) {
    case Kind::kSession:
      return settings.session_duration;
    case Kind::kBreak:
      return settings.break_duration;
    case Kind::kWalk:
      break;
  }
  throw Error(ErrorCode::kInvalidInput,
              "a walk needs its length: add --minutes N or --for "
              "DURATION, e.g. qlfit log " +
                  activity.name + " --minutes 25");
}

// How to name, by its id, an entry whose UUID starts with the digits `id`: all digits
// are an entry number, so a prefix needs a letter or a dash. Names at most three.
std::string id_prefix_hint(Store& store, std::string_view id) {
  constexpr std::size_t kShown = 3;
  const auto found = id.size() < 4 ? std::vector<Entry>{}
                                   : store.entries_with_id_prefix(std::string(id), kShown + 1);
  if (found.empty())
    return "; see 'qlfit list' for the numbers";
  // The shortest prefix that has a non-digit and names one of `found` alone.
  const auto prefix_of = [&found, &id](const Entry& entry) {
    std::size_t size = std::max(id.size(), entry.id.find_first_not_of("0123456789") + 1);
    while (size < entry.id.size() &&
           std::any_of(found.begin(), found.end(), [&](const Entry& other) {
             return other.n != entry.n && other.id.compare(0, size, entry.id, 0, size) == 0;
           })) {
      ++size;
    }
    return entry.id.substr(0, size);
  };
  std::string numbers;
  std::string examples;
  for (std::size_t i = 0; i < std::min(found.size(), kShown); ++i) {
    const std::string number = "#" + std::to_string(found[i].n);
    numbers += (i == 0 ? "" : ", ") + number;
    examples +=
        (i == 0 ? "" : ", ") + prefix_of(found[i]) + (found.size() > 1 ? " for " + number : "");
  }
  if (found.size() > kShown)
    numbers += " and more";
  const std::string whose = found.size() == 1 ? "entry " + numbers + "'s id starts"
                                              : "the ids of entries " + numbers + " start";
  return ", but " + whose + " with " + std::string(id) +
         ": all digits name an entry number, so give a prefix that is not all digits, e.g. " +
         examples;
}

}  // namespace

void check_one_duration(const std::optional<std::string>& for_,
                        const std::optional<std::string>& minutes) {
  if (for_ && minutes)
    throw Error(ErrorCode::kInvalidInput, "give either --for or --minutes, not both");
}

std::optional<std::chrono::seconds> requested_duration(const std::optional<std::string>& for_,
                                                       const std::optional<std::string>& minutes) {
  check_one_duration(for_, minutes);
  if (for_)
    return parse_duration(*for_, "--for");
  if (minutes)
    return std::chrono::minutes{parse_whole_number(*minutes, "--minutes", 1, 1440)};
  return std::nullopt;
}

int parse_pain(std::string_view text, std::string_view what) {
  return static_cast<int>(parse_whole_number(text, what, 0, 10));
}

Logged logged_entry(Store& store, const Entry& entry, const Moment& moment,
                    const Settings& settings, const TimeContext& context) {
  Logged logged;
  logged.entry = entry;
  logged.day = habit_day(moment.local, settings.day_start);
  logged.week = week_stats(store, logged.day, settings, context);
  const auto this_week = week_containing(context.today(), settings.week_start).range.first;
  logged.weeks_ago = static_cast<int>(
      (date::sys_days{this_week} - date::sys_days{logged.week.period.range.first}).count() / 7);
  logged.pain_advice = entry.pain && *entry.pain >= settings.pain_warn;
  // A wall time that happened twice names its instant only with the offset, however the
  // moment was made (typed, measured by the timer or an away period, or given an offset).
  logged.show_offset = moment.ambiguous ||
                       moment.offset != moment_of(moment.instant, context.zone).offset ||
                       context.zone->at_local(moment.local).kind == LocalTimeInfo::Kind::kRepeated;
  return logged;
}

NewEntry new_entry_at(const Activity& activity, const Moment& moment, std::chrono::seconds duration,
                      const TimeContext& context) {
  NewEntry fresh;
  fresh.activity = activity.name;
  fresh.kind = activity.kind;
  fresh.start = moment.instant;
  fresh.offset = moment.offset;
  fresh.local_date = moment.local_date();
  fresh.duration = duration;
  fresh.created = context.now;
  return fresh;
}

Logged log_activity(Store& store, const LogRequest& request, const Settings& settings,
                    const TimeContext& context) {
  const Moment moment = request.at ? parse_at(*request.at, context) : context.now_here();
  const auto requested = requested_duration(request.for_, request.minutes);
  std::optional<int> pain;
  if (request.pain)
    pain = parse_pain(*request.pain);
  std::optional<std::string> note;
  if (request.note)
    note = parse_note(*request.note);
  const Activity activity = open_activity(store, request.activity);

  NewEntry fresh =
      new_entry_at(activity, moment, duration_for(activity, requested, settings), context);
  fresh.pain = pain;
  fresh.note = note;

  return logged_entry(store, store.add(fresh), moment, settings, context);
}

void each_listed(Store& store, const ListRequest& request, const TimeContext& context,
                 const std::function<void(const Entry& entry)>& each) {
  EntryFilter filter;
  if (request.kind)
    filter.kind = parse_kind(*request.kind);
  if (request.activity)
    filter.activity = activity_named(store, *request.activity).name;
  std::optional<std::size_t> limit;
  if (request.limit) {
    limit = static_cast<std::size_t>(parse_whole_number(*request.limit, "--limit", 1, 1'000'000));
  }
  if (!request.since && !request.until) {
    filter.limit = limit;
    store.each_entry(filter, each);
    return;
  }
  const auto since = request.since
                         ? std::optional(first_day(parse_when(*request.since, "--since", context)))
                         : std::nullopt;
  const auto first = since.value_or(date::year{1} / 1 / 1);
  const auto last =
      request.until ? last_day(parse_when(*request.until, "--until", context, since)) : kLastDay;
  const DateRange range = range_of(first, last).range;
  std::deque<Entry> latest;  // with --limit: the most recent so far
  store.each_entry(on_habit_days(range, filter), [&](const Entry& entry) {
    if (!range.contains(habit_day(entry.local_start(), context.day_start)))
      return;
    if (!limit) {
      each(entry);
      return;
    }
    latest.push_back(entry);
    if (latest.size() > *limit)
      latest.pop_front();
  });
  for (const Entry& entry : latest)
    each(entry);
}

Entry find_entry(Store& store, std::string_view id) {
  if (consists_of(id, "0123456789") && id.size() <= 18) {
    const auto n = parse_whole_number(id, "the entry number", 0, 999'999'999'999'999'999);
    if (auto entry = store.entry_numbered(n))
      return *entry;
    throw Error(ErrorCode::kInvalidInput,
                "no entry #" + std::string(id) + id_prefix_hint(store, id));
  }
  const std::string prefix = ascii_lower(id);
  if (prefix.size() < 4 || prefix.size() > 36 || !consists_of(prefix, "0123456789abcdef-")) {
    throw Error(ErrorCode::kInvalidInput,
                quote(id) +
                    " is not an entry: give its number from 'qlfit list' or at least 4 "
                    "hex digits of its id");
  }
  const auto found = store.entries_with_id_prefix(prefix, 2);
  if (found.empty()) {
    throw Error(ErrorCode::kInvalidInput, "no entry has an id starting with " + quote(id));
  }
  if (found.size() > 1) {
    throw Error(ErrorCode::kInvalidInput,
                "more than one entry has an id starting with " + quote(id) + "; give more digits");
  }
  return found.front();
}

Edited edit_entry(Store& store, const EditRequest& request, const TimeContext& context) {
  if (!request.at && !request.for_ && !request.minutes && !request.pain && !request.note &&
      !request.activity) {
    throw Error(ErrorCode::kInvalidInput,
                "nothing to change: give --at, --for, --minutes, --pain, --note or --activity");
  }
  check_one_duration(request.for_, request.minutes);
  Edited edited;
  edited.before = find_entry(store, request.id);
  Entry& entry = edited.entry = edited.before;
  if (request.at) {
    const Moment moment = parse_at(*request.at, context);
    entry.start = moment.instant;
    entry.offset = moment.offset;
    entry.local_date = moment.local_date();
  }
  if (const auto duration = requested_duration(request.for_, request.minutes))
    entry.duration = *duration;
  if (request.pain)
    entry.pain = *request.pain == "none" ? std::nullopt : std::optional(parse_pain(*request.pain));
  if (request.note) {
    entry.note = request.note->empty() ? std::nullopt : std::optional(parse_note(*request.note));
  }
  if (request.activity && *request.activity != entry.activity) {
    // Moving an entry into an activity gives it a new entry, as `log` would.
    const Activity activity = open_activity(store, *request.activity);
    entry.activity = activity.name;
    entry.kind = activity.kind;
  }
  const Entry& before = edited.before;
  const std::pair<EntryField, bool> fields[] = {
      {EntryField::kActivity, before.activity != entry.activity},
      {EntryField::kStart, before.start != entry.start || before.offset != entry.offset},
      {EntryField::kLength, before.duration != entry.duration},
      {EntryField::kPain, before.pain != entry.pain},
      {EntryField::kNote, before.note != entry.note},
  };
  for (const auto& [field, changed] : fields) {
    if (changed)
      edited.changes.push_back(field);
  }
  if (!edited.changes.empty())
    store.update(entry);
  return edited;
}

std::vector<Entry> remove_entries(Store& store, const std::vector<std::string>& ids) {
  std::vector<Entry> found;
  std::set<std::int64_t> seen;
  std::vector<std::int64_t> numbers;
  for (const std::string& id : ids) {
    Entry entry = find_entry(store, id);
    if (seen.insert(entry.n).second) {
      numbers.push_back(entry.n);
      found.push_back(std::move(entry));
    }
  }
  store.remove(numbers);
  return found;
}

}  // namespace qlfit
