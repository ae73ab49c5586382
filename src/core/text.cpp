#include "qlfit/text.hpp"

#include "qlfit/error.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace qlfit {
namespace {

constexpr std::size_t kQuoteLimit = 60;

void append_hex(std::string& out, unsigned char byte) {
  static constexpr std::array<char, 16> kDigits{'0', '1', '2', '3', '4', '5', '6', '7',
                                                '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  out += "\\x";
  out += kDigits[byte >> 4U];
  out += kDigits[byte & 0xFU];
}

// The length of the well-formed UTF-8 sequence at `at` (no overlong forms, no
// surrogates), with its code point; 0 when the bytes there are not UTF-8.
std::size_t utf8_at(std::string_view text, std::size_t at, std::uint32_t& code) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = 0;
  if (lead < 0x80) {
    code = lead;
    return 1;
  }
  if ((lead & 0xE0U) == 0xC0U) {
    length = 2;
    code = lead & 0x1FU;
  } else if ((lead & 0xF0U) == 0xE0U) {
    length = 3;
    code = lead & 0x0FU;
  } else if ((lead & 0xF8U) == 0xF0U) {
    length = 4;
    code = lead & 0x07U;
  } else {
    return 0;
  }
  if (at + length > text.size())
    return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[at + k]);
    if ((next & 0xC0U) != 0x80U)
      return 0;
    code = (code << 6U) | (next & 0x3FU);
  }
  static constexpr std::array<std::uint32_t, 5> kSmallest{0, 0, 0x80, 0x800, 0x10000};
  if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
    return 0;
  return length;
}

// Appends `text`, each control character (C0, DEL, C1) and each byte that is not
// UTF-8 as \xNN (`keep_tab`: but a tab); `limit` characters at most, then "...".
void append_safe(std::string& out, std::string_view text, bool keep_tab, bool quoted,
                 std::size_t limit) {
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (shown++ == limit) {
      out += "...";
      return;
    }
    std::uint32_t code = 0;
    const std::size_t length = utf8_at(text, i, code);
    if (length == 0) {
      append_hex(out, static_cast<unsigned char>(text[i++]));
      continue;
    }
    const bool control = code < 0x20 || (code >= 0x7F && code <= 0x9F);
    if (control && !(keep_tab && code == '\t')) {
      for (std::size_t k = 0; k < length; ++k)
        append_hex(out, static_cast<unsigned char>(text[i + k]));
    } else {
      if (quoted && (code == '"' || code == '\\'))
        out += '\\';
      out.append(text.substr(i, length));
    }
    i += length;
  }
}

}  // namespace

std::string quote(std::string_view text) {
  std::string out = "\"";
  append_safe(out, text, false, true, kQuoteLimit);
  return out + "\"";
}

bool is_valid_utf8(std::string_view text) {
  std::uint32_t code = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_at(text, i, code);
    if (length == 0)
      return false;
    i += length;
  }
  return true;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_safe(out, text, true, false, std::string_view::npos);
  return out;
}

std::string printable_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_safe(out, text, false, false, std::string_view::npos);
  return out;
}

namespace {

// Edits from `a` to `b`: insertions, deletions and swaps of neighbours cost 1, a changed
// letter 2 (the optimal string alignment distance, weighted so that "stast" is nearer
// "stats" than "start", as git weighs its suggestions).
std::size_t edits(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 2;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> closest_word(std::string_view typed,
                                        std::span<const std::string> known) {
  constexpr std::size_t kLongest = 64;  // longer is no typo of a command or an option
  if (typed.empty() || typed.size() > kLongest)
    return std::nullopt;
  std::optional<std::string> begun;
  int begins = 0;
  for (const std::string& word : known) {
    if (typed.size() >= 2 && word.size() > typed.size() &&
        word.compare(0, typed.size(), typed) == 0) {
      begun = word;
      ++begins;
    }
  }
  if (begins == 1)
    return begun;
  const std::size_t most = std::max<std::size_t>(2, typed.size() / 3);
  std::optional<std::string> best;
  std::size_t fewest = most + 1;
  for (const std::string& word : known) {
    const std::size_t distance = edits(typed, word);
    if (distance > 0 && distance < fewest) {
      fewest = distance;
      best = word;
    }
  }
  return best;
}

void check_one_line(std::string_view word, std::string_view where) {
  const bool control = std::any_of(word.begin(), word.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == '\x7f';
  });
  if (control) {
    throw Error(ErrorCode::kInvalidInput, quote(word) + " cannot go into " + std::string(where) +
                                              ": it holds a line break or another control "
                                              "character; give a path without one");
  }
}

bool consists_of(std::string_view text, std::string_view allowed) {
  return !text.empty() && text.find_first_not_of(allowed) == std::string_view::npos;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace qlfit
