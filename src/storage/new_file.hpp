#pragma once

// Files written whole or not at all (docs/sync.md): a temporary name in the same folder,
// fsync'd, renamed; a failed write (a full disk) leaves nothing behind.
#include <string>

namespace qlfit::storage {

// Throws a storage Error naming `path` and errno's reason.
[[noreturn]] void cannot(const std::string& path, const char* what);
// Makes `path` (its parent must exist), mode 0700; throws unless it is then a folder.
void make_folder(const std::string& path);
// fsync of a file or folder, best effort.
void sync_path(const std::string& path);

// Buffered writes to a new file (0600); every failure names the file and removes it.
class NewFile {
 public:
  explicit NewFile(std::string path);
  ~NewFile();
  NewFile(const NewFile&) = delete;
  NewFile& operator=(const NewFile&) = delete;
  void line(const std::string& text);
  // Written out and fsync'd, still under its temporary name.
  void flush_all();
  // Renamed to `final_path` (after flush_all()).
  void rename_to(const std::string& final_path);

 private:
  void flush();
  std::string path_;
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace qlfit::storage
