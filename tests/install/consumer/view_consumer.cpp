// A user's program with the live window library (pargist-view): it installs
// the window as Gist's display, draws, and writes the frame as a PNG. Run
// without $DISPLAY it opens no window; what it checks is that the flags of
// `pkg-config pargist-view` compile and link a program, and no MPI comes in.
#include <pargist/libplot/gist.hpp>
#include <pargist/viewer/display.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: view_consumer OUT.png\n");
    return 2;
  }
  pargist::viewer::install_display_factory();
  std::vector<double> x(200), y(200);
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] = 0.05 * double(i);
    y[i] = std::sin(x[i]);
  }
  pargist::plot::PlgOptions options;
  options.width = 4;
  pargist::plot::plg(y, x, options);
  pargist::plot::png(argv[1]);
  std::printf("view consumer wrote %s\n", argv[1]);
  return 0;
}
