// The page as the window's thread renders it: a client-side ARGB32 image,
// in a MIT-SHM segment shared with the X server when the server offers one
// and its visual stores pixels as Cairo does (24-bit TrueColor, 32 bits a
// pixel, the client's byte order). Then the server reads the picture
// straight from that memory (XShmPutImage): no copy of it through the
// socket, and no server pixmap to keep it in. Otherwise the image is plain
// client memory and the connection keeps a server copy (x11_connection).
#pragma once

#include <X11/Xlib.h>
#include <X11/extensions/XShm.h>
#include <cairo.h>

namespace pargist::viewer::detail {

class PageImage {
 public:
  PageImage() = default;
  ~PageImage() { release(); }
  PageImage(const PageImage&) = delete;
  PageImage& operator=(const PageImage&) = delete;

  /// The image of width x height (made anew when the size changes); in
  /// shared memory if `display` can take it (nullptr: never).
  cairo_surface_t* surface(Display* display, int width, int height);
  /// The image as last made (nullptr: none).
  cairo_surface_t* current() const { return surface_; }
  /// The pixels are shared with the server: put() can show them.
  bool shared() const { return image_ != nullptr; }
  /// Shared only: the server copies the image to (x, y) of `drawable`.
  /// The pixels must not change until the server has done it (XSync).
  void put(Drawable drawable, GC gc, int x, int y);
  /// Frees the image (and detaches the segment, unless the connection is
  /// `lost`: then only this process lets it go).
  void release(bool lost = false);

 private:
  bool attach_shared(int width, int height);

  Display* display_ = nullptr;
  cairo_surface_t* surface_ = nullptr;
  XImage* image_ = nullptr;
  XShmSegmentInfo segment_{};
  int width_ = 0, height_ = 0;
  bool shm_refused_ = false;  ///< the server said no once: plain memory from then on
};

}  // namespace pargist::viewer::detail
