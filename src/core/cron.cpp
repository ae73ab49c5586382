#include "qlfit/cron.hpp"

#include "qlfit/text.hpp"

#include <array>
#include <vector>

namespace qlfit {
namespace {

constexpr std::string_view kBegin =
    "# >>> qlfit reminders (from 'qlfit cron --install'; 'qlfit cron --uninstall' removes them)";
constexpr std::string_view kEnd = "# <<< qlfit reminders";

// A word for /bin/sh, and for cron, which turns an unescaped % into a newline.
std::string shell_word(std::string_view word) {
  check_one_line(word, "a crontab line");
  const bool plain = !word.empty() && word.find_first_not_of(
                                          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                          "0123456789/._+-@:,=") == std::string_view::npos;
  std::string out = plain ? "" : "'";
  for (const char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '%') {
      out += "\\%";
    } else {
      out += c;
    }
  }
  return plain ? out : out + "'";
}

std::string command(const CronTarget& target, std::string_view kind) {
  std::string line;
  if (target.tzdir)
    line += "TZDIR=" + shell_word(*target.tzdir) + " ";
  if (target.tz)
    line += "TZ=" + shell_word(*target.tz) + " ";
  line += shell_word(target.executable);
  if (target.db)
    line += " --db " + shell_word(*target.db);
  return line + " remind --for " + std::string(kind);
}

std::string at(std::chrono::minutes time) {
  return std::to_string(time.count() % 60) + " " + std::to_string(time.count() / 60);
}

// The largest step that divides an hour and is at most the break interval (and 30).
long minute_step(std::chrono::seconds every) {
  const long wanted = std::min<long>(30, std::max<long>(1, every.count() / 60));
  for (const long step : {30L, 20L, 15L, 12L, 10L, 6L, 5L, 4L, 3L, 2L}) {
    if (step <= wanted)
      return step;
  }
  return 1;
}

std::string days_field(const std::bitset<7>& days) {
  if (days.all())
    return "*";
  std::string field;
  for (std::size_t day = 0; day < 7; ++day) {
    if (days.test(day))
      field += (field.empty() ? "" : ",") + std::to_string(day);
  }
  return field == "1,2,3,4,5" ? "1-5" : field;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  return lines;
}

}  // namespace

std::string cron_block(const Settings& settings, const CronTarget& target) {
  const long first_hour = settings.break_hours.start.count() / 60;
  const long last_hour = (settings.break_hours.end.count() - 1) / 60;
  std::string block(kBegin);
  block += "\n*/" + std::to_string(minute_step(settings.break_every)) + " " +
           std::to_string(first_hour) +
           (last_hour > first_hour ? "-" + std::to_string(last_hour) : "") + " * * " +
           days_field(settings.break_days) + " " + command(target, "break") + "\n";
  block += at(settings.remind_session_at) + " * * * " + command(target, "session") + "\n";
  block += at(settings.remind_walk_at) + " * * * " + command(target, "walk") + "\n";
  block += std::string(kEnd) + "\n";
  return block;
}

std::string without_qlfit_block(std::string_view crontab) {
  std::string kept;
  bool inside = false;
  for (const std::string_view line : lines_of(crontab)) {
    if (line == kBegin) {
      inside = true;
    } else if (inside && line == kEnd) {
      inside = false;
    } else if (!inside || line.find(" remind --for ") == std::string_view::npos) {
      // A block whose end marker was deleted by hand ends at its first foreign line.
      inside = false;
      kept += line;
      kept += '\n';
    }
  }
  return kept;
}

std::string with_qlfit_block(std::string_view crontab, std::string_view block) {
  return without_qlfit_block(crontab) + std::string(block);
}

CronChange install_cron(Crontab& crontab, const std::string& block) {
  const std::string before = crontab.read().value_or("");
  const std::string after = with_qlfit_block(before, block);
  if (after == before)
    return CronChange::kUnchanged;
  crontab.write(after);
  return without_qlfit_block(before) == before ? CronChange::kAdded : CronChange::kUpdated;
}

CronChange uninstall_cron(Crontab& crontab) {
  const auto before = crontab.read();
  if (!before)
    return CronChange::kAbsent;
  const std::string after = without_qlfit_block(*before);
  if (after == *before)
    return CronChange::kAbsent;
  crontab.write(after);
  return CronChange::kRemoved;
}

}  // namespace qlfit
