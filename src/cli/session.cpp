#include "session.hpp"

#include "qlfit/calendar.hpp"
#include "qlfit/db_path.hpp"

namespace qlfit::cli {

Store& LazyStore::reader() {
  if (!store_) {
    on_file_ = access_.exists(path_);
    store_ = access_.open(path_, false);
  }
  return *store_;
}

Store& LazyStore::writer() {
  if (!store_ || !on_file_) {
    store_ = access_.open(path_, true);
    on_file_ = true;
  }
  return *store_;
}

Store& Session::store() {
  if (!store_) {
    const std::optional<std::string> flag =
        globals_.db.empty() ? std::nullopt : std::optional<std::string>(globals_.db);
    store_ = std::make_unique<LazyStore>(
        store_access_, resolve_db_path(flag, environment_.qlfit_db, environment_.xdg_data_home,
                                       environment_.home));
  }
  return *store_;
}

const Settings& Session::settings() {
  if (!settings_)
    settings_ = settings_from(store().settings());
  return *settings_;
}

const TimeContext& Session::time() {
  if (!time_) {
    TimeContext context;
    context.zone = find_zone(environment_.tz);
    context.now = environment_.qlfit_now ? parse_instant(*environment_.qlfit_now, "QLFIT_NOW")
                                         : environment_.clock;
    context.day_start = settings().day_start;
    context.week_start = settings().week_start;
    time_ = context;
  }
  return *time_;
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
