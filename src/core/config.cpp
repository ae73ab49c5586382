#include "qlfit/config.hpp"

namespace qlfit {

Settings load_settings(Store& store) {
  return settings_from(store.settings());
}

std::vector<SettingRow> list_settings(Store& store) {
  const auto stored = store.settings();
  const Settings settings = settings_from(stored);
  std::vector<SettingRow> rows;
  for (const SettingKey& key : setting_keys()) {
    const std::string name(key.key);
    rows.push_back(SettingRow{name, setting_value(settings, name), std::string(key.default_value),
                              std::string(key.meaning), stored.contains(name)});
  }
  return rows;
}

std::string get_setting(Store& store, std::string_view key) {
  return setting_value(load_settings(store), key);
}

std::string change_setting(Store& store, std::string_view key, std::string_view value) {
  const Settings changed = with_setting(load_settings(store), key, value);
  std::string canonical = setting_value(changed, key);
  store.set_setting(std::string(key), canonical);
  return canonical;
}

std::string reset_setting(Store& store, std::string_view key) {
  std::string fallback = setting_value(Settings{}, key);
  auto stored = store.settings();
  stored.erase(std::string(key));
  settings_from(stored);  // the rest must still agree (e.g. walk.min under walk.max)
  store.unset_setting(std::string(key));
  return fallback;
}

}  // namespace qlfit
