#pragma once

#include <string>
#include <string_view>

namespace cartera::text {

// True when `input` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool IsValidUtf8(std::string_view input);

// Number of code points in valid UTF-8.
size_t CodePointCount(std::string_view input);

// Lower-cases and folds Latin accents ("Eléctrica Núñez" -> "electrica nunez"), maps ß/æ/œ to
// their two-letter forms, lower-cases basic Greek and Cyrillic letters, and collapses runs of
// white space to one space. Other scripts pass through unchanged. The form stored for
// search and sorting, and applied to every search query, so both sides compare equal.
std::string Normalise(std::string_view input);

// True when `input` has a control character other than tab, line feed and carriage return
// (U+0000-U+001F, U+007F): such text is refused at the API, never stored.
bool HasControlCharacters(std::string_view input);

// Only the ASCII digits of `input` ("+34 612-34" -> "3461234").
std::string DigitsOnly(std::string_view input);

// `input` without leading and trailing ASCII white space.
std::string_view Trim(std::string_view input);

// True when `input` has at least one digit and otherwise only phone punctuation (+ - . ( ) space).
bool LooksLikePhone(std::string_view input);

}  // namespace cartera::text
