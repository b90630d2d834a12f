#include "catalog/pricing.hpp"

namespace cartera::catalog {
namespace {
__extension__ typedef __int128 Wide;  // GCC's 128-bit integer; __extension__ for -Wpedantic
}  // namespace

int64_t PersonalUnitPrice(int64_t base_minor, int64_t discount_hundredths) {
  // price = base * (10000 - d) / 10000, half-up; 128 bits so no base can overflow.
  const Wide numerator = static_cast<Wide>(base_minor) * (10000 - discount_hundredths) + 5000;
  return static_cast<int64_t>(numerator / 10000);
}

}  // namespace cartera::catalog
