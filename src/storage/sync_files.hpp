#pragma once

// The files of the sync folder as qlfit touches them (docs/sync.md, "Symbolic links"):
// never through a symbolic link, never a mode changed on what is not its own folder.
#include <cstddef>
#include <string>

namespace qlfit::storage {

// Throws Error(kStorage) naming `path` when it is a symbolic link: this device's own folder
// is never one (qlfit writes only into a folder of its own).
void refuse_link(const std::string& path);
// Makes (or checks) this device's own folder DIR/<device-id>: a real folder, mode 0700.
// A symbolic link or anything but a folder there is refused: Error(kStorage) naming it.
void own_folder(const std::string& path);

// One sync file read line by line without following a symbolic link (O_NOFOLLOW) and in
// bounded memory. Every failure is Error(kInvalidInput) with why ("a symbolic link (not
// followed)", "cannot be read: ...", "damaged (a line longer than any qlfit writes)"),
// for the caller to name the file with.
class SyncFileReader {
 public:
  SyncFileReader(const std::string& path, std::size_t longest_line);
  ~SyncFileReader();
  SyncFileReader(const SyncFileReader&) = delete;
  SyncFileReader& operator=(const SyncFileReader&) = delete;
  // The next line without its '\n'; false at the end of the file.
  bool next(std::string& line);

 private:
  int fd_ = -1;
  std::size_t longest_;
  std::string buffer_;
  std::size_t at_ = 0;
  bool ended_ = false;
};

}  // namespace qlfit::storage
