// pargist-view's command line.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "pargist/libplot/frame.hpp"

namespace pargist::view_tool {

struct WorldLimits {
  int system = 1;  ///< Gist system number (1-based) of a world-record page
  double xmin = 0, xmax = 1, ymin = 0, ymax = 1;
};

struct ViewToolOptions {
  std::string file;                    ///< the CGM file (first of its family)
  bool list = false;                   ///< --list: print the page catalogue
  std::vector<int> pages;              ///< --page: 1-based; empty = all (convert) / 1 (window)
  std::string png, pdf, svg;           ///< outputs
  int width = 0, height = 0;           ///< --size WxH of rasters (0 = the page at --dpi)
  double dpi = 100;                    ///< --dpi for rasters without --size
  std::optional<plot::Box> view;       ///< --view: the NDC part of the page shown
  std::optional<WorldLimits> limits;   ///< --limits: new world limits (zoom)
  bool follow_family = true;           ///< --no-family: this file only
  bool follow = false;                 ///< --follow: a family a running job is writing
  bool help = false;

  bool converts() const { return !png.empty() || !pdf.empty() || !svg.empty(); }
};

/// Parses argv; throws std::invalid_argument with a message for the user.
ViewToolOptions parse_options(int argc, char** argv);

/// The --help text.
const char* usage();

}  // namespace pargist::view_tool
