#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <array>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

#include "common/log.hpp"
#include "common/text.hpp"
#include "http/problem.hpp"

namespace cartera::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

struct Server::State {
  ServerOptions options;
  const Router& router;
  Metrics& metrics;
  // Before io: destroying io destroys pending sessions, whose guards still count in_flight.
  std::atomic<bool> stopping{false};
  std::atomic<int64_t> in_flight{0};
  asio::io_context io;
  // On a strand: the accept loop, a signal and Stop() all touch it from different threads.
  tcp::acceptor acceptor{asio::make_strand(io)};
  asio::signal_set signals{io, SIGINT, SIGTERM};
  asio::thread_pool writers;

  State(ServerOptions server_options, const Router& server_router, Metrics& server_metrics)
      : options(std::move(server_options)),
        router(server_router),
        metrics(server_metrics),
        writers(std::max(1U, options.write_threads)) {}
};

namespace {

using Clock = std::chrono::steady_clock;

// Converts Beast's request into ours; an error when the target cannot be parsed.
Result<Request> ToRequest(const bhttp::request<bhttp::string_body>& in, const std::string& ip) {
  Request out;
  out.method = std::string(in.method_string());
  out.remote_ip = ip;
  const auto url = boost::urls::parse_origin_form(in.target());
  if (!url) {
    return MakeError(ErrorCode::kInvalidArgument, "bad_request", "The request target is invalid.");
  }
  out.path = url->path();
  if (out.path.empty()) out.path = "/";
  if (!text::IsValidUtf8(out.path)) {
    return MakeError(ErrorCode::kInvalidArgument, "bad_request", "The path is not valid UTF-8.");
  }
  for (const auto& param : url->params()) {
    if (!text::IsValidUtf8(param.key) || !text::IsValidUtf8(param.value)) {
      return MakeError(ErrorCode::kInvalidArgument, "bad_request",
                       "A query parameter is not valid UTF-8.");
    }
    out.query.emplace_back(param.key, param.value);
  }
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  out.body = in.body();
  return out;
}

// The status line and header fields of `response`, shared by whole and streamed bodies.
template <typename Body>
bhttp::response<Body> BeastHeader(const Response& response, unsigned version, bool keep_alive) {
  bhttp::response<Body> out{static_cast<bhttp::status>(response.status), version};
  out.set(bhttp::field::server, "Cartera");
  if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) out.insert(name, value);
  out.keep_alive(keep_alive);
  return out;
}

bhttp::response<bhttp::string_body> ToBeast(Response&& response, unsigned version, bool keep_alive,
                                            bool head) {
  auto out = BeastHeader<bhttp::string_body>(response, version, keep_alive);
  const size_t length = response.body.size();
  if (!head) out.body() = std::move(response.body);
  out.content_length(length);
  return out;
}

asio::awaitable<void> WriteProblem(beast::tcp_stream& stream, const Error& error,
                                   unsigned version) {
  auto response = ToBeast(ProblemResponse(error), version, false, false);
  co_await bhttp::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
}

