#include "http_server.hpp"

#include <arpa/inet.h>
#include <civetweb.h>
#include <netinet/in.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace pargist::viewer::detail {
namespace {

// Limits that bound what one client can cost.
constexpr const char* kWorkers = "24";           // browsers hold one each while waiting
constexpr const char* kQueue = "32";             // accepted connections waiting for a worker
constexpr const char* kRequestHeadBytes = "8192";
constexpr const char* kRequestTimeoutMs = "5000";  // the whole request head, and each write
constexpr const char* kKeepAliveMs = "3000";

void init_library_once() {
  static std::once_flag once;
  std::call_once(once, [] { mg_init_library(0); });
}

// civetweb's own log lines (bad requests, closed sockets) are not news for
// the run's output.
int quiet(const mg_connection*, const char*) { return 1; }

bool same_token(const std::string& given, const std::string& token) {
  // The same time whatever the first difference is.
  if (given.size() != token.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < token.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ token[i]);
  return diff == 0;
}

void send_error(mg_connection* conn, int status, const char* text) {
  // mg_send_http_error closes the connection after the answer.
  mg_send_http_error(conn, status, "%s\n", text);
}

}  // namespace

std::optional<std::string> HttpRequest::param(const std::string& name) const {
  if (query.empty()) return std::nullopt;
  char value[512];
  const int n = mg_get_var(query.c_str(), query.size(), name.c_str(), value, sizeof value);
  if (n < 0) return std::nullopt;  // absent (-1) or too long (-2)
  return std::string(value, std::size_t(n));
}

std::string random_token() {
  unsigned char bytes[16];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string("no random bytes for the token: ") + std::strerror(errno));
    got += std::size_t(n);
  }
  static const char hex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char b : bytes) token += hex[b >> 4], token += hex[b & 15];
  return token;
}

HttpServer::HttpServer(const BrowserAddress& address, std::string token, HttpHandler handler)
    : token_(std::move(token)), handler_(std::move(handler)) {
  init_library_once();
  const std::string listen = address.host + ":" + std::to_string(address.port);
  const char* options[] = {"listening_ports", listen.c_str(),
                           "num_threads", kWorkers,
                           "connection_queue", kQueue,
                           "max_request_size", kRequestHeadBytes,
                           "request_timeout_ms", kRequestTimeoutMs,
                           "enable_keep_alive", "yes",
                           "keep_alive_timeout_ms", kKeepAliveMs,
                           "enable_directory_listing", "no",
                           "tcp_nodelay", "1",
                           nullptr};
  mg_callbacks callbacks{};
  callbacks.log_message = quiet;
  mg_init_data init{};
  init.callbacks = &callbacks;
  init.user_data = this;
  init.configuration_options = options;
  char error[256] = "";
  unsigned code = 0;
  mg_error_data err{};
  err.code = &code;
  err.text = error;
  err.text_buffer_size = sizeof error;
  ctx_ = mg_start2(&init, &err);
  if (!ctx_)
    throw std::runtime_error("cannot serve at " + listen + ": " + (error[0] ? error : "civetweb did not start"));
  mg_set_request_handler(ctx_, "/", &HttpServer::on_request, this);
  mg_server_port ports[1];
  if (mg_get_server_ports(ctx_, 1, ports) < 1) {
    mg_stop(ctx_);
    throw std::runtime_error("cannot serve at " + listen + ": no listening port");
  }
  port_ = ports[0].port;
}

HttpServer::~HttpServer() {
  if (!ctx_) return;
  // Once stopping, civetweb writes nothing more: the answers under way
  // (a 204 to a client that was waiting for a frame) go out first.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
  while (answering_ > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  // civetweb's listening thread notices the stop only when its poll() ends:
  // after 2 s, or at the next connection. Knock until it has gone, so that
  // stopping (winkill, the end of the run) takes milliseconds.
  std::atomic<bool> stopped{false};
  std::thread knock([&] {
    while (!stopped) {
      const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      if (fd >= 0) {
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<std::uint16_t>(port_));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::close(fd);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  mg_stop(ctx_);
  stopped = true;
  knock.join();
}

int HttpServer::on_request(mg_connection* conn, void* self) {
  auto* server = static_cast<HttpServer*>(self);
  ++server->answering_;
  server->answer(conn);
  --server->answering_;
  return 1;  // answered
}

void HttpServer::answer(mg_connection* conn) {
  const mg_request_info* ri = mg_get_request_info(conn);
  HttpRequest request;
  request.method = ri->request_method ? ri->request_method : "";
  request.path = ri->local_uri ? ri->local_uri : "";
  request.query = ri->query_string ? ri->query_string : "";

  const auto token = request.param("token");
  if (!token || !same_token(*token, token_)) return send_error(conn, 403, "forbidden: this address needs its token");
  if (ri->content_length > 0 || mg_get_header(conn, "Transfer-Encoding"))
    return send_error(conn, 413, "no request body is accepted");
  if (request.method != "GET" && request.method != "POST")
    return send_error(conn, 405, "only GET and POST");

  HttpReply reply;
  try {
    reply = handler_(request);
  } catch (const std::exception& e) {
    return send_error(conn, 500, e.what());
  }
  if (reply.status >= 400) return send_error(conn, reply.status, reply.body.c_str());

  const std::string& body = reply.shared_body ? *reply.shared_body : reply.body;
  mg_response_header_start(conn, reply.status);
  mg_response_header_add(conn, "Cache-Control", "no-store", -1);
  mg_response_header_add(conn, "X-Content-Type-Options", "nosniff", -1);
  mg_response_header_add(conn, "Referrer-Policy", "no-referrer", -1);  // the token stays here
  if (reply.status != 204) {
    mg_response_header_add(conn, "Content-Type", reply.content_type.c_str(), -1);
    mg_response_header_add(conn, "Content-Length", std::to_string(body.size()).c_str(), -1);
  }
  for (const auto& [name, value] : reply.headers) mg_response_header_add(conn, name.c_str(), value.c_str(), -1);
  mg_response_header_send(conn);
  if (reply.status == 204) return;
  if (mg_write(conn, body.data(), body.size()) == int(body.size()) && reply.on_sent) reply.on_sent();
}

}  // namespace pargist::viewer::detail
