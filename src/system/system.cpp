#include "system.hpp"

#include "qlfit/error.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

extern char** environ;

namespace qlfit::system {
namespace {

struct Finished {
  bool started = false;
  bool timed_out = false;  // killed at its time limit
  int status = -1;         // the exit status when it exited normally, else -1
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

// What is kept of a child's output: enough for any message, bounded whatever it writes.
constexpr std::size_t kKeptOutput = std::size_t{1024} * 1024;

// Ignores SIGPIPE while it lives, so a child that exits without reading its input
// cannot kill qlfit; the previous action comes back after.
class NoSigpipe {
 public:
  NoSigpipe() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    ::sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGPIPE, &ignore, &previous_);
  }
  ~NoSigpipe() { ::sigaction(SIGPIPE, &previous_, nullptr); }
  NoSigpipe(const NoSigpipe&) = delete;
  NoSigpipe& operator=(const NoSigpipe&) = delete;

 private:
  struct sigaction previous_ {};
};

int milliseconds_until(std::chrono::steady_clock::time_point deadline) {
  const auto left =
      std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::max<std::chrono::milliseconds::rep>(left.count(), 0));
}

// Writes `input` and reads both outputs together until the child closes them or the
// deadline passes; false at the deadline.
bool exchange(Pipe& in, Pipe& out, Pipe& err, const std::string& input, Finished& finished,
              std::chrono::steady_clock::time_point deadline) {
  std::size_t written = 0;
  if (input.empty())
    in.close_write();
  else
    ::fcntl(in.write_end(), F_SETFL, O_NONBLOCK);
  std::array<char, 65536> buffer{};
  for (;;) {
    std::array<pollfd, 3> watched{pollfd{in.write_end(), POLLOUT, 0},
                                  pollfd{out.read_end(), POLLIN, 0},
                                  pollfd{err.read_end(), POLLIN, 0}};
    if (watched[0].fd < 0 && watched[1].fd < 0 && watched[2].fd < 0)
      return true;
    const int timeout = milliseconds_until(deadline);
    if (timeout == 0)
      return false;
    if (::poll(watched.data(), watched.size(), timeout) <= 0)
      continue;  // EINTR, or the deadline: checked above
    if (watched[0].revents != 0) {
      const ssize_t sent = ::write(in.write_end(), input.data() + written, input.size() - written);
      if (sent > 0)
        written += static_cast<std::size_t>(sent);
      if ((sent < 0 && errno != EAGAIN && errno != EINTR) || written == input.size())
        in.close_write();
    }
    for (std::size_t i = 1; i < watched.size(); ++i) {
      if (watched[i].revents == 0)
        continue;
      Pipe& pipe = i == 1 ? out : err;
      std::string& into = i == 1 ? finished.out : finished.err;
      const ssize_t got = ::read(pipe.read_end(), buffer.data(), buffer.size());
      if (got > 0)
        into.append(buffer.data(),
                    std::min(static_cast<std::size_t>(got), kKeptOutput - into.size()));
      if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN))
        pipe.close_read();
    }
  }
}

// Waits for the child until the deadline, then kills its process group (the child and
// whatever it started). Always reaps it, so no zombie is left; returns the wait status.
int reap(pid_t pid, std::chrono::steady_clock::time_point deadline, Finished& finished) {
  while (!finished.timed_out) {
    siginfo_t info{};
    // WNOWAIT: an exited child stays unreaped, so its pid (the group's id) is not reused yet.
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0 &&
        errno != EINTR)
      break;
    if (info.si_pid == pid)
      break;
    if (milliseconds_until(deadline) == 0)
      finished.timed_out = true;
    else
      ::usleep(2000);
  }
  if (finished.timed_out)
    ::kill(-pid, SIGKILL);
  int status = -1;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// Runs `argv` with `input` on its stdin and its outputs captured (the first MiB of
