// Linked into every test program: under LeakSanitizer, what the system
// libraries keep for the life of the process by design must not fail a
// test; only pargist's own leaks should. Harmless in builds without
// sanitizers (nothing calls these then).
//  - fontconfig's font cache and Cairo's toy font faces and lazily freed
//    font subsets (every program that draws text);
//  - Xlib's and cairo-xlib's per-display caches (the window tests);
//  - OpenMPI's allocations kept past MPI_Finalize (every MPI test).
#include <cstdlib>

extern "C" {

// Stacks through these libraries need the slow unwinder (no frame pointers).
const char* __lsan_default_options() { return "fast_unwind_on_malloc=0"; }

const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n"
         "leak:cairo_select_font_face\n"
         "leak:cairo_show_text\n"
         "leak:cairo_text_extents\n"
         "leak:cairo_surface_finish\n"
         "leak:libX11.so\n"
         "leak:cairo_xlib_surface_create\n"
         "leak:libmpi.so\n"
         "leak:libopen-pal.so\n"
         "leak:libopen-rte.so\n"
         "leak:libpmix.so\n"
         "leak:libhwloc.so\n"
         "leak:libevent\n"
         "leak:mca_\n";
}

}  // extern "C"

// Keep OpenMPI's plugins mapped until exit, so that their frames have names
// for the suppressions above; set before main() and so before MPI_Init.
static const int keep_openmpi_plugins_mapped = [] {
  setenv("OMPI_MCA_mca_base_component_disable_dlclose", "1", /*overwrite=*/0);
  return 0;
}();
