#include "session.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/db_path.hpp"
#include "qlfit/error.hpp"

#include <charconv>
#include <system_error>

namespace qlfit::cli {

std::string Session::db_path() const {
  const std::optional<std::string> flag =
      globals_.db.empty() ? std::nullopt : std::optional<std::string>(globals_.db);
  return resolve_db_path(flag, environment_.qlfit_db, environment_.xdg_data_home,
                         environment_.home);
}

std::optional<std::string> Session::cron_default_db_path() const {
  if (!environment_.home || environment_.home->empty())
    return std::nullopt;
  return resolve_db_path(std::nullopt, std::nullopt, std::nullopt, environment_.home);
}

History& Session::history() {
  store();
  return *store_;
}

Store& Session::store() {
  if (!store_) {
    store_ = outside_.store.open(db_path(), changes_ ? StoreMode::kModify : StoreMode::kRead,
                                 globals_.db.empty() && !environment_.qlfit_db);
    if (environment_.qlfit_now) {
      try {
        store_->record_changes_at(parse_instant(*environment_.qlfit_now, "QLFIT_NOW"));
      } catch (const Error&) {
        // A bad QLFIT_NOW is reported where the time is asked (time()).
      }
    }
  }
  return *store_;
}

bool Session::notify(const std::string& text) const {
  return outside_.notifier != nullptr && outside_.notifier->notify(text);
}

Git& Session::git() const {
  if (outside_.git == nullptr)
    throw Error(ErrorCode::kStorage, "git cannot be run from here");
  return *outside_.git;
}

Files& Session::files() const {
  if (outside_.files == nullptr)
    throw Error(ErrorCode::kStorage, "no files can be reached");
  return *outside_.files;
}

DeskWatch& Session::desk() const {
  if (outside_.desk == nullptr)
    throw Error(ErrorCode::kStorage, "no login manager can be followed");
  return *outside_.desk;
}

UserUnits& Session::units() const {
  if (outside_.units == nullptr)
    throw Error(ErrorCode::kStorage, "no systemd user manager can be reached");
  return *outside_.units;
}

Crontab& Session::crontab() const {
  if (outside_.crontab == nullptr)
    throw Error(ErrorCode::kStorage, "no crontab can be reached");
  return *outside_.crontab;
}

const Settings& Session::settings() {
  if (!settings_)
    settings_ = settings_from(store().settings());
  return *settings_;
}

const TimeContext& Session::time() {
  if (!time_) {
    TimeContext context;
    if (outside_.zones == nullptr)
      throw Error(ErrorCode::kStorage, "no zone files can be reached");
    context.zone = &outside_.zones->find(environment_.tz, environment_.tzdir);
    context.now = environment_.qlfit_now ? parse_instant(*environment_.qlfit_now, "QLFIT_NOW")
                                         : environment_.clock;
    check_clock(context.now_here(), environment_.qlfit_now ? *environment_.qlfit_now : "");
    context.day_start = settings().day_start;
    context.week_start = settings().week_start;
    time_ = context;
  }
  return *time_;
}

int Session::width() const {
  if (environment_.columns) {
    const std::string& text = *environment_.columns;
    int columns = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), columns);
    if (error == std::errc{} && end == text.data() + text.size() && columns >= 20 &&
        columns <= 1000)
      return columns;
  }
  return environment_.terminal_width > 0 ? environment_.terminal_width : 80;
}

bool Session::color() const {
  if (globals_.color == "always")
    return true;
  if (globals_.color == "never")
    return false;
  const bool no_color = environment_.no_color && !environment_.no_color->empty();
  return environment_.stdout_is_terminal && !no_color;
}

}  // namespace qlfit::cli
