// Frames to files: PNG (pixels through libpng), PDF/SVG/EPS (Cairo's
// vector surfaces), and the hardcopy sinks that hcp_file() opens.
#include <cairo-pdf.h>
#include <cairo-ps.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include "files.hpp"
#include "pargist/libplot/axes.hpp"
#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/libplot/cgm.hpp"
#include "pargist/libplot/hardcopy.hpp"

namespace pargist::plot {

namespace {

PageView image_view(const Frame& frame, const ImageOptions& options) {
  const double dpi = options.dpi > 0 ? options.dpi : 100;
  return options.full_page ? page_view(dpi, frame.landscape) : window_view(dpi, options.pixels);
}

std::string cairo_error(cairo_status_t status) { return cairo_status_to_string(status); }

// The metadata of a frame for PNG text chunks.
std::vector<std::pair<std::string, std::string>> frame_metadata(const Frame& frame) {
  std::vector<std::pair<std::string, std::string>> text;
  text.emplace_back("Software", "pargist");
  text.emplace_back("Frame", std::to_string(frame.number));
  char when[64];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  text.emplace_back("Creation Time", when);
  if (!frame.title.empty()) text.emplace_back("Title", frame.title);
  std::string limits;
  for (std::size_t s = 1; s < frame.systems.size(); ++s) {
    if (frame.systems[s].elements.empty()) continue;
    try {
      const Limits l = resolve_limits(frame.systems[s]);
      char buf[200];
      std::snprintf(buf, sizeof buf, "%ssystem %zu: %.9g %.9g %.9g %.9g", limits.empty() ? "" : "; ", s, l.xmin,
                    l.xmax, l.ymin, l.ymax);
      limits += buf;
    } catch (const std::exception&) {
    }
  }
  if (!limits.empty()) text.emplace_back("Limits", limits);
  return text;
}

// Renders one frame onto a vector surface page, 72 device units per inch.
void render_vector_page(cairo_surface_t* surface, const Frame& frame, const PageView& view) {
  cairo_t* cr = cairo_create(surface);
  try {
    CairoRenderer renderer(cr, view);
    render(frame, renderer);
    cairo_show_page(cr);
  } catch (...) {
    cairo_destroy(cr);
    throw;
  }
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error("pargist: cairo: " + cairo_error(status));
}

enum class VectorKind { svg, eps };

// The view of a vector page: the region when given, else `otherwise`.
PageView vector_view(const std::optional<Box>& region, const PageView& otherwise) {
  return region ? region_view_at(*region, 72.0, false) : otherwise;
}

void write_vector_single(const Frame& frame, const std::string& path, VectorKind kind,
                         const std::optional<Box>& region) {
  // A single figure: the window's view (6 inches square), not the page.
  const PageView view = vector_view(region, window_view(72.0, 432));
  const std::string temp = detail::temp_path_for(path);
  cairo_surface_t* surface = kind == VectorKind::svg
                                 ? cairo_svg_surface_create(temp.c_str(), view.width, view.height)
                                 : cairo_ps_surface_create(temp.c_str(), view.width, view.height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    const std::string msg = cairo_error(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    detail::discard_file(temp);
    throw std::runtime_error("pargist: cannot write " + path + ": " + msg);
  }
  if (kind == VectorKind::eps) cairo_ps_surface_set_eps(surface, 1);
  try {
    render_vector_page(surface, frame, view);
  } catch (...) {
    cairo_surface_destroy(surface);
    detail::discard_file(temp);
    throw;
  }
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    detail::discard_file(temp);
    throw std::runtime_error("pargist: cannot write " + path + ": " + cairo_error(status));
  }
  detail::commit_file(temp, path);
}

enum class PagedKind { pdf, ps };

// A multi-page PDF or PostScript file kept open until close(); whole files only.
class PdfWriter {
 public:
  explicit PdfWriter(const std::string& path, PagedKind kind = PagedKind::pdf)
      : path_(path), temp_(detail::temp_path_for(path)), kind_(kind) {
    surface_ = kind == PagedKind::pdf ? cairo_pdf_surface_create(temp_.c_str(), 612, 792)
                                      : cairo_ps_surface_create(temp_.c_str(), 612, 792);
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
      const std::string msg = cairo_error(cairo_surface_status(surface_));
      cairo_surface_destroy(surface_);
      surface_ = nullptr;
      detail::discard_file(temp_);
      throw std::runtime_error("pargist: cannot write " + path + ": " + msg);
    }
  }
  ~PdfWriter() {
    if (surface_) {
      cairo_surface_destroy(surface_);
      detail::discard_file(temp_);
    }
  }
  void add(const Frame& frame, const std::optional<Box>& region = std::nullopt) {
    if (!surface_) throw std::runtime_error("pargist: " + path_ + " is already closed");
    const PageView view = vector_view(region, page_view(72.0, frame.landscape));
    if (kind_ == PagedKind::pdf) cairo_pdf_surface_set_size(surface_, view.width, view.height);
    else cairo_ps_surface_set_size(surface_, view.width, view.height);
    render_vector_page(surface_, frame, view);
    ++pages_;
  }
  int pages() const { return pages_; }
  void close() {
    if (!surface_) return;
    cairo_surface_finish(surface_);
    const cairo_status_t status = cairo_surface_status(surface_);
    cairo_surface_destroy(surface_);
    surface_ = nullptr;
    if (status != CAIRO_STATUS_SUCCESS || pages_ == 0) {
      detail::discard_file(temp_);
      if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error("pargist: cannot write " + path_ + ": " + cairo_error(status));
      return;
    }
    detail::commit_file(temp_, path_);
  }