// Sends a streamed response: the header (Transfer-Encoding: chunked), then each chunk as
// BodySource::Next produces it. Next runs on the write pool, so a long export never holds an
// I/O thread, and the source is released there too (its destructor may write to the database).
// HTTP/1.0 has no chunked encoding: the body is sent raw and the connection closed after it.
// Returns whether the connection may be kept alive.
asio::awaitable<bool> WriteStream(Server::State& state, beast::tcp_stream& stream,
                                  Response&& response, unsigned version, bool keep_alive,
                                  bool head) {
  std::shared_ptr<BodySource> source = std::move(response.stream);
  const bool chunked = version >= 11;
  auto header = BeastHeader<bhttp::empty_body>(response, version, keep_alive && chunked);
  header.chunked(chunked);
  bhttp::response_serializer<bhttp::empty_body> serializer{header};
  stream.expires_after(state.options.body_timeout);
  auto [header_error, header_bytes] =
      co_await bhttp::async_write_header(stream, serializer, asio::as_tuple(asio::use_awaitable));
  bool complete = !header_error;
  std::string chunk;
  while (complete && !head) {
    chunk.clear();
    bool more = false;
    try {
      more = co_await asio::co_spawn(
          state.writers, [&]() -> asio::awaitable<bool> { co_return source->Next(chunk); },
          asio::use_awaitable);
    } catch (const std::exception& exception) {
      log::Error("stream_failed", {{"what", exception.what()}});
      complete = false;
      break;
    }
    if (!chunk.empty()) {
      stream.expires_after(state.options.body_timeout);
      beast::error_code error;
      if (chunked) {
        std::tie(error, std::ignore) = co_await asio::async_write(
            stream, bhttp::make_chunk(asio::buffer(chunk)), asio::as_tuple(asio::use_awaitable));
      } else {
        std::tie(error, std::ignore) = co_await asio::async_write(
            stream, asio::buffer(chunk), asio::as_tuple(asio::use_awaitable));
      }
      if (error) complete = false;
    }
    if (!more) break;
  }
  if (complete && chunked && !head) {
    stream.expires_after(state.options.body_timeout);
    auto [error, written] = co_await asio::async_write(stream, bhttp::make_chunk_last(),
                                                       asio::as_tuple(asio::use_awaitable));
    if (error) complete = false;
  }
  co_await asio::co_spawn(
      state.writers,
      [&]() -> asio::awaitable<void> {
        source.reset();
        co_return;
      },
      asio::use_awaitable);
  const bool reusable = complete && keep_alive && chunked;
  co_return reusable;
}

// The path as logged: quick-order tokens are credentials, so the segment after /q/ is hidden.
std::string LoggedPath(const std::string& path) {
  for (const std::string_view prefix : {"/q/", "/api/v1/q/"}) {
    if (path.rfind(prefix, 0) == 0) {
      const size_t end = path.find('/', prefix.size());
      return std::string(prefix) + "…" + (end == std::string::npos ? "" : path.substr(end));
    }
  }
  return path;
}

Error BodyTooLarge(size_t limit) {
  return MakeError(ErrorCode::kTooLarge, "payload_too_large",
                   "The body is larger than " + std::to_string(limit) + " bytes.");
}

// The options of the route a request's header names (nullptr: none; the server's defaults).
const RouteOptions* RouteOptionsOf(const Server::State& state,
                                   const bhttp::request<bhttp::string_body>& header) {
  const auto url = boost::urls::parse_origin_form(header.target());
  return url ? state.router.OptionsFor(header.method_string(), url->path()) : nullptr;
}

// For a route with a body limit of its own (uploads): whether the caller may send the body,
// decided from the header, so that only those allowed can make the server receive it.
std::optional<Error> RefusedBeforeBody(const Server::State& state,
                                       const bhttp::request<bhttp::string_body>& header,
                                       const std::string& ip) {
  Result<Request> request = ToRequest(header, ip);
  if (!request.ok()) return std::nullopt;  // answered as usual once the body is read
  try {
    return state.router.CheckBeforeBody(request.value());
  } catch (const std::exception& exception) {
    log::Error("unhandled_exception", {{"route", "before_body"}, {"what", exception.what()}});
    return MakeError(ErrorCode::kInternal, "internal",
                     "Something went wrong on our side; it has been logged.");
  }
}

// After an early answer (413), the client may still be sending. Closing now would make the
// kernel reset the connection and the client might never read the answer, so stop sending,
// then read and discard for a bounded time and amount before closing.
asio::awaitable<void> DrainAndClose(beast::tcp_stream& stream) {
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  std::array<char, 16384> sink;
  size_t discarded = 0;
  stream.expires_after(std::chrono::seconds(5));
  while (discarded < (size_t{64} << 20)) {
    auto [error, bytes] =
        co_await stream.async_read_some(asio::buffer(sink), asio::as_tuple(asio::use_awaitable));
    if (error) break;
    discarded += bytes;
  }
  stream.socket().close(ignored);
}

