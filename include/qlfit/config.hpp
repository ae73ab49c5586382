#pragma once

#include "qlfit/history.hpp"
#include "qlfit/settings.hpp"
#include "qlfit/store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace qlfit {

// The user's settings, over the defaults. Throws Error(kStorage) for a bad stored value.
Settings load_settings(Store& store);

struct SettingRow {
  std::string key;
  std::string value;  // in force
  std::string default_value;
  std::string meaning;
  bool changed = false;  // set by the user
};

// Every setting with its value in force, default and meaning, in `config list` order;
// last, sync.dir, which `history` keeps (this machine's own: it never syncs).
std::vector<SettingRow> list_settings(Store& store, History& history);

// The value in force of one setting (sync.dir from `history`). Unknown key:
// Error(kInvalidInput).
std::string get_setting(Store& store, History& history, std::string_view key);

// Checks and stores one setting; returns its value in canonical notation. A bad
// value, or one that contradicts another setting: Error(kInvalidInput), nothing stored.
std::string change_setting(Store& store, std::string_view key, std::string_view value);

// Checks one setting that came from another machine as `config set` checks it, on its
// own (keys changed on different machines merge): Error(kInvalidInput) as config set words it.
void check_synced_setting(std::string_view key, std::string_view value);

// Puts one setting back to its default; returns that default. Unknown key:
// Error(kInvalidInput); a key that was not set is not an error.
std::string reset_setting(Store& store, std::string_view key);

}  // namespace qlfit