// each); `extra_env` entries (NAME=value) are added to this process's environment.
// The child runs in a process group of its own, killed with it at `limit`.
Finished run(const std::vector<std::string>& argv, const std::string& input,
             const std::vector<std::string>& extra_env, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  Pipe in;
  Pipe out;
  Pipe err;
  Finished finished;
  if (!in.ok() || !out.ok() || !err.ok())
    return finished;
  const NoSigpipe no_sigpipe;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read_end(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.write_end(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write_end(), STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  ::sigemptyset(&defaults);
  for (const int signal : {SIGPIPE, SIGINT, SIGTERM, SIGHUP})
    ::sigaddset(&defaults, signal);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  // `watch` blocks SIGTERM and SIGINT (it reads them from a signalfd): its children don't.
  sigset_t none;
  ::sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_strings = extra_env;
  std::vector<char*> env;
  env.reserve(env_strings.size());
  for (auto& entry : env_strings)
    env.push_back(entry.data());
  for (char** entry = environ; *entry != nullptr; ++entry)
    env.push_back(*entry);
  env.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  in.close_read();
  out.close_write();
  err.close_write();
  if (spawned != 0)
    return finished;
  finished.started = true;
  finished.timed_out = !exchange(in, out, err, input, finished, deadline);
  const int status = reap(pid, deadline, finished);
  if (WIFEXITED(status) && !finished.timed_out)
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

// A notifier is a courtesy: when it takes longer, the line goes to stdout instead.
constexpr std::chrono::seconds kNotifierLimit{5};
constexpr std::chrono::seconds kCrontabLimit{10};

// Runs crontab with its time limit; throws Error(kStorage) when it cannot be run or
// does not finish in time.
Finished crontab_run(const std::vector<std::string>& argv, const std::string& input) {
  Finished finished = run(argv, input, {}, kCrontabLimit);
  if (finished.timed_out) {
    throw Error(ErrorCode::kStorage, "'" + argv[0] + " " + argv[1] + "' did not finish within " +
                                         std::to_string(kCrontabLimit.count()) +
                                         " s and was stopped: is cron working?");
  }
  if (!finished.started) {
    throw Error(ErrorCode::kStorage,
                "cannot run crontab: is cron installed? (Debian: apt-get install cron)");
  }
  return finished;
}

// The temporary file replace() holds, kept where a signal handler may read it: fixed
// storage, since a handler may not allocate. Then SQLite's companions of it.
constexpr std::size_t kPathRoom = 4096 + 16;
constexpr std::array<const char*, 4> kCompanions{"", "-journal", "-wal", "-shm"};
constexpr std::array<int, 3> kCleanupSignals{SIGINT, SIGTERM, SIGHUP};
std::array<std::array<char, kPathRoom>, kCompanions.size()> g_temporaries{};
volatile std::sig_atomic_t g_temporary_count = 0;

extern "C" void remove_temporaries_and_reraise(int signal) {
  for (std::sig_atomic_t i = 0; i < g_temporary_count; ++i)
    ::unlink(g_temporaries[static_cast<std::size_t>(i)].data());
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  ::sigemptyset(&fallback.sa_mask);
  ::sigaction(signal, &fallback, nullptr);
  ::raise(signal);
}

// An empty temporary file (0600) in `folder`, named after `target`: ".NAME.qlfit-XXXXXX".
// Removed with its companions when it goes, unless kept; while it exists, SIGINT,
// SIGTERM and SIGHUP (when they would end qlfit anyway) remove them first.
class Temporary {
 public:
  Temporary(const std::string& folder, const std::string& target) : target_(target) {
    const std::string name = std::filesystem::path(target).filename().string();
    path_ = (std::filesystem::path(folder.empty() ? "." : folder) / ("." + name + ".qlfit-XXXXXX"))
                .string();
    // The signals wait until the file is made and guarded, so none can come in between.
    sigset_t blocked;
    sigset_t before;
    ::sigemptyset(&blocked);
    for (const int signal : kCleanupSignals)
      ::sigaddset(&blocked, signal);
    ::sigprocmask(SIG_BLOCK, &blocked, &before);
    const int fd = ::mkostemp(path_.data(), O_CLOEXEC);
    const int reason = errno;
    if (fd >= 0) {
      ::fchmod(fd, 0600);
      ::close(fd);
      guard();
    }
    ::sigprocmask(SIG_SETMASK, &before, nullptr);
    if (fd < 0)
      throw Error(ErrorCode::kStorage, target + " cannot be written: " + std::strerror(reason));
  }
  ~Temporary() {
    if (!kept_) {
      for (const char* companion : kCompanions)
        ::unlink((path_ + companion).c_str());
    }
    for (std::size_t i = 0; i < kCleanupSignals.size(); ++i) {
      if (guarded_[i])
        ::sigaction(kCleanupSignals[i], &previous_[i], nullptr);
    }
    g_temporary_count = 0;
  }
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;
  const std::string& path() const { return path_; }
  const std::string& target() const { return target_; }
  // It became the target: nothing to remove.
  void keep() { kept_ = true; }

 private:
  void guard() {
    if (path_.size() + std::strlen("-journal") >= kPathRoom)
      return;
    for (std::size_t i = 0; i < kCompanions.size(); ++i) {
      const std::string name = path_ + kCompanions[i];
      std::copy(name.begin(), name.end(), g_temporaries[i].begin());
      g_temporaries[i][name.size()] = '\0';
    }
    g_temporary_count = static_cast<std::sig_atomic_t>(kCompanions.size());
    struct sigaction cleanup {};
    cleanup.sa_handler = remove_temporaries_and_reraise;
    ::sigemptyset(&cleanup.sa_mask);
    for (const int signal : kCleanupSignals)
      ::sigaddset(&cleanup.sa_mask, signal);
    for (std::size_t i = 0; i < kCleanupSignals.size(); ++i) {
      // An ignored signal stays ignored (nohup); one a caller handles is left to it.
      if (::sigaction(kCleanupSignals[i], nullptr, &previous_[i]) == 0 &&
          (previous_[i].sa_flags & SA_SIGINFO) == 0 && previous_[i].sa_handler == SIG_DFL) {
        guarded_[i] = ::sigaction(kCleanupSignals[i], &cleanup, nullptr) == 0;
      }
    }
  }

  std::string target_;
  std::string path_;
  bool kept_ = false;
  std::array<struct sigaction, kCleanupSignals.size()> previous_{};
  std::array<bool, kCleanupSignals.size()> guarded_{};
};

// Whether `path` reaches its file through /proc (/dev/stdout, /dev/fd/N): such a link
// names a file qlfit holds open, not a place where a file can be replaced.
bool through_proc(std::string path) {
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code failed;
    const auto absolute = std::filesystem::absolute(path, failed);
    const auto folder = std::filesystem::canonical(absolute.parent_path(), failed);
    if (!failed && folder.string().rfind("/proc/", 0) == 0)
      return true;
    struct stat link {};
    if (::lstat(path.c_str(), &link) != 0 || !S_ISLNK(link.st_mode))
      return false;
    const auto target = std::filesystem::read_symlink(path, failed);
    if (failed)
      return false;
    path = (target.is_absolute() ? target : absolute.parent_path() / target).string();
  }
  return false;
}

// A file descriptor, closed when it goes.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0)
      ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes it now; false when that reports an error (a write that failed late).
  bool close() { return ::close(std::exchange(fd_, -1)) == 0; }

 private:
  int fd_;
};

// Copies the bytes of `from` into the existing `path`, opened for writing without
// creating or truncating it (at its end when it is a regular file, as `>>` would).
void copy_into(const std::string& from, const std::string& path, bool append) {
  const Fd source(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
  Fd target(source.get() < 0
                ? -1
                : ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | (append ? O_APPEND : 0)));
  std::array<char, 65536> buffer{};
  bool failed = target.get() < 0;
  while (!failed) {
    const ssize_t got = ::read(source.get(), buffer.data(), buffer.size());
    if (got == 0 && target.close())
      return;
    failed = got == 0 || (got < 0 && errno != EINTR);
    for (ssize_t sent = 0; !failed && sent < got;) {
      const ssize_t now =
          ::write(target.get(), buffer.data() + sent, static_cast<std::size_t>(got - sent));
      sent += std::max<ssize_t>(now, 0);
      failed = now == 0 || (now < 0 && errno != EINTR);
    }
  }
  throw Error(ErrorCode::kStorage, path + " cannot be written: " + std::strerror(errno));
}

}  // namespace

