#include "json_writer.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace qlfit::formats {
namespace {

constexpr std::size_t kPiece = std::size_t{64} * 1024;

// What nlohmann writes as it is: printable ASCII but the quote and the backslash.
bool plain(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x80 || c == '"' || c == '\\')
      return false;
  }
  return true;
}

}  // namespace

void JsonWriter::new_line() {
  Open& open = open_.back();
  buffer_ += open.members++ == 0 ? "\n" : ",\n";
  buffer_.append(2 * open_.size(), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
  } else if (!open_.empty()) {
    new_line();  // an element of an array
  }
}

void JsonWriter::after_value() {
  if (open_.empty() || buffer_.size() >= kPiece)
    flush();
}

void JsonWriter::flush() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void JsonWriter::string(std::string_view text) {
  if (plain(text)) {
    buffer_ += '"';
    buffer_ += text;
    buffer_ += '"';
  } else {
    buffer_ += nlohmann::ordered_json(std::string(text)).dump();
  }
}

JsonWriter& JsonWriter::key(std::string_view name) {
  new_line();
  string(name);
  buffer_ += ": ";
  after_key_ = true;
  return *this;
}

void JsonWriter::begin_object() {
  before_value();
  buffer_ += '{';
  open_.push_back(Open{});
}

void JsonWriter::begin_array() {
  before_value();
  buffer_ += '[';
  open_.push_back(Open{});
}

void JsonWriter::close(char bracket) {
  const bool any = open_.back().members > 0;
  open_.pop_back();
  if (any) {
    buffer_ += '\n';
    buffer_.append(2 * open_.size(), ' ');
  }
  buffer_ += bracket;
  after_value();
}

void JsonWriter::end_object() {
  close('}');
}

void JsonWriter::end_array() {
  close(']');
}

void JsonWriter::value(std::string_view text) {
  before_value();
  string(text);
  after_value();
}

void JsonWriter::value(bool truth) {
  before_value();
  buffer_ += truth ? "true" : "false";
  after_value();
}

void JsonWriter::value(double number) {
  before_value();
  buffer_ += nlohmann::ordered_json(number).dump();
  after_value();
}

void JsonWriter::value(std::nullptr_t) {
  before_value();
  buffer_ += "null";
  after_value();
}

}  // namespace qlfit::formats
