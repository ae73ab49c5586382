// The programs qlfit starts (notify-send, crontab, systemctl, git), without a shell and
// with time limits.
#include "qlfit/error.hpp"

#include "system.hpp"

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

}  // namespace qlfit::system
