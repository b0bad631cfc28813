// Linked into pargist-view: under LeakSanitizer, the font cache that
// fontconfig keeps for the life of the process (Cairo's text) must not fail
// a test; only pargist's leaks should. Harmless in builds without sanitizers.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\n";
}
