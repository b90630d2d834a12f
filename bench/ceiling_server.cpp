// The ceiling for HTTP throughput on this machine: a minimal Boost.Beast server with the same
// threading and coroutine style as Cartera's, answering a fixed 200-byte JSON body.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

const std::string kBody = [] {
  std::string body = R"({"id":"1","name":"Comercial Eléctrica S.A.","status":"current","pad":")";
  body.append(200 - body.size() - 2, 'x');
  return body + "\"}";
}();

asio::awaitable<void> Session(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  for (;;) {
    bhttp::request<bhttp::string_body> request;
    auto [read_error, read] =
        co_await bhttp::async_read(stream, buffer, request, asio::as_tuple(asio::use_awaitable));
    if (read_error) break;
    bhttp::response<bhttp::string_body> response{bhttp::status::ok, request.version()};
    response.set(bhttp::field::content_type, "application/json");
    response.keep_alive(request.keep_alive());
    response.body() = kBody;
    response.prepare_payload();
    auto [write_error, written] =
        co_await bhttp::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
    if (write_error || !request.keep_alive()) break;
  }
}

asio::awaitable<void> Accept(tcp::acceptor& acceptor) {
  for (;;) {
    auto [error, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
    if (error) co_return;
    socket.set_option(tcp::no_delay(true));
    asio::co_spawn(acceptor.get_executor(), Session(beast::tcp_stream(std::move(socket))),
                   asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const unsigned short port = argc > 1 ? static_cast<unsigned short>(std::stoi(argv[1])) : 18999;
  const unsigned threads = argc > 2 ? static_cast<unsigned>(std::stoi(argv[2]))
                                    : std::max(1U, std::thread::hardware_concurrency());
  asio::io_context io;
  tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), port});
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&io](auto, auto) { io.stop(); });
  asio::co_spawn(io, Accept(acceptor), asio::detached);
  std::vector<std::thread> workers;
  for (unsigned i = 1; i < threads; ++i) workers.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& worker : workers) worker.join();
}
