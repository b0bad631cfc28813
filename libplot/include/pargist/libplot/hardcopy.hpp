// Output files of frames: PNG (libpng, from the rendered pixels), PDF
// (multi-page), SVG and EPS (Cairo surfaces), and the FrameSink interface a
// hardcopy file implements (the CGM family implements it in cgm.hpp).
//
// Every file is written whole or not at all: its bytes go to an unnamed
// file in the same folder, which takes its name only when complete. An
// error, a full disk or a killed process never leaves a truncated file, nor
// a temporary one.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "pargist/libplot/cairo_renderer.hpp"
#include "pargist/libplot/frame.hpp"

namespace pargist::plot {

/// An output file could not be written: a std::system_error whose what()
/// reads "pargist: cannot write PATH: <reason>" and whose code() is the
/// errno (ENOSPC, ENOENT, EACCES...), so that the collective error rule and
/// the bindings raise their file error (Python: OSError with that errno).
class FileError : public std::system_error {
 public:
  /// `what` without the reason (", <strerror>" is appended), e.g.
  /// "pargist: cannot write run00.cgm".
  FileError(int err, const std::string& what, std::string path)
      : std::system_error(err, std::generic_category(), what), path_(std::move(path)) {}
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct ImageOptions {
  double dpi = 100;         ///< pixels per inch (Gist's windows: 75 or 100)
  bool full_page = false;   ///< the whole 8.5x11 page instead of the window view
  int pixels = 0;           ///< window view side in pixels (0: 6 inches at dpi)
  int compression = 2;      ///< zlib level for PNG (speed first)
};

/// A rendered frame: premultiplied ARGB32 pixels (Cairo's layout, row major,
/// top row first), opaque since the background is painted.
struct RasterImage {
  int width = 0, height = 0;
  std::vector<std::uint32_t> argb;
  std::uint32_t at(int x, int y) const { return argb[static_cast<std::size_t>(y) * width + x]; }
  Rgb rgb(int x, int y) const {
    const std::uint32_t p = at(x, y);
    return {std::uint8_t(p >> 16), std::uint8_t(p >> 8), std::uint8_t(p)};
  }
};

/// Renders a frame to pixels.
RasterImage render_image(const Frame& frame, const ImageOptions& options = {});
/// Renders a frame to pixels through any view (a zoom, a region of the page).
RasterImage render_image(const Frame& frame, const PageView& view);

/// Writes an image as PNG through libpng with text chunks (key, value).
void write_png_image(const RasterImage& image, const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& text = {},
                     int compression = 2);
/// The same PNG in memory (for the browser view), no text chunks.
std::vector<std::uint8_t> encode_png(const RasterImage& image, int compression = 2);
/// Reads a PNG written by write_png_image (or any 8-bit RGB/RGBA PNG).
RasterImage read_png_image(const std::string& path);

/// One frame to PNG, with frame number, time, title and limits in tEXt chunks.
void write_png(const Frame& frame, const std::string& path, const ImageOptions& options = {});
/// Frames to one PDF, one page each: the whole 8.5x11 inch page, or only
/// the page region `region` (NDC) when given, at 72 points per inch.
void write_pdf(const std::vector<Frame>& frames, const std::string& path,
               const std::optional<Box>& region = std::nullopt);
/// One frame as SVG or EPS: Gist's window view (6 inches square), or the
/// page region `region` (NDC) when given, at 72 points per inch.
void write_svg(const Frame& frame, const std::string& path, const std::optional<Box>& region = std::nullopt);
void write_eps(const Frame& frame, const std::string& path, const std::optional<Box>& region = std::nullopt);

/// A hardcopy destination receiving finished frames.
class FrameSink {
 public:
  virtual ~FrameSink() = default;
  /// Adds one frame (a page, a picture, a numbered file).
  virtual void write(const Frame& frame) = 0;
  /// Completes the output; returns the name of the (last) file written.
  virtual std::string close() = 0;
  /// Limits asked for from outside since the last call, by coordinate
  /// system (1-based), each request handed out once: a CGM family's
  /// followers (pargist-view --follow) zoomed. Other outputs have none.
  virtual std::vector<std::pair<int, Limits>> requested_limits() { return {}; }
};

/// How a hardcopy file is written.
struct HardcopyOptions {
  ImageOptions image;                        ///< numbered PNG files
  std::uint64_t cgm_file_bytes = 100'000'000; ///< a CGM family's next file starts past this size
  bool dump_palette = true;                  ///< CGM pages carry the palette (Gist's dump=1)
};

/// Opens the hardcopy sink that the file name asks for, by Gist's rule and
/// pargist's additions: ".ps" (one multi-page PostScript file, whole at
/// close()), ".pdf" (likewise, PDF), ".png", ".svg", ".eps" (numbered files
/// name0000.png, name0001.png...), anything else a CGM family (Gist writes
/// CGM for any name but ".ps": its first file is exactly `path`). Throws
/// std::runtime_error when the folder is not writable.
std::unique_ptr<FrameSink> open_hardcopy(const std::string& path, const HardcopyOptions& options = {});

}  // namespace pargist::plot