bool notify(const std::string& text) {
  const auto bus = session_bus();
  if (!bus)
    return false;
  const Finished finished =
      run({"notify-send", "--app-name=qlfit", "--icon=dialog-information", "qlfit", text}, "",
          {*bus}, kNotifierLimit);
  return finished.started && finished.status == 0;
}

std::optional<std::string> read_crontab() {
  const Finished finished = crontab_run({"crontab", "-l"}, "");
  if (finished.status == 0)
    return finished.out;
  if (finished.err.find("no crontab for") != std::string::npos)
    return std::nullopt;
  throw Error(ErrorCode::kStorage, "crontab -l failed: " + first_line(finished.err));
}

void write_crontab(const std::string& text) {
  const Finished finished = crontab_run({"crontab", "-"}, text);
  if (finished.status != 0) {
    throw Error(ErrorCode::kStorage, "crontab refused the new table: " + first_line(finished.err));
  }
}

void run_systemctl(const std::vector<std::string>& args) {
  constexpr std::chrono::seconds kSystemctlLimit{10};
  std::vector<std::string> argv{"systemctl", "--user"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string command = "systemctl --user";
  for (const std::string& arg : args)
    command += " " + arg;
  const Finished finished = run(argv, "", {}, kSystemctlLimit);
  if (finished.timed_out) {
    throw Error(ErrorCode::kStorage, "'" + command + "' did not finish within " +
                                         std::to_string(kSystemctlLimit.count()) +
                                         " s and was stopped");
  }
  if (!finished.started)
    throw Error(ErrorCode::kStorage, "cannot run systemctl: is systemd installed?");
  if (finished.status != 0) {
    const std::string reason = first_line(finished.err);
    throw Error(ErrorCode::kStorage,
                "'" + command + "' failed" + (reason.empty() ? std::string() : ": " + reason));
  }
}

// A pull or a push over a slow network, not a hung one.
constexpr std::chrono::seconds kGitLimit{120};

std::string SystemGit::run(const std::string& dir, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"git", "-C", dir};
  argv.insert(argv.end(), args.begin(), args.end());
  // Never a prompt for a password or an editor: there is no one to answer it.
  const Finished finished =
      system::run(argv, "", {"GIT_TERMINAL_PROMPT=0", "GIT_EDITOR=true"}, kGitLimit);
  if (!finished.started)
    return "cannot run git: is it installed? (Debian: apt-get install git)";
  if (finished.timed_out) {
    return "'git " + args.at(0) + "' did not finish within " + std::to_string(kGitLimit.count()) +
           " s and was stopped";
  }
  if (finished.status == 0)
    return "";
  const std::string said = first_line(finished.err.empty() ? finished.out : finished.err);
  return said.empty() ? "git " + args.at(0) + " failed" : said;
}

