#include "http/metrics.hpp"

#include <fmt/format.h>

namespace cartera::http {
namespace {

// Label values are route patterns we wrote; escape anyway per the exposition format.
std::string Escape(const std::string& value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::Record(std::string_view route, unsigned status, int64_t micros) {
  const double seconds = static_cast<double>(micros) / 1e6;
  std::lock_guard lock(mutex_);
  auto found = routes_.find(route);
  if (found == routes_.end()) found = routes_.emplace(std::string(route), RouteStats{}).first;
  RouteStats& stats = found->second;
  ++stats.requests_by_status[status];
  for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    if (seconds <= kBucketsSeconds[i]) ++stats.buckets[i];
  }
  ++stats.count;
  stats.sum_seconds += seconds;
}

std::string Metrics::Render(const storage::PoolStats& pool) const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP cartera_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE cartera_http_requests_total counter\n";
  for (const auto& [route, stats] : routes_) {
    for (const auto& [status, count] : stats.requests_by_status) {
      out += fmt::format("cartera_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n",
                         Escape(route), status, count);
    }
  }
  out += "# HELP cartera_http_request_duration_seconds Time to handle a request.\n";
  out += "# TYPE cartera_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : routes_) {
    const std::string label = Escape(route);
    for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
      out +=
          fmt::format("cartera_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      label, kBucketsSeconds[i], histogram.buckets[i]);
    }
    out +=
        fmt::format("cartera_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                    label, histogram.count);
    out += fmt::format("cartera_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label,
                       histogram.sum_seconds);
    out += fmt::format("cartera_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label,
                       histogram.count);
  }
  out += "# HELP cartera_db_group_commits_total Shared write transactions committed (SQLite).\n";
  out += "# TYPE cartera_db_group_commits_total counter\n";
  out += fmt::format("cartera_db_group_commits_total {}\n", pool.group_commits);
  out += "# HELP cartera_db_group_writes_total Write transactions carried by those commits.\n";
  out += "# TYPE cartera_db_group_writes_total counter\n";
  out += fmt::format("cartera_db_group_writes_total {}\n", pool.group_works);
  out += "# HELP cartera_db_pool_connections Database connections open.\n";
  out += "# TYPE cartera_db_pool_connections gauge\n";
  out += fmt::format("cartera_db_pool_connections {}\n", pool.size);
  out += "# HELP cartera_db_pool_in_use Database connections borrowed now.\n";
  out += "# TYPE cartera_db_pool_in_use gauge\n";
  out += fmt::format("cartera_db_pool_in_use {}\n", pool.in_use);
  out += "# HELP cartera_db_pool_capacity Most connections the pool opens.\n";
  out += "# TYPE cartera_db_pool_capacity gauge\n";
  out += fmt::format("cartera_db_pool_capacity {}\n", pool.capacity);
  out += "# HELP cartera_db_pool_waits_total Times a request waited for a connection.\n";
  out += "# TYPE cartera_db_pool_waits_total counter\n";
  out += fmt::format("cartera_db_pool_waits_total {}\n", pool.waits);
  return out;
}

}  // namespace cartera::http
