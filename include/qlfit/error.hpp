#pragma once

#include <stdexcept>
#include <string>

namespace qlfit {

// What went wrong, as far as the user's exit status is concerned.
enum class ErrorCode {
  kInvalidInput,  // a bad argument or value: exit 2
  kNotFound,      // a named thing (entry, activity) does not exist: exit 2
  kStorage,       // the database or a named file cannot be used: exit 3
};

// The one error type of qlfit. The message is a complete sentence fragment for
// `qlfit: <message>`: it quotes the bad value and says what would be right.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace qlfit