std::function<std::string_view()> LocalFiles::pieces(const std::string& path) {
  const int fd = path == "-" ? ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0)
                             : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info {};
  if (fd < 0 || ::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    const std::string reason = fd < 0 ? std::strerror(errno) : "it is a folder";
    if (fd >= 0)
      ::close(fd);
    throw Error(ErrorCode::kStorage, path + " cannot be read: " + reason);
  }
  struct Open {
    int fd = -1;
    std::string buffer = std::string(std::size_t{64} * 1024, '\0');
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
  struct stat info {};
  const bool exists = ::stat(path.c_str(), &info) == 0;
  if (exists && S_ISDIR(info.st_mode))
    throw Error(ErrorCode::kStorage, path + " cannot be written: it is a folder");
  if (exists && (!S_ISREG(info.st_mode) || through_proc(path))) {
    // A device, a FIFO, a terminal, /dev/stdout: written into, never replaced.
    const char* folder = std::getenv("TMPDIR");
    Temporary temporary(folder != nullptr && *folder != '\0' ? folder : "/tmp", path);
    fill(temporary.path());  // on a throw, ~Temporary removes it
    copy_into(temporary.path(), path, S_ISREG(info.st_mode));
    return;
  }
  // Through a symlink, the file it names is replaced and the link kept.
  std::error_code unresolved;
  const std::filesystem::path target =
      exists ? std::filesystem::canonical(path, unresolved) : std::filesystem::path(path);
  Temporary temporary(target.parent_path().string(), target.string());
  fill(temporary.path());  // on a throw, ~Temporary removes it
  const int done = ::open(temporary.path().c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = done >= 0 && ::fsync(done) == 0;
  if (done >= 0)
    ::close(done);
  if (!synced || ::rename(temporary.path().c_str(), target.c_str()) != 0)
    throw Error(ErrorCode::kStorage, path + " cannot be written: " + std::strerror(errno));
  temporary.keep();
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
