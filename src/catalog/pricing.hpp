#pragma once

#include <cstdint>

// F19: the one function that turns a base price into the price a customer pays.
namespace cartera::catalog {

// The unit price for a customer: `base_minor` (in the minor unit of the customer's currency:
// cents for EUR, yen for JPY, fils for KWD) minus `discount_hundredths` (hundredths of a
// percent, 0-10000), rounded half-up to a whole minor unit. Exact integer arithmetic.
int64_t PersonalUnitPrice(int64_t base_minor, int64_t discount_hundredths);

}  // namespace cartera::catalog
