// BrowserView on its own, with a plain socket client (no browser, no MPI;
// also under ASan/UBSan): a page handed over reaches a client waiting for
// it as a PNG; only the newest page is drawn, and only while someone waits;
// a gesture zooms exactly as the X window's ZoomController does and its
// limits are handed out once; requests without the token get 403; a client
// waiting when the view stops gets its answer at once.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cairo.h>

#include <chrono>
#include <cstring>
#include <future>
#include <map>
#include <string>
#include <thread>

#include "pargist/viewer/browser.hpp"
#include "pargist/viewer/zoom.hpp"
#include "test_page.hpp"

namespace pv = pargist::viewer;
using pv::test::TestPage;

namespace {

struct Response {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
};

// One request on a fresh connection; the whole answer (the server closes
// after "Connection: close").
Response http(int port, const std::string& method, const std::string& target) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  const std::string request = method + " " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  REQUIRE(::send(fd, request.data(), request.size(), 0) == ssize_t(request.size()));
  std::string raw;
  char buffer[65536];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) raw.append(buffer, std::size_t(n));
  ::close(fd);
  Response r;
  const auto head_end = raw.find("\r\n\r\n");
  REQUIRE(head_end != std::string::npos);
  r.status = std::stoi(raw.substr(9, 3));
  std::size_t at = raw.find("\r\n") + 2;
  while (at < head_end) {
    const auto end = raw.find("\r\n", at);
    const auto colon = raw.find(':', at);
    r.headers[raw.substr(at, colon - at)] = raw.substr(colon + 2, end - colon - 2);
    at = end + 2;
  }
  r.body = raw.substr(head_end + 4);
  return r;
}

std::string header(const Response& r, const std::string& name) {
  const auto it = r.headers.find(name);
  return it == r.headers.end() ? "" : it->second;
}

std::string with_token(const pv::BrowserView& v, const std::string& path, const std::string& more = "") {
  return path + "?token=" + v.token() + more;
}

// The geometry the view draws TestPage with (its default 450x450 image).
std::vector<pv::SystemGeometry> test_page_systems(const pv::PageTransform& t, const pv::ViewOptions& o = {}) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 450, 450);
  cairo_t* cr = cairo_create(s);
  const auto systems = TestPage().render(cr, t, o);
  cairo_destroy(cr);
  cairo_surface_destroy(s);
  return systems;
}

}  // namespace

TEST_CASE("browser view: addresses") {
  CHECK(pv::parse_browser_address("8000").port == 8000);
  CHECK(pv::parse_browser_address("8000").host == "127.0.0.1");  // loopback unless told
  CHECK(pv::parse_browser_address(":0").port == 0);
  CHECK(pv::parse_browser_address("0.0.0.0:8080").host == "0.0.0.0");
  for (const char* bad : {"", "http", "65536", "-1", "+80", "80x", "localhost:80", "1.2.3:80", "1.2.3.256:80",
                          "1.2.3.4.5:80", "::1:80"})
    CHECK_THROWS_AS(pv::parse_browser_address(bad), std::invalid_argument);
}

