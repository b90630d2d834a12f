#include "common/text.hpp"

#include <gtest/gtest.h>

namespace cartera::text {
namespace {

TEST(Normalise, FoldsAccentsAndCase) {
  EXPECT_EQ(Normalise("Comercial Eléctrica S.A."), "comercial electrica s.a.");
  EXPECT_EQ(Normalise("FERRETERÍA NÚÑEZ"), "ferreteria nunez");
  EXPECT_EQ(Normalise("Ångström Œuvre Straße Æsir"), "angstrom oeuvre strasse aesir");
  EXPECT_EQ(Normalise("Łódź Dvořák"), "lodz dvorak");
}

TEST(Normalise, CollapsesWhiteSpace) {
  EXPECT_EQ(Normalise("  a \t\n b  "), "a b");
  EXPECT_EQ(Normalise(""), "");
}

TEST(Normalise, KeepsOtherScripts) { EXPECT_EQ(Normalise("東京 Tokio"), "東京 tokio"); }

TEST(Normalise, LowerCasesGreekAndCyrillic) {
  EXPECT_EQ(Normalise("ΑΒΓΔ Ελλάς"), "αβγδ ελλάς");
  EXPECT_EQ(Normalise("МОСКВА Ёлка"), "москва ёлка");
}

TEST(ControlCharacters, RefusesNulAndFriendsButNotLineBreaks) {
  EXPECT_TRUE(HasControlCharacters(std::string("x\0y", 3)));
  EXPECT_TRUE(HasControlCharacters("a\x1b[31m"));
  EXPECT_FALSE(HasControlCharacters("línea 1\nlínea 2\tfin\r"));
}

TEST(Utf8, AcceptsValidAndRejectsMalformed) {
  EXPECT_TRUE(IsValidUtf8("año €𝄞"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Utf8, CountsCodePoints) { EXPECT_EQ(CodePointCount("ñandú"), 5U); }

TEST(Phone, DigitsAndShape) {
  EXPECT_EQ(DigitsOnly("+34 (612) 34-56.78"), "34612345678");
  EXPECT_TRUE(LooksLikePhone("612 34"));
  EXPECT_TRUE(LooksLikePhone("+34-612"));
  EXPECT_FALSE(LooksLikePhone("abc 612"));
  EXPECT_FALSE(LooksLikePhone("+-()"));
}

TEST(Trim, RemovesOuterSpace) {
  EXPECT_EQ(Trim("  x y \n"), "x y");
  EXPECT_EQ(Trim("   "), "");
}

}  // namespace
}  // namespace cartera::text
