#include "common/text.hpp"

#include <array>
#include <cstdint>

namespace cartera::text {
namespace {

// Base letters for U+00C0..U+00FF; '*' marks the ones handled as two letters or left alone.
constexpr std::string_view kLatin1Fold =
    "aaaaaa*ceeeeiiiidnooooo*ouuuuy**aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";
// Base letters for U+0100..U+017F.
constexpr std::string_view kLatinExtendedAFold =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**rrrrrrs"
    "sssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

// Decodes one code point at `pos`; returns false on malformed input.
bool Decode(std::string_view input, size_t& pos, char32_t& code_point) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(input[i]); };
  const uint8_t lead = byte(pos);
  size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if (lead < 0x80) {
    code_point = lead;
    ++pos;
    return true;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    return false;
  }
  if (pos + length > input.size()) return false;
  for (size_t i = 1; i < length; ++i) {
    const uint8_t next = byte(pos + i);
    if ((next & 0xC0) != 0x80) return false;
    value = (value << 6) | (next & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
  code_point = value;
  pos += length;
  return true;
}

void Encode(char32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0;
}

// Appends the folded form of one code point.
void Fold(char32_t c, std::string& out) {
  if (c >= 'A' && c <= 'Z') {
    out.push_back(static_cast<char>(c - 'A' + 'a'));
    return;
  }
  if (c >= 0xC0 && c <= 0xFF) {
    const char base = kLatin1Fold[c - 0xC0];
    if (base != '*') {
      out.push_back(base);
      return;
    }
    switch (c) {
      case 0xC6:
      case 0xE6:
        out += "ae";
        return;
      case 0xDE:
      case 0xFE:
        out += "th";
        return;
      case 0xDF:
        out += "ss";
        return;
      default:
        break;  // × and ÷ stay as they are
    }
  } else if (c >= 0x100 && c <= 0x17F) {
    const char base = kLatinExtendedAFold[c - 0x100];
    if (base != '*') {
      out.push_back(base);
      return;
    }
    out += (c == 0x132 || c == 0x133) ? "ij" : "oe";
    return;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) {
    c += 0x20;  // Greek capitals
  } else if (c >= 0x410 && c <= 0x42F) {
    c += 0x20;  // Cyrillic capitals А-Я
  } else if (c >= 0x400 && c <= 0x40F) {
    c += 0x50;  // Cyrillic capitals Ѐ-Џ
  }
  Encode(c, out);
}

}  // namespace

bool IsValidUtf8(std::string_view input) {
  size_t pos = 0;
  char32_t code_point = 0;
  while (pos < input.size()) {
    if (!Decode(input, pos, code_point)) return false;
  }
  return true;
}

size_t CodePointCount(std::string_view input) {
  size_t count = 0;
  for (const char c : input) {
    if ((static_cast<uint8_t>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string Normalise(std::string_view input) {
  std::string out;
  out.reserve(input.size());
  size_t pos = 0;
  bool pending_space = false;
  while (pos < input.size()) {
    char32_t c = 0;
    if (!Decode(input, pos, c)) {
      ++pos;  // callers validate first; skip a stray byte rather than loop
      continue;
    }
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    Fold(c, out);
  }
  return out;
}

bool HasControlCharacters(std::string_view input) {
  for (const char c : input) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F) return true;
  }
  return false;
}

std::string DigitsOnly(std::string_view input) {
  std::string digits;
  for (const char c : input) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits;
}

std::string_view Trim(std::string_view input) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const size_t begin = input.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  const size_t end = input.find_last_not_of(kSpace);
  return input.substr(begin, end - begin + 1);
}

bool LooksLikePhone(std::string_view input) {
  bool has_digit = false;
  for (const char c : input) {
    if (c >= '0' && c <= '9') {
      has_digit = true;
    } else if (c != '+' && c != '-' && c != '.' && c != '(' && c != ')' && c != ' ') {
      return false;
    }
  }
  return has_digit;
}

}  // namespace cartera::text