TEST_CASE("browser view: the token, the page, the newest frame, and nothing drawn for nobody") {
  pv::BrowserView view(pv::BrowserOptions{});
  const int port = view.port();
  CHECK(view.url() == "http://127.0.0.1:" + std::to_string(port) + "/?token=" + view.token());
  CHECK(view.token().size() == 32);
  CHECK(pv::BrowserView(pv::BrowserOptions{}).token() != view.token());

  CHECK(http(port, "GET", "/").status == 403);
  CHECK(http(port, "GET", "/frame?after=0").status == 403);
  CHECK(http(port, "GET", "/?token=" + view.token().substr(1)).status == 403);
  CHECK(http(port, "POST", "/key?k=u").status == 403);
  const Response page = http(port, "GET", with_token(view, "/"));
  CHECK(page.status == 200);
  CHECK(page.body.find("viewer.js?token=" + view.token()) != std::string::npos);
  CHECK(http(port, "GET", with_token(view, "/viewer.js")).headers["Content-Type"] == "text/javascript; charset=utf-8");
  CHECK(http(port, "GET", with_token(view, "/etc/passwd")).status == 404);

  for (int k = 1; k <= 5; ++k) view.show(std::make_shared<TestPage>(k));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(view.stats().pages == 5);
  CHECK(view.stats().images == 0);  // no one asked

  const Response frame = http(port, "GET", with_token(view, "/frame", "&after=0"));
  REQUIRE(frame.status == 200);
  CHECK(header(frame, "Content-Type") == "image/png");
  CHECK(frame.body.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  const std::string& v = header(frame, "X-Pargist-View");
  CHECK(v.find("\"frame\":5,") != std::string::npos);  // the newest, not a queue
  CHECK(v.find("\"width\":450,\"height\":450") != std::string::npos);
  CHECK(view.stats().images == 1);
  CHECK(view.stats().sent == 1);

  // A client that has the newest frame waits for the next one.
  auto next = std::async(std::launch::async, [&] { return http(port, "GET", with_token(view, "/frame", "&after=1")); });
  CHECK(next.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);
  view.show(std::make_shared<TestPage>(6));
  REQUIRE(next.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
  CHECK(header(next.get(), "X-Pargist-View").find("\"frame\":6,") != std::string::npos);

  // Pages that came while no one watched: a new client gets the newest page
  // drawn for it, not the last image drawn.
  for (int k = 7; k <= 9; ++k) view.show(std::make_shared<TestPage>(k));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const Response late = http(port, "GET", with_token(view, "/frame", "&after=0"));
  REQUIRE(late.status == 200);
  CHECK(header(late, "X-Pargist-View").find("\"frame\":9,") != std::string::npos);
}

TEST_CASE("browser view: a gesture zooms as the window's controller does, handed out once") {
  pv::BrowserView view(pv::BrowserOptions{});
  view.show(std::make_shared<TestPage>(1));
  REQUIRE(http(view.port(), "GET", with_token(view, "/frame")).status == 200);

  const auto t = pv::PageTransform::gist_view(450, 450);
  const auto systems = test_page_systems(t);
  REQUIRE(systems.size() == 1);
  const double x0 = t.to_px_x(0.30), y0 = t.to_px_y(0.60), x1 = t.to_px_x(0.45), y1 = t.to_px_y(0.75);
  pv::ZoomController expected;
  expected.press(1, pv::kControl, x0, y0, systems, t);
  const auto want = expected.release(x1, y1);
  REQUIRE(want);

  char query[256];
  std::snprintf(query, sizeof query, "&seq=1&button=1&mods=4&x0=%.17g&y0=%.17g&x1=%.17g&y1=%.17g", x0, y0, x1, y1);
  const Response r = http(view.port(), "POST", with_token(view, "/gesture", query));
  CHECK(r.status == 200);
  CHECK(r.body.find("zoomed system 1") != std::string::npos);
  const auto got = view.take_zoomed_limits(1);
  REQUIRE(got);
  CHECK(got->same_sides(want->limits));
  CHECK_FALSE(got->any_auto());
  CHECK_FALSE(view.take_zoomed_limits(1));  // once

  // 'u' goes back to the page's own (automatic) limits.
  CHECK(http(view.port(), "POST", with_token(view, "/key", "&k=u")).status == 200);
  const auto back = view.take_zoomed_limits(1);
  REQUIRE(back);
  CHECK(back->any_auto());

  // Nonsense is refused, and changes nothing.
  for (const char* bad : {"&seq=1&button=4&mods=0&x0=1&y0=1&x1=1&y1=1", "&seq=1&button=1&mods=0&x0=nan&y0=1&x1=1&y1=1",
                          "&seq=1&button=1&mods=0&x0=1e300&y0=1&x1=1&y1=1", "&seq=x&button=1&mods=0&x0=1&y0=1&x1=1&y1=1",
                          "&button=1"})
    CHECK(http(view.port(), "POST", with_token(view, "/gesture", bad)).status == 400);
  CHECK(http(view.port(), "POST", with_token(view, "/key", "&k=z")).status == 400);
  CHECK_FALSE(view.take_zoomed_limits(1));
}

TEST_CASE("browser view: stopping answers the clients that wait") {
  auto view = std::make_unique<pv::BrowserView>(pv::BrowserOptions{});
  const int port = view->port();
  const std::string target = with_token(*view, "/frame", "&after=0");
  auto waiting = std::async(std::launch::async, [&] { return http(port, "GET", target); });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto start = std::chrono::steady_clock::now();
  view.reset();
  REQUIRE(waiting.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
  CHECK(waiting.get().status == 204);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
}

TEST_CASE("browser view: a port in use is an error, not a crash") {
  pv::BrowserView first(pv::BrowserOptions{});
  pv::BrowserOptions o;
  o.address.port = first.port();
  CHECK_THROWS_AS(pv::BrowserView(o), std::runtime_error);
}
