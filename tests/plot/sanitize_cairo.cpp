// Linked into the libplot tests: under LeakSanitizer, the caches that
// fontconfig and Cairo keep for the life of the process (toy font faces,
// the PostScript/SVG surfaces' font subsets freed lazily) must not fail a
// test; only pargist's own leaks should. Full unwinding so the suppressions
// see the library frames. Harmless in builds without sanitizers.
extern "C" const char* __lsan_default_options() { return "fast_unwind_on_malloc=0"; }

extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n"
         "leak:cairo_select_font_face\n"
         "leak:cairo_surface_finish\n";
}
