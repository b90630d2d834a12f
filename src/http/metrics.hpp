#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "storage/database.hpp"

namespace cartera::http {

// Request counters and latency histograms by route, rendered as Prometheus text.
class Metrics {
 public:
  static constexpr std::array<double, 14> kBucketsSeconds = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5};

  void Record(std::string_view route, unsigned status, int64_t micros);
  // The exposition text; `pool` supplies the database pool gauges.
  std::string Render(const storage::PoolStats& pool) const;

 private:
  struct RouteStats {
    std::map<unsigned, uint64_t> requests_by_status;
    std::array<uint64_t, kBucketsSeconds.size()> buckets{};
    uint64_t count = 0;
    double sum_seconds = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, RouteStats, std::less<>> routes_;  // found without allocating
};

}  // namespace cartera::http
