#include "qlfit/merge.hpp"

#include <algorithm>
#include <iterator>

namespace qlfit {

std::optional<Fields> merged(const std::vector<FieldOp>& ops, Removal removal) {
  std::vector<const FieldOp*> order;
  order.reserve(ops.size());
  for (const FieldOp& op : ops)
    order.push_back(&op);
  // Earliest first; equal stamps (one operation known twice) keep one order whatever
  // the input's: the one that sets less, then by its fields.
  std::sort(order.begin(), order.end(), [](const FieldOp* a, const FieldOp* b) {
    if (a->stamp != b->stamp)
      return a->stamp < b->stamp;
    return a->fields < b->fields;
  });
  const auto last_removal =
      std::find_if(order.rbegin(), order.rend(), [](const FieldOp* op) { return !op->fields; });
  if (last_removal != order.rend() &&
      (removal == Removal::kFinal || last_removal == order.rbegin()))
    return std::nullopt;
  std::optional<Fields> state;
  for (auto it = last_removal.base(); it != order.end(); ++it) {
    if (!state) {
      state = Fields{};
    }
    // The first operation of a target sets the order its fields are kept in.
    for (const auto& change : *(*it)->fields) {
      const auto at = std::find_if(state->begin(), state->end(),
                                   [&](const auto& held) { return held.first == change.first; });
      if (at == state->end())
        state->push_back(change);
      else
        at->second = change.second;
    }
  }
  return state;
}

std::optional<Fields> merged_activity(const std::vector<FieldOp>& ops, bool named) {
  std::optional<Fields> state = merged(ops, Removal::kLaterWins);
  if (state || !named)
    return state;
  std::vector<FieldOp> changes;
  std::copy_if(ops.begin(), ops.end(), std::back_inserter(changes),
               [](const FieldOp& op) { return op.fields.has_value(); });
  state = merged(changes, Removal::kLaterWins);
  if (state) {
    const auto archived = std::find_if(state->begin(), state->end(),
                                       [](const auto& held) { return held.first == "archived"; });
    if (archived == state->end())
      state->emplace_back("archived", "true");
    else
      archived->second = "true";
  }
  return state;
}

}  // namespace qlfit
