// The back channel of a followed CGM family: the request file that
// pargist-view --follow writes when its user zooms, and the job reads.
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "files.hpp"
#include "pargist/libplot/cgm.hpp"

namespace pargist::cgm {
namespace {

constexpr const char* kMagic = "pargist view request 1";
// A request names a few systems; anything much longer is not one.
constexpr std::size_t kMaxBytes = 64 * 1024;

std::string side_text(double v, bool automatic) {
  if (automatic) return "e";
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

// A side: "e" (automatic) or a finite number.
bool parse_side(const std::string& word, double& value, bool& automatic) {
  if (word == "e") {
    automatic = true;
    return true;
  }
  char* end = nullptr;
  errno = 0;
  value = std::strtod(word.c_str(), &end);
  automatic = false;
  return end && *end == '\0' && !word.empty() && errno == 0 && std::isfinite(value);
}

}  // namespace

std::string view_request_path(const std::string& path) {
  std::string stem = path;
  if (stem.size() >= 4) {
    const std::string ext = stem.substr(stem.size() - 4);
    if (ext == ".cgm" || ext == ".CGM") stem.resize(stem.size() - 4);
  }
  const std::size_t slash = stem.find_last_of('/');
  const std::size_t start = slash == std::string::npos ? 0 : slash + 1;
  while (stem.size() > start && std::isdigit(static_cast<unsigned char>(stem.back()))) stem.pop_back();
  return stem + ".limits";
}

void write_view_request(const std::string& path, const ViewRequest& request) {
  std::ostringstream text;
  text << kMagic << "\nid " << request.id << "\n";
  for (const auto& [system, l] : request.systems)
    text << "system " << system << ' ' << side_text(l.xmin, l.auto_xmin) << ' '
         << side_text(l.xmax, l.auto_xmax) << ' ' << side_text(l.ymin, l.auto_ymin) << ' '
         << side_text(l.ymax, l.auto_ymax) << '\n';
  const std::string bytes = text.str();
  // Whole or absent: the follower never reads half a request.
  plot::detail::WholeFile file(path);
  file.write(bytes.data(), bytes.size());
  file.commit();
}

std::optional<ViewRequest> read_view_request(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    if (errno == ENOENT) return std::nullopt;
    throw std::invalid_argument(path + ": cannot read: " + std::strerror(errno));
  }
  std::string bytes(kMaxBytes + 1, '\0');
  bytes.resize(std::fread(bytes.data(), 1, bytes.size(), f));
  std::fclose(f);
  if (bytes.size() > kMaxBytes) throw std::invalid_argument(path + ": too long for a view request");

  std::istringstream lines(bytes);
  std::string line;
  int number = 0;
  auto bad = [&](const std::string& what) {
    return std::invalid_argument(path + ": line " + std::to_string(number) + ": " + what);
  };
  if (!std::getline(lines, line) || line != kMagic) {
    number = 1;
    throw bad("not a pargist view request (expected \"" + std::string(kMagic) + "\")");
  }
  number = 1;
  ViewRequest request;
  bool have_id = false;
  while (std::getline(lines, line)) {
    ++number;
    std::istringstream words(line);
    std::string key;
    if (!(words >> key)) continue;
    if (key == "id") {
      if (!(words >> request.id)) throw bad("id without a value");
      have_id = true;
    } else if (key == "system") {
      int system = 0;
      std::string side[4];
      if (!(words >> system >> side[0] >> side[1] >> side[2] >> side[3]) || system < 1)
        throw bad("expected: system <n >= 1> <xmin> <xmax> <ymin> <ymax>");
      plot::Limits l;
      if (!parse_side(side[0], l.xmin, l.auto_xmin) || !parse_side(side[1], l.xmax, l.auto_xmax) ||
          !parse_side(side[2], l.ymin, l.auto_ymin) || !parse_side(side[3], l.ymax, l.auto_ymax))
        throw bad("a side is neither a finite number nor e");
      if ((!l.auto_xmin && !l.auto_xmax && l.xmin == l.xmax) ||
          (!l.auto_ymin && !l.auto_ymax && l.ymin == l.ymax))
        throw bad("zero-size limits");
      request.systems.emplace_back(system, l);
    } else {
      throw bad("unknown entry \"" + key + "\"");
    }
  }
  if (!have_id) throw bad("no id line");
  return request;
}

}  // namespace pargist::cgm
