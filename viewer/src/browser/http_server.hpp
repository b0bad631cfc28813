// The HTTP side of the browser view, on civetweb (Debian's libcivetweb):
// a bounded pool of worker threads, a bounded connection queue, a cap on
// the request head and a deadline for reading it, so that malformed, huge
// or slow requests cost a worker for at most a few seconds and end in a
// closed connection. Every request must carry the token (?token=...): 403
// before anything else is looked at. Only GET and POST without a body get
// through to the handler; nothing is served from the file system.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pargist/viewer/browser.hpp"

struct mg_context;
struct mg_connection;

namespace pargist::viewer::detail {

struct HttpRequest {
  std::string method;  ///< "GET" or "POST"
  std::string path;    ///< decoded, without the query
  std::string query;   ///< raw query string
  /// A query parameter, decoded; nullopt when absent.
  std::optional<std::string> param(const std::string& name) const;
};

struct HttpReply {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::shared_ptr<const std::string> shared_body;  ///< instead of body (a frame's PNG)
  std::vector<std::pair<std::string, std::string>> headers;
  /// Called once the body was written whole (counts frames sent).
  std::function<void()> on_sent;
};

using HttpHandler = std::function<HttpReply(const HttpRequest&)>;

class HttpServer {
 public:
  /// Listens at `address`; throws std::runtime_error when it cannot.
  /// `handler` runs on the server's worker threads, several at a time.
  HttpServer(const BrowserAddress& address, std::string token, HttpHandler handler);
  /// Stops: lets the answers under way finish (up to half a second: wake
  /// the handlers that wait for news first), then closes every connection.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return port_; }

  /// How long a handler may hold a request open waiting for news.
  static constexpr int kLongPollMs = 20000;

 private:
  static int on_request(mg_connection* conn, void* self);
  void answer(mg_connection* conn);

  std::string token_;
  HttpHandler handler_;
  mg_context* ctx_ = nullptr;
  int port_ = 0;
  std::atomic<int> answering_{0};  ///< answers being computed or written
};

/// A fresh random token: 32 hex digits (128 bits from getrandom).
std::string random_token();

}  // namespace pargist::viewer::detail
