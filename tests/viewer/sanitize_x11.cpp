// Linked into the window tests: under LeakSanitizer, what fontconfig, Cairo's
// toy fonts (the status strip) and Xlib keep for the life of the process,
// and OpenMPI's allocations kept past MPI_Finalize, must not fail a test;
// only pargist's own leaks should. Full unwinding so the suppressions see
// the library frames. Harmless in builds without sanitizers.
#include <cstdlib>

extern "C" const char* __lsan_default_options() { return "fast_unwind_on_malloc=0"; }

extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n"
         "leak:cairo_select_font_face\n"
         "leak:cairo_show_text\n"
         "leak:cairo_text_extents\n"
         "leak:libX11.so\n"
         "leak:cairo_xlib_surface_create\n"  // its per-screen cache, kept after the device is finished
         "leak:libmpi.so\n"
         "leak:libopen-pal.so\n"
         "leak:libopen-rte.so\n"
         "leak:libpmix.so\n"
         "leak:libhwloc.so\n"
         "leak:libevent\n"
         "leak:mca_\n";
}

// Keep OpenMPI's plugins mapped until exit, so that their frames have names
// for the suppressions above; set before main() and so before MPI_Init.
static const int keep_openmpi_plugins_mapped = [] {
  setenv("OMPI_MCA_mca_base_component_disable_dlclose", "1", /*overwrite=*/0);
  return 0;
}();
