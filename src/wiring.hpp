#pragma once

// The CLI's door to the SQLite store: shared by main and the test harness, the two
// places that see every layer.
#include "cli/run.hpp"
#include "storage/sqlite_store.hpp"

namespace qlfit {

inline cli::StoreAccess sqlite_store_access() {
  return cli::StoreAccess{[](const std::string& path, bool for_write) {
                            return storage::open_store(
                                path, for_write ? storage::Access::kWrite : storage::Access::kRead);
                          },
                          [](const std::string& path) { return storage::database_exists(path); }};
}

}  // namespace qlfit
