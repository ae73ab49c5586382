#pragma once

// The CLI's door to the SQLite store: shared by main and the test harness, the two
// places that see every layer.
#include "cli/run.hpp"
#include "storage/sqlite_store.hpp"

namespace qlfit {

inline cli::StoreAccess sqlite_store_access() {
  return cli::StoreAccess{[](const std::string& path, cli::StoreMode mode, bool own_folder) {
                            static constexpr storage::Access kAccess[] = {
                                storage::Access::kRead, storage::Access::kModify,
                                storage::Access::kWrite, storage::Access::kImport};
                            return storage::open_store(path, kAccess[static_cast<int>(mode)],
                                                       own_folder);
                          },
                          [](const std::string& path) { return storage::database_exists(path); }};
}

}  // namespace qlfit
