#include "qlfit/pauses.hpp"

#include "qlfit/error.hpp"
#include "qlfit/parse.hpp"
#include "qlfit/text.hpp"

#include <cstdint>

namespace qlfit {

Pause add_pause(Store& store, const std::string& from, const std::string& to,
                const std::optional<std::string>& note, const TimeContext& context) {
  const auto first = first_day(parse_when(from, "--from", context));
  const Period days = range_of(first, last_day(parse_when(to, "--to", context, first)));
  std::optional<std::string> checked;
  if (note)
    checked = parse_note(*note);
  // Overlapping pauses are refused rather than merged: each keeps its own note, and
  // `pause rm` removes exactly the days that were added.
  for (const Pause& pause : store.pauses()) {
    if (pause.days.overlaps(days.range)) {
      throw Error(ErrorCode::kInvalidInput,
                  iso_date(days.range.first) + ".." + iso_date(days.range.last) +
                      " overlaps pause #" + std::to_string(pause.n) + " (" +
                      iso_date(pause.days.first) + ".." + iso_date(pause.days.last) +
                      "); give days outside it, or remove it with 'qlfit pause rm " +
                      std::to_string(pause.n) + "' and add the whole span");
    }
  }
  return store.add_pause(days.range, checked);
}

std::vector<Pause> list_pauses(Store& store) {
  return store.pauses();
}

Pause remove_pause(Store& store, const std::string& number) {
  constexpr std::size_t kMostDigits = 18;
  if (number.empty() || number.size() > kMostDigits || !consists_of(number, "0123456789")) {
    throw Error(ErrorCode::kInvalidInput,
                "a pause is named by its number from 'qlfit pause list', got " + quote(number));
  }
  const auto n = parse_whole_number(number, "the pause number", 0, INT64_MAX);
  if (auto removed = store.remove_pause(n))
    return *removed;
  throw Error(ErrorCode::kNotFound, "no pause #" + std::to_string(n) + "; see 'qlfit pause list'");
}

}  // namespace qlfit
