#pragma once

#include "qlfit/settings.hpp"
#include "qlfit/store.hpp"
#include "qlfit/when.hpp"

#include "run.hpp"

#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace qlfit::cli {

// Opens the database only when a command first touches it: reads of a missing file
// see an empty database and create nothing; the first write opens it for writing.
class LazyStore final : public Store {
 public:
  LazyStore(StoreAccess access, std::string path)
      : access_(std::move(access)), path_(std::move(path)) {}

  std::optional<Activity> find_activity(std::string_view name) override {
    return reader().find_activity(name);
  }
  std::vector<Activity> activities() override { return reader().activities(); }
  Entry add(const NewEntry& entry) override { return writer().add(entry); }
  std::optional<Entry> remove_last() override { return writer().remove_last(); }
  std::vector<Entry> entries(const EntryFilter& filter) override {
    return reader().entries(filter);
  }
  std::map<std::string, std::string> settings() override { return reader().settings(); }
  void set_setting(const std::string& key, const std::string& value) override {
    writer().set_setting(key, value);
  }
  bool unset_setting(const std::string& key) override { return writer().unset_setting(key); }

 private:
  Store& reader();
  Store& writer();

  StoreAccess access_;
  std::string path_;
  std::unique_ptr<Store> store_;
  bool on_file_ = false;
};

// Options every command takes, before or after its name.
struct GlobalOptions {
  std::string db;
  std::string color = "auto";
};

// Everything a command may use, each part made on first use.
class Session {
 public:
  Session(const Environment& environment, StoreAccess store_access, std::ostream& out_stream,
          std::ostream& err_stream)
      : environment_(environment),
        store_access_(std::move(store_access)),
        out(out_stream),
        err(err_stream) {}

  void set_globals(const GlobalOptions& globals) { globals_ = globals; }

  Store& store();
  // The user's settings, read from the database on first use.
  const Settings& settings();
  // Now and the zone. Throws Error(kInvalidInput) for a bad QLFIT_NOW or TZ.
  const TimeContext& time();
  // True when stdout should get colour: a terminal, NO_COLOR unset or empty, and
  // --color not "never" (or --color always).
  bool color() const;

 private:
  const Environment& environment_;
  StoreAccess store_access_;
  GlobalOptions globals_;
  std::optional<Settings> settings_;
  std::unique_ptr<LazyStore> store_;
  std::optional<TimeContext> time_;

 public:
  std::ostream& out;
  std::ostream& err;
};

}  // namespace qlfit::cli
