#include "qlfit/error.hpp"
#include "qlfit/text.hpp"

#include "../commands.hpp"
#include "../render/render.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <vector>

namespace qlfit::cli {

namespace {
struct SyncOptions {
  std::optional<std::string> dir;
  bool status = false;
  bool git = false;
};

// Runs one git step in `dir`; its failure is exit 3 with git's first line.
void git_step(Session& session, const std::string& dir, const std::vector<std::string>& args) {
  const std::string failed = session.git().run(dir, args);
  if (!failed.empty())
    throw Error(ErrorCode::kStorage, "git " + args.at(0) + " failed: " + failed);
}

// `git pull --rebase`; but a clone of an empty repository (no branch there yet, even when
// a first push that failed left a commit here) has nothing to pull: a fetch tells, and the
// sync only commits and pushes.
void pull(Session& session, const std::string& dir) {
  Git& git = session.git();
  if (!git.run(dir, {"rev-parse", "--quiet", "--verify", "@{upstream}"}).empty()) {
    git_step(session, dir, {"fetch", "--quiet"});
    if (!git.run(dir, {"rev-parse", "--quiet", "--verify", "@{upstream}"}).empty())
      return;
  }
  git_step(session, dir, {"pull", "--rebase", "--quiet"});
}

// `sync --git`: pull first (the database is not touched when that fails), then the
// folder sync, then this device's files committed and pushed; a push rejected because
// another device pushed first is pulled, applied and pushed once more.
SyncReport sync_through_git(Session& session, const std::string& dir) {
  pull(session, dir);
  SyncReport report = session.history().sync(dir);
  const std::string& device = report.device;
  git_step(session, dir, {"add", "--", device});
  if (!session.git().run(dir, {"diff", "--cached", "--quiet", "--", device}).empty()) {
    git_step(session, dir,
             {"commit", "--quiet", "-m", fmt::format("qlfit sync from {}", device), "--", device});
  }
  if (!session.git().run(dir, {"push", "--quiet"}).empty()) {
    pull(session, dir);
    report.received += session.history().sync(dir).received;
    git_step(session, dir, {"push", "--quiet"});
  }
  return report;
}

// Before the database is opened (a failed sync creates nothing): DIR must be a folder, or
// not exist yet in a folder that does, and must not hold the database, which never goes into it:
// not by its path, nor as a hard link or a symbolic link to it.
void check_folder(const Session& session, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::exists(dir, error) && !fs::is_directory(dir, error))
    throw Error(ErrorCode::kStorage, "sync folder " + dir + " cannot be used: it is not a folder");
  // Only DIR itself is made: a missing parent is a typo or a drive not mounted, and a
  // sync there would start a tree of its own.
  fs::path named(dir);
  while (!named.has_filename() && named.has_relative_path())
    named = named.parent_path();  // "Sync/qlfit/" names qlfit, as mkdir reads it
  const fs::path parent = named.parent_path();
  if (!fs::exists(dir, error) && !fs::is_directory(parent, error)) {
    throw Error(ErrorCode::kStorage, "sync folder " + dir + " cannot be used: its parent " +
                                         parent.string() +
                                         " is not a folder here (a typo, or a drive not "
                                         "mounted?); nothing was written");
  }
  const fs::path folder = fs::weakly_canonical(dir, error);
  const fs::path database = fs::weakly_canonical(session.db_path(), error);
  const auto [end, at] =
      std::mismatch(folder.begin(), folder.end(), database.begin(), database.end());
  if (end == folder.end()) {
    throw Error(ErrorCode::kInvalidInput,
                "the database " + session.db_path() + " is inside the sync folder " + dir +
                    "; give a folder apart from it (the database never goes into the folder)");
  }
  if (const auto copy = session.files().find_within(dir, session.db_path())) {
    throw Error(ErrorCode::kInvalidInput,
                "the database " + session.db_path() + " is also in the sync folder, as " + *copy +
                    " (a hard link or a symbolic link to it); remove that, the database never "
                    "goes into the folder");
  }
}

std::string utc_time(std::int64_t at_ms) {
  const date::sys_seconds at{std::chrono::seconds{at_ms / 1000}};
  return date::format("%Y-%m-%d %H:%M UTC", at);
}

int show_status(Session& session) {
  const SyncStatus status = session.history().sync_status();
  // DIR is whatever was typed: escaped, so it cannot drive the terminal.
  session.out << "sync folder: "
              << (status.dir ? printable_line(*status.dir) : "none yet (qlfit sync DIR)") << '\n';
  for (const SyncStatus::Device& device : status.devices) {
    const bool here = !status.device || device.id == *status.device;
    const std::string name = device.id.empty()
                                 ? "this device (its id is made on the first sync)"
                                 : "device " + device.id + (here ? " (this one)" : "");
    session.out << fmt::format(
        "{}: last change {}, {}\n", name, utc_time(device.last_change_ms),
        render::plural(static_cast<long>(device.operations), "operation", "operations"));
  }
  session.out << fmt::format(
      "not yet written: {}{}\n",
      render::plural(static_cast<long>(status.unwritten), "operation", "operations"),
      status.device ? "" : " (the first sync writes the whole history)");
  return 0;
}
}  // namespace

