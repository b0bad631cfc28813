#include "view_options.hpp"

#include <cmath>
#include <sstream>

#include "page_list.hpp"

namespace pargist::view_tool {
namespace {

std::vector<double> numbers(const std::string& text, const std::string& option, std::size_t count) {
  std::string t = text;
  for (char& c : t)
    if (c == ',') c = ' ';
  std::istringstream in(t);
  std::vector<double> v;
  double x;
  while (in >> x) v.push_back(x);
  if (!in.eof() || v.size() != count)
    throw std::invalid_argument(option + " wants " + std::to_string(count) +
                                " numbers separated by commas, got \"" + text + "\"");
  for (double d : v)
    if (!std::isfinite(d)) throw std::invalid_argument(option + ": numbers must be finite");
  return v;
}

}  // namespace

const char* usage() {
  return "usage: pargist-view FILE.cgm [options]\n"
         "  Browse a CGM file (or family FILE00.cgm, FILE01.cgm, ...) in a window,\n"
         "  or convert its pages without any display.\n"
         "options:\n"
         "  --list                 print the page catalogue\n"
         "  --page LIST            pages to show or convert, Gist's way: \"3-9-2 31\"\n"
         "                         (m, m-n, m-n-s; repeatable); default: all pages\n"
         "  --png OUT              write PNG (several pages: OUT-0003.png, ...)\n"
         "  --pdf OUT              write one PDF with a page per CGM page\n"
         "  --svg OUT              write SVG (several pages: OUT-0003.svg, ...)\n"
         "  --size WxH             raster size in pixels (the page is fitted, centred)\n"
         "  --dpi D                raster resolution without --size (default 100)\n"
         "  --view X0,X1,Y0,Y1     show only this part of the page (NDC)\n"
         "  --limits [S:]X0,X1,Y0,Y1\n"
         "                         zoom system S (default 1) to these world limits;\n"
         "                         pages written by pargist only\n"
         "  --no-family            read this file only, not the files after it\n"
         "  --follow               follow a family a running job is writing: new pages\n"
         "                         show as they land (n/p: history, f or End: back to\n"
         "                         live); zooms go back to the job's next pp* call\n"
         "                         through FILE's request file (run.cgm -> run.limits)\n"
         "  --help                 this text\n";
}

ViewToolOptions parse_options(int argc, char** argv) {
  ViewToolOptions o;
  auto value = [&](int& i, const std::string& name) -> std::string {
    if (i + 1 >= argc) throw std::invalid_argument(name + " needs a value");
    return argv[++i];
  };
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      o.help = true;
    } else if (a == "--list") {
      o.list = true;
    } else if (a == "--page" || a == "--pages") {
      const auto more = parse_page_list(value(i, a));
      o.pages.insert(o.pages.end(), more.begin(), more.end());
    } else if (a == "--png") {
      o.png = value(i, a);
    } else if (a == "--pdf") {
      o.pdf = value(i, a);
    } else if (a == "--svg") {
      o.svg = value(i, a);
    } else if (a == "--size") {
      const std::string v = value(i, a);
      const auto x = v.find_first_of("xX");
      int w = 0, h = 0;
      try {
        std::size_t used_w = 0, used_h = 0;
        if (x == std::string::npos) throw std::invalid_argument("");
        w = std::stoi(v.substr(0, x), &used_w);
        h = std::stoi(v.substr(x + 1), &used_h);
        if (used_w != x || used_h != v.size() - x - 1) throw std::invalid_argument("");
      } catch (const std::exception&) {
        throw std::invalid_argument("--size wants WxH in pixels, e.g. 800x600, got \"" + v + "\"");
      }
      if (w < 1 || h < 1 || w > 20000 || h > 20000)
        throw std::invalid_argument("--size: width and height must be 1..20000 pixels");
      o.width = w;
      o.height = h;
    } else if (a == "--dpi") {
      o.dpi = numbers(value(i, a), a, 1)[0];
      if (!(o.dpi >= 1 && o.dpi <= 2400)) throw std::invalid_argument("--dpi must be 1..2400");
    } else if (a == "--view") {
      const auto v = numbers(value(i, a), a, 4);
      if (!(v[0] < v[1] && v[2] < v[3])) throw std::invalid_argument("--view wants X0<X1 and Y0<Y1");
      o.view = plot::Box{v[0], v[1], v[2], v[3]};
    } else if (a == "--limits") {
      std::string v = value(i, a);
      WorldLimits l;
      const auto colon = v.find(':');
      if (colon != std::string::npos) {
        l.system = static_cast<int>(numbers(v.substr(0, colon), a + " system", 1)[0]);
        v = v.substr(colon + 1);
      }
      const auto n = numbers(v, a, 4);
      if (!(n[0] != n[1] && n[2] != n[3])) throw std::invalid_argument("--limits: empty range");
      l.xmin = n[0];
      l.xmax = n[1];
      l.ymin = n[2];
      l.ymax = n[3];
      if (l.system < 1) throw std::invalid_argument("--limits: systems count from 1");
      o.limits = l;
    } else if (a == "--no-family") {
      o.follow_family = false;
    } else if (a == "--follow") {
      o.follow = true;
    } else if (!a.empty() && a[0] == '-') {
      throw std::invalid_argument("unknown option " + a);
    } else if (o.file.empty()) {
      o.file = a;
    } else {
      throw std::invalid_argument("one CGM file at a time (got \"" + o.file + "\" and \"" + a + "\")");
    }
  }
  if (!o.help && o.file.empty()) throw std::invalid_argument("no CGM file given");
  if (o.follow && (o.converts() || o.list || !o.pages.empty() || o.limits || o.view || !o.follow_family))
    throw std::invalid_argument("--follow shows the family in a window: it takes no other option");
  return o;
}

}  // namespace pargist::view_tool
