// PNG through libpng directly: rendered pixels out (fast zlib level, text
// chunks, written whole: see files.hpp), and back in for tests and tools.
#include <png.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "files.hpp"
#include "pargist/libplot/hardcopy.hpp"

namespace pargist::plot {

namespace {

// libpng reports errors through longjmp; keep the message for the exception.
struct PngError {
  char message[256] = "";
};

void on_png_error(png_structp png, png_const_charp msg) {
  auto* err = static_cast<PngError*>(png_get_error_ptr(png));
  if (err) std::snprintf(err->message, sizeof err->message, "%s", msg);
  png_longjmp(png, 1);
}

void on_png_warning(png_structp, png_const_charp) {}

// libpng's output goes into the whole file; a failed write ends libpng's
// work through its error path (no C++ exception crosses its C frames).
void write_to_whole_file(png_structp png, png_bytep data, png_size_t n) {
  auto* file = static_cast<detail::WholeFile*>(png_get_io_ptr(png));
  if (!file->write_noexcept(data, n)) png_error(png, file->error().c_str());
}

// encode_png's output: a memory stream (open_memstream), which fails only
// when memory runs out.
void write_to_stream(png_structp png, png_bytep data, png_size_t n) {
  auto* stream = static_cast<std::FILE*>(png_get_io_ptr(png));
  if (std::fwrite(data, 1, n, stream) != n) png_error(png, std::strerror(errno));
}

void flush_nothing(png_structp) {}

// Writes through `write(io, ...)`; returns "" or the error message.
// The row and chunk buffers come from the caller: nothing in this function
// may need destruction across libpng's longjmp.
std::string write_png_stream(png_rw_ptr write, void* io, const RasterImage& image,
                             const std::vector<std::pair<std::string, std::string>>& text, int compression,
                             std::vector<png_byte>& row, std::vector<png_text>& chunks) {
  PngError err;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &err, on_png_error, on_png_warning);
  if (!png) return "out of memory";
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    return "out of memory";
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return err.message[0] ? err.message : "libpng error";
  }
  png_set_write_fn(png, io, write, flush_nothing);
  png_set_compression_level(png, compression);
  // Plots are flat areas and lines: the "sub" filter alone compresses them
  // well at a fraction of the cost of adaptive filtering.
  png_set_filter(png, 0, PNG_FILTER_SUB);
  png_set_IHDR(png, info, png_uint_32(image.width), png_uint_32(image.height), 8, PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  for (std::size_t k = 0; k < text.size(); ++k) {
    chunks[k].compression = PNG_TEXT_COMPRESSION_NONE;
    chunks[k].key = const_cast<char*>(text[k].first.c_str());
    chunks[k].text = const_cast<char*>(text[k].second.c_str());
    chunks[k].text_length = text[k].second.size();
  }
  if (!chunks.empty()) png_set_text(png, info, chunks.data(), int(chunks.size()));
  png_write_info(png, info);
  for (int y = 0; y < image.height; ++y) {
    const std::uint32_t* src = &image.argb[static_cast<std::size_t>(y) * image.width];
    for (int x = 0; x < image.width; ++x) {
      row[3 * x] = png_byte(src[x] >> 16);
      row[3 * x + 1] = png_byte(src[x] >> 8);
      row[3 * x + 2] = png_byte(src[x]);
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return "";
}

}  // namespace

void write_png_image(const RasterImage& image, const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& text, int compression) {
  if (image.width <= 0 || image.height <= 0 ||
      image.argb.size() != static_cast<std::size_t>(image.width) * image.height)
    throw std::invalid_argument("pargist: png: the image is empty or inconsistent");
  detail::WholeFile file(path);
  std::vector<png_byte> row(static_cast<std::size_t>(image.width) * 3);
  std::vector<png_text> chunks(text.size());
  const std::string error =
      write_png_stream(write_to_whole_file, &file, image, text, compression < 0 || compression > 9 ? 2 : compression, row, chunks);
  if (!error.empty()) {
    // libpng's message for a failed write is the file's own ("cannot write ...").
    if (!file.error().empty()) file.throw_error();
    throw std::runtime_error("pargist: cannot write " + path + ": " + error);
  }
  file.commit();
}

std::vector<std::uint8_t> encode_png(const RasterImage& image, int compression) {
  if (image.width <= 0 || image.height <= 0 ||
      image.argb.size() != static_cast<std::size_t>(image.width) * image.height)
    throw std::invalid_argument("pargist: png: the image is empty or inconsistent");
  char* data = nullptr;
  std::size_t size = 0;
  std::FILE* memory = ::open_memstream(&data, &size);
  if (!memory) throw std::runtime_error(std::string("pargist: png: ") + std::strerror(errno));
  std::vector<png_byte> row(static_cast<std::size_t>(image.width) * 3);
  std::vector<png_text> chunks;
  std::string error =
      write_png_stream(write_to_stream, memory, image, {}, compression < 0 || compression > 9 ? 2 : compression, row, chunks);
  if (std::fclose(memory) != 0 && error.empty()) error = std::strerror(errno);
  std::vector<std::uint8_t> out;
  if (error.empty()) out.assign(data, data + size);
  std::free(data);
  if (!error.empty()) throw std::runtime_error("pargist: png: " + error);
  return out;
}

RasterImage read_png_image(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) throw std::runtime_error("pargist: cannot read " + path + ": " + std::strerror(errno));
  PngError err;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &err, on_png_error, on_png_warning);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  RasterImage image;
  std::vector<png_byte> row;
  if (!png || !info) {
    png_destroy_read_struct(&png, &info, nullptr);
    std::fclose(file);
    throw std::runtime_error("pargist: out of memory reading " + path);
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    std::fclose(file);
    throw std::runtime_error("pargist: cannot read " + path + ": " + (err.message[0] ? err.message : "not a PNG"));
  }
  png_init_io(png, file);
  png_read_info(png, info);
  png_set_expand(png);
  png_set_strip_16(png);
  png_set_gray_to_rgb(png);
  png_set_strip_alpha(png);
  png_read_update_info(png, info);
  image.width = int(png_get_image_width(png, info));
  image.height = int(png_get_image_height(png, info));
  row.resize(png_get_rowbytes(png, info));
  image.argb.resize(static_cast<std::size_t>(image.width) * image.height);
  for (int y = 0; y < image.height; ++y) {
    png_read_row(png, row.data(), nullptr);
    for (int x = 0; x < image.width; ++x)
      image.argb[static_cast<std::size_t>(y) * image.width + x] =
          0xff000000u | (std::uint32_t(row[3 * x]) << 16) | (std::uint32_t(row[3 * x + 1]) << 8) | row[3 * x + 2];
  }
  png_destroy_read_struct(&png, &info, nullptr);
  std::fclose(file);
  return image;
}

}  // namespace pargist::plot
