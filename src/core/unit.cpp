#include "qlfit/unit.hpp"

#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

namespace qlfit {
namespace {

// One word of ExecStart: % and $ doubled (systemd's specifiers and variables), and in
// double quotes with \ and " escaped when it holds a space, a quote or a backslash.
std::string exec_word(const std::string& word) {
  check_one_line(word, "the unit's ExecStart line");
  std::string escaped;
  bool quote = word.empty();
  for (const char c : word) {
    if (c == '%' || c == '$')
      escaped += c;
    if (c == '\\' || c == '"')
      escaped += '\\';
    quote = quote || c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '\\';
    escaped += c;
  }
  return quote ? "\"" + escaped + "\"" : escaped;
}

std::string unit_path(const std::string& folder) {
  return folder + "/" + kWatchUnit;
}

}  // namespace

std::string watch_unit(const UnitTarget& target) {
  std::string exec = exec_word(target.executable);
  if (target.db)
    exec += " --db " + exec_word(*target.db);
  exec += target.notify ? " watch --notify" : " watch";
  return "# Written by 'qlfit watch --install'; 'qlfit watch --uninstall' removes it.\n"
         "[Unit]\n"
         "Description=qlfit: time away from the desk counts as a break\n"
         "PartOf=graphical-session.target\n"
         "After=graphical-session.target\n"
         "\n"
         "[Service]\n"
         "ExecStart=" +
         exec +
         "\n"
         "Restart=on-failure\n"
         "RestartSec=5\n"
         "\n"
         "[Install]\n"
         "WantedBy=graphical-session.target\n";
}

UnitChange install_watch_unit(UserUnits& units, const std::string& folder,
                              const std::string& text) {
  const std::string path = unit_path(folder);
  const auto before = units.read(path);
  const bool changed = before && *before != text;
  units.write(path, text);
  try {
    units.systemctl({"daemon-reload"});
    units.systemctl({"enable", "--now", kWatchUnit});
    // enable --now leaves a running watch as it was: restarted, it runs the new unit.
    if (changed)
      units.systemctl({"restart", kWatchUnit});
  } catch (const Error&) {
    if (before)
      units.write(path, *before);
    else
      units.remove(path);
    // What systemd loaded is put back too, when the step that failed was a later one.
    try {
      units.systemctl({"daemon-reload"});
    } catch (const Error&) {  // the first failure is the one told
    }
    throw;
  }
  if (!before)
    return UnitChange::kInstalled;
  return changed ? UnitChange::kUpdated : UnitChange::kUnchanged;
}

UnitChange uninstall_watch_unit(UserUnits& units, const std::string& folder) {
  const std::string path = unit_path(folder);
  if (!units.read(path))
    return UnitChange::kAbsent;
  units.systemctl({"disable", "--now", kWatchUnit});
  units.remove(path);
  units.systemctl({"daemon-reload"});
  return UnitChange::kRemoved;
}

}  // namespace qlfit
