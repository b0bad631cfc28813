#include "page_image.hpp"

#include <X11/Xutil.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include <cstdint>

#include "x11_connection.hpp"

namespace pargist::viewer::detail {

namespace {

// Cairo's ARGB32 is a native-endian 32-bit word, 0xAARRGGBB: the server's
// ZPixmap must hold the same word in the same byte order.
bool stores_like_cairo(Display* display) {
  const int screen = DefaultScreen(display);
  const Visual* v = DefaultVisual(display, screen);
  const int depth = DefaultDepth(display, screen);
  const std::uint32_t one = 1;
  const bool little = *reinterpret_cast<const unsigned char*>(&one) == 1;
  return v->c_class == TrueColor && (depth == 24 || depth == 32) && v->red_mask == 0xff0000 &&
         v->green_mask == 0xff00 && v->blue_mask == 0xff &&
         ImageByteOrder(display) == (little ? LSBFirst : MSBFirst);
}

}  // namespace

cairo_surface_t* PageImage::surface(Display* display, int width, int height) {
  if (surface_ && display == display_ && width == width_ && height == height_) return surface_;
  release();
  display_ = display;
  width_ = width;
  height_ = height;
  if (!(display && !shm_refused_ && attach_shared(width, height)))
    surface_ = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  return surface_;
}

bool PageImage::attach_shared(int width, int height) {
  if (!XShmQueryExtension(display_) || !stores_like_cairo(display_)) return false;
  const int screen = DefaultScreen(display_);
  XImage* image = XShmCreateImage(display_, DefaultVisual(display_, screen), unsigned(DefaultDepth(display_, screen)),
                                  ZPixmap, nullptr, &segment_, unsigned(width), unsigned(height));
  if (!image) return false;
  if (image->bits_per_pixel != 32 ||
      image->bytes_per_line != cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, width)) {
    XDestroyImage(image);
    return false;
  }
  segment_.shmid = shmget(IPC_PRIVATE, std::size_t(image->bytes_per_line) * std::size_t(height), IPC_CREAT | 0600);
  if (segment_.shmid < 0) {
    XDestroyImage(image);
    return false;
  }
  segment_.shmaddr = image->data = static_cast<char*>(shmat(segment_.shmid, nullptr, 0));
  segment_.readOnly = False;
  const bool mapped = segment_.shmaddr != reinterpret_cast<char*>(-1);
  // A remote server says yes to the extension and then cannot attach: its
  // error comes back at the XSync (and is taken, not printed).
  const bool attached = mapped && XShmAttach(display_, &segment_) && (XSync(display_, False), !take_shm_error(display_));
  // Marked for removal now: the segment goes when both sides detach, even
  // if this process dies.
  shmctl(segment_.shmid, IPC_RMID, nullptr);
  if (!attached) {
    if (mapped) shmdt(segment_.shmaddr);
    image->data = nullptr;
    XDestroyImage(image);
    segment_ = {};
    shm_refused_ = true;
    return false;
  }
  image_ = image;
  surface_ = cairo_image_surface_create_for_data(reinterpret_cast<unsigned char*>(image->data),
                                                 CAIRO_FORMAT_ARGB32, width, height, image->bytes_per_line);
  return true;
}

void PageImage::put(Drawable drawable, GC gc, int x, int y) {
  if (!image_) return;
  cairo_surface_flush(surface_);
  XShmPutImage(display_, drawable, gc, image_, 0, 0, x, y, unsigned(width_), unsigned(height_), False);
}

void PageImage::release(bool lost) {
  if (surface_) cairo_surface_destroy(surface_);
  surface_ = nullptr;
  if (image_) {
    if (!lost) {
      XShmDetach(display_, &segment_);
      XSync(display_, False);  // the server lets go before the memory does
    }
    shmdt(segment_.shmaddr);
    image_->data = nullptr;  // not Xlib's to free
    XDestroyImage(image_);
    image_ = nullptr;
    segment_ = {};
  }
  width_ = height_ = 0;
}

}  // namespace pargist::viewer::detail
