// Runs whole commands in interleaved rounds (A B C A B C ...), so the machine's drift
// (other load, CPU frequency, caches) falls on every command alike, and prints per
// command the median, minimum and maximum wall time and the peak resident memory.
//
// Usage: interleave ROUNDS WARMUP NAME :: ARGV... [:: NAME :: ARGV...]...
//   e.g. interleave 30 3 "qlfit --version" :: ./qlfit --version :: "sqlite3 -version" ::
//        sqlite3 -version
// Output, one line per command, tab-separated: name, median ms, min ms, max ms, peak KiB.
// Commands run directly (no shell) with stdout and stdin on /dev/null; a command that
// fails stops the run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

struct Command {
  std::string name;
  std::vector<std::string> argv;
  std::vector<double> ms;
  long peak_kib = 0;
};

[[noreturn]] void usage(const char* why) {
  std::fprintf(
      stderr,
      "interleave: %s\nusage: interleave ROUNDS WARMUP NAME :: ARGV... [:: NAME :: ARGV...]...\n",
      why);
  std::exit(2);
}

// Runs one command; returns its wall time in ms and raises its peak RSS.
double run(Command& command) {
  std::vector<char*> argv;
  for (auto& arg : command.argv)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    std::fprintf(stderr, "interleave: cannot start %s\n", argv[0]);
    std::exit(1);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  const auto end = std::chrono::steady_clock::now();
  posix_spawn_file_actions_destroy(&actions);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "interleave: %s failed (status %d)\n", command.name.c_str(), status);
    std::exit(1);
  }
  command.peak_kib = std::max(command.peak_kib, usage.ru_maxrss);
  return std::chrono::duration<double, std::milli>(end - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6)
    usage("too few arguments");
  const int rounds = std::atoi(argv[1]);
  const int warmup = std::atoi(argv[2]);
  if (rounds < 1 || warmup < 0)
    usage("ROUNDS must be at least 1 and WARMUP at least 0");
  std::vector<Command> commands;
  for (int i = 3; i < argc;) {
    Command command;
    command.name = argv[i++];
    if (i >= argc || std::string(argv[i++]) != "::")
      usage("a NAME must be followed by ::");
    while (i < argc && std::string(argv[i]) != "::")
      command.argv.emplace_back(argv[i++]);
    ++i;  // the :: before the next NAME
    if (command.argv.empty())
      usage("a command has no ARGV");
    commands.push_back(std::move(command));
  }
  for (int round = 0; round < warmup + rounds; ++round) {
    for (auto& command : commands) {
      const double ms = run(command);
      if (round >= warmup)
        command.ms.push_back(ms);
    }
  }
  for (auto& command : commands) {
    std::sort(command.ms.begin(), command.ms.end());
    const std::size_t n = command.ms.size();
    const double median =
        n % 2 == 1 ? command.ms[n / 2] : (command.ms[n / 2 - 1] + command.ms[n / 2]) / 2;
    std::printf("%s\t%.2f\t%.2f\t%.2f\t%ld\n", command.name.c_str(), median, command.ms.front(),
                command.ms.back(), command.peak_kib);
  }
  return 0;
}
