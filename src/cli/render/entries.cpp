#include "qlfit/calendar.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/text.hpp"

#include "render.hpp"

#include <fmt/format.h>

#include <array>
#include <ostream>
#include <tuple>

namespace qlfit::cli::render {
namespace {

constexpr std::array<const char*, 7> kWeekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string week_standing(const Logged& logged) {
  const PeriodStats& week = logged.week;
  // The counts are of the entry's own week, which is named when it is not this one.
  const std::string which = logged.weeks_ago == 0 ? std::string("this week")
                            : logged.weeks_ago == 1
                                ? std::string("last week")
                                : "in the week of " + human_day(week.period.range.first);
  switch (logged.entry.kind) {
    case Kind::kSession: {
      const SessionSummary& sessions = week.sessions;
      if (sessions.verdict == Verdict::kPaused) {
        return fmt::format("{} {}, paused: nothing asked",
                           plural(sessions.count, "session", "sessions"), which);
      }
      if (sessions.above_max()) {
        return fmt::format("{} sessions {}, above {}: rest days help your back too", sessions.count,
                           which, band(sessions.target));
      }
      return fmt::format("{} of {} sessions {}{}", sessions.count, band(sessions.target), which,
                         sessions.met() ? ": target met" : "");
    }
    case Kind::kWalk: {
      const auto that_day = week.walked_on(logged.day);
      return fmt::format("{} of {} min walked that day, {} min {}", whole_minutes(that_day),
                         band(week.walk.target), whole_minutes(week.walk.total), which);
    }
    case Kind::kBreak:
      break;
  }
  return fmt::format("{} {} {}", week.breaks.count, week.breaks.count == 1 ? "break" : "breaks",
                     which);
}

std::string when_logged(const Entry& entry, bool with_offset) {
  std::string text = human_time(entry.local_start());
  if (with_offset)
    text += " " + format_offset(entry.offset);
  return text;
}

}  // namespace

const char* weekday_name(date::weekday weekday) {
  return kWeekdays[weekday.c_encoding()];
}

long whole_minutes(std::chrono::seconds duration) {
  return duration.count() / 60;
}

const char* month_name(date::month month) {
  return kMonths[static_cast<unsigned>(month) - 1];
}

std::string human_day(date::year_month_day day) {
  const date::weekday weekday{date::sys_days{day}};
  return fmt::format("{} {} {}", weekday_name(weekday), static_cast<unsigned>(day.day()),
                     month_name(day.month()));
}

std::string human_time(date::local_seconds local) {
  return fmt::format("{} {}", human_day(date::year_month_day{date::floor<date::days>(local)}),
                     clock_time(local));
}

std::string logged_line(const Logged& logged) {
  const Entry& entry = logged.entry;
  const std::string length =
      entry.kind == Kind::kWalk ? " " + format_duration(entry.duration) : std::string();
  return fmt::format("#{} {} {}{} — {}", entry.n, entry.activity,
                     when_logged(entry, logged.show_offset), length, week_standing(logged));
}

std::string pain_advice() {
  return "That is a high pain level. If pain is severe, talk to a trusted health provider "
         "before going on with the routine.";
}

std::string removed_line(const Entry& entry) {
  return fmt::format("removed #{} {} {} ({})", entry.n, entry.activity, when_logged(entry, false),
                     format_duration(entry.duration));
}

namespace {
// What the change was: "log of #3 walk ...", "import of 12 changes", "config set walk.min".
std::string undone_what(const Undone& undone) {
  if (undone.entry && undone.label == "edit") {
    return undone.nothing ? fmt::format("edit of #{} ({})", undone.entry->n, undone.detail)
                          : fmt::format("edit of #{}: {}", undone.entry->n, undone.detail);
  }
  if (undone.entry) {
    const Entry& entry = *undone.entry;
    return fmt::format("{} of #{} {} {} ({}){}{}", undone.label, entry.n, entry.activity,
                       when_logged(entry, false), format_duration(entry.duration),
                       undone.detail.empty() ? "" : "; ", undone.detail);
  }
  if (undone.label == "import" || undone.label == "rm")
    return fmt::format("{} of {} changes", undone.label, undone.operations);
  return fmt::format("{} {}", undone.label, printable(undone.detail));
}
}  // namespace

std::string undone_line(const Undone& undone) {
  if (undone.nothing) {
    // Nothing was reverted: said so, never "undid".
    return fmt::format(
        "nothing undone: the {} was changed on another machine since{}, so it is kept as it "
        "is; the next undo goes on to the change before it",
        undone_what(undone), undone.kept.empty() ? "" : " (now " + printable(undone.kept) + ")");
  }
  if (undone.kept.empty())
    return "undid " + undone_what(undone);
  return fmt::format("undid {}; kept {} (changed on another machine since)", undone_what(undone),
                     printable(undone.kept));
}

std::string imported_line(const Store::ImportCount& count, bool dry_run) {
  std::string what = std::to_string(count.added);
  if (count.pauses + count.activities + count.settings > 0) {
    what = plural(static_cast<long>(count.added), "entry", "entries");
    for (const auto& [n, one, many] : {std::tuple{count.pauses, "pause", "pauses"},
                                       std::tuple{count.activities, "activity", "activities"},
                                       std::tuple{count.settings, "setting", "settings"}}) {
      if (n > 0)
        what += ", " + plural(static_cast<long>(n), one, many);
    }
  }
  return fmt::format("{}imported {}, already present {}", dry_run ? "would have " : "", what,
                     count.present);
}

std::string edited_line(const Edited& edited) {
  const auto pain = [](const Entry& e) { return e.pain ? std::to_string(*e.pain) : "none"; };
  const auto note = [](const Entry& e) { return e.note ? quote(*e.note) : "none"; };
  const auto start = [](const Entry& e) { return iso_datetime(e.start, e.offset); };
  const auto length = [](const Entry& e) { return format_duration(e.duration); };
  const auto name = [](const Entry& e) { return e.activity; };
  std::string changes;
  for (const EntryField field : edited.changes) {
    const auto change = [&](std::string_view what, const auto& text) {
      return fmt::format("{} {} -> {}", what, text(edited.before), text(edited.entry));
    };
    std::string line;
    switch (field) {
      case EntryField::kActivity:
        line = change("activity", name);
        break;
      case EntryField::kStart:
        line = change("start", start);
        break;
      case EntryField::kLength:
        line = change("length", length);
        break;
      case EntryField::kPain:
        line = change("pain", pain);
        break;
      case EntryField::kNote:
        line = change("note", note);
        break;
    }
    changes += (changes.empty() ? "" : ", ") + printable(line);
  }
  return fmt::format("edited #{} {}: {}", edited.entry.n, edited.entry.activity,
                     changes.empty() ? "nothing changed" : changes);
}

void ListWriter::add(const Entry& entry) {
  if (json_) {
    formats::JsonWriter& json = *json_;
    if (!any_)
      json.begin_array();
    json.begin_object();
    json.key("n").value(entry.n);
    json.key("id").value(entry.id);
    json.key("activity").value(entry.activity);
    json.key("kind").value(to_string(entry.kind));
    json.key("start").value(iso_datetime(entry.start, entry.offset));
    json.key("date").value(iso_date(habit_day(entry.local_start(), day_start_)));
    json.key("duration_s").value(entry.duration.count());
    json.key("pain").value(entry.pain);
    json.key("note").value(entry.note);
    json.key("source").value(to_string(entry.source));
    json.end_object();
  } else {
    if (!any_) {
      out_ << fmt::format("{:>5}  {:<23} {:<12} {:>8}  {:>4}  {}\n", "#", "start", "activity",
                          "length", "pain", "note");
    }
    std::string row =
        fmt::format("{:>5}  {:<23} {:<12} {:>8}  {:>4}  {}", entry.n,
                    iso_datetime(entry.start, entry.offset).substr(0, 16).replace(10, 1, " ") +
                        " " + format_offset(entry.offset),
                    entry.source == Source::kAway ? entry.activity + " away" : entry.activity,
                    format_duration(entry.duration), entry.pain ? std::to_string(*entry.pain) : "-",
                    printable(entry.note.value_or("")));
    row.erase(row.find_last_not_of(' ') + 1);  // no trailing blanks when there is no note
    out_ << row << '\n';
  }
  any_ = true;
}

void ListWriter::finish() {
  if (json_) {
    if (!any_)
      json_->begin_array();
    json_->end_array();
    out_ << '\n';
  } else if (!any_) {
    out_ << "no entries yet: start with 'qlfit log butt-walk'\n";
  }
}

}  // namespace qlfit::cli::render
