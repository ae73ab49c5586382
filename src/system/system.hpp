#pragma once

#include "qlfit/cron.hpp"
#include "qlfit/files.hpp"
#include "qlfit/git.hpp"
#include "qlfit/remind.hpp"

#include <optional>
#include <string>
#include <vector>

// The adapter for the rest of the machine: programs qlfit starts. Each is started
// without a shell (posix_spawnp with an argument vector).
namespace qlfit::system {

// Shows `text` as a desktop notification through notify-send. Returns false when
// no notifier can be reached (none on PATH, no session bus) or it fails.
bool notify(const std::string& text);

// The user's crontab through `crontab -l`; std::nullopt when there is none yet.
// Throws Error(kStorage) when crontab cannot be run or fails.
std::optional<std::string> read_crontab();

// Replaces the user's crontab through `crontab -`. Throws Error(kStorage) on failure.
void write_crontab(const std::string& text);

// Runs `systemctl --user ARGS...` within 10 s. Throws Error(kStorage) with its reason (its
// first error line) when it cannot be run, fails, or does not finish in time.
void run_systemctl(const std::vector<std::string>& args);

class SystemCrontab final : public Crontab {
 public:
  std::optional<std::string> read() override { return read_crontab(); }
  void write(const std::string& table) override { write_crontab(table); }
};

class LocalFiles final : public Files {
 public:
  std::function<std::string_view()> pieces(const std::string& path) override;
  void replace(const std::string& path,
               const std::function<void(const std::string& temporary)>& fill) override;
  void replace(const std::string& path,
               const std::function<void(std::ostream& out)>& write) override;
  bool same_file(const std::string& a, const std::string& b) override;
  std::optional<std::string> find_within(const std::string& folder,
                                         const std::string& file) override;
};

// git, run in a folder with a time limit of its own (network steps can be slow).
class SystemGit final : public Git {
 public:
  std::string run(const std::string& dir, const std::vector<std::string>& args) override;
};

class DesktopNotifier final : public Notifier {
 public:
  bool notify(const std::string& text) override { return system::notify(text); }
};

}  // namespace qlfit::system