asio::awaitable<void> Session(Server::State& state, beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  std::string ip;
  beast::error_code endpoint_error;
  const auto endpoint = stream.socket().remote_endpoint(endpoint_error);
  if (!endpoint_error) ip = endpoint.address().to_string();
  bool first = true;
  for (;;) {
    // While stopping, a connection still gets its first request answered; keep-alive ends.
    if (state.stopping && !first) break;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    // The largest any route accepts until the header says which route it is.
    parser.body_limit(std::max(state.options.max_body_bytes, state.router.LargestBodyLimit()));
    stream.expires_after(first ? state.options.header_timeout : state.options.idle_timeout);
    first = false;
    auto [header_error, header_bytes] = co_await bhttp::async_read_header(
        stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (header_error) {
      if (header_error == bhttp::error::body_limit) {
        // Content-Length already says the body is too large.
        co_await WriteProblem(stream, BodyTooLarge(state.options.max_body_bytes), 11);
        state.metrics.Record("other", 413, 0);
        co_await DrainAndClose(stream);
        co_return;
      }
      if (header_error == bhttp::error::header_limit) {
        co_await WriteProblem(stream,
                              MakeError(ErrorCode::kTooLarge, "payload_too_large",
                                        "The request header is too large."),
                              11);
      } else if (header_error != bhttp::error::end_of_stream &&
                 header_error != beast::error::timeout && header_error != asio::error::eof &&
                 header_error != asio::error::connection_reset &&
                 header_error != asio::error::operation_aborted) {
        co_await WriteProblem(
            stream,
            MakeError(ErrorCode::kInvalidArgument, "bad_request", "The request is not valid HTTP."),
            11);
      }
      break;
    }
    const RouteOptions* route_options = RouteOptionsOf(state, parser.get());
    const bool own_limit = route_options && route_options->max_body_bytes > 0;
    const size_t body_limit =
        own_limit ? route_options->max_body_bytes : state.options.max_body_bytes;
    if (parser.content_length() && *parser.content_length() > body_limit) {
      co_await WriteProblem(stream, BodyTooLarge(body_limit), parser.get().version());
      state.metrics.Record("other", 413, 0);
      co_await DrainAndClose(stream);
      co_return;
    }
    parser.body_limit(body_limit);  // counts down the chunks of a chunked body
    if (own_limit && !parser.is_done()) {
      if (const auto refused = RefusedBeforeBody(state, parser.get(), ip)) {
        co_await WriteProblem(stream, *refused, parser.get().version());
        state.metrics.Record("other", ToHttpStatus(refused->code), 0);
        co_await DrainAndClose(stream);
        co_return;
      }
    }
    const auto started = Clock::now();
    state.in_flight.fetch_add(1);
    struct InFlight {
      std::atomic<int64_t>& counter;
      ~InFlight() { counter.fetch_sub(1); }
    } in_flight_guard{state.in_flight};

    // A request without a body (most GETs) is complete once its header is read: no second
    // read and no second timer.
    beast::error_code body_error;
    if (!parser.is_done()) {
      stream.expires_after(route_options && route_options->body_timeout.count() > 0
                               ? route_options->body_timeout
                               : state.options.body_timeout);
      auto [read_error, body_bytes] =
          co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      body_error = read_error;
    }
    const unsigned version = parser.get().version();
    if (body_error) {
      if (body_error == bhttp::error::body_limit) {
        co_await WriteProblem(stream, BodyTooLarge(body_limit), version);
        state.metrics.Record("other", 413, 0);
        co_await DrainAndClose(stream);
        co_return;
      } else if (body_error != beast::error::timeout && body_error != asio::error::eof &&
                 body_error != bhttp::error::end_of_stream &&
                 body_error != asio::error::connection_reset) {
        co_await WriteProblem(stream,
                              MakeError(ErrorCode::kInvalidArgument, "bad_request",
                                        "The request body could not be read."),
                              version);
      }
      break;
    }
    bhttp::request<bhttp::string_body> beast_request = parser.release();
    const bool keep_alive = beast_request.keep_alive() && !state.stopping;
    const bool head = beast_request.method() == bhttp::verb::head;
    std::string_view route_name = "other";
    Response response;
    Result<Request> request = ToRequest(beast_request, ip);
    if (request.ok() && (head || beast_request.method() == bhttp::verb::get)) {
      response = state.router.Handle(request.value(), route_name);
    } else if (request.ok()) {
      response = co_await asio::co_spawn(
          state.writers,
          [&]() -> asio::awaitable<Response> {
            co_return state.router.Handle(request.value(), route_name);
          },
          asio::use_awaitable);
    } else {
      response = ProblemResponse(request.error());
    }
    const unsigned status = response.status;
    bool write_error = false;
    if (response.stream) {
      write_error =
          !co_await WriteStream(state, stream, std::move(response), version, keep_alive, head);
    } else {
      auto beast_response = ToBeast(std::move(response), version, keep_alive, head);
      stream.expires_after(state.options.body_timeout);
      auto [error, written] =
          co_await bhttp::async_write(stream, beast_response, asio::as_tuple(asio::use_awaitable));
      write_error = static_cast<bool>(error);
    }
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
    state.metrics.Record(route_name, status, micros);
    if (state.options.log_requests) {
      log::Info("request", {{"method", std::string(beast_request.method_string())},
                            {"path", request.ok() ? LoggedPath(request->path) : std::string("?")},
                            {"status", status},
                            {"us", micros},
                            {"ip", ip}});
    }
    if (write_error || !keep_alive) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> Accept(Server::State& state) {
  asio::steady_timer backoff(state.io);
  for (;;) {
    // Each connection gets its own strand: Beast's stream timers and the session coroutine
    // must never run at the same time on two of the I/O threads.
    auto [error, socket] = co_await state.acceptor.async_accept(
        asio::make_strand(state.io), asio::as_tuple(asio::use_awaitable));
    if (error) {
      if (state.stopping || error == asio::error::operation_aborted) co_return;
      // Out of descriptors (EMFILE/ENFILE) fails again at once: wait instead of spinning.
      log::Warn("accept_failed", {{"error", error.message()}});
      backoff.expires_after(std::chrono::milliseconds(100));
      co_await backoff.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto executor = socket.get_executor();
    asio::co_spawn(executor, Session(state, beast::tcp_stream(std::move(socket))), asio::detached);
  }
}

// After the acceptor closes: wait for in-flight requests (bounded), then stop the loop.
asio::awaitable<void> Drain(Server::State& state) {
  asio::steady_timer timer(state.io);
  const auto started = Clock::now();
  const auto deadline = started + state.options.shutdown_grace;
  // A short floor lets connections accepted just before the signal get their request read.
  const auto floor = started + std::chrono::milliseconds(300);
  while ((state.in_flight.load() > 0 || Clock::now() < floor) && Clock::now() < deadline) {
    timer.expires_after(std::chrono::milliseconds(10));
    co_await timer.async_wait(asio::use_awaitable);
  }
  log::Info("stopped", {{"unfinished_requests", state.in_flight.load()}});
  state.io.stop();
}

void BeginShutdown(Server::State& state) {
  if (state.stopping.exchange(true)) return;
  log::Info("stopping", {{"in_flight", state.in_flight.load()}});
  beast::error_code ignored;
  state.acceptor.close(ignored);
  asio::co_spawn(state.io, Drain(state), asio::detached);
}

}  // namespace

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : state_(std::make_unique<State>(std::move(options), router, metrics)) {}

Server::~Server() = default;

uint16_t Server::Bind() {
  const auto address = asio::ip::make_address(state_->options.host);
  const tcp::endpoint endpoint(address, state_->options.port);
  state_->acceptor.open(endpoint.protocol());
  state_->acceptor.set_option(asio::socket_base::reuse_address(true));
  state_->acceptor.bind(endpoint);
  state_->acceptor.listen(asio::socket_base::max_listen_connections);
  return state_->acceptor.local_endpoint().port();
}

void Server::Run() {
  State& state = *state_;
  state.signals.async_wait([&state](const beast::error_code& error, int) {
    if (!error) asio::post(state.acceptor.get_executor(), [&state] { BeginShutdown(state); });
  });
  asio::co_spawn(state.acceptor.get_executor(), Accept(state), asio::detached);
  unsigned threads = state.options.threads;
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i) workers.emplace_back([&state] { state.io.run(); });
  state.io.run();
  for (auto& worker : workers) worker.join();
  state.writers.join();
}

void Server::Stop() {
  asio::post(state_->acceptor.get_executor(), [this] { BeginShutdown(*state_); });
}

}  // namespace cartera::http
