// Internal: the order of a frame's fields in the world-coordinate record,
// one description for both directions: `io(ar, value)` writes with the
// record's writer (or counts its bytes with a sizer) and reads with its
// reader. An archive `ar` has `reading`, `layout` (1 or 2: which fields the
// record has), num, vec, str, mesh_array, count and check.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <variant>

#include "pargist/libplot/frame.hpp"

namespace pargist::cgm::world_record {

template <class Ar> void io(Ar& ar, plot::Color& c) {
  ar.num(c.kind);
  ar.check(c.kind <= plot::Color::Kind::rgb, "bad colour kind");
  ar.num(c.index);
  ar.num(c.rgb.r);
  ar.num(c.rgb.g);
  ar.num(c.rgb.b);
}
template <class Ar> void io(Ar& ar, plot::LineStyle& s) {
  io(ar, s.color);
  ar.num(s.type);
  ar.check(s.type <= plot::LineType::dashdotdot, "bad line type");
  ar.num(s.width);
}
template <class Ar> void io(Ar& ar, plot::MarkerStyle& s) {
  io(ar, s.color);
  ar.num(s.marker);
  ar.num(s.size);
}
template <class Ar> void io(Ar& ar, plot::TextStyle& s) {
  io(ar, s.color);
  ar.num(s.font);
  ar.num(s.height);
  ar.num(s.angle);
  ar.num(s.halign);
  ar.num(s.valign);
  ar.check(s.halign <= plot::HAlign::right && s.valign <= plot::VAlign::bottom, "bad text alignment");
  ar.num(s.opaque);
}
template <class Ar> void io(Ar& ar, plot::ElementInfo& i) {
  ar.str(i.legend);
  ar.num(i.hide);
}
template <class Ar> void io(Ar& ar, plot::QuadMesh& m) {
  ar.num(m.ni);
  ar.num(m.nj);
  ar.mesh_array(m.x, m.ni, m.nj);
  ar.mesh_array(m.y, m.ni, m.nj);
  ar.vec(m.ireg);
  // ni*nj computed without overflow: both sizes must match the arrays.
  const bool sized = m.ni == 0 ? m.x.empty() : (m.x.size() % m.ni == 0 && m.x.size() / m.ni == m.nj);
  ar.check(sized && m.y.size() == m.x.size() && (m.ireg.empty() || m.ireg.size() == m.x.size()),
           "mesh arrays do not match ni x nj");
}
template <class Ar> void io(Ar& ar, plot::Lines& e) {
  io(ar, e.info);
  ar.vec(e.x);
  ar.vec(e.y);
  ar.check(e.x.size() == e.y.size(), "polyline x and y differ in length");
  io(ar, e.line);
  ar.num(e.closed);
  ar.num(e.markers_at_points);
  ar.num(e.marks);
  io(ar, e.marker);
  ar.num(e.mspace);
  ar.num(e.mphase);
  ar.num(e.rays);
  if (ar.layout >= 2) {
    ar.num(e.rspace);
    ar.num(e.rphase);
    ar.num(e.arrowl);
    ar.num(e.arroww);
    ar.num(e.smooth);
  }
}
template <class Ar> void io(Ar& ar, plot::Disjoint& e) {
  io(ar, e.info);
  ar.vec(e.x0);
  ar.vec(e.y0);
  ar.vec(e.x1);
  ar.vec(e.y1);
  const auto n = e.x0.size();
  ar.check(e.y0.size() == n && e.x1.size() == n && e.y1.size() == n, "segment arrays differ in length");
  io(ar, e.line);
}
template <class Ar> void io(Ar& ar, plot::Text& e) {
  io(ar, e.info);
  ar.num(e.x);
  ar.num(e.y);
  ar.str(e.text);
  io(ar, e.style);
  ar.num(e.tosys);
}
template <class Ar> void io(Ar& ar, plot::Mesh& e) {
  io(ar, e.info);
  io(ar, e.mesh);
  io(ar, e.line);
  ar.num(e.region);
  ar.num(e.boundary);
  ar.num(e.inhibit);
}
template <class Ar> void io(Ar& ar, plot::FillMesh& e) {
  io(ar, e.info);
  io(ar, e.mesh);
  ar.vec(e.z);
  ar.vec(e.colors);
  const auto n = e.mesh.x.size();
  ar.check((e.z.empty() || e.z.size() == n) && (e.colors.empty() || e.colors.size() == n),
           "filled mesh values do not match the mesh");
  ar.num(e.has_cmin);
  ar.num(e.has_cmax);
  ar.num(e.cmin);
  ar.num(e.cmax);
  ar.num(e.edges);
  io(ar, e.edge_style);
  if (ar.layout >= 2) {
    ar.num(e.top);
    ar.num(e.region);
  }
}
template <class Ar> void io(Ar& ar, plot::Contours& e) {
  io(ar, e.info);
  io(ar, e.mesh);
  ar.vec(e.z);
  ar.check(e.z.empty() || e.z.size() == e.mesh.x.size(), "contour values do not match the mesh");
  ar.vec(e.levels);
  io(ar, e.line);
  ar.num(e.region);
  ar.num(e.marks);
  io(ar, e.marker);
  if (ar.layout >= 2) {
    ar.num(e.mspace);
    ar.num(e.mphase);
    ar.num(e.smooth);
  }
}
template <class Ar> void io(Ar& ar, plot::Cells& e) {
  io(ar, e.info);
  ar.num(e.nx);
  ar.num(e.ny);
  ar.num(e.x0);
  ar.num(e.y0);
  ar.num(e.x1);
  ar.num(e.y1);
  ar.vec(e.z);
  ar.vec(e.colors);
  ar.num(e.channels);
  ar.check(e.channels == 1 || e.channels == 3, "cell array channels must be 1 or 3");
  // nx*ny without overflow: the cell count must match one of the arrays.
  auto matches = [&](std::size_t size, std::size_t per) {
    return e.nx != 0 && size % (e.nx * per) == 0 && size / (e.nx * per) == e.ny;
  };
  const bool empty = e.nx == 0 || e.ny == 0;
  ar.check(empty ? (e.z.empty() && e.colors.empty())
                 : ((e.z.empty() || matches(e.z.size(), 1)) &&
                    (e.colors.empty() || matches(e.colors.size(), std::size_t(e.channels))) &&
                    !(e.z.empty() && e.colors.empty())),
           "cell array data does not match nx x ny");
  ar.num(e.has_cmin);
  ar.num(e.has_cmax);
  ar.num(e.cmin);
  ar.num(e.cmax);
  if (ar.layout >= 2) ar.num(e.top);
}
template <class Ar> void io(Ar& ar, plot::Polys& e) {
  io(ar, e.info);
  ar.vec(e.x);
  ar.vec(e.y);
  ar.vec(e.n);
  std::size_t total = 0;
  bool ok = e.x.size() == e.y.size();
  for (auto k : e.n) {
    if (k > e.x.size() - std::min(total, e.x.size())) ok = false;
    total += std::min(k, e.x.size());
  }
  ar.check(ok && total == e.x.size(), "polygon vertex counts do not add up to the vertices");
  ar.vec(e.z);
  std::size_t ncolors = ar.count(e.colors.size(), 4);
  if constexpr (Ar::reading) e.colors.resize(ncolors);
  for (auto& c : e.colors) io(ar, c);
  ar.check((e.z.empty() || e.z.size() == e.n.size()) &&
               (e.colors.empty() || e.colors.size() == e.n.size()),
           "polygon colours do not match the polygons");
  ar.num(e.has_cmin);
  ar.num(e.has_cmax);
  ar.num(e.cmin);
  ar.num(e.cmax);
  ar.num(e.edges);
  io(ar, e.edge_style);
  if (ar.layout >= 2) ar.num(e.top);
}
template <class Ar> void io(Ar& ar, plot::Vectors& e) {
  io(ar, e.info);
  ar.vec(e.x);
  ar.vec(e.y);
  ar.vec(e.vx);
  ar.vec(e.vy);
  const auto n = e.x.size();
  ar.check(e.y.size() == n && e.vx.size() == n && e.vy.size() == n, "vector arrays differ in length");
  io(ar, e.line);
  ar.num(e.scale);
  ar.num(e.hollow);
  ar.num(e.aspect);
  if (ar.layout >= 2) {
    ar.num(e.ni);
    ar.vec(e.ireg);
    ar.num(e.region);
    ar.check(e.ireg.empty() || (e.ni > 0 && e.ireg.size() == n && n % e.ni == 0), "plv regions do not match its mesh");
  }
}

// 3-D scenes keep their data and view, so a reader can turn them again.
template <class Ar> void io(Ar& ar, plot::View3& v) {
  for (auto& row : v.rot)
    for (double& r : row) ar.num(r);
  for (double& o : v.org) ar.num(o);
  ar.num(v.perspective);
  ar.num(v.zc);
}
template <class Ar> void io(Ar& ar, plot::Light3& l) {
  ar.num(l.ambient);
  ar.num(l.diffuse);
  ar.vec(l.specular);
  ar.vec(l.spower);
  const std::size_t n = ar.count(l.sdir.size(), 24);
  if constexpr (Ar::reading) l.sdir.resize(n);
  for (auto& d : l.sdir)
    for (double& c : d) ar.num(c);
}
template <class Ar> void io(Ar& ar, plot::Poly3& p) {
  ar.vec(p.n);
  ar.vec(p.xyz);
  ar.num(p.fill);
  ar.check(static_cast<int>(p.fill) <= 3, "unknown polygon fill");
  ar.vec(p.values);
  ar.vec(p.colors);
  ar.num(p.has_cmin);
  ar.num(p.has_cmax);
  ar.num(p.cmin);
  ar.num(p.cmax);
  ar.num(p.split);
  ar.num(p.edges);
}
template <class Ar> void io(Ar& ar, plot::Surface3& s) { io(ar, s.polys); }
template <class Ar> void io(Ar& ar, plot::Tree3& t) {
  const std::size_t n = ar.count(t.nodes.size(), 16);
  if constexpr (Ar::reading) t.nodes.resize(n);
  for (auto& node : t.nodes) {
    ar.num(node.has_plane);
    for (double& c : node.plane) ar.num(c);
    ar.num(node.back);
    ar.num(node.front);
    const std::size_t m = ar.count(node.polys.size(), 8);
    if constexpr (Ar::reading) node.polys.resize(m);
    for (auto& p : node.polys) io(ar, p);
  }
  ar.num(t.multiple_components);
}
template <class Ar> void io(Ar& ar, plot::Wire3& w) {
  ar.num(w.ni);
  ar.num(w.nj);
  ar.vec(w.xyz);
  ar.vec(w.fill);
  ar.num(w.shade);
  ar.num(w.edges);
  io(ar, w.edge_style);
  ar.num(w.cull);
  ar.num(w.has_cmax);
  ar.num(w.cmax);
}
template <class Ar> void io(Ar& ar, plot::Gnomon3& g) {
  ar.num(g.x);
  ar.num(g.y);
  ar.num(g.scale);
  for (auto& label : g.labels) ar.str(label);
}
template <class Ar, std::size_t I = 0>
void io_object3(Ar& ar, decltype(plot::Scene3::object)& o, std::uint8_t kind) {
  if constexpr (I < std::variant_size_v<std::decay_t<decltype(o)>>) {
    if (kind == I) {
      if constexpr (Ar::reading) o.template emplace<I>();
      io(ar, std::get<I>(o));
      return;
    }
    io_object3<Ar, I + 1>(ar, o, kind);
  } else {
    ar.check(false, "unknown 3-D object kind");
  }
}
template <class Ar> void io(Ar& ar, plot::Scene3& s) {
  io(ar, s.info);
  io(ar, s.view);
  io(ar, s.light);
  ar.num(s.normalize);
  auto kind = static_cast<std::uint8_t>(s.object.index());
  ar.num(kind);
  io_object3(ar, s.object, kind);
}

template <class Ar, std::size_t I = 0>
void io_variant(Ar& ar, plot::Element& e, std::uint8_t kind) {
  if constexpr (I < std::variant_size_v<plot::Element>) {
    if (kind == I) {
      if constexpr (Ar::reading) e.emplace<I>();
      io(ar, std::get<I>(e));
      return;
    }
    io_variant<Ar, I + 1>(ar, e, kind);
  } else {
    ar.check(false, "unknown element kind");
  }
}
template <class Ar> void io(Ar& ar, plot::Element& e) {
  auto kind = static_cast<std::uint8_t>(e.index());
  ar.num(kind);
  io_variant(ar, e, kind);
  if constexpr (Ar::reading) {
    // The model's own check as well, so a record can only give frames that
    // the renderers accept.
    try {
      plot::validate_element(e);
    } catch (const std::invalid_argument& bad) {
      ar.check(false, bad.what());
    }
  }
}

template <class Ar> void io(Ar& ar, plot::Box& b) {
  ar.num(b.xmin);
  ar.num(b.xmax);
  ar.num(b.ymin);
  ar.num(b.ymax);
}
template <class Ar> void io(Ar& ar, plot::Limits& l) {
  ar.num(l.xmin);
  ar.num(l.xmax);
  ar.num(l.ymin);
  ar.num(l.ymax);
  ar.num(l.auto_xmin);
  ar.num(l.auto_xmax);
  ar.num(l.auto_ymin);
  ar.num(l.auto_ymax);
  ar.num(l.log_x);
  ar.num(l.log_y);
  ar.num(l.square);
  ar.num(l.nice);
  ar.num(l.restrict);
}
template <class Ar> void io(Ar& ar, plot::AxisStyle& a) {
  ar.num(a.n_major);
  ar.num(a.n_minor);
  ar.num(a.log_adj_major);
  ar.num(a.log_adj_minor);
  ar.num(a.n_digits);
  ar.num(a.grid_level);
  ar.num(a.flags);
  ar.num(a.tick_off);
  ar.num(a.label_off);
  for (auto& t : a.tick_len) ar.num(t);
  io(ar, a.tick_style);
  io(ar, a.grid_style);
  io(ar, a.text_style);
  ar.num(a.x_over);
  ar.num(a.y_over);
  if (ar.layout >= 2) {
    ar.num(a.base60);
    ar.num(a.label_kind);
    ar.check(a.label_kind <= plot::AxisStyle::Labels::hhmm, "bad axis label kind");
  }
}
template <class Ar> void io(Ar& ar, plot::TickStyle& t) {
  io(ar, t.horiz);
  io(ar, t.vert);
  ar.num(t.frame);
  io(ar, t.frame_style);
}
template <class Ar> void io(Ar& ar, plot::CoordSystem& s) {
  io(ar, s.viewport);
  io(ar, s.limits);
  io(ar, s.ticks);
  ar.str(s.legend);
  const std::size_t n = ar.count(s.elements.size(), 2);
  if constexpr (Ar::reading) s.elements.resize(n);
  for (auto& e : s.elements) io(ar, e);
}
template <class Ar> void io(Ar& ar, plot::LegendBox& b) {
  ar.num(b.x);
  ar.num(b.y);
  ar.num(b.dx);
  ar.num(b.dy);
  io(ar, b.text_style);
  ar.num(b.nchars);
  ar.num(b.nlines);
  ar.num(b.nwrap);
}
template <class Ar> void io(Ar& ar, plot::Frame& f) {
  ar.str(f.style);
  ar.num(f.landscape);
  ar.str(f.palette.name);
  const std::size_t ncolors = ar.count(f.palette.colors.size(), 3);
  ar.check(ncolors <= 256, "palette longer than 256 colours");
  if constexpr (Ar::reading) f.palette.colors.resize(ncolors);
  for (auto& c : f.palette.colors) {
    ar.num(c.r);
    ar.num(c.g);
    ar.num(c.b);
  }
  const std::size_t nsys = ar.count(f.systems.size(), 8);
  if constexpr (Ar::reading) f.systems.resize(nsys);
  for (auto& s : f.systems) io(ar, s);
  io(ar, f.legends);
  io(ar, f.contour_legends);
  ar.num(f.draw_legends);
  ar.num(f.number);
  ar.str(f.title);
}

}  // namespace pargist::cgm::world_record
