// pargist._core's 3-D layer: the geometry of pl3d (view, rotation, normals,
// light, sort3d, bytscl) and the Scene3 elements pl3surf, pl3tree, plwf and
// the gnomon add to the current frame. pargist/pl3d.py keeps the view state
// and the 3-D display list and calls these.
//
//   view:  (rot 3x3, org 3, zc or None)   (pygist's _draw3_list[0:3])
//   light: (ambient, diffuse, specular[], spower[], sdir (ns, 3))
#include "arrays.hpp"
#include "bindings.hpp"
#include "plot_convert.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <pargist/libplot/gist.hpp>
#include <pargist/libplot/pl3d.hpp>

namespace pargist::pybind {

namespace {

plot::View3 to_view(const py::tuple& t) {
  plot::View3 v;
  const auto rot = to_doubles(t[0], "view rotation"), org = to_doubles(t[1], "view origin");
  if (rot.size() != 9 || org.size() != 3) throw py::value_error("pl3d: a view is a 3x3 rotation and a 3-vector");
  for (int b = 0; b < 3; ++b) {
    for (int a = 0; a < 3; ++a) v.rot[b][a] = rot[std::size_t(3 * b + a)];
    v.org[b] = org[std::size_t(b)];
  }
  if (!t[2].is_none()) {
    v.perspective = true;
    v.zc = t[2].cast<double>();
  }
  return v;
}

plot::Light3 to_light(const py::tuple& t) {
  plot::Light3 l;
  l.ambient = t[0].cast<double>();
  l.diffuse = t[1].cast<double>();
  l.specular = to_doubles(t[2], "light3 specular");
  l.spower = to_doubles(t[3], "light3 spower");
  const auto sdir = to_doubles(t[4], "light3 sdir");
  if (sdir.empty() || sdir.size() % 3) throw py::value_error("light3: sdir must be a 3-vector or ns-by-3");
  l.sdir.clear();
  for (std::size_t k = 0; k < sdir.size(); k += 3) l.sdir.push_back({sdir[k], sdir[k + 1], sdir[k + 2]});
  if (l.specular.empty() || l.spower.empty()) throw py::value_error("light3: specular and spower need values");
  return l;
}

std::vector<std::size_t> to_counts(const py::object& n) {
  std::vector<std::size_t> out;
  for (double v : to_doubles(n, "nverts")) {
    if (v < 3 || v != std::floor(v)) throw py::value_error("pl3d: every polygon needs 3 or more vertices");
    out.push_back(std::size_t(v));
  }
  return out;
}

py::array_t<double> rows3(std::vector<double>&& v) {
  const std::size_t n = v.size() / 3;
  return py::array_t<double>({static_cast<py::ssize_t>(n), py::ssize_t(3)}, v.data());
}

// A polygon list and its fill: ('shade'|'values'|'colors'|'background', data).
plot::Poly3 to_poly3(const py::tuple& t) {
  plot::Poly3 p;
  p.n = to_counts(t[0]);
  p.xyz = to_doubles(t[1], "xyzverts");
  const std::string fill = t[2].cast<std::string>();
  if (fill == "values") {
    p.fill = plot::Poly3::Fill::values;
    p.values = to_doubles(t[3], "values");
  } else if (fill == "colors") {
    p.fill = plot::Poly3::Fill::colors;
    p.colors = to_bytes(t[3], "values");
  } else if (fill == "background") {
    p.fill = plot::Poly3::Fill::background;
  }
  if (!t[4].is_none()) { p.has_cmin = true; p.cmin = t[4].cast<double>(); }
  if (!t[5].is_none()) { p.has_cmax = true; p.cmax = t[5].cast<double>(); }
  p.split = t[6].cast<bool>();
  p.edges = t[7].cast<bool>();
  return p;
}

// Adds the element and returns pygist's draw3 extents of what it draws.
// One 3-vector per polygon (normal, centroid) of an ni-by-nj mesh of
// points (nverts None) or of a polygon list (nverts: vertices per polygon).
template <class MeshFn, class PolyFn>
py::array_t<double> per_polygon(const std::string& name, const py::object& xyz, const py::object& nverts,
                                std::size_t ni, std::size_t nj, MeshFn mesh_fn, PolyFn poly_fn) {
  const auto pts = to_doubles(xyz, name + ": xyz");
  if (nverts.is_none()) {
    if (pts.size() != 3 * ni * nj) throw py::value_error(name + ": xyz does not match the mesh");
    return rows3(mesh_fn(pts.data(), ni, nj));
  }
  const auto n = to_counts(nverts);
  std::size_t total = 0;
  for (auto k : n) total += k;
  if (pts.size() != 3 * total) throw py::value_error(name + ": xyz does not match nxyz");
  return rows3(poly_fn(pts.data(), n.data(), n.size()));
}

py::list add_scene(plot::Scene3&& s, std::optional<int> system) {
  py::list out;
  for (const auto& b : plot::scene3_bounds(s)) out.append(py::make_tuple(b.xmin, b.xmax, b.ymin, b.ymax));
  plot::add_element(std::move(s), system);
  return out;
}

}  // namespace

void bind_pl3d(py::module_& m) {
  m.def("pl3_view_points", [](const py::tuple& view, const py::object& xyz) {
    const auto pts = to_doubles(xyz, "get3_xy: xyz");
    if (pts.size() % 3) throw py::value_error("get3_xy: xyz must hold x, y, z triples");
    return rows3(plot::view3_points(to_view(view), pts.data(), pts.size() / 3));
  }, "get3_xy: points (n, 3) in object coordinates to the viewer's (n, 3).");

  m.def("pl3_rotate", [](const py::object& rot, double xa, double ya, double za) {
    plot::View3 v = to_view(py::make_tuple(rot, std::vector<double>{0, 0, 0}, py::none()));
    plot::rotate3(v, xa, ya, za);
    return py::array_t<double>({py::ssize_t(3), py::ssize_t(3)}, &v.rot[0][0]);
  }, "rot3's new rotation matrix.");

  m.def("pl3_normals", [](const py::object& xyz, const py::object& nverts, std::size_t ni, std::size_t nj) {
    return per_polygon("get3_normal", xyz, nverts, ni, nj, plot::mesh_normals, plot::polygon_normals);
  }, py::arg("xyz"), py::arg("nverts"), py::arg("ni") = 0, py::arg("nj") = 0);

  m.def("pl3_centroids", [](const py::object& xyz, const py::object& nverts, std::size_t ni, std::size_t nj) {
    return per_polygon("get3_centroid", xyz, nverts, ni, nj, plot::mesh_centroids, plot::polygon_centroids);
  }, py::arg("xyz"), py::arg("nverts"), py::arg("ni") = 0, py::arg("nj") = 0);

  m.def("pl3_light", [](const py::tuple& light, const py::tuple& view, const py::object& normals,
                        const py::object& centroids) {
    auto l = plot::light3(to_light(light), to_view(view), to_doubles(normals, "normals"),
                          to_doubles(centroids, "centroids"));
    return vector_array(std::move(l));
  });

  m.def("pl3_sort3d", [](const py::object& z, const py::object& nverts) {
    const auto zs = to_doubles(z, "sort3d: z");
    const auto n = to_counts(nverts);
    std::size_t total = 0;
    for (auto k : n) total += k;
    if (zs.size() != total) throw py::value_error("sort3d: len(z) must be sum(npolys)");
    const auto order = plot::sort3d(zs.data(), n.data(), n.size());
    std::vector<std::int64_t> list(order.begin(), order.end()), vlist;
    std::vector<std::size_t> first(n.size());
    for (std::size_t k = 0, f = 0; k < n.size(); f += n[k], ++k) first[k] = f;
    for (std::size_t k : order)
      for (std::size_t j = 0; j < n[k]; ++j) vlist.push_back(std::int64_t(first[k] + j));
    return py::make_tuple(py::array_t<std::int64_t>(py::ssize_t(list.size()), list.data()),
                          py::array_t<std::int64_t>(py::ssize_t(vlist.size()), vlist.data()));
  }, "sort3d: (list, vlist) ordering the polygons back to front.");

  m.def("bytscl", [](const py::object& x, const py::object& cmin, const py::object& cmax, int top) {
    const auto v = to_doubles(x, "bytscl");
    const auto bs = plot::byte_scale(v, !cmin.is_none(), cmin.is_none() ? 0.0 : cmin.cast<double>(), !cmax.is_none(),
                                     cmax.is_none() ? 0.0 : cmax.cast<double>(), top);
    std::vector<std::uint8_t> out(v.size());
    for (std::size_t k = 0; k < v.size(); ++k) out[k] = bs(v[k]);
    return py::array_t<std::uint8_t>(py::ssize_t(out.size()), out.data());
  }, py::arg("x"), py::arg("cmin") = py::none(), py::arg("cmax") = py::none(), py::arg("top") = 239,
     "Gist's bytscl: values onto 0..top.");

  m.def("pl3_add_surface", [](const py::tuple& view, const py::tuple& light, bool normalize, const py::tuple& polys) {
    plot::Scene3 s;
    s.view = to_view(view);
    s.light = to_light(light);
    s.normalize = normalize;
    s.object = plot::Surface3{to_poly3(polys)};
    return add_scene(std::move(s), std::nullopt);
  });

  m.def("pl3_add_tree", [](const py::tuple& view, const py::tuple& light, bool normalize, bool multiple,
                           const std::vector<py::tuple>& nodes) {
    plot::Scene3 s;
    s.view = to_view(view);
    s.light = to_light(light);
    s.normalize = normalize;
    plot::Tree3 tree;
    tree.multiple_components = multiple;
    for (const py::tuple& t : nodes) {  // (plane or None, back, front, [polys...])
      plot::Tree3Node n;
      if (!t[0].is_none()) {
        const auto p = to_doubles(t[0], "pl3tree: plane");
        if (p.size() != 4) throw py::value_error("pl3tree: a plane is [nx, ny, nz, d]");
        n.has_plane = true;
        for (std::size_t k = 0; k < 4; ++k) n.plane[k] = p[k];
      }
      n.back = t[1].cast<int>();
      n.front = t[2].cast<int>();
      for (const py::handle item : t[3]) n.polys.push_back(to_poly3(py::reinterpret_borrow<py::tuple>(item)));
      tree.nodes.push_back(std::move(n));
    }
    s.object = std::move(tree);
    return add_scene(std::move(s), std::nullopt);
  });

  m.def("pl3_add_wire", [](const py::tuple& view, const py::tuple& light, std::size_t ni, std::size_t nj,
                           const py::object& xyz, const py::object& fill, bool shade, bool edges,
                           const py::object& ecolor, const py::object& ewidth, bool cull, const py::object& cmax) {
    plot::Scene3 s;
    s.view = to_view(view);
    s.light = to_light(light);
    plot::Wire3 w;
    w.ni = ni;
    w.nj = nj;
    w.xyz = to_doubles(xyz, "plwf: xyz");
    if (!fill.is_none()) w.fill = to_doubles(fill, "plwf: fill");
    w.shade = shade;
    w.edges = edges;
    if (!ecolor.is_none()) w.edge_style.color = to_color(ecolor);
    if (!ewidth.is_none()) w.edge_style.width = ewidth.cast<double>();
    w.cull = cull;
    if (!cmax.is_none()) { w.has_cmax = true; w.cmax = cmax.cast<double>(); }
    s.object = std::move(w);
    return add_scene(std::move(s), std::nullopt);
  });

  m.def("pl3_add_gnomon", [](const py::tuple& view, double x, double y, double scale,
                             const std::vector<std::string>& labels) {
    plot::Scene3 s;
    s.view = to_view(view);
    plot::Gnomon3 g;
    g.x = x;
    g.y = y;
    g.scale = scale;
    if (labels.size() != 3) throw py::value_error("gnomon: three axis labels needed");
    for (std::size_t k = 0; k < 3; ++k) g.labels[k] = labels[k];
    s.object = g;
    add_scene(std::move(s), 0);
  });
}

}  // namespace pargist::pybind
