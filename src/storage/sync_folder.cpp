// The sync folder (docs/sync.md): this device's operations written once into new files
// under DIR/<device-id>/, every other device's read back and merged.
#include "sync_folder.hpp"

#include "qlfit/error.hpp"

#include "database_file.hpp"
#include "new_file.hpp"
#include "sync_files.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <optional>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qlfit::storage {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFormat = "qlfit-sync";
constexpr std::int64_t kPerFile = 10000;  // operations in one file, at most
constexpr std::size_t kLongestLine = std::size_t{1024} * 1024;

std::string padded(std::int64_t number) {
  std::string text = std::to_string(number);
  return std::string(text.size() < 12 ? 12 - text.size() : 0, '0') + text;
}

// "000000000001-000000000500.jsonl" -> {1, 500}; std::nullopt for any other name.
std::optional<std::pair<std::int64_t, std::int64_t>> range_of(const std::string& name) {
  if (name.size() != 31 || name[12] != '-' || name.substr(25) != ".jsonl")
    return std::nullopt;
  std::int64_t first = 0;
  std::int64_t last = 0;
  const char* text = name.data();
  if (std::from_chars(text, text + 12, first).ptr != text + 12 ||
      std::from_chars(text + 13, text + 25, last).ptr != text + 25 || first < 1 || last < first)
    return std::nullopt;
  return std::pair{first, last};
}

// Names a reader passes over by rule (docs/sync.md): hidden ones (.git, .stfolder,
// .stversions, .syncthing.*.tmp, a device's .tmp-* being written, .DS_Store), a cloud
// drive's or an editor's "~" files, and at the top of DIR a README. Every other name is
// read, or named on stderr and skipped.
bool ignored(const std::string& name, bool top) {
  return name.empty() || name.front() == '.' || name.front() == '~' ||
         (top && (name == "README" || name.rfind("README.", 0) == 0));
}

