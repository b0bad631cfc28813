#include "page_output.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "pargist/libplot/hardcopy.hpp"
#include "pargist/libplot/renderer.hpp"

namespace pargist::view_tool {
namespace {

constexpr double kNdcPerInch = plot::kPointsPerInch * 0.0013;

// Files appear under their final name only when complete.
std::string temporary_name(const std::string& path) {
  return path + ".tmp" + std::to_string(::getpid());
}

void commit(const std::string& tmp, const std::string& path) {
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw std::runtime_error("cannot rename " + tmp + " to " + path);
  }
}

void check_surface(cairo_surface_t* s, const std::string& path) {
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    const std::string why = cairo_status_to_string(cairo_surface_status(s));
    cairo_surface_destroy(s);
    throw std::runtime_error("cannot write " + path + ": " + why);
  }
}

// Vector surfaces measure in PostScript points (1/72 inch).
plot::PageView vector_view(const plot::Box& box) {
  const double w = (box.xmax - box.xmin) / kNdcPerInch * 72.0;
  const double h = (box.ymax - box.ymin) / kNdcPerInch * 72.0;
  return fitted_view(box, w, h);
}

}  // namespace

plot::Box page_box(const plot::Frame& frame) {
  return frame.landscape ? plot::Box{0, plot::kPageHeightNdc, 0, plot::kPageWidthNdc}
                         : plot::Box{0, plot::kPageWidthNdc, 0, plot::kPageHeightNdc};
}

plot::PageView fitted_view(const plot::Box& box, double width, double height) {
  const double bw = box.xmax - box.xmin, bh = box.ymax - box.ymin;
  const double scale = std::min(width / bw, height / bh);  // device units per NDC
  const double cx = 0.5 * (box.xmin + box.xmax), cy = 0.5 * (box.ymin + box.ymax);
  plot::PageView v;
  v.page = {cx - 0.5 * width / scale, cx + 0.5 * width / scale, cy - 0.5 * height / scale,
            cy + 0.5 * height / scale};
  v.width = width;
  v.height = height;
  v.device_per_point = scale * 0.0013;
  return v;
}

plot::PageView raster_view(const plot::Box& box, int width, int height, double dpi) {
  if (width > 0 && height > 0) return fitted_view(box, width, height);
  const double w = std::round((box.xmax - box.xmin) / kNdcPerInch * dpi);
  const double h = std::round((box.ymax - box.ymin) / kNdcPerInch * dpi);
  return fitted_view(box, std::max(w, 1.0), std::max(h, 1.0));
}

void write_png_page(const plot::Frame& frame, const plot::PageView& view, const std::string& path) {
  const int w = static_cast<int>(view.width), h = static_cast<int>(view.height);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  check_surface(surface, path);
  cairo_t* cr = cairo_create(surface);
  {
    plot::CairoRenderer renderer(cr, view);
    plot::render(frame, renderer);
  }
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  plot::RasterImage image;
  image.width = w;
  image.height = h;
  image.argb.resize(std::size_t(w) * std::size_t(h));
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + std::size_t(y) * std::size_t(stride));
    std::copy(row, row + w, image.argb.begin() + std::ptrdiff_t(y) * w);
  }
  cairo_surface_destroy(surface);
  plot::write_png_image(image, path, {{"Software", "pargist-view"}});
}

void write_svg_page(const plot::Frame& frame, const std::optional<plot::Box>& box,
                    const std::string& path) {
  const auto view = vector_view(box ? *box : page_box(frame));
  const std::string tmp = temporary_name(path);
  cairo_surface_t* surface = cairo_svg_surface_create(tmp.c_str(), view.width, view.height);
  check_surface(surface, path);
  cairo_t* cr = cairo_create(surface);
  {
    plot::CairoRenderer renderer(cr, view);
    plot::render(frame, renderer);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const auto status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    std::remove(tmp.c_str());
    throw std::runtime_error("cannot write " + path + ": " + cairo_status_to_string(status));
  }
  commit(tmp, path);
}

void write_pdf_pages(const std::vector<plot::Frame>& frames, const std::optional<plot::Box>& box,
                     const std::string& path) {
  if (frames.empty()) throw std::runtime_error("no pages to write to " + path);
  const std::string tmp = temporary_name(path);
  auto first = vector_view(box ? *box : page_box(frames.front()));
  cairo_surface_t* surface = cairo_pdf_surface_create(tmp.c_str(), first.width, first.height);
  check_surface(surface, path);
  cairo_t* cr = cairo_create(surface);
  for (const auto& frame : frames) {
    const auto view = vector_view(box ? *box : page_box(frame));
    cairo_pdf_surface_set_size(surface, view.width, view.height);
    {
      plot::CairoRenderer renderer(cr, view);
      plot::render(frame, renderer);
    }
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const auto status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    std::remove(tmp.c_str());
    throw std::runtime_error("cannot write " + path + ": " + cairo_status_to_string(status));
  }
  commit(tmp, path);
}

std::string numbered_name(const std::string& path, int page) {
  char number[16];
  std::snprintf(number, sizeof number, "-%04d", page);
  const auto slash = path.find_last_of('/');
  const auto dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return path + number;
  return path.substr(0, dot) + number + path.substr(dot);
}

}  // namespace pargist::view_tool
