#include "qlfit/history.hpp"

#include "qlfit/error.hpp"

namespace qlfit {

Undone undo_last_change(History& history) {
  if (auto undone = history.undo())
    return *std::move(undone);
  throw Error(ErrorCode::kInvalidInput,
              "nothing to undo: no change has been made on this machine, or all are undone "
              "already");
}

}  // namespace qlfit
