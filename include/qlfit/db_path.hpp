#pragma once

#include <optional>
#include <string>

namespace qlfit {

// Where the database lives, from the first of: the --db flag, $QLFIT_DB,
// $XDG_DATA_HOME/qlfit/qlfit.db (absolute paths only, as the XDG spec says),
// $HOME/.local/share/qlfit/qlfit.db. Empty values count as unset.
// Throws Error(kStorage) when none of them gives a path.
std::string resolve_db_path(const std::optional<std::string>& flag,
                            const std::optional<std::string>& qlfit_db,
                            const std::optional<std::string>& xdg_data_home,
                            const std::optional<std::string>& home);

}  // namespace qlfit
