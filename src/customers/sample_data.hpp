#pragma once

#include <cstdint>
#include <random>

#include "customers/customer.hpp"

namespace cartera::customers {

// Believable customers of a Spanish-speaking wholesaler, generated from a seed: companies and
// individuals, both statuses, every temperature, discounts, tags. Used by --demo and bench/.
class SampleData {
 public:
  explicit SampleData(uint64_t seed) : random_(seed) {}
  // The n-th customer; `n` keeps names, emails and tax ids distinct.
  Customer Next(int64_t n);

 private:
  std::mt19937_64 random_;
};

}  // namespace cartera::customers
