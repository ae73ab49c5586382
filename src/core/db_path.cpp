#include "qlfit/db_path.hpp"

#include "qlfit/error.hpp"

namespace qlfit {
namespace {

bool present(const std::optional<std::string>& value) {
  return value && !value->empty();
}

}  // namespace

std::string resolve_db_path(const std::optional<std::string>& flag,
                            const std::optional<std::string>& qlfit_db,
                            const std::optional<std::string>& xdg_data_home,
                            const std::optional<std::string>& home) {
  if (present(flag))
    return *flag;
  if (present(qlfit_db))
    return *qlfit_db;
  if (present(xdg_data_home) && xdg_data_home->front() == '/') {
    return *xdg_data_home + "/qlfit/qlfit.db";
  }
  if (present(home))
    return *home + "/.local/share/qlfit/qlfit.db";
  throw Error(ErrorCode::kStorage,
              "no place for the database: HOME is not set; give --db PATH or set QLFIT_DB");
}

}  // namespace qlfit
