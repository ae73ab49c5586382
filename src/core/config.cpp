#include "qlfit/config.hpp"

#include "qlfit/error.hpp"

namespace qlfit {
namespace {

// The folder `sync` remembers: shown with the settings, but this machine's own (it never
// syncs) and set only by `qlfit sync DIR`.
constexpr std::string_view kSyncDir = "sync.dir";

void refuse_sync_dir(std::string_view key) {
  if (key == kSyncDir) {
    throw Error(ErrorCode::kInvalidInput,
                "sync.dir is set by 'qlfit sync DIR' (it is this machine's and never syncs)");
  }
}

}  // namespace

Settings load_settings(Store& store) {
  return settings_from(store.settings());
}

std::vector<SettingRow> list_settings(Store& store, History& history) {
  const auto stored = store.settings();
  const Settings settings = settings_from(stored);
  std::vector<SettingRow> rows;
  for (const SettingKey& key : setting_keys()) {
    const std::string name(key.key);
    rows.push_back(SettingRow{name, setting_value(settings, name), std::string(key.default_value),
                              std::string(key.meaning), stored.contains(name)});
  }
  const auto dir = history.sync_dir();
  rows.push_back(SettingRow{std::string(kSyncDir), dir.value_or("none"), "none",
                            "the folder 'qlfit sync' uses (set by 'qlfit sync DIR')",
                            dir.has_value()});
  return rows;
}

std::string get_setting(Store& store, History& history, std::string_view key) {
  if (key == kSyncDir) {
    if (auto dir = history.sync_dir())
      return *dir;
    throw Error(ErrorCode::kInvalidInput,
                "sync.dir is not set yet: 'qlfit sync DIR' sets it on the first sync");
  }
  return setting_value(load_settings(store), key);
}

std::string change_setting(Store& store, std::string_view key, std::string_view value) {
  refuse_sync_dir(key);
  const Settings changed = with_setting(load_settings(store), key, value);
  std::string canonical = setting_value(changed, key);
  store.set_setting(std::string(key), canonical);
  return canonical;
}

void check_synced_setting(std::string_view key, std::string_view value) {
  refuse_sync_dir(key);
  check_setting(key, value);
}

std::string reset_setting(Store& store, std::string_view key) {
  refuse_sync_dir(key);
  std::string fallback = setting_value(Settings{}, key);
  auto stored = store.settings();
  stored.erase(std::string(key));
  settings_from(stored);  // the rest must still agree (e.g. walk.min under walk.max)
  store.unset_setting(std::string(key));
  return fallback;
}

}  // namespace qlfit
