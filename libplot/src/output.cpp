// Frames to files: PNG (pixels through libpng), PDF/SVG/EPS (Cairo's
// vector surfaces), and the hardcopy sinks that hcp_file() opens.
#include <cairo-pdf.h>
#include <cairo-ps.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <cstdio>
#include <cstdlib>
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

enum class VectorKind { svg, eps, pdf, ps };

// Cairo's output goes into a whole file (see files.hpp); Cairo turns a
// failed write into a sticky surface error, and the file keeps the errno.
cairo_status_t write_to_whole_file(void* closure, const unsigned char* data, unsigned int length) {
  return static_cast<detail::WholeFile*>(closure)->write_noexcept(data, length) ? CAIRO_STATUS_SUCCESS
                                                                                 : CAIRO_STATUS_WRITE_ERROR;
}

cairo_surface_t* vector_surface(VectorKind kind, detail::WholeFile& file, double width, double height) {
  switch (kind) {
    case VectorKind::svg: return cairo_svg_surface_create_for_stream(write_to_whole_file, &file, width, height);
    case VectorKind::eps: {
      cairo_surface_t* s = cairo_ps_surface_create_for_stream(write_to_whole_file, &file, width, height);
      cairo_ps_surface_set_eps(s, 1);
      return s;
    }
    case VectorKind::ps: return cairo_ps_surface_create_for_stream(write_to_whole_file, &file, width, height);
    case VectorKind::pdf: break;
  }
  return cairo_pdf_surface_create_for_stream(write_to_whole_file, &file, width, height);
}

// Throws when the surface has failed: the file's own error when a write
// failed (it names the file and errno), else Cairo's.
void check_surface(cairo_surface_t* surface, const detail::WholeFile& file) {
  const cairo_status_t status = cairo_surface_status(surface);
  if (status == CAIRO_STATUS_SUCCESS) return;
  if (!file.error().empty()) file.throw_error();
  throw std::runtime_error("pargist: cannot write " + file.path() + ": " + cairo_error(status));
}

// The view of a vector page: the region when given, else `otherwise`.
PageView vector_view(const std::optional<Box>& region, const PageView& otherwise) {
  return region ? region_view_at(*region, 72.0, false) : otherwise;
}

// A vector file of one or more pages, named only once it is whole.
class VectorFile {
 public:
  VectorFile(const std::string& path, VectorKind kind, double width, double height)
      : file_(path), surface_(vector_surface(kind, file_, width, height)) {
    try {
      check_surface(surface_, file_);
    } catch (...) {
      cairo_surface_destroy(surface_);
      throw;
    }
  }
  ~VectorFile() { cairo_surface_destroy(surface_); }
  VectorFile(const VectorFile&) = delete;
  VectorFile& operator=(const VectorFile&) = delete;

  void add(const Frame& frame, const PageView& view) {
    check_surface(surface_, file_);  // an earlier failure stays one
    if (cairo_surface_get_type(surface_) == CAIRO_SURFACE_TYPE_PDF)
      cairo_pdf_surface_set_size(surface_, view.width, view.height);
    else if (cairo_surface_get_type(surface_) == CAIRO_SURFACE_TYPE_PS)
      cairo_ps_surface_set_size(surface_, view.width, view.height);
    try {
      render_vector_page(surface_, frame, view);
    } catch (...) {
      if (!file_.error().empty()) file_.throw_error();  // a failed write says why (errno)
      throw;
    }
    check_surface(surface_, file_);
    ++pages_;
  }
  int pages() const { return pages_; }
  /// Completes the file and names it.
  void commit() {
    cairo_surface_finish(surface_);
    check_surface(surface_, file_);
    file_.commit();
  }

 private:
  detail::WholeFile file_;
  cairo_surface_t* surface_;
  int pages_ = 0;
};

void write_vector_single(const Frame& frame, const std::string& path, VectorKind kind,
                         const std::optional<Box>& region) {
  // A single figure: the window's view (6 inches square), not the page.
  const PageView view = vector_view(region, window_view(72.0, 432));
  VectorFile out(path, kind, view.width, view.height);
  out.add(frame, view);
  out.commit();
}

// A multi-page PDF or PostScript file kept open until close(); whole files
// only. A failed page write fails this file for good (Cairo's stream cannot
// resume): every later page raises the same error until another hcp_file.
class PdfSink : public FrameSink {
 public:
  PdfSink(const std::string& path, VectorKind kind) : path_(path), file_(path, kind, 612, 792) {}
  void write(const Frame& frame) override { file_.add(frame, page_view(72.0, frame.landscape)); }
  std::string close() override {
    if (closed_) return last_;
    closed_ = true;
    if (file_.pages() == 0) return "";  // nothing to keep: the unnamed file goes
    file_.commit();
    last_ = path_;
    return last_;
  }

 private:
  std::string path_, last_;
  VectorFile file_;
  bool closed_ = false;
};

// One file per frame: name0000.png, name0001.png, ...
class SeriesSink : public FrameSink {
 public:
  SeriesSink(const std::string& path, const ImageOptions& options) : options_(options) {
    detail::split_extension(path, stem_, ext_);
    detail::WholeFile::check_writable(name_of(0));
  }
  void write(const Frame& frame) override {
    const std::string name = name_of(count_);
    if (ext_ == ".png") write_png(frame, name, options_);
    else if (ext_ == ".svg") write_svg(frame, name);
    else write_eps(frame, name);
    ++count_;
    last_ = name;
  }
  std::string close() override { return last_; }

 private:
  std::string name_of(int k) const {
    char number[16];
    std::snprintf(number, sizeof number, "%04d", k);
    return stem_ + number + ext_;
  }

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
  VectorFile out(path, VectorKind::pdf, 612, 792);
  for (const auto& f : frames) out.add(f, vector_view(region, page_view(72.0, f.landscape)));
  out.commit();
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
  if (ext == ".pdf") return std::make_unique<PdfSink>(path, VectorKind::pdf);
  if (ext == ".ps") return std::make_unique<PdfSink>(path, VectorKind::ps);
  if (ext == ".png" || ext == ".svg" || ext == ".eps") return std::make_unique<SeriesSink>(path, options.image);
  if (path.empty()) throw std::invalid_argument("pargist: a hardcopy file needs a name");
  cgm::CgmOptions cgm;
  cgm.max_file_bytes = options.cgm_file_bytes;
  cgm.dump_palette = options.dump_palette;
  return cgm::open_cgm_family(path, cgm);  // throws CgmWriteError when the file cannot be written
}

}  // namespace pargist::plot