 private:
  std::string path_, temp_;
  PagedKind kind_;
  cairo_surface_t* surface_ = nullptr;
  int pages_ = 0;
};

class PdfSink : public FrameSink {
 public:
  PdfSink(const std::string& path, PagedKind kind) : path_(path), writer_(path, kind) {}
  void write(const Frame& frame) override { writer_.add(frame); }
  std::string close() override {
    writer_.close();
    return writer_.pages() > 0 ? path_ : std::string();
  }

 private:
  std::string path_;
  PdfWriter writer_;
};

// One file per frame: name0000.png, name0001.png, ...
class SeriesSink : public FrameSink {
 public:
  SeriesSink(const std::string& path, const ImageOptions& options) : options_(options) {
    detail::split_extension(path, stem_, ext_);
    detail::check_writable(path);
  }
  void write(const Frame& frame) override {
    char number[16];
    std::snprintf(number, sizeof number, "%04d", count_);
    const std::string name = stem_ + number + ext_;
    if (ext_ == ".png") write_png(frame, name, options_);
    else if (ext_ == ".svg") write_svg(frame, name);
    else write_eps(frame, name);
    ++count_;
    last_ = name;
  }
  std::string close() override { return last_; }

 private:
  ImageOptions options_;
  std::string stem_, ext_, last_;
  int count_ = 0;
};

}  // namespace

RasterImage render_image(const Frame& frame, const ImageOptions& options) {
  return render_image(frame, image_view(frame, options));
}

RasterImage render_image(const Frame& frame, const PageView& view) {
  const int w = int(view.width), h = int(view.height);
  if (w <= 0 || h <= 0 || w > 20000 || h > 20000)
    throw std::invalid_argument("pargist: image size " + std::to_string(w) + "x" + std::to_string(h) +
                                " is out of range");
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    throw std::runtime_error("pargist: cannot create a " + std::to_string(w) + "x" + std::to_string(h) + " image");
  }
  cairo_t* cr = cairo_create(surface);
  try {
    CairoRenderer renderer(cr, view);
    render(frame, renderer);
  } catch (...) {
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    throw;
  }
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  RasterImage image;
  image.width = w;
  image.height = h;
  image.argb.resize(static_cast<std::size_t>(w) * h);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < h; ++y)
    std::memcpy(&image.argb[static_cast<std::size_t>(y) * w], data + static_cast<std::size_t>(y) * stride,
                static_cast<std::size_t>(w) * 4);
  cairo_surface_destroy(surface);
  return image;
}

void write_png(const Frame& frame, const std::string& path, const ImageOptions& options) {
  const RasterImage image = render_image(frame, options);
  write_png_image(image, path, frame_metadata(frame), options.compression);
}

void write_pdf(const std::vector<Frame>& frames, const std::string& path, const std::optional<Box>& region) {
  if (frames.empty()) throw std::invalid_argument("pargist: pdf: no frames to write");
  PdfWriter writer(path);
  for (const auto& f : frames) writer.add(f, region);
  writer.close();
}

void write_svg(const Frame& frame, const std::string& path, const std::optional<Box>& region) {
  write_vector_single(frame, path, VectorKind::svg, region);
}
void write_eps(const Frame& frame, const std::string& path, const std::optional<Box>& region) {
  write_vector_single(frame, path, VectorKind::eps, region);
}

std::unique_ptr<FrameSink> open_hardcopy(const std::string& path, const HardcopyOptions& options) {
  std::string stem, ext;
  detail::split_extension(path, stem, ext);
  if (ext == ".pdf") return std::make_unique<PdfSink>(path, PagedKind::pdf);
  if (ext == ".ps") return std::make_unique<PdfSink>(path, PagedKind::ps);
  if (ext == ".png" || ext == ".svg" || ext == ".eps") return std::make_unique<SeriesSink>(path, options.image);
  if (path.empty()) throw std::invalid_argument("pargist: a hardcopy file needs a name");
  detail::check_writable(path);
  cgm::CgmOptions cgm;
  cgm.max_file_bytes = options.cgm_file_bytes;
  cgm.dump_palette = options.dump_palette;
  return cgm::open_cgm_family(path, cgm);
}

}  // namespace pargist::plot
