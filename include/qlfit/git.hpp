#pragma once

#include <string>
#include <vector>

namespace qlfit {

// The port to git, for `sync --git` (implemented by src/system: posix_spawn, no shell,
// a time limit, its output read without deadlock).
class Git {
 public:
  virtual ~Git() = default;
  // Runs `git -C dir args...`. Returns "" when it succeeded, else the first line of
  // what it said (its stderr, else its stdout), or why it could not run.
  virtual std::string run(const std::string& dir, const std::vector<std::string>& args) = 0;
};

}  // namespace qlfit
