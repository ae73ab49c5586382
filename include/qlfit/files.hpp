#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace qlfit {

// The port to named files (implemented by src/system).
class Files {
 public:
  virtual ~Files() = default;
  // The file ("-": standard input) in pieces, so a file of any size fits in memory: each call of
  // the returned function gives the next piece (valid until the next call), empty at the end.
  // Throws Error(kStorage) naming the path when it is missing, unreadable or a folder.
  virtual std::function<std::string_view()> pieces(const std::string& path) = 0;
  // Makes `path` whole or not at all: `fill` writes an empty temporary file (mode
  // 0600) beside it; that file is then synced and renamed over `path` (over the file a
  // symlink names, keeping the link). If `fill` throws, or SIGINT, SIGTERM or SIGHUP
  // ends the process meanwhile, the temporary file is removed and `path` left as it was.
  // A `path` that is not a regular file (a device, a FIFO, /dev/stdout) is never
  // replaced: the temporary file is made in $TMPDIR (default /tmp), then copied into it.
  // Throws Error(kStorage) naming `path` when it is a folder or cannot be written.
  virtual void replace(const std::string& path,
                       const std::function<void(const std::string& temporary)>& fill) = 0;
  // The same, `write` writing the new contents to the stream it is given (so a command
  // never opens a stream itself).
  virtual void replace(const std::string& path,
                       const std::function<void(std::ostream& out)>& write) = 0;
  // True when `a` and `b` name one file (the same device and inode: through .., a
  // symlink or a hard link); when either does not exist, when their absolute paths,
  // symlinks resolved, are the same.
  virtual bool same_file(const std::string& a, const std::string& b) = 0;
  // A path under `folder` that is `file` itself (a hard link to it, or a symbolic link
  // naming it), found by device and inode; std::nullopt when none, or when `file` does not
  // exist. Symbolic links to folders are not followed, nor is a `.git` folder searched.
  virtual std::optional<std::string> find_within(const std::string& folder,
                                                 const std::string& file) = 0;
};

}  // namespace qlfit
