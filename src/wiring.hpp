#pragma once

// The CLI's door to the SQLite store: shared by main and the test harness, the two
// places that see every layer.
#include "cli/run.hpp"
#include "storage/sqlite_store.hpp"

namespace qlfit {

inline storage::Access access_for(cli::StoreMode mode) {
  switch (mode) {
    case cli::StoreMode::kRead:
      return storage::Access::kRead;
    case cli::StoreMode::kTry:
      return storage::Access::kTry;
    case cli::StoreMode::kModify:
      return storage::Access::kModify;
    case cli::StoreMode::kWrite:
      return storage::Access::kWrite;
    case cli::StoreMode::kImport:
      return storage::Access::kImport;
  }
  return storage::Access::kRead;
}

inline cli::StoreAccess sqlite_store_access() {
  return cli::StoreAccess{[](const std::string& path, cli::StoreMode least, bool own_folder) {
    return storage::open_lazy_store(path, access_for(least), own_folder);
  }};
}

}  // namespace qlfit
