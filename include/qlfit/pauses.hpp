#pragma once

#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include <optional>
#include <string>
#include <vector>

namespace qlfit {

// The use cases of pauses: rest days that are never "missed".

// Adds rest days from FROM to TO (WHENs, whole days, both included). Days that overlap
// another pause: Error(kInvalidInput) naming it.
Pause add_pause(Store& store, const std::string& from, const std::string& to,
                const std::optional<std::string>& note, const TimeContext& context);

// Every pause, earliest first.
std::vector<Pause> list_pauses(Store& store);

// Removes pause number NUMBER. No such pause: Error(kNotFound).
Pause remove_pause(Store& store, const std::string& number);

}  // namespace qlfit