Command register_sync(CLI::App& root) {
  auto options = std::make_shared<SyncOptions>();
  CLI::App* app = root.add_subcommand(
      "sync", "Share every change with your other machines through a folder (docs/sync.md)");
  app->group("Your data");
  add_optional(*app, "DIR", options->dir,
               "a folder Syncthing, a cloud drive or NFS keeps in step (remembered)")
      ->type_name("DIR");
  app->add_flag("--git", options->git,
                "DIR is a git work tree: pull --rebase first, then commit and push");
  app->add_flag("--status", options->status,
                "the devices seen, their latest change, and what is not yet written");
  app->footer(R"(Writes this machine's new changes to new files under DIR/<device-id>/ and applies
every other machine's. The database itself never goes into DIR.
Examples:
  qlfit sync ~/Sync/qlfit
  qlfit sync
  qlfit sync ~/qlfit-sync --git
  qlfit sync --status)");
  return {app, [options](Session& session) {
            if (options->status) {
              if (options->dir || options->git) {
                throw Error(ErrorCode::kInvalidInput,
                            std::string("sync --status shows the folder the last sync used and "
                                        "takes no ") +
                                (options->dir ? "DIR" : "--git") + ", e.g. qlfit sync --status");
              }
              return show_status(session);
            }
            std::string dir;
            if (options->dir) {
              if (options->dir->empty())
                throw Error(ErrorCode::kInvalidInput,
                            "sync needs a folder, got an empty DIR, e.g. qlfit sync ~/Sync/qlfit");
              dir = std::filesystem::absolute(*options->dir).lexically_normal().string();
            } else if (auto remembered = session.history().sync_dir()) {
              dir = *remembered;
            } else {
              throw Error(ErrorCode::kInvalidInput,
                          "sync needs a folder the first time, e.g. qlfit sync ~/Sync/qlfit");
            }
            check_folder(session, dir);
            const SyncReport report =
                options->git ? sync_through_git(session, dir) : session.history().sync(dir);
            if (!report.left_device.empty()) {
              session.err << fmt::format(
                  "qlfit: this database was behind its own sync folder (restored from a backup, "
                  "or a copy of an older state?): it syncs as device {} from now on and reads "
                  "{} as another device's\n",
                  report.device, report.left_device);
            }
            // "up to date" only when nothing was new and nothing was passed over: a skipped
            // file is counted in the line, as it is in the exit status.
            if (report.sent == 0 && report.received == 0 && report.skipped.empty()) {
              session.out << "up to date\n";
            } else {
              session.out << fmt::format(
                  "sent {}, received {}{}\n",
                  render::plural(static_cast<long>(report.sent), "operation", "operations"),
                  report.received,
                  report.skipped.empty()
                      ? ""
                      : fmt::format(", skipped {} (named on stderr)", report.skipped.size()));
            }
            // Names found in DIR are anyone's: escaped, so each is one line that cannot
            // drive the terminal.
            for (const std::string& settled : report.settled)
              session.err << "qlfit: " << printable_line(settled) << '\n';
            for (const std::string& skipped : report.skipped)
              session.err << "qlfit: skipped " << printable_line(skipped) << '\n';
            return report.skipped.empty() ? 0 : 3;
          }};
}

}  // namespace qlfit::cli
