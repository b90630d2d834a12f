#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/metrics.hpp"
#include "http/router.hpp"

namespace cartera::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  unsigned threads = 0;  // 0: one per core
  // Requests that change state (POST, PUT, PATCH, DELETE) run on this many threads, so that
  // writes waiting for a durable commit never hold up reads on the I/O threads, and enough of
  // them wait together for the database to commit them as a group.
  unsigned write_threads = 16;
  size_t max_body_bytes = 1 << 20;
  std::chrono::seconds header_timeout{10};  // to receive a request's header
  std::chrono::seconds body_timeout{30};    // to receive its body
  std::chrono::seconds idle_timeout{60};    // keep-alive wait for the next request
  std::chrono::seconds shutdown_grace{30};  // in-flight requests may finish within this
  bool log_requests = true;
};

// HTTP/1.1 server on Boost.Beast with C++20 coroutines. Reads run on the I/O threads; writes
// on a pool of their own.
class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();

  // Binds the listening socket; returns the bound port (useful with port 0).
  uint16_t Bind();
  // Serves until SIGINT/SIGTERM or Stop(); then stops accepting, lets in-flight requests
  // finish (up to shutdown_grace), and returns.
  void Run();
  void Stop();

  struct State;  // defined in server.cpp

 private:
  std::unique_ptr<State> state_;
};

}  // namespace cartera::http
