#pragma once

// JSON written as it streams, byte for byte as nlohmann's dump(2) prints the same
// document, so years of entries or weeks never stand in memory as one tree (and no tree
// is built per element: building and dumping one per week made `stats --weeks --json`
// twice its text form). Strings that need escaping and floating-point numbers are
// formatted by nlohmann itself.
#include <charconv>
#include <concepts>
#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qlfit::formats {

class JsonWriter {
 public:
  // Writes to `out`, in pieces of some KiB; what is left goes out when the outermost
  // object or array ends (a writer destroyed before that, by a throw, drops it).
  explicit JsonWriter(std::ostream& out) : out_(out) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // The next member's name, in an object; its value follows.
  JsonWriter& key(std::string_view name);

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(bool truth);
  void value(double number);
  void value(std::nullptr_t);
  template <std::integral Number>
  requires(!std::same_as<Number, bool>) void value(Number number) {
    before_value();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    buffer_.append(digits, end);
    after_value();
  }
  // null when empty.
  template <class T>
  void value(const std::optional<T>& maybe) {
    if (maybe)
      value(*maybe);
    else
      value(nullptr);
  }

 private:
  struct Open {
    std::size_t members = 0;  // written so far
  };
  void before_value();
  void after_value();
  void new_line();
  void close(char bracket);
  void string(std::string_view text);
  void flush();

  std::ostream& out_;
  std::string buffer_;
  std::vector<Open> open_;
  bool after_key_ = false;
};

}  // namespace qlfit::formats