bool is_device_id(const std::string& name) {
  return name.size() == 36 && std::all_of(name.begin(), name.end(), [](char c) {
           return c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Json line_of(const Operation& op) {
  return Json{{"seq", op.seq},
              {"at", op.at_ms},
              {"kind", op.kind},
              {"target", op.target},
              {"data", op.data}};
}

// The local operation `query` (seq, at_ms, kind, target, data) stands on.
Operation local_op(SQLite::Statement& query) {
  Operation op;
  op.seq = query.getColumn(0).getInt64();
  op.at_ms = query.getColumn(1).getInt64();
  op.kind = query.getColumn(2).getString();
  op.target = query.getColumn(3).getString();
  op.data =
      query.getColumn(4).isNull() ? Json(nullptr) : Json::parse(query.getColumn(4).getString());
  return op;
}

constexpr const char* kLocalRange = R"sql(
SELECT seq, at_ms, kind, target, data FROM op WHERE device IS NULL AND seq BETWEEN ? AND ?
ORDER BY seq)sql";

// The sync_local key that notes a file with a refused operation: read again at every sync.
std::string refused_key(const std::string& device, const fs::path& path) {
  return "sync.refused " + device + "/" + path.filename().string();
}

}  // namespace

bool holds_operations(const std::string& dir) {
  std::error_code error;
  for (const auto& folder : fs::directory_iterator(dir, error)) {
    if (folder.is_symlink() || !is_device_id(folder.path().filename().string()))
      continue;
    for (const auto& item : fs::directory_iterator(folder.path(), error)) {
      if (!item.is_symlink() && range_of(item.path().filename().string()))
        return true;
    }
  }
  return false;
}

std::int64_t written_count(OpLog& log) {
  return static_cast<std::int64_t>(std::stoll(log.local_value("sync.written").value_or("0")));
}

SyncFolder::SyncFolder(SQLite::Database& db, OpLog& log, std::string dir)
    : db_(db), log_(log), dir_(std::move(dir)) {}

OwnFiles SyncFolder::written_here(const std::string& device) {
  const std::int64_t counted = written_count(log_);
  OwnFiles own{counted, false};
  const std::string folder = dir_ + "/" + device;
  refuse_link(folder);
  std::error_code error;
  fs::directory_iterator items(folder, error);
  if (error == std::errc::no_such_file_or_directory) {
    own.written = 0;  // a new folder (another DIR), or one removed: it gets everything
    return own;
  }
  if (error)
    throw Error(ErrorCode::kStorage,
                "sync folder: " + folder + " cannot be read: " + error.message());
  std::vector<std::pair<std::pair<std::int64_t, std::int64_t>, fs::path>> beyond;
  std::vector<std::pair<std::int64_t, std::int64_t>> counted_ranges;
  for (const auto& item : items) {
    const std::string name = item.path().filename().string();
    if (name.rfind(".tmp-", 0) == 0) {
      ::unlink(item.path().c_str());  // left by a sync that was killed
    } else if (const auto range = range_of(name); range && range->second > own.written) {
      beyond.emplace_back(*range, item.path());
    } else if (range) {
      counted_ranges.push_back(*range);
    }
  }
  std::sort(beyond.begin(), beyond.end());
  for (const auto& [range, path] : beyond) {
    if (range.first != own.written + 1 || !holds_ours(device, range, path)) {
      own.ahead = true;
      break;
    }
    own.written = range.second;
  }
  // What it counted as written must still be there: a folder someone emptied, or files of
  // it removed, get their operations again, from the first one missing (readers apply an
  // operation twice as once).
  std::sort(counted_ranges.begin(), counted_ranges.end());
  std::int64_t held = 0;
  for (const auto& [first, last] : counted_ranges) {
    if (first > held + 1)
      break;
    held = std::max(held, last);
  }
  if (!own.ahead && held < counted)
    own.written = held;
  return own;
}

bool SyncFolder::holds_ours(const std::string& device, std::pair<std::int64_t, std::int64_t> range,
                            const fs::path& path) {
  try {
    SyncFileReader in(path.string(), kLongestLine);
    std::string text;
    if (!in.next(text))
      return false;
    const Json header = Json::parse(text);
    if (header.value("format", "") != kFormat || header.value("device", "") != device ||
        header.value("first", 0) != range.first || header.value("last", 0) != range.second)
      return false;
    SQLite::Statement query(db_, kLocalRange);
    query.bind(1, range.first);
    query.bind(2, range.second);
    while (in.next(text)) {
      if (!query.executeStep() || Json::parse(text) != line_of(local_op(query)))
        return false;
    }
    return !query.executeStep();
  } catch (const std::exception&) {
    return false;  // unreadable, damaged, a link: not a file this database wrote
  }
}

std::vector<std::string> SyncFolder::send(const std::string& device, std::int64_t written,
                                          std::size_t& sent,
                                          const std::function<void()>& before_first_rename) {
  const std::string own = dir_ + "/" + device;
  own_folder(own);
  written_ = written;
  std::vector<std::string> files;
  for (;;) {
    SQLite::Statement bounds(db_, R"sql(
SELECT min(seq), max(seq) FROM (SELECT seq FROM op WHERE device IS NULL AND seq > ?
                                ORDER BY seq LIMIT ?))sql");
    bounds.bind(1, written);
    bounds.bind(2, kPerFile);
    bounds.executeStep();
    if (bounds.getColumn(0).isNull())
      break;
    const std::int64_t first = bounds.getColumn(0).getInt64();
    const std::int64_t last = bounds.getColumn(1).getInt64();
    NewFile file(own + "/.tmp-" + std::to_string(::getpid()) + "-" + padded(first));
    file.line(Json{
        {"format", kFormat},
        {"version", kSyncFormatVersion},
        {"device", device},
        {"first", first},
        {"last",
         last}}.dump());
    SQLite::Statement query(db_, kLocalRange);
    query.bind(1, first);
    query.bind(2, last);
    while (query.executeStep()) {
      file.line(line_of(local_op(query)).dump());
      ++sent;
    }
    const std::string name = own + "/" + padded(first) + "-" + padded(last) + ".jsonl";
    file.flush_all();
    if (files.empty())
      before_first_rename();
    file.rename_to(name);
    files.push_back(name);
    written = last;
    written_ = written;
  }
  if (!files.empty())
    sync_path(own);
  return files;
}

std::size_t SyncFolder::receive(const std::string& device, std::vector<std::string>& skipped) {
  std::error_code error;
  std::vector<fs::path> folders;
  for (const auto& item : fs::directory_iterator(dir_, error)) {
    const std::string name = item.path().filename().string();
    if (ignored(name, true))
      continue;
    if (item.is_symlink()) {
      skipped.push_back(item.path().string() + ": a symbolic link (not followed)");
    } else if (!item.is_directory() || !is_device_id(name)) {
      skipped.push_back(item.path().string() + ": not a qlfit device folder");
    } else {
      folders.push_back(item.path());
    }
  }
  if (error)
    throw Error(ErrorCode::kStorage, "sync folder " + dir_ + " cannot be read: " + error.message());
  std::sort(folders.begin(), folders.end());
  std::size_t received = 0;
  for (const fs::path& folder : folders) {
    const bool own = folder.filename() == device;
    std::vector<fs::path> files;
    fs::directory_iterator items(folder, error);
    if (error) {  // named, like a damaged file: everything else is still applied
      skipped.push_back(folder.string() + ": cannot be read (" + error.message() + ")");
      continue;
    }
    for (const auto& item : items) {
      const std::string name = item.path().filename().string();
      if (ignored(name, false))
        continue;
      if (item.is_symlink()) {
        skipped.push_back(item.path().string() + ": a symbolic link (not followed)");
      } else if (!item.is_regular_file() || !range_of(name)) {
        skipped.push_back(item.path().string() + ": not a qlfit sync file");
      } else if (!own) {  // this device's own files are never read back
        files.push_back(item.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files)
      received += read_file(folder.filename().string(), file, skipped);
  }
  return received;
}

std::size_t SyncFolder::read_file(const std::string& device, const fs::path& path,
                                  std::vector<std::string>& skipped) {
  const auto range = range_of(path.filename().string());
  // A file is applied whole or not at all, and a device's files never share a sequence
  // number: its first and last operation here means all of it is (two lookups, not a
  // count over the range: an up-to-date sync costs about what `stats --week` does).
  SQLite::Statement have(db_, "SELECT count(*) FROM op WHERE device = ? AND seq IN (?, ?)");
  have.bind(1, device);
  have.bind(2, range->first);
  have.bind(3, range->second);
  have.executeStep();
  const std::string noted = refused_key(device, path);
  const bool was_refused = log_.local_value(noted).has_value();
  if (have.getColumn(0).getInt64() == (range->first == range->second ? 1 : 2) && !was_refused)
    return 0;  // every operation of it is here already
  db_.exec("SAVEPOINT sync_file");
  std::size_t applied = 0;
  try {
    std::vector<std::string> refused;
    applied = apply_file(device, *range, path, refused);
    for (const std::string& why : refused)
      skipped.push_back(path.string() + ": " + why);
    if (!refused.empty()) {
      log_.set_local_value(noted, "1");
      marked_ = true;
    } else if (was_refused) {
      log_.forget_local_value(noted);
      marked_ = true;
    }
    db_.exec("RELEASE sync_file");
  } catch (const SQLite::Exception& failure) {
    db_.exec("ROLLBACK TO sync_file");
    db_.exec("RELEASE sync_file");
    if ((failure.getErrorCode() & 0xff) != SQLITE_CONSTRAINT)
      throw;
    skipped.push_back(path.string() + ": damaged (" + failure.what() + ")");
  } catch (const Error& failure) {
    db_.exec("ROLLBACK TO sync_file");
    db_.exec("RELEASE sync_file");
    if (failure.code() == ErrorCode::kStorage)
      throw;
    skipped.push_back(path.string() + ": " + failure.what());
  } catch (const std::exception& failure) {
    db_.exec("ROLLBACK TO sync_file");
    db_.exec("RELEASE sync_file");
    skipped.push_back(path.string() + ": damaged (not the operations docs/sync.md describes)");
  }
  return applied;
}

std::size_t SyncFolder::apply_file(const std::string& device,
                                   std::pair<std::int64_t, std::int64_t> range,
                                   const fs::path& path, std::vector<std::string>& refused) {
  SyncFileReader in(path.string(), kLongestLine);
  std::string text;
  const auto next = [&]() { return in.next(text); };
  if (!next())
    throw Error(ErrorCode::kInvalidInput, "damaged (empty)");
  const Json header = Json::parse(text, nullptr, false);
  if (header.is_discarded())
    throw Error(ErrorCode::kInvalidInput, "damaged (its first line is not whole)");
  if (!header.is_object() || header.value("format", "") != kFormat)
    throw Error(ErrorCode::kInvalidInput, "not a qlfit sync file");
  if (!header.contains("version") || !header.at("version").is_number_integer() ||
      header.at("version").get<std::int64_t>() > kSyncFormatVersion) {
    throw Error(ErrorCode::kInvalidInput, "written by a newer qlfit (format version " +
                                              header.value("version", Json()).dump() +
                                              ", this qlfit reads up to " +
                                              std::to_string(kSyncFormatVersion) + ")");
  }
  if (header.value("device", "") != device || header.value("first", 0) != range.first ||
      header.value("last", 0) != range.second)
    throw Error(ErrorCode::kInvalidInput, "damaged (its header does not match its name)");
  std::size_t applied = 0;
  std::int64_t expected = range.first;
  while (next()) {
    const Json line = Json::parse(text);
    Operation op;
    op.device = device;
    op.seq = line.at("seq").get<std::int64_t>();
    op.at_ms = line.at("at").get<std::int64_t>();
    op.kind = line.at("kind").get<std::string>();
    op.target = line.at("target").get<std::string>();
    op.data = line.at("data");
    const std::string type = op.target.substr(0, op.target.find(':'));
    if (op.seq != expected++ || op.target.find(':') == std::string::npos ||
        op.kind.rfind(type + ".", 0) != 0 || !(op.data.is_null() || op.data.is_object()))
      throw Error(ErrorCode::kInvalidInput, "damaged (operation " + std::to_string(op.seq) + ")");
    if (const auto why = refusal_of(op)) {
      refused.push_back("operation " + std::to_string(op.seq) + " not applied: " + *why);
      continue;
    }
    if (log_.apply(op))
      ++applied;
  }
  if (expected != range.second + 1)
    throw Error(ErrorCode::kInvalidInput, "damaged (cut short)");
  return applied;
}

}  // namespace qlfit::storage
