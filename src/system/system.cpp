#include "system.hpp"

#include "qlfit/error.hpp"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace qlfit::system {
namespace {

struct Finished {
  bool started = false;
  int status = -1;  // the exit status when it exited normally, else -1
  std::string out;
  std::string err;
};

class Pipe {
 public:
  Pipe() {
    if (::pipe2(ends_.data(), O_CLOEXEC) != 0)
      ends_ = {-1, -1};
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  bool ok() const { return ends_[0] >= 0; }
  int read_end() const { return ends_[0]; }
  int write_end() const { return ends_[1]; }
  void close_read() { close_end(0); }
  void close_write() { close_end(1); }

 private:
  void close_end(std::size_t which) {
    if (ends_[which] >= 0)
      ::close(ends_[which]);
    ends_[which] = -1;
  }
  std::array<int, 2> ends_{-1, -1};
};

void read_all(int fd, std::string& into) {
  std::array<char, 4096> buffer{};
  for (;;) {
    const ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got > 0) {
      into.append(buffer.data(), static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      return;
    }
  }
}

// Runs `argv` with `input` on its stdin and its output captured; `extra_env`
// entries (NAME=value) are added to this process's environment.
Finished run(const std::vector<std::string>& argv, const std::string& input,
             const std::vector<std::string>& extra_env) {
  Pipe in;
  Pipe out;
  Pipe err;
  Finished finished;
  if (!in.ok() || !out.ok() || !err.ok())
    return finished;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read_end(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.write_end(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write_end(), STDERR_FILENO);
  std::vector<char*> args;
  for (const auto& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings = extra_env;
  std::vector<char*> env;
  for (auto& entry : env_strings)
    env.push_back(entry.data());
  for (char** entry = environ; *entry != nullptr; ++entry)
    env.push_back(*entry);
  env.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  in.close_read();
  out.close_write();
  err.close_write();
  if (spawned != 0)
    return finished;
  finished.started = true;
  // Small inputs and outputs (a crontab): write all, then read both streams.
  std::size_t written = 0;
  while (written < input.size()) {
    const ssize_t sent = ::write(in.write_end(), input.data() + written, input.size() - written);
    if (sent < 0 && errno == EINTR)
      continue;
    if (sent <= 0)
      break;
    written += static_cast<std::size_t>(sent);
  }
  in.close_write();
  read_all(out.read_end(), finished.out);
  read_all(err.read_end(), finished.err);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status))
    finished.status = WEXITSTATUS(status);
  // A program that could not be executed exits 127 from the spawned child.
  if (finished.status == 127)
    finished.started = false;
  return finished;
}

std::string first_line(const std::string& text) {
  const auto end = text.find('\n');
  return text.substr(0, end);
}

// The session bus for notify-send: the inherited address, else the standard
// per-user socket (what cron does not pass on).
std::optional<std::string> session_bus() {
  if (const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
      address != nullptr && *address != '\0') {
    return std::string("DBUS_SESSION_BUS_ADDRESS=") + address;
  }
  const char* runtime = std::getenv("XDG_RUNTIME_DIR");
  const std::string folder = runtime != nullptr && *runtime != '\0'
                                 ? std::string(runtime)
                                 : "/run/user/" + std::to_string(::getuid());
  struct stat info {};
  if (::stat((folder + "/bus").c_str(), &info) != 0 || !S_ISSOCK(info.st_mode)) {
    return std::nullopt;
  }
  return "DBUS_SESSION_BUS_ADDRESS=unix:path=" + folder + "/bus";
}

}  // namespace

bool notify(const std::string& text) {
  const auto bus = session_bus();
  if (!bus)
    return false;
  const Finished finished = run(
      {"notify-send", "--app-name=qlfit", "--icon=dialog-information", "qlfit", text}, "", {*bus});
  return finished.started && finished.status == 0;
}

std::optional<std::string> read_crontab() {
  const Finished finished = run({"crontab", "-l"}, "", {});
  if (!finished.started) {
    throw Error(ErrorCode::kStorage,
                "cannot run crontab: is cron installed? (Debian: apt-get install cron)");
  }
  if (finished.status == 0)
    return finished.out;
  if (finished.err.find("no crontab for") != std::string::npos)
    return std::nullopt;
  throw Error(ErrorCode::kStorage, "crontab -l failed: " + first_line(finished.err));
}

void write_crontab(const std::string& text) {
  const Finished finished = run({"crontab", "-"}, text, {});
  if (!finished.started) {
    throw Error(ErrorCode::kStorage,
                "cannot run crontab: is cron installed? (Debian: apt-get install cron)");
  }
  if (finished.status != 0) {
    throw Error(ErrorCode::kStorage, "crontab refused the new table: " + first_line(finished.err));
  }
}

std::function<std::string_view()> LocalFiles::pieces(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info {};
  if (fd < 0 || ::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    const std::string reason = fd < 0 ? std::strerror(errno) : "it is a folder";
    if (fd >= 0)
      ::close(fd);
    throw Error(ErrorCode::kStorage, path + " cannot be read: " + reason);
  }
  struct Open {
    int fd = -1;
    std::string buffer = std::string(64 * 1024, '\0');
    Open() = default;
    Open(const Open&) = delete;
    Open& operator=(const Open&) = delete;
    ~Open() {
      if (fd >= 0)
        ::close(fd);
    }
  };
  auto file = std::make_shared<Open>();
  file->fd = fd;
  return [file, path]() -> std::string_view {
    ssize_t got = -1;
    do {
      got = ::read(file->fd, file->buffer.data(), file->buffer.size());
    } while (got < 0 && errno == EINTR);
    if (got < 0)
      throw Error(ErrorCode::kStorage, path + " cannot be read: " + std::strerror(errno));
    return std::string_view(file->buffer.data(), static_cast<std::size_t>(got));
  };
}

void LocalFiles::replace(const std::string& path,
                         const std::function<void(const std::string& temporary)>& fill) {
  const std::filesystem::path target{path};
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    throw Error(ErrorCode::kStorage, path + " cannot be written: it is a folder");
  }
  std::string temporary =
      (target.parent_path() / ("." + target.filename().string() + ".qlfit-XXXXXX")).string();
  const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
  if (fd < 0)
    throw Error(ErrorCode::kStorage, path + " cannot be written: " + std::strerror(errno));
  ::fchmod(fd, 0600);
  ::close(fd);
  try {
    fill(temporary);
  } catch (...) {
    ::unlink(temporary.c_str());
    throw;
  }
  const int done = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = done >= 0 && ::fsync(done) == 0;
  if (done >= 0)
    ::close(done);
  if (!synced || ::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temporary.c_str());
    throw Error(ErrorCode::kStorage, path + " cannot be written: " + reason);
  }
  const std::string folder = target.parent_path().string();
  const int dir = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

bool LocalFiles::same_file(const std::string& a, const std::string& b) {
  struct stat first {};
  struct stat second {};
  if (::stat(a.c_str(), &first) == 0 && ::stat(b.c_str(), &second) == 0)
    return first.st_dev == second.st_dev && first.st_ino == second.st_ino;
  std::error_code ignored;
  const auto resolved = [&ignored](const std::string& path) {
    return std::filesystem::weakly_canonical(std::filesystem::absolute(path, ignored), ignored);
  };
  return resolved(a) == resolved(b);
}

}  // namespace qlfit::system
