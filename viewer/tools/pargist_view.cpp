// pargist-view: browse a CGM file or family (Gist's or pargist's) in a
// window, or convert pages to PNG / PDF / SVG without any display.
#include <cstdio>
#include <exception>
#include <iostream>

#include "page_output.hpp"
#include "pargist/libplot/hardcopy.hpp"
#include "pargist/libplot/cgm.hpp"
#include "view_options.hpp"
#include "window_browse.hpp"
#include "window_follow.hpp"

using namespace pargist;
using view_tool::ViewToolOptions;

namespace {

void print_catalogue(const cgm::CgmDocument& doc) {
  std::printf("%zu page%s in %zu file%s\n", doc.pages.size(), doc.pages.size() == 1 ? "" : "s",
              doc.files.size(), doc.files.size() == 1 ? "" : "s");
  std::printf("%5s  %-10s %-9s %-6s %7s %8s  %s\n", "page", "name", "kind", "layout", "systems",
              "elements", "file @ offset");
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    const auto& p = doc.pages[i];
    std::size_t elements = 0;
    for (const auto& s : p.frame.systems) elements += s.elements.size();
    std::printf("%5zu  %-10s %-9s %-6s %7zu %8zu  %s @ %zu\n", i + 1, p.name.c_str(),
                p.from_world_record ? "world" : "ndc", p.landscape ? "land" : "port",
                p.frame.systems.empty() ? std::size_t(0) : p.frame.systems.size() - 1, elements,
                p.file.c_str(), p.offset);
  }
}

// Applies --limits to a page's frame (pages with a world record only).
void apply_limits(const ViewToolOptions& o, const cgm::CgmPage& page, int number, plot::Frame& f) {
  if (!o.limits) return;
  if (!page.from_world_record)
    throw std::runtime_error("page " + std::to_string(number) +
                             " has no world-coordinate record (not written by pargist): "
                             "use --view to enlarge part of it");
  const auto& l = *o.limits;
  if (std::size_t(l.system) >= f.systems.size())
    throw std::runtime_error("page " + std::to_string(number) + " has no system " +
                             std::to_string(l.system));
  auto& lim = f.systems[std::size_t(l.system)].limits;
  lim.xmin = l.xmin;
  lim.xmax = l.xmax;
  lim.ymin = l.ymin;
  lim.ymax = l.ymax;
  lim.auto_xmin = lim.auto_xmax = lim.auto_ymin = lim.auto_ymax = false;
}

int run(const ViewToolOptions& o) {
  if (o.follow) {
    std::string why;
    if (view_tool::follow(o, why)) return 0;
    std::fprintf(stderr, "pargist-view: %s\n", why.c_str());
    return 2;
  }
  const auto doc = cgm::read_cgm(o.file, o.follow_family);
  for (const auto& w : doc.warnings) std::fprintf(stderr, "pargist-view: warning: %s\n", w.c_str());
  if (doc.error) {
    if (doc.pages.empty()) {
      std::fprintf(stderr, "pargist-view: %s\n", doc.error->c_str());
      return 1;
    }
    std::fprintf(stderr, "pargist-view: warning: %s (the %zu page%s before it are read)\n",
                 doc.error->c_str(), doc.pages.size(), doc.pages.size() == 1 ? "" : "s");
  }
  if (o.list) print_catalogue(doc);
  if (doc.pages.empty()) {
    if (o.list) return 0;
    std::fprintf(stderr, "pargist-view: %s holds no pages\n", o.file.c_str());
    return 1;
  }

  std::vector<int> pages = o.pages;
  if (pages.empty() && o.converts())
    for (std::size_t i = 0; i < doc.pages.size(); ++i) pages.push_back(int(i) + 1);
  for (int p : pages)
    if (p < 1 || std::size_t(p) > doc.pages.size()) {
      std::fprintf(stderr, "pargist-view: page %d does not exist (%s has %zu page%s)\n", p,
                   o.file.c_str(), doc.pages.size(), doc.pages.size() == 1 ? "" : "s");
      return 1;
    }

  if (o.converts()) {
    std::vector<plot::Frame> frames;
    for (int p : pages) {
      frames.push_back(doc.pages[std::size_t(p - 1)].frame);
      apply_limits(o, doc.pages[std::size_t(p - 1)], p, frames.back());
    }
    const bool several = frames.size() > 1;
    for (std::size_t k = 0; k < frames.size(); ++k) {
      const auto& f = frames[k];
      const plot::Box box = o.view ? *o.view : view_tool::page_box(f);
      if (!o.png.empty()) {
        const auto name = several ? view_tool::numbered_name(o.png, pages[k]) : o.png;
        plot::write_png_image(plot::render_image(f, view_tool::raster_view(box, o.width, o.height, o.dpi)), name,
                              {{"Software", "pargist-view"}});
      }
      if (!o.svg.empty()) {
        // The whole page unless --view says otherwise (libplot's default
        // is the window's view).
        const auto name = several ? view_tool::numbered_name(o.svg, pages[k]) : o.svg;
        plot::write_svg(f, name, box);
      }
    }
    if (!o.pdf.empty()) plot::write_pdf(frames, o.pdf, o.view);
    return 0;
  }
  if (o.list) return 0;

  // No output asked for: the browsing window.
  std::string why;
  const int first = pages.empty() ? 1 : pages.front();
  if (view_tool::browse(doc, first, o, why)) return 0;
  std::fprintf(stderr, "pargist-view: %s\n", why.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  ViewToolOptions o;
  try {
    o = view_tool::parse_options(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pargist-view: %s\n%s", e.what(), view_tool::usage());
    return 1;
  }
  if (o.help) {
    std::fputs(view_tool::usage(), stdout);
    return 0;
  }
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pargist-view: %s\n", e.what());
    return 1;
  }
}
