#include "thin_line_mask.hpp"

#include <algorithm>
#include <cmath>

#include "simd_paths.hpp"

namespace pargist::plot::detail {

namespace {
// v (a whole number, or NaN) as an int within [lo, hi]: clamped before the
// conversion, since a segment may reach far past the mask (an int cannot
// hold 1e12, and the conversion of such a double is undefined).
int whole_within(double v, int lo, int hi) {
  if (!(v >= lo)) return lo;
  return v >= hi ? hi : int(v);
}
}  // namespace

ThinLineMask::ThinLineMask(int x0, int y0, int width, int height, double line_width)
    : x0_(x0),
      y0_(y0),
      width_(std::max(width, 0)),
      height_(std::max(height, 0)),
      stride_(cairo_format_stride_for_width(CAIRO_FORMAT_A8, width_)),
      reach_(0.5 * line_width + 0.5),
      coverage_(std::size_t(stride_) * std::size_t(height_)) {}

ThinLineMask::~ThinLineMask() = default;

namespace {

// The pixels across the segment at one step along it (pa from the start,
// along the major axis): pixel k's coverage from its centre's distance to
// the segment. Combined by the maximum, not a sum: consecutive segments
// share their joint's pixels, which one stroked path covers once.
struct Across {
  double pa, da, db, b0, inv_len2, r;
  unsigned char coverage(int k) const {
    const double pb = k + 0.5 - b0;
    const double t = std::clamp((pa * da + pb * db) * inv_len2, 0.0, 1.0);
    const double ea = pa - t * da, eb = pb - t * db;
    const double cover = r - std::sqrt(ea * ea + eb * eb);
    return cover <= 0 ? 0 : static_cast<unsigned char>(std::min(cover, 1.0) * 255.0 + 0.5);
  }
};

#if PARGIST_AVX2_PATHS
// Across::coverage of pixels k0..k1, four at a time: the same operations in
// each lane ("avx2" fuses no multiply-add; min/max give clamp's and min's
// values, a zero's sign aside, which the squares drop), one square root
// for four pixels instead of four in a row.
__attribute__((target("avx2"))) void cover_across_avx2(const Across& a, int k0, int k1, unsigned char* c,
                                                       std::size_t step) {
  const __m256d b0 = _mm256_set1_pd(a.b0), pa = _mm256_set1_pd(a.pa), da = _mm256_set1_pd(a.da),
                db = _mm256_set1_pd(a.db), pada = _mm256_set1_pd(a.pa * a.da), inv = _mm256_set1_pd(a.inv_len2),
                r = _mm256_set1_pd(a.r), zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0),
                half = _mm256_set1_pd(0.5), full = _mm256_set1_pd(255.0), lanes = _mm256_setr_pd(0, 1, 2, 3);
  for (int k = k0; k <= k1; k += 4) {
    const __m256d pb = _mm256_sub_pd(_mm256_add_pd(_mm256_add_pd(_mm256_set1_pd(k), lanes), half), b0);
    const __m256d t = _mm256_min_pd(_mm256_max_pd(_mm256_mul_pd(_mm256_add_pd(pada, _mm256_mul_pd(pb, db)), inv), zero), one);
    const __m256d ea = _mm256_sub_pd(pa, _mm256_mul_pd(t, da)), eb = _mm256_sub_pd(pb, _mm256_mul_pd(t, db));
    const __m256d cover = _mm256_sub_pd(r, _mm256_sqrt_pd(_mm256_add_pd(_mm256_mul_pd(ea, ea), _mm256_mul_pd(eb, eb))));
    const __m256d level = _mm256_add_pd(_mm256_mul_pd(_mm256_min_pd(cover, one), full), half);
    // Not covered (cover <= 0): level 0, which leaves the pixel as it is.
    const __m256d covered = _mm256_and_pd(level, _mm256_cmp_pd(cover, zero, _CMP_GT_OQ));
    alignas(16) int v[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(v), _mm256_cvttpd_epi32(covered));
    for (int j = 0; j < 4 && k + j <= k1; ++j, c += step)
      if (v[j] > *c) *c = static_cast<unsigned char>(v[j]);
  }
}
#endif

}  // namespace

void ThinLineMask::segment(double ax, double ay, double bx, double by) {
  const bool avx2 = use_avx2();
  if (!(std::isfinite(ax) && std::isfinite(ay) && std::isfinite(bx) && std::isfinite(by))) return;
  const double r = reach_;
  // Nothing of it within the mask (with the line's reach): skip it.
  if (std::max(ax, bx) + r < x0_ || std::min(ax, bx) - r > x0_ + width_ ||
      std::max(ay, by) + r < y0_ || std::min(ay, by) - r > y0_ + height_)
    return;
  // Mask coordinates from here on.
  ax -= x0_, bx -= x0_, ay -= y0_, by -= y0_;
  const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  const double inv_len2 = len2 > 0 ? 1.0 / len2 : 0.0;
  // Walk the segment's major axis one pixel at a time; across it, the
  // pixel centres within reach: r / cos of the slope from the line's
  // centre (the round ends lie within that too).
  const bool steep = std::fabs(dy) > std::fabs(dx);
  const double a0 = steep ? ay : ax, b0 = steep ? ax : ay;  // start, along and across the major axis
  const double da = steep ? dy : dx, db = steep ? dx : dy;
  const double across = da != 0 ? r * std::sqrt(len2) / std::fabs(da) : r;
  const int size_a = steep ? height_ : width_, size_b = steep ? width_ : height_;
  const int m0 = whole_within(std::floor(std::min(a0, a0 + da) - r), 0, size_a);
  const int m1 = whole_within(std::floor(std::max(a0, a0 + da) + r), -1, size_a - 1);
  const std::size_t step_a = steep ? std::size_t(stride_) : 1, step_b = steep ? 1 : std::size_t(stride_);
  for (int m = m0; m <= m1; ++m) {
    const double pa = m + 0.5 - a0;  // pixel centre from the start, along
    const double centre = b0 + (da != 0 ? std::clamp(pa / da, 0.0, 1.0) : 0.0) * db;
    const int k0 = whole_within(std::ceil(centre - across - 0.5), 0, size_b);
    const int k1 = whole_within(std::floor(centre + across - 0.5), -1, size_b - 1);
    unsigned char* c = coverage_.data() + std::size_t(m) * step_a + std::size_t(std::max(k0, 0)) * step_b;
    const Across row{pa, da, db, b0, inv_len2, r};
#if PARGIST_AVX2_PATHS
    if (avx2) {
      cover_across_avx2(row, k0, k1, c, step_b);
      continue;
    }
#endif
    for (int k = k0; k <= k1; ++k, c += step_b) {
      const unsigned char v = row.coverage(k);
      if (v > *c) *c = v;
    }
  }
}

void ThinLineMask::paint(cairo_t* cr, bool antialias) {
  if (width_ == 0 || height_ == 0) return;
  if (!antialias)
    for (unsigned char& c : coverage_) c = c >= 128 ? 255 : 0;
  cairo_surface_t* mask =
      cairo_image_surface_create_for_data(coverage_.data(), CAIRO_FORMAT_A8, width_, height_, stride_);
  if (cairo_surface_status(mask) == CAIRO_STATUS_SUCCESS) cairo_mask_surface(cr, mask, x0_, y0_);
  cairo_surface_destroy(mask);
}

}  // namespace pargist::plot::detail
