// pargist._core's slicing functions: slice3 on a (decomposed) grid or on
// unstructured cells, and slice2 on polygon lists. pargist/slice3.py gives
// them pygist's names and arguments.
#include "arrays.hpp"
#include "bindings.hpp"
#include "collective.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <pargist/reduce/slice3.hpp>

namespace pargist::pybind {

namespace {

using reduce::Comm;
using reduce::Polygons3;

// (nverts int32, xyz (n, 3) float64, values float64 or None), no copies.
py::tuple polygons_tuple(Polygons3&& p) {
  auto* counts = new std::vector<std::int32_t>(std::move(p.nverts));
  py::capsule owner(counts, [](void* q) { delete static_cast<std::vector<std::int32_t>*>(q); });
  py::array nverts = py::array_t<std::int32_t>(static_cast<py::ssize_t>(counts->size()), counts->data(), owner);
  const std::size_t nv = p.xyz.size() / 3;
  py::object xyz = nv ? grid_array(std::move(p.xyz), nv, 3)
                      : py::object(py::array_t<double>(std::vector<py::ssize_t>{0, 3}));
  py::object values = p.values.empty() ? py::object(py::none()) : vector_array(std::move(p.values));
  return py::make_tuple(nverts, xyz, values);
}

Polygons3 to_polygons(const py::object& nverts, const py::object& xyz, const py::object& values) {
  Polygons3 p;
  for (double n : to_doubles(nverts, "slice2: nverts")) p.nverts.push_back(std::int32_t(n));
  p.xyz = to_doubles(xyz, "slice2: xyzverts");
  if (!values.is_none()) p.values = to_doubles(values, "slice2: values");
  return p;
}

reduce::CellShape cell_shape(int corners) {
  switch (corners) {
    case 4: return reduce::CellShape::tet;
    case 5: return reduce::CellShape::pyramid;
    case 6: return reduce::CellShape::prism;
    case 8: return reduce::CellShape::hex;
    default: throw py::value_error("mesh3: cells must have 4, 5, 6 or 8 corners, got " + std::to_string(corners));
  }
}

}  // namespace

void bind_slice3(py::module_& m) {
  m.def("slice2", [](const py::object& nverts, const py::object& xyz, const py::object& values,
                     const py::object& plane, double precision, bool both) {
    Polygons3 in = to_polygons(nverts, xyz, values);
    reduce::Cut2 cut;
    if (py::isinstance<py::float_>(plane) || py::isinstance<py::int_>(plane)) {
      cut.by_level = true;
      cut.d = plane.cast<double>();
    } else {
      const auto p = to_doubles(plane, "slice2: plane");
      if (p.size() != 4) throw py::value_error("slice2: a plane is [nx, ny, nz, d] (see plane3)");
      cut.normal = {p[0], p[1], p[2]};
      cut.d = p[3];
    }
    Polygons3 back;
    Polygons3 front = reduce::slice2(in, cut, precision, both ? &back : nullptr);
    py::tuple f = polygons_tuple(std::move(front));
    if (!both) return f;
    return py::tuple(f + polygons_tuple(std::move(back)));
  }, py::arg("nverts"), py::arg("xyz"), py::arg("values"), py::arg("plane"), py::arg("precision") = 0.0,
     py::arg("both") = false,
     "Clip a polygon list by a plane [nx, ny, nz, d] (or a level of per-vertex values): "
     "(nverts, xyz, values), and the back side too when both.");

  m.def("slice3_grid", [](const Comm& comm, const py::object& field, const std::vector<std::int64_t>& lower,
                          const std::vector<std::int64_t>& upper, const std::vector<std::int64_t>& shape,
                          const py::dict& coords, const py::dict& cut, const py::object& color, bool color_cells,
                          bool nointerp, bool node, std::uint64_t maxpolys, int root, bool cells) {
    struct Args {
      HeldField field, color;
      std::vector<HeldField> xyz;
      reduce::GridCoords coords;
      reduce::Slice3Spec spec;
    };
    auto a = prepare_collectively(comm, [&] {
      Args args;
      args.field = field_view(field, lower, upper, shape, "slice3");
      const std::string kind = coords["kind"].cast<std::string>();
      if (kind == "uniform") {
        const auto o = to_doubles(coords["origin"], "slice3: origin"), d = to_doubles(coords["spacing"], "slice3: spacing");
        if (o.size() != 3 || d.size() != 3) throw py::value_error("slice3: origin and spacing need 3 values");
        for (std::size_t k = 0; k < 3; ++k) {
          args.coords.origin[k] = o[k];
          args.coords.spacing[k] = d[k];
        }
      } else if (kind == "rectilinear") {
        args.coords.kind = reduce::GridCoords::Kind::rectilinear;
        auto axes = coords["axes"].cast<std::vector<py::object>>();
        if (axes.size() != 3) throw py::value_error("slice3: three coordinate arrays needed");
        for (std::size_t k = 0; k < 3; ++k) args.coords.axes[k] = to_doubles(axes[k], "slice3: coordinates");
      } else if (kind == "curvilinear") {
        args.coords.kind = reduce::GridCoords::Kind::curvilinear;
        auto blocks = coords["xyz"].cast<std::vector<py::object>>();
        if (blocks.size() != 3) throw py::value_error("slice3: x, y and z node blocks needed");
        for (std::size_t k = 0; k < 3; ++k) {
          args.xyz.push_back(field_view(blocks[k], lower, upper, shape, "slice3: node coordinates"));
          args.coords.xyz[k] = args.xyz.back().view;
        }
      } else {
        throw py::value_error("slice3: unknown coordinates '" + kind + "'");
      }
      const std::string what = cut["kind"].cast<std::string>();
      if (what == "plane") {
        args.spec.cut = reduce::Slice3Spec::Cut::plane;
        const auto p = to_doubles(cut["plane"], "slice3: plane");
        if (p.size() != 4) throw py::value_error("slice3: a plane is [nx, ny, nz, d] (see plane3)");
        for (std::size_t k = 0; k < 4; ++k) args.spec.plane[k] = p[k];
      } else {
        args.spec.value = cut["value"].cast<double>();
      }
      if (!color.is_none()) {
        std::vector<std::int64_t> up = upper;
        if (color_cells)
          for (std::size_t k = 0; k < up.size(); ++k) up[k] = std::min(up[k], shape[k] - 1);
        args.color = field_view(color, lower, up, shape, "slice3: colour");
        args.spec.has_color = true;
        args.spec.color = args.color.view;
        args.spec.color_cell_centred = color_cells;
      }
      args.spec.nointerp = nointerp;
      args.spec.node_values = node;
      args.spec.max_polygons = maxpolys;
      args.spec.want_cells = cells;
      return args;
    });
    auto res = run_collective([&] { return reduce::slice3(comm, a.field.view, a.coords, a.spec, root); });
    py::dict info;
    info["stride"] = res.stride;
    info["polygons"] = res.polygons_total;
    info["bytes_to_root"] = res.bytes_to_root;
    info["ranks_sending"] = res.ranks_sending;
    if (cells && comm.rank() == root) {
      info["cells"] = py::array_t<std::int64_t>(py::ssize_t(res.cells.size()), res.cells.data());
      info["edges"] = py::array_t<std::uint8_t>(py::ssize_t(res.edges.size()), res.edges.data());
    }
    if (comm.rank() != root) return py::make_tuple(py::none(), py::none(), py::none(), info);
    return py::tuple(polygons_tuple(std::move(res.polygons)) + py::make_tuple(info));
  }, py::arg("comm"), py::arg("field"), py::arg("lower"), py::arg("upper"), py::arg("shape"), py::arg("coords"),
     py::arg("cut"), py::arg("color") = py::none(), py::arg("color_cells") = false, py::arg("nointerp") = false,
     py::arg("node") = false, py::arg("maxpolys") = 0, py::arg("root") = 0, py::arg("cells") = false,
     "slice3 of a decomposed grid (collective): (nverts, xyz, values, info) on root.");

  m.def("slice3_cells", [](const std::vector<py::tuple>& blocks, const py::object& xyz, const py::object& f,
                           const py::object& color, bool nointerp, bool node) {
    std::vector<reduce::CellBlock> cells;
    for (const py::tuple& b : blocks) {
      reduce::CellBlock cb;
      cb.shape = cell_shape(b[0].cast<int>());
      for (double c : to_doubles(b[1], "mesh3: verts")) cb.corners.push_back(std::int64_t(c));
      cells.push_back(std::move(cb));
    }
    const auto points = to_doubles(xyz, "mesh3: node coordinates");
    const auto values = to_doubles(f, "slice3: slicing function");
    std::vector<double> col;
    if (!color.is_none()) col = to_doubles(color, "slice3: colour");
    Polygons3 p = reduce::slice_cells(cells, points, values, color.is_none() ? nullptr : &col, nointerp, node);
    return polygons_tuple(std::move(p));
  }, py::arg("blocks"), py::arg("xyz"), py::arg("f"), py::arg("color") = py::none(), py::arg("nointerp") = false,
     py::arg("node") = false, "slice3 of unstructured cells: (nverts, xyz, values).");
}

}  // namespace pargist::pybind
